"""A small, known world for the roster, workload and table-day tests, written through the model.

Eight units, 40 leaders in one cohort (five per unit), a programme with two semesters, four sessions and five
reflection groups (two dated meetings each) in semester 1, and a pool "F16" of six facilitators from the
first six units, 8 hours a month each; the first is away on the first meetings' day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal

from tillitsleder.model import (
    Cohort,
    Department,
    Enrolment,
    Facilitator,
    FacilitatorPool,
    FacilitatorUnavailability,
    GroupMeeting,
    GroupRound,
    Municipality,
    Person,
    Programme,
    ReflectionGroup,
    Semester,
    Session,
    Unit,
)
from tillitsleder.storage import Database

FIRST_MEETING = date(2026, 9, 10)


@dataclass
class World:
    cohort_id: int = 0
    pool_id: int = 0
    unit_ids: list[int] = field(default_factory=list)
    facilitator_ids: list[int] = field(default_factory=list)
    session_ids: list[int] = field(default_factory=list)
    group_ids: list[int] = field(default_factory=list)
    participant_ids: list[int] = field(default_factory=list)


def build_world(db: Database) -> World:
    w = World()
    with db.session() as s:
        town = Municipality(name="Norrköpings kommun", country="SE", timezone="Europe/Stockholm")
        s.add(town)
        s.flush()
        dept = Department(municipality_id=town.id, name="Kultur- och fritidsförvaltningen")
        s.add(dept)
        s.flush()
        units = [Unit(department_id=dept.id, name=f"Enhet {chr(65 + i)}") for i in range(8)]
        s.add_all(units)
        s.flush()
        w.unit_ids = [u.id for u in units]
        programme = Programme(
            municipality_id=town.id, name="Chefsprogram", start_date=date(2026, 8, 1), end_date=date(2027, 6, 30),
            timezone="Europe/Stockholm",
        )  # fmt: skip
        s.add(programme)
        s.flush()
        s.add_all([
            Semester(programme_id=programme.id, number=1, title="Höst", start_date=date(2026, 8, 15),
                     end_date=date(2026, 12, 20)),
            Semester(programme_id=programme.id, number=2, title="Vår", start_date=date(2027, 1, 5),
                     end_date=date(2027, 6, 20)),
        ])  # fmt: skip
        cohort = Cohort(programme_id=programme.id, name="Omgång 1", start_date=date(2026, 8, 15))
        s.add(cohort)
        s.flush()
        w.cohort_id = cohort.id
        enrolments = []
        for i in range(40):
            person = Person(first_name=f"Ledare{i:02d}", last_name=f"Åström{i:02d}", unit_id=units[i % 8].id)
            s.add(person)
            s.flush()
            w.participant_ids.append(person.id)
            enrolment = Enrolment(
                cohort_id=cohort.id, person_id=person.id, unit_id=person.unit_id, status_since=date(2026, 8, 1),
                enrolled_on=date(2026, 8, 1),
            )  # fmt: skip
            s.add(enrolment)
            enrolments.append(enrolment)
        s.flush()
        for n, day in enumerate((date(2026, 9, 3), date(2026, 10, 8), date(2026, 11, 5), date(2026, 12, 3))):
            row = Session(
                cohort_id=cohort.id, title=f"Träff {n + 1}", session_type="temasamling",
                starts_at=datetime(day.year, day.month, day.day, 8, tzinfo=UTC),
                ends_at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC), ical_uid=f"s{n}@test",
            )  # fmt: skip
            s.add(row)
            s.flush()
            w.session_ids.append(row.id)
        pool = FacilitatorPool(municipality_id=town.id, code="F16", name="Lean facilitators", kind="lean")
        s.add(pool)
        s.flush()
        w.pool_id = pool.id
        for i in range(6):
            person = Person(first_name=f"Fasilitator{i}", last_name="Øberg", unit_id=units[i].id)
            s.add(person)
            s.flush()
            facilitator = Facilitator(pool_id=pool.id, person_id=person.id, capacity_hours_per_month=Decimal(8))
            s.add(facilitator)
            s.flush()
            w.facilitator_ids.append(facilitator.id)
        s.add(FacilitatorUnavailability(facilitator_id=w.facilitator_ids[0], first_day=FIRST_MEETING,
                                        last_day=FIRST_MEETING, reason="Semester"))  # fmt: skip
        round_ = GroupRound(cohort_id=cohort.id, number=1, name="Runda 1")
        s.add(round_)
        s.flush()
        for g in range(5):
            group = ReflectionGroup(round_id=round_.id, name=f"Grupp {g + 1}")
            # members of units g, g+1 only (so units 0..5 each appear in one or two groups)
            group.members = [e for i, e in enumerate(enrolments) if i % 8 in (g, g + 1)][:8]
            s.add(group)
            s.flush()
            w.group_ids.append(group.id)
            s.add_all([GroupMeeting(group_id=group.id, held_on=FIRST_MEETING),
                       GroupMeeting(group_id=group.id, held_on=date(2026, 11, 12))])  # fmt: skip
    return w


_TEMPLATE: list[tuple[object, World]] = []


def world_template(tmp_path_factory) -> tuple[object, World]:
    """The world built once per test run into a template file: (path, World). Copy the file per test."""
    from tillitsleder.storage import open_database

    if not _TEMPLATE:
        path = tmp_path_factory.mktemp("roster-world") / "world.sqlite3"
        database = open_database(path)
        try:
            _TEMPLATE.append((path, build_world(database)))
        finally:
            database.close()
    return _TEMPLATE[0]
