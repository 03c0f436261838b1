"""A table day (e.g. Norrköping's Chefsdag): many leaders seated at named round tables, each with a table leader."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tillitsleder.model.base import Base, UTCDateTime, nonblank_check, utcnow


class TableDay(Base):
    """One gathering with its seating; ``cohort_id`` is set when the cohort's participants were seated."""

    __tablename__ = "table_day"
    __table_args__ = (nonblank_check("name"), CheckConstraint("table_size >= 2", name="table_size_min"))

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date | None]
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohort.id", ondelete="SET NULL"))
    table_size: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    tables: Mapped[list[DayTable]] = relationship(
        back_populates="day", order_by="DayTable.position", cascade="all, delete-orphan"
    )


class DayTable(Base):
    """A named round table (e.g. "Eldkvarn") and the person who leads its dialogue."""

    __tablename__ = "table_day_table"
    __table_args__ = (UniqueConstraint("table_day_id", "name"), nonblank_check("name"))

    id: Mapped[int] = mapped_column(primary_key=True)
    table_day_id: Mapped[int] = mapped_column(ForeignKey("table_day.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    leader_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))

    day: Mapped[TableDay] = relationship(back_populates="tables")


class DaySeat(Base):
    """A person's seat; everyone sits at exactly one table of a day."""

    __tablename__ = "table_day_seat"
    __table_args__ = (UniqueConstraint("table_day_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_day_id: Mapped[int] = mapped_column(ForeignKey("table_day.id", ondelete="CASCADE"))
    table_id: Mapped[int] = mapped_column(ForeignKey("table_day_table.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
