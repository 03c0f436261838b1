"""The journal's who-sees-what through the services: author, coach, reflection group, other people, coordinator."""

from __future__ import annotations

from datetime import date

import pytest
from journal_testdata import world_fixture_factory
from sqlalchemy import select, update

from tillitsleder import profiles
from tillitsleder.errors import Forbidden, NotFound, ValidationError
from tillitsleder.journal import entries as journal
from tillitsleder.journal.entries import EntryDraft
from tillitsleder.journal.shared_with_me import read_shared_entry, refresh_shares, shared_with_me
from tillitsleder.model import Enrolment, Facilitator, FacilitatorAssignment
from tillitsleder.model.enums import JournalSharing, PromptTemplate

db_target, world, file_db, file_world = world_fixture_factory()  # the world, on the test's engine

DAY = date(2026, 2, 3)


def write(db, world, who: str, text: str, sharing=JournalSharing.PRIVATE, summary: str = "", tags=()):
    me = world.unlock(db, who)
    return journal.create_entry(db, me, EntryDraft(DAY, text, PromptTemplate.FREE, tags, sharing, summary))


def test_the_author_writes_reads_updates_and_deletes(db, world) -> None:
    me = world.unlock(db, "p1")
    draft = EntryDraft(DAY, "Hva lærte jeg?\nÅ lytte.\n", PromptTemplate.LEARN_CHANGE, ("tillit", " Tillit ", "ro"))
    saved = journal.create_entry(db, me, draft)
    assert (saved.text, saved.tags) == ("Hva lærte jeg?\nÅ lytte.", ("tillit", "ro"))
    assert saved.as_draft() == EntryDraft(DAY, saved.text, PromptTemplate.LEARN_CHANGE, ("tillit", "ro"))
    changed = journal.update_entry(db, me, saved.id, EntryDraft(DAY, "Ny tekst", tags=("ny",)))
    assert journal.get_entry(db, world.unlock(db, "p1"), saved.id).text == "Ny tekst" == changed.text
    assert [e.id for e in journal.list_entries(db, me)] == [saved.id]
    journal.delete_entry(db, me, saved.id)
    with pytest.raises(NotFound):
        journal.get_entry(db, me, saved.id)


def test_nobody_else_reads_a_private_entry(db, world) -> None:
    entry = write(db, world, "p1", "Bare mitt")
    for who in ("p2", "p3"):
        with pytest.raises(Forbidden):
            journal.get_entry(db, world.unlock(db, who), entry.id)
        assert journal.list_entries(db, world.unlock(db, who)) == []
    for who in ("c1", "c2"):
        coach = world.unlock(db, who)
        with pytest.raises(Forbidden):
            journal.get_entry(db, coach, entry.id)  # a coach writes no journal
        with pytest.raises(Forbidden):
            read_shared_entry(db, coach, entry.id)
        assert shared_with_me(db, coach) == []
    coordinator = profiles.unlock_coordinator(db)
    for call in (journal.list_entries, lambda d, m: journal.get_entry(d, m, entry.id)):
        with pytest.raises(Forbidden):
            call(db, coordinator)
    with pytest.raises(Forbidden):
        read_shared_entry(db, coordinator, entry.id)


def test_the_coach_reads_a_coach_shared_entry_and_another_coach_cannot(db, world) -> None:
    entry = write(db, world, "p1", "Til coachen min", JournalSharing.COACH, tags=("coaching",))
    shared = read_shared_entry(db, world.unlock(db, "c1"), entry.id)
    assert (shared.text, shared.tags, shared.summary, shared.author_name) == (
        "Til coachen min",
        ("coaching",),
        None,
        "Kari Nordmann",
    )
    assert [s.entry_id for s in shared_with_me(db, world.unlock(db, "c1"))] == [entry.id]
    with pytest.raises(Forbidden):
        read_shared_entry(db, world.unlock(db, "c2"), entry.id)
    assert shared_with_me(db, world.unlock(db, "c2")) == []
    with pytest.raises(Forbidden):
        read_shared_entry(db, world.unlock(db, "p2"), entry.id)


def test_making_an_entry_private_again_withdraws_it_from_the_coach(db, world) -> None:
    me = world.unlock(db, "p1")
    entry = write(db, world, "p1", "Delt en stund", JournalSharing.COACH)
    journal.update_entry(db, me, entry.id, EntryDraft(DAY, "Nå privat"))
    with pytest.raises(Forbidden):
        read_shared_entry(db, world.unlock(db, "c1"), entry.id)


def test_a_coach_whose_assignment_ended_reads_no_more(db, world) -> None:
    entry = write(db, world, "p1", "Delt med Anne", JournalSharing.COACH)
    with db.session() as s:
        s.execute(update(FacilitatorAssignment).values(ends_on=date(2026, 1, 1)))
    with pytest.raises(Forbidden):
        read_shared_entry(db, world.unlock(db, "c1"), entry.id)
    assert shared_with_me(db, world.unlock(db, "c1")) == []


def test_the_group_reads_the_summary_and_never_the_private_text(db, world) -> None:
    entry = write(db, world, "p1", "Privat tekst om gruppa", JournalSharing.GROUP_SUMMARY, "Oppsummert for gruppa")
    for who in ("p2", "c2"):  # a fellow member and the group's facilitator
        (item,) = shared_with_me(db, world.unlock(db, who))
        assert (item.entry_id, item.summary, item.text, item.tags) == (entry.id, "Oppsummert for gruppa", None, ())
    assert shared_with_me(db, world.unlock(db, "p3")) == []  # not in the group
    assert shared_with_me(db, world.unlock(db, "c1")) == []  # Kari's coach, but not the group's
    with pytest.raises(Forbidden):
        journal.get_entry(db, world.unlock(db, "p2"), entry.id)


def test_refresh_shares_grants_a_coach_who_arrives_later(db, world) -> None:
    me = world.unlock(db, "p2")
    entry = write(db, world, "p2", "Til en coach jeg ikke har ennå", JournalSharing.COACH)
    assert shared_with_me(db, world.unlock(db, "c1")) == []
    with db.session() as s:
        anne = s.scalar(select(Facilitator.id).where(Facilitator.person_id == world.person["c1"]))
        s.add(FacilitatorAssignment(facilitator_id=anne, kind="leader", person_id=world.person["p2"], starts_on=DAY))
    assert refresh_shares(db, me) == 1
    assert refresh_shares(db, me) == 0
    assert read_shared_entry(db, world.unlock(db, "c1"), entry.id).text == "Til en coach jeg ikke har ennå"


def test_entries_are_validated(db, world) -> None:
    me = world.unlock(db, "p1")
    with pytest.raises(ValidationError, match="Write something"):
        journal.create_entry(db, me, EntryDraft(DAY, "  \n "))
    with pytest.raises(ValidationError, match="summary"):
        journal.create_entry(db, me, EntryDraft(DAY, "Tekst", sharing=JournalSharing.GROUP_SUMMARY))
    with pytest.raises(ValidationError, match="at most 64"):
        journal.create_entry(db, me, EntryDraft(DAY, "Tekst", tags=("x" * 65,)))
    with pytest.raises(NotFound):
        journal.create_entry(db, me, EntryDraft(DAY, "Tekst", session_id=999))
    assert journal.list_entries(db, me) == []
    private = journal.create_entry(db, me, EntryDraft(DAY, "Tekst", summary="ikke delt"))
    assert private.summary == ""


def test_the_coordinator_gets_a_count_only_where_allowed(db, world) -> None:
    write(db, world, "p1", "En")
    write(db, world, "p1", "To")
    write(db, world, "p2", "Tre")
    assert journal.journal_entry_count(db, world.person["p1"]) == 2  # Kari allows it
    assert journal.journal_entry_count(db, world.person["p2"]) is None
    with db.session() as s:
        s.execute(update(Enrolment).values(journal_count_visible=False))
    assert journal.journal_entry_count(db, world.person["p1"]) is None


def test_prompt_scaffolds_are_translated_headings() -> None:
    assert journal.prompt_scaffold(PromptTemplate.THREE_STEP).startswith("How are we doing now?\n\n")
    assert "What will I do differently?" in journal.prompt_scaffold(PromptTemplate.LEARN_CHANGE)
    assert journal.prompt_scaffold(PromptTemplate.FREE) == ""
