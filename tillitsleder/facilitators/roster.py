"""A facilitator pool's roster for one programme semester: what needs a facilitator, the proposal, and saving it.

**What needs a facilitator** in semester N (counted from 1 within each programme) of the chosen cohort, or of every
cohort whose programme belongs to the pool's municipality:

- every session in the semester that is not cancelled and has nobody from this pool yet (one per session);
- every reflection group of the cohort's latest round that has no group assignment overlapping the semester;
  the dates it must be covered on are its meetings dated within the semester.

The proposal comes from ``rota.generate`` with each facilitator's committed hours (``workload``) and sessions.
Saving writes one ``FacilitatorAssignment`` per proposed facilitator, adds them to the session's facilitators
(raising its calendar SEQUENCE) or makes them the group's facilitator (when it had none) and the facilitator of
its undated-facilitator meetings in the semester; all in one transaction, refused if the plan went stale.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, or_, select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.audit import audit
from tillitsleder.errors import ValidationError
from tillitsleder.facilitators import rota, workload
from tillitsleder.facilitators.pools import _pool_or_fail
from tillitsleder.facilitators.rota import CENT, FlagKind, Month, TaskKind
from tillitsleder.i18n import N_, _, format_month, format_number
from tillitsleder.model import (
    Cohort,
    Enrolment,
    Facilitator,
    FacilitatorAssignment,
    FacilitatorPool,
    FacilitatorUnavailability,
    GroupMeeting,
    GroupRound,
    Person,
    Programme,
    ReflectionGroup,
    Semester,
    Session,
    Unit,
    group_member,
    session_facilitator,
)
from tillitsleder.model.base import utcnow
from tillitsleder.model.enums import AssignmentKind, SessionStatus
from tillitsleder.storage.database import Database

_FLAG_TEXT = {
    FlagKind.UNAVAILABLE: N_("Nobody in the pool is free for {task}."),
    FlagKind.OWN_UNIT: N_("{name} leads {task}, which has people from their own unit."),
    FlagKind.OVER_CAPACITY: N_("{name} is over capacity in {month}: {hours} of {capacity} hours."),
}


@dataclass(frozen=True)
class ProposedAssignment:
    kind: TaskKind
    target_id: int
    label: str
    cohort: str
    first_day: date
    last_day: date
    dates: tuple[date, ...]
    hours: Decimal
    facilitator_id: int | None


@dataclass(frozen=True)
class RosterFlag:
    kind: FlagKind
    facilitator: str
    task: str
    month: Month | None = None
    hours: Decimal = Decimal(0)
    capacity: Decimal = Decimal(0)

    def text(self) -> str:
        month = format_month(date(*self.month, 1)) if self.month else ""
        return _(_FLAG_TEXT[self.kind]).format(
            name=self.facilitator, task=self.task, month=month,
            hours=format_number(self.hours), capacity=format_number(self.capacity),
        )  # fmt: skip


@dataclass(frozen=True)
class FacilitatorPlan:
    facilitator_id: int
    name: str
    unit: str
    capacity: Decimal
    assignments: tuple[ProposedAssignment, ...]
    hours: tuple[Decimal, ...]  # per month of the proposal, committed plus proposed

    @property
    def proposed_hours(self) -> Decimal:
        return sum((a.hours for a in self.assignments), Decimal(0))

    def over_capacity(self) -> tuple[int, ...]:
        """The indexes of the proposal's months in which these hours exceed the capacity.

        The one rule for "over capacity" in a proposal: the roster's table marks exactly these months and the
        flags name exactly these, once each (the rota only flags months it placed a task in, and once per task
        that added to a month; committed hours in other months were marked but never named)."""
        return tuple(i for i, hours in enumerate(self.hours) if hours > self.capacity)


@dataclass(frozen=True)
class RosterProposal:
    pool_id: int
    pool_code: str
    semester: int
    first_day: date
    last_day: date
    months: tuple[Month, ...]
    assignments: tuple[ProposedAssignment, ...]
    facilitators: tuple[FacilitatorPlan, ...]
    flags: tuple[RosterFlag, ...]

    @property
    def unassigned(self) -> tuple[ProposedAssignment, ...]:
        return tuple(a for a in self.assignments if a.facilitator_id is None)


def _windows(s: OrmSession, pool: FacilitatorPool, semester: int, cohort_id: int | None) -> list[tuple]:
    """(cohort, zone, first, last) for each cohort in scope."""
    query = (
        select(Cohort.id, Cohort.name, Programme.timezone, Semester.start_date, Semester.end_date)
        .join(Programme, Programme.id == Cohort.programme_id)
        .join(Semester, (Semester.programme_id == Programme.id) & (Semester.number == semester))
        .order_by(Cohort.id)
    )
    if cohort_id is not None:
        query = query.where(Cohort.id == cohort_id)
    else:
        query = query.where(Programme.municipality_id == pool.municipality_id)
    rows = s.execute(query).all()
    if not rows:
        raise ValidationError(
            N_("There is no semester {number} in the chosen programme."), field="semester", number=semester
        )
    return rows


def _session_tasks(
    s: OrmSession, pool_id: int, window: tuple, prep: Decimal
) -> list[tuple[rota.RotaTask, ProposedAssignment]]:
    cohort_id, cohort_name, zone, first, last = window
    in_pool = select(Facilitator.id).where(Facilitator.pool_id == pool_id)
    staffed = select(session_facilitator.c.session_id).where(session_facilitator.c.facilitator_id.in_(in_pool))
    assigned = select(FacilitatorAssignment.session_id).where(
        FacilitatorAssignment.facilitator_id.in_(in_pool), FacilitatorAssignment.session_id.is_not(None)
    )
    tz = ZoneInfo(zone or "Europe/Oslo")
    tasks = []
    for row in s.scalars(
        select(Session)
        .where(Session.cohort_id == cohort_id, Session.status != SessionStatus.CANCELLED)
        .where(Session.id.not_in(staffed), Session.id.not_in(assigned))
        .order_by(Session.starts_at, Session.id)
    ):
        day = row.starts_at.astimezone(tz).date()
        if not first <= day <= last:
            continue
        hours = (Decimal((row.ends_at - row.starts_at).total_seconds()) / 3600 + prep).quantize(CENT)
        task = rota.RotaTask(
            TaskKind.SESSION, row.id, (day,), {rota.month_of(day): hours}, interval=(row.starts_at, row.ends_at)
        )
        tasks.append(
            (task, ProposedAssignment(TaskKind.SESSION, row.id, row.title, cohort_name, day, day, (day,), hours, None))
        )
    return tasks


def _group_tasks(s: OrmSession, window: tuple, per_month: Decimal) -> list[tuple[rota.RotaTask, ProposedAssignment]]:
    cohort_id, cohort_name, _zone, first, last = window
    latest = s.scalar(select(func.max(GroupRound.number)).where(GroupRound.cohort_id == cohort_id))
    if latest is None:
        return []
    covered = select(FacilitatorAssignment.group_id).where(
        FacilitatorAssignment.group_id.is_not(None),
        FacilitatorAssignment.starts_on <= last,
        or_(FacilitatorAssignment.ends_on.is_(None), FacilitatorAssignment.ends_on >= first),
    )
    groups = s.execute(
        select(ReflectionGroup.id, ReflectionGroup.name)
        .join(GroupRound, GroupRound.id == ReflectionGroup.round_id)
        .where(GroupRound.cohort_id == cohort_id, GroupRound.number == latest, ReflectionGroup.id.not_in(covered))
        .order_by(ReflectionGroup.name, ReflectionGroup.id)
    ).all()
    ids = [g.id for g in groups]
    units: dict[int, set[int]] = defaultdict(set)
    for group_id, unit_id in s.execute(
        select(group_member.c.group_id, func.coalesce(Enrolment.unit_id, Person.unit_id))
        .join(Enrolment, Enrolment.id == group_member.c.enrolment_id)
        .join(Person, Person.id == Enrolment.person_id)
        .where(group_member.c.group_id.in_(ids))
    ):
        if unit_id is not None:
            units[group_id].add(unit_id)
    dates: dict[int, list[date]] = defaultdict(list)
    for group_id, day in s.execute(
        select(GroupMeeting.group_id, GroupMeeting.held_on).where(
            GroupMeeting.group_id.in_(ids), GroupMeeting.held_on >= first, GroupMeeting.held_on <= last
        )
    ):
        dates[group_id].append(day)
    total = (per_month * len(rota.months_between(first, last))).quantize(CENT)
    tasks = []
    for group_id, name in groups:
        days = tuple(sorted(set(dates[group_id])))
        task = rota.RotaTask(
            TaskKind.GROUP, group_id, days, rota.spread(total, first, last), frozenset(units[group_id])
        )
        tasks.append(
            (task, ProposedAssignment(TaskKind.GROUP, group_id, name, cohort_name, first, last, days, total, None))
        )
    return tasks


def propose_roster(
    db: Database, pool_id: int, semester: int, cohort_id: int | None = None, *,
    session_prep_hours: Decimal = Decimal(2), group_hours_per_month: Decimal = Decimal(3), actor: Actor = COORDINATOR,
) -> RosterProposal:  # fmt: skip
    """Propose the pool's facilitators for semester ``semester`` (see the module's rules); writes nothing."""
    actor.require(COORDINATOR.role)
    if semester < 1:
        raise ValidationError(N_("Semesters are counted from 1."), field="semester")
    with db.read() as s:
        pool = _pool_or_fail(s, pool_id)
        windows = _windows(s, pool, semester, cohort_id)
        first, last = min(w[3] for w in windows), max(w[4] for w in windows)
        pairs = []
        for window in windows:
            pairs += _group_tasks(s, window, group_hours_per_month)
            pairs += _session_tasks(s, pool_id, window, session_prep_hours)
        people = s.execute(
            select(Facilitator.id, Person.first_name, Person.last_name, Person.unit_id, Unit.name,
                   Facilitator.capacity_hours_per_month)
            .join(Person, Person.id == Facilitator.person_id)
            .outerjoin(Unit, Unit.id == Person.unit_id)
            .where(Facilitator.pool_id == pool_id, Facilitator.active.is_(True))
            .order_by(Person.last_name, Person.first_name, Facilitator.id)
        ).all()  # fmt: skip
        ids = [p.id for p in people]
        load = workload.committed_load(s, ids, first, last)
        busy = workload.busy_intervals(s, ids, first, last)
        away: dict[int, list[tuple[date, date]]] = defaultdict(list)
        for fid, a, b in s.execute(
            select(FacilitatorUnavailability.facilitator_id, FacilitatorUnavailability.first_day,
                   FacilitatorUnavailability.last_day).where(FacilitatorUnavailability.facilitator_id.in_(ids))
        ):  # fmt: skip
            away[fid].append((a, b))
        code = pool.code
    members = [
        rota.RotaFacilitator(p.id, p.unit_id, Decimal(p.capacity_hours_per_month), tuple(away[p.id]), load[p.id],
                             tuple(busy[p.id]))
        for p in people
    ]  # fmt: skip
    result = rota.generate(members, [task for task, _ in pairs])
    proposed = tuple(replace(info, facilitator_id=result.choice[task.key]) for task, info in pairs)
    months = tuple(rota.months_between(first, last))
    names = {p.id: f"{p.first_name} {p.last_name}" for p in people}
    plans = tuple(
        FacilitatorPlan(
            p.id, names[p.id], p.name or "", Decimal(p.capacity_hours_per_month),
            tuple(a for a in proposed if a.facilitator_id == p.id),
            tuple(result.load[p.id].get(m, Decimal(0)) for m in months),
        )
        for p in people
    )  # fmt: skip
    labels = {(a.kind.value, a.target_id): a.label for a in proposed}
    flags = tuple(
        RosterFlag(f.kind, names.get(f.facilitator_id, ""), labels.get(f.task, "") if f.task else "")
        for f in result.flags
        if f.kind is not FlagKind.OVER_CAPACITY
    ) + tuple(
        RosterFlag(FlagKind.OVER_CAPACITY, plan.name, "", months[i], plan.hours[i], plan.capacity)
        for plan in plans
        for i in plan.over_capacity()
    )  # fmt: skip
    unique_flags = tuple(dict.fromkeys(flags))
    return RosterProposal(pool_id, code, semester, first, last, months, proposed, plans, unique_flags)


def save_roster(db: Database, proposal: RosterProposal, *, actor: Actor = COORDINATOR) -> int:
    """Store the proposal's assignments in one transaction; returns how many were written."""
    actor.require(COORDINATOR.role)
    chosen = [a for a in proposal.assignments if a.facilitator_id is not None]
    with db.session() as s:
        pool = _pool_or_fail(s, proposal.pool_id)
        in_pool = set(s.scalars(select(Facilitator.id).where(Facilitator.pool_id == pool.id)))
        stale = ValidationError(N_("The roster changed since it was proposed; propose it again."))
        for a in chosen:
            if a.facilitator_id not in in_pool:
                raise stale
            if a.kind is TaskKind.SESSION:
                row = s.get(Session, a.target_id)
                already = s.scalar(
                    select(func.count()).select_from(session_facilitator).where(
                        session_facilitator.c.session_id == a.target_id,
                        session_facilitator.c.facilitator_id.in_(in_pool),
                    )
                )  # fmt: skip
                if row is None or row.status == SessionStatus.CANCELLED or already:
                    raise stale
                s.execute(insert(session_facilitator), [{"session_id": row.id, "facilitator_id": a.facilitator_id}])
                row.sequence += 1
                row.updated_at = utcnow()
                kind, target = AssignmentKind.SESSION, {"session_id": row.id}
            else:
                group = s.get(ReflectionGroup, a.target_id)
                overlapping = s.scalar(
                    select(FacilitatorAssignment.id).where(
                        FacilitatorAssignment.group_id == a.target_id,
                        FacilitatorAssignment.starts_on <= a.last_day,
                        or_(FacilitatorAssignment.ends_on.is_(None), FacilitatorAssignment.ends_on >= a.first_day),
                    ).limit(1)
                )  # fmt: skip
                if group is None or overlapping is not None:
                    raise stale
                if group.facilitator_id is None:
                    group.facilitator_id = a.facilitator_id
                for meeting in group.meetings:
                    if meeting.facilitator_id is None and a.first_day <= meeting.held_on <= a.last_day:
                        meeting.facilitator_id = a.facilitator_id
                kind, target = AssignmentKind.GROUP, {"group_id": group.id}
            s.add(
                FacilitatorAssignment(
                    facilitator_id=a.facilitator_id, kind=kind.value, starts_on=a.first_day, ends_on=a.last_day,
                    hours=a.hours, **target,
                )
            )  # fmt: skip
        audit(s, "roster.saved", "facilitator_pool", pool.id, semester=proposal.semester, assignments=len(chosen))
    return len(chosen)
