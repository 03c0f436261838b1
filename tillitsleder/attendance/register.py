"""The attendance register: a programme's attendance statuses and a cohort's participants × sessions grid.

Statuses (present, late, excused …) are configured per programme, each with a weight from 0 to 1; a programme
without any gets the defaults the first time its statuses or a register are asked for. The register is loaded
in a handful of queries and summarised in Python: per participant the weighted attendance over the sessions
held so far, over all planned sessions (held + still planned, never cancelled), and whether the programme's
minimum can no longer be reached even by attending every remaining session fully. Numbers are kept exact
(``Decimal``), so the "cannot reach" flag flips exactly at the session where the last chance is lost.

A session counts as held when it is marked held, or when it is still marked planned but has already ended.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import delete, insert, select, update

from tillitsleder import clock
from tillitsleder.attendance.statuses import (  # noqa: F401 - the statuses are part of this area's API
    StatusInfo,
    add_status,
    delete_status,
    edit_status,
    ensure_default_statuses,
    list_statuses,
    reorder_statuses,
    status_rows,
    usage_counts,
)
from tillitsleder.audit import audit
from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.i18n import N_
from tillitsleder.model import Attendance, Cohort, Enrolment, Person, Programme, Session
from tillitsleder.model.enums import EnrolmentStatus, SessionStatus
from tillitsleder.storage.database import Database

# (enrolment id, session id, status id or None to clear the cell)
Change = tuple[int, int, int | None]
# Participants who still take part: only they are flagged as at risk.
STILL_ENROLLED = frozenset({EnrolmentStatus.ACTIVE.value, EnrolmentStatus.ON_LEAVE.value})


@dataclass(frozen=True)
class RegisterSession:
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    status: str
    held: bool  # marked held, or planned and already over
    cancelled: bool


@dataclass(frozen=True)
class RegisterParticipant:
    enrolment_id: int
    first_name: str
    last_name: str
    enrolment_status: str

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class ParticipantAttendance:
    """One participant's numbers. Fractions are ``None`` when there is nothing to divide by."""

    enrolment_id: int
    held_sessions: int  # sessions held so far
    planned_sessions: int  # held + still planned (cancelled ones never count)
    held_weight: Decimal  # weights recorded at held sessions
    planned_weight: Decimal  # weights recorded at held and planned sessions
    best_possible: Decimal | None  # over all planned, attending every remaining session fully
    min_attendance: Decimal
    cannot_reach_minimum: bool

    @property
    def held_fraction(self) -> float | None:
        return float(self.held_weight / self.held_sessions) if self.held_sessions else None

    @property
    def planned_fraction(self) -> float | None:
        return float(self.planned_weight / self.planned_sessions) if self.planned_sessions else None


@dataclass
class Register:
    """A cohort's register: participants (by last name) × sessions (in time order) and the recorded cells."""

    cohort_id: int
    cohort_name: str
    programme_id: int
    timezone: str
    min_attendance: Decimal
    statuses: list[StatusInfo]
    participants: list[RegisterParticipant]
    sessions: list[RegisterSession]
    cells: dict[tuple[int, int], int] = field(default_factory=dict)  # (enrolment id, session id) → status id

    def status(self, status_id: int | None) -> StatusInfo | None:
        return self._status_by_id().get(status_id) if status_id is not None else None

    def _status_by_id(self) -> dict[int, StatusInfo]:
        return {status.id: status for status in self.statuses}

    def cell(self, enrolment_id: int, session_id: int) -> int | None:
        return self.cells.get((enrolment_id, session_id))

    def apply(self, changes: Iterable[Change]) -> None:
        """Apply saved changes to this copy (the grid does so after ``set_attendance`` succeeded)."""
        for enrolment_id, session_id, status_id in changes:
            if status_id is None:
                self.cells.pop((enrolment_id, session_id), None)
            else:
                self.cells[(enrolment_id, session_id)] = status_id

    def summary(self, enrolment_id: int) -> ParticipantAttendance:
        weights = {status.id: status.weight for status in self.statuses}
        return summarise(
            enrolment_id,
            [(s.held, s.cancelled, weights.get(self.cells.get((enrolment_id, s.id)))) for s in self.sessions],
            self.min_attendance,
        )

    def flagged(self, participant: RegisterParticipant, summary: ParticipantAttendance | None = None) -> bool:
        """Still taking part and unable to reach the minimum any more."""
        if participant.enrolment_status not in STILL_ENROLLED:
            return False
        return (summary or self.summary(participant.enrolment_id)).cannot_reach_minimum

    def summaries(self) -> list[ParticipantAttendance]:
        return [self.summary(participant.enrolment_id) for participant in self.participants]


def summarise(
    enrolment_id: int, sessions: list[tuple[bool, bool, Decimal | None]], min_attendance: Decimal
) -> ParticipantAttendance:
    """Numbers for one participant from ``(held, cancelled, recorded weight or None)`` per session."""
    held = planned = 0
    held_weight = planned_weight = Decimal(0)
    for is_held, cancelled, weight in sessions:
        if cancelled:
            continue
        planned += 1
        planned_weight += weight or 0
        if is_held:
            held += 1
            held_weight += weight or 0
    remaining = planned - held
    best = (held_weight + remaining) / planned if planned else None
    # Exact: best possible weight over all planned sessions is below the minimum share of them.
    cannot_reach = planned > 0 and held_weight + remaining < min_attendance * planned
    return ParticipantAttendance(
        enrolment_id, held, planned, held_weight, planned_weight, best, min_attendance, cannot_reach
    )


def load_register(db: Database, cohort_id: int, *, now: datetime | None = None) -> Register:
    """The register of ``cohort_id`` in four queries (cohort, statuses, participants, sessions, cells)."""
    now = now or clock.now()
    with db.read() as s:
        row = s.execute(
            select(Cohort.name, Cohort.programme_id, Programme.timezone, Programme.min_attendance)
            .join(Programme, Programme.id == Cohort.programme_id)
            .where(Cohort.id == cohort_id)
        ).first()
    if row is None:
        raise NotFound(N_("There is no cohort “{cohort}”."), cohort=str(cohort_id))
    ensure_default_statuses(db, row.programme_id)
    with db.read() as s:
        statuses = status_rows(s, row.programme_id)
        people = s.execute(
            select(Enrolment.id, Person.first_name, Person.last_name, Enrolment.status)
            .join(Person, Person.id == Enrolment.person_id)
            .where(Enrolment.cohort_id == cohort_id)
            .order_by(Person.last_name, Person.first_name, Enrolment.id)
        ).all()
        meetings = s.execute(
            select(Session.id, Session.title, Session.starts_at, Session.ends_at, Session.status)
            .where(Session.cohort_id == cohort_id)
            .order_by(Session.starts_at, Session.id)
        ).all()
        cells = s.execute(
            select(Attendance.enrolment_id, Attendance.session_id, Attendance.status_id)
            .join(Session, Session.id == Attendance.session_id)
            .where(Session.cohort_id == cohort_id)
        ).all()
    sessions = [
        RegisterSession(
            m.id,
            m.title,
            m.starts_at,
            m.ends_at,
            m.status,
            held=m.status == SessionStatus.HELD.value or (m.status == SessionStatus.PLANNED.value and m.ends_at <= now),
            cancelled=m.status == SessionStatus.CANCELLED.value,
        )
        for m in meetings
    ]
    return Register(
        cohort_id=cohort_id,
        cohort_name=row.name,
        programme_id=row.programme_id,
        timezone=row.timezone,
        min_attendance=Decimal(row.min_attendance),
        statuses=statuses,
        participants=[RegisterParticipant(p.id, p.first_name, p.last_name, p.status) for p in people],
        sessions=sessions,
        cells={(c.enrolment_id, c.session_id): c.status_id for c in cells},
    )


def at_risk_participants(db: Database, cohort_id: int, *, now: datetime | None = None) -> list[ParticipantAttendance]:
    """Active and on-leave participants who can no longer reach the programme's minimum attendance."""
    register = load_register(db, cohort_id, now=now)
    return [register.summary(p.enrolment_id) for p in register.participants if register.flagged(p)]


def set_attendance(db: Database, cohort_id: int, changes: list[Change]) -> int:
    """Write register cells in one transaction (``None`` clears a cell); returns the number of cells changed.

    Refused as a whole, with nothing written, if a participant or session is not of this cohort, a status is
    not one of the programme's, or a session is cancelled. Notes on existing cells are kept.
    """
    latest: dict[tuple[int, int], int | None] = {}
    for enrolment_id, session_id, status_id in changes:
        latest[(int(enrolment_id), int(session_id))] = None if status_id is None else int(status_id)
    if not latest:
        return 0
    with db.session() as s:
        programme_id = s.scalar(select(Cohort.programme_id).where(Cohort.id == cohort_id))
        if programme_id is None:
            raise NotFound(N_("There is no cohort “{cohort}”."), cohort=str(cohort_id))
        enrolments = set(s.scalars(select(Enrolment.id).where(Enrolment.cohort_id == cohort_id)))
        session_status = dict(s.execute(select(Session.id, Session.status).where(Session.cohort_id == cohort_id)).all())
        statuses = {status.id for status in status_rows(s, programme_id)}
        for (enrolment_id, session_id), status_id in latest.items():
            if enrolment_id not in enrolments:
                raise ValidationError(N_("The participant is not enrolled in this cohort."), field="enrolment")
            if session_id not in session_status:
                raise ValidationError(N_("The session does not belong to this cohort."), field="session")
            if session_status[session_id] == SessionStatus.CANCELLED.value:
                raise ValidationError(N_("Attendance cannot be recorded for a cancelled session."), field="session")
            if status_id is not None and status_id not in statuses:
                raise ValidationError(N_("The status is not one of this programme's statuses."), field="status")
        touched_sessions = {session_id for _e, session_id in latest}
        existing = {
            (row.enrolment_id, row.session_id): (row.id, row.status_id)
            for row in s.execute(
                select(Attendance.id, Attendance.enrolment_id, Attendance.session_id, Attendance.status_id).where(
                    Attendance.session_id.in_(touched_sessions)
                )
            )
        }
        inserts, updates, deletes = [], [], []
        for (enrolment_id, session_id), status_id in latest.items():
            found = existing.get((enrolment_id, session_id))
            if status_id is None:
                if found is not None:
                    deletes.append(found[0])
            elif found is None:
                inserts.append({"enrolment_id": enrolment_id, "session_id": session_id, "status_id": status_id})
            elif found[1] != status_id:
                updates.append({"id": found[0], "status_id": status_id})
        if deletes:
            s.execute(delete(Attendance).where(Attendance.id.in_(deletes)))
        if inserts:
            s.execute(insert(Attendance), inserts)
        if updates:
            s.execute(update(Attendance), updates)
        changed = len(inserts) + len(updates) + len(deletes)
        if changed:
            detail = {
                "sessions": sorted(touched_sessions),
                "recorded": len(inserts) + len(updates),
                "cleared": len(deletes),
            }
            audit(s, "attendance.recorded", "cohort", cohort_id, **detail)
        return changed
