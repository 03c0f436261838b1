"""Sessions of a cohort: schedule one or a repeating series, reschedule, cancel with a reason, mark as held.

Times are given as a date and local clock times in the programme's time zone and stored as UTC. Conflicts
(see ``session_conflicts``) never stop a save: ``check_conflicts``/``preview_series`` report them before,
and every scheduling call returns them again as saved. A new session gets an iCalendar UID once; every
change that calendars must pick up (new time, venue, title, facilitators; a cancellation) raises its
SEQUENCE, so Outlook updates the appointment instead of adding a second one.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder import clock
from tillitsleder.audit import audit
from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.i18n import N_
from tillitsleder.lookups import Option
from tillitsleder.model import (
    AuditEvent,
    Cohort,
    Facilitator,
    FacilitatorPool,
    Module,
    Municipality,
    Person,
    Programme,
    Session,
    Venue,
    session_facilitator,
)
from tillitsleder.model.base import utcnow
from tillitsleder.model.enums import SessionStatus, SessionType
from tillitsleder.sessions.conflicts import Conflict, ProgrammeFrame, find_conflicts
from tillitsleder.sessions.series import SeriesPattern, series_days
from tillitsleder.storage.database import Database
from tillitsleder.versions import acting, check_seen, saving

PLANNED, HELD, CANCELLED = (SessionStatus.PLANNED.value, SessionStatus.HELD.value, SessionStatus.CANCELLED.value)


@dataclass(frozen=True)
class SessionPlan:
    """What the coordinator fills in. Title and type default to the module's; a venue is chosen by id or
    named (an existing venue with that name is used, else a new one is created)."""

    cohort_id: int
    day: date
    start: time
    end: time
    title: str = ""
    session_type: str | None = None
    module_id: int | None = None
    venue_id: int | None = None
    venue_name: str = ""
    facilitator_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ScheduleResult:
    session_ids: tuple[int, ...]
    conflicts: tuple[Conflict, ...] = ()
    skipped_days: tuple[date, ...] = ()
    series_id: str | None = None
    changed: bool = True


@dataclass(frozen=True)
class Occurrence:
    """One date of a series preview, with what would conflict there."""

    day: date
    day_off: bool
    skipped: bool
    conflicts: tuple[Conflict, ...] = ()


@dataclass(frozen=True)
class ModuleOption:
    id: int
    title: str
    session_type: str


@dataclass(frozen=True)
class FormOptions:
    """What a session form offers for one cohort."""

    cohort_id: int
    cohort_name: str
    frame: ProgrammeFrame
    modules: list[ModuleOption] = field(default_factory=list)
    venues: list[Option] = field(default_factory=list)
    facilitators: list[Option] = field(default_factory=list)  # active ones, labelled "Name (POOL)"


@dataclass(frozen=True)
class SessionDetails:
    id: int
    plan: SessionPlan
    status: str
    sequence: int
    ical_uid: str
    series_id: str | None
    cancel_reason: str
    starts_at: datetime
    ends_at: datetime
    version: int = 1  # what a form hands back to ``reschedule_session`` as ``seen_version``


@dataclass(frozen=True)
class _Resolved:
    title: str
    session_type: str
    module_id: int | None
    venue_id: int | None
    facilitator_ids: tuple[int, ...]
    starts_at: datetime
    ends_at: datetime


# --- reading -----------------------------------------------------------------------------------------------


def form_options(db: Database, cohort_id: int, *, include_facilitators: tuple[int, ...] = ()) -> FormOptions:
    """Modules, venues and active facilitators (plus ``include_facilitators``, e.g. a session's own)."""
    with db.read() as s:
        cohort, frame = _frame(s, cohort_id)
        modules = [
            ModuleOption(row.id, row.title, row.session_type)
            for row in s.execute(
                select(Module.id, Module.title, Module.session_type)
                .where(Module.programme_id == cohort.programme_id)
                .order_by(Module.position, Module.id)
            )
        ]
        venues = [Option(row.id, row.name) for row in s.execute(select(Venue.id, Venue.name).order_by(Venue.name))]
        facilitators = [
            Option(row.id, f"{row.first_name} {row.last_name} ({row.code})")
            for row in s.execute(
                select(Facilitator.id, Person.first_name, Person.last_name, FacilitatorPool.code)
                .join(Person, Person.id == Facilitator.person_id)
                .join(FacilitatorPool, FacilitatorPool.id == Facilitator.pool_id)
                .where(or_(Facilitator.active.is_(True), Facilitator.id.in_(include_facilitators)))
                .order_by(Person.last_name, Person.first_name, FacilitatorPool.code)
            )
        ]
        return FormOptions(cohort.id, cohort.name, frame, modules, venues, facilitators)


def session_details(db: Database, session_id: int) -> SessionDetails:
    with db.read() as s:
        row = _get(s, session_id)
        _cohort, frame = _frame(s, row.cohort_id)
        zone = ZoneInfo(frame.zone)
        starts, ends = row.starts_at.astimezone(zone), row.ends_at.astimezone(zone)
        plan = SessionPlan(
            cohort_id=row.cohort_id,
            day=starts.date(),
            start=starts.time().replace(tzinfo=None),
            end=ends.time().replace(tzinfo=None),
            title=row.title,
            session_type=row.session_type,
            module_id=row.module_id,
            venue_id=row.venue_id,
            facilitator_ids=tuple(sorted(f.id for f in row.facilitators)),
        )
        return SessionDetails(
            row.id, plan, row.status, row.sequence, row.ical_uid, row.series_id, row.cancel_reason,
            row.starts_at, row.ends_at, row.version,
        )  # fmt: skip


def find_facilitator(db: Database, id_or_email: str | int) -> Option:
    """A facilitator named by id or by their e-mail (case-insensitive), as the CLI accepts them."""
    text = str(id_or_email).strip()
    query = select(Facilitator.id, Person.first_name, Person.last_name).join(Person, Person.id == Facilitator.person_id)
    with db.read() as s:
        if text.isdigit():
            row = s.execute(query.where(Facilitator.id == int(text))).first()
        else:
            row = s.execute(query.where(func.lower(Person.email) == text.lower()).order_by(Facilitator.id)).first()
    if row is None:
        raise NotFound(N_("There is no facilitator “{facilitator}”."), facilitator=text)
    return Option(row.id, f"{row.first_name} {row.last_name}")


def check_conflicts(db: Database, plan: SessionPlan, *, session_id: int | None = None) -> list[Conflict]:
    """What would conflict if ``plan`` were saved (as a change of ``session_id``, if given)."""
    with db.read() as s:
        _cohort, frame = _frame(s, plan.cohort_id)
        resolved = _resolve(s, plan, frame)
        return find_conflicts(
            s, frame, resolved.starts_at, resolved.ends_at,
            facilitator_ids=resolved.facilitator_ids, venue_id=resolved.venue_id,
            ignore_session_ids=[session_id] if session_id is not None else [],
        )  # fmt: skip


def preview_series(db: Database, plan: SessionPlan, pattern: SeriesPattern) -> list[Occurrence]:
    """The dates a series would get, each with its conflicts (skipped days have none)."""
    with db.read() as s:
        _cohort, frame = _frame(s, plan.cohort_id)
        days = series_days(plan.day, pattern, frame.country)
        placed = iter(_resolve_on(s, plan, frame, [item.day for item in days if not item.skipped]))
        occurrences = []
        for item in days:
            conflicts: list[Conflict] = []
            if not item.skipped:
                resolved = next(placed)
                conflicts = find_conflicts(
                    s, frame, resolved.starts_at, resolved.ends_at,
                    facilitator_ids=resolved.facilitator_ids, venue_id=resolved.venue_id,
                )  # fmt: skip
            occurrences.append(Occurrence(item.day, item.day_off, item.skipped, tuple(conflicts)))
        return occurrences


# --- writing -----------------------------------------------------------------------------------------------


def schedule_session(db: Database, plan: SessionPlan, *, actor_id: int | None = None) -> ScheduleResult:
    """Save one new session; returns its id and the conflicts it has as saved."""
    with db.session() as s:
        _cohort, frame = _frame(s, plan.cohort_id)
        venue_id = _venue_id(s, plan, actor_id)
        resolved = _resolve(s, _with_venue(plan, venue_id), frame)
        (session_id,) = _insert_sessions(s, plan.cohort_id, [resolved], series_id=None, actor_id=actor_id)
        conflicts = _conflicts_of(s, frame, resolved, session_id)
        return ScheduleResult((session_id,), tuple(conflicts))


def schedule_series(
    db: Database, plan: SessionPlan, pattern: SeriesPattern, *, actor_id: int | None = None
) -> ScheduleResult:
    """Save a repeating series sharing one ``series_id``; days off are skipped or kept as the pattern says."""
    with db.session() as s:
        _cohort, frame = _frame(s, plan.cohort_id)
        days = series_days(plan.day, pattern, frame.country)
        venue_id = _venue_id(s, plan, actor_id)
        base = _with_venue(plan, venue_id)
        resolved = _resolve_on(s, base, frame, [item.day for item in days if not item.skipped])
        series_id = str(uuid.uuid4())
        ids = _insert_sessions(s, plan.cohort_id, resolved, series_id=series_id, actor_id=actor_id)
        conflicts = [c for r, i in zip(resolved, ids, strict=True) for c in _conflicts_of(s, frame, r, i)]
        skipped = tuple(item.day for item in days if item.skipped)
        return ScheduleResult(tuple(ids), tuple(conflicts), skipped, series_id)


def reschedule_session(
    db: Database, session_id: int, plan: SessionPlan, *, actor_id: int | None = None, seen_version: int | None = None
) -> ScheduleResult:
    """Change a session's time, venue, title, type, module or facilitators; raises SEQUENCE if anything changed.

    ``seen_version`` is the version the form showed (``SessionDetails.version``): if someone else saved the session
    since, nothing is written and ``ChangedElsewhere`` says who and when, with the newer values."""
    with saving(db, Session, session_id, entity="session") as s:
        acting(s, actor_id)
        row = _get(s, session_id)
        check_seen(s, row, seen_version, entity="session")
        if row.status == CANCELLED:
            raise ValidationError(N_("A cancelled session cannot be changed; schedule a new one instead."))
        if plan.cohort_id != row.cohort_id:
            raise ValidationError(N_("A session cannot be moved to another cohort."), field="cohort")
        _cohort, frame = _frame(s, row.cohort_id)
        venue_id = _venue_id(s, plan, actor_id)
        new = _resolve(s, _with_venue(plan, venue_id), frame)
        old_facilitators = tuple(sorted(f.id for f in row.facilitators))
        before = (row.title, row.session_type, row.module_id, row.venue_id, row.starts_at, row.ends_at)
        after = (new.title, new.session_type, new.module_id, new.venue_id, new.starts_at, new.ends_at)
        changed = before != after or old_facilitators != new.facilitator_ids
        if changed:
            row.title, row.session_type, row.module_id, row.venue_id = after[:4]
            row.starts_at, row.ends_at = new.starts_at, new.ends_at
            row.sequence += 1
            row.updated_at = utcnow()
            if old_facilitators != new.facilitator_ids:
                s.execute(delete(session_facilitator).where(session_facilitator.c.session_id == row.id))
                _link_facilitators(s, [(row.id, new.facilitator_ids)])
            moved = before[4:] != after[4:]
            audit(s, "session.rescheduled", "session", row.id, actor_id=actor_id, sequence=row.sequence, moved=moved)
        s.flush()
        return ScheduleResult((row.id,), tuple(_conflicts_of(s, frame, new, row.id)), changed=changed)


def cancel_session(db: Database, session_id: int, reason: str, *, actor_id: int | None = None) -> None:
    """Cancel a planned session with a reason (shown in calendars); raises SEQUENCE."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(N_("Give a reason for cancelling the session."), field="reason")
    with db.session() as s:
        row = _get(s, session_id)
        if row.status == CANCELLED:
            raise ValidationError(N_("This session is already cancelled."))
        if row.status == HELD:
            raise ValidationError(N_("This session has been held and cannot be cancelled."))
        row.status, row.cancel_reason = CANCELLED, reason
        row.sequence += 1
        row.updated_at = utcnow()
        audit(s, "session.cancelled", "session", row.id, actor_id=actor_id, sequence=row.sequence)


def mark_held(db: Database, session_id: int, *, now: datetime | None = None, actor_id: int | None = None) -> None:
    """Record that a planned session took place (once it has started). Calendars need no update for this."""
    with db.session() as s:
        row = _get(s, session_id)
        if row.status != PLANNED:
            raise ValidationError(N_("Only a planned session can be marked as held."))
        if row.starts_at > (now or clock.now()):
            raise ValidationError(N_("A session cannot be marked as held before it starts."))
        row.status = HELD
        row.updated_at = utcnow()
        audit(s, "session.held", "session", row.id, actor_id=actor_id)


# --- helpers -----------------------------------------------------------------------------------------------


def _get(s: OrmSession, session_id: int) -> Session:
    row = s.get(Session, session_id)
    if row is None:
        raise NotFound(N_("There is no session with id {id}."), id=session_id)
    return row


def _frame(s: OrmSession, cohort_id: int) -> tuple[Cohort, ProgrammeFrame]:
    found = s.execute(
        select(Cohort, Programme.timezone, Programme.start_date, Programme.end_date, Municipality.country)
        .join(Programme, Programme.id == Cohort.programme_id)
        .join(Municipality, Municipality.id == Programme.municipality_id)
        .where(Cohort.id == cohort_id)
    ).first()
    if found is None:
        raise NotFound(N_("There is no cohort “{cohort}”."), cohort=str(cohort_id))
    cohort, zone, first, last, country = found
    return cohort, ProgrammeFrame(zone or "Europe/Oslo", first, last, country or "NO")


def _with_venue(plan: SessionPlan, venue_id: int | None) -> SessionPlan:
    return replace(plan, venue_id=venue_id, venue_name="")


def local_times(day: date, start: time, end: time, zone: str) -> tuple[datetime, datetime]:
    """Local clock times on ``day`` in ``zone`` as UTC-aware datetimes (the right offset on both sides of DST)."""
    tz = ZoneInfo(zone)
    starts = datetime.combine(day, start, tzinfo=tz).astimezone(UTC)
    ends = datetime.combine(day, end, tzinfo=tz).astimezone(UTC)
    return starts, ends


def _resolve(s: OrmSession, plan: SessionPlan, frame: ProgrammeFrame) -> _Resolved:
    """Validate a plan against the database and work out title, type, venue and UTC times."""
    if plan.end <= plan.start:
        raise ValidationError(N_("The session must end after it starts."), field="end")
    module = None
    if plan.module_id is not None:
        module = s.get(Module, plan.module_id)
        programme_id = s.scalar(select(Cohort.programme_id).where(Cohort.id == plan.cohort_id))
        if module is None or module.programme_id != programme_id:
            raise ValidationError(N_("The module is not part of this cohort’s programme."), field="module")
    title = plan.title.strip() or (module.title if module is not None else "")
    if not title:
        raise ValidationError(N_("Give the session a title or choose a module."), field="title")
    if len(title) > 200:
        raise ValidationError(N_("The title is too long (at most {limit} characters)."), field="title", limit=200)
    session_type = plan.session_type or (module.session_type if module is not None else None)
    session_type = session_type or SessionType.THEME_GATHERING.value
    if session_type not in {member.value for member in SessionType}:
        raise ValidationError(N_("Unknown session type “{value}”."), field="type", value=session_type)
    venue_id = plan.venue_id
    if venue_id is None and plan.venue_name.strip():
        venue_id = s.scalar(select(Venue.id).where(func.lower(Venue.name) == plan.venue_name.strip().lower()))
    elif venue_id is not None and s.get(Venue, venue_id) is None:
        raise ValidationError(N_("The venue no longer exists."), field="venue")
    facilitator_ids = tuple(sorted(set(plan.facilitator_ids)))
    if facilitator_ids:
        known = set(s.scalars(select(Facilitator.id).where(Facilitator.id.in_(facilitator_ids))))
        if known != set(facilitator_ids):
            raise ValidationError(N_("A chosen facilitator no longer exists."), field="facilitators")
    starts_at, ends_at = local_times(plan.day, plan.start, plan.end, frame.zone)
    return _Resolved(title, session_type, plan.module_id, venue_id, facilitator_ids, starts_at, ends_at)


def _resolve_on(s: OrmSession, plan: SessionPlan, frame: ProgrammeFrame, days: list[date]) -> list[_Resolved]:
    """``plan`` validated once (nothing but the times depends on the day) and placed on each of ``days``."""
    if not days:
        return []
    resolved = _resolve(s, plan, frame)
    placed = []
    for day in days:
        starts_at, ends_at = local_times(day, plan.start, plan.end, frame.zone)
        placed.append(replace(resolved, starts_at=starts_at, ends_at=ends_at))
    return placed


def _venue_id(s: OrmSession, plan: SessionPlan, actor_id: int | None) -> int | None:
    """The plan's venue: by id, an existing one by name, or a new one created with that name."""
    name = plan.venue_name.strip()
    if plan.venue_id is not None or not name:
        return plan.venue_id
    if len(name) > 200:
        raise ValidationError(
            N_("The venue’s name is too long (at most {limit} characters)."), field="venue", limit=200
        )
    existing = s.scalar(select(Venue.id).where(func.lower(Venue.name) == name.lower()))
    if existing is not None:
        return existing
    venue_id = s.execute(insert(Venue).values(name=name, address="").returning(Venue.id)).scalar_one()
    audit(s, "venue.created", "venue", venue_id, actor_id=actor_id)
    return venue_id


def _insert_sessions(
    s: OrmSession, cohort_id: int, resolved: list[_Resolved], *, series_id: str | None, actor_id: int | None
) -> list[int]:
    now = utcnow()
    rows = [
        {
            "cohort_id": cohort_id, "module_id": r.module_id, "venue_id": r.venue_id, "title": r.title,
            "session_type": r.session_type, "starts_at": r.starts_at, "ends_at": r.ends_at, "status": PLANNED,
            "cancel_reason": "", "ical_uid": f"{uuid.uuid4()}@tillitsleder", "sequence": 0,
            "series_id": series_id, "updated_at": now,
        }
        for r in resolved
    ]  # fmt: skip
    statement = insert(Session).returning(Session.id, sort_by_parameter_order=True)
    ids = list(s.execute(statement, rows).scalars())
    _link_facilitators(s, [(i, r.facilitator_ids) for i, r in zip(ids, resolved, strict=True)])
    detail = {"cohort_id": cohort_id, **({"series_id": series_id} if series_id else {})}
    s.execute(
        insert(AuditEvent),
        [
            {"actor_id": actor_id, "action": "session.scheduled", "entity": "session", "entity_id": i,
             "detail": json.dumps(detail), "occurred_at": now}
            for i in ids
        ],
    )  # fmt: skip
    return ids


def _link_facilitators(s: OrmSession, links: list[tuple[int, tuple[int, ...]]]) -> None:
    rows = [{"session_id": sid, "facilitator_id": fid} for sid, fids in links for fid in fids]
    if rows:
        s.execute(insert(session_facilitator), rows)


def _conflicts_of(s: OrmSession, frame: ProgrammeFrame, resolved: _Resolved, session_id: int) -> list[Conflict]:
    s.flush()
    return find_conflicts(
        s, frame, resolved.starts_at, resolved.ends_at,
        facilitator_ids=resolved.facilitator_ids, venue_id=resolved.venue_id, ignore_session_ids=[session_id],
    )  # fmt: skip


