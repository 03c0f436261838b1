"""A state machine over the core services, checked against a plain model after every step (no Qt).

Hypothesis drives the real services — enrol, import a participant list from a generated CSV or Excel file, record
attendance in the register, cancel or mark sessions held, change enrolment status, let a week pass, sign off,
issue, reissue and revoke certificates, back up and restore — on a small fresh database per example, and after
every step compares the database with ``state_machine_model.PlainModel``: people, enrolments per cohort,
sessions, register cells, sign-offs and certificates; each participant's attendance figures from the one rule
function (``attendance.rules.attendance_figures`` through ``Register.summary``) against the model's own
arithmetic; the completion state (``completion.evaluation``) against the model's reading of the documented rules;
and SQLite's ``foreign_key_check`` and ``integrity_check`` (``state_machine_checks``). The small programme it
runs on is built once through the services (``state_machine_fixture``).

Runs: ``TestCoreMachineQuick`` (a few examples, in the quick suite) and ``TestCoreMachine`` (slow), sized by the
Hypothesis profile ``tests/conftest.py`` loads: ``ci`` (200 examples of 30 steps; ``scripts/bootstrap.sh test``
selects it) or ``dev`` (the default). Erasure's rule waits for ``tillitsleder.privacy.erasure`` (``ERASE``; the
model has ``erase_person``); the restore is a file copy until ``tillitsleder.storage`` has one (``RESTORE``).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, settings, target
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, invariant, precondition, rule
from sqlalchemy import func, select
from state_machine_checks import check_against_model
from state_machine_fixture import (
    HEADERS,
    LAST_DAY,
    NAME,
    SCRATCH,
    T0,
    faulty_rows,
    template,
    write_list,
)
from state_machine_model import PersonState, PlainModel, SessionRecord

from tillitsleder import clock
from tillitsleder.access import COORDINATOR
from tillitsleder.attendance.register import set_attendance
from tillitsleder.certificates.issuing import issue_certificate, issue_for_cohort, reissue, revoke
from tillitsleder.completion.rules import save_rules
from tillitsleder.completion.sign_off import sign_off, withdraw_sign_off
from tillitsleder.enrolment.cohorts import NewPerson, change_status, enrol
from tillitsleder.enrolment.participant_list.files import read_table
from tillitsleder.enrolment.participant_list.importer import import_participants
from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.model import Certificate, Enrolment, Person
from tillitsleder.privacy.erasure import erase_person
from tillitsleder.privacy.erasure_log import reapply_after_restore
from tillitsleder.sessions.scheduling import cancel_session, mark_held
from tillitsleder.storage import Database, open_database
from tillitsleder.storage.backup import backup_database
from tillitsleder.storage.restore import restore_backup

REFUSED = (ValidationError, NotFound)


def RESTORE(path: Path, backup: Path) -> None:  # noqa: N802 - the machine's named step
    """The app's restore, re-applying the erasure log as the app does."""
    restore_backup(backup, path, after_restore=reapply_after_restore)


# Erasing a person, ``(database, person id)``: the app's erasure (a backup first, then the erasure and a scrub).
ERASE: Callable[[Database, int], object] | None = erase_person


@dataclass(frozen=True)
class Backup:
    path: Path
    model: PlainModel


# --- the machine -----------------------------------------------------------------------------------------------


class CoreMachine(RuleBasedStateMachine):
    backups = Bundle("backups")

    def __init__(self) -> None:
        super().__init__()
        self.fixture = template()
        self.folder = Path(tempfile.mkdtemp(prefix="core-machine-", dir=SCRATCH))
        self.path = self.folder / "core.sqlite3"
        shutil.copyfile(self.fixture.path, self.path)
        clock.set_clock(T0)
        self.db: Database = open_database(self.path)
        self.model: PlainModel | None = None
        self.backup_count = 0
        self.milestones: set[str] = set()  # the kinds of step this example got through (``reached``)

    def teardown(self) -> None:
        # Steer Hypothesis towards examples that get through every kind of step: a sign-off needs a whole
        # cohort registered, a certificate the sign-off, a restore a backup first.
        target(float(len(self.milestones)), label="kinds of step reached")
        self.db.close()
        shutil.rmtree(self.folder, ignore_errors=True)
        clock.set_clock(None)

    @initialize(
        minimum=st.sampled_from(["0", "0.5", "0.75", "0.8", "1"]),
        needs_sign_off=st.booleans(),
        weeks=st.sampled_from([3, 0, 1, 2, 3, 3]),  # mostly after the last session: completion in reach
        seed=st.lists(st.tuples(st.integers(0, 1), NAME, NAME), min_size=1, max_size=5),
    )
    def start(self, minimum: str, needs_sign_off: bool, weeks: int, seed: list[tuple[int, str, str]]) -> None:
        """The programme's rules, the day the example starts on (later days: more sessions over), first people."""
        fixture = self.fixture
        save_rules(self.db, fixture.programme, min_attendance=minimum, required_module_ids=[fixture.required_module],
                   min_journal_entries=0, requires_sign_off=needs_sign_off)  # fmt: skip
        sessions = {s.id: SessionRecord(s.id, s.cohort_id, s.starts_at, s.ends_at, s.required_module)
                    for s in fixture.sessions}  # fmt: skip
        now = T0 + timedelta(weeks=weeks)
        clock.set_clock(now)
        self.model = PlainModel(now, Decimal(minimum), needs_sign_off, dict(fixture.weights), sessions, fixture.cohorts)
        for index, first, last in seed:
            person = PersonState(first, last, None, None, None)
            enrolment = enrol(self.db, fixture.cohorts[index], NewPerson(first, last), enrolled_on=self.m.today)
            person_id = self.person_of(enrolment)
            self.m.add_person(person_id, person)
            self.m.enrol(enrolment, fixture.cohorts[index], person_id, None)

    # --- helpers ------------------------------------------------------------------------------------------------

    @property
    def m(self) -> PlainModel:
        assert self.model is not None
        return self.model

    def expect(self, allowed: bool, call):
        """Run ``call``; it must succeed if ``allowed`` and be refused (with nothing written) otherwise."""
        if allowed:
            return call()
        with pytest.raises(REFUSED):
            call()
        return None

    def new_person(self, data) -> PersonState:
        """Someone not yet known, with a unique e-mail address, maybe an employee number and a unit."""
        serial = self.m.next_serial()
        unit_name = data.draw(st.sampled_from([None, *self.fixture.units]))
        number = f"A{serial:04d}" if data.draw(st.booleans()) else None
        return PersonState(data.draw(NAME), data.draw(NAME), f"p{serial}@example.no", number,
                           self.fixture.units.get(unit_name) if unit_name else None)  # fmt: skip

    def reached(self, milestone: str) -> None:
        event(milestone)
        self.milestones.add(milestone)

    @property
    def mostly_present(self) -> st.SearchStrategy[int]:
        """A status, "present" more often than not (as in a real register), so completion is reached."""
        return st.sampled_from([self.fixture.present] * 20 + sorted(self.m.weights))

    def pick(self, data, every: list[int], likely: list[int]) -> int:
        """One of ``every``, often one of ``likely`` (those a rule would accept), so rules get past refusals."""
        if likely and data.draw(st.booleans()):
            return data.draw(st.sampled_from(likely))
        return data.draw(st.sampled_from(every))

    def person_of(self, enrolment_id: int) -> int:
        with self.db.read() as s:
            return s.scalar(select(Enrolment.person_id).where(Enrolment.id == enrolment_id))

    def enrolment_of(self, cohort_id: int, person_id: int) -> int:
        with self.db.read() as s:
            return s.scalar(
                select(Enrolment.id).where(Enrolment.cohort_id == cohort_id, Enrolment.person_id == person_id)
            )

    # --- enrolment ----------------------------------------------------------------------------------------------

    @rule(data=st.data())
    def enrol_new_person(self, data) -> None:
        cohort = data.draw(st.sampled_from(self.m.cohorts))
        person = self.new_person(data)
        # Now and then the e-mail address (in other letter case) or employee number of someone known: refused.
        clash = data.draw(st.sampled_from([None, *sorted(self.m.people)]))
        email, number = person.email, person.employee_number
        if clash is not None:
            known = self.m.people[clash]
            if known.email and data.draw(st.booleans()):
                email = known.email.upper()
            elif known.employee_number:
                number = known.employee_number
        new = NewPerson(person.first_name, person.last_name, email, number, person.unit_id)
        allowed = (email, number) == (person.email, person.employee_number)
        enrolment = self.expect(allowed, lambda: enrol(self.db, cohort, new, enrolled_on=self.m.today))
        if enrolment is not None:
            person_id = self.person_of(enrolment)
            self.m.add_person(person_id, person)
            self.m.enrol(enrolment, cohort, person_id, person.unit_id)

    @precondition(lambda self: self.model is not None and self.model.people)
    @rule(data=st.data())
    def enrol_known_person(self, data) -> None:
        cohort = data.draw(st.sampled_from(self.m.cohorts))
        person_id = data.draw(st.sampled_from(sorted(self.m.people)))
        allowed = not self.m.person_in(cohort, person_id)
        enrolment = self.expect(allowed, lambda: enrol(self.db, cohort, person_id, enrolled_on=self.m.today))
        if enrolment is not None:
            self.m.enrol(enrolment, cohort, person_id, self.m.people[person_id].unit_id)

    @rule(data=st.data(), fault=st.sampled_from([None, None, None, "enrolled", "unit", "email", "name", "twice"]),
          headers=st.sampled_from(sorted(HEADERS)), kind=st.sampled_from(["csv;", "csv,", "xlsx"]))  # fmt: skip
    def import_participant_list(self, data, fault: str | None, headers: str, kind: str) -> None:
        m = self.m
        cohort = data.draw(st.sampled_from(m.cohorts))
        rows: list[list[str]] = []
        new_people: list[PersonState] = []
        for _ in range(data.draw(st.integers(0, 3))):
            person = self.new_person(data)
            new_people.append(person)
            unit = next((name for name, i in self.fixture.units.items() if i == person.unit_id), "")
            rows.append([person.first_name, person.last_name, person.email, person.employee_number or "", unit])
        outside = sorted(
            p for p, s in m.people.items() if not m.person_in(cohort, p) and (s.email or s.employee_number)
        )
        known = data.draw(st.lists(st.sampled_from(outside), unique=True, max_size=2)) if outside else []
        known_units: dict[int, int | None] = {}
        for person_id in known:
            person = m.people[person_id]
            by_number = person.employee_number is not None and (person.email is None or data.draw(st.booleans()))
            unit = data.draw(st.sampled_from(["", *self.fixture.units]))
            known_units[person_id] = self.fixture.units[unit] if unit else person.unit_id
            email = "" if by_number else (person.email or "").upper()
            number = (person.employee_number or "") if by_number else ""
            rows.append([person.first_name, person.last_name, email, number, unit.upper()])
        inside = [m.people[p] for p in sorted(m.people) if m.person_in(cohort, p) and m.people[p].email]
        serial = m.next_serial()
        rows += faulty_rows(fault, serial, inside[0] if inside else None)
        path = write_list(self.folder, kind, [HEADERS[headers], *rows], serial)
        allowed = fault is None and bool(rows)
        self.reached(f"import {'allowed' if allowed else 'refused'}")
        result = self.expect(
            allowed, lambda: import_participants(self.db, cohort, read_table(path), enrolled_on=m.today)
        )
        if result is None:
            return
        counts = (result.enrolled, result.persons_created, result.existing_persons)
        assert counts == (len(rows), len(new_people), len(known))
        with self.db.read() as s:
            ids = dict(s.execute(select(func.lower(Person.email), Person.id)).all())
        for person in new_people:
            m.add_person(ids[person.email.lower()], person)
            m.enrol(
                self.enrolment_of(cohort, ids[person.email.lower()]), cohort, ids[person.email.lower()], person.unit_id
            )
        for person_id in known:
            m.enrol(self.enrolment_of(cohort, person_id), cohort, person_id, known_units[person_id])

    @precondition(lambda self: self.model is not None and self.model.enrolments)
    @rule(data=st.data(), status=st.sampled_from(["active", "on_leave", "withdrawn", "completed"]))
    def change_enrolment_status(self, data, status: str) -> None:
        enrolment = data.draw(st.sampled_from(sorted(self.m.enrolments)))
        state = self.m.enrolments[enrolment]
        self.expect(state.status != status, lambda: change_status(self.db, enrolment, status, self.m.today, "Endring"))
        if state.status != status:
            state.status, state.status_since = status, self.m.today

    @precondition(lambda self: ERASE is not None and self.model is not None and self.model.names())
    @rule(data=st.data())
    def erase_a_person(self, data) -> None:
        person_id = data.draw(st.sampled_from(sorted(self.m.names())))
        assert ERASE is not None
        ERASE(self.db, person_id)
        self.m.erase_person(person_id)

    # --- sessions and the register ------------------------------------------------------------------------------

    @precondition(lambda self: self.model is not None and self.model.enrolments)
    @rule(data=st.data())
    def record_attendance(self, data) -> None:
        m = self.m
        cohort = m.enrolments[data.draw(st.sampled_from(sorted(m.enrolments)))].cohort_id
        ours = sorted(m.enrolled(cohort))
        sessions = [s.id for s in m.cohort_sessions(cohort)]
        statuses = st.one_of(st.none(), st.just(self.fixture.present), st.sampled_from(sorted(m.weights)))
        changes = data.draw(st.lists(st.tuples(st.sampled_from(ours), st.sampled_from(sessions), statuses),
                                     min_size=1, max_size=6))  # fmt: skip
        if data.draw(st.integers(0, 9)) == 0:  # now and then a cell of the other cohort's
            other = next(c for c in m.cohorts if c != cohort)
            changes.append((ours[0], m.cohort_sessions(other)[0].id, self.fixture.present))
        allowed = all(
            m.sessions[s].cohort_id == cohort and m.sessions[s].status != "cancelled" for _e, s, _v in changes
        )
        expected = m.changed_cells(changes) if allowed else None
        changed = self.expect(allowed, lambda: set_attendance(self.db, cohort, changes, now=m.now))
        if allowed:
            assert changed == expected
            m.record(changes)

    @precondition(lambda self: self.model is not None and self.model.enrolments)
    @rule(data=st.data())
    def register_a_whole_session(self, data) -> None:
        """What a coordinator does most: the whole cohort's column of one session, mostly present."""
        m = self.m
        cohort = m.enrolments[data.draw(st.sampled_from(sorted(m.enrolments)))].cohort_id
        session = data.draw(
            st.sampled_from([s for s in m.cohort_sessions(cohort) if s.status != "cancelled"] or [None])
        )
        if session is None:
            return
        status = self.mostly_present
        changes = [(e, session.id, data.draw(status)) for e in sorted(m.enrolled(cohort))]
        assert set_attendance(self.db, cohort, changes, now=m.now) == m.changed_cells(changes)
        m.record(changes)

    @precondition(lambda self: self.model is not None and self.model.enrolments)
    @rule(data=st.data())
    def catch_up_the_register(self, data) -> None:
        """Every session of a cohort that is over but not registered, registered at once for everyone."""
        m = self.m
        cohort = data.draw(st.sampled_from(m.cohorts))
        over = [s.id for s in m.cohort_sessions(cohort) if m.state_of(s, m.now) == "to_be_registered"]
        status = self.mostly_present
        changes = [(e, session, data.draw(status)) for session in over for e in sorted(m.enrolled(cohort))]
        assert set_attendance(self.db, cohort, changes, now=m.now) == m.changed_cells(changes)
        m.record(changes)

    @rule(data=st.data())
    def cancel_a_session(self, data) -> None:
        session = self.m.sessions[data.draw(st.sampled_from(sorted(self.m.sessions)))]
        allowed = session.status == "planned"
        self.expect(allowed, lambda: cancel_session(self.db, session.id, "Sykdom"))
        if allowed:
            session.status = "cancelled"

    @rule(data=st.data())
    def mark_a_session_held(self, data) -> None:
        session = self.m.sessions[data.draw(st.sampled_from(sorted(self.m.sessions)))]
        allowed = session.status == "planned" and session.starts_at <= self.m.now
        self.expect(allowed, lambda: mark_held(self.db, session.id, now=self.m.now))
        if allowed:
            session.status = "held"

    @precondition(lambda self: self.model is not None and self.model.now < LAST_DAY)
    @rule()
    def a_week_passes(self) -> None:
        self.m.now += timedelta(weeks=1)
        clock.set_clock(self.m.now)

    # --- completion and certificates ----------------------------------------------------------------------------

    @precondition(lambda self: self.model is not None and self.model.enrolments)
    @rule(data=st.data())
    def sign_off_a_participant(self, data) -> None:
        ready = [e for e in sorted(self.m.enrolments) if self.m.completion(e, self.midnight).may_sign_off]
        enrolment = self.pick(data, sorted(self.m.enrolments), ready)
        allowed = enrolment in ready
        self.expect(allowed, lambda: sign_off(self.db, enrolment, today=self.m.today))
        if allowed:
            self.reached("signed off")
            self.m.signed_off.add(enrolment)

    @precondition(lambda self: self.model is not None and self.model.enrolments)
    @rule(data=st.data())
    def take_back_a_sign_off(self, data) -> None:
        enrolment = self.pick(data, sorted(self.m.enrolments), sorted(self.m.signed_off))
        allowed = enrolment in self.m.signed_off
        self.expect(allowed, lambda: withdraw_sign_off(self.db, enrolment))
        self.m.signed_off.discard(enrolment)

    @rule(data=st.data())
    def issue_certificates_for_a_cohort(self, data) -> None:
        m = self.m
        cohort = data.draw(st.sampled_from(m.cohorts))
        eligible = {e for e in m.enrolled(cohort) if m.completion(e, self.midnight).state == "completed"}
        result = issue_for_cohort(self.db, cohort, actor=COORDINATOR, today=m.today)
        assert {c.enrolment_id for c in result.issued} == eligible - m.certified
        assert result.already_issued == len(eligible & m.certified)
        for certificate in result.issued:
            self.reached("certificate issued for a cohort")
            m.issue(certificate.enrolment_id)

    @precondition(lambda self: self.model is not None and self.model.enrolments)
    @rule(data=st.data())
    def issue_one_certificate(self, data) -> None:
        m = self.m
        completed = [e for e in sorted(m.enrolments) if m.completion(e, self.midnight).state == "completed"]
        enrolment = self.pick(data, sorted(m.enrolments), completed)
        allowed = enrolment in completed and enrolment not in m.certified
        issued = self.expect(allowed, lambda: issue_certificate(self.db, enrolment, actor=COORDINATOR, today=m.today))
        if issued is not None:
            self.reached("one certificate issued")
            assert issued.enrolment_id == enrolment
            m.issue(enrolment)

    @precondition(lambda self: self.model is not None and self.model.certified)
    @rule(data=st.data(), again=st.booleans())
    def reissue_or_revoke_a_certificate(self, data, again: bool) -> None:
        """A reissue supersedes the valid certificate with a new version; a revocation leaves none valid."""
        m = self.m
        enrolment = data.draw(st.sampled_from(sorted(m.certified)))
        with self.db.read() as s:
            valid = select(Certificate.id).where(Certificate.enrolment_id == enrolment, Certificate.status == "valid")
            certificate = s.scalar(valid)
        if again:
            new = reissue(self.db, certificate, "Navnet var feilstavet", actor=COORDINATOR, today=m.today)
            assert (new.enrolment_id, new.version) == (enrolment, m.certificates[enrolment] + 1)
            m.issue(enrolment)
            self.reached("certificate reissued")
        else:
            self.reached("certificate revoked")
            revoke(self.db, certificate, "Utstedt ved en feil", actor=COORDINATOR)
            m.certified.discard(enrolment)
        with pytest.raises(ValidationError):  # the old certificate is valid no more: neither can be done again
            revoke(self.db, certificate, "Igjen", actor=COORDINATOR)
        with pytest.raises(ValidationError):
            reissue(self.db, certificate, "Igjen", actor=COORDINATOR, today=m.today)

    # --- backup and restore -------------------------------------------------------------------------------------

    @precondition(lambda self: self.model is not None)
    @rule(target=backups)
    def back_up(self) -> Backup:
        self.backup_count += 1
        path = backup_database(self.path, self.folder / f"backup-{self.backup_count}.sqlite3")
        return Backup(path, self.m.snapshot())

    @rule(backup=backups)
    def restore(self, backup: Backup) -> None:
        now, serial = self.m.now, self.m.serial
        erased = {person_id for person_id, person in self.m.people.items() if person.erased}
        self.db.close()
        RESTORE(self.path, backup.path)
        self.db = open_database(self.path)
        self.reached("restored")
        self.model = backup.model.snapshot()
        self.model.now, self.model.serial = now, serial  # the data goes back, the clock does not
        for person_id in erased:  # ... and whoever was erased since the backup is erased again (the erasure log)
            if person_id in self.model.people and not self.model.people[person_id].erased:
                self.model.erase_person(person_id)

    # --- the invariants -----------------------------------------------------------------------------------------

    @property
    def midnight(self) -> datetime:
        """Completion looks from the start of the day it is asked on."""
        return datetime.combine(self.m.today, time.min, tzinfo=UTC)

    @invariant()
    def database_agrees_with_the_model(self) -> None:
        if self.model is None:
            return
        check_against_model(self.db, self.m, self.midnight)


MACHINE_SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}


class TestCoreMachine(CoreMachine.TestCase):
    """The full run: as many examples and steps as the loaded profile says (``ci``: 200 × 30)."""

    settings = settings(settings.default, **MACHINE_SETTINGS)  # type: ignore[arg-type]
    pytestmark = pytest.mark.slow


class TestCoreMachineQuick(CoreMachine.TestCase):
    """A few examples for the quick suite."""

    settings = settings(settings.default, max_examples=8, stateful_step_count=30, **MACHINE_SETTINGS)  # type: ignore
