"""Cohorts and enrolment through the services: create, enrol, change status with history, filter the list."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tillitsleder.enrolment import cohorts as enrolment
from tillitsleder.enrolment.cohorts import NewPerson
from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.lists.areas import COHORTS, ENROLMENTS
from tillitsleder.lists.tables import count_rows, fetch_rows
from tillitsleder.model import AuditEvent, Cohort, Enrolment, Person, Programme
from tillitsleder.model.enums import EnrolmentStatus


@pytest.fixture
def ids(demo_db):
    with demo_db.read() as s:
        programme = s.execute(select(Programme.id, Programme.start_date, Programme.end_date)).one()
        cohort_id = s.scalar(select(Cohort.id))
    units = enrolment.unit_options(demo_db, cohort_id)
    return {"programme": programme, "cohort": cohort_id, "unit": units[0], "units": units}


def _count(db, model) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_create_cohort_validates_name_and_dates(demo_db, ids) -> None:
    programme_id, start, end = ids["programme"]
    new_id = enrolment.create_cohort(demo_db, programme_id, "  Kull 2  ", start + timedelta(days=365), end)
    with demo_db.read() as s:
        cohort = s.get(Cohort, new_id)
        assert cohort.name == "Kull 2" and cohort.programme_id == programme_id
        assert s.scalar(select(AuditEvent.action).where(AuditEvent.entity_id == new_id, AuditEvent.entity == "cohort"))
    with pytest.raises(ValidationError, match="already a cohort"):
        enrolment.create_cohort(demo_db, programme_id, "kull 2", start)
    with pytest.raises(ValidationError, match="Fill in"):
        enrolment.create_cohort(demo_db, programme_id, "   ", start)
    with pytest.raises(ValidationError, match="end before"):
        enrolment.create_cohort(demo_db, programme_id, "Kull 3", start, start - timedelta(days=1))
    with pytest.raises(ValidationError, match="overlap"):
        enrolment.create_cohort(demo_db, programme_id, "Kull 3", end + timedelta(days=10))
    with pytest.raises(ValidationError, match="sensible"):
        enrolment.create_cohort(demo_db, programme_id, "Kull 3", date(1900, 1, 1))
    with pytest.raises(NotFound):
        enrolment.create_cohort(demo_db, 999, "Kull 3", start)
    assert count_rows(demo_db, COHORTS) == 3  # the demo's current and finished cohorts, and Kull 2


def test_enrol_new_person_snapshots_unit_and_position(demo_db, ids) -> None:
    unit = ids["unit"]
    person = NewPerson("Áilu", "Gaup", "ailu.gaup@example.no", "S-1001", unit.id, "Enhetsleder")
    enrolment_id = enrolment.enrol(demo_db, ids["cohort"], person, enrolled_on=date(2026, 8, 1))
    info = enrolment.enrolment_info(demo_db, enrolment_id)
    assert (info.name, info.unit, info.department, info.position) == (
        "Áilu Gaup",
        unit.name,
        unit.department,
        "Enhetsleder",
    )
    assert info.status is EnrolmentStatus.ACTIVE and info.status_since == info.enrolled_on == date(2026, 8, 1)
    # The person moves; the enrolment keeps what was true when enrolled.
    with demo_db.session() as s:
        s.get(Person, info.person_id).position = "Avdelingsdirektør"
    assert enrolment.enrolment_info(demo_db, enrolment_id).position == "Enhetsleder"
    history = enrolment.status_history(demo_db, enrolment_id)
    assert [(h.status, h.effective_on) for h in history] == [(EnrolmentStatus.ACTIVE, date(2026, 8, 1))]


def test_enrol_refuses_duplicates_and_bad_input(demo_db, ids) -> None:
    cohort = ids["cohort"]
    with demo_db.read() as s:
        enrolled = s.execute(select(Person.id, Person.email).join(Enrolment, Enrolment.person_id == Person.id)).first()
    before = _count(demo_db, Person)
    with pytest.raises(ValidationError, match="already enrolled"):
        enrolment.enrol(demo_db, cohort, enrolled.id)
    with pytest.raises(ValidationError, match="already has the e-mail"):
        enrolment.enrol(demo_db, cohort, NewPerson("Ny", "Person", enrolled.email.upper()))
    with pytest.raises(ValidationError, match="not a valid e-mail"):
        enrolment.enrol(demo_db, cohort, NewPerson("Ny", "Person", "ny@"))
    with pytest.raises(ValidationError, match="first name"):
        enrolment.enrol(demo_db, cohort, NewPerson(" ", "Person"))
    with pytest.raises(ValidationError, match="longer than"):
        enrolment.enrol(demo_db, cohort, NewPerson("N" * 101, "Person"))
    with pytest.raises(NotFound):
        enrolment.enrol(demo_db, cohort, 999_999)
    assert _count(demo_db, Person) == before


def test_enrol_existing_person_not_yet_in_cohort(demo_db, ids) -> None:
    cohort = ids["cohort"]
    candidates = enrolment.find_people(demo_db, cohort, "")
    assert candidates, "the demo has facilitators and a coordinator who are not enrolled"
    with demo_db.read() as s:
        enrolled_ids = set(s.scalars(select(Enrolment.person_id).where(Enrolment.cohort_id == cohort)))
    assert not {c.id for c in candidates} & enrolled_ids
    enrolment_id = enrolment.enrol(demo_db, cohort, candidates[0].id, position="Fagleder")
    assert enrolment.enrolment_info(demo_db, enrolment_id).position == "Fagleder"
    assert candidates[0].id not in {c.id for c in enrolment.find_people(demo_db, cohort, "")}


def test_status_changes_keep_history_in_order(demo_db, ids) -> None:
    enrolment_id = enrolment.enrol(demo_db, ids["cohort"], NewPerson("Siv", "Ødegård"), enrolled_on=date(2026, 1, 5))
    enrolment.change_status(demo_db, enrolment_id, EnrolmentStatus.ON_LEAVE, date(2026, 3, 1), "Foreldrepermisjon")
    enrolment.change_status(demo_db, enrolment_id, "active", date(2026, 9, 1))
    with pytest.raises(ValidationError, match="already"):
        enrolment.change_status(demo_db, enrolment_id, "active", date(2026, 9, 2))
    with pytest.raises(ValidationError, match="before"):
        enrolment.change_status(demo_db, enrolment_id, "withdrawn", date(2026, 8, 31))
    with pytest.raises(ValidationError, match="not an enrolment status"):
        enrolment.change_status(demo_db, enrolment_id, "sacked", date(2026, 10, 1))
    enrolment.change_status(demo_db, enrolment_id, EnrolmentStatus.COMPLETED, date(2027, 6, 20))
    info = enrolment.enrolment_info(demo_db, enrolment_id)
    assert info.status is EnrolmentStatus.COMPLETED and info.status_since == date(2027, 6, 20)
    history = enrolment.status_history(demo_db, enrolment_id)
    assert [(h.status.value, h.effective_on, h.reason) for h in history] == [
        ("active", date(2026, 1, 5), ""),
        ("on_leave", date(2026, 3, 1), "Foreldrepermisjon"),
        ("active", date(2026, 9, 1), ""),
        ("completed", date(2027, 6, 20), ""),
    ]
    with demo_db.read() as s:
        details = s.scalars(
            select(AuditEvent.detail).where(
                AuditEvent.action == "enrolment.status_changed", AuditEvent.entity_id == enrolment_id
            )
        ).all()
    assert len(details) == 3
    assert all("Foreldre" not in d for d in details), "free text never goes to the audit trail"
    assert json.loads(details[0]) == {"from": "active", "to": "on_leave"}


def test_enrolment_list_filters_by_status_department_and_unit(demo_db, ids) -> None:
    cohort = ids["cohort"]
    everyone = count_rows(demo_db, ENROLMENTS, {"cohort_id": cohort})
    by_status = {s: count_rows(demo_db, ENROLMENTS, {"cohort_id": cohort, "status": s.value}) for s in EnrolmentStatus}
    assert sum(by_status.values()) == everyone and by_status[EnrolmentStatus.ON_LEAVE] >= 1
    status_column = [c.key for c in ENROLMENTS.columns].index("status")
    rows = fetch_rows(demo_db, ENROLMENTS, {"cohort_id": cohort, "status": "on_leave"}, limit=100)
    assert {row[status_column] for row in rows} == {"on_leave"}
    departments = enrolment.department_options(demo_db, cohort)
    per_department = [
        count_rows(demo_db, ENROLMENTS, {"cohort_id": cohort, "department_id": d.id}) for d in departments
    ]
    assert sum(per_department) == everyone
    unit = ids["unit"]
    in_unit = fetch_rows(demo_db, ENROLMENTS, {"cohort_id": cohort, "unit_id": unit.id}, limit=100)
    unit_column = [c.key for c in ENROLMENTS.columns].index("unit")
    assert {row[unit_column] for row in in_unit} <= {unit.name}
    combined = count_rows(demo_db, ENROLMENTS, {"cohort_id": cohort, "status": "active"}, search="barnehage")
    assert 0 < combined < everyone
