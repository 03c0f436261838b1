"""Bad paths and broken databases say so in one sentence: nothing created for a mistyped path, an empty file
refused untouched, a failed migration without a traceback, database errors without SQL or rows, a private log."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from tillitsleder.cli import main
from tillitsleder.errors import DatabaseMissing, NotATillitslederDatabase, StorageError
from tillitsleder.storage import open_database
from tillitsleder.storage.failures import as_storage_error, safe_detail


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TILLITSLEDER_LANG", "en")


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_mistyped_db_creates_nothing(capsys, tmp_path: Path) -> None:
    typo = tmp_path / "kurs" / "kurs.sqlite"
    listing = tmp_path / "liste.csv"
    listing.write_text("Fornavn;Etternavn\r\nKari;Nord\r\n", encoding="utf-8")
    for args in (
        ("import", "participants", str(listing), "--cohort", "1", "--db", str(typo)),
        ("check", "--db", str(typo)),
        ("export", "attendance", "--cohort", "1", "-o", str(tmp_path / "x.csv"), "--db", str(typo)),
    ):
        code, out, err = cli(capsys, *args)
        assert code == 5, err
        assert err.strip() == f"There is no Tillitsleder database at “{typo}”."
    assert not typo.parent.exists()
    with pytest.raises(DatabaseMissing):
        open_database(typo, create=False)
    assert not typo.parent.exists()


def test_an_empty_file_is_refused_untouched(capsys, tmp_path: Path) -> None:
    empty = tmp_path / "tom.sqlite3"
    empty.touch()
    code, _out, err = cli(capsys, "check", "--db", str(empty))
    assert code == 5
    assert err.strip() == f"“{empty}” is an empty file, not a Tillitsleder database; it was not changed."
    with pytest.raises(NotATillitslederDatabase):
        open_database(empty, create=False)
    assert empty.stat().st_size == 0 and sorted(p.name for p in tmp_path.iterdir()) == ["tom.sqlite3"]


def test_demo_still_creates_its_database_and_folder(capsys, tmp_path: Path) -> None:
    target = tmp_path / "ny" / "demo.sqlite3"
    code, _out, err = cli(capsys, "demo", "--db", str(target))
    assert code == 0, err
    assert target.exists()


def _behind_and_broken(demo_template: Path, tmp_path: Path) -> Path:
    """A database that says it is one revision behind although it has the newest tables: migrating it fails."""
    path = tmp_path / "gammel.sqlite3"
    shutil.copyfile(demo_template, path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0006'")
    connection.close()
    return path


def test_a_failed_migration_is_one_sentence_without_a_traceback(demo_template: Path, tmp_path: Path) -> None:
    path = _behind_and_broken(demo_template, tmp_path)
    env = dict(os.environ, TILLITSLEDER_LANG="en")
    result = subprocess.run(
        [sys.executable, "-m", "tillitsleder", "migrate", "--db", str(path)],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert result.returncode == 5
    assert result.stderr.strip() == "The database could not be upgraded; it was left as it was."
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0006",)
    connection.close()


def test_the_migration_error_keeps_its_reason_for_the_log(demo_template: Path, tmp_path: Path) -> None:
    path = _behind_and_broken(demo_template, tmp_path)
    with pytest.raises(StorageError) as caught:
        open_database(path)
    assert str(caught.value) == "The database could not be upgraded; it was left as it was."
    assert caught.value.detail and "[SQL:" in caught.value.detail  # for the log, not the sentence


FAILED = "The database could not be read or written; nothing was changed. The details are in the log."


def test_database_errors_become_a_sentence_and_log_no_parameters(db, caplog) -> None:
    from sqlalchemy.exc import IntegrityError

    with caplog.at_level("INFO"), pytest.raises(StorageError) as failed, db.session() as session:
        session.execute(text("INSERT INTO no_such_table (name) VALUES (:name)"), {"name": "Kari Nordmann"})
    assert str(failed.value) == FAILED
    assert "no_such_table" in caplog.text and "Kari Nordmann" not in caplog.text
    with pytest.raises(IntegrityError) as caught, db.session() as session:  # services may handle constraints
        session.execute(text("INSERT INTO person (first_name) VALUES (:name)"), {"name": "Kari Nordmann"})
    assert "Kari Nordmann" not in str(caught.value)  # hide_parameters
    caplog.clear()
    with caplog.at_level("INFO"):
        error = as_storage_error(caught.value)  # what the CLI and the GUI's operations do with it
    assert isinstance(error, StorageError) and str(error) == FAILED
    assert "person" in caplog.text and "Kari Nordmann" not in caplog.text
    assert "[parameters hidden]" in safe_detail(Exception("x [parameters: ('Kari', 'k@x.no')]"))


def test_the_log_file_and_folder_are_private(tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    code = """
import logging, os, sys
os.umask(0o022)
from tillitsleder.logs import configure_logging
path = configure_logging(to_file=True)
logging.getLogger("tillitsleder.test").warning("hello")
handler = next(h for h in logging.getLogger().handlers if hasattr(h, "doRollover"))
handler.doRollover()
logging.getLogger("tillitsleder.test").warning("after rollover")
print(path)
"""
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path / "state"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    log_file = Path(result.stdout.strip())
    assert log_file.is_relative_to(tmp_path)
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(log_file.with_name(log_file.name + ".1").stat().st_mode) == 0o600
    assert stat.S_IMODE(log_file.parent.stat().st_mode) == 0o700
    assert "after rollover" in log_file.read_text(encoding="utf-8")
    assert result.stderr.count("\n") == 2 and "Traceback" not in result.stderr


def test_the_console_shows_no_traceback(tmp_path: Path) -> None:
    code = """
import logging
from tillitsleder.logs import configure_logging
configure_logging(to_file=False)
try:
    raise ValueError("details")
except ValueError:
    logging.getLogger("tillitsleder.x").exception("It failed")
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stderr.strip() == "ERROR tillitsleder.x: It failed"
