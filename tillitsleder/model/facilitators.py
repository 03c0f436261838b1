"""Facilitator pools (F16, F7, change agents), facilitators, their availability and assignments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tillitsleder.model.base import Base, enum_check, nonblank_check
from tillitsleder.model.enums import AssignmentKind, PoolKind
from tillitsleder.model.versioned import HasVersion, UpdatedAt, UpdatedBy

if TYPE_CHECKING:
    from tillitsleder.model.organisation import Person


class FacilitatorPool(Base):
    """A configurable pool such as F16 (Lean facilitators) or F7 (innovation agents)."""

    __tablename__ = "facilitator_pool"
    __table_args__ = (
        UniqueConstraint("municipality_id", "code"),
        nonblank_check("code"),
        nonblank_check("name"),
        enum_check("kind", PoolKind),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text, default="")

    facilitators: Mapped[list[Facilitator]] = relationship(back_populates="pool")


class Facilitator(HasVersion, UpdatedBy, UpdatedAt, Base):
    """A person's membership of a pool, with skills and monthly capacity."""

    __tablename__ = "facilitator"
    __table_args__ = (
        UniqueConstraint("pool_id", "person_id"),
        CheckConstraint("capacity_hours_per_month >= 0", name="capacity_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pool_id: Mapped[int] = mapped_column(ForeignKey("facilitator_pool.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    skills: Mapped[str] = mapped_column(Text, default="")
    capacity_hours_per_month: Mapped[Decimal] = mapped_column(Numeric(6, 2), default=Decimal(8))
    active: Mapped[bool] = mapped_column(default=True)

    pool: Mapped[FacilitatorPool] = relationship(back_populates="facilitators")
    person: Mapped[Person] = relationship(foreign_keys="Facilitator.person_id")
    unavailable: Mapped[list[FacilitatorUnavailability]] = relationship(cascade="all, delete-orphan")


class FacilitatorUnavailability(Base):
    __tablename__ = "facilitator_unavailability"
    __table_args__ = (CheckConstraint("last_day >= first_day", name="dates_ordered"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[int] = mapped_column(ForeignKey("facilitator.id", ondelete="CASCADE"), index=True)
    first_day: Mapped[date]
    last_day: Mapped[date]
    reason: Mapped[str] = mapped_column(String(200), default="")


class FacilitatorAssignment(HasVersion, UpdatedBy, UpdatedAt, Base):
    """A facilitator assigned to exactly one of: a reflection group, a session, or a leader they support."""

    __tablename__ = "facilitator_assignment"
    __table_args__ = (
        enum_check("kind", AssignmentKind),
        CheckConstraint(
            "(kind = 'group' AND group_id IS NOT NULL AND session_id IS NULL AND person_id IS NULL)"
            " OR (kind = 'session' AND session_id IS NOT NULL AND group_id IS NULL AND person_id IS NULL)"
            " OR (kind = 'leader' AND person_id IS NOT NULL AND group_id IS NULL AND session_id IS NULL)",
            name="one_target",
        ),
        CheckConstraint("hours >= 0", name="hours_not_negative"),
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="dates_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[int] = mapped_column(ForeignKey("facilitator.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("reflection_group.id", ondelete="CASCADE"))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("session.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    hours: Mapped[Decimal] = mapped_column(Numeric(6, 2), default=Decimal(0))

    facilitator: Mapped[Facilitator] = relationship()
