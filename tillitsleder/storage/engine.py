"""Engines from database URLs, with SQLite's safety settings applied to every connection.

SQLite connections get WAL, ``synchronous=FULL``, foreign keys and a busy timeout, and real transactions
(issued by SQLAlchemy, so DDL in migrations is transactional too). A connection marked ``WRITE``
(``Database.session()``, migrations: see ``writing``) starts with ``BEGIN IMMEDIATE``: it takes the write lock at
once, waiting up to the busy timeout for another writer, instead of reading first and then failing without
waiting when it tries to upgrade to a write. A connection marked ``READ_ONLY`` (``Database.read()``, health
checks: see ``reading``) starts a deferred ``BEGIN`` and SQLite's ``query_only`` refuses any write through it.
Unmarked connections (maintenance such as ``PRAGMA wal_checkpoint``, which cannot run inside a write
transaction) start a plain deferred ``BEGIN`` and must not write. Bound parameters never appear in exception
texts, so a logged error cannot carry a person's name or e-mail address.

PostgreSQL (a shared deployment) is reached through psycopg 3: ``postgresql://…`` means ``postgresql+psycopg://…``.
Its transactions run at READ COMMITTED, row locks and the records' version columns keep writers apart, and a
``READ_ONLY`` connection begins ``BEGIN READ ONLY`` (psycopg's ``read_only``: no extra round trip), so a write
through ``Database.read()`` fails there too.
``make_read_only_engine`` opens a file with SQLite's ``mode=ro`` (and ``query_only``), so not even a bug can
write to a backup or a file the user may not change.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import QueuePool

BUSY_TIMEOUT_MS = 5000
CONNECT_TIMEOUT_S = 10  # PostgreSQL: how long a connect may wait for a server that does not answer
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
)
# Execution options: the connection only reads (deferred BEGIN, writes refused by SQLite), or writes (BEGIN IMMEDIATE).
READ_ONLY = "tillitsleder_read_only"
WRITE = "tillitsleder_write"
READ_ONLY_PRAGMAS = (
    "PRAGMA query_only = ON",
    "PRAGMA foreign_keys = ON",
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
)


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path.resolve().as_posix()}"


def reading(connection: Connection) -> Connection:
    """``connection`` marked as a reader (call before its first statement)."""
    return connection.execution_options(**{READ_ONLY: True})


def writing(connection: Connection) -> Connection:
    """``connection`` marked as a writer (call before its first statement)."""
    return connection.execution_options(**{WRITE: True})


def is_server_url(target: object) -> bool:
    """Whether ``target`` (a path or a URL) names a database server rather than a file."""
    return isinstance(target, str) and target.startswith(("postgresql:", "postgresql+", "postgres:"))


def normalise_url(url: str) -> str:
    """``url`` with its driver spelled out: PostgreSQL always through psycopg 3."""
    parsed = make_url(url.replace("postgres://", "postgresql://", 1) if url.startswith("postgres://") else url)
    if parsed.get_backend_name() == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def describe_url(url: str) -> str:
    """``url`` as people may see it: the database and its server, never a login or password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    host = parsed.host or str(parsed.query.get("host") or "localhost")
    port = f":{parsed.port}" if parsed.port else ""
    return f"{parsed.database} @ {host}{port}"


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        # A server that does not answer (a dropped network) fails a connect after this long, not the OS's minutes.
        timeout = {} if "connect_timeout" in parsed.query else {"connect_timeout": CONNECT_TIMEOUT_S}
        # The pre-ping costs a round trip per checkout, but a connection the server dropped (a restart, a network
        # gap) is then replaced quietly instead of failing the user's next action halfway through.
        engine = create_engine(
            url, pool_pre_ping=True, hide_parameters=True, pool_size=5, max_overflow=5, connect_args=timeout
        )
        _read_only_transactions(engine)
        _no_row_values_in_errors(engine)
        return engine
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, hide_parameters=True)
    _apply_pragmas(engine, SQLITE_PRAGMAS)
    return engine


def make_read_only_engine(path: Path) -> Engine:
    """An engine on the file at ``path`` that cannot write to it (``mode=ro``, ``query_only``)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)

    engine = create_engine("sqlite+pysqlite://", creator=connect, poolclass=QueuePool, hide_parameters=True)
    _apply_pragmas(engine, READ_ONLY_PRAGMAS, always_read_only=True)
    return engine


def _read_only_transactions(engine: Engine) -> None:
    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # psycopg begins the transaction with the next statement: "BEGIN READ ONLY" then, in the same round trip.
        read_only = bool(connection.get_execution_options().get(READ_ONLY))
        dbapi_connection = connection.connection.dbapi_connection
        if dbapi_connection.read_only != read_only:
            dbapi_connection.read_only = read_only


def _no_row_values_in_errors(engine: Engine) -> None:
    """PostgreSQL sends the values of an offending row with a constraint error ("DETAIL: Failing row contains
    (…)", "Key (email)=(…) already exists"): the error keeps only the primary message, as ``hide_parameters`` keeps
    bound values out, so no exception text, log line or message can carry a person's name or e-mail address."""

    @event.listens_for(engine, "handle_error")
    def _on_error(context):
        original = context.original_exception
        diagnostics = getattr(original, "diag", None)
        error = context.sqlalchemy_exception
        if error is None or diagnostics is None or not diagnostics.message_detail:
            return None
        original.args = (diagnostics.message_primary or type(original).__name__,)
        return type(error)(error.statement, None, original, hide_parameters=True, code=error.code)


def _apply_pragmas(engine: Engine, pragmas: tuple[str, ...], *, always_read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in pragmas:
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        options = connection.get_execution_options()
        read_only = always_read_only or bool(options.get(READ_ONLY))
        connection.exec_driver_sql(f"PRAGMA query_only = {'ON' if read_only else 'OFF'}")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if options.get(WRITE) and not read_only else "BEGIN")
