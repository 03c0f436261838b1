"""Revision 0008: plaintext journal rows from before encryption are removed and their pages overwritten."""

from __future__ import annotations

from pathlib import Path

from tillitsleder.storage import open_database

CANARY = b"Klartekst-kanari-0008"


def test_plaintext_entries_are_cleared_and_overwritten(db_path: Path) -> None:
    from alembic import command

    from tillitsleder.storage.engine import make_engine, sqlite_url
    from tillitsleder.storage.migrate import alembic_config

    engine = make_engine(sqlite_url(db_path))
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0006")
        connection.exec_driver_sql(
            "INSERT INTO person (id, first_name, last_name, created_at) VALUES (1, 'Kari', 'N', '2026-01-01')"
        )
        for n in range(50):
            connection.exec_driver_sql(
                "INSERT INTO journal_entry (id, author_id, written_on, prompt_template, sharing, body, created_at, "
                "updated_at) VALUES (?, 1, '2026-01-02', 'free', 'private', ?, '2026-01-02', '2026-01-02')",
                (n + 1, CANARY * 20),
            )
            connection.exec_driver_sql(
                "INSERT INTO journal_entry_tag (entry_id, tag) VALUES (?, 'kanari-tag')", (n + 1,)
            )
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    assert CANARY in db_path.read_bytes()

    database = open_database(db_path)  # backs up, migrates, checkpoints
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM journal_entry").scalar() == 0
        tables = {row[0] for row in connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    database.close()
    assert "journal_entry_tag" not in tables and {"profile", "journal_grant", "journal_draft"} <= tables
    for path in (db_path, db_path.with_name(db_path.name + "-wal")):
        if path.exists():
            assert CANARY not in path.read_bytes() and b"kanari-tag" not in path.read_bytes()
    assert database.backup_made is not None  # the pre-migration backup keeps what the file held before
