"""A small world for the journal and profile tests: three enrolled leaders, two coaches, one reflection group.

- Kari (p1) is coached by Coach Anne (c1); Ola (p2) and Kari share the reflection group "Eldkvarn", led by
  Coach Bjørn (c2); Sara (p3) is in no group and has no coach.
- Everyone has a profile with a cheap key derivation (the real default takes a quarter of a second).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tillitsleder import crypto as jc
from tillitsleder import profiles
from tillitsleder.model import (
    Cohort,
    Enrolment,
    Facilitator,
    FacilitatorAssignment,
    FacilitatorPool,
    GroupRound,
    Municipality,
    Person,
    Programme,
    ReflectionGroup,
    group_member,
)
from tillitsleder.model.enums import Role

FAST = jc.KdfParams(memory_cost=64, iterations=1, lanes=1)
PASS = {
    "p1": "kari-passord-1",
    "p2": "ola-passord-22",
    "p3": "sara-passord-3",
    "c1": "anne-coach-11",
    "c2": "bjorn-coach-2",
}


@dataclass
class World:
    person: dict[str, int]
    profile: dict[str, int]
    recovery: dict[str, str]
    cohort_id: int
    group_id: int

    def unlock(self, db, who: str) -> profiles.UnlockedProfile:
        return profiles.unlock(db, self.profile[who], PASS[who])


def build_world(db) -> World:
    with db.session() as s:
        town = Municipality(name="Bydel Nordstrand")
        s.add(town)
        s.flush()
        programme = Programme(
            municipality_id=town.id, name="LUP", start_date=date(2025, 9, 1), end_date=date(2027, 6, 20)
        )
        s.add(programme)
        s.flush()
        cohort = Cohort(programme_id=programme.id, name="Kull 2025", start_date=date(2025, 9, 1))
        s.add(cohort)
        s.flush()
        names = {"p1": ("Kari", "Nordmann"), "p2": ("Ola", "Hansen"), "p3": ("Sara", "Ŋuolla"),
                 "c1": ("Anne", "Coach"), "c2": ("Bjørn", "Coach")}  # fmt: skip
        people = {key: Person(first_name=first, last_name=last) for key, (first, last) in names.items()}
        s.add_all(people.values())
        s.flush()
        enrolments = {}
        for key in ("p1", "p2", "p3"):
            enrolments[key] = Enrolment(
                cohort_id=cohort.id,
                person_id=people[key].id,
                status_since=date(2025, 9, 1),
                enrolled_on=date(2025, 9, 1),
                journal_count_visible=key == "p1",
            )
        s.add_all(enrolments.values())
        pool = FacilitatorPool(municipality_id=town.id, code="EA", name="Endringsagenter", kind="change_agent")
        s.add(pool)
        s.flush()
        facilitators = {key: Facilitator(pool_id=pool.id, person_id=people[key].id) for key in ("c1", "c2")}
        s.add_all(facilitators.values())
        s.flush()
        s.add(
            FacilitatorAssignment(
                facilitator_id=facilitators["c1"].id,
                kind="leader",
                person_id=people["p1"].id,
                starts_on=date(2025, 10, 1),
                hours=Decimal(6),
            )
        )
        rnd = GroupRound(cohort_id=cohort.id, number=1, name="Runde 1")
        s.add(rnd)
        s.flush()
        group = ReflectionGroup(round_id=rnd.id, name="Eldkvarn", facilitator_id=facilitators["c2"].id)
        s.add(group)
        s.flush()
        s.execute(
            group_member.insert(),
            [{"group_id": group.id, "enrolment_id": enrolments[key].id} for key in ("p1", "p2")],
        )
        person = {key: p.id for key, p in people.items()}
        cohort_id, group_id = cohort.id, group.id
    profile, recovery = {}, {}
    for key in PASS:
        role = Role.PARTICIPANT if key.startswith("p") else Role.FACILITATOR
        created = profiles.create_profile(db, person[key], role, PASS[key], kdf=FAST)
        profile[key], recovery[key] = created.profile.id, created.recovery_key
    return World(person, profile, recovery, cohort_id, group_id)


_FILE_TEMPLATE: list[tuple] = []
_BUILT: dict[bool, World] = {}


def world_fixture_factory():
    """Fixtures ``db_target`` (a private database holding the world, on the test's engine: ``db`` and ``db_target``
    of tests/core/conftest.py then use it) and ``world`` (its ids and keys), and for the tests about the SQLite file
    itself ``file_db`` and ``file_world`` (a copy of a world file, SQLite only). The world is built once per test
    run and engine, since migrating a new database costs a second or more."""
    import shutil

    import pytest

    from tillitsleder.storage import open_database

    def file_template(tmp_path_factory):
        if not _FILE_TEMPLATE:  # once per test run, shared by every module that uses the world
            path = tmp_path_factory.mktemp("journal-world") / "world.sqlite3"
            database = open_database(path)
            built = build_world(database)
            database.close()  # checkpoints: the file alone holds everything
            _FILE_TEMPLATE.append((path, built))
        return _FILE_TEMPLATE[0]

    def build(target: str) -> None:
        database = open_database(target)
        try:
            _BUILT["://" in target] = build_world(database)
        finally:
            database.close()

    @pytest.fixture(name="db_target")
    def world_target(database_copy) -> str:
        return database_copy("journal-world", build)

    @pytest.fixture
    def world(db_target) -> World:
        return _BUILT["://" in db_target]

    @pytest.fixture
    def file_db(tmp_path_factory, tmp_path):
        path = tmp_path / "journal.sqlite3"
        shutil.copyfile(file_template(tmp_path_factory)[0], path)
        database = open_database(path)
        yield database
        database.close()

    @pytest.fixture
    def file_world(tmp_path_factory) -> World:
        return file_template(tmp_path_factory)[1]

    return world_target, world, file_db, file_world
