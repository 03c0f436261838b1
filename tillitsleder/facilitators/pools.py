"""Facilitator pools (F16 Lean facilitators, F7 innovation agents, change agents …), their members' skills,
capacity and unavailable dates, and assigning a facilitator to a group, a session or a leader by hand.

Only the coordinator configures pools. Every call is one transaction; bad input raises ``ValidationError``
and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import selectinload

from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.audit import audit
from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.i18n import N_, format_date
from tillitsleder.lookups import Option
from tillitsleder.model import (
    Facilitator,
    FacilitatorAssignment,
    FacilitatorPool,
    FacilitatorUnavailability,
    Municipality,
    Person,
    ReflectionGroup,
    Session,
    Unit,
)
from tillitsleder.model.enums import AssignmentKind, PoolKind
from tillitsleder.storage.database import Database
from tillitsleder.versions import acting, check_seen, saving


@dataclass(frozen=True)
class PoolData:
    code: str
    name: str
    kind: str = PoolKind.LEAN.value
    description: str = ""


@dataclass(frozen=True)
class PoolView:
    id: int
    code: str
    name: str
    kind: str
    description: str
    members: int


@dataclass(frozen=True)
class Unavailability:
    id: int
    first_day: date
    last_day: date
    reason: str


@dataclass(frozen=True)
class FacilitatorView:
    id: int
    person_id: int
    name: str
    unit: str
    skills: str
    capacity: Decimal
    active: bool
    unavailable: tuple[Unavailability, ...]




def _pool_or_fail(s: OrmSession, pool_id: int) -> FacilitatorPool:
    pool = s.get(FacilitatorPool, pool_id)
    if pool is None:
        raise NotFound(N_("There is no facilitator pool “{pool}”."), pool=str(pool_id))
    return pool


def _facilitator_or_fail(s: OrmSession, facilitator_id: int) -> Facilitator:
    facilitator = s.get(Facilitator, facilitator_id)
    if facilitator is None:
        raise NotFound(N_("There is no facilitator “{facilitator}”."), facilitator=str(facilitator_id))
    return facilitator


def _clean_pool(data: PoolData) -> PoolData:
    code, name = data.code.strip(), data.name.strip()
    if not code:
        raise ValidationError(N_("Give the pool a short code, such as F16."), field="code")
    if not name:
        raise ValidationError(N_("Give the pool a name."), field="name")
    if data.kind not in {k.value for k in PoolKind}:
        raise ValidationError(N_("Choose what kind of pool this is."), field="kind")
    return PoolData(code, name, data.kind, data.description.strip())


def list_pools(db: Database) -> list[PoolView]:
    members = select(func.count(Facilitator.id)).where(Facilitator.pool_id == FacilitatorPool.id).scalar_subquery()
    with db.read() as s:
        rows = s.execute(select(FacilitatorPool, members).order_by(FacilitatorPool.code)).all()
        return [PoolView(p.id, p.code, p.name, p.kind, p.description, n) for p, n in rows]


def find_pool(db: Database, code_or_id: str | int) -> Option:
    """A pool named by its code (case-insensitive) or id, as the CLI accepts them."""
    text = str(code_or_id).strip()
    with db.read() as s:
        row = s.execute(
            select(FacilitatorPool.id, FacilitatorPool.code).where(func.lower(FacilitatorPool.code) == text.lower())
        ).first()
        if row is None and text.isdigit():
            row = s.execute(
                select(FacilitatorPool.id, FacilitatorPool.code).where(FacilitatorPool.id == int(text))
            ).first()
    if row is None:
        raise NotFound(N_("There is no facilitator pool “{pool}”."), pool=text)
    return Option(row.id, row.code)


def save_pool(db: Database, data: PoolData, pool_id: int | None = None, *, actor: Actor = COORDINATOR) -> int:
    """Create a pool (in the only municipality, or the first) or change one; codes are unique."""
    actor.require(COORDINATOR.role)
    data = _clean_pool(data)
    with db.session() as s:
        clash = s.scalar(
            select(FacilitatorPool.id).where(
                func.lower(FacilitatorPool.code) == data.code.lower(), FacilitatorPool.id != (pool_id or 0)
            )
        )
        if clash is not None:
            raise ValidationError(N_("There is already a pool with the code “{code}”."), field="code", code=data.code)
        if pool_id is None:
            municipality_id = s.scalar(select(Municipality.id).order_by(Municipality.id).limit(1))
            if municipality_id is None:
                raise ValidationError(N_("Create a municipality first."), field="municipality")
            pool = FacilitatorPool(municipality_id=municipality_id)
            s.add(pool)
        else:
            pool = _pool_or_fail(s, pool_id)
        pool.code, pool.name, pool.kind, pool.description = data.code, data.name, data.kind, data.description
        s.flush()
        audit(s, "pool.saved", "facilitator_pool", pool.id, code=data.code)
        return pool.id


def list_facilitators(db: Database, pool_id: int, *, include_inactive: bool = True) -> list[FacilitatorView]:
    query = (
        select(Facilitator)
        .join(Person, Person.id == Facilitator.person_id)
        .where(Facilitator.pool_id == pool_id)
        .options(selectinload(Facilitator.person).selectinload(Person.unit), selectinload(Facilitator.unavailable))
        .order_by(Person.last_name, Person.first_name, Facilitator.id)
    )
    if not include_inactive:
        query = query.where(Facilitator.active.is_(True))
    with db.read() as s:
        _pool_or_fail(s, pool_id)
        return [
            FacilitatorView(
                f.id,
                f.person_id,
                f.person.full_name,
                f.person.unit.name if f.person.unit else "",
                f.skills,
                Decimal(f.capacity_hours_per_month),
                f.active,
                tuple(
                    Unavailability(u.id, u.first_day, u.last_day, u.reason)
                    for u in sorted(f.unavailable, key=lambda u: (u.first_day, u.id))
                ),
            )
            for f in s.scalars(query)
        ]


def person_options(db: Database, pool_id: int) -> list[Option]:
    """People who could join the pool (not yet in it), labelled "Name (unit)"."""
    members = select(Facilitator.person_id).where(Facilitator.pool_id == pool_id)
    with db.read() as s:
        rows = s.execute(
            select(Person.id, Person.first_name, Person.last_name, Unit.name)
            .outerjoin(Unit, Unit.id == Person.unit_id)
            .where(Person.id.not_in(members))
            .order_by(Person.last_name, Person.first_name)
        )
        return [Option(r.id, f"{r.first_name} {r.last_name}" + (f" ({r.name})" if r.name else "")) for r in rows]


def _capacity(value: Decimal | str | float) -> Decimal:
    try:
        capacity = Decimal(str(value).replace(",", ".")).quantize(Decimal("0.01"))
    except InvalidOperation:
        capacity = Decimal(-1)
    if not Decimal(0) <= capacity <= Decimal(744):
        raise ValidationError(N_("Capacity is hours per month, from 0 to 744."), field="capacity")
    return capacity


def add_facilitator(
    db: Database, pool_id: int, person_id: int, *, skills: str = "", capacity: Decimal | str = Decimal(8),
    actor: Actor = COORDINATOR,
) -> int:  # fmt: skip
    actor.require(COORDINATOR.role)
    hours = _capacity(capacity)
    with db.session() as s:
        _pool_or_fail(s, pool_id)
        if s.get(Person, person_id) is None:
            raise NotFound(N_("There is no person with id {id}."), id=person_id)
        if s.scalar(select(Facilitator.id).where(Facilitator.pool_id == pool_id, Facilitator.person_id == person_id)):
            raise ValidationError(N_("This person is already in the pool."), field="person")
        facilitator = Facilitator(
            pool_id=pool_id, person_id=person_id, skills=skills.strip(), capacity_hours_per_month=hours
        )
        s.add(facilitator)
        s.flush()
        audit(s, "facilitator.added", "facilitator", facilitator.id, pool=pool_id, person=person_id)
        return facilitator.id


def update_facilitator(
    db: Database, facilitator_id: int, *, skills: str, capacity: Decimal | str, active: bool = True,
    actor: Actor = COORDINATOR, seen_version: int | None = None,
) -> None:  # fmt: skip
    """Change a facilitator's skills, capacity and whether active; refused (``ChangedElsewhere``) if saved
    elsewhere since ``seen_version``."""
    actor.require(COORDINATOR.role)
    hours = _capacity(capacity)
    with saving(db, Facilitator, facilitator_id, entity="facilitator") as s:
        acting(s, actor.person_id)
        facilitator = _facilitator_or_fail(s, facilitator_id)
        check_seen(s, facilitator, seen_version, entity="facilitator")
        facilitator.skills, facilitator.capacity_hours_per_month, facilitator.active = skills.strip(), hours, active
        audit(s, "facilitator.updated", "facilitator", facilitator_id, capacity=hours, active=active)


def add_unavailability(
    db: Database, facilitator_id: int, first_day: date, last_day: date, reason: str = "", *, actor: Actor = COORDINATOR
) -> int:
    actor.require(COORDINATOR.role)
    if last_day < first_day:
        raise ValidationError(N_("The last day comes before the first day."), field="last_day")
    with db.session() as s:
        _facilitator_or_fail(s, facilitator_id)
        row = FacilitatorUnavailability(
            facilitator_id=facilitator_id, first_day=first_day, last_day=last_day, reason=reason.strip()[:200]
        )
        s.add(row)
        s.flush()
        audit(s, "facilitator.unavailable", "facilitator", facilitator_id, first=first_day, last=last_day)
        return row.id


def remove_unavailability(db: Database, unavailability_id: int, *, actor: Actor = COORDINATOR) -> None:
    actor.require(COORDINATOR.role)
    with db.session() as s:
        row = s.get(FacilitatorUnavailability, unavailability_id)
        if row is None:
            raise NotFound(N_("That unavailable period no longer exists."))
        audit(s, "facilitator.available", "facilitator", row.facilitator_id, first=row.first_day)
        s.delete(row)


def assign(
    db: Database, facilitator_id: int, kind: AssignmentKind, target_id: int, starts_on: date,
    ends_on: date | None = None, hours: Decimal | str = Decimal(0), *, actor: Actor = COORDINATOR,
) -> int:  # fmt: skip
    """Assign a facilitator to a reflection group, a session or an individual leader (``target_id`` is its id)."""
    actor.require(COORDINATOR.role)
    total = _capacity(hours)
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError(N_("The last day comes before the first day."), field="ends_on")
    target_type = {AssignmentKind.GROUP: ReflectionGroup, AssignmentKind.SESSION: Session}.get(kind, Person)
    with db.session() as s:
        _facilitator_or_fail(s, facilitator_id)
        if s.get(target_type, target_id) is None:
            raise NotFound(N_("What the facilitator should be assigned to no longer exists."))
        field = {AssignmentKind.GROUP: "group_id", AssignmentKind.SESSION: "session_id"}.get(kind, "person_id")
        row = FacilitatorAssignment(
            facilitator_id=facilitator_id, kind=kind.value, starts_on=starts_on, ends_on=ends_on, hours=total,
            **{field: target_id},
        )  # fmt: skip
        s.add(row)
        try:
            s.flush()
        except IntegrityError as exc:
            raise ValidationError(N_("The assignment could not be saved."), detail=str(exc)) from exc
        audit(s, "facilitator.assigned", "facilitator_assignment", row.id, kind=kind.value, target=target_id)
        return row.id


def remove_assignment(db: Database, assignment_id: int, *, actor: Actor = COORDINATOR) -> None:
    actor.require(COORDINATOR.role)
    with db.session() as s:
        row = s.get(FacilitatorAssignment, assignment_id)
        if row is None:
            raise NotFound(N_("That assignment no longer exists."))
        audit(s, "facilitator.unassigned", "facilitator_assignment", assignment_id, kind=row.kind)
        s.delete(row)


@dataclass(frozen=True)
class AssignmentView:
    id: int
    kind: AssignmentKind
    target: str
    starts_on: date
    ends_on: date | None
    hours: Decimal


def list_assignments(db: Database, facilitator_id: int) -> list[AssignmentView]:
    """A facilitator's assignments, newest first, each with what it is for ("Gruppe Ljan", a session, a leader)."""
    with db.read() as s:
        _facilitator_or_fail(s, facilitator_id)
        rows = s.execute(
            select(FacilitatorAssignment, ReflectionGroup.name, Session.title, Person.first_name, Person.last_name)
            .outerjoin(ReflectionGroup, ReflectionGroup.id == FacilitatorAssignment.group_id)
            .outerjoin(Session, Session.id == FacilitatorAssignment.session_id)
            .outerjoin(Person, Person.id == FacilitatorAssignment.person_id)
            .where(FacilitatorAssignment.facilitator_id == facilitator_id)
            .order_by(FacilitatorAssignment.starts_on.desc(), FacilitatorAssignment.id.desc())
        )
        views = []
        for a, group, title, first_name, last_name in rows:
            if a.kind == AssignmentKind.GROUP.value:
                target = group
            elif a.kind == AssignmentKind.SESSION.value:
                target = title
            else:
                target = f"{first_name} {last_name}"
            views.append(AssignmentView(a.id, AssignmentKind(a.kind), target, a.starts_on, a.ends_on, Decimal(a.hours)))
        return views


def assignment_targets(db: Database, kind: AssignmentKind) -> list[Option]:
    """What a facilitator can be assigned to: reflection groups ("group · round · cohort"), sessions that are not
    cancelled (newest first), or enrolled leaders (by name)."""
    from tillitsleder.model import Cohort, Enrolment, GroupRound
    from tillitsleder.model.enums import SessionStatus

    with db.read() as s:
        if kind is AssignmentKind.GROUP:
            rows = s.execute(
                select(ReflectionGroup.id, ReflectionGroup.name, GroupRound.name, Cohort.name)
                .join(GroupRound, GroupRound.id == ReflectionGroup.round_id)
                .join(Cohort, Cohort.id == GroupRound.cohort_id)
                .order_by(Cohort.name, GroupRound.number.desc(), ReflectionGroup.name)
            )
            return [Option(r[0], f"{r[1]} · {r[2]} · {r[3]}") for r in rows]
        if kind is AssignmentKind.SESSION:
            rows = s.execute(
                select(Session.id, Session.title, Session.starts_at)
                .where(Session.status != SessionStatus.CANCELLED.value)
                .order_by(Session.starts_at.desc())
            )
            return [Option(r[0], f"{format_date(r[2].date())} {r[1]}") for r in rows]
        rows = s.execute(
            select(Person.id, Person.first_name, Person.last_name)
            .where(Person.id.in_(select(Enrolment.person_id)))
            .order_by(Person.last_name, Person.first_name)
        )
        return [Option(r[0], f"{r[1]} {r[2]}") for r in rows]
