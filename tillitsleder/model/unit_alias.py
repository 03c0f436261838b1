"""Unit aliases: a name an HR list uses for a registered unit, remembered from an earlier participant import.

``alias`` is the name folded by ``tillitsleder.enrolment.participant_list.unit_names.unit_key`` (case, spacing,
accents and common abbreviations removed), unique per municipality.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tillitsleder.model.base import Base, nonblank_check


class UnitAlias(Base):
    __tablename__ = "unit_alias"
    __table_args__ = (UniqueConstraint("municipality_id", "alias"), nonblank_check("alias"))

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
