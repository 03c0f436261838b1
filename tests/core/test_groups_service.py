"""Reflection groups in the database: propose, save a round, browse, move people, late joiners, withdrawals."""

from __future__ import annotations

import json
from datetime import date

import pytest
from engine_data import built
from groups_testdata import build_cohort
from sqlalchemy import func, select

from tillitsleder.access import Actor
from tillitsleder.enrolment.cohorts import change_status
from tillitsleder.errors import Forbidden, NotFound, ValidationError
from tillitsleder.groups import rounds as groups
from tillitsleder.groups.scoring import SizeRange
from tillitsleder.model import (
    AuditEvent,
    Cohort,
    Enrolment,
    GroupRound,
    Person,
    Programme,
    ReflectionGroup,
)
from tillitsleder.model.groups import group_member
from tillitsleder.storage import Database


def _fill_template(database: Database):
    made = build_cohort(database)
    return made


@pytest.fixture
def template(database_copy) -> tuple[str, dict]:
    return built(database_copy, __name__ + "-template", _fill_template)


@pytest.fixture
def db_target(template) -> str:
    return template[0]


@pytest.fixture
def cohort(template) -> dict:
    return template[1]


def test_propose_spreads_units_and_explains_each_group(db, cohort) -> None:
    board = groups.propose_board(db, cohort["cohort"], SizeRange(4, 4), seed=7)
    assert board.cohort_name == "Kull 1" and board.round_id is None
    assert [len(g.members) for g in board.groups] == [4, 4, 4, 4]
    assert sorted(m for g in board.groups for m in g.members) == cohort["enrolments"]
    assert board.warnings() == []
    assert all(score.same_unit_pairs == 0 for score in board.scores())
    assert [g.name for g in board.groups] == ["Group 1", "Group 2", "Group 3", "Group 4"]
    # Members are listed by last name inside a group.
    names = [board.people[m].name for m in board.groups[0].members]
    assert names == sorted(names, key=lambda n: n.split()[1])
    assert groups.propose_board(db, cohort["cohort"], SizeRange(4, 4), seed=7).groups == board.groups


def test_save_round_stores_groups_in_one_go_and_the_next_proposal_avoids_its_pairs(db, cohort) -> None:
    board = groups.propose_board(db, cohort["cohort"], SizeRange(4, 4), seed=1)
    saved = groups.save_round(db, board)
    assert (saved.number, saved.name, saved.groups, saved.members) == (1, "Round 1", 4, 16)
    assert groups.list_rounds(db, cohort["cohort"]) == [saved]
    with db.read() as s:
        round_ = s.get(GroupRound, saved.id)
        assert (round_.min_size, round_.max_size, round_.seed) == (4, 4, 1)
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "group_round.created")).one()
        assert json.loads(event.detail) == {"cohort_id": cohort["cohort"], "groups": 4}
    loaded = groups.load_round(db, saved.id)
    assert [(g.name, g.members) for g in loaded.groups] == [(g.name, g.members) for g in board.groups]
    assert loaded.previous == {} and loaded.unplaced == []
    second = groups.propose_board(db, cohort["cohort"], SizeRange(4, 4), seed=2)
    assert second.previous  # the first round's pairs count now
    assert sum(s.repeated_pairs for s in second.scores()) <= 4
    named = groups.save_round(db, second, "  Runde   to ")
    assert (named.number, named.name) == (2, "Runde to")
    assert [r.number for r in groups.list_rounds(db, cohort["cohort"])] == [2, 1]
    assert groups.load_round(db, named.id).previous == second.previous


def test_saving_a_bad_board_writes_nothing(db, cohort) -> None:
    board = groups.propose_board(db, cohort["cohort"], SizeRange(4, 4))
    twice = board.copy()
    twice.groups[1].members.append(twice.groups[0].members[0])
    same_name = board.copy()
    same_name.groups[1].name = " group 1"
    blank = board.copy()
    blank.groups[2].name = "  "
    for bad, message in ((twice, "is in more than one group"), (same_name, "Two groups are called"),
                         (blank, "Every group needs a name")):  # fmt: skip
        with pytest.raises(ValidationError, match=message):
            groups.save_round(db, bad)
    stranger = board.copy()
    stranger.groups[0].members.append(99_999)
    with pytest.raises(ValidationError, match="no longer takes part"):
        groups.save_round(db, stranger)
    groups.save_round(db, board, "Vår")
    with pytest.raises(ValidationError, match="already has a round called “Vår”"):
        groups.save_round(db, board, "Vår")
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(GroupRound)) == 1
        assert s.scalar(select(func.count()).select_from(ReflectionGroup)) == 4
        assert s.scalar(select(func.count()).select_from(group_member)) == 16


def test_only_the_coordinator_composes_groups(db, cohort) -> None:
    facilitator = Actor.facilitator(1)
    with pytest.raises(Forbidden):
        groups.propose_board(db, cohort["cohort"], SizeRange(4, 4), actor=facilitator)
    board = groups.propose_board(db, cohort["cohort"], SizeRange(4, 4))
    with pytest.raises(Forbidden):
        groups.save_round(db, board, actor=Actor.participant(1))
    saved = groups.save_round(db, board)
    with pytest.raises(Forbidden):
        groups.move_member(db, board.groups[0].members[0], board.groups[1].id or 1, actor=facilitator)
    with pytest.raises(Forbidden):
        groups.list_rounds(db, cohort["cohort"], actor=facilitator)
    assert groups.load_round(db, saved.id).round_number == 1


def test_move_member_in_a_saved_round_is_validated(db, cohort) -> None:
    saved = groups.save_round(db, groups.propose_board(db, cohort["cohort"], SizeRange(4, 4)))
    board = groups.load_round(db, saved.id)
    mover = board.groups[0].members[0]
    target = board.groups[1]
    groups.move_member(db, mover, target.id)
    after = groups.load_round(db, saved.id)
    assert mover not in after.groups[0].members and mover in after.groups[1].members
    assert [len(g.members) for g in after.groups] == [3, 5, 4, 4]
    texts = [w.text for w in after.warnings()]
    assert "Group 1: 3 people, wanted 4." in texts and "Group 2: 5 people, wanted 4." in texts
    groups.move_member(db, mover, target.id)  # already there: nothing changes
    assert groups.load_round(db, saved.id).groups == after.groups
    with pytest.raises(NotFound):
        groups.move_member(db, mover, 99_999)
    other = build_cohort_in_same_db(db)
    with pytest.raises(ValidationError, match="not in this group's cohort"):
        groups.move_member(db, other, target.id)


def build_cohort_in_same_db(db) -> int:
    with db.session() as s:
        programme_id = s.scalar(select(Programme.id))
        cohort = Cohort(programme_id=programme_id, name="Kull annen", start_date=date(2026, 1, 1))
        s.add(cohort)
        s.flush()
        person = Person(first_name="Kåre", last_name="Vågen")
        s.add(person)
        s.flush()
        enrolment = Enrolment(cohort_id=cohort.id, person_id=person.id, status_since=date(2026, 1, 1),
                              enrolled_on=date(2026, 1, 1))  # fmt: skip
        s.add(enrolment)
        s.flush()
        return enrolment.id


def test_a_late_joiner_is_suggested_the_best_group_and_added(db) -> None:
    made = build_cohort(db, people=10, withdrawn=1, tag="sent")  # nine take part, three from the late joiner's unit
    late = made["enrolments"][-1]
    saved = groups.save_round(db, groups.propose_board(db, made["cohort"], SizeRange(3, 3)))
    board = groups.load_round(db, saved.id)
    assert [len(g.members) for g in board.groups] == [3, 3, 3]
    assert late not in board.people  # withdrawn, so not offered
    change_status(db, late, "active", date(2025, 3, 1))
    board = groups.load_round(db, saved.id)
    assert board.unplaced == [late]
    ranked = groups.suggest_for_late_joiner(db, saved.id, late)
    assert len(ranked) == 3
    late_unit = board.people[late].unit_id
    best_group = next(g for g in board.groups if g.id == ranked[0].group_id)
    assert all(board.people[m].unit_id != late_unit for m in best_group.members)
    assert ranked[0].reason.startswith("nobody from the same unit")
    chosen = groups.add_late_joiner(db, saved.id, late)
    assert chosen == ranked[0]
    after = groups.load_round(db, saved.id)
    assert late in next(g for g in after.groups if g.id == chosen.group_id).members and after.unplaced == []
    with pytest.raises(ValidationError, match="in no group of this round"):
        groups.suggest_for_late_joiner(db, saved.id, late)


def test_withdrawals_say_which_group_is_too_small_and_how_to_mend_it(db, cohort) -> None:
    saved = groups.save_round(db, groups.propose_board(db, cohort["cohort"], SizeRange(3, 5)))
    board = groups.load_round(db, saved.id)
    assert groups.check_withdrawals(db, saved.id) == groups.WithdrawalAdvice([], [], [])
    first = board.groups[0]
    leaving = first.members[:2]
    for enrolment_id in leaving:
        change_status(db, enrolment_id, "withdrawn", date(2025, 5, 1))
    advice = groups.check_withdrawals(db, saved.id)
    assert sorted(advice.withdrawn) == sorted(board.people[m].name for m in leaving)
    assert advice.too_small == [first.name]
    assert len(advice.moves) == 1 and advice.moves[0].endswith(f"to {first.name}.")
    after = groups.load_round(db, saved.id)
    assert sorted(after.left) == sorted(leaving)
    texts = [w.text for w in after.warnings()]
    assert all(f"{first.name}: {board.people[m].name} no longer takes part." in texts for m in leaving)
    shown = after.withdrawal_advice()
    assert shown[0] == f"{first.name} becomes too small without those who left."
    assert shown[1] == "Suggestion: m" + advice.moves[0][1:]


def test_an_empty_cohort_has_nothing_to_propose(db) -> None:
    made = build_cohort(db, people=2, withdrawn=2, tag="tom")
    with pytest.raises(ValidationError, match="No one in this cohort takes part"):
        groups.propose_board(db, made["cohort"], SizeRange(4, 4))
    with pytest.raises(NotFound):
        groups.propose_board(db, 12345, SizeRange(4, 4))
    with pytest.raises(NotFound):
        groups.load_round(db, 12345)
