"""What the core state machine checks after every step: the database agrees with the plain model.

People, enrolments per cohort, sessions, register cells, sign-offs and certificates row for row; each
participant's attendance figures from the one rule function (``attendance.rules.attendance_figures`` through
``Register.summary``) against the model's own arithmetic; the completion state and share (``completion.
evaluation``) against the model's reading of the documented rules; SQLite's foreign-key and integrity checks.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlalchemy import select
from state_machine_model import PlainModel

from tillitsleder.attendance.register import load_register
from tillitsleder.completion.evaluation import evaluate_cohort
from tillitsleder.model import Attendance, Certificate, CompletionSignOff, Enrolment, Person
from tillitsleder.model import Session as SessionRow
from tillitsleder.storage import Database


def check_against_model(db: Database, m: PlainModel, midnight: datetime) -> None:
    """Fail on the first disagreement; ``midnight`` is the start of the model's day (completion looks from it)."""
    with db.read() as s:
        people = {
            row.id: row
            for row in s.execute(
                select(
                    Person.id,
                    Person.first_name,
                    Person.last_name,
                    Person.email,
                    Person.employee_number,
                    Person.unit_id,
                )
            )
        }
        enrolments = {
            row.id: tuple(row[1:])
            for row in s.execute(
                select(Enrolment.id, Enrolment.cohort_id, Enrolment.person_id, Enrolment.unit_id, Enrolment.status)
            )
        }
        marks = {
            (r.enrolment_id, r.session_id): r.status_id
            for r in s.execute(select(Attendance.enrolment_id, Attendance.session_id, Attendance.status_id))
        }
        sessions = dict(s.execute(select(SessionRow.id, SessionRow.status)).all())
        signed = set(s.scalars(select(CompletionSignOff.enrolment_id)))
        certificates = Counter(s.scalars(select(Certificate.enrolment_id)))
        certified = list(s.scalars(select(Certificate.enrolment_id).where(Certificate.status == "valid")))
    alive = {p for p, x in m.people.items() if not x.erased}
    assert alive <= set(people) <= set(m.people), "nobody lost, nobody made up (an erased row may go)"
    for person_id in alive:
        row, person = people[person_id], m.people[person_id]
        assert (row.first_name, row.last_name, row.email, row.employee_number, row.unit_id) == (
            person.first_name, person.last_name, person.email, person.employee_number, person.unit_id)  # fmt: skip
    for person_id in set(people) - alive:  # erased: the names are gone, the counts below stay
        row, person = people[person_id], m.people[person_id]
        assert (row.first_name, row.last_name) != (person.first_name, person.last_name)
    assert enrolments == {e: (x.cohort_id, x.person_id, x.unit_id, x.status) for e, x in m.enrolments.items()}
    assert marks == m.marks
    assert sessions == {i: x.status for i, x in m.sessions.items()}
    assert signed == m.signed_off
    assert dict(certificates) == m.certificates
    assert sorted(certified) == sorted(m.certified), "at most one valid certificate each"
    for cohort in m.cohorts:
        register = load_register(db, cohort, now=midnight)
        ours = m.enrolled(cohort)
        assert {p.enrolment_id for p in register.participants} == set(ours)
        for enrolment in ours:
            got, want = register.summary(enrolment), m.figures(enrolment, midnight)
            assert (got.held, got.to_be_registered, got.to_come, got.attended_milli) == (
                want.held, want.to_be_registered, want.to_come, want.attended_milli)  # fmt: skip
            assert got.share_so_far == want.share_so_far and got.share_of_planned == want.share_of_planned
            assert got.cannot_reach_minimum == want.cannot_reach_minimum
        completions = evaluate_cohort(db, cohort, today=m.today, register=register)
        assert {c.enrolment_id: c.state.value for c in completions} == {
            e: m.completion(e, midnight).state for e in ours
        }
        assert {c.enrolment_id for c in completions if c.signed_off_at is not None} == m.signed_off & set(ours)
        for c in completions:
            assert c.attendance == m.figures(c.enrolment_id, midnight).share_of_planned
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        assert [r[0] for r in connection.exec_driver_sql("PRAGMA integrity_check")] == ["ok"]
