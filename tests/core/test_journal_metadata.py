"""Less journal metadata: padded ciphertexts, times to the minute, sealed commitments (coach grants, damage local)."""

from __future__ import annotations

from datetime import date

import pytest
from journal_testdata import world_fixture_factory
from sqlalchemy import select

from tillitsleder import crypto as jc
from tillitsleder.access import COORDINATOR
from tillitsleder.journal import commitments as cm
from tillitsleder.journal import entries as journal
from tillitsleder.journal.entries import EntryDraft
from tillitsleder.journal.export import export_journal
from tillitsleder.model import Commitment, JournalDraft, JournalEntry

db_target, world, file_db, file_world = world_fixture_factory()  # the world, on the test's engine

CANARY = "Forpliktelse-kanari-Ŋ42"


def test_padding_hides_the_length_within_a_bucket_and_old_blobs_still_open() -> None:
    key, ad = jc.random_key(), b"tillitsleder/v1|test"
    short, longer = jc.seal_padded(key, b"ja", ad), jc.seal_padded(key, b"x" * 250, ad)
    assert len(short) == len(longer) == 1 + jc.NONCE_BYTES + 256 + 16
    assert len(jc.seal_padded(key, b"x" * 255, ad)) == len(short)  # 255 + the 0x80 marker fill one bucket
    assert len(jc.seal_padded(key, b"x" * 256, ad)) == len(short) + 256
    assert jc.open_sealed(key, longer, ad) == b"x" * 250
    assert jc.open_sealed(key, jc.seal_padded(key, b"", ad), ad) == b""
    old = jc.seal(key, b"written before padding", ad)  # version 1, unpadded
    assert old[0] == 1 and jc.open_sealed(key, old, ad) == b"written before padding"
    downgraded = bytes([1]) + short[1:]  # the version byte is bound to the tag: no silent downgrade
    with pytest.raises(jc.CiphertextError):
        jc.open_sealed(key, downgraded, ad)
    for text in (b"", b"a", b"\x80", b"\x00\x80\x00", bytes(300)):
        assert jc.unpad(jc.pad(text)) == text and len(jc.pad(text)) % 256 == 0
    with pytest.raises(ValueError):
        jc.unpad(bytes(256))


def test_entries_of_different_lengths_store_equally_long_ciphertexts(db, world) -> None:
    me = world.unlock(db, "p1")
    short = journal.create_entry(db, me, EntryDraft(date(2026, 1, 5), "Kort."))
    longer = journal.create_entry(db, me, EntryDraft(date(2026, 1, 5), "Lengre tekst om dagen. " * 8))
    with db.read() as s:
        sizes = {
            len(blob)
            for blob in s.scalars(select(JournalEntry.content).where(JournalEntry.id.in_([short.id, longer.id])))
        }
    assert len(sizes) == 1
    assert journal.get_entry(db, me, longer.id).text.startswith("Lengre tekst")


def _whole_minute(stored) -> bool:
    """A time as the database holds it (SQLite: text; PostgreSQL: a timestamp) is to the minute."""
    if isinstance(stored, str):
        return stored.endswith(":00.000000")
    return (stored.second, stored.microsecond) == (0, 0)


def test_journal_times_are_kept_to_the_minute_and_the_order_stays_deterministic(db, world) -> None:
    me = world.unlock(db, "p1")
    ids = [journal.create_entry(db, me, EntryDraft(date(2026, 1, 5), f"Samme dag {n}")).id for n in range(3)]
    draft_id = journal.save_draft(db, me, EntryDraft(date(2026, 1, 5), "Kladd"))
    journal.update_entry(db, me, ids[0], EntryDraft(date(2026, 1, 5), "Samme dag, endret"))
    with db.engine.connect() as connection:
        stamps = connection.exec_driver_sql("SELECT created_at, updated_at FROM journal_entry").all()
        draft_stamp = connection.exec_driver_sql("SELECT updated_at FROM journal_draft").scalar()
    assert stamps and all(_whole_minute(value) for row in stamps for value in row), stamps
    assert _whole_minute(draft_stamp)
    with db.read() as s:
        assert s.get(JournalDraft, draft_id).updated_at.second == 0
    assert [entry.id for entry in journal.list_entries(db, me)] == sorted(ids, reverse=True)
    # two saves in one minute: search still sees the newer text (its cache does not trust the time)
    from tillitsleder.journal.search import search_journal

    assert [hit.entry_id for hit in search_journal(db, me, "endret")] == [ids[0]]
    journal.update_entry(db, me, ids[0], EntryDraft(date(2026, 1, 5), "Samme dag, igjen"))
    assert search_journal(db, me, "endret") == [] and len(search_journal(db, me, "igjen")) == 1


def test_commitments_are_sealed_read_by_owner_and_coach_status_only_for_the_coordinator(db, world) -> None:
    kari = world.unlock(db, "p1")
    made = cm.add_commitment(db, kari, cm.CommitmentDraft(CANARY, date(2025, 10, 2), follow_up=CANARY + "-oppf"))
    if db.path is not None:  # in the SQLite file's bytes too (a server's files are not ours to read)
        with db.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        for path in (db.path, db.path.with_name(db.path.name + "-wal")):
            if path.exists():
                assert CANARY.encode() not in path.read_bytes()
    with db.read() as s:  # in no column of the row either, on any engine
        row = s.scalars(select(Commitment)).one()
        values = [getattr(row, column.key) for column in Commitment.__table__.columns]
        assert not [v for v in values if CANARY.encode() in (v if isinstance(v, bytes) else str(v).encode())]
    (own,) = cm.list_commitments(db, kari, world.person["p1"])
    assert (own.description, own.follow_up, own.pending, own.damaged) == (CANARY, CANARY + "-oppf", False, False)
    (coach,) = cm.list_commitments(db, world.unlock(db, "c1"), world.person["p1"])
    assert coach.description == CANARY
    (status,) = cm.list_commitments(db, COORDINATOR, world.person["p1"])
    assert status.description is None and status.status is made.status
    from tillitsleder.access import Actor
    from tillitsleder.errors import Forbidden

    with pytest.raises(Forbidden):  # the participant's role alone opens nothing: it takes the unlocked profile
        cm.list_commitments(db, Actor.participant(world.person["p1"]), world.person["p1"])


def test_a_damaged_commitment_stays_local(db, world, tmp_path) -> None:
    kari = world.unlock(db, "p1")
    first = cm.add_commitment(db, kari, cm.CommitmentDraft("Første", date(2025, 10, 2), date(2026, 1, 1)))
    cm.add_commitment(db, kari, cm.CommitmentDraft("Andre", date(2025, 10, 2), date(2026, 2, 1)))
    with db.session() as s:
        row = s.get(Commitment, first.id)
        row.content = row.content[:30] + bytes([row.content[30] ^ 1]) + row.content[31:]
    rows = cm.list_commitments(db, kari, world.person["p1"])
    assert [(r.description, r.damaged) for r in rows] == [(None, True), ("Andre", False)]
    assert [
        (r.description, r.damaged) for r in cm.list_commitments(db, world.unlock(db, "c1"), world.person["p1"])
    ] == [
        (None, True),
        ("Andre", False),
    ]
    text = export_journal(db, kari, tmp_path / "j.md").path.read_text("utf-8")
    assert "Andre" in text and "damaged" in text


def test_a_pending_commitment_is_the_owners_alone_until_their_next_unlock_seals_and_grants_it(db, world) -> None:
    from tillitsleder.journal import commitment_crypto as cc
    from tillitsleder.journal.shared_with_me import refresh_shares
    from tillitsleder.model import CommitmentGrant, Profile

    kari = world.unlock(db, "p1")
    made = cm.add_commitment(db, kari, cm.CommitmentDraft("Midlertidig", date(2025, 10, 2)))
    with db.session() as s:  # as revision 0008 leaves it: sealed to Kari's public key, no grants
        row, public = s.get(Commitment, made.id), s.get(Profile, world.profile["p1"]).public_key
        row.pending_key, row.content = cc.seal_pending(public, row.id, row.person_id, CANARY, "oppfølging")
        row.content_key = None
        s.query(CommitmentGrant).delete()
    (coach,) = cm.list_commitments(db, world.unlock(db, "c1"), world.person["p1"])
    assert (coach.description, coach.pending, coach.damaged) == (None, True, False)
    (own,) = cm.list_commitments(db, kari, world.person["p1"])
    assert (own.description, own.follow_up, own.pending) == (CANARY, "oppfølging", True)

    refresh_shares(db, world.unlock(db, "p1"))  # what the app does after unlocking
    (coach,) = cm.list_commitments(db, world.unlock(db, "c1"), world.person["p1"])
    assert (coach.description, coach.pending) == (CANARY, False)
    assert cm.finish_pending(db, world.unlock(db, "p1")) == 0  # nothing left to do
