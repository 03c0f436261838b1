"""The erasure log: which person ids were erased and when — ids and timestamps only, never a name.

``person_id`` is deliberately not a foreign key: the log outlives what it names, and it is re-applied to an older
backup in which the person is still whole (``tillitsleder.privacy.erasure_log``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tillitsleder.model.base import Base, UTCDateTime, utcnow


class ErasureRecord(Base):
    __tablename__ = "erasure_log"
    __table_args__ = (UniqueConstraint("person_id", "include_certificates"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(index=True)
    erased_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    include_certificates: Mapped[bool] = mapped_column(default=False)
