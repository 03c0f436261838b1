"""Commitments: the participant edits their own, their coach reads them, the coordinator sees status only."""

from __future__ import annotations

from datetime import date

import pytest
from journal_testdata import world_fixture_factory

from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.errors import Forbidden, ValidationError
from tillitsleder.journal import commitments as cm
from tillitsleder.model.enums import CommitmentStatus

db_target, world, file_db, file_world = world_fixture_factory()  # the world, on the test's engine


def test_visibility_per_role(db, world) -> None:
    kari = world.unlock(db, "p1")
    made = cm.add_commitment(db, kari, cm.CommitmentDraft(" Tavlemøter hver uke ", date(2025, 10, 2), date(2026, 2, 1)))
    assert made.description == "Tavlemøter hver uke"
    cm.update_commitment(
        db, kari, made.id,
        cm.CommitmentDraft("Tavlemøter hver uke", date(2025, 10, 2), date(2026, 2, 1), CommitmentStatus.DONE, "I gang"),
    )  # fmt: skip
    (own,) = cm.list_commitments(db, kari, world.person["p1"])
    assert (own.status, own.follow_up) == (CommitmentStatus.DONE, "I gang")
    (coach_view,) = cm.list_commitments(db, world.unlock(db, "c1"), world.person["p1"])
    assert coach_view.description == "Tavlemøter hver uke"
    (status_only,) = cm.list_commitments(db, COORDINATOR, world.person["p1"])
    assert (status_only.status, status_only.description, status_only.follow_up) == (CommitmentStatus.DONE, None, None)
    for outsider in (Actor.facilitator(world.person["c2"]), Actor.participant(world.person["p2"])):
        with pytest.raises(Forbidden):
            cm.list_commitments(db, outsider, world.person["p1"])


def test_only_the_owner_changes_a_commitment(db, world) -> None:
    kari, ola = world.unlock(db, "p1"), world.unlock(db, "p2")
    made = cm.add_commitment(db, kari, cm.CommitmentDraft("Delegere mer", date(2025, 10, 2)))
    draft = cm.CommitmentDraft("Endret av andre", date(2025, 10, 2))
    for other in (ola, COORDINATOR, Actor.facilitator(world.person["c1"])):
        with pytest.raises(Forbidden):
            cm.update_commitment(db, other, made.id, draft)
        with pytest.raises(Forbidden):
            cm.delete_commitment(db, other, made.id)
    with pytest.raises(Forbidden):
        cm.add_commitment(db, COORDINATOR, draft)
    cm.delete_commitment(db, kari, made.id)
    assert cm.list_commitments(db, kari, world.person["p1"]) == []


def test_commitments_are_validated(db, world) -> None:
    kari = world.unlock(db, "p1")
    with pytest.raises(ValidationError, match="Describe"):
        cm.add_commitment(db, kari, cm.CommitmentDraft("  ", date(2025, 10, 2)))
    with pytest.raises(ValidationError, match="due date"):
        cm.add_commitment(db, kari, cm.CommitmentDraft("Noe", date(2025, 10, 2), date(2025, 9, 1)))


def test_a_coach_lists_the_leaders_they_coach_and_no_one_else_does(db, world) -> None:
    anne = Actor.facilitator(world.person["c1"])
    assert [option.id for option in cm.coached_people(db, anne)] == [world.person["p1"]]
    assert cm.coached_people(db, Actor.facilitator(world.person["c2"])) == []  # leads a group, coaches no one
    assert cm.coached_people(db, COORDINATOR) == []
    assert cm.coached_people(db, Actor.participant(world.person["p1"])) == []
    assert cm.coached_people(db, anne, today=date(1990, 1, 1)) == []  # before the assignment started
