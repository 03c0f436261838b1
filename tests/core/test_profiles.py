"""Profiles: passphrases are verified only through the key they unwrap; recovery keys; coordinator passphrase."""

from __future__ import annotations

import json
from datetime import date

import pytest
from journal_testdata import FAST, PASS, world_fixture_factory
from sqlalchemy import select

from tillitsleder import crypto as jc
from tillitsleder import profiles
from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.errors import Forbidden, ValidationError
from tillitsleder.journal import entries as journal
from tillitsleder.journal.entries import EntryDraft
from tillitsleder.model import JournalEntry, Person, Profile
from tillitsleder.model.enums import Role

db_target, world, file_db, file_world = world_fixture_factory()  # the world, on the test's engine


def test_unlocking_gives_the_actor_and_keys_that_lock_drops(db, world) -> None:
    me = world.unlock(db, "p1")
    assert me.actor == Actor.participant(world.person["p1"])
    assert world.unlock(db, "c1").actor == Actor.facilitator(world.person["c1"])
    assert me.info.name == "Kari Nordmann" and me.info.has_passphrase
    journal.create_entry(db, me, EntryDraft(date(2026, 1, 5), "Tekst"))
    assert me.entry_cache
    me.lock()
    assert not me.entry_cache
    with pytest.raises(Forbidden, match="Unlock your profile"):
        journal.list_entries(db, me)


def test_a_wrong_passphrase_fails_with_a_clear_message(db, world) -> None:
    with pytest.raises(profiles.WrongPassphrase) as raised:
        profiles.unlock(db, world.profile["p1"], "kari-passord-2")
    assert isinstance(raised.value, Forbidden)
    assert str(raised.value) == "That passphrase is not right. Try again."
    with pytest.raises(profiles.WrongPassphrase):
        profiles.unlock(db, world.profile["p1"], PASS["p2"])  # another profile's passphrase


def test_the_passphrase_is_stored_nowhere_and_the_kdf_is_recorded(db, world) -> None:
    if db.path is not None:  # the SQLite file's bytes (a server's files are not ours to read)
        raw = db.path.read_bytes() + db.path.with_name(db.path.name + "-wal").read_bytes()
        for passphrase in PASS.values():
            assert passphrase.encode() not in raw
    with db.read() as s:
        for row in s.execute(select(Profile)).scalars():
            values = [getattr(row, column.key) for column in Profile.__table__.columns]
            raw = b"".join(v if isinstance(v, bytes) else str(v).encode() for v in values)
            assert not [p for p in PASS.values() if p.encode() in raw]
    with db.read() as s:
        profile = s.get(Profile, world.profile["p1"])
        assert json.loads(profile.kdf) == {"name": "argon2id", "memory_cost": 64, "iterations": 1, "lanes": 1}
        assert len(profile.salt) == 16 and len(profile.public_key) == 32


def test_default_kdf_is_argon2id_with_rfc_9106_settings() -> None:
    assert jc.DEFAULT_KDF == jc.KdfParams(memory_cost=65536, iterations=3, lanes=4)


@pytest.mark.parametrize(
    ("person", "role", "passphrase", "message"),
    [
        ("p1", Role.PARTICIPANT, "short", "A passphrase needs at least 8 characters"),
        ("p1", Role.PARTICIPANT, "long enough", "already has a profile"),
        ("c1", Role.PARTICIPANT, "long enough", "does not have the role"),
        ("p1", Role.FACILITATOR, "long enough", "does not have the role"),
    ],
)
def test_profile_creation_is_validated(db, world, person, role, passphrase, message) -> None:
    with pytest.raises(ValidationError, match=message):
        profiles.create_profile(db, world.person[person], role, passphrase, kdf=FAST)


def test_recovery_key_restores_access_and_sets_a_new_passphrase(db, world) -> None:
    me = world.unlock(db, "p1")
    entry = journal.create_entry(db, me, EntryDraft(date(2026, 1, 5), "Før jeg glemte passordet"))
    typed = world.recovery["p1"].lower().replace("-", " ").replace("0", "o")  # as typed from paper
    with pytest.raises(profiles.WrongPassphrase):
        profiles.unlock_with_recovery_key(db, world.profile["p1"], world.recovery["p2"], "nytt passord")
    with pytest.raises(ValidationError, match="8 groups of 5"):
        profiles.unlock_with_recovery_key(db, world.profile["p1"], "ABCDE", "nytt passord")
    restored = profiles.unlock_with_recovery_key(db, world.profile["p1"], typed, "nytt passord", kdf=FAST)
    assert journal.get_entry(db, restored, entry.id).text == "Før jeg glemte passordet"
    with pytest.raises(profiles.WrongPassphrase):
        world.unlock(db, "p1")
    assert journal.get_entry(db, profiles.unlock(db, world.profile["p1"], "nytt passord"), entry.id).text


def test_changing_the_passphrase_rewraps_the_key_without_reencrypting(db, world) -> None:
    me = world.unlock(db, "p1")
    entry = journal.create_entry(db, me, EntryDraft(date(2026, 1, 5), "Uendret innhold"))
    with db.read() as s:
        before = s.get(JournalEntry, entry.id).content
    with pytest.raises(profiles.WrongPassphrase):
        profiles.change_passphrase(db, world.profile["p1"], "feil passord", "et nytt passord")
    profiles.change_passphrase(db, world.profile["p1"], PASS["p1"], "et nytt passord")
    with db.read() as s:
        assert s.get(JournalEntry, entry.id).content == before
        assert jc.KdfParams.from_json(s.get(Profile, world.profile["p1"]).kdf) == jc.DEFAULT_KDF  # light → default
    again = profiles.unlock(db, world.profile["p1"], "et nytt passord")
    assert journal.get_entry(db, again, entry.id).text == "Uendret innhold"
    assert profiles.unlock_with_recovery_key(db, world.profile["p1"], world.recovery["p1"], "tredje pass", kdf=FAST)


def test_replacing_the_recovery_key_retires_the_old_one(db, world) -> None:
    fresh = profiles.replace_recovery_key(db, world.unlock(db, "p2"))
    with pytest.raises(profiles.WrongPassphrase):
        profiles.unlock_with_recovery_key(db, world.profile["p2"], world.recovery["p2"], "nytt passord")
    assert profiles.unlock_with_recovery_key(db, world.profile["p2"], fresh, "nytt passord", kdf=FAST).actor.person_id


def test_listing_and_eligibility(db, world) -> None:
    listed = profiles.list_profiles(db)
    assert {(p.role, p.name) for p in listed} >= {(Role.PARTICIPANT, "Kari Nordmann"), (Role.FACILITATOR, "Anne Coach")}
    assert profiles.list_profiles(db, role=Role.COORDINATOR) == []
    assert profiles.eligible_people(db, Role.PARTICIPANT) == []  # everyone has one
    with db.session() as s:
        s.execute(Profile.__table__.delete().where(Profile.id == world.profile["p3"]))
        sara = s.get(Person, world.person["p3"]).id
    assert [o.id for o in profiles.eligible_people(db, Role.PARTICIPANT)] == [sara]
    assert profiles.profile_for(db, world.person["p1"], Role.PARTICIPANT).id == world.profile["p1"]


def test_the_coordinator_may_have_a_passphrase(db, world) -> None:
    assert not profiles.coordinator_has_passphrase(db)
    assert profiles.unlock_coordinator(db).actor == COORDINATOR
    recovery = profiles.set_coordinator_passphrase(db, "koordinator-pass", kdf=FAST)
    assert recovery and profiles.coordinator_has_passphrase(db)
    with pytest.raises(profiles.WrongPassphrase):
        profiles.unlock_coordinator(db)
    with pytest.raises(profiles.WrongPassphrase):
        profiles.unlock_coordinator(db, "feil passord")
    me = profiles.unlock_coordinator(db, "koordinator-pass")
    assert me.actor == COORDINATOR
    with pytest.raises(Forbidden):
        journal.list_entries(db, me)
    with pytest.raises(profiles.WrongPassphrase):
        profiles.set_coordinator_passphrase(db, None, current="feil passord")
    profiles.set_coordinator_passphrase(db, None, current="koordinator-pass")
    assert not profiles.coordinator_has_passphrase(db)
    with db.read() as s:
        assert s.scalars(select(Profile).where(Profile.role == "coordinator")).all() == []
