"""The participant's learning journal (læringslogg) and commitments from the medarbeidersamtale.

Journal content is ciphertext to everything but the journal service: ``content`` holds the text and tags, sealed
with a key of its own that ``content_key`` wraps under the author's data key; a group summary is sealed the same
way with a second key. ``JournalGrant`` rows wrap an entry's key to a reader's public key (the coach, or the
members of the reflection group for the summary). Dates, links and the sharing choice stay plain so services can
decide who may see what. ``JournalDraft`` holds the writing view's autosaves, sealed with the author's data key.

A ``Commitment`` keeps its dates and status plain (the coordinator sees them) and seals its description and
follow-up like an entry: ``content`` with a key of its own that ``content_key`` wraps under the owner's data key,
and ``CommitmentGrant`` rows wrap that key to the owner's coaches. A commitment that revision 0008 found in
plaintext is *pending*: sealed to the owner's public key (``pending_key`` is the ephemeral public key,
``content_key`` is empty) until the owner next unlocks and it is sealed the ordinary way.

Stored times are kept to the minute (``minute_now``).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tillitsleder.model.base import Base, UTCDateTime, enum_check, utcnow
from tillitsleder.model.enums import CommitmentStatus, JournalSharing, PromptTemplate
from tillitsleder.model.versioned import HasVersion


def minute_now() -> datetime:
    """The clock's moment cut to the minute: journal times keep no seconds (less to learn from the file)."""
    return utcnow().replace(second=0, microsecond=0)


class JournalEntry(HasVersion, Base):
    __tablename__ = "journal_entry"
    __table_args__ = (
        enum_check("sharing", JournalSharing),
        enum_check("prompt_template", PromptTemplate),
        CheckConstraint("summary IS NULL OR sharing = 'group_summary'", name="summary_only_when_shared"),
        CheckConstraint("(summary IS NULL) = (summary_key IS NULL)", name="summary_has_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    written_on: Mapped[date]
    session_id: Mapped[int | None] = mapped_column(ForeignKey("session.id", ondelete="SET NULL"))
    module_id: Mapped[int | None] = mapped_column(ForeignKey("module.id", ondelete="SET NULL"))
    prompt_template: Mapped[str] = mapped_column(String(20), default=PromptTemplate.FREE.value)
    sharing: Mapped[str] = mapped_column(String(20), default=JournalSharing.PRIVATE.value)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    content_key: Mapped[bytes] = mapped_column(LargeBinary)
    summary: Mapped[bytes | None] = mapped_column(LargeBinary)
    summary_key: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=minute_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=minute_now, onupdate=minute_now)


class JournalGrant(Base):
    """An entry's content key (``coach``) or summary key (``group``) wrapped to one reader profile's public key."""

    __tablename__ = "journal_grant"
    __table_args__ = (
        UniqueConstraint("entry_id", "profile_id", "purpose"),
        CheckConstraint("purpose IN ('coach', 'group')", name="purpose_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entry.id", ondelete="CASCADE"), index=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(10))
    ephemeral_key: Mapped[bytes] = mapped_column(LargeBinary)
    wrapped_key: Mapped[bytes] = mapped_column(LargeBinary)


class JournalDraft(Base):
    """An autosaved, not yet saved state of the writing view; sealed with the author's data key."""

    __tablename__ = "journal_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"), index=True)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entry.id", ondelete="CASCADE"))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=minute_now, onupdate=minute_now)


class Commitment(HasVersion, Base):
    """A mutual commitment made in the medarbeidersamtale, about results or about relations."""

    __tablename__ = "commitment"
    __table_args__ = (
        enum_check("status", CommitmentStatus),
        CheckConstraint("(content_key IS NULL) <> (pending_key IS NULL)", name="sealed_or_pending"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    made_on: Mapped[date]
    due_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default=CommitmentStatus.OPEN.value)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    content_key: Mapped[bytes | None] = mapped_column(LargeBinary)
    pending_key: Mapped[bytes | None] = mapped_column(LargeBinary)


class CommitmentGrant(Base):
    """A commitment's content key wrapped to one coach profile's public key."""

    __tablename__ = "commitment_grant"
    __table_args__ = (UniqueConstraint("commitment_id", "profile_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitment.id", ondelete="CASCADE"), index=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"), index=True)
    ephemeral_key: Mapped[bytes] = mapped_column(LargeBinary)
    wrapped_key: Mapped[bytes] = mapped_column(LargeBinary)
