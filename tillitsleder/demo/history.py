"""Demo data: an earlier cohort of the demo programme that has finished, so certificates can be tried at once.

The cohort started a year (or, if that one is not over and signed off yet, two) before the current one and ran
the same schedule. Most of its leaders completed and were signed off by the coordinator (their enrolment marked
completed); one waits for the sign-off; a few did not complete, for reasons the completion view shows: too
little attendance, a required module missed, or they withdrew. Everything is drawn from its own seeded random
generator and bulk-inserted through the demo builder, after the rest of the demo is written.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import select

from tillitsleder import model as m
from tillitsleder.demo.dates import hours_between, nth_weekday
from tillitsleder.demo.journal import participant_profiles, write_demo_commitments
from tillitsleder.model.enums import AssignmentKind, CommitmentStatus, EnrolmentStatus, Role, SessionStatus

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.orm import Session


class DemoInProgress(Protocol):
    """What the history needs of the demo being written (``builder._DemoBuilder`` is one)."""

    s: Session
    seed: int
    today: date
    moment: datetime
    counts: Counter[str]
    year: int
    programme_id: int
    coordinator_id: int
    employee_numbers: list[int]
    units: Sequence[Any]  # the builder's units: id, department, name …
    facilitators: Sequence[Any]  # the builder's facilitators: id, kind, person
    module_ids: list[int]
    status_ids: dict[str, int]
    venue_ids: dict[str, int]
    text: ModuleType  # the language's content module (``demo.content``)

    def at(self, day: date, clock: str) -> datetime: ...

    def day_off(self, day: date) -> bool: ...

    def working_day(self, day: date) -> date: ...

    def _insert(self, target: type[m.Base] | Table, columns: str, rows: Iterable[tuple]) -> list[int]: ...

    def _person(
        self, name: tuple[str, str], unit: Any, position: str, level: int | None, since: date | None = None
    ) -> list: ...


LEADERS = 28
# Outcomes by position in the shuffled list of leaders; the rest completed and were signed off.
LOW_ATTENDANCE, MISSED_MODULE, WITHDREW, WAITING = (0, 1), (2,), (3, 4), (5,)
MISSED_MODULE_INDEX = 5  # the professional day: one session only
SIGN_OFF_DAYS = (3, 12)  # the coordinator signs the completers off this many days after the cohort's end
ACTIVE, COMPLETED, WITHDRAWN = (EnrolmentStatus.ACTIVE.value, EnrolmentStatus.COMPLETED.value,
                                EnrolmentStatus.WITHDRAWN.value)  # fmt: skip


def write_demo_history(b: DemoInProgress) -> None:
    """Add the finished earlier cohort to the demo the builder ``b`` is writing (same session, same counts)."""

    rng = random.Random(b.seed * 31 + 7)
    back = 1
    while True:
        year = b.year - back
        days = []
        for years, month, weekday, nth, *_rest in b.text.SCHEDULE:
            day = nth_weekday(year + years, month, weekday, nth)
            while b.day_off(day):
                day += timedelta(days=7)
            days.append(day)
        end = date(year + 2, 6, 20)
        if end + timedelta(days=SIGN_OFF_DAYS[1]) < b.today:  # over, and every sign-off made before the build day
            break
        back += 1
    start = nth_weekday(year, 9, 0, 1)
    name = b.text.EARLIER_COHORT.format(first=year, last=(year + 2) % 100)
    (cohort_id,) = b._insert(m.Cohort, "programme_id name start_date end_date", [(b.programme_id, name, start, end)])

    # Sessions: the same schedule, all held.
    rows, hours = [], []
    for day, (_y, _mo, _wd, _n, begin, finish, module, title, venue) in zip(days, b.text.SCHEDULE, strict=True):
        uid = f"session-{uuid.UUID(int=rng.getrandbits(128), version=4)}@tillitsleder"
        rows.append((
            cohort_id, b.module_ids[module], b.venue_ids[venue], title, b.text.MODULES[module][2], b.at(day, begin),
            b.at(day, finish), SessionStatus.HELD.value, "", uid, 0,
        ))  # fmt: skip
        hours.append(hours_between(begin, finish))
    columns = "cohort_id module_id venue_id title session_type starts_at ends_at status cancel_reason ical_uid sequence"
    session_ids = b._insert(m.Session, columns, rows)
    modules = [entry[6] for entry in b.text.SCHEDULE]
    links, assignments = [], []
    for session_id, day, duration in zip(session_ids, days, hours, strict=True):
        for facilitator in rng.sample([f for f in b.facilitators if f.active], 2):
            links.append((session_id, facilitator.id))
            assignments.append((facilitator.id, AssignmentKind.SESSION.value, session_id, day, day, duration + 2))
    b._insert(m.session_facilitator, "session_id facilitator_id", links)
    b._insert(m.FacilitatorAssignment, "facilitator_id kind session_id starts_on ends_on hours", assignments)

    # People: new leaders from every unit, with a few Sami and immigrant names.
    with_numbers = set(b.s.scalars(select(m.Person.employee_number).where(m.Person.employee_number.is_not(None))))
    b.employee_numbers = [n for n in rng.sample(range(100_000, 1_000_000), LEADERS + 20) if str(n) not in with_numbers]
    taken = {tuple(row) for row in b.s.execute(select(m.Person.first_name, m.Person.last_name))}
    names = [n for n in b.text.EXTRA_NAMES if n not in taken]
    while len(names) < LEADERS:
        candidate = (rng.choice(b.text.FIRST_NAMES), rng.choice(b.text.LAST_NAMES))
        if candidate not in taken and candidate not in names:
            names.append(candidate)
    rng.shuffle(names)
    units = [b.units[i % len(b.units)] for i in range(LEADERS)]
    people = []
    for person_name, unit in zip(names, units, strict=True):
        title, level = rng.choice(unit.positions)
        people.append(b._person(person_name, unit, title, level, since=start))
    person_ids = b._insert(
        m.Person, "first_name last_name email employee_number unit_id position leader_level created_at", people
    )
    b._insert(
        m.RoleAssignment,
        "person_id role programme_id",
        [(pid, Role.PARTICIPANT.value, b.programme_id) for pid in person_ids],
    )

    # Enrolments and what became of them.
    order = list(range(LEADERS))
    rng.shuffle(order)
    outcome = {index: position for position, index in enumerate(order)}
    enrolled_on = start - timedelta(days=21)
    histories = []
    for index in range(LEADERS):
        history = [(ACTIVE, enrolled_on, b.text.ENROLLED_REASON)]
        place = outcome[index]
        if place in WITHDREW:
            left = b.working_day(start + timedelta(days=rng.randint(150, 330)))
            history.append((WITHDRAWN, left, b.text.WITHDRAWAL_REASON))
        elif place not in LOW_ATTENDANCE + MISSED_MODULE + WAITING:
            history.append((COMPLETED, end, b.text.COMPLETED_REASON))
        histories.append(history)
    rows = [
        (cohort_id, pid, unit.id, people[i][5], *histories[i][-1][:2], enrolled_on, rng.random() < 0.4)
        for i, (pid, unit) in enumerate(zip(person_ids, units, strict=True))
    ]
    columns = "cohort_id person_id unit_id position status status_since enrolled_on journal_count_visible"
    enrolment_ids = b._insert(m.Enrolment, columns, rows)
    changes = [
        (eid, status, since, reason, b.at(since, "10:00"))
        for eid, history in zip(enrolment_ids, histories, strict=True)
        for status, since, reason in history
    ]
    b._insert(m.EnrolmentStatusChange, "enrolment_id status effective_on reason changed_at", changes)

    # Attendance: nearly full for most; a third or more missed for two; the professional day missed by one.
    attendance = []
    weights = {"present": 1, "late": 1, "partial": 1, "excused": 0, "absent": 0}
    for index, enrolment_id in enumerate(enrolment_ids):
        place, history = outcome[index], histories[index]
        left = history[-1][1] if history[-1][0] == WITHDRAWN else None
        share = rng.uniform(0.3, 0.4) if place in LOW_ATTENDANCE else rng.uniform(0.0, 0.08)
        slots = [i for i, day in enumerate(days) if left is None or day < left]
        misses = set(rng.sample(slots, round(len(slots) * share)))
        codes = {}
        for i in slots:
            codes[i] = "present"
            if i in misses:
                chances = (10, 40, 40, 10) if place in LOW_ATTENDANCE else (45, 35, 10, 10)
                codes[i] = rng.choices(("late", "excused", "absent", "partial"), chances)[0]
        if left is None and place not in LOW_ATTENDANCE:  # completers attended every module at least once
            for module in set(modules):
                of_module = [i for i in slots if modules[i] == module]
                if not any(weights[codes[i]] for i in of_module):
                    codes[of_module[0]] = "late"
        if place in MISSED_MODULE:
            for i in slots:
                if modules[i] == MISSED_MODULE_INDEX:
                    codes[i] = "excused"
        attendance += [(session_ids[i], enrolment_id, b.status_ids[code], "") for i, code in codes.items()]
    attendance.sort()
    b._insert(m.Attendance, "session_id enrolment_id status_id note", attendance)

    # The completion rules (the defaults, written out) and the coordinator's sign-offs.
    b._insert(
        m.CompletionRules.__table__, "programme_id min_journal_entries requires_sign_off", [(b.programme_id, 0, True)]
    )
    signed = [
        (eid, b.coordinator_id, b.at(end + timedelta(days=rng.randint(*SIGN_OFF_DAYS)), "14:00"))
        for eid, history in zip(enrolment_ids, histories, strict=True)
        if history[-1][0] == COMPLETED
    ]
    b._insert(m.CompletionSignOff, "enrolment_id signed_by_id signed_at", signed)

    # A commitment each from the first development conversation, long since followed up.
    commitments = []
    for pid in person_ids:
        description, done_note = rng.choice(b.text.COMMITMENTS)
        made_on = b.working_day(date(year, 10, 1) + timedelta(days=rng.randint(0, 50)))
        status = rng.choices((CommitmentStatus.DONE, CommitmentStatus.DROPPED), (8, 2))[0]
        follow_up = done_note if status is CommitmentStatus.DONE else ""
        commitments.append((pid, description, made_on, made_on + timedelta(days=180), status.value, follow_up))
    # Sealed with their owners' keys: the earlier cohort's participants get profiles (the demo passphrase) too.
    keys = participant_profiles(b.s, person_ids, b.moment)
    b.counts["commitment"] += write_demo_commitments(b.s, commitments, keys, b.today)
