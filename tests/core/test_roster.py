"""Facilitator pools, the roster for a semester, the workload view, the facilitator calendar and the CLI."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from engine_data import built
from icalendar import Calendar
from roster_testdata import FIRST_MEETING, build_world
from sqlalchemy import func, select

from tillitsleder import model as m
from tillitsleder.access import Actor
from tillitsleder.cli import main
from tillitsleder.errors import Forbidden, NotFound, ValidationError
from tillitsleder.facilitators import pools, roster, workload
from tillitsleder.facilitators.calendar_file import facilitator_calendar
from tillitsleder.facilitators.rota import FlagKind, TaskKind
from tillitsleder.model.enums import AssignmentKind


@pytest.fixture
def _world_template(database_copy):
    return built(database_copy, "roster-world", build_world)


@pytest.fixture
def db_target(_world_template) -> str:
    """A private copy of the roster world, on the test's engine (``db`` opens it)."""
    return _world_template[0]


@pytest.fixture
def world(db, _world_template):
    return _world_template[1]


def test_pools_are_created_edited_and_codes_stay_unique(db, world) -> None:
    pool_id = pools.save_pool(db, pools.PoolData(" F7 ", "Innovation agents", "innovation"))
    pools.save_pool(db, pools.PoolData("F7", "De fantastiske 7", "innovation", "Spread solutions"), pool_id)
    assert [(p.code, p.name, p.members) for p in pools.list_pools(db)] == [
        ("F16", "Lean facilitators", 6),
        ("F7", "De fantastiske 7", 0),
    ]
    assert pools.find_pool(db, "f7").id == pool_id
    with pytest.raises(ValidationError, match="already a pool"):
        pools.save_pool(db, pools.PoolData("f16", "Copy", "lean"))
    with pytest.raises(ValidationError):
        pools.save_pool(db, pools.PoolData("X", "  ", "lean"))
    with pytest.raises(NotFound):
        pools.find_pool(db, "F99")
    with pytest.raises(Forbidden):
        pools.save_pool(db, pools.PoolData("F8", "x", "lean"), actor=Actor.facilitator(1))


def test_facilitator_capacity_skills_and_unavailable_dates(db, world) -> None:
    fid = world.facilitator_ids[1]
    pools.update_facilitator(db, fid, skills="Lean, A3", capacity="10,5", active=True)
    away = pools.add_unavailability(db, fid, date(2026, 10, 1), date(2026, 10, 14), "Kurs")
    view = next(f for f in pools.list_facilitators(db, world.pool_id) if f.id == fid)
    assert (view.skills, view.capacity, view.unit) == ("Lean, A3", Decimal("10.50"), "Enhet B")
    assert [(u.first_day, u.reason) for u in view.unavailable] == [(date(2026, 10, 1), "Kurs")]
    with pytest.raises(ValidationError, match="hours per month"):
        pools.update_facilitator(db, fid, skills="", capacity="-1")
    with pytest.raises(ValidationError, match="before the first day"):
        pools.add_unavailability(db, fid, date(2026, 10, 2), date(2026, 10, 1))
    pools.remove_unavailability(db, away)
    assert next(f for f in pools.list_facilitators(db, world.pool_id) if f.id == fid).unavailable == ()
    person = world.participant_ids[0]
    new = pools.add_facilitator(db, world.pool_id, person, skills="Dialog", capacity=4)
    assert person not in {o.id for o in pools.person_options(db, world.pool_id)}
    with pytest.raises(ValidationError, match="already in the pool"):
        pools.add_facilitator(db, world.pool_id, person)
    leader = pools.assign(db, new, AssignmentKind.LEADER, world.participant_ids[1], date(2026, 9, 1), None, 6)
    group = pools.assign(db, new, AssignmentKind.GROUP, world.group_ids[0], date(2026, 9, 1), date(2026, 12, 1), 12)
    listed = pools.list_assignments(db, new)
    assert [(a.kind, a.target, a.hours) for a in listed] == [
        (AssignmentKind.GROUP, "Grupp 1", Decimal(12)),
        (AssignmentKind.LEADER, "Ledare01 Åström01", Decimal(6)),
    ]
    with pytest.raises(ValidationError, match="before the first day"):
        pools.assign(db, new, AssignmentKind.SESSION, world.session_ids[0], date(2026, 9, 2), date(2026, 9, 1))
    with pytest.raises(NotFound):
        pools.assign(db, new, AssignmentKind.SESSION, 9999, date(2026, 9, 2))
    pools.remove_assignment(db, leader)
    assert [a.id for a in pools.list_assignments(db, new)] == [group]
    assert [o.label for o in pools.assignment_targets(db, AssignmentKind.GROUP)][0] == "Grupp 1 · Runda 1 · Omgång 1"
    assert len(pools.assignment_targets(db, AssignmentKind.SESSION)) == 4
    assert len(pools.assignment_targets(db, AssignmentKind.LEADER)) == 40


def test_proposal_respects_availability_units_and_capacity(db, world) -> None:
    proposal = roster.propose_roster(db, world.pool_id, 1)
    assert (proposal.first_day, proposal.last_day) == (date(2026, 8, 15), date(2026, 12, 20))
    groups = [a for a in proposal.assignments if a.kind is TaskKind.GROUP]
    sessions = [a for a in proposal.assignments if a.kind is TaskKind.SESSION]
    assert len(groups) == 5 and len(sessions) == 4 and not proposal.unassigned
    away = world.facilitator_ids[0]
    assert all(g.facilitator_id != away for g in groups)  # away on the first meetings' day
    unit_of = {fid: world.unit_ids[i] for i, fid in enumerate(world.facilitator_ids)}
    for index, g in enumerate(groups):
        assert unit_of[g.facilitator_id] not in world.unit_ids[index : index + 2]
        assert g.dates == (FIRST_MEETING, date(2026, 11, 12)) and g.hours == Decimal(15)
    # 3 hours a month for a group plus 6 for a session would break the 8-hour capacity: sessions go to those
    # without a group, alternating between them (balance)
    assert not {s.facilitator_id for s in sessions} & {g.facilitator_id for g in groups}
    assert len({s.facilitator_id for s in sessions}) == 2
    assert proposal.flags == ()
    plan = next(p for p in proposal.facilitators if p.facilitator_id == away)
    assert plan.hours == (Decimal(0), Decimal(6), Decimal(0), Decimal(6), Decimal(0))
    assert all(h <= p.capacity for p in proposal.facilitators for h in p.hours)
    assert roster.propose_roster(db, world.pool_id, 1) == proposal  # deterministic


def test_conflicts_and_over_capacity_are_flagged(db, world) -> None:
    for fid in world.facilitator_ids:
        pools.add_unavailability(db, fid, date(2026, 12, 1), date(2026, 12, 5), "Julbord")
    for fid in world.facilitator_ids:
        pools.update_facilitator(db, fid, skills="", capacity=5)  # no room for a 6-hour session anywhere
    proposal = roster.propose_roster(db, world.pool_id, 1)
    december = next(a for a in proposal.assignments if a.label == "Träff 4")
    assert december.facilitator_id is None
    kinds = [f.kind for f in proposal.flags]
    assert FlagKind.UNAVAILABLE in kinds and FlagKind.OVER_CAPACITY in kinds
    texts = [f.text() for f in proposal.flags]
    assert "Nobody in the pool is free for Träff 4." in texts
    assert any("is over capacity in" in t for t in texts)


def test_saving_writes_assignments_links_and_refuses_a_stale_plan(db, world) -> None:
    proposal = roster.propose_roster(db, world.pool_id, 1)
    with db.read() as s:
        before = s.get(m.Session, world.session_ids[0]).sequence
    assert roster.save_roster(db, proposal) == 9
    with db.read() as s:
        assert s.scalar(select(func.count(m.FacilitatorAssignment.id))) == 9
        first = s.get(m.Session, world.session_ids[0])
        assert first.sequence == before + 1 and [f.id for f in first.facilitators] == [world.facilitator_ids[0]]
        group = s.get(m.ReflectionGroup, world.group_ids[0])
        assert group.facilitator_id is not None
        assert {mt.facilitator_id for mt in group.meetings} == {group.facilitator_id}
    with pytest.raises(ValidationError, match="propose it again"):
        roster.save_roster(db, proposal)
    with db.read() as s:
        assert s.scalar(select(func.count(m.FacilitatorAssignment.id))) == 9  # nothing half-written
    assert roster.propose_roster(db, world.pool_id, 1).assignments == ()


def test_missing_semester_is_a_clear_error(db, world) -> None:
    with pytest.raises(ValidationError, match="no semester 3"):
        roster.propose_roster(db, world.pool_id, 3)


def test_workload_counts_a_session_once_whether_linked_assigned_or_both(db, world) -> None:
    fid, sid = world.facilitator_ids[2], world.session_ids[1]  # 8th October, 4 hours
    with db.session() as s:
        s.execute(m.session_facilitator.insert().values(session_id=sid, facilitator_id=fid))
    october = date(2026, 10, 1), date(2026, 10, 31)

    def hours() -> Decimal:
        view = workload.workload(db, world.pool_id, *october)
        return next(r for r in view.rows if r.facilitator_id == fid).hours[0]

    assert hours() == Decimal(4)  # the link alone: the session's length
    pools.assign(db, fid, AssignmentKind.SESSION, sid, date(2026, 10, 8), date(2026, 10, 8), 6)
    assert hours() == Decimal(6)  # link and assignment: once, with preparation
    pools.assign(db, fid, AssignmentKind.GROUP, world.group_ids[0], date(2026, 10, 1), date(2026, 11, 30), 10)
    assert hours() == Decimal(11)
    view = workload.workload(db, world.pool_id, date(2026, 9, 1), date(2026, 11, 30))
    row = next(r for r in view.rows if r.facilitator_id == fid)
    assert row.hours == (Decimal(0), Decimal(11), Decimal(5)) and row.over(1) and not row.over(2)
    assert view.over_capacity == 1
    with pytest.raises(ValidationError):
        workload.workload(db, world.pool_id, date(2026, 9, 1), date(2026, 8, 1))


def test_facilitator_calendar_has_sessions_and_group_meetings(db, world) -> None:
    roster.save_roster(db, roster.propose_roster(db, world.pool_id, 1))
    with db.read() as s:
        leader = s.get(m.ReflectionGroup, world.group_ids[0]).facilitator_id
    first = Calendar.from_ical(facilitator_calendar(db, leader))
    again = Calendar.from_ical(facilitator_calendar(db, leader))
    uids = [str(e["UID"]) for e in first.walk("VEVENT")]
    assert len(uids) == 2 and all(u.startswith("group-meeting-") for u in uids)
    assert uids == [str(e["UID"]) for e in again.walk("VEVENT")]  # stable
    assert str(first["METHOD"]) == "PUBLISH" and first.walk("VTIMEZONE")
    sessions = Calendar.from_ical(facilitator_calendar(db, world.facilitator_ids[0]))
    assert sorted(str(e["SUMMARY"]) for e in sessions.walk("VEVENT")) == ["Träff 1", "Träff 3"]
    assert all(str(e["UID"]).endswith("@test") for e in sessions.walk("VEVENT"))  # the sessions' own UIDs


@pytest.fixture
def english(monkeypatch) -> None:
    monkeypatch.setenv("TILLITSLEDER_LANG", "en")


def test_cli_roster_propose_prints_loads_and_saves(db, db_target, world, capsys, english) -> None:
    path = db_target
    assert main(["roster", "propose", "--pool", "f16", "--semester", "1", "--cohort", "omgång 1", "--db", path]) == 0
    out = capsys.readouterr().out
    assert "Roster for F16, semester 1" in out and "Fasilitator0 Øberg (Enhet A)" in out
    assert "Load per month:" in out and "9 assignments proposed; add --save to store them." in out
    assert main(["roster", "propose", "--pool", "F16", "--semester", "1", "--save", "--db", path]) == 0
    assert "9 assignments saved." in capsys.readouterr().out
    with db.read() as s:
        assert s.scalar(select(func.count(m.FacilitatorAssignment.id))) == 9


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--pool", "F99", "--semester", "1"], 3, "There is no facilitator pool “F99”."),
        (["--pool", "F16", "--semester", "0"], 2, "Semesters are counted from 1."),
        (["--pool", "F16", "--semester", "7"], 2, "There is no semester 7"),
        (["--pool", "F16", "--semester", "1", "--cohort", "Nope"], 3, "There is no cohort “Nope”."),
    ],
)
def test_cli_roster_mistakes_are_one_sentence(db, db_target, world, capsys, english, args, code, message) -> None:
    assert main(["roster", "propose", *args, "--db", db_target]) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and err.strip().count("\n") == 0
