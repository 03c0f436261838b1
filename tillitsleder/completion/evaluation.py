"""Completion: each participant's state (on track, at risk, cannot complete, completed) and the reasons in words.

The rules of a programme (see ``completion_rules``): weighted attendance over all planned sessions at least the
programme's minimum; every required module attended (any status with a weight above 0 at one of its sessions);
at least a number of journal entries written, counted only for participants who allow it (``Enrolment.
journal_count_visible``; only rows are counted, never a body read); and, if the programme asks for it, the
coordinator's sign-off once the last session is over.

The state is computed on demand from the data as it is now (the register in four queries, then a handful of grouped
queries), so it follows every change without being stored. The worst finding decides the state:

- *cannot complete*: withdrew (only that reason is given), can no longer reach the minimum attendance, or — once
  the cohort is over — missed every session of a required module or wrote too few journal entries;
- *at risk*: attendance so far below the minimum, behind the pace of journal entries, journal count not shared
  while the rule asks for entries, a required module without any session in the cohort, or missed every held
  session of a required module while the cohort still runs (a make-up session can still be arranged);
- *completed*: every rule met, no session left, and signed off (if required) — only these are ``eligible``;
- *on track*: otherwise; ``reasons`` then says what is still outstanding.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import ROUND_FLOOR, Decimal
from functools import lru_cache

from sqlalchemy import func, select

from tillitsleder import clock
from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.attendance.register import Register, load_register
from tillitsleder.completion.rules import RulesInfo, read_rules
from tillitsleder.errors import NotFound
from tillitsleder.i18n import N_, _, babel_locale, format_date, format_number, ngettext
from tillitsleder.model import (
    Cohort,
    CompletionSignOff,
    Department,
    Enrolment,
    JournalEntry,
    Module,
    Person,
    Session,
    Unit,
)
from tillitsleder.model.enums import EnrolmentStatus, LabelledEnum, Role, SessionStatus
from tillitsleder.storage.database import Database

WAITING_FOR_SIGN_OFF = N_("Waiting for the coordinator's sign-off.")


class CompletionState(LabelledEnum):
    ON_TRACK = "on_track", N_("On track")
    AT_RISK = "at_risk", N_("At risk")
    CANNOT_COMPLETE = "cannot_complete", N_("Cannot complete")
    COMPLETED = "completed", N_("Completed")


@dataclass(frozen=True)
class ParticipantCompletion:
    """One participant's completion. ``attendance`` is the weighted share of all planned sessions so far recorded
    (``None`` without planned sessions); ``journal_entries`` is ``None`` when the participant does not share it."""

    enrolment_id: int
    person_id: int
    name: str
    state: CompletionState
    reasons: list[str]
    eligible: bool
    first_name: str = ""
    last_name: str = ""
    enrolment_status: str = EnrolmentStatus.ACTIVE.value
    status_since: date | None = None
    unit: str = ""
    department: str = ""
    attendance: Decimal | None = None
    attendance_so_far: Decimal | None = None
    modules_missing: tuple[str, ...] = ()
    journal_entries: int | None = None
    signed_off_at: datetime | None = None
    signed_off_by: str = ""


@dataclass(frozen=True)
class _Facts:
    """What the cohort-wide queries found, shared by every participant's evaluation."""

    rules: RulesInfo
    register: Register
    cohort_end: date | None
    today: date
    remaining_sessions: int
    # required module id → title, and → (held session ids, sessions still to come)
    required: dict[int, str]
    module_sessions: dict[int, tuple[set[int], int]]
    attended_sessions: dict[int, set[int]]  # enrolment id → session ids attended with weight above 0
    journal_counts: dict[int, int]  # enrolment id → entries (only for those who share)
    sign_offs: dict[int, tuple[datetime, str]]


def percent(value: Decimal | float) -> str:
    """A share as a percentage rounded down to one decimal, so 74.96 % never reads as the minimum 75 %."""
    floored = (Decimal(str(value)) * 1000).to_integral_value(ROUND_FLOOR) / 1000
    return _percent(floored, babel_locale())


@lru_cache(maxsize=2048)
def _percent(floored: Decimal, locale: str) -> str:
    from babel.numbers import format_percent

    return format_percent(floored, format="#,##0.#%", locale=locale)


def evaluate_cohort(
    db: Database,
    cohort_id: int,
    *,
    today: date | None = None,
    actor: Actor = COORDINATOR,
    register: Register | None = None,
) -> list[ParticipantCompletion]:
    """Every participant of the cohort the actor may see, by last name: the coordinator sees all, a facilitator
    the members of the reflection groups they lead, a participant only themselves. ``register``: the cohort's
    register as of the start of ``today``, if the caller loaded it already."""
    facts = _load(db, cohort_id, today or clock.today(), register)
    visible = _visible_enrolments(db, cohort_id, actor)
    return [_evaluate(facts, p) for p in _participants(db, cohort_id) if visible is None or p.enrolment_id in visible]


def evaluate_participant(
    db: Database,
    enrolment_id: int,
    *,
    today: date | None = None,
    actor: Actor = COORDINATOR,
    register: Register | None = None,
) -> ParticipantCompletion:
    """One enrolment's completion (a participant may ask for their own only); ``register`` as for
    ``evaluate_cohort`` (used only if it is the enrolment's cohort's)."""
    with db.read() as s:
        row = s.execute(select(Enrolment.cohort_id, Enrolment.person_id).where(Enrolment.id == enrolment_id)).first()
    if row is None:
        raise NotFound(N_("The enrolment no longer exists (id {id})."), id=enrolment_id)
    if actor.role is Role.PARTICIPANT:
        actor.require_person(row.person_id)
    else:
        visible = _visible_enrolments(db, row.cohort_id, actor)
        if visible is not None and enrolment_id not in visible:
            actor.require(Role.COORDINATOR)
    facts = _load(db, row.cohort_id, today or clock.today(), register)
    (participant,) = [p for p in _participants(db, row.cohort_id) if p.enrolment_id == enrolment_id]
    return _evaluate(facts, participant)


# --- Loading ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Participant:
    enrolment_id: int
    person_id: int
    first_name: str
    last_name: str
    status: str
    status_since: date
    unit: str
    department: str


def _participants(db: Database, cohort_id: int) -> list[_Participant]:
    with db.read() as s:
        rows = s.execute(
            select(
                Enrolment.id,
                Enrolment.person_id,
                Person.first_name,
                Person.last_name,
                Enrolment.status,
                Enrolment.status_since,
                func.coalesce(Unit.name, ""),
                func.coalesce(Department.name, ""),
            )
            .join(Person, Person.id == Enrolment.person_id)
            .outerjoin(Unit, Unit.id == Enrolment.unit_id)
            .outerjoin(Department, Department.id == Unit.department_id)
            .where(Enrolment.cohort_id == cohort_id)
            .order_by(Person.last_name, Person.first_name, Enrolment.id)
        ).all()
    return [_Participant(*row) for row in rows]


def _visible_enrolments(db: Database, cohort_id: int, actor: Actor) -> set[int] | None:
    """``None`` when the actor sees every enrolment of the cohort."""
    if actor.is_coordinator:
        return None
    from tillitsleder.model import Facilitator, GroupRound, ReflectionGroup, group_member

    with db.read() as s:
        if actor.role is Role.PARTICIPANT:
            query = select(Enrolment.id).where(Enrolment.cohort_id == cohort_id, Enrolment.person_id == actor.person_id)
        else:
            query = (
                select(group_member.c.enrolment_id)
                .join(ReflectionGroup, ReflectionGroup.id == group_member.c.group_id)
                .join(GroupRound, GroupRound.id == ReflectionGroup.round_id)
                .join(Facilitator, Facilitator.id == ReflectionGroup.facilitator_id)
                .where(GroupRound.cohort_id == cohort_id, Facilitator.person_id == actor.person_id)
            )
        return set(s.scalars(query))


def _load(db: Database, cohort_id: int, today: date, register: Register | None = None) -> _Facts:
    if register is None or register.cohort_id != cohort_id:
        register = load_register(db, cohort_id, now=datetime.combine(today, time.min, tzinfo=UTC))
    rules = read_rules(db, register.programme_id)
    held = {session.id for session in register.sessions if session.held and not session.cancelled}
    remaining = {session.id for session in register.sessions if not session.held and not session.cancelled}
    weights = {status.id: status.weight for status in register.statuses}
    attended: dict[int, set[int]] = defaultdict(set)
    for (enrolment_id, session_id), status_id in register.cells.items():
        if session_id in held and weights.get(status_id, 0) > 0:
            attended[enrolment_id].add(session_id)
    with db.read() as s:
        cohort_end = s.scalar(select(Cohort.end_date).where(Cohort.id == cohort_id))
        required = dict(
            s.execute(
                select(Module.id, Module.title).where(
                    Module.programme_id == register.programme_id, Module.required.is_(True)
                )
            ).all()
        )
        module_of = dict(
            s.execute(
                select(Session.id, Session.module_id).where(
                    Session.cohort_id == cohort_id, Session.status != SessionStatus.CANCELLED.value
                )
            ).all()
        )
        journal = (
            select(Enrolment.id, func.count(JournalEntry.id))
            .join(JournalEntry, JournalEntry.author_id == Enrolment.person_id)
            .where(
                Enrolment.cohort_id == cohort_id,
                Enrolment.journal_count_visible.is_(True),
                JournalEntry.written_on >= Enrolment.enrolled_on,
            )
            .group_by(Enrolment.id)
        )
        if cohort_end is not None:
            journal = journal.where(JournalEntry.written_on <= cohort_end)
        counts = dict(s.execute(journal).all())
        sharing = s.scalars(
            select(Enrolment.id).where(Enrolment.cohort_id == cohort_id, Enrolment.journal_count_visible.is_(True))
        )
        journal_counts = {enrolment_id: int(counts.get(enrolment_id, 0)) for enrolment_id in sharing}
        signer = func.coalesce(Person.first_name + " " + Person.last_name, "")
        sign_offs = {
            row.enrolment_id: (row.signed_at, row.signer)
            for row in s.execute(
                select(CompletionSignOff.enrolment_id, CompletionSignOff.signed_at, signer.label("signer"))
                .join(Enrolment, Enrolment.id == CompletionSignOff.enrolment_id)
                .outerjoin(Person, Person.id == CompletionSignOff.signed_by_id)
                .where(Enrolment.cohort_id == cohort_id)
            )
        }
    module_sessions: dict[int, tuple[set[int], int]] = {}
    for module_id in required:
        of_module = {sid for sid, mid in module_of.items() if mid == module_id}
        module_sessions[module_id] = (of_module & held, len(of_module & remaining))
    return _Facts(
        rules, register, cohort_end, today, len(remaining), required, module_sessions, attended, journal_counts,
        sign_offs,
    )  # fmt: skip


# --- Evaluating one participant ---------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _still_to_come(left: int, locale: str) -> str:
    message = ngettext("{n} planned session still to come.", "{n} planned sessions still to come.", left)
    return message.format(n=format_number(left))


def _evaluate(facts: _Facts, p: _Participant) -> ParticipantCompletion:
    blocking: list[str] = []  # cannot complete
    risks: list[str] = []  # at risk
    pending: list[str] = []  # on track, still outstanding
    rules = facts.rules
    minimum = percent(rules.min_attendance)

    if p.status == EnrolmentStatus.WITHDRAWN.value:
        blocking.append(_("Withdrew from the programme on {date}.").format(date=format_date(p.status_since)))

    summary = facts.register.summary(p.enrolment_id)
    attendance = summary.planned_weight / summary.planned_sessions if summary.planned_sessions else None
    so_far = summary.held_weight / summary.held_sessions if summary.held_sessions else None
    if summary.planned_sessions:
        if summary.cannot_reach_minimum:
            if facts.remaining_sessions:
                blocking.append(
                    _("Attendance can reach at most {best} of planned sessions; the minimum is {minimum}.").format(
                        best=percent(summary.best_possible or 0), minimum=minimum
                    )
                )
            else:
                blocking.append(
                    _("Attendance {share} of planned sessions; the minimum is {minimum}.").format(
                        share=percent(attendance or 0), minimum=minimum
                    )
                )
        elif so_far is not None and so_far < rules.min_attendance:
            risks.append(
                _("Attendance {share} of the sessions held so far; the minimum is {minimum}.").format(
                    share=percent(so_far), minimum=minimum
                )
            )

    finished = not facts.remaining_sessions and (facts.cohort_end is None or facts.today > facts.cohort_end)
    attended = facts.attended_sessions.get(p.enrolment_id, set())
    missing = []
    for module_id, title in facts.required.items():
        held, still_to_come = facts.module_sessions[module_id]
        if held & attended or (still_to_come and not held):
            continue  # attended, or nothing of it held yet
        missing.append(title)
        if not held and not still_to_come:
            risks.append(_("Required module “{module}” has no session in this cohort.").format(module=title))
        elif not still_to_come:
            # While the cohort runs, the coordinator may still arrange a make-up session.
            (blocking if finished else risks).append(_("Required module “{module}” not attended.").format(module=title))
        else:
            pending.append(_("Required module “{module}” not attended yet.").format(module=title))

    journal = facts.journal_counts.get(p.enrolment_id)
    needed = rules.min_journal_entries
    if needed:
        if journal is None:
            risks.append(
                _("The journal entries cannot be counted: the participant has not allowed it; {n} are needed.").format(
                    n=format_number(needed)
                )
            )
        elif journal < needed:
            written = ngettext(
                "{n} journal entry written of {needed} needed.",
                "{n} journal entries written of {needed} needed.",
                journal,
            ).format(n=format_number(journal), needed=format_number(needed))
            ended = facts.cohort_end is not None and facts.today > facts.cohort_end
            held_share = Decimal(summary.held_sessions) / summary.planned_sessions if summary.planned_sessions else 0
            if ended or (not facts.remaining_sessions and summary.planned_sessions):
                (blocking if ended else risks).append(written)
            elif journal < int(needed * held_share):
                risks.append(written)
            else:
                pending.append(written)

    if facts.remaining_sessions and p.status != EnrolmentStatus.WITHDRAWN.value:
        pending.append(_still_to_come(facts.remaining_sessions, babel_locale()))
    signed = facts.sign_offs.get(p.enrolment_id)
    if rules.requires_sign_off and signed is None and not blocking and not risks and not pending:
        pending.append(_(WAITING_FOR_SIGN_OFF))

    if p.status == EnrolmentStatus.WITHDRAWN.value:
        state, reasons = CompletionState.CANNOT_COMPLETE, blocking[:1]  # the rest follows from leaving
    elif blocking:
        state, reasons = CompletionState.CANNOT_COMPLETE, blocking + risks
    elif risks:
        state, reasons = CompletionState.AT_RISK, risks + pending
    elif pending:
        state, reasons = CompletionState.ON_TRACK, pending
    else:
        state, reasons = CompletionState.COMPLETED, []
    return ParticipantCompletion(
        enrolment_id=p.enrolment_id,
        person_id=p.person_id,
        name=f"{p.first_name} {p.last_name}",
        state=state,
        reasons=reasons,
        eligible=state is CompletionState.COMPLETED,
        first_name=p.first_name,
        last_name=p.last_name,
        enrolment_status=p.status,
        status_since=p.status_since,
        unit=p.unit,
        department=p.department,
        attendance=attendance,
        attendance_so_far=so_far,
        modules_missing=tuple(missing),
        journal_entries=journal,
        signed_off_at=signed[0] if signed else None,
        signed_off_by=signed[1] if signed else "",
    )
