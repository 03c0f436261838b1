"""Scheduling conflicts of a session, as data: the caller shows them and lets the coordinator save anyway.

A conflict is a facilitator or a venue booked for an overlapping session (in any cohort; sessions that
only touch, one ending as the other starts, do not overlap), a facilitator marked unavailable that day, a
date outside the programme's dates, or a day off (weekend, public holiday). Cancelled sessions book nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import and_, select, true
from sqlalchemy.orm import Session as OrmSession

from tillitsleder.i18n import N_, _, format_date, format_time
from tillitsleder.model import (
    Cohort,
    Facilitator,
    FacilitatorUnavailability,
    Person,
    Session,
    Venue,
    session_facilitator,
)
from tillitsleder.model.enums import SessionStatus
from tillitsleder.sessions.working_days import is_day_off


class ConflictKind(StrEnum):
    FACILITATOR_BUSY = "facilitator_busy"
    FACILITATOR_AWAY = "facilitator_away"
    VENUE_BUSY = "venue_busy"
    OUTSIDE_PROGRAMME = "outside_programme"
    DAY_OFF = "day_off"


_MESSAGES = {
    ConflictKind.FACILITATOR_BUSY: N_("{name} already facilitates “{other}” ({cohort}) on {date}, {start}–{end}."),
    ConflictKind.FACILITATOR_AWAY: N_("{name} is marked as unavailable on {date}."),
    ConflictKind.VENUE_BUSY: N_("{name} is already booked for “{other}” ({cohort}) on {date}, {start}–{end}."),
    ConflictKind.OUTSIDE_PROGRAMME: N_("{date} is outside the programme’s dates ({first} – {last})."),
    ConflictKind.DAY_OFF: N_("{date} is a weekend day or a public holiday."),
}


@dataclass(frozen=True)
class ProgrammeFrame:
    """What conflicts are judged against: the programme's time zone, dates and country (for holidays)."""

    zone: str
    first_day: date
    last_day: date
    country: str


@dataclass(frozen=True)
class Conflict:
    """One warning about a session being planned for ``day``. ``message()`` says it in the current language."""

    kind: ConflictKind
    day: date
    zone: str
    name: str = ""  # the facilitator's or the venue's
    other_session_id: int | None = None
    other_title: str = ""
    other_cohort: str = ""
    other_starts_at: datetime | None = None
    other_ends_at: datetime | None = None
    first_day: date | None = None
    last_day: date | None = None

    def message(self) -> str:
        zone = ZoneInfo(self.zone)
        fields = {"name": self.name, "date": format_date(self.day), "other": self.other_title}
        fields["cohort"] = self.other_cohort
        if self.other_starts_at is not None and self.other_ends_at is not None:
            starts, ends = self.other_starts_at.astimezone(zone), self.other_ends_at.astimezone(zone)
            fields.update(date=format_date(starts), start=format_time(starts), end=format_time(ends))
        fields.update(first=format_date(self.first_day), last=format_date(self.last_day))
        return _(_MESSAGES[self.kind]).format(**fields)


def find_conflicts(
    s: OrmSession,
    frame: ProgrammeFrame,
    starts_at: datetime,
    ends_at: datetime,
    *,
    facilitator_ids: Iterable[int] = (),
    venue_id: int | None = None,
    ignore_session_ids: Iterable[int] = (),
) -> list[Conflict]:
    """The conflicts of a session from ``starts_at`` to ``ends_at`` (UTC-aware), in the order they matter."""
    day = starts_at.astimezone(ZoneInfo(frame.zone)).date()
    facilitator_ids = sorted(set(facilitator_ids))
    ignored = list(ignore_session_ids)
    overlapping = and_(
        Session.starts_at < ends_at,
        Session.ends_at > starts_at,
        Session.status != SessionStatus.CANCELLED.value,
        Session.id.not_in(ignored) if ignored else true(),
    )
    found: list[Conflict] = []

    def clash(kind: ConflictKind, name: str, row) -> Conflict:
        return Conflict(kind, day, frame.zone, name, row.id, row.title, row.cohort, row.starts_at, row.ends_at)

    columns = (Session.id, Session.title, Session.starts_at, Session.ends_at, Cohort.name.label("cohort"))
    if facilitator_ids:
        rows = s.execute(
            select(*columns, Person.first_name, Person.last_name)
            .join(Cohort, Cohort.id == Session.cohort_id)
            .join(session_facilitator, session_facilitator.c.session_id == Session.id)
            .join(Facilitator, Facilitator.id == session_facilitator.c.facilitator_id)
            .join(Person, Person.id == Facilitator.person_id)
            .where(overlapping, Person.id.in_(_person_ids(s, facilitator_ids)))
            .order_by(Session.starts_at, Person.last_name, Person.first_name)
        ).all()
        seen: set[tuple[int, str]] = set()
        for row in rows:
            name = f"{row.first_name} {row.last_name}"
            if (row.id, name) not in seen:  # one person may sit in two pools
                seen.add((row.id, name))
                found.append(clash(ConflictKind.FACILITATOR_BUSY, name, row))
        away = s.execute(
            select(Person.first_name, Person.last_name)
            .select_from(FacilitatorUnavailability)
            .join(Facilitator, Facilitator.id == FacilitatorUnavailability.facilitator_id)
            .join(Person, Person.id == Facilitator.person_id)
            .where(
                FacilitatorUnavailability.facilitator_id.in_(facilitator_ids),
                FacilitatorUnavailability.first_day <= day,
                FacilitatorUnavailability.last_day >= day,
            )
            .distinct()
            .order_by(Person.last_name, Person.first_name)
        ).all()
        found += [Conflict(ConflictKind.FACILITATOR_AWAY, day, frame.zone, f"{r[0]} {r[1]}") for r in away]
    if venue_id is not None:
        rows = s.execute(
            select(*columns, Venue.name.label("venue"))
            .join(Cohort, Cohort.id == Session.cohort_id)
            .join(Venue, Venue.id == Session.venue_id)
            .where(overlapping, Session.venue_id == venue_id)
            .order_by(Session.starts_at)
        ).all()
        found += [clash(ConflictKind.VENUE_BUSY, row.venue, row) for row in rows]
    if not frame.first_day <= day <= frame.last_day:
        found.append(
            Conflict(
                ConflictKind.OUTSIDE_PROGRAMME, day, frame.zone, first_day=frame.first_day, last_day=frame.last_day
            )
        )
    if is_day_off(day, frame.country):
        found.append(Conflict(ConflictKind.DAY_OFF, day, frame.zone))
    return found


def _person_ids(s: OrmSession, facilitator_ids: list[int]) -> list[int]:
    """The people behind facilitator memberships: a person in two pools is one person to double-book."""
    return list(s.scalars(select(Facilitator.person_id).where(Facilitator.id.in_(facilitator_ids)).distinct()))
