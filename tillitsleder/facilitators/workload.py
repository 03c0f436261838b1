"""Hours per facilitator per month, from everything they are committed to, each thing counted once.

What counts, and how:

- **Sessions.** A facilitator is on a session through the session's facilitator list (``session_facilitator``,
  set when the session is scheduled) and/or a ``FacilitatorAssignment`` of kind session (the roster writes both).
  Each (facilitator, session) pair counts once, in the month of the session: the assignment's hours when there
  is one (they include preparation), else the session's length. Cancelled sessions count nothing.
- **Groups and individual leaders.** An assignment's ``hours`` are its total; they are shared evenly over the
  months from ``starts_on`` to ``ends_on`` (an open-ended assignment counts in its first month).
- **Group meetings** a facilitator stands in for (``GroupMeeting.facilitator_id`` without a group assignment of
  theirs covering that date) count ``MEETING_HOURS`` each.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal

from sqlalchemy import and_, select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.errors import ValidationError
from tillitsleder.facilitators.rota import CENT, Month, month_of, months_between, spread
from tillitsleder.i18n import N_
from tillitsleder.model import (
    Facilitator,
    FacilitatorAssignment,
    GroupMeeting,
    Person,
    Session,
    Unit,
    session_facilitator,
)
from tillitsleder.model.enums import AssignmentKind, SessionStatus
from tillitsleder.storage.database import Database

MEETING_HOURS = Decimal(2)
_Load = dict[int, dict[Month, Decimal]]


@dataclass(frozen=True)
class FacilitatorLoad:
    facilitator_id: int
    name: str
    unit: str
    capacity: Decimal
    hours: tuple[Decimal, ...]  # one per month of the view

    def over(self, index: int) -> bool:
        return self.hours[index] > self.capacity


@dataclass(frozen=True)
class WorkloadView:
    months: tuple[Month, ...]
    rows: tuple[FacilitatorLoad, ...]

    @property
    def over_capacity(self) -> int:
        return sum(row.over(i) for row in self.rows for i in range(len(self.months)))


def _window(first: date, last: date) -> tuple[datetime, datetime]:
    return datetime.combine(first, time.min, UTC), datetime.combine(last, time.max, UTC)


def session_pairs(
    s: OrmSession, facilitator_ids: Iterable[int], first: date, last: date
) -> dict[tuple[int, int], tuple]:
    """(facilitator, session) → (start, end, hours) for every non-cancelled session in the period, once."""
    ids = list(facilitator_ids)
    start, end = _window(first, last)
    in_period = and_(Session.starts_at >= start, Session.starts_at <= end, Session.status != SessionStatus.CANCELLED)
    linked = s.execute(
        select(session_facilitator.c.facilitator_id, Session.id, Session.starts_at, Session.ends_at)
        .join(Session, Session.id == session_facilitator.c.session_id)
        .where(session_facilitator.c.facilitator_id.in_(ids), in_period)
    ).all()
    assigned = s.execute(
        select(
            FacilitatorAssignment.facilitator_id,
            Session.id,
            Session.starts_at,
            Session.ends_at,
            FacilitatorAssignment.hours,
        )
        .join(Session, Session.id == FacilitatorAssignment.session_id)
        .where(FacilitatorAssignment.facilitator_id.in_(ids), in_period)
    ).all()
    pairs: dict[tuple[int, int], tuple] = {}
    for fid, sid, starts, ends in linked:
        length = Decimal((ends - starts).total_seconds() / 3600).quantize(CENT)
        pairs[(fid, sid)] = (starts, ends, length)
    for fid, sid, starts, ends, hours in assigned:
        if hours and hours > 0:
            pairs[(fid, sid)] = (starts, ends, Decimal(hours))
        else:
            pairs.setdefault((fid, sid), (starts, ends, Decimal((ends - starts).total_seconds() / 3600).quantize(CENT)))
    return pairs


def committed_load(s: OrmSession, facilitator_ids: Iterable[int], first: date, last: date) -> _Load:
    """Hours per facilitator per month within ``first``..``last`` (see the module's rules)."""
    ids = list(facilitator_ids)
    wanted = set(months_between(first, last))
    load: _Load = {fid: defaultdict(Decimal) for fid in ids}
    for (fid, _sid), (starts, _ends, hours) in session_pairs(s, ids, first, last).items():
        load[fid][month_of(starts.date())] += hours
    ongoing = s.execute(
        select(FacilitatorAssignment).where(
            FacilitatorAssignment.facilitator_id.in_(ids),
            FacilitatorAssignment.kind.in_([AssignmentKind.GROUP.value, AssignmentKind.LEADER.value]),
            FacilitatorAssignment.starts_on <= last,
        )
    ).scalars()
    covering: dict[tuple[int, int], list[tuple[date, date]]] = defaultdict(list)
    for a in ongoing:
        if a.kind == AssignmentKind.GROUP.value:
            covering[(a.facilitator_id, a.group_id)].append((a.starts_on, a.ends_on or a.starts_on))
        for month, hours in spread(Decimal(a.hours), a.starts_on, a.ends_on).items():
            if month in wanted:
                load[a.facilitator_id][month] += hours
    meetings = s.execute(
        select(GroupMeeting.facilitator_id, GroupMeeting.group_id, GroupMeeting.held_on).where(
            GroupMeeting.facilitator_id.in_(ids), GroupMeeting.held_on >= first, GroupMeeting.held_on <= last
        )
    )
    for fid, group_id, day in meetings:
        if not any(a <= day <= b for a, b in covering[(fid, group_id)]):
            load[fid][month_of(day)] += MEETING_HOURS
    return {fid: dict(months) for fid, months in load.items()}


def busy_intervals(s: OrmSession, facilitator_ids: Iterable[int], first: date, last: date) -> dict[int, list[tuple]]:
    busy: dict[int, list[tuple]] = defaultdict(list)
    for (fid, _sid), (starts, ends, _hours) in sorted(session_pairs(s, facilitator_ids, first, last).items()):
        busy[fid].append((starts, ends))
    return busy


def workload(db: Database, pool_id: int, first: date, last: date, *, actor: Actor = COORDINATOR) -> WorkloadView:
    """The pool's active facilitators × the months from ``first`` to ``last``, with hours and capacity."""
    actor.require(COORDINATOR.role)
    if last < first:
        raise ValidationError(N_("The period ends before it begins."), field="last")
    months = tuple(months_between(first, last))
    if len(months) > 36:
        raise ValidationError(N_("Choose a period of at most three years."), field="last")
    with db.read() as s:
        people = s.execute(
            select(Facilitator.id, Person.first_name, Person.last_name, Unit.name, Facilitator.capacity_hours_per_month)
            .join(Person, Person.id == Facilitator.person_id)
            .outerjoin(Unit, Unit.id == Person.unit_id)
            .where(Facilitator.pool_id == pool_id, Facilitator.active.is_(True))
            .order_by(Person.last_name, Person.first_name, Facilitator.id)
        ).all()
        load = committed_load(s, [p.id for p in people], first, last)
    rows = tuple(
        FacilitatorLoad(
            p.id,
            f"{p.first_name} {p.last_name}",
            p.name or "",
            Decimal(p.capacity_hours_per_month),
            tuple(load[p.id].get(m, Decimal(0)) for m in months),
        )
        for p in people
    )
    return WorkloadView(months, rows)
