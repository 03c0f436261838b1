"""The audit trail: who did what to which record, and when. Never holds journal or note content."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tillitsleder.model.base import Base, UTCDateTime, nonblank_check, utcnow


class AuditEvent(Base):
    __tablename__ = "audit_event"
    __table_args__ = (nonblank_check("action"), Index("ix_audit_event_entity", "entity", "entity_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[int | None]
    # A short machine-readable summary (JSON); free text from users never goes here.
    detail: Mapped[str] = mapped_column(Text, default="{}")
