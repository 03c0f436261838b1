"""Open a Tillitsleder database safely and hand out short-lived sessions.

Start-up path for a file: inspect it read-only (refuse if not ours, too new or damaged) → if new, create the
schema; if behind, make an online backup and migrate → ``integrity_check`` → ready. An up-to-date file skips
Alembic entirely.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from tillitsleder.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseMissing,
    NotATillitslederDatabase,
    StorageError,
)
from tillitsleder.i18n import N_
from tillitsleder.storage.backup import backup_database, backup_file_name
from tillitsleder.storage.engine import READ_ONLY, WRITE, make_engine, reading, sqlite_url
from tillitsleder.storage.failures import BUSY_MESSAGE, as_storage_error, safe_detail
from tillitsleder.storage.sqlite_file import APPLICATION_ID, head_revision, inspect_database_file

log = logging.getLogger(__name__)


@dataclass
class Database:
    """An open database: the engine and session factories. Sessions are short: one per unit of work.

    ``session()`` is for work that writes: its transaction starts with ``BEGIN IMMEDIATE`` (on SQLite), so a
    second writer waits its turn for up to the busy timeout. ``read()`` starts a deferred transaction that
    never blocks a writer and is refused if it tries to write. An operational failure (locked, unreadable)
    leaves either as a ``StorageError`` (``DatabaseBusy`` when another program kept the write lock), never with
    SQL or rows; constraint violations stay ``IntegrityError`` for the services that handle them.
    """

    url: str
    engine: Engine
    path: Path | None = None
    backup_made: Path | None = None
    _factory: sessionmaker[Session] = field(init=False, repr=False)
    _reader: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._factory = sessionmaker(self.engine.execution_options(**{WRITE: True}), expire_on_commit=False)
        self._reader = sessionmaker(self.engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work commits at the end of the ``with`` block, or rolls back on any error."""
        try:
            with self._factory() as session, session.begin():
                yield session
        except OperationalError as exc:
            raise _failure(exc) from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading only; always rolled back."""
        try:
            with self._reader() as session:
                try:
                    yield session
                finally:
                    session.rollback()
        except OperationalError as exc:
            raise _failure(exc) from exc

    def close(self) -> None:
        self.engine.dispose()


def _failure(exc: OperationalError) -> StorageError:
    error = as_storage_error(exc)
    assert error is not None
    return error


def open_database(target: Path | str, *, create: bool = True) -> Database:
    """Open the database at a path (SQLite) or URL, creating or migrating its schema as needed.

    With ``create=False`` nothing is created: a missing file raises ``DatabaseMissing`` (no folder is made
    either), an empty file ``NotATillitslederDatabase``.
    """
    if isinstance(target, str) and "://" in target:
        return _open_url(target)
    path = Path(target)
    state = inspect_database_file(path)
    if state.is_new and not create:
        if not state.exists:
            raise DatabaseMissing(N_("There is no Tillitsleder database at “{path}”."), path=str(path))
        if _is_empty_file(path):
            raise NotATillitslederDatabase(
                N_("“{path}” is an empty file, not a Tillitsleder database; it was not changed."), path=str(path)
            )
        raise StorageError(N_("There is no Tillitsleder database at “{path}”."), path=str(path))
    if not state.exists:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                N_("Cannot create the folder for “{path}”: {reason}"), path=str(path), reason=exc.strerror
            ) from exc
    database = Database(url=sqlite_url(path), engine=make_engine(sqlite_url(path)), path=path)
    if not state.is_current:
        if not state.is_new:
            backups = path.parent / "backups"
            destination = backups / backup_file_name(path, f"before-{head_revision()}")
            database.backup_made = backup_database(path, destination)
            log.info("Backed up %s to %s before migrating", path, destination)
        _migrate(database)
        _verify_integrity(database)
    return database


def _is_empty_file(path: Path) -> bool:
    try:
        return path.stat().st_size == 0
    except OSError:
        return False


def _open_url(url: str) -> Database:
    database = Database(url=url, engine=make_engine(url))
    with reading(database.engine.connect()) as connection:
        current = _current_revision(connection)
    if current != head_revision():
        _migrate(database)
    return database


def _current_revision(connection) -> str | None:
    try:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # noqa: BLE001 - no table yet
        connection.rollback()
        return None


def _migrate(database: Database) -> None:
    from tillitsleder.storage.migrate import upgrade_to_head

    try:
        upgrade_to_head(database.engine)
    except Exception as exc:
        log.info("Migration failed", exc_info=True)
        if isinstance(as_storage_error(exc), DatabaseBusy):
            raise DatabaseBusy(BUSY_MESSAGE) from exc
        raise StorageError(
            N_("The database could not be upgraded; it was left as it was."), detail=safe_detail(exc)
        ) from exc
    if database.engine.dialect.name == "sqlite":
        _vacuum(database)
        with reading(database.engine.connect()) as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def _vacuum(database: Database) -> None:
    """Rebuild the file after a migration, so no page a migration freed (e.g. plaintext it sealed) stays in it.
    VACUUM cannot run in a transaction: it runs on the driver connection, which begins none by itself."""
    raw = database.engine.raw_connection()
    try:
        raw.driver_connection.execute("VACUUM")  # type: ignore[union-attr]
    finally:
        raw.close()


def _verify_integrity(database: Database) -> None:
    with reading(database.engine.connect()) as connection:
        result = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
        app_id = connection.exec_driver_sql("PRAGMA application_id").scalar()
    if result != ["ok"] or app_id != APPLICATION_ID:
        raise DatabaseDamaged(
            N_("“{path}” is damaged and was not opened; restore it from a backup."),
            path=str(database.path),
            detail="; ".join(result[:5]),
        )
