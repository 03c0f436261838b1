"""The CLI acts as the coordinator: a coordinator passphrase comes from $TILLITSLEDER_PASSPHRASE (or a prompt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from journal_testdata import FAST, world_fixture_factory

from tillitsleder import profiles
from tillitsleder.cli import main
from tillitsleder.storage import open_database

db_target, world, file_db, file_world = world_fixture_factory()  # the world, on the test's engine


@pytest.fixture(autouse=True)
def _english(monkeypatch) -> None:
    monkeypatch.setenv("TILLITSLEDER_LANG", "en")  # the CLI's messages are asserted in English


@pytest.fixture
def protected(file_db) -> Path:
    db = file_db  # SQLite only: the file itself
    profiles.set_coordinator_passphrase(db, "kontor-passord", kdf=FAST)
    db.close()
    return db.path


def test_a_database_without_a_coordinator_passphrase_needs_none(file_db, monkeypatch) -> None:
    db = file_db  # SQLite only: the file itself
    monkeypatch.delenv("TILLITSLEDER_PASSPHRASE", raising=False)
    db.close()
    assert main(["check", "--db", str(db.path)]) == 0


def test_commands_need_the_coordinator_passphrase(protected: Path, monkeypatch, capsys) -> None:
    monkeypatch.delenv("TILLITSLEDER_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["check", "--db", str(protected)]) == 2
    assert "set TILLITSLEDER_PASSPHRASE" in capsys.readouterr().err
    monkeypatch.setenv("TILLITSLEDER_PASSPHRASE", "feil passord")
    assert main(["check", "--db", str(protected)]) == 4
    err = capsys.readouterr().err
    assert err.strip() == "That passphrase is not right. Try again." and "Traceback" not in err
    monkeypatch.setenv("TILLITSLEDER_PASSPHRASE", "kontor-passord")
    assert main(["check", "--db", str(protected)]) == 0


def test_the_passphrase_is_prompted_for_in_a_terminal(protected: Path, monkeypatch) -> None:
    monkeypatch.delenv("TILLITSLEDER_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    asked = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "kontor-passord")
    assert main(["check", "--db", str(protected)]) == 0
    assert asked == ["Coordinator passphrase: "]


def test_the_passphrase_command_sets_and_removes_it(file_db, monkeypatch, capsys) -> None:
    db = file_db  # SQLite only: the file itself
    db.close()
    db_path = db.path
    monkeypatch.setattr("tillitsleder.crypto.DEFAULT_KDF", FAST)
    monkeypatch.setenv("TILLITSLEDER_NEW_PASSPHRASE", "nytt kontorpassord")
    monkeypatch.delenv("TILLITSLEDER_PASSPHRASE", raising=False)
    assert main(["passphrase", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Recovery key" in out
    database = open_database(db_path)
    assert profiles.coordinator_has_passphrase(database)
    database.close()
    monkeypatch.setenv("TILLITSLEDER_PASSPHRASE", "nytt kontorpassord")
    assert main(["passphrase", "--remove", "--db", str(db_path)]) == 0
    monkeypatch.delenv("TILLITSLEDER_PASSPHRASE")
    assert main(["check", "--db", str(db_path)]) == 0
