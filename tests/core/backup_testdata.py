"""Helpers for the backup and restore tests: small databases, an older one, the CLI, and the kill -9 worker."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tillitsleder.cli import main
from tillitsleder.model import Municipality
from tillitsleder.storage import open_database
from tillitsleder.storage.sqlite_file import APPLICATION_ID, known_revisions

HERE = Path(__file__).parent


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


def write_something(path: Path, name: str = "Bydel Nordstrand") -> None:
    db = open_database(path)
    with db.session() as session:
        session.add(Municipality(name=name))
    db.close()


def older_database(path: Path) -> str:
    """A database at the revision before head, with a row in it; returns that revision."""
    from alembic import command

    from tillitsleder.storage.engine import make_engine, sqlite_url
    from tillitsleder.storage.migrate import alembic_config

    older = known_revisions()[-2]
    engine = make_engine(sqlite_url(path))
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, older)
        connection.exec_driver_sql(
            "INSERT INTO municipality (id, name, country, timezone) "
            "VALUES (1, 'Norrköpings kommun', 'SE', 'Europe/Stockholm')"
        )
    engine.dispose()
    return older


def revision_of(path: Path) -> str:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


def prepared_for_killing(path: Path) -> None:
    write_something(path)
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE kill_marks (n INTEGER)")
    con.executemany("INSERT INTO kill_marks VALUES (?)", [(i,) for i in range(20000)])  # some pages to copy
    con.commit()
    con.close()


def start_worker(*args: str) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, str(HERE / "backup_kill_worker.py"), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == b"ready", process.stderr.read() if process.stderr else ""
    return process


def check_sound(path: Path) -> None:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    finally:
        con.close()
