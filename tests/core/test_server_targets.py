"""``--db`` naming a PostgreSQL server: the commands about a database file say so in one sentence, a server
database is never backed up as a file when it closes, and the coordinator's passphrase is asked for there too.
Each test runs on both engines and checks what differs."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from cli_run import run_cli

from tillitsleder import profiles
from tillitsleder.crypto import KdfParams
from tillitsleder.model import Municipality
from tillitsleder.storage import backups, open_database
from tillitsleder.storage.locations import database_target, is_server_target

FAST = KdfParams(memory_cost=64, iterations=1, lanes=1)
SERVER_ONLY_SENTENCE = "works on a database file; on a PostgreSQL server"


@pytest.mark.parametrize(
    "args", [["backup"], ["backup", "--list"], ["restore", "old-copy.db"], ["migrate"], ["check"]], ids=str
)
def test_file_only_commands_refuse_a_server_in_one_sentence(db, db_target, capsys, args, engine_name) -> None:
    code, out, err = run_cli(capsys, *args, "--db", db_target)
    if engine_name == "sqlite":
        assert SERVER_ONLY_SENTENCE not in err
        return
    assert code == 2 and out == "" and "Traceback" not in err
    assert err.strip() == (
        f"“tillitsleder {args[0]}” works on a database file; on a PostgreSQL server, back up, restore and check "
        "the database with the server's own tools (pg_dump, pg_restore)."
    )
    assert "@" not in err.split("”", 1)[1]  # the URL (and any password in it) is not repeated


def test_a_server_url_stays_a_url_and_a_path_becomes_a_path(db_target, engine_name, tmp_path) -> None:
    target = database_target(db_target)
    assert is_server_target(target) == (engine_name == "postgresql")
    assert isinstance(target, str) if engine_name == "postgresql" else target == Path(db_target)


def test_closing_a_changed_server_database_makes_no_file_backup(db, db_target, engine_name, tmp_path, caplog) -> None:
    backups.enable_backups_on_close()
    try:
        with db.session() as s:
            s.add(Municipality(name="Nordstrand"))
        db.changed = True  # as if the engine had counted the change (SQLite does; the server has no file)
        with caplog.at_level(logging.WARNING):
            db.close()
    finally:
        backups.enable_backups_on_close(False)
    if engine_name == "sqlite":
        assert len(backups.list_backups(Path(db_target))) == 1
    else:
        assert not list(tmp_path.rglob("backups")) and not Path("backups").exists()
    assert "backup on closing" not in caplog.text


def test_commands_ask_for_the_coordinator_passphrase_on_a_file_and_go_by_the_login_on_a_server(
    db, db_target, engine_name, capsys, monkeypatch
) -> None:
    with db.session() as s:
        s.add(Municipality(name="Nordstrand"))
    profiles.set_coordinator_passphrase(db, "korrekt hest batteri stift", kdf=FAST)
    db.close()
    monkeypatch.delenv("TILLITSLEDER_PASSPHRASE", raising=False)
    code, _out, err = run_cli(capsys, "units", "list", "--db", db_target)
    if engine_name == "postgresql":  # the administrator's login may; a participant's may not (test_server_logins)
        assert code == 0, err
        return
    assert code != 0 and "passphrase" in err and "Traceback" not in err
    monkeypatch.setenv("TILLITSLEDER_PASSPHRASE", "feil passord her")
    code, _out, err = run_cli(capsys, "units", "list", "--db", db_target)
    assert code != 0 and "Traceback" not in err
    monkeypatch.setenv("TILLITSLEDER_PASSPHRASE", "korrekt hest batteri stift")
    code, _out, err = run_cli(capsys, "units", "list", "--db", db_target)
    assert code == 0, err
    reopened = open_database(db_target, create=False)
    try:
        assert profiles.coordinator_has_passphrase(reopened)
    finally:
        reopened.close()
