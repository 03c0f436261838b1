"""The participant's learning journal (læringslogg) and commitments from the medarbeidersamtale.

Journal bodies are opaque bytes to everything but the journal service: a later revision encrypts them per
participant. Nothing outside that service may read ``body``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, LargeBinary, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from tillitsleder.model.base import Base, UTCDateTime, enum_check, nonblank_check, utcnow
from tillitsleder.model.enums import CommitmentStatus, JournalSharing, PromptTemplate


class JournalEntry(Base):
    __tablename__ = "journal_entry"
    __table_args__ = (enum_check("sharing", JournalSharing), enum_check("prompt_template", PromptTemplate))

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    written_on: Mapped[date]
    session_id: Mapped[int | None] = mapped_column(ForeignKey("session.id", ondelete="SET NULL"))
    module_id: Mapped[int | None] = mapped_column(ForeignKey("module.id", ondelete="SET NULL"))
    prompt_template: Mapped[str] = mapped_column(String(20), default=PromptTemplate.FREE.value)
    sharing: Mapped[str] = mapped_column(String(20), default=JournalSharing.PRIVATE.value)
    body: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


journal_entry_tag = Table(
    "journal_entry_tag",
    Base.metadata,
    Column("entry_id", ForeignKey("journal_entry.id", ondelete="CASCADE"), primary_key=True),
    Column("tag", String(64), primary_key=True),
)


class Commitment(Base):
    """A mutual commitment made in the medarbeidersamtale, about results or about relations."""

    __tablename__ = "commitment"
    __table_args__ = (nonblank_check("description"), enum_check("status", CommitmentStatus))

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    made_on: Mapped[date]
    due_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default=CommitmentStatus.OPEN.value)
    follow_up: Mapped[str] = mapped_column(Text, default="")
