"""Revision 0008: plaintext commitments are sealed to their owner's public key (pending), gone from the file's
bytes, opened by the owner and sealed properly on their next unlock; journal times are cut to the minute."""

from __future__ import annotations

from pathlib import Path

from journal_testdata import FAST

from tillitsleder import profiles
from tillitsleder.journal import commitments as cm
from tillitsleder.journal.shared_with_me import refresh_shares
from tillitsleder.model import Commitment, Profile
from tillitsleder.model.enums import Role
from tillitsleder.storage import open_database

CANARY = b"Forpliktelse-klartekst-0008"
ORPHAN = b"Uten-profil-klartekst-0008"
PASSPHRASE = "kari-passord-1"


def _at_0007(db_path: Path) -> None:
    from alembic import command

    from tillitsleder.storage.engine import make_engine, sqlite_url
    from tillitsleder.storage.migrate import alembic_config

    profile = Profile(id=1, person_id=1, role=Role.PARTICIPANT.value)
    profiles.install_keys(profile, PASSPHRASE, FAST, with_keypair=True)
    engine = make_engine(sqlite_url(db_path))
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0007")
        for person_id, first in ((1, "Kari"), (2, "Ola")):
            connection.exec_driver_sql(
                "INSERT INTO person (id, first_name, last_name, created_at) VALUES (?, ?, 'N', '2026-01-01')",
                (person_id, first),
            )
        connection.exec_driver_sql(
            "INSERT INTO profile (id, person_id, role, kdf, salt, passphrase_wrap, recovery_wrap, public_key, "
            "private_key_wrap, created_at) VALUES (1, 1, 'participant', ?, ?, ?, ?, ?, ?, '2026-01-01')",
            (profile.kdf, profile.salt, profile.passphrase_wrap, profile.recovery_wrap, profile.public_key,
             profile.private_key_wrap),
        )  # fmt: skip
        for n in range(30):
            connection.exec_driver_sql(
                "INSERT INTO commitment (person_id, description, made_on, due_on, status, follow_up) "
                "VALUES (1, ?, '2026-01-02', '2026-03-01', 'open', ?)",
                ((CANARY + b"-%d" % n).decode(), (CANARY + b"-oppfolging").decode()),
            )
        connection.exec_driver_sql(
            "INSERT INTO commitment (person_id, description, made_on, status, follow_up) "
            "VALUES (2, ?, '2026-01-02', 'open', '')",
            (ORPHAN.decode(),),
        )
        connection.exec_driver_sql(
            "INSERT INTO journal_draft (profile_id, content, updated_at) "
            "VALUES (1, x'00', '2026-01-02 10:11:12.345678')"
        )
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()


def test_plaintext_commitments_are_sealed_and_gone_from_the_file(db_path: Path) -> None:
    _at_0007(db_path)
    assert CANARY in db_path.read_bytes() and ORPHAN in db_path.read_bytes()

    database = open_database(db_path)  # backs up, migrates, vacuums, checkpoints
    try:
        for path in (db_path, db_path.with_name(db_path.name + "-wal")):
            if path.exists():
                assert CANARY not in path.read_bytes() and ORPHAN not in path.read_bytes()
        assert database.backup_made is not None and CANARY in database.backup_made.read_bytes()  # until thinned
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT count(*) FROM commitment WHERE person_id = 2").scalar() == 0
            stamp = connection.exec_driver_sql("SELECT updated_at FROM journal_draft").scalar()
        assert stamp == "2026-01-02 10:11:00.000000"
        with database.read() as s:
            assert all(row.content_key is None and row.pending_key for row in s.query(Commitment))

        kari = profiles.unlock(database, 1, PASSPHRASE)
        rows = cm.list_commitments(database, kari, 1)
        assert len(rows) == 30 and all(row.pending and not row.damaged for row in rows)
        assert (
            rows[0].description == (CANARY + b"-0").decode() and rows[0].follow_up == (CANARY + b"-oppfolging").decode()
        )

        refresh_shares(database, kari)  # what the app does after unlocking
        rows = cm.list_commitments(database, kari, 1)
        assert len(rows) == 30 and not any(row.pending for row in rows)
        assert sorted(row.description for row in rows) == sorted((CANARY + b"-%d" % n).decode() for n in range(30))
        with database.read() as s:
            assert all(row.content_key is not None and row.pending_key is None for row in s.query(Commitment))
    finally:
        database.close()
