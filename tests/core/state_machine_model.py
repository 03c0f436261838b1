"""The plain model the core state machine compares the database with (``test_core_state_machine``).

A few dictionaries and sets saying what the database should hold — people, enrolments per cohort, sessions,
attendance marks, sign-offs, valid certificates — and the model's own arithmetic for what the coordinator reads:
the attendance figures in whole thousandths of a session and the completion state. Nothing here imports the
rules or the services it checks: the figures are computed from ``docs/rules.md`` and the completion docstring
(``tillitsleder/completion/evaluation.py``) afresh, so a slip in either side shows as a disagreement.

Erasure is modelled already (``erase_person``): the person's names disappear, while every count — enrolments,
marks, sign-offs, certificates — stays.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

MILLI = 1000
WITHDRAWN = "withdrawn"


@dataclass
class PersonState:
    first_name: str
    last_name: str
    email: str | None
    employee_number: str | None
    unit_id: int | None
    erased: bool = False


@dataclass
class EnrolmentState:
    cohort_id: int
    person_id: int
    unit_id: int | None
    status: str = "active"
    status_since: date | None = None


@dataclass
class SessionRecord:
    id: int
    cohort_id: int
    starts_at: datetime
    ends_at: datetime
    required_module: bool  # a session of the programme's one required module
    status: str = "planned"  # planned, held, cancelled


@dataclass(frozen=True)
class Figures:
    """One participant's attendance figures, by the model's own arithmetic."""

    held: int
    to_be_registered: int
    to_come: int
    attended_milli: int
    minimum: Decimal

    @property
    def planned(self) -> int:
        return self.held + self.to_be_registered + self.to_come

    @property
    def share_so_far(self) -> Fraction | None:
        return Fraction(self.attended_milli, self.held * MILLI) if self.held else None

    @property
    def share_of_planned(self) -> Fraction | None:
        return Fraction(self.attended_milli, self.planned * MILLI) if self.planned else None

    @property
    def cannot_reach_minimum(self) -> bool:
        if not self.planned:
            return False
        best = Fraction(self.attended_milli + (self.planned - self.held) * MILLI, self.planned * MILLI)
        return best < Fraction(self.minimum)


@dataclass(frozen=True)
class Completion:
    state: str  # on_track, at_risk, cannot_complete, completed
    may_sign_off: bool  # every rule but the sign-off met, nothing outstanding, not signed yet


@dataclass
class PlainModel:
    """What the database should hold. Ids are the database's own, learnt from what the services return."""

    now: datetime
    minimum: Decimal
    requires_sign_off: bool
    weights: dict[int, int]  # attendance status id → weight in thousandths
    sessions: dict[int, SessionRecord]
    cohorts: tuple[int, ...]
    people: dict[int, PersonState] = field(default_factory=dict)
    enrolments: dict[int, EnrolmentState] = field(default_factory=dict)
    marks: dict[tuple[int, int], int] = field(default_factory=dict)  # (enrolment, session) → status id
    signed_off: set[int] = field(default_factory=set)
    certified: set[int] = field(default_factory=set)  # enrolments holding a valid certificate
    certificates: dict[int, int] = field(default_factory=dict)  # enrolment → certificates ever issued (versions)
    serial: int = 0  # for unique e-mail addresses and employee numbers

    def snapshot(self) -> PlainModel:
        return copy.deepcopy(self)

    @property
    def today(self) -> date:
        return self.now.date()

    def next_serial(self) -> int:
        self.serial += 1
        return self.serial

    # --- what the database should hold ----------------------------------------------------------------------

    def enrolled(self, cohort_id: int) -> dict[int, EnrolmentState]:
        return {e: state for e, state in self.enrolments.items() if state.cohort_id == cohort_id}

    def cohort_sessions(self, cohort_id: int) -> list[SessionRecord]:
        return sorted((s for s in self.sessions.values() if s.cohort_id == cohort_id), key=lambda s: s.starts_at)

    def person_in(self, cohort_id: int, person_id: int) -> bool:
        return any(e.person_id == person_id for e in self.enrolled(cohort_id).values())

    def names(self) -> dict[int, tuple[str, str]]:
        """Person id → (first, last) for everyone not erased."""
        return {p: (s.first_name, s.last_name) for p, s in self.people.items() if not s.erased}

    def person_by_email(self, email: str) -> int | None:
        folded = email.lower()
        return next((p for p, s in self.people.items() if s.email and s.email.lower() == folded), None)

    def person_by_number(self, number: str) -> int | None:
        return next((p for p, s in self.people.items() if s.employee_number == number), None)

    # --- changes ----------------------------------------------------------------------------------------------

    def add_person(self, person_id: int, person: PersonState) -> None:
        assert person_id not in self.people, f"the database reused person id {person_id}"
        self.people[person_id] = person

    def enrol(self, enrolment_id: int, cohort_id: int, person_id: int, unit_id: int | None) -> None:
        assert enrolment_id not in self.enrolments, f"the database reused enrolment id {enrolment_id}"
        self.enrolments[enrolment_id] = EnrolmentState(cohort_id, person_id, unit_id, "active", self.today)

    def changed_cells(self, changes: list[tuple[int, int, int | None]]) -> int:
        """How many cells ``set_attendance`` changes: the last change per cell, against what is recorded."""
        latest = {(e, s): status for e, s, status in changes}
        return sum(1 for cell, status in latest.items() if self.marks.get(cell) != status)

    def record(self, changes: list[tuple[int, int, int | None]]) -> None:
        """Apply register changes; a planned session that has begun and gets a status is marked held."""
        latest = {(e, s): status for e, s, status in changes}
        for cell, status_id in latest.items():
            if status_id is None:
                self.marks.pop(cell, None)
            else:
                self.marks[cell] = status_id
        for session_id in {s for (_e, s), status_id in latest.items() if status_id is not None}:
            session = self.sessions[session_id]
            if session.status == "planned" and session.starts_at <= self.now:
                session.status = "held"

    def issue(self, enrolment_id: int) -> None:
        """A new certificate (a first one, or a reissue superseding the valid one): the one valid from now on."""
        self.certified.add(enrolment_id)
        self.certificates[enrolment_id] = self.certificates.get(enrolment_id, 0) + 1

    def erase_person(self, person_id: int) -> None:
        """The person's names, contact details and unit are gone (nothing finds them by e-mail or employee number
        again); their enrolments, marks, sign-offs and certificates stay counted."""
        person = self.people[person_id]
        person.erased = True
        person.email = person.employee_number = person.unit_id = None

    # --- the model's own arithmetic ---------------------------------------------------------------------------

    def state_of(self, session: SessionRecord, now: datetime) -> str:
        if session.status in ("held", "cancelled"):
            return session.status
        return "to_be_registered" if session.ends_at <= now else "to_come"

    def figures(self, enrolment_id: int, now: datetime | None = None) -> Figures:
        now = now or self.now
        counts = {"held": 0, "to_be_registered": 0, "to_come": 0, "cancelled": 0}
        attended = 0
        cohort_id = self.enrolments[enrolment_id].cohort_id
        for session in self.cohort_sessions(cohort_id):
            state = self.state_of(session, now)
            counts[state] += 1
            status_id = self.marks.get((enrolment_id, session.id))
            if state == "held" and status_id is not None:
                attended += self.weights[status_id]
        return Figures(counts["held"], counts["to_be_registered"], counts["to_come"], attended, self.minimum)

    def completion(self, enrolment_id: int, now: datetime) -> Completion:
        """The completion state as the documented rules give it, with no journal rule and one required module;
        ``now`` is the moment completion looks from (the start of the day it is asked on)."""
        enrolment = self.enrolments[enrolment_id]
        figures = self.figures(enrolment_id, now)
        outstanding = figures.to_be_registered + figures.to_come
        blocking = risk = pending = False
        if figures.planned:
            if figures.cannot_reach_minimum:
                blocking = True
            elif figures.share_so_far is not None and figures.share_so_far < Fraction(self.minimum):
                risk = True
        module = [s for s in self.cohort_sessions(enrolment.cohort_id) if s.required_module]
        held = [s for s in module if self.state_of(s, now) == "held"]
        still_open = [s for s in module if self.state_of(s, now) in ("to_be_registered", "to_come")]
        attended = any(self.weights.get(self.marks.get((enrolment_id, s.id), -1), 0) > 0 for s in held)
        if not (attended or (still_open and not held)):
            if not held and not still_open:
                risk = True  # the module has no session in the cohort (all cancelled)
            elif not still_open:
                finished = not outstanding  # the cohorts have no end date
                blocking, risk = (True, risk) if finished else (blocking, True)
            else:
                pending = True
        if outstanding and enrolment.status != WITHDRAWN:
            pending = True
        waiting = self.requires_sign_off and enrolment_id not in self.signed_off
        if enrolment.status == WITHDRAWN or blocking:
            state = "cannot_complete"
        elif risk:
            state = "at_risk"
        elif pending or waiting:
            state = "on_track"
        else:
            state = "completed"
        ready = enrolment.status != WITHDRAWN and not (blocking or risk or pending)
        return Completion(state, ready and enrolment_id not in self.signed_off)
