"""Text being written is never lost when the server goes away: a journal draft kept sealed on this PC.

On PostgreSQL the server refuses and ends every session: the draft's save fails with ``ConnectionLost`` (one
sentence, no SQL), the draft is kept in the local data folder sealed with the writer's key (no plaintext on
disk, nobody else's key opens it), and once the server is back it is saved as an ordinary draft and the file is
gone. The sealing and the later save are the same on SQLite.
"""

from __future__ import annotations

from datetime import date

import pytest
import server_outage
from journal_testdata import build_world

from tillitsleder.errors import ConnectionLost
from tillitsleder.journal import entries as journal
from tillitsleder.journal import held_drafts
from tillitsleder.journal.entries import EntryDraft
from tillitsleder.storage import held_text

DAY = date(2026, 4, 7)
SECRET = "Jeg er redd for å miste teamet mitt"


@pytest.fixture
def world(db):
    return build_world(db)


def test_a_held_draft_is_sealed_private_and_saved_later(db, world, tmp_path) -> None:
    folder = tmp_path / "unsaved"
    kari, ola = world.unlock(db, "p1"), world.unlock(db, "p2")
    path = held_drafts.hold_draft(db, kari, "session-1", EntryDraft(DAY, SECRET), folder=folder)
    raw = path.read_bytes()
    assert SECRET.encode() not in raw and b"redd" not in raw
    assert path.stat().st_mode & 0o077 == 0 and folder.stat().st_mode & 0o077 == 0
    assert held_drafts.held_drafts(db, ola, folder=folder) == []  # another profile's key does not open it
    (held,) = held_drafts.held_drafts(db, kari, folder=folder)
    assert (held.token, held.draft.text) == ("session-1", SECRET)
    held_drafts.hold_draft(db, kari, "session-1", EntryDraft(DAY, SECRET + " – og mer"), folder=folder)
    assert len(held_text.blobs(folder)) == 1  # the same writing session replaces its file
    saved = held_drafts.save_held_drafts(db, kari, folder=folder)
    assert list(saved) == ["session-1"]
    assert [d.draft.text for d in journal.list_drafts(db, kari)] == [SECRET + " – og mer"]
    assert held_text.blobs(folder) == []


def test_a_draft_survives_the_server_going_away(db, world, engine_name, tmp_path) -> None:
    if engine_name != "postgresql":
        pytest.skip("a server that goes away")
    folder = tmp_path / "unsaved"
    kari = world.unlock(db, "p1")
    draft_id = journal.save_draft(db, kari, EntryDraft(DAY, "Første linje"))
    server_outage.refuse(db.url)
    try:
        with pytest.raises(ConnectionLost) as lost:
            journal.save_draft(db, kari, EntryDraft(DAY, SECRET), draft_id=draft_id)
        assert "SELECT" not in str(lost.value) and "lost" in str(lost.value)
        held_drafts.hold_draft(db, kari, "s", EntryDraft(DAY, SECRET), draft_id=draft_id, folder=folder)
        with pytest.raises(ConnectionLost):
            db.ping()
        with pytest.raises(ConnectionLost):
            held_drafts.save_held_drafts(db, kari, folder=folder)
        assert len(held_text.blobs(folder)) == 1  # still kept
    finally:
        server_outage.allow(db.url)
    db.ping()
    assert held_drafts.save_held_drafts(db, kari, folder=folder) == {"s": draft_id}
    assert [d.draft.text for d in journal.list_drafts(db, kari)] == [SECRET]
    assert held_text.blobs(folder) == []


def test_meeting_notes_kept_on_this_pc_open_only_for_their_writer_and_are_saved_later(db, world, tmp_path) -> None:
    from tillitsleder.access import COORDINATOR
    from tillitsleder.group_notes import held_notes
    from tillitsleder.group_notes.meeting_edits import ActionDraft, MeetingDraft, StepDraft
    from tillitsleder.group_notes.meetings import load_meeting

    folder = tmp_path / "unsaved"
    coach = world.unlock(db, "c2").actor  # leads "Eldkvarn"
    notes = tuple(StepDraft(step, content=f"{SECRET} ({step.value})") for step in _steps())
    draft = MeetingDraft(DAY, (), None, notes=notes, actions=(ActionDraft("Snakke med HR", due_on=DAY),))
    path = held_notes.hold_meeting(db, coach, world.group_id, None, draft, folder=folder)
    assert SECRET.encode() not in path.read_bytes() and b"HR" not in path.read_bytes()
    assert (folder / held_text.INSTALL_KEY_NAME).stat().st_mode & 0o077 == 0
    assert held_notes.held_meetings(db, COORDINATOR, folder=folder) == []  # bound to its writer
    kept = held_notes.held_meeting(db, coach, world.group_id, None, folder=folder)
    assert kept is not None and kept.draft == draft
    (meeting_id,) = held_notes.save_held_meetings(db, coach, folder=folder)
    assert held_text.blobs(folder) == []
    view = load_meeting(db, coach, meeting_id)
    assert [note.content for note in view.notes if note.content] == [n.content for n in notes]


def _steps():
    from tillitsleder.model.enums import DialogueStep

    return list(DialogueStep)
