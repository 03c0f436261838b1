"""Progress reports as print-ready PDFs: a participant's report, the cohort overview, the summary by department and
unit for directors, and the facilitator workload.

``render_report`` checks who asks (the coordinator may print every kind; a participant only their own report, in
which their commitments' wording is shown), gathers the data and returns the PDF's bytes in the request's
language (by default the current one; dates in its long and medium formats). Long work: it reports progress and
stops when asked.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import func, or_, select

from tillitsleder import clock
from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.attendance.register import load_register
from tillitsleder.audit import record_read
from tillitsleder.completion.evaluation import evaluate_cohort, evaluate_participant
from tillitsleder.completion.rules import read_rules
from tillitsleder.errors import Cancelled, NotFound, ValidationError
from tillitsleder.i18n import N_, document_language
from tillitsleder.lookups import Option
from tillitsleder.model import Enrolment, Facilitator, Person
from tillitsleder.model.enums import LabelledEnum, ReadKind, Role
from tillitsleder.profiles import UnlockedProfile
from tillitsleder.reports import data
from tillitsleder.storage.database import Database

MAX_MONTHS = 36


class ReportKind(LabelledEnum):
    PARTICIPANT = "participant", N_("Participant's progress report")
    COHORT = "cohort", N_("Cohort overview")
    UNITS = "units", N_("Summary by department and unit")
    WORKLOAD = "workload", N_("Facilitator workload")


@dataclass(frozen=True)
class ReportRequest:
    kind: ReportKind
    cohort_id: int
    enrolment_id: int | None = None  # the participant, for ``PARTICIPANT``
    today: date | None = None
    language: str | None = None  # the report's language; ``None``: the app's


def render_report(
    db: Database,
    request: ReportRequest,
    *,
    actor: Actor | UnlockedProfile = COORDINATOR,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """The report's PDF bytes. Raises ``Forbidden`` if the actor may not see it, ``Cancelled`` if stopped. A
    participant's own copy shows their commitments' wording when ``actor`` is their unlocked profile."""
    with document_language(request.language):
        return _render(db, request, actor, progress, cancelled)


def _render(db: Database, request: ReportRequest, actor, progress, cancelled) -> bytes:
    reader = actor if isinstance(actor, UnlockedProfile) else None
    actor = actor.actor if isinstance(actor, UnlockedProfile) else actor
    today = request.today or clock.today()
    step = _Steps(progress, cancelled, total=3)
    kind = ReportKind(request.kind)
    if kind is not ReportKind.PARTICIPANT:
        actor.require(Role.COORDINATOR)
    elif request.enrolment_id is None:
        raise ValidationError(N_("Choose the participant the report is about."), field="participant")
    cohort = data.cohort_header(db, request.cohort_id)
    step()
    out = io.BytesIO()
    if kind is ReportKind.PARTICIPANT:
        _participant(db, request, cohort, actor, today, out, step, reader)
    elif kind is ReportKind.COHORT:
        from tillitsleder.reports.pdf.cohort import render_cohort

        register = load_register(db, request.cohort_id, now=_start_of(today))
        completions = evaluate_cohort(db, request.cohort_id, today=today, actor=actor, register=register)
        step()
        render_cohort(out, cohort, register, data.session_lines(db, register, None), completions, today)
    elif kind is ReportKind.UNITS:
        from tillitsleder.reports.pdf.units import render_units

        completions = evaluate_cohort(db, request.cohort_id, today=today, actor=actor)
        step()
        render_units(out, cohort, data.unit_lines(completions), today)
    else:
        _workload(db, cohort, actor, today, out, step)
    step()
    subjects = _subjects(db, kind, request)
    record_read(db, ReadKind.REPORT, "cohort", request.cohort_id, subjects, actor=actor)
    return out.getvalue()


def _subjects(db: Database, kind: ReportKind, request: ReportRequest) -> list[int]:
    """The people a report prints personal data of (for the read audit)."""
    if kind is ReportKind.PARTICIPANT:
        query = select(Enrolment.person_id).where(Enrolment.id == request.enrolment_id)
    elif kind is ReportKind.WORKLOAD:
        pools = [pool_id for pool_id, _name in data.pools_of_cohort(db, request.cohort_id)]
        query = select(Facilitator.person_id).where(Facilitator.pool_id.in_(pools))
    else:
        query = select(Enrolment.person_id).where(Enrolment.cohort_id == request.cohort_id)
    with db.read() as s:
        return list(s.scalars(query))


def participant_options(db: Database, cohort_id: int, *, actor: Actor = COORDINATOR) -> list[Option]:
    """The participants whose report the actor may print (enrolment id, name), by last name."""
    query = (
        select(Enrolment.id, Person.first_name, Person.last_name)
        .join(Person, Person.id == Enrolment.person_id)
        .where(Enrolment.cohort_id == cohort_id)
        .order_by(Person.last_name, Person.first_name, Enrolment.id)
    )
    if not actor.is_coordinator:
        query = query.where(Enrolment.person_id == actor.person_id)
    with db.read() as s:
        return [Option(row.id, f"{row.first_name} {row.last_name}") for row in s.execute(query)]


def find_participant(db: Database, cohort_id: int, text: str) -> int:
    """The enrolment in the cohort of a person named by id, e-mail or full name (as the CLI accepts them)."""
    value = str(text).strip()
    conditions = [
        func.lower(Person.email) == value.lower(),
        func.lower(Person.first_name + " " + Person.last_name) == value.lower(),
    ]
    if value.isdigit():
        conditions.append(Person.id == int(value))
    with db.read() as s:
        rows = s.execute(
            select(Enrolment.id, Person.id.label("person_id"))
            .join(Person, Person.id == Enrolment.person_id)
            .where(Enrolment.cohort_id == cohort_id, or_(*conditions))
            .order_by(Enrolment.id)
        ).all()
    if len(rows) > 1 and value.isdigit():
        rows = [row for row in rows if row.person_id == int(value)]
    if not rows:
        raise NotFound(N_("There is no participant “{participant}” in this cohort."), participant=value)
    if len(rows) > 1:
        raise ValidationError(
            N_("More than one participant is called “{participant}”; give the id or e-mail."), participant=value
        )
    return rows[0].id


# --- The kinds --------------------------------------------------------------------------------------------


def _participant(db, request: ReportRequest, cohort, actor: Actor, today: date, out, step, reader=None) -> None:
    from tillitsleder.reports.pdf.participant import render_participant

    enrolment_id = int(request.enrolment_id)  # type: ignore[arg-type]
    register = load_register(db, request.cohort_id, now=_start_of(today))
    completion = evaluate_participant(db, enrolment_id, today=today, actor=actor, register=register)  # checks actor
    with db.read() as s:
        in_cohort = s.scalar(select(Enrolment.cohort_id).where(Enrolment.id == enrolment_id))
    if in_cohort != request.cohort_id:
        raise ValidationError(N_("The participant is not enrolled in this cohort."), field="participant")
    rules = read_rules(db, register.programme_id)
    position, enrolled_on = data.enrolment_facts(db, enrolment_id)
    own = actor.role is Role.PARTICIPANT and actor.person_id == completion.person_id
    report = data.ParticipantReport(
        cohort=cohort,
        rules=rules,
        completion=completion,
        position=position,
        enrolled_on=enrolled_on,
        sessions=data.session_lines(db, register, enrolment_id),
        modules=data.module_lines(db, register, rules, enrolment_id),
        commitments=data.commitment_lines(db, completion.person_id, enrolled_on, reader=reader if own else None),
    )
    step()
    render_participant(out, report, today)


def _workload(db, cohort, actor: Actor, today: date, out, step) -> None:
    from tillitsleder.facilitators.workload import workload
    from tillitsleder.reports.pdf.workload import render_workload

    first = cohort.start
    last = cohort.end or today
    # The workload service looks at three years at most: the last three of the cohort's period.
    while (last.year - first.year) * 12 + last.month - first.month + 1 > MAX_MONTHS:
        first = date(first.year + (first.month // 12), first.month % 12 + 1, 1)
    pools = [
        (name, workload(db, pool_id, first, last, actor=actor)) for pool_id, name in data.pools_of_cohort(db, cohort.id)
    ]
    step()
    render_workload(out, cohort, pools, first, last, today)


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


class _Steps:
    def __init__(self, progress, cancelled, total: int) -> None:
        self.progress, self.cancelled, self.total, self.done = progress, cancelled, total, 0

    def __call__(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled(N_("The report was not made: you stopped it."))
        self.done = min(self.done + 1, self.total)
        if self.progress is not None:
            self.progress(self.done, self.total)
