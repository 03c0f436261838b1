"""Damage stays local: one changed byte of one entry in the database file leaves the rest of the journal readable,
searchable and exportable (and the coach's view too), and the entry comes back from a backup."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from journal_testdata import world_fixture_factory
from sqlalchemy import select

from tillitsleder import crypto as jc
from tillitsleder.journal import entries as journal
from tillitsleder.journal import restore
from tillitsleder.journal.entries import EntryDraft
from tillitsleder.journal.export import export_journal
from tillitsleder.journal.search import search_journal
from tillitsleder.journal.shared_with_me import shared_with_me
from tillitsleder.model import JournalEntry
from tillitsleder.model.enums import JournalSharing
from tillitsleder.storage import open_database
from tillitsleder.storage.backup import backup_database

db_target, world, file_db, file_world = world_fixture_factory()  # the world, on the test's engine

FIRST = date(2026, 1, 5)
DAMAGED = 3  # the index of the entry whose byte is flipped (shared with the coach)


def write_seven(db, world) -> list[int]:
    me = world.unlock(db, "p1")
    ids = []
    for n in range(7):
        share = JournalSharing.COACH if n in (DAMAGED, 5) else JournalSharing.PRIVATE
        text = f"Felles refleksjon nummer {n}: unikord{n} om tillit"
        ids.append(journal.create_entry(db, me, EntryDraft(FIRST + timedelta(days=n), text, sharing=share)).id)
    return ids


def content_of(db, entry_id: int) -> bytes:
    with db.read() as s:
        return s.scalar(select(JournalEntry.content).where(JournalEntry.id == entry_id))


def flip_in_file(db, blob: bytes) -> object:
    """Close ``db``, flip one byte in the middle of ``blob`` where the file holds it, and reopen the file."""
    path: Path = db.path
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(path.read_bytes())
    at = data.find(blob)
    assert at >= 0 and data.count(blob) == 1
    data[at + len(blob) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    return open_database(path)


def backup_of(db, name: str) -> Path:
    return backup_database(db.path, db.path.parent / "backups" / name)


def test_a_server_has_no_backup_files_to_restore_from(db, world) -> None:
    me = world.unlock(db, "p1")
    first = journal.create_entry(db, me, EntryDraft(FIRST, "Før")).id
    assert restore.backup_files(db) == []
    assert restore.restore_entry(db, me, first) == restore.RestoreResult(first, None, 0)


def test_one_damaged_entry_leaves_the_others_readable_searchable_exportable(file_db, file_world, tmp_path) -> None:
    db, world = file_db, file_world  # SQLite only: the file itself
    ids = write_seven(db, world)
    backup = backup_of(db, "journal.manual-20260110T120000Z.sqlite3")
    db = flip_in_file(db, content_of(db, ids[DAMAGED]))
    try:
        me = world.unlock(db, "p1")  # a fresh unlock: nothing cached
        listed = journal.list_entries(db, me)
        assert len(listed) == 7
        damaged = [entry for entry in listed if entry.damaged]
        assert [(e.id, e.written_on, e.text) for e in damaged] == [(ids[DAMAGED], FIRST + timedelta(days=DAMAGED), "")]
        assert all(f"unikord{n}" in e.text for n, e in enumerate(reversed(listed)) if n != DAMAGED)
        with pytest.raises(jc.CiphertextError):  # reading it whole still says what is wrong
            journal.get_entry(db, me, ids[DAMAGED])

        hits = search_journal(db, me, "felles tillit")
        assert sorted(hit.entry_id for hit in hits) == sorted(i for n, i in enumerate(ids) if n != DAMAGED)
        assert search_journal(db, me, f"unikord{DAMAGED}") == []

        exported = export_journal(db, me, tmp_path / "journal.json")
        data = json.loads(exported.path.read_text("utf-8"))
        assert exported.entries == 7 and len(data["entries"]) == 7
        broken = [e for e in data["entries"] if e.get("damaged")]
        assert broken == [
            {"id": ids[DAMAGED], "written_on": (FIRST + timedelta(days=DAMAGED)).isoformat(), "damaged": True}
        ]
        markdown = export_journal(db, me, tmp_path / "journal.md").path.read_text("utf-8")
        assert "unikord0" in markdown and "unikord6" in markdown and "damaged" in markdown
        assert export_journal(db, me, tmp_path / "journal.pdf").path.read_bytes().startswith(b"%PDF")

        coach = shared_with_me(db, world.unlock(db, "c1"))
        assert [(row.entry_id, row.damaged, row.text is None) for row in coach] == [
            (ids[5], False, False),
            (ids[DAMAGED], True, True),
        ]
        assert coach[1].written_on == FIRST + timedelta(days=DAMAGED)

        result = restore.restore_entry(db, me, ids[DAMAGED])
        assert result.backup == backup
        assert not any(entry.damaged for entry in journal.list_entries(db, me))
        assert journal.get_entry(db, me, ids[DAMAGED]).text.endswith(f"unikord{DAMAGED} om tillit")
        assert [hit.entry_id for hit in search_journal(db, me, f"unikord{DAMAGED}")] == [ids[DAMAGED]]
        coach = shared_with_me(db, world.unlock(db, "c1"))
        assert [row.damaged for row in coach] == [False, False] and "unikord3" in (coach[1].text or "")
    finally:
        db.close()


def test_restore_takes_the_newest_backup_holding_an_intact_copy(file_db, file_world) -> None:
    db, world = file_db, file_world  # SQLite only: the file itself
    me = world.unlock(db, "p1")
    first = journal.create_entry(db, me, EntryDraft(FIRST, "Før")).id
    assert restore.restore_entry(db, me, first) == restore.RestoreResult(first, None, 0)  # no backups yet
    old = backup_of(db, "journal.before-0009-20260101T000000Z.sqlite3")  # made before the entry below
    later = journal.create_entry(db, me, EntryDraft(FIRST, "Skrevet etter den første sikkerhetskopien")).id
    newer = backup_of(db, "journal.manual-20260102T000000Z.sqlite3")
    assert restore.backup_files(db) == [newer, old]
    db = flip_in_file(db, content_of(db, later))
    try:
        me = world.unlock(db, "p1")
        assert restore.restore_entry(db, me, later, [old]).backup is None  # the old one does not hold it
        result = restore.restore_entry(db, me, later)
        assert (result.backup, result.checked) == (newer, 2)
        assert journal.get_entry(db, me, later).text == "Skrevet etter den første sikkerhetskopien"
    finally:
        db.close()


def test_a_copy_that_does_not_open_or_belongs_to_another_is_never_restored(file_db, file_world) -> None:
    db, world = file_db, file_world  # SQLite only: the file itself
    kari = world.unlock(db, "p1")
    entry = journal.create_entry(db, kari, EntryDraft(FIRST, "Karis tekst")).id
    backup = backup_of(db, "journal.manual-20260103T000000Z.sqlite3")
    blob = content_of(db, entry)
    data = bytearray(backup.read_bytes())  # the backup's copy is damaged too
    at = data.find(blob)
    data[at + 40] ^= 0x01
    backup.write_bytes(bytes(data))
    (backup.parent / "notes.sqlite3").write_bytes(b"not a database at all")
    db = flip_in_file(db, blob)
    try:
        kari = world.unlock(db, "p1")
        result = restore.restore_entry(db, kari, entry)
        assert result.backup is None and result.checked == 2
        assert journal.list_entries(db, kari)[0].damaged
        from tillitsleder.errors import Forbidden

        with pytest.raises(Forbidden):
            restore.restore_entry(db, world.unlock(db, "p2"), entry)
    finally:
        db.close()


def test_a_damaged_group_summary_shows_as_damaged_and_the_others_read(file_db, file_world) -> None:
    db, world = file_db, file_world  # SQLite only: the file itself
    me = world.unlock(db, "p1")
    group = JournalSharing.GROUP_SUMMARY
    first = journal.create_entry(db, me, EntryDraft(FIRST, "Privat del", sharing=group, summary="Første oppsummering"))
    second = journal.create_entry(db, me, EntryDraft(FIRST, "Mer", sharing=group, summary="Andre oppsummering"))
    with db.read() as s:
        blob = s.scalar(select(JournalEntry.summary).where(JournalEntry.id == first.id))
    db = flip_in_file(db, blob)
    try:
        rows = shared_with_me(db, world.unlock(db, "p2"))  # Ola, in Kari's reflection group
        assert [(row.entry_id, row.damaged, row.summary) for row in sorted(rows, key=lambda r: r.entry_id)] == [
            (first.id, True, None),
            (second.id, False, "Andre oppsummering"),
        ]
        assert [e.damaged for e in journal.list_entries(db, world.unlock(db, "p1"))] == [False, True]
    finally:
        db.close()
