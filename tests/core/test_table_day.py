"""Table day: seating a cohort or chosen units at named tables, storing it, and the printed table lists."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest
from engine_data import built
from roster_testdata import build_world
from sqlalchemy import func, select

from tillitsleder import model as m
from tillitsleder.access import Actor
from tillitsleder.errors import Forbidden, NotFound, ValidationError
from tillitsleder.table_day import plans as td
from tillitsleder.table_day.table_lists import write_table_lists


@pytest.fixture
def _template(database_copy):
    return built(database_copy, "roster-world", build_world)


@pytest.fixture
def db_target(_template) -> str:
    return _template[0]


@pytest.fixture
def world_db(db, _template):
    """The roster world on the test's engine, and its ids."""
    return db, _template[1]


def _request(world, **changes) -> td.TableDayRequest:
    base = dict(
        name="Chefsdagen", table_size=6, held_on=date(2027, 3, 11), cohort_id=world.cohort_id,
        table_names=("Eldkvarn", "Strykjärnet", "Holmentornet"), leader_pool_id=world.pool_id,
    )  # fmt: skip
    base.update(changes)
    return td.TableDayRequest(**base)


def test_a_cohort_is_seated_mixed_with_named_tables_and_leaders(world_db) -> None:
    db, world = world_db
    view = td.propose_table_day(db, _request(world))
    assert view.people == 40 and len(view.tables) == 7
    assert [t.name for t in view.tables][:4] == ["Eldkvarn", "Strykjärnet", "Holmentornet", "Table 4"]
    assert sorted(len(t.members) for t in view.tables) == [5, 5, 6, 6, 6, 6, 6]
    assert view.same_unit_pairs == 0  # eight units of five, seven tables
    assert view.without_leader == ("Table 7",)  # six facilitators for seven tables
    for table in view.tables:
        if table.leader is not None:
            assert table.leader.unit_id not in {p.unit_id for p in table.members}
    assert td.propose_table_day(db, _request(world)) == view
    with db.read() as s:
        assert s.scalar(select(func.count(m.TableDay.id))) == 0  # a proposal writes nothing


def test_saved_seating_reads_back_and_can_be_deleted(world_db) -> None:
    db, world = world_db
    view = td.propose_table_day(db, _request(world))
    day_id = td.save_table_day(db, view)
    back = td.get_table_day(db, day_id)
    assert [t.name for t in back.tables] == [t.name for t in view.tables]
    assert [sorted(p.person_id for p in t.members) for t in back.tables] == [
        sorted(p.person_id for p in t.members) for t in view.tables
    ]
    assert [o.label for o in td.table_day_options(db)] == ["Chefsdagen"]
    where = back.where_do_i_sit()
    assert len(where) == 46 and sum(1 for _p, _t, leads in where if leads) == 6
    td.delete_table_day(db, day_id)
    with db.read() as s:
        assert s.scalar(select(func.count(m.DaySeat.id))) == 0


def test_people_of_chosen_units_and_explicit_leaders(world_db) -> None:
    db, world = world_db
    leader = world.participant_ids[0]  # a leader who would otherwise be a guest
    request = _request(
        world, cohort_id=None, unit_ids=tuple(world.unit_ids[:2]), table_names=(), leader_pool_id=None,
        leader_person_ids=(leader,),
    )  # fmt: skip
    view = td.propose_table_day(db, request)
    seated = [p.person_id for t in view.tables for p in t.members]
    assert leader not in seated and len(seated) == len(set(seated))
    assert [t.name for t in view.tables] == ["Table 1", "Table 2"]
    assert view.tables[0].leader.person_id == leader


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": " "}, "Give the table day a name."),
        ({"table_size": 1}, "A table seats from 2 to 30 people."),
        ({"cohort_id": None}, "Choose a cohort or one or more units"),
        ({"table_names": ("A", "a")}, "Two tables have the same name."),
        ({"cohort_id": None, "unit_ids": (9999,)}, "There is nobody to seat."),
    ],
)
def test_bad_requests_are_refused(world_db, changes, message) -> None:
    db, world = world_db
    with pytest.raises(ValidationError, match=message):
        td.propose_table_day(db, _request(world, **changes))


def test_only_the_coordinator_seats_people(world_db) -> None:
    db, world = world_db
    with pytest.raises(Forbidden):
        td.propose_table_day(db, _request(world), actor=Actor.participant(world.participant_ids[0]))


def test_table_lists_pdf_has_every_name(world_db, tmp_path) -> None:
    db, world = world_db
    view = td.get_table_day(db, td.save_table_day(db, td.propose_table_day(db, _request(world))))
    target = tmp_path / "bord.pdf"
    write_table_lists(view, target)
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, check=True, text=True).stdout
    names = [p.name for t in view.tables for p in t.members] + [t.leader.name for t in view.tables if t.leader]
    assert len(names) == 46 and all(text.count(name) >= 2 for name in names)  # table section + "where do I sit"
    assert "Where do I sit?" in text and "Eldkvarn" in text and "Table leader: No table leader yet" in text
    assert not list(tmp_path.glob("*.part"))


def test_where_do_i_sit_is_alphabetical_with_nordic_letters_last() -> None:
    names = ["Ole Øberg", "Anna Zorn", "Máret Ánde", "Čeavrris Aas", "Øystein Løvås", "Åse Ås"]
    assert sorted(names, key=td.name_key) == [
        "Čeavrris Aas", "Máret Ánde", "Øystein Løvås", "Anna Zorn", "Ole Øberg", "Åse Ås",
    ]  # fmt: skip


def test_a_number_of_tables_sets_the_seats_and_a_seed_other_tablemates(world_db) -> None:
    db, world = world_db
    view = td.propose_table_day(db, _request(world, table_size=td.MAX_TABLE_SIZE, table_count=5, leader_pool_id=None))
    assert len(view.tables) == 5 and view.table_size == 8 and view.same_unit_pairs == 0
    other = td.propose_table_day(
        db, _request(world, table_size=td.MAX_TABLE_SIZE, table_count=5, leader_pool_id=None, seed=3)
    )
    assert other.same_unit_pairs == 0 and {t.members for t in other.tables} != {t.members for t in view.tables}
    with pytest.raises(ValidationError, match="40 people cannot fill 21 tables with at least two at each."):
        td.propose_table_day(db, _request(world, table_count=21, leader_pool_id=None))
    with pytest.raises(ValidationError, match="2 tables would seat 20 at a table; a table seats at most 6."):
        td.propose_table_day(db, _request(world, table_count=2, leader_pool_id=None))


def test_saved_days_are_found_by_id_or_name_and_summarised(world_db) -> None:
    db, world = world_db
    first = td.save_table_day(db, td.propose_table_day(db, _request(world, name="Årsmøtet")))
    second = td.save_table_day(db, td.propose_table_day(db, _request(world, table_size=8)))
    assert [(d.id, d.name, d.tables, d.people) for d in td.table_day_summaries(db)] == [
        (second, "Chefsdagen", 5, 40), (first, "Årsmøtet", 7, 40),
    ]  # fmt: skip
    assert td.find_table_day(db, "ÅRSMØTET").id == first and td.find_table_day(db, str(second)).id == second
    with pytest.raises(NotFound, match="There is no table day “Julbord”."):
        td.find_table_day(db, "Julbord")
