"""A small cohort for the reflection-group tests: people spread over four units in two departments."""

from __future__ import annotations

from datetime import date

from tillitsleder.model import Cohort, Department, Enrolment, Municipality, Person, Programme, Unit

UNITS = {"Oppvekst": ["Ljabru barnehage", "Helsestasjon"], "Velferd": ["NAV Nordstrand", "Boligkontoret"]}


def build_cohort(db, people: int = 16, *, withdrawn: int = 0, tag: str = "1") -> dict:
    """A cohort of ``people`` spread over four units in two departments; the last ``withdrawn`` have left."""
    with db.session() as s:
        town = Municipality(name=f"Bydel {tag}")
        s.add(town)
        s.flush()
        unit_ids = []
        for department_name, unit_names in UNITS.items():
            department = Department(municipality_id=town.id, name=department_name)
            s.add(department)
            s.flush()
            for unit_name in unit_names:
                unit = Unit(department_id=department.id, name=unit_name)
                s.add(unit)
                s.flush()
                unit_ids.append(unit.id)
        programme = Programme(municipality_id=town.id, name="LUP", start_date=date(2025, 1, 1),
                              end_date=date(2026, 12, 31))  # fmt: skip
        s.add(programme)
        s.flush()
        cohort = Cohort(programme_id=programme.id, name=f"Kull {tag}", start_date=date(2025, 1, 1))
        s.add(cohort)
        s.flush()
        enrolments = []
        for i in range(people):
            person = Person(first_name=f"Åse{i:02d}", last_name=f"Ødegård{i:02d}", unit_id=unit_ids[i % 4],
                            leader_level=1 + i % 4)  # fmt: skip
            s.add(person)
            s.flush()
            status = "withdrawn" if i >= people - withdrawn else "active"
            enrolment = Enrolment(cohort_id=cohort.id, person_id=person.id, unit_id=unit_ids[i % 4], status=status,
                                  status_since=date(2025, 1, 1), enrolled_on=date(2025, 1, 1))  # fmt: skip
            s.add(enrolment)
            s.flush()
            enrolments.append(enrolment.id)
        return {"cohort": cohort.id, "enrolments": enrolments, "units": unit_ids}
