"""Programmes, their curriculum (semesters and modules), cohorts and enrolments."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tillitsleder.model.base import Base, UTCDateTime, enum_check, nonblank_check, utcnow
from tillitsleder.model.enums import EnrolmentStatus, SessionType
from tillitsleder.model.versioned import HasVersion, UpdatedAt, UpdatedBy

if TYPE_CHECKING:
    from tillitsleder.model.organisation import Person, Unit


class Programme(HasVersion, UpdatedBy, UpdatedAt, Base):
    """A leadership development programme (lederutviklingsprogram), typically two years."""

    __tablename__ = "programme"
    __table_args__ = (
        UniqueConstraint("municipality_id", "name"),
        nonblank_check("name"),
        CheckConstraint("end_date >= start_date", name="dates_ordered"),
        CheckConstraint("min_attendance BETWEEN 0 AND 1", name="min_attendance_fraction"),
        CheckConstraint("retention_months IS NULL OR retention_months BETWEEN 1 AND 120", name="retention_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id", ondelete="RESTRICT"))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date]
    end_date: Mapped[date]
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Oslo")
    # Weighted attendance over all planned sessions needed to complete, as a fraction.
    min_attendance: Mapped[Decimal] = mapped_column(Numeric(4, 3), default=Decimal("0.800"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The retention rule: this many months after a cohort ends its journals are erased and its enrolments
    # anonymised (``tillitsleder.privacy.retention``). None: no rule, nothing is erased by time.
    retention_months: Mapped[int | None]

    semesters: Mapped[list[Semester]] = relationship(
        back_populates="programme", order_by="Semester.number", cascade="all, delete-orphan"
    )
    modules: Mapped[list[Module]] = relationship(
        back_populates="programme", order_by="Module.position", cascade="all, delete-orphan"
    )
    cohorts: Mapped[list[Cohort]] = relationship(back_populates="programme")


class Semester(HasVersion, UpdatedBy, UpdatedAt, Base):
    __tablename__ = "semester"
    __table_args__ = (
        UniqueConstraint("programme_id", "number"),
        CheckConstraint("number >= 1", name="number_positive"),
        CheckConstraint("end_date >= start_date", name="dates_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[date]
    end_date: Mapped[date]

    programme: Mapped[Programme] = relationship(back_populates="semesters")


class Module(HasVersion, UpdatedBy, UpdatedAt, Base):
    """One part of the curriculum, placed in a semester."""

    __tablename__ = "module"
    __table_args__ = (
        nonblank_check("title"),
        CheckConstraint("hours >= 0", name="hours_not_negative"),
        CheckConstraint("position >= 0", name="position_not_negative"),
        enum_check("session_type", SessionType),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"), index=True)
    semester_id: Mapped[int | None] = mapped_column(ForeignKey("semester.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    objectives: Mapped[str] = mapped_column(Text, default="")
    hours: Mapped[Decimal] = mapped_column(Numeric(6, 2), default=Decimal(0))
    session_type: Mapped[str] = mapped_column(String(32), default=SessionType.THEME_GATHERING.value)
    required: Mapped[bool] = mapped_column(default=True)

    programme: Mapped[Programme] = relationship(back_populates="modules")
    semester: Mapped[Semester | None] = relationship()


class Cohort(HasVersion, UpdatedBy, UpdatedAt, Base):
    """A kull: the group of leaders who go through one run of a programme together."""

    __tablename__ = "cohort"
    __table_args__ = (
        nonblank_check("name"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    # When the programme's retention rule was applied to this cohort (None: not yet).
    retention_applied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    programme: Mapped[Programme] = relationship(back_populates="cohorts")
    enrolments: Mapped[list[Enrolment]] = relationship(back_populates="cohort")


class Enrolment(HasVersion, UpdatedBy, UpdatedAt, Base):
    """A person in a cohort, with the unit and position they had when enrolled."""

    __tablename__ = "enrolment"
    __table_args__ = (UniqueConstraint("cohort_id", "person_id"), enum_check("status", EnrolmentStatus))

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="SET NULL"))
    position: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default=EnrolmentStatus.ACTIVE.value)
    status_since: Mapped[date]
    enrolled_on: Mapped[date]
    # The participant's choice to let the coordinator count their journal entries toward completion.
    journal_count_visible: Mapped[bool] = mapped_column(default=False)

    cohort: Mapped[Cohort] = relationship(back_populates="enrolments")
    person: Mapped[Person] = relationship(foreign_keys="Enrolment.person_id")
    unit: Mapped[Unit | None] = relationship()
    history: Mapped[list[EnrolmentStatusChange]] = relationship(
        back_populates="enrolment", order_by="EnrolmentStatusChange.changed_at", cascade="all, delete-orphan"
    )


class EnrolmentStatusChange(Base):
    """History of an enrolment's status."""

    __tablename__ = "enrolment_status_change"
    __table_args__ = (enum_check("status", EnrolmentStatus),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    effective_on: Mapped[date]
    reason: Mapped[str] = mapped_column(Text, default="")
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    enrolment: Mapped[Enrolment] = relationship(back_populates="history")
