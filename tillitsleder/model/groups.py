"""Reflection groups: rounds of composition, members, meetings, three-step notes and agreed actions."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tillitsleder.model.base import Base, UTCDateTime, enum_check, nonblank_check, utcnow
from tillitsleder.model.enums import ActionStatus, DialogueStep
from tillitsleder.model.versioned import HasVersion, UpdatedAt, UpdatedBy

if TYPE_CHECKING:
    from tillitsleder.model.facilitators import Facilitator
    from tillitsleder.model.programme import Cohort, Enrolment


class GroupRound(Base):
    """One composition of a cohort's reflection groups; a later round reshuffles people."""

    __tablename__ = "group_round"
    __table_args__ = (
        UniqueConstraint("cohort_id", "number"),
        CheckConstraint("number >= 1", name="number_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id", ondelete="CASCADE"))
    number: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The group sizes and seed the round was composed with (None for rounds made by hand).
    min_size: Mapped[int | None]
    max_size: Mapped[int | None]
    seed: Mapped[int | None]

    cohort: Mapped[Cohort] = relationship()
    groups: Mapped[list[ReflectionGroup]] = relationship(back_populates="round", cascade="all, delete-orphan")


group_member = Table(
    "group_member",
    Base.metadata,
    Column("group_id", ForeignKey("reflection_group.id", ondelete="CASCADE"), primary_key=True),
    Column("enrolment_id", ForeignKey("enrolment.id", ondelete="CASCADE"), primary_key=True),
)


class ReflectionGroup(HasVersion, UpdatedBy, UpdatedAt, Base):
    __tablename__ = "reflection_group"
    __table_args__ = (UniqueConstraint("round_id", "name"), nonblank_check("name"))

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("group_round.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    facilitator_id: Mapped[int | None] = mapped_column(ForeignKey("facilitator.id", ondelete="SET NULL"))

    round: Mapped[GroupRound] = relationship(back_populates="groups")
    facilitator: Mapped[Facilitator | None] = relationship()
    members: Mapped[list[Enrolment]] = relationship(secondary=group_member)
    meetings: Mapped[list[GroupMeeting]] = relationship(
        back_populates="group", order_by="GroupMeeting.held_on", cascade="all, delete-orphan"
    )


group_meeting_attendee = Table(
    "group_meeting_attendee",
    Base.metadata,
    Column("meeting_id", ForeignKey("group_meeting.id", ondelete="CASCADE"), primary_key=True),
    Column("enrolment_id", ForeignKey("enrolment.id", ondelete="CASCADE"), primary_key=True),
)


class GroupMeeting(HasVersion, UpdatedBy, UpdatedAt, Base):
    __tablename__ = "group_meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("reflection_group.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date]
    facilitator_id: Mapped[int | None] = mapped_column(ForeignKey("facilitator.id", ondelete="SET NULL"))

    group: Mapped[ReflectionGroup] = relationship(back_populates="meetings")
    facilitator: Mapped[Facilitator | None] = relationship()
    attendees: Mapped[list[Enrolment]] = relationship(secondary=group_meeting_attendee)
    notes: Mapped[list[GroupNote]] = relationship(back_populates="meeting", cascade="all, delete-orphan")
    actions: Mapped[list[GroupAction]] = relationship(back_populates="meeting", cascade="all, delete-orphan")


class GroupNote(Base):
    """A note in the shape of the three-step dialogue. Content is for the group and its facilitator;
    ``theme`` may be marked shareable, and only then does the coordinator see it (without names)."""

    __tablename__ = "group_note"
    __table_args__ = (
        enum_check("step", DialogueStep),
        CheckConstraint("time_box_minutes IS NULL OR time_box_minutes > 0", name="time_box_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("group_meeting.id", ondelete="CASCADE"), index=True)
    step: Mapped[str] = mapped_column(String(20))
    prompt: Mapped[str] = mapped_column(Text, default="")
    time_box_minutes: Mapped[int | None]
    content: Mapped[str] = mapped_column(Text, default="")
    theme: Mapped[str] = mapped_column(String(200), default="")
    theme_shareable: Mapped[bool] = mapped_column(default=False)

    meeting: Mapped[GroupMeeting] = relationship(back_populates="notes")


class GroupAction(Base):
    """An action the group agreed on, followed up at the next meeting."""

    __tablename__ = "group_action"
    __table_args__ = (nonblank_check("description"), enum_check("status", ActionStatus))

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("group_meeting.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner_enrolment_id: Mapped[int | None] = mapped_column(ForeignKey("enrolment.id", ondelete="SET NULL"))
    due_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default=ActionStatus.OPEN.value)
    follow_up: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[GroupMeeting] = relationship(back_populates="actions")
