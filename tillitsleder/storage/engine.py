"""Engines from database URLs, with SQLite's safety settings applied to every connection.

SQLite connections get WAL, ``synchronous=FULL``, foreign keys and a busy timeout, and real transactions
(``BEGIN`` issued by SQLAlchemy, so DDL in migrations is transactional too). Other URLs — PostgreSQL for
shared use later — get a plain engine. ``make_read_only_engine`` opens a file with SQLite's ``mode=ro`` (and
``query_only``), so not even a bug can write to a backup or a file the user may not change.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import QueuePool

BUSY_TIMEOUT_MS = 5000
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
)
READ_ONLY_PRAGMAS = (
    "PRAGMA query_only = ON",
    "PRAGMA foreign_keys = ON",
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
)


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path.resolve().as_posix()}"


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    _apply_pragmas(engine, SQLITE_PRAGMAS)
    return engine


def make_read_only_engine(path: Path) -> Engine:
    """An engine on the file at ``path`` that cannot write to it (``mode=ro``, ``query_only``)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)

    engine = create_engine("sqlite+pysqlite://", creator=connect, poolclass=QueuePool)
    _apply_pragmas(engine, READ_ONLY_PRAGMAS)
    return engine


def _apply_pragmas(engine: Engine, pragmas: tuple[str, ...]) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in pragmas:
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        connection.exec_driver_sql("BEGIN")
