"""Autosaved drafts: sealed, cheap to repeat, recovered after a crash, removed with the save that uses them."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import date

import pytest
from journal_testdata import PASS, world_fixture_factory
from sqlalchemy import func, select

from tillitsleder.errors import Forbidden
from tillitsleder.journal import entries as journal
from tillitsleder.journal.entries import EntryDraft
from tillitsleder.model import JournalDraft
from tillitsleder.model.enums import JournalSharing, PromptTemplate

db_target, world, file_db, file_world = world_fixture_factory()  # the world, on the test's engine

DAY = date(2026, 4, 7)


def drafts_in_file(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count(JournalDraft.id)))


def test_a_draft_round_trips_and_an_unchanged_one_is_not_written_again(db, world) -> None:
    me = world.unlock(db, "p1")
    draft = EntryDraft(DAY, "Halvferdig", PromptTemplate.THREE_STEP, ("a", "b"), JournalSharing.GROUP_SUMMARY, "Sum")
    draft_id = journal.save_draft(db, me, draft)
    with db.read() as s:
        stamp = s.get(JournalDraft, draft_id).updated_at
    assert journal.save_draft(db, me, draft, draft_id=draft_id) == draft_id
    with db.read() as s:
        assert s.get(JournalDraft, draft_id).updated_at == stamp  # nothing written
    (recovered,) = journal.list_drafts(db, world.unlock(db, "p1"))
    assert (recovered.id, recovered.entry_id, recovered.draft) == (draft_id, None, draft)


def test_saving_the_entry_removes_its_draft_in_the_same_transaction(db, world) -> None:
    me = world.unlock(db, "p1")
    draft_id = journal.save_draft(db, me, EntryDraft(DAY, "Første utkast"))
    entry = journal.create_entry(db, me, EntryDraft(DAY, "Ferdig"), draft_id=draft_id)
    assert drafts_in_file(db) == 0
    edit_id = journal.save_draft(db, me, EntryDraft(DAY, "Endring"), entry_id=entry.id)
    assert journal.list_drafts(db, me)[0].entry_id == entry.id
    journal.update_entry(db, me, entry.id, EntryDraft(DAY, "Endret"), draft_id=edit_id)
    assert drafts_in_file(db) == 0
    journal.discard_draft(db, me, journal.save_draft(db, me, EntryDraft(DAY, "Vekk")))
    assert drafts_in_file(db) == 0


def test_drafts_belong_to_their_author(db, world) -> None:
    kari, ola = world.unlock(db, "p1"), world.unlock(db, "p2")
    draft_id = journal.save_draft(db, kari, EntryDraft(DAY, "Karis kladd"))
    assert journal.list_drafts(db, ola) == []
    assert journal.save_draft(db, ola, EntryDraft(DAY, "Overskriver"), draft_id=draft_id) != draft_id
    assert [d.draft.text for d in journal.list_drafts(db, kari)] == ["Karis kladd"]
    entry = journal.create_entry(db, kari, EntryDraft(DAY, "Karis"))
    with pytest.raises(Forbidden):
        journal.save_draft(db, ola, EntryDraft(DAY, "x"), entry_id=entry.id)
    with pytest.raises(Forbidden):
        journal.save_draft(db, world.unlock(db, "c1"), EntryDraft(DAY, "coach"))


def test_a_killed_writer_loses_at_most_the_last_unsaved_second(db, db_target, world) -> None:
    """A process autosaves every keystroke batch and is killed with SIGKILL; the last draft it saved is back."""
    script = textwrap.dedent(
        f"""
        import os, signal
        from datetime import date
        from tillitsleder.journal import entries as journal
        from tillitsleder import profiles
        from tillitsleder.journal.entries import EntryDraft
        from tillitsleder.storage import open_database
        db = open_database({db_target!r}, create=False)
        me = profiles.unlock(db, {world.profile["p2"]}, {PASS["p2"]!r})
        draft_id = None
        text = ""
        for word in "jeg skriver og skriver til strømmen går".split():
            text += word + " "
            draft_id = journal.save_draft(db, me, EntryDraft(date(2026, 4, 7), text), draft_id=draft_id)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], env=os.environ.copy(), timeout=60)
    assert result.returncode == -9
    (recovered,) = journal.list_drafts(db, world.unlock(db, "p2"))
    assert recovered.draft.text == "jeg skriver og skriver til strømmen går "
