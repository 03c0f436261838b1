"""A demo database: Bydel Nordstrand about a year into a two-year leadership programme.

Everything is drawn from ``random.Random(seed)`` and dated relative to a programme start derived from
``today``, so the same seed and day give the same people, sessions and texts (only keys and nonces differ).
The demo is built as of the first moment of ``today`` in the municipality's time zone: whatever it says has
happened (held sessions and their attendance, group meetings, journal entries, status changes, sign-offs, every
timestamp) lies before that moment, and everything later is planned; so it tells no lies whenever on that day it
is read.
The file is filled in one transaction with Core bulk inserts (value tuples in the order of a column list).
Every text, name, place, the country (for the days off) and the time zone come from the language's content module
(``demo.content.content_for``): Bokmål builds Bydel Nordstrand, Nynorsk, Swedish and Danish their own
municipalities; the Swedish one also seats its 400 managers for a table day (``demo.seating``).
"""

from __future__ import annotations

import json
import random
import unicodedata
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from tillitsleder import clock
from tillitsleder import model as m
from tillitsleder.demo.content import content_for
from tillitsleder.demo.dates import hours_between, local_utc, nth_weekday, programme_start
from tillitsleder.demo.history import write_demo_history
from tillitsleder.demo.journal import write_demo_commitments, write_demo_journal
from tillitsleder.demo.seating import write_demo_table_day
from tillitsleder.errors import ValidationError
from tillitsleder.i18n import N_
from tillitsleder.model.base import UTCDateTime
from tillitsleder.model.enums import (
    ActionStatus,
    AssignmentKind,
    CommitmentStatus,
    DialogueStep,
    EnrolmentStatus,
    JournalSharing,
    PromptTemplate,
    Role,
    SessionStatus,
)
from tillitsleder.sessions.working_days import is_day_off, next_working_day
from tillitsleder.storage import Database, open_database
from tillitsleder.storage.engine import is_server_url

PARTICIPANTS = 40
FACILITATOR_STAFF = 26  # 16 in F16, 7 in F7, 3 change agents (two more change agents also sit in F16)
AT_RISK = 3
JOURNAL_ENTRIES = 60
ATTENDED = ("present", "late", "partial")
ACTIVE, ON_LEAVE = EnrolmentStatus.ACTIVE.value, EnrolmentStatus.ON_LEAVE.value
WITHDRAWN = EnrolmentStatus.WITHDRAWN.value
HELD, PLANNED, CANCELLED = SessionStatus.HELD.value, SessionStatus.PLANNED.value, SessionStatus.CANCELLED.value


@dataclass(frozen=True)
class DemoSummary:
    """What ``create_demo_database`` wrote: where, the main ids, and row counts."""

    path: Path
    programme_id: int
    cohort_id: int
    programme_start: date
    held_sessions: int
    people: int
    departments: int
    units: int
    modules: int
    enrolments: int
    sessions: int
    attendance: int
    facilitators: int
    reflection_groups: int
    group_meetings: int
    group_notes: int
    group_actions: int
    journal_entries: int
    commitments: int
    audit_events: int
    table_day_people: int = 0  # seated at the table day, its table leaders apart (the Swedish demo's Chefsdag)


# DemoSummary count field → table it counts.
_COUNTED = {
    "people": "person",
    "departments": "department",
    "units": "unit",
    "modules": "module",
    "enrolments": "enrolment",
    "sessions": "session",
    "attendance": "attendance",
    "facilitators": "facilitator",
    "reflection_groups": "reflection_group",
    "group_meetings": "group_meeting",
    "group_notes": "group_note",
    "group_actions": "group_action",
    "journal_entries": "journal_entry",
    "commitments": "commitment",
    "audit_events": "audit_event",
}


def create_demo_database(
    path: Path | str, *, seed: int = 2017, today: date | None = None, language: str | None = "nb"
) -> DemoSummary:
    """Write a realistic demo database in ``language`` (nb, nn, sv or da; others build the Bokmål one) to a new
    file at ``path``, as it stands at the start of ``today`` (default: the clock's today); never touches an
    existing file. ``path`` may also be a PostgreSQL URL of an empty database, which gets the schema and the demo."""
    if is_server_url(path):
        return _demo_on_server(str(path), seed=seed, today=today, language=language)
    path = Path(path)
    if path.exists() or path.is_symlink():
        raise ValidationError(N_("“{path}” already exists; the demo is only written to a new file."), path=str(path))
    db: Database | None = None
    try:
        db = open_database(path)  # creates the folder and the schema
        db.backup_on_close = False  # invented data: no backup folder beside a demo
        with db.session() as session:
            summary = _DemoBuilder(session, random.Random(seed), seed, today or clock.today(), language).build(path)
    except BaseException:
        if db is not None:
            db.close()
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)  # the file is ours: it did not exist before
        raise
    db.close()
    return summary


def _demo_on_server(url: str, *, seed: int, today: date | None, language: str | None) -> DemoSummary:
    db = open_database(url)
    try:
        with db.read() as session:
            if session.scalar(select(func.count()).select_from(m.Person)):
                raise ValidationError(
                    N_("That database already has people in it; the demo is only written to an empty one.")
                )
        with db.session() as session:
            return _DemoBuilder(session, random.Random(seed), seed, today or clock.today(), language).build(Path(url))
    finally:
        db.close()


# --- Dates ------------------------------------------------------------------------------------------------


def _fold(name: str, folding: dict[int, str]) -> str:
    """An e-mail-safe ASCII form of one name part: ``Ødegård`` → ``odegard``, ``Iŋgá`` → ``inga``."""
    decomposed = unicodedata.normalize("NFKD", name.lower().translate(folding))
    return "".join(ch for ch in decomposed.encode("ascii", "ignore").decode() if ch.isalnum() or ch == "-")


# --- What the builder remembers between tables ------------------------------------------------------------


@dataclass
class _Unit:
    id: int
    department: str
    name: str
    positions: tuple[tuple[str, int], ...]
    staff: tuple[str, ...]


@dataclass
class _Leader:
    unit: _Unit
    position: str  # as when enrolled
    level: int
    person_id: int = 0
    enrolment_id: int = 0
    history: list[tuple[str, date, str]] = field(default_factory=list)  # (status, effective on, reason)
    at_risk: bool = False
    coach_id: int | None = None
    attended: dict[int, str] = field(default_factory=dict)  # session id → attendance code

    def active_on(self, day: date) -> bool:
        statuses = [status for status, since, _ in self.history if since <= day]
        return bool(statuses) and statuses[-1] == ACTIVE

    def last_day(self, today: date) -> date:
        """The last day they could write in their journal: yesterday, or the day before they left."""
        status, since, _ = self.history[-1]
        return (today if status == ACTIVE else since) - timedelta(days=1)


@dataclass
class _Facilitator:
    id: int
    kind: str
    active: bool
    away: list[tuple[date, date]] = field(default_factory=list)

    def free_on(self, day: date) -> bool:
        return self.active and not any(first <= day <= last for first, last in self.away)


@dataclass
class _Gathering:
    id: int
    day: date
    module: int
    session_type: str
    status: str


class _DemoBuilder:
    def __init__(self, session: Session, rng: random.Random, seed: int, today: date, language: str | None) -> None:
        self.s, self.rng, self.seed, self.today = session, rng, seed, today
        self.text = content_for(language)
        self.zone = ZoneInfo(self.text.TIMEZONE)
        self.moment = self.at(today, "00:00")  # the build moment: what has happened lies before it
        self.start = programme_start(today)
        y = self.year = self.start.year
        self.semesters = [
            (self.start, date(y, 12, 20)),
            (date(y + 1, 1, 5), date(y + 1, 6, 20)),
            (date(y + 1, 8, 15), date(y + 1, 12, 20)),
            (date(y + 2, 1, 5), date(y + 2, 6, 20)),
        ]
        self.end = self.semesters[-1][1]
        self.counts: Counter[str] = Counter()
        self.emails: set[str] = set()
        self.assignments: list[tuple] = []

    def at(self, day: date, clock: str) -> datetime:
        """A wall-clock time in the municipality on ``day`` as an aware UTC datetime."""
        return local_utc(day, clock, self.zone)

    def day_off(self, day: date) -> bool:
        """A weekend, a public holiday or a day the offices close in the municipality's country."""
        return is_day_off(day, self.text.COUNTRY)

    def working_day(self, day: date) -> date:
        """``day`` if it is a working day in the municipality's country, else the next one."""
        return next_working_day(day, self.text.COUNTRY)

    def _insert(self, target: type[m.Base] | Table, columns: str, rows: Iterable[tuple]) -> list[int]:
        """Bulk-insert value tuples given in the order of ``columns``; for entities, return the new ids in order."""
        names = columns.split()
        table = target if isinstance(target, Table) else target.__table__
        # Timestamps the schema would take from the clock ("created", "updated", "occurred") are the build moment.
        clocked = [c.name for c in table.columns if isinstance(c.type, UTCDateTime) and c.default is not None]
        stamped = [name for name in clocked if name not in names]
        params = [dict(zip(names, row, strict=True)) | dict.fromkeys(stamped, self.moment) for row in rows]
        name = table.name
        self.counts[name] += len(params)
        if not params:
            return []
        if isinstance(target, Table):
            self.s.execute(insert(target), params)
            return []
        statement = insert(target).returning(target.id, sort_by_parameter_order=True)  # type: ignore[attr-defined]
        return list(self.s.execute(statement, params).scalars())

    def build(self, path: Path) -> DemoSummary:
        for step in (self._organisation, self._people, self._programme, self._cohort, self._facilitators):
            step()
        for step in (self._sessions, self._attendance, self._groups, self._journal, self._commitments, self._audit):
            step()
        write_demo_history(self)  # a finished earlier cohort of the same programme
        seated = write_demo_table_day(self)  # where the language's municipality holds one
        return DemoSummary(
            path=path,
            programme_id=self.programme_id,
            cohort_id=self.cohort_id,
            programme_start=self.start,
            held_sessions=sum(g.status == HELD for g in self.gatherings),
            **{name: self.counts[table] for name, table in _COUNTED.items()},
            table_day_people=seated,
        )

    # --- Organisation and people ----------------------------------------------------------------------------

    def _organisation(self) -> None:
        (self.municipality_id,) = self._insert(
            m.Municipality, "name country timezone", [(self.text.MUNICIPALITY, self.text.COUNTRY, self.text.TIMEZONE)]
        )
        department_ids = self._insert(
            m.Department, "municipality_id name", [(self.municipality_id, name) for name in self.text.DEPARTMENTS]
        )
        specs = [
            (department_id, department, unit, positions, staff)
            for department_id, (department, units) in zip(department_ids, self.text.DEPARTMENTS.items(), strict=True)
            for unit, (positions, staff) in units.items()
        ]
        unit_ids = self._insert(m.Unit, "department_id name", [(spec[0], spec[2]) for spec in specs])
        self.units = [_Unit(unit_id, *spec[1:]) for unit_id, spec in zip(unit_ids, specs, strict=True)]
        venue_ids = self._insert(m.Venue, "name address capacity", self.text.VENUES.values())
        self.venue_ids = dict(zip(self.text.VENUES, venue_ids, strict=True))

    def _names(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """Unique names for the participants and for everyone else; both get Sami and immigrant names."""
        sami = self.rng.sample(self.text.SAMI_NAMES, len(self.text.SAMI_NAMES))
        other = self.rng.sample(self.text.OTHER_NAMES, len(self.text.OTHER_NAMES))
        taken = {*self.text.SAMI_NAMES, *self.text.OTHER_NAMES, self.text.COORDINATOR[:2]}

        def fill(names: list[tuple[str, str]], count: int) -> list[tuple[str, str]]:
            while len(names) < count:
                name = (self.rng.choice(self.text.FIRST_NAMES), self.rng.choice(self.text.LAST_NAMES))
                if name not in taken:
                    taken.add(name)
                    names.append(name)
            self.rng.shuffle(names)
            return names

        others = len(self.text.DEPARTMENTS) + FACILITATOR_STAFF  # the directors and the facilitators
        return fill(sami[:3] + other[:9], PARTICIPANTS), fill(sami[3:] + other[9:], others)

    def _person(
        self, name: tuple[str, str], unit: _Unit | None, position: str, level: int | None, since: date | None = None
    ) -> list:
        """A person row (their record made 75 days before ``since``, default the programme start)."""
        local = ".".join(_fold(part, self.text.EMAIL_FOLDING) for part in " ".join(name).split())
        candidate, n = local, 2
        while candidate in self.emails:
            candidate, n = f"{local}{n}", n + 1
        self.emails.add(candidate)
        email, number = f"{candidate}@{self.text.EMAIL_DOMAIN}", str(self.employee_numbers.pop())
        created = self.at((since or self.start) - timedelta(days=75), "08:15")
        return [*name, email, number, unit.id if unit else None, position, level, created]

    def _people(self) -> None:
        leader_names, other_names = self._names()
        self.employee_numbers = self.rng.sample(range(100_000, 1_000_000), PARTICIPANTS + len(other_names) + 1)
        # Every unit sends a leader; some send two or three (each unit lists three leader positions).
        slots = self.units + self.rng.sample(self.units * 2, PARTICIPANTS - len(self.units))
        slots.sort(key=self.units.index)
        self.leaders = [_Leader(unit, *unit.positions[slots[:i].count(unit)]) for i, unit in enumerate(slots)]
        rows = [self._person(n, p.unit, p.position, p.level) for n, p in zip(leader_names, self.leaders, strict=True)]
        # One first-line leader has since been made acting head of their unit; the enrolment keeps the old job.
        promoted = self.rng.choice([i for i, p in enumerate(self.leaders) if p.level > p.unit.positions[0][1]])
        title, level = self.leaders[promoted].unit.positions[0]
        title = title if title[:2].isupper() else title[0].lower() + title[1:]  # keeps "NAV-leder"
        rows[promoted][5:7] = [self.text.ACTING.format(title=title), level]  # position, leader_level
        directors = [self.text.DIRECTOR.format(department=d) for d in self.text.DEPARTMENTS]
        rows += [self._person(other_names.pop(), None, title, 1) for title in directors]
        for name in other_names:
            unit = self.rng.choice(self.units)
            rows.append(self._person(name, unit, self.rng.choice(unit.staff), None))
        rows.append(self._person(self.text.COORDINATOR[:2], None, self.text.COORDINATOR[2], None))
        columns = "first_name last_name email employee_number unit_id position leader_level created_at"
        ids = self._insert(m.Person, columns, rows)
        self.coordinator_id, self.staff_ids = ids[-1], ids[-1 - FACILITATOR_STAFF : -1]
        for leader, person_id in zip(self.leaders, ids, strict=False):
            leader.person_id = person_id

    # --- Programme, cohort and facilitators -----------------------------------------------------------------

    def _programme(self) -> None:
        name = self.text.PROGRAMME_NAME.format(first=self.year, last=self.year + 2)
        programme = (
            self.municipality_id, name, self.text.PROGRAMME_DESCRIPTION, self.start,
            self.end, self.text.TIMEZONE, Decimal("0.800"), self.at(self.start - timedelta(days=90), "09:00"),
        )  # fmt: skip
        columns = "municipality_id name description start_date end_date timezone min_attendance created_at"
        (self.programme_id,) = self._insert(m.Programme, columns, [programme])
        semesters = [
            (self.programme_id, n, self._semester_title(n, first.year, theme), first, last)
            for n, ((first, last), theme) in enumerate(zip(self.semesters, self.text.SEMESTER_THEMES, strict=True), 1)
        ]
        semester_ids = self._insert(m.Semester, "programme_id number title start_date end_date", semesters)
        modules = [
            (self.programme_id, semester_ids[semester - 1], i, title, about, goals, Decimal(hours), kind, required)
            for i, (semester, title, kind, hours, required, about, goals) in enumerate(self.text.MODULES)
        ]
        columns = "programme_id semester_id position title description objectives hours session_type required"
        self.module_ids = self._insert(m.Module, columns, modules)
        statuses = [(self.programme_id, *status, i) for i, status in enumerate(self.text.ATTENDANCE_STATUSES)]
        status_ids = self._insert(m.AttendanceStatus, "programme_id code label weight position", statuses)
        self.status_ids = dict(zip((s[1] for s in statuses), status_ids, strict=True))
        roles = [(self.coordinator_id, Role.COORDINATOR.value, None)]
        roles += [(p.person_id, Role.PARTICIPANT.value, self.programme_id) for p in self.leaders]
        roles += [(person_id, Role.FACILITATOR.value, None) for person_id in self.staff_ids]
        self._insert(m.RoleAssignment, "person_id role programme_id", roles)

    def _semester_title(self, number: int, year: int, theme: str) -> str:
        season = self.text.AUTUMN if number % 2 else self.text.SPRING
        return self.text.SEMESTER_TITLE.format(season=season, year=year, theme=theme)

    def _cohort(self) -> None:
        cohort = (self.programme_id, self.text.COHORT, self.start, self.end)
        (self.cohort_id,) = self._insert(m.Cohort, "programme_id name start_date end_date", [cohort])
        enrolled_on = self.start - timedelta(days=21)
        for leader in self.leaders:
            leader.history.append((ACTIVE, enrolled_on, self.text.ENROLLED_REASON))
        leave_a, leave_b, withdrawn, returned = self.rng.sample(self.leaders, 4)
        for leader, status, days, reason in (
            (leave_a, ON_LEAVE, 150, self.text.LEAVE_REASONS[0]),
            (leave_b, ON_LEAVE, 110, self.text.LEAVE_REASONS[1]),
            (withdrawn, WITHDRAWN, 95, self.text.WITHDRAWAL_REASON),
            (returned, ON_LEAVE, 40, self.text.RETURN_REASONS[0]),
            (returned, ACTIVE, 75, self.text.RETURN_REASONS[1]),
        ):
            leader.history.append((status, self.working_day(self.start + timedelta(days=days)), reason))
        for leader in self.rng.sample([p for p in self.leaders if len(p.history) == 1], AT_RISK):
            leader.at_risk = True
        rows = [
            (self.cohort_id, p.person_id, p.unit.id, p.position, *p.history[-1][:2], enrolled_on, visible)
            for p, visible in zip(self.leaders, [self.rng.random() < 0.35 for _ in self.leaders], strict=True)
        ]
        columns = "cohort_id person_id unit_id position status status_since enrolled_on journal_count_visible"
        for leader, enrolment_id in zip(self.leaders, self._insert(m.Enrolment, columns, rows), strict=True):
            leader.enrolment_id = enrolment_id
        changes = [(p.enrolment_id, *change, self.at(change[1], "10:00")) for p in self.leaders for change in p.history]
        self._insert(m.EnrolmentStatusChange, "enrolment_id status effective_on reason changed_at", changes)

    def _facilitators(self) -> None:
        pools = [(self.municipality_id, code, name, kind, about) for code, name, kind, _, about in self.text.POOLS]
        pool_ids = self._insert(m.FacilitatorPool, "municipality_id code name kind description", pools)
        lean, innovation, agents = self.staff_ids[:16], self.staff_ids[16:23], self.staff_ids[23:]
        rows, kinds = [], []
        members = (lean, innovation, agents + self.rng.sample(lean, 2))
        for pool_id, pool, people in zip(pool_ids, self.text.POOLS, members, strict=True):
            for person_id in people:
                skills = ", ".join(self.rng.sample(self.text.SKILLS[pool[2]], self.rng.randint(2, 3)))
                rows.append([pool_id, person_id, skills, Decimal(self.rng.choice((4, 6, 8, 10, 12))), True])
                kinds.append(pool[2])
        rows[self.rng.randrange(16)][4] = False  # one Lean facilitator has stepped down
        ids = self._insert(m.Facilitator, "pool_id person_id skills capacity_hours_per_month active", rows)
        self.facilitators = [_Facilitator(i, kind, row[4]) for i, kind, row in zip(ids, kinds, rows, strict=True)]
        away = []
        for facilitator in self.rng.sample(self.facilitators, 7):
            reason, days = self.rng.choice(self.text.UNAVAILABILITY)
            first = self.working_day(self.start + timedelta(days=self.rng.randint(0, 600)))
            facilitator.away.append((first, first + timedelta(days=days - 1)))
            away.append((facilitator.id, *facilitator.away[-1], reason))
        self._insert(m.FacilitatorUnavailability, "facilitator_id first_day last_day reason", away)
        change_agents = [f for f in self.facilitators if f.kind == "change_agent"]
        innovators = [f for f in self.facilitators if f.kind == "innovation"]
        self.group_facilitators = self.rng.sample(change_agents + [self.rng.choice(innovators)], 6)
        for leader in self.rng.sample(self.leaders, 8):  # two change agents also coach individual leaders
            leader.coach_id = self.rng.choice(change_agents[:2]).id
            self._assign(leader.coach_id, AssignmentKind.LEADER, leader.person_id, self.start + timedelta(days=30))

    def _assign(
        self,
        facilitator_id: int,
        kind: AssignmentKind,
        target: int,
        first: date,
        last: date | None = None,
        hours: Decimal | int = 6,
    ) -> None:
        """Queue a facilitator assignment to a group, a session or a leader (``target`` is its id)."""
        kinds = (AssignmentKind.GROUP, AssignmentKind.SESSION, AssignmentKind.LEADER)
        targets = [target if kind is k else None for k in kinds]
        self.assignments.append((facilitator_id, kind.value, *targets, first, last, Decimal(hours)))

    # --- Sessions and attendance ----------------------------------------------------------------------------

    def _sessions(self) -> None:
        rows, meta = [], []
        for index, (years, month, weekday, nth, begin, end, module, title, venue) in enumerate(self.text.SCHEDULE):
            day = nth_weekday(self.year + years, month, weekday, nth)
            while self.day_off(day):
                day += timedelta(days=7)
            status = HELD if self.at(day, end) <= self.moment else PLANNED  # none runs over midnight
            status = CANCELLED if index == self.text.CANCELLED_SESSION and status == HELD else status
            reason, sequence = (self.text.CANCEL_REASON, 1) if status == CANCELLED else ("", 0)  # a cancel is sent out
            uid = f"session-{uuid.UUID(int=self.rng.getrandbits(128), version=4)}@tillitsleder"
            kind = self.text.MODULES[module][2]
            rows.append((
                self.cohort_id, self.module_ids[module], self.venue_ids[venue], title, kind, self.at(day, begin),
                self.at(day, end), status, reason, uid, sequence,
            ))  # fmt: skip
            meta.append((day, module, kind, status, hours_between(begin, end)))
        columns = "cohort_id module_id venue_id title session_type starts_at ends_at status cancel_reason ical_uid"
        ids = self._insert(m.Session, columns + " sequence", rows)
        self.gatherings = [_Gathering(i, *info[:4]) for i, info in zip(ids, meta, strict=True)]
        team = {
            "temasamling": ("change_agent", "innovation"),
            "ledergruppeutvikling": ("lean", "change_agent"),
            "fagdag": ("innovation", "innovation"),
        }
        links = []
        for gathering, (*_, duration) in zip(self.gatherings, meta, strict=True):
            if gathering.session_type == "refleksjonsgruppe":
                chosen = [f for f in self.group_facilitators if f.free_on(gathering.day)]
            else:
                chosen = []
                for kind in team[gathering.session_type]:
                    free = [f for f in self.facilitators if f.kind == kind and f.free_on(gathering.day)]
                    free = [f for f in free if f not in chosen]
                    chosen += self.rng.sample(free, min(1, len(free)))
                for f in chosen:  # the hours include preparation
                    self._assign(f.id, AssignmentKind.SESSION, gathering.id, gathering.day, gathering.day, duration + 2)
            links += [(gathering.id, f.id) for f in chosen]
        self._insert(m.session_facilitator, "session_id facilitator_id", links)

    def _attendance(self) -> None:
        """Mostly present; the participants at risk miss a third to a half, mostly without excuse."""
        held = [g for g in self.gatherings if g.status == HELD]
        rows = []
        for leader in self.leaders:
            slots = [g for g in held if leader.active_on(g.day)]  # none while on leave or after leaving
            share = self.rng.uniform(0.35, 0.5) if leader.at_risk else self.rng.uniform(0.0, 0.12)
            misses = set(self.rng.sample(range(len(slots)), round(len(slots) * share)))
            for i, gathering in enumerate(slots):
                code = "present"
                if i in misses and leader.at_risk:
                    code = self.rng.choices(("excused", "absent", "partial"), (45, 45, 10))[0]
                elif i in misses:
                    code = self.rng.choices(("late", "excused", "partial", "absent"), (40, 35, 15, 10))[0]
                noted = code != "present" and self.rng.random() < 0.5
                note = self.rng.choice(self.text.ATTENDANCE_NOTES[code]) if noted else ""
                leader.attended[gathering.id] = code
                rows.append((gathering.id, leader.enrolment_id, self.status_ids[code], note))
        rows.sort()
        self._insert(m.Attendance, "session_id enrolment_id status_id note", rows)

    # --- Reflection groups ----------------------------------------------------------------------------------

    def _groups(self) -> None:
        round_name = self.text.ROUND_NAME.format(year=self.year, next=(self.year + 1) % 100)
        round_row = (self.cohort_id, 1, round_name, self.at(self.start - timedelta(days=7), "12:00"))
        (round_id,) = self._insert(m.GroupRound, "cohort_id number name created_at", [round_row])
        # Deal the leaders, sorted by unit (units are numbered department by department), round the tables, so
        # every group mixes departments, units and levels.
        order = sorted(self.leaders, key=lambda leader: (leader.unit.id, leader.level))
        members = [order[g :: len(self.text.GROUP_NAMES)] for g in range(len(self.text.GROUP_NAMES))]
        named = zip(self.text.GROUP_NAMES, self.group_facilitators, strict=True)
        groups = [(round_id, name, f.id) for name, f in named]
        group_ids = self._insert(m.ReflectionGroup, "round_id name facilitator_id", groups)
        pairs = [(gid, p.enrolment_id) for gid, ms in zip(group_ids, members, strict=True) for p in ms]
        self._insert(m.group_member, "group_id enrolment_id", pairs)
        for group_id, facilitator in zip(group_ids, self.group_facilitators, strict=True):
            self._assign(facilitator.id, AssignmentKind.GROUP, group_id, self.start, self.semesters[1][1], 20)
        columns = "facilitator_id kind group_id session_id person_id starts_on ends_on hours"
        self._insert(m.FacilitatorAssignment, columns, self.assignments)

        # Groups meet on the year-one reflection days; after the cancelled one each group found its own date.
        days = [(g.day, g) for g in self.gatherings if g.module == 2 and g.status == HELD]
        cancelled = [g.day for g in self.gatherings if g.status == CANCELLED]
        plans: list[tuple[int, date, _Gathering | None]] = []
        for index in range(len(group_ids)):
            own = [self.working_day(day + timedelta(days=7 + 2 * index)) for day in cancelled]
            dated = sorted(days + [(day, None) for day in own if day < self.today], key=lambda pair: pair[0])
            plans += [(index, day, gathering) for day, gathering in dated[:5]]
        meetings = [(group_ids[i], day, self.group_facilitators[i].id) for i, day, _ in plans]
        meeting_ids = self._insert(m.GroupMeeting, "group_id held_on facilitator_id", meetings)
        attendees, notes, actions, held = [], [], [], Counter[int]()
        for meeting_id, (index, day, gathering) in zip(meeting_ids, plans, strict=True):
            active = [p for p in members[index] if p.active_on(day)]
            if gathering is not None:
                present = [p for p in active if p.attended.get(gathering.id) in ATTENDED]
            else:
                present = [p for p in active if self.rng.random() < (0.5 if p.at_risk else 0.9)]
            present = present if len(present) >= 3 else active
            attendees += [(meeting_id, p.enrolment_id) for p in present]
            prompt, small, large, themes = self.text.GROUP_SCRIPTS[held[index] % len(self.text.GROUP_SCRIPTS)]
            held[index] += 1
            theme, shareable = self.rng.choice(themes)
            keywords = ", ".join(self.rng.sample(self.text.OWN_KEYWORDS, 4))
            steps = (  # the three steps; only the summary carries a theme, shareable or not
                (DialogueStep.OWN_REFLECTION, prompt, 5, self.text.OWN_NOTE.format(keywords), "", False),
                (DialogueStep.SMALL_GROUP, self.text.SMALL_GROUP_PROMPT, 20, self._some(small), "", False),
                (DialogueStep.LARGE_GROUP, self.text.LARGE_GROUP_PROMPT, 15, self._some(large), theme, shareable),
            )
            notes += [(meeting_id, step.value, *rest) for step, *rest in steps]
            for description, done_note in self.rng.sample(self.text.GROUP_ACTIONS, self.rng.randint(1, 2)):
                due = self.working_day(day + timedelta(days=self.rng.randint(28, 42)))
                if due < self.today:
                    choices = (ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.DROPPED)
                    status = self.rng.choices(choices, (7, 2, 1))[0]
                else:
                    status = self.rng.choice((ActionStatus.OPEN, ActionStatus.IN_PROGRESS))
                notes_by_status = {ActionStatus.DONE: done_note, ActionStatus.DROPPED: self.text.ACTION_DROPPED}
                follow_up = notes_by_status.get(status, "")
                owner = self.rng.choice(present).enrolment_id
                actions.append((meeting_id, description, owner, due, status.value, follow_up))
        self._insert(m.group_meeting_attendee, "meeting_id enrolment_id", attendees)
        columns = "meeting_id step prompt time_box_minutes content theme theme_shareable"
        self._insert(m.GroupNote, columns, notes)
        self._insert(m.GroupAction, "meeting_id description owner_enrolment_id due_on status follow_up", actions)

    def _some(self, sentences: tuple[str, ...], count: int = 2) -> str:
        return " ".join(self.rng.sample(sentences, count))

    # --- Journals, commitments and the audit trail ----------------------------------------------------------

    def _journal(self) -> None:
        writers = self.rng.sample(self.leaders, 24)
        weights = [self.rng.uniform(0.5, 3.0) for _ in writers]
        by_id = {g.id: g for g in self.gatherings}
        h, entries = self.text.JOURNAL_HEADINGS, []
        for leader in writers + self.rng.choices(writers, weights, k=JOURNAL_ENTRIES - len(writers)):
            last = leader.last_day(self.today)
            attended = [by_id[i] for i, code in leader.attended.items() if code in ATTENDED and by_id[i].day <= last]
            session_id = module_id = None
            if attended and self.rng.random() < 0.75:  # most entries follow a session
                gathering = self.rng.choice(attended)
                day = min(gathering.day + timedelta(days=self.rng.randint(0, 3)), last)
                session_id, module_id = gathering.id, self.module_ids[gathering.module]
                learned = self.rng.choice(self.text.JOURNAL_LEARNED[gathering.module])
                change = self.rng.choice(self.text.JOURNAL_CHANGE)
                if self.rng.random() < 0.5:
                    template = PromptTemplate.THREE_STEP
                    now = self.rng.choice(self.text.JOURNAL_NOW)
                    body = f"{h['now']}\n{now}\n\n{h['took']}\n{learned}\n\n{h['next']}\n{change}"
                else:
                    template = PromptTemplate.LEARN_CHANGE
                    body = f"{h['learned']}\n{learned}\n\n{h['different']}\n{change}"
            else:
                day = self.start + timedelta(days=self.rng.randint(7, (last - self.start).days))
                template, body = PromptTemplate.FREE, self.rng.choice(self.text.JOURNAL_FREE)
            sharing = JournalSharing.PRIVATE
            if leader.coach_id is not None and self.rng.random() < 0.45:
                sharing = JournalSharing.COACH
            elif self.rng.random() < 0.04:
                sharing = JournalSharing.GROUP_SUMMARY
            written = self.at(day, "16:45")
            entry = (leader.person_id, day, session_id, module_id, template.value, sharing.value, body)
            entry += (written, written)
            entries.append((entry, self.rng.sample(self.text.JOURNAL_TAGS, self.rng.randint(1, 3))))
        entries.sort(key=lambda pair: (pair[0][1], pair[0][0]))
        sealed, self.data_keys = write_demo_journal(self.s, entries, self.today, self.moment)  # makes the profiles
        self.counts["journal_entry"] += sealed

    def _commitments(self) -> None:
        """Commitments from the autumn's medarbeidersamtaler, followed up as their due dates pass."""
        rows = []
        for leader in self.rng.sample(self.leaders, 20):
            for description, done_note in self.rng.sample(self.text.COMMITMENTS, self.rng.choice((1, 1, 2))):
                made_on = self.working_day(date(self.year, 10, 1) + timedelta(days=self.rng.randint(0, 55)))
                due_on = made_on + timedelta(days=self.rng.choice((90, 120, 180, 270)))
                if due_on < self.today:
                    choices = (CommitmentStatus.DONE, CommitmentStatus.DROPPED, CommitmentStatus.OPEN)
                    status = self.rng.choices(choices, (65, 15, 20))[0]
                else:
                    status = self.rng.choice((CommitmentStatus.OPEN, CommitmentStatus.ON_TRACK))
                follow_up = done_note if status is CommitmentStatus.DONE else ""
                rows.append((leader.person_id, description, made_on, due_on, status.value, follow_up))
        self.counts["commitment"] += write_demo_commitments(self.s, rows, self.data_keys, self.today)

    def _audit(self) -> None:
        detail = json.dumps({"seed": self.seed, "today": self.today.isoformat()})
        targets = (("municipality", self.municipality_id), ("programme", self.programme_id), ("cohort", self.cohort_id))
        rows = [(self.coordinator_id, "demo.created", entity, entity_id, detail) for entity, entity_id in targets]
        self._insert(m.AuditEvent, "actor_id action entity entity_id detail", rows)
