"""The attendance register: a programme's attendance statuses and a cohort's participants × sessions grid.

Statuses (present, late, excused …) are configured per programme, each with a weight from 0 to 1; a programme
gets the defaults when it is created (see ``statuses``). The register is loaded in a handful of queries without
writing anything, and summarised with the rules of ``attendance.rules`` (which sessions count, the shares so far
and over all planned, whether the minimum can no longer be reached), computed exactly in whole thousandths.

Recording a status at a planned session that has begun marks it held (``rules.recording_marks_held``): the
register is where a coordinator registers that a session took place and who attended.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, select, update
from sqlalchemy.orm import Session as OrmSession

from tillitsleder import clock
from tillitsleder.attendance import rules_sql
from tillitsleder.attendance.cells import current, write_cells
from tillitsleder.attendance.rules import (
    AttendanceFigures,
    SessionState,
    attendance_figures,
    is_flagged,
    recording_marks_held,
    session_state,
    to_be_registered_count,
    weight_milli,
)
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
from tillitsleder.errors import ChangedElsewhere, NotFound, ValidationError
from tillitsleder.i18n import N_
from tillitsleder.model import Attendance, Cohort, Enrolment, Person, Programme, Session
from tillitsleder.model.enums import SessionStatus
from tillitsleder.model.versioned import ACTING_PERSON
from tillitsleder.storage.database import CHANGED_ELSEWHERE, Database
from tillitsleder.versions import CHANGED_BY, saved_by, when

# (enrolment id, session id, status id or None to clear the cell)
Change = tuple[int, int, int | None]


@dataclass(frozen=True)
class RegisterSession:
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    status: str
    state: SessionState  # see ``rules.session_state``

    @property
    def held(self) -> bool:
        return self.state is SessionState.HELD

    @property
    def cancelled(self) -> bool:
        return self.state is SessionState.CANCELLED

    @property
    def to_be_registered(self) -> bool:
        return self.state is SessionState.TO_BE_REGISTERED


@dataclass(frozen=True)
class RegisterParticipant:
    enrolment_id: int
    first_name: str
    last_name: str
    enrolment_status: str

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


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
    # (enrolment id, session id) → the cell's version as read: what ``set_attendance`` gets back as ``seen``
    versions: dict[tuple[int, int], int] = field(default_factory=dict)

    def seen(self, changes: Iterable[Change]) -> dict[tuple[int, int], int]:
        """The versions of the cells ``changes`` touch, as this copy has them (0 for an empty cell)."""
        return {(e, s): self.versions.get((e, s), 0) for e, s, _status in changes}

    def status(self, status_id: int | None) -> StatusInfo | None:
        return self._status_by_id().get(status_id) if status_id is not None else None

    def _status_by_id(self) -> dict[int, StatusInfo]:
        return {status.id: status for status in self.statuses}

    def cell(self, enrolment_id: int, session_id: int) -> int | None:
        return self.cells.get((enrolment_id, session_id))

    @property
    def to_be_registered(self) -> int:
        """How many sessions are over but not registered yet."""
        return to_be_registered_count(session.state for session in self.sessions)

    def apply(self, changes: Iterable[Change], *, now: datetime | None = None) -> bool:
        """Apply saved changes to this copy (the grid does so after ``set_attendance`` succeeded), marking the
        sessions held that ``set_attendance`` marked; returns whether any session became held."""
        now = now or clock.now()
        recorded: set[int] = set()
        for enrolment_id, session_id, status_id in changes:
            key = (enrolment_id, session_id)
            if status_id is None:
                self.cells.pop(key, None)
                self.versions.pop(key, None)
            else:
                self.cells[key] = status_id
                self.versions[key] = self.versions.get(key, 0) + 1  # as ``set_attendance`` wrote it
                recorded.add(session_id)
        became_held = False
        for index, session in enumerate(self.sessions):
            if session.id in recorded and recording_marks_held(session.status, session.starts_at, now):
                self.sessions[index] = replace(session, status=SessionStatus.HELD.value, state=SessionState.HELD)
                became_held = True
        return became_held

    def summary(self, enrolment_id: int) -> AttendanceFigures:
        """The participant's attendance figures (``rules.attendance_figures``)."""
        milli = {status.id: weight_milli(status.weight) for status in self.statuses}
        cells = self.cells
        return attendance_figures(
            ((s.state, milli.get(cells.get((enrolment_id, s.id)))) for s in self.sessions), self.min_attendance
        )

    def flagged(self, participant: RegisterParticipant, summary: AttendanceFigures | None = None) -> bool:
        """Still taking part and unable to reach the minimum any more (``rules.is_flagged``)."""
        return is_flagged(participant.enrolment_status, summary or self.summary(participant.enrolment_id))

    def summaries(self) -> list[AttendanceFigures]:
        return [self.summary(participant.enrolment_id) for participant in self.participants]


def load_register(db: Database, cohort_id: int, *, now: datetime | None = None) -> Register:
    """The register of ``cohort_id`` as of ``now`` (default: the clock) in five queries; writes nothing."""
    now = now or clock.now()
    with db.read() as s:
        row = s.execute(
            select(Cohort.name, Cohort.programme_id, Programme.timezone, Programme.min_attendance)
            .join(Programme, Programme.id == Cohort.programme_id)
            .where(Cohort.id == cohort_id)
        ).first()
        if row is None:
            raise NotFound(N_("There is no cohort “{cohort}”."), cohort=str(cohort_id))
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
            select(Attendance.enrolment_id, Attendance.session_id, Attendance.status_id, Attendance.version)
            .join(Session, Session.id == Attendance.session_id)
            .where(Session.cohort_id == cohort_id)
        ).all()
    sessions = [
        RegisterSession(m.id, m.title, m.starts_at, m.ends_at, m.status, session_state(m.status, m.ends_at, now))
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
        versions={(c.enrolment_id, c.session_id): c.version for c in cells},
    )


def at_risk_participants(db: Database, cohort_id: int, *, now: datetime | None = None) -> list[RegisterParticipant]:
    """Active and on-leave participants who can no longer reach the programme's minimum attendance."""
    register = load_register(db, cohort_id, now=now)
    return [p for p in register.participants if register.flagged(p)]


def sessions_to_register_query(now: datetime | ColumnElement[datetime]) -> Select[Any]:
    """The ``SELECT`` behind ``sessions_to_register``: rows of (cohort id, name, count)."""
    count = rules_sql.to_be_registered_count(now)
    return select(Cohort.id, Cohort.name, count.label("n")).where(count > 0).order_by(Cohort.start_date, Cohort.id)


def sessions_to_register(db: Database, *, now: datetime | None = None) -> list[tuple[int, str, int]]:
    """Per cohort with any, ``(cohort id, name, how many sessions are to be registered)`` at ``now``, by start."""
    with db.read() as s:
        rows = s.execute(sessions_to_register_query(now or clock.now())).all()
    return [(row.id, row.name, int(row.n)) for row in rows]


def set_attendance(
    db: Database,
    cohort_id: int,
    changes: list[Change],
    *,
    now: datetime | None = None,
    seen: Mapping[tuple[int, int], int] | None = None,
    actor_id: int | None = None,
) -> int:
    """Write register cells (``None`` clears a cell); returns the number of cells changed.

    Refused as a whole, with nothing written, if a participant or session is not of this cohort, a status is
    not one of the programme's, or a session is cancelled. Notes on existing cells are kept. A planned session
    that has begun (at ``now``, default the clock) and gets a status recorded is marked held.

    Each cell is written on its own (``attendance.cells``). ``seen`` holds the version each changed cell had in
    the user's grid (``Register.versions``; 0 or missing for an empty cell): a cell someone else changed since
    is not written, the others are, and then ``ChangedElsewhere`` says who changed it and when, with the newer
    cells (``newer["cells"]``, ``newer["versions"]``) and how many cells were saved (``saved``).
    """
    now = now or clock.now()
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
        meetings = {
            row.id: row
            for row in s.execute(
                select(Session.id, Session.status, Session.starts_at).where(Session.cohort_id == cohort_id)
            )
        }
        statuses = {status.id for status in status_rows(s, programme_id)}
        for (enrolment_id, session_id), status_id in latest.items():
            if enrolment_id not in enrolments:
                raise ValidationError(N_("The participant is not enrolled in this cohort."), field="enrolment")
            if session_id not in meetings:
                raise ValidationError(N_("The session does not belong to this cohort."), field="session")
            if meetings[session_id].status == SessionStatus.CANCELLED.value:
                raise ValidationError(N_("Attendance cannot be recorded for a cancelled session."), field="session")
            if status_id is not None and status_id not in statuses:
                raise ValidationError(N_("The status is not one of this programme's statuses."), field="status")
        person_id = actor_id if actor_id is not None else s.info.get(ACTING_PERSON)
        outcome = write_cells(s, latest, seen, moment=clock.now(), person_id=person_id)
        applied = outcome.applied
        # A status recorded at a session that has begun marks it held, even one the cell already had (as before
        # cells were written one by one); a cell refused as changed elsewhere records nothing.
        refused = set(outcome.refused)
        recorded = {
            session_id
            for (enrolment_id, session_id), status_id in latest.items()
            if status_id is not None and (enrolment_id, session_id) not in refused
        }
        now_held = sorted(
            session_id
            for session_id in recorded
            if recording_marks_held(meetings[session_id].status, meetings[session_id].starts_at, now)
        )
        if now_held:
            s.execute(
                update(Session)
                .where(Session.id.in_(now_held))
                .values(status=SessionStatus.HELD.value, updated_at=now, version=Session.version + 1)
            )
            for session_id in now_held:
                audit(s, "session.held", "session", session_id, recorded=True)
        changed = len(applied)
        if changed:
            cleared = sum(1 for status_id in applied.values() if status_id is None)
            detail = {
                "sessions": sorted({session_id for _e, session_id in latest}),
                "recorded": changed - cleared,
                "cleared": cleared,
            }
            audit(s, "attendance.recorded", "cohort", cohort_id, actor_id=actor_id, **detail)
        refusal = _refusal(s, cohort_id, outcome.refused, changed) if outcome.refused else None
    if refusal is not None:
        raise refusal
    return changed


def _refusal(s: OrmSession, cohort_id: int, refused: list[tuple[int, int]], saved: int) -> ChangedElsewhere:
    """``ChangedElsewhere`` for the refused cells: who saved the latest of them and when, and their values now."""
    now_there = current(s, refused)
    newer = {
        "cells": {key: now_there[key][0] if key in now_there else None for key in refused},
        "versions": {key: now_there[key][1] if key in now_there else 0 for key in refused},
    }
    common = {"entity": "attendance", "entity_id": cohort_id, "newer": newer, "saved": saved}
    stamped = [values for values in now_there.values() if values[2] is not None]
    if not stamped:
        return ChangedElsewhere(CHANGED_ELSEWHERE, **common)
    _status, _version, moment, person_id = max(stamped, key=lambda values: values[2])
    return ChangedElsewhere(CHANGED_BY, name=saved_by(s, person_id), time=when(moment), **common)
