"""What the progress reports print, gathered in a few queries into plain dataclasses (no PDF here).

Never journal content: a participant's report shows the journal-entry count only where the completion rules may
count it (the participant allows it). Commitments show their dates and status; their wording only in the
participant's own copy, opened with their unlocked profile (the coordinator sees "status only", see the domain
notes).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from tillitsleder.attendance.register import Register
from tillitsleder.completion.evaluation import CompletionState, ParticipantCompletion
from tillitsleder.completion.rules import RulesInfo
from tillitsleder.errors import NotFound
from tillitsleder.i18n import N_
from tillitsleder.model import (
    Cohort,
    Commitment,
    Enrolment,
    FacilitatorPool,
    Module,
    Municipality,
    Person,
    Programme,
    Session,
)
from tillitsleder.model.enums import CommitmentStatus, EnrolmentStatus
from tillitsleder.storage.database import Database


@dataclass(frozen=True)
class CohortHeader:
    id: int
    name: str
    programme: str
    municipality: str
    start: date
    end: date | None
    timezone: str


@dataclass(frozen=True)
class SessionLine:
    number: int
    day: date
    title: str
    module: str
    held: bool
    cancelled: bool
    to_be_registered: bool  # over, but its attendance is not registered yet (see ``attendance.rules``)
    status: str  # the recorded status's label, "" when nothing is recorded
    weight: Decimal | None


@dataclass(frozen=True)
class ModuleLine:
    title: str
    hours: Decimal
    required: bool
    sessions: int  # non-cancelled sessions of the module in this cohort
    attended: int  # of them, attended with a weight above 0


@dataclass(frozen=True)
class CommitmentLine:
    made_on: date
    due_on: date | None
    status: CommitmentStatus
    description: str | None  # only in the participant's own copy


@dataclass(frozen=True)
class ParticipantReport:
    cohort: CohortHeader
    rules: RulesInfo
    completion: ParticipantCompletion
    position: str
    enrolled_on: date
    sessions: list[SessionLine]
    modules: list[ModuleLine]
    commitments: list[CommitmentLine]


@dataclass(frozen=True)
class UnitLine:
    department: str
    unit: str
    enrolled: int
    withdrawn: int
    attendance: Fraction | None  # mean attendance so far (``rules.share_so_far``) of those still taking part
    states: dict[CompletionState, int]


def cohort_header(db: Database, cohort_id: int) -> CohortHeader:
    with db.read() as s:
        row = s.execute(
            select(
                Cohort.name,
                Programme.name.label("programme"),
                Municipality.name.label("municipality"),
                Cohort.start_date,
                func.coalesce(Cohort.end_date, Programme.end_date).label("end"),
                Programme.timezone,
            )
            .join(Programme, Programme.id == Cohort.programme_id)
            .join(Municipality, Municipality.id == Programme.municipality_id)
            .where(Cohort.id == cohort_id)
        ).first()
    if row is None:
        raise NotFound(N_("There is no cohort “{cohort}”."), cohort=str(cohort_id))
    return CohortHeader(cohort_id, row.name, row.programme, row.municipality, row.start_date, row.end, row.timezone)


def session_lines(db: Database, register: Register, enrolment_id: int | None) -> list[SessionLine]:
    """The cohort's sessions in time order with the participant's recorded status (none without a participant)."""
    zone = ZoneInfo(register.timezone)
    with db.read() as s:
        modules = dict(
            s.execute(
                select(Session.id, Module.title)
                .join(Module, Module.id == Session.module_id)
                .where(Session.cohort_id == register.cohort_id)
            ).all()
        )
    lines = []
    for number, session in enumerate(register.sessions, start=1):
        status = register.status(register.cell(enrolment_id, session.id)) if enrolment_id is not None else None
        lines.append(
            SessionLine(
                number,
                session.starts_at.astimezone(zone).date(),
                session.title,
                modules.get(session.id, ""),
                session.held,
                session.cancelled,
                session.to_be_registered,
                status.label if status else "",
                status.weight if status else None,
            )
        )
    return lines


def module_lines(db: Database, register: Register, rules: RulesInfo, enrolment_id: int) -> list[ModuleLine]:
    weights = {status.id: status.weight for status in register.statuses}
    with db.read() as s:
        of_session = dict(
            s.execute(
                select(Session.id, Session.module_id).where(
                    Session.cohort_id == register.cohort_id, Session.module_id.is_not(None)
                )
            ).all()
        )
    counted = {session.id for session in register.sessions if not session.cancelled}
    sessions: dict[int, int] = defaultdict(int)
    attended: dict[int, int] = defaultdict(int)
    for session_id, module_id in of_session.items():
        if session_id not in counted:
            continue
        sessions[module_id] += 1
        if weights.get(register.cell(enrolment_id, session_id), 0) > 0:
            attended[module_id] += 1
    return [
        ModuleLine(m.title, m.hours, m.required, sessions[m.id], attended[m.id])
        for m in rules.modules
        if sessions[m.id] or m.required
    ]


def commitment_lines(db: Database, person_id: int, since: date, *, reader=None) -> list[CommitmentLine]:
    """The person's commitments made since ``since``: dates and status, and the wording only when ``reader`` (their
    own unlocked profile) opens it — commitments are sealed, so without it the wording is not there to print."""
    if reader is not None:
        from tillitsleder.journal.commitments import list_commitments

        views = [v for v in list_commitments(db, reader, person_id) if v.made_on >= since]
        views.sort(key=lambda v: (v.made_on, v.id))
        return [CommitmentLine(v.made_on, v.due_on, v.status, v.description) for v in views]
    with db.read() as s:
        rows = s.execute(
            select(Commitment.made_on, Commitment.due_on, Commitment.status)
            .where(Commitment.person_id == person_id, Commitment.made_on >= since)
            .order_by(Commitment.made_on, Commitment.id)
        ).all()
    return [CommitmentLine(r.made_on, r.due_on, CommitmentStatus(r.status), None) for r in rows]


def enrolment_facts(db: Database, enrolment_id: int) -> tuple[str, date]:
    with db.read() as s:
        row = s.execute(
            select(func.coalesce(Enrolment.position, Person.position, ""), Enrolment.enrolled_on)
            .join(Person, Person.id == Enrolment.person_id)
            .where(Enrolment.id == enrolment_id)
        ).first()
    if row is None:
        raise NotFound(N_("The enrolment no longer exists (id {id})."), id=enrolment_id)
    return row[0], row[1]


def unit_lines(completions: list[ParticipantCompletion]) -> list[UnitLine]:
    """One line per (department, unit) of the enrolments' snapshots, sorted by department and unit."""
    groups: dict[tuple[str, str], list[ParticipantCompletion]] = defaultdict(list)
    for c in completions:
        groups[(c.department, c.unit)].append(c)
    lines = []
    for (department, unit), members in sorted(groups.items(), key=lambda item: (item[0][0] or "~", item[0][1])):
        taking_part = [c for c in members if c.enrolment_status != EnrolmentStatus.WITHDRAWN.value]
        shares = [c.attendance_so_far for c in taking_part if c.attendance_so_far is not None]
        states = {state: sum(c.state is state for c in members) for state in CompletionState}
        lines.append(
            UnitLine(
                department,
                unit,
                len(members),
                len(members) - len(taking_part),
                sum(shares, Fraction(0)) / len(shares) if shares else None,
                states,
            )
        )
    return lines


def pools_of_cohort(db: Database, cohort_id: int) -> list[tuple[int, str]]:
    """The facilitator pools of the municipality that runs the cohort's programme."""
    with db.read() as s:
        rows = s.execute(
            select(FacilitatorPool.id, FacilitatorPool.name)
            .join(Programme, Programme.municipality_id == FacilitatorPool.municipality_id)
            .join(Cohort, Cohort.programme_id == Programme.id)
            .where(Cohort.id == cohort_id)
            .order_by(FacilitatorPool.id)
        ).all()
    return [(row.id, row.name) for row in rows]
