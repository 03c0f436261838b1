"""Encryption at rest: changed bytes and swapped ciphertexts fail loudly; no plaintext reaches the file, the WAL,
a backup, the logs or a temporary file."""

from __future__ import annotations

import logging
import tempfile
from datetime import date

import pytest
from journal_testdata import FAST, PASS, world_fixture_factory
from sqlalchemy import select, update

from tillitsleder import crypto as jc
from tillitsleder import profiles
from tillitsleder.journal import entries as journal
from tillitsleder.journal import sharing
from tillitsleder.journal.entries import EntryDraft
from tillitsleder.journal.shared_with_me import read_shared_entry, shared_with_me
from tillitsleder.model import JournalDraft, JournalEntry, JournalGrant, Profile
from tillitsleder.model.enums import JournalSharing
from tillitsleder.storage.backup import backup_database

db_target, world, file_db, file_world = world_fixture_factory()  # the world, on the test's engine

DAY = date(2026, 3, 4)
CANARY = "Kanarifugl-Ŋ7f3a-hemmelig"


def flipped(blob: bytes, index: int) -> bytes:
    return blob[:index] + bytes([blob[index] ^ 0x01]) + blob[index + 1 :]


def entry_row(db, entry_id: int) -> JournalEntry:
    with db.read() as s:
        row = s.get(JournalEntry, entry_id)
        s.expunge(row)  # keep the loaded values after the read-only session rolls back
        return row


def test_every_changed_byte_of_an_entry_fails_to_open(db, world) -> None:
    me = world.unlock(db, "p1")
    saved = journal.create_entry(
        db, me, EntryDraft(DAY, "Kort", tags=("t",), sharing=JournalSharing.GROUP_SUMMARY, summary="Sum")
    )
    row = entry_row(db, saved.id)
    blobs = {
        "content": row.content,
        "content_key": row.content_key,
        "summary": row.summary,
        "summary_key": row.summary_key,
    }
    key = me.data_key()
    for name, blob in blobs.items():
        for index in range(len(blob)):
            changed = {**blobs, name: flipped(blob, index)}
            with pytest.raises(jc.CiphertextError):
                sharing.open_own(key, row.id, row.author_id, **changed)
    assert sharing.open_own(key, row.id, row.author_id, **blobs)[1] == "Sum"


@pytest.mark.parametrize("column", ["content", "content_key", "summary", "summary_key"])
def test_a_changed_byte_in_the_database_fails_loudly_through_the_service(db, world, column) -> None:
    me = world.unlock(db, "p1")
    saved = journal.create_entry(db, me, EntryDraft(DAY, "Tekst", sharing=JournalSharing.GROUP_SUMMARY, summary="S"))
    blob = getattr(entry_row(db, saved.id), column)
    with db.session() as s:
        s.execute(
            update(JournalEntry).where(JournalEntry.id == saved.id).values({column: flipped(blob, len(blob) // 2)})
        )
    with pytest.raises(jc.CiphertextError) as raised:
        journal.get_entry(db, world.unlock(db, "p1"), saved.id)
    assert "changed or damaged" in str(raised.value)


def test_changed_grants_drafts_and_profile_keys_fail_loudly(db, world) -> None:
    me = world.unlock(db, "p1")
    shared = journal.create_entry(db, me, EntryDraft(DAY, "Til coachen", sharing=JournalSharing.COACH))
    draft_id = journal.save_draft(db, me, EntryDraft(DAY, "Kladd"))
    with db.session() as s:
        grant = s.scalar(select(JournalGrant).where(JournalGrant.entry_id == shared.id))
        grant.wrapped_key = flipped(grant.wrapped_key, 20)
        draft = s.get(JournalDraft, draft_id)
        draft.content = flipped(draft.content, 5)
    with pytest.raises(jc.CiphertextError):
        read_shared_entry(db, world.unlock(db, "c1"), shared.id)
    with pytest.raises(jc.CiphertextError):
        journal.list_drafts(db, me)
    with db.session() as s:
        profile = s.get(Profile, world.profile["p2"])
        profile.private_key_wrap = flipped(profile.private_key_wrap, 30)
        other = s.get(Profile, world.profile["p3"])
        other.passphrase_wrap = flipped(other.passphrase_wrap, 30)
    with pytest.raises(jc.CiphertextError):
        world.unlock(db, "p2")
    with pytest.raises(profiles.WrongPassphrase):  # a damaged wrap cannot be told from a wrong passphrase
        world.unlock(db, "p3")


def test_ciphertexts_swapped_between_rows_do_not_open(db, world) -> None:
    kari, ola = world.unlock(db, "p1"), world.unlock(db, "p2")
    first = journal.create_entry(db, kari, EntryDraft(DAY, "Karis første", sharing=JournalSharing.COACH))
    second = journal.create_entry(db, kari, EntryDraft(DAY, "Karis andre", sharing=JournalSharing.COACH))
    olas = journal.create_entry(db, ola, EntryDraft(DAY, "Olas"))
    a, b = entry_row(db, first.id), entry_row(db, second.id)
    with db.session() as s:  # the same author's rows
        s.execute(
            update(JournalEntry).where(JournalEntry.id == b.id).values(content=a.content, content_key=a.content_key)
        )
    with pytest.raises(jc.CiphertextError):
        journal.get_entry(db, world.unlock(db, "p1"), second.id)
    with db.session() as s:  # another author's row: Ola's author id moved onto Kari's blobs
        s.execute(
            update(JournalEntry).where(JournalEntry.id == olas.id).values(content=a.content, content_key=a.content_key)
        )
    with pytest.raises(jc.CiphertextError):
        journal.get_entry(db, world.unlock(db, "p2"), olas.id)
    with db.session() as s:  # a grant moved to another entry
        grant = s.scalar(select(JournalGrant).where(JournalGrant.entry_id == first.id))
        other = s.scalar(select(JournalGrant).where(JournalGrant.entry_id == second.id))
        other.wrapped_key, other.ephemeral_key = grant.wrapped_key, grant.ephemeral_key
    with pytest.raises(jc.CiphertextError):
        read_shared_entry(db, world.unlock(db, "c1"), second.id)


def test_nonces_never_repeat() -> None:
    key = jc.random_key()
    nonces = {jc.seal(key, b"same", b"ad")[1 : 1 + jc.NONCE_BYTES] for _ in range(2000)}
    assert len(nonces) == 2000


def test_a_canary_is_in_no_file_backup_log_or_temporary_file(
    file_db, file_world, tmp_path, caplog, monkeypatch
) -> None:
    db, world = file_db, file_world  # SQLite only: the file itself

    def no_temp_files(*args, **kwargs):
        raise AssertionError("a temporary file was made")

    for name in ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile"):
        monkeypatch.setattr(tempfile, name, no_temp_files)
    caplog.set_level(logging.DEBUG)
    me = world.unlock(db, "p1")
    private = journal.create_entry(db, me, EntryDraft(DAY, f"Privat: {CANARY}", tags=(CANARY,)))
    journal.create_entry(db, me, EntryDraft(DAY, f"Delt: {CANARY}", sharing=JournalSharing.COACH))
    journal.create_entry(
        db, me, EntryDraft(DAY, CANARY, sharing=JournalSharing.GROUP_SUMMARY, summary=f"Sammendrag {CANARY}")
    )
    draft_id = journal.save_draft(db, me, EntryDraft(DAY, f"Kladd {CANARY}"), entry_id=private.id)
    journal.save_draft(db, me, EntryDraft(DAY, f"Kladd {CANARY} mer"), draft_id=draft_id, entry_id=private.id)
    assert journal.get_entry(db, me, private.id).text.endswith(CANARY)
    assert shared_with_me(db, world.unlock(db, "c1"))[0].text.endswith(CANARY)
    profiles.change_passphrase(db, world.profile["p1"], PASS["p1"], "nytt-passord-" + CANARY, kdf=FAST)
    monkeypatch.undo()

    needles = [CANARY.encode("utf-8"), CANARY.encode("utf-16-le"), b"Kanarifugl"]
    wal = db.path.with_name(db.path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    backup = backup_database(db.path, tmp_path / "backup.sqlite3")
    for path in (db.path, wal, backup):
        raw = path.read_bytes()
        assert not any(needle in raw for needle in needles), path
    assert "Kanarifugl" not in caplog.text
    assert sorted(p.name for p in db.path.parent.iterdir() if p.name.startswith(db.path.name)) == [
        db.path.name, db.path.name + "-shm", db.path.name + "-wal"
    ]  # fmt: skip
