"""Sessions (samlinger), venues, configurable attendance statuses and the attendance register."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Column, ForeignKey, Numeric, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tillitsleder.model.base import Base, UTCDateTime, enum_check, nonblank_check, utcnow
from tillitsleder.model.enums import SessionStatus, SessionType
from tillitsleder.model.versioned import HasVersion, UpdatedAt, UpdatedBy

if TYPE_CHECKING:
    from tillitsleder.model.facilitators import Facilitator
    from tillitsleder.model.programme import Cohort, Enrolment, Module


class Venue(Base):
    __tablename__ = "venue"
    __table_args__ = (
        nonblank_check("name"),
        CheckConstraint("capacity IS NULL OR capacity > 0", name="capacity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    capacity: Mapped[int | None]


session_facilitator = Table(
    "session_facilitator",
    Base.metadata,
    Column("session_id", ForeignKey("session.id", ondelete="CASCADE"), primary_key=True),
    Column("facilitator_id", ForeignKey("facilitator.id", ondelete="CASCADE"), primary_key=True),
)


class Session(HasVersion, UpdatedBy, Base):
    """One gathering of a cohort: a theme gathering, a professional day, a reflection-group day …"""

    __tablename__ = "session"
    __table_args__ = (
        nonblank_check("title"),
        CheckConstraint("ends_at > starts_at", name="times_ordered"),
        CheckConstraint("sequence >= 0", name="sequence_not_negative"),
        enum_check("session_type", SessionType),
        enum_check("status", SessionStatus),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id", ondelete="CASCADE"), index=True)
    module_id: Mapped[int | None] = mapped_column(ForeignKey("module.id", ondelete="SET NULL"))
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venue.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    session_type: Mapped[str] = mapped_column(String(32))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), default=SessionStatus.PLANNED.value)
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    # Calendar identity: the UID never changes; SEQUENCE grows with every change sent out.
    ical_uid: Mapped[str] = mapped_column(String(200), unique=True)
    sequence: Mapped[int] = mapped_column(default=0)
    # Sessions created together as a repeating series share this id (a UUID), so they can be changed together.
    series_id: Mapped[str | None] = mapped_column(String(64), index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    cohort: Mapped[Cohort] = relationship()
    module: Mapped[Module | None] = relationship()
    venue: Mapped[Venue | None] = relationship()
    facilitators: Mapped[list[Facilitator]] = relationship(secondary=session_facilitator)


class AttendanceStatus(Base):
    """A status the register offers for one programme (present, late, excused …) with its weight."""

    __tablename__ = "attendance_status"
    __table_args__ = (
        UniqueConstraint("programme_id", "code"),
        CheckConstraint("weight BETWEEN 0 AND 1", name="weight_fraction"),
        nonblank_check("code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(String(100))
    weight: Mapped[Decimal] = mapped_column(Numeric(4, 3))
    position: Mapped[int] = mapped_column(default=0)


class Attendance(HasVersion, UpdatedBy, UpdatedAt, Base):
    """One cell of the register: an enrolled participant at one session."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("session_id", "enrolment_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("session.id", ondelete="CASCADE"))
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id", ondelete="CASCADE"), index=True)
    status_id: Mapped[int] = mapped_column(ForeignKey("attendance_status.id", ondelete="RESTRICT"))
    note: Mapped[str] = mapped_column(Text, default="")

    session: Mapped[Session] = relationship()
    enrolment: Mapped[Enrolment] = relationship()
    status: Mapped[AttendanceStatus] = relationship()
