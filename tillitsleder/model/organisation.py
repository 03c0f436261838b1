"""Organisation and people: municipality → department → unit, persons and their roles."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tillitsleder.model.base import Base, UTCDateTime, enum_check, nonblank_check, utcnow
from tillitsleder.model.enums import Role
from tillitsleder.model.versioned import HasVersion, UpdatedAt


class Municipality(Base):
    """A municipality (kommune) or, for Oslo, the district (bydel) that runs programmes."""

    __tablename__ = "municipality"
    __table_args__ = (nonblank_check("name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    country: Mapped[str] = mapped_column(String(2), default="NO")
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Oslo")

    departments: Mapped[list[Department]] = relationship(back_populates="municipality")


class Department(Base):
    """An avdeling / förvaltning, e.g. Oppvekst or Mestring og omsorg."""

    __tablename__ = "department"
    __table_args__ = (UniqueConstraint("municipality_id", "name"), nonblank_check("name"))

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))

    municipality: Mapped[Municipality] = relationship(back_populates="departments")
    units: Mapped[list[Unit]] = relationship(back_populates="department")


class Unit(HasVersion, UpdatedAt, Base):
    """An enhet: a kindergarten, a home-care zone, a library, a clinic.

    ``name`` and ``department_id`` are what the unit is now; ``UnitHistory`` holds what it was before each rename
    or move, and ``UnitMerge`` says when it was merged into another unit (``tillitsleder.organisation``)."""

    __tablename__ = "unit"
    __table_args__ = (
        UniqueConstraint("department_id", "name"),
        nonblank_check("name"),
        CheckConstraint("valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to", name="valid_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str | None] = mapped_column(String(50))  # e.g. the HR system's org unit number
    valid_from: Mapped[date | None]
    valid_to: Mapped[date | None]  # the last day the unit exists; ``None``: still in use

    department: Mapped[Department] = relationship(back_populates="units")


class UnitHistory(Base):
    """What a unit was called, and in which department it was, until ``until`` (exclusive): one row per rename
    or move, so a report for an earlier day shows the unit as it was then."""

    __tablename__ = "unit_history"
    __table_args__ = (nonblank_check("name"), Index("ix_unit_history_unit_until", "unit_id", "until"))

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id", ondelete="CASCADE"))
    until: Mapped[date]


class UnitMerge(Base):
    """``unit_id`` was merged into ``into_id`` on ``merged_on``: nothing moves, people and enrolments keep
    pointing at the old unit, and ``organisation.resolve_unit`` follows the merge for later days."""

    __tablename__ = "unit_merge"
    __table_args__ = (CheckConstraint("unit_id <> into_id", name="not_itself"),)

    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), primary_key=True)
    into_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    merged_on: Mapped[date]


class Person(Base):
    """Anyone the app knows: leaders, facilitators, coordinators, directors."""

    __tablename__ = "person"
    __table_args__ = (
        nonblank_check("first_name"),
        nonblank_check("last_name"),
        CheckConstraint("leader_level IS NULL OR leader_level BETWEEN 1 AND 4", name="leader_level_range"),
        CheckConstraint("email IS NULL OR email LIKE '%_@_%'", name="email_shape"),
        Index("ix_person_name", "last_name", "first_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    employee_number: Mapped[str | None] = mapped_column(String(50), unique=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="SET NULL"), index=True)
    position: Mapped[str | None] = mapped_column(String(200))
    # 1 = top management … 4 = first-line leader; used to balance reflection groups.
    leader_level: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    unit: Mapped[Unit | None] = relationship()
    roles: Mapped[list[RoleAssignment]] = relationship(back_populates="person", cascade="all, delete-orphan")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class RoleAssignment(Base):
    """A person's role, optionally limited to one programme."""

    __tablename__ = "role_assignment"
    __table_args__ = (UniqueConstraint("person_id", "role", "programme_id"), enum_check("role", Role))

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))

    person: Mapped[Person] = relationship(back_populates="roles")
