"""Completion: a programme's extra completion rules and the coordinator's sign-off of a participant.

The minimum attendance lives on ``Programme.min_attendance`` and the required modules on ``Module.required``; this
table adds what the curriculum did not have: how many journal entries must be written (counted only where the
participant allows it) and whether the coordinator must sign off. A programme without a row has the defaults.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from tillitsleder.model.base import Base, UTCDateTime, utcnow


class CompletionRules(Base):
    __tablename__ = "completion_rules"
    __table_args__ = (CheckConstraint("min_journal_entries >= 0", name="min_journal_entries_not_negative"),)

    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"), primary_key=True)
    min_journal_entries: Mapped[int] = mapped_column(default=0)
    requires_sign_off: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class CompletionSignOff(Base):
    """The coordinator's confirmation that a participant completed (who and when); one per enrolment."""

    __tablename__ = "completion_sign_off"

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id", ondelete="CASCADE"), unique=True)
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
