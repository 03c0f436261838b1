"""Open a Tillitsleder database safely and hand out short-lived sessions.

Start-up path for a file: inspect it read-only (refuse if not ours, too new or damaged) → if new, create the
schema; if behind, make an online backup and migrate → ``integrity_check`` → ready. An up-to-date file skips
Alembic entirely.

A file in a ``backups`` folder, or one we may not write to, is opened read-only (``Database.read_only``): SQLite
opens it with ``mode=ro``, ``session()`` raises ``ReadOnlyDatabase``, and it is never migrated — if it is behind,
``MigrationNeeded`` says so in one sentence. A new database file is created 0600 (its ``-wal``/``-shm`` follow).
``Database.changed`` tells whether anything was committed since it was opened; closing a changed database makes
an automatic backup where that is switched on (``storage.backups.enable_backups_on_close``: the app and the CLI).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, event, text
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from tillitsleder.errors import (
    ChangedElsewhere,
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseMissing,
    DatabaseTooNew,
    MigrationNeeded,
    NotATillitslederDatabase,
    ReadOnlyDatabase,
    StorageError,
)
from tillitsleder.i18n import N_
from tillitsleder.storage import backups
from tillitsleder.storage.engine import (
    READ_ONLY,
    WRITE,
    describe_url,
    is_server_url,
    make_engine,
    make_read_only_engine,
    normalise_url,
    reading,
    sqlite_url,
)
from tillitsleder.storage.failures import BUSY_MESSAGE, as_storage_error, safe_detail
from tillitsleder.storage.locations import is_server_target
from tillitsleder.storage.notifications import Sender, send_on_commit
from tillitsleder.storage.private_files import (
    create_private_file,
    is_read_only_file,
    make_private_dir,
    restrict_database,
)
from tillitsleder.storage.sqlite_file import APPLICATION_ID, head_revision, inspect_database_file, known_revisions

log = logging.getLogger(__name__)

CHANGED_ELSEWHERE = N_(
    "Changed elsewhere meanwhile — your changes were not saved; the newer values are shown."
)


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
    read_only: bool = False
    read_only_reason: str | None = None  # READ_ONLY_BACKUP or READ_ONLY_PERMISSION
    backup_on_close: bool | None = None  # None: as ``storage.backups`` says for the whole process
    changed: bool = field(default=False, init=False)
    notifier: Sender | None = field(default=None, init=False)  # PostgreSQL: tells other PCs what each commit changed
    # Copied into every writing session's ``info``: who is saving (``model.versioned.ACTING_PERSON``), once known.
    session_info: dict[str, object] = field(default_factory=dict, repr=False)
    _factory: sessionmaker[Session] = field(init=False, repr=False)
    _reader: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._factory = sessionmaker(self.engine.execution_options(**{WRITE: True}), expire_on_commit=False)
        self._reader = sessionmaker(self.engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "begin", _remember_changes_so_far)
            event.listen(self.engine, "commit", self._note_commit)
        elif self.engine.dialect.name == "postgresql":
            self.notifier = send_on_commit(self.engine, self._factory)

    @property
    def location(self) -> str:
        """Where the data is, for people to read: the file's path, or the database and its server (no password)."""
        return str(self.path) if self.path is not None else describe_url(self.url)

    def _note_commit(self, connection) -> None:
        if _changes(connection) != connection.info.get(_CHANGES_AT_BEGIN):
            self.changed = True

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work commits at the end of the ``with`` block, or rolls back on any error."""
        if self.read_only:
            raise ReadOnlyDatabase(N_("“{path}” is open read-only: nothing can be changed in it."), path=self.location)
        try:
            with self._factory() as session, session.begin():
                session.info.update(self.session_info)
                yield session
        except (OperationalError, ProgrammingError) as exc:
            if not _operational(self.engine, exc):
                raise
            raise _failure(exc) from exc
        except StaleDataError as exc:  # a versioned row changed since this session read it (services say more)
            raise ChangedElsewhere(CHANGED_ELSEWHERE, entity="record", entity_id=None) from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading only; always rolled back."""
        try:
            with self._reader() as session:
                try:
                    yield session
                finally:
                    session.rollback()
        except (OperationalError, ProgrammingError) as exc:
            if not _operational(self.engine, exc):
                raise
            raise _failure(exc) from exc

    def ping(self) -> None:
        """One cheap round trip (``SELECT 1``): raises ``ConnectionLost`` while the server cannot be reached."""
        with self.read() as session:
            session.execute(text("SELECT 1"))

    def close(self) -> None:
        """Release the file; a changed database is backed up first where backups on close are on. A server
        database (no file) is never backed up here: that is the server's own tools' work."""
        wanted = backups.backups_on_close() if self.backup_on_close is None else self.backup_on_close
        if wanted and self.changed and self.path is not None:
            try:
                backups.backup_on_close(self)
                self.changed = False
            except Exception:  # noqa: BLE001 - closing must go on; the failure is in the log
                log.warning("The backup on closing %s failed", self.path, exc_info=True)
        self.engine.dispose()


def _operational(engine: Engine, exc: Exception) -> bool:
    """Whether ``exc`` is a failure of the database rather than of the caller's data: SQLite reports a missing
    table or column as an ``OperationalError``, PostgreSQL (psycopg) as a ``ProgrammingError`` of SQLSTATE class
    42 (undefined table or column, a refused privilege). A trigger's refusal stays what it is."""
    if isinstance(exc, OperationalError):
        return True
    sqlstate = getattr(getattr(exc, "orig", None), "sqlstate", None) or ""
    return engine.dialect.name != "sqlite" and sqlstate.startswith("42")


def _failure(exc: Exception) -> StorageError:
    error = as_storage_error(exc)
    assert error is not None
    return error


READ_ONLY_BACKUP = "backup"
READ_ONLY_PERMISSION = "permission"
_CHANGES_AT_BEGIN = "tillitsleder_changes_at_begin"


def _changes(connection) -> int:
    return connection.connection.dbapi_connection.total_changes


def _remember_changes_so_far(connection) -> None:
    connection.info[_CHANGES_AT_BEGIN] = _changes(connection)


def read_only_reason(path: Path) -> str | None:
    """Why the file at ``path`` must be opened read-only (``READ_ONLY_BACKUP``/``_PERMISSION``), or ``None``."""
    if backups.is_in_backup_folder(path):
        return READ_ONLY_BACKUP
    if is_read_only_file(path):
        return READ_ONLY_PERMISSION
    return None


def open_database(target: Path | str, *, create: bool = True, read_only: bool | None = None) -> Database:
    """Open the database at a path (SQLite) or URL, creating or migrating its schema as needed.

    With ``create=False`` nothing is created: a missing file raises ``DatabaseMissing`` (no folder is made
    either), an empty file ``NotATillitslederDatabase``. ``read_only=None`` opens a backup (a file under a
    ``backups`` folder) or a file we may not write read-only; ``True`` opens any file read-only (``tillitsleder
    check``). A read-only file is never created or migrated.
    """
    if is_server_url(target) or (isinstance(target, str) and "://" in target):
        return _open_url(str(target))
    path = Path(target)
    if is_server_target(path):  # a server's address that went through Path (its "//" is lost): never a new file
        raise StorageError(
            N_(
                "“{path}” is a server's address written as a file path; give the address as it is "
                "(postgresql://…)."
            ),
            path=str(path),
        )
    state = inspect_database_file(path)
    reason = read_only_reason(path) if state.exists else None
    if read_only and reason is None:
        reason = READ_ONLY_PERMISSION
    if state.is_new and not create:
        if not state.exists:
            raise DatabaseMissing(N_("There is no Tillitsleder database at “{path}”."), path=str(path))
        if _is_empty_file(path):
            raise NotATillitslederDatabase(
                N_("“{path}” is an empty file, not a Tillitsleder database; it was not changed."), path=str(path)
            )
    if state.is_new and (not create or reason is not None):
        raise StorageError(N_("There is no Tillitsleder database at “{path}”."), path=str(path))
    if reason is not None:
        return _open_read_only(path, state.is_current, reason, state.revision)
    if not state.exists:
        try:
            make_private_dir(path.parent)
            create_private_file(path)
        except OSError as exc:
            raise StorageError(
                N_("Cannot create the folder for “{path}”: {reason}"), path=str(path), reason=exc.strerror
            ) from exc
    restrict_database(path)
    database = Database(url=sqlite_url(path), engine=make_engine(sqlite_url(path)), path=path)
    if not state.is_current:
        if not state.is_new:
            database.backup_made = backups.make_backup(path, f"before-{head_revision()}")
            log.info("Backed up %s to %s before migrating", path, database.backup_made)
        _migrate(database)
        _verify_integrity(database)
        database.changed = False  # a migration alone needs no backup on close: the one before it has the data
    return database


def _is_empty_file(path: Path) -> bool:
    try:
        return path.stat().st_size == 0
    except OSError:
        return False


def _open_read_only(path: Path, is_current: bool, reason: str, revision: str | None) -> Database:
    if not is_current:
        if reason == READ_ONLY_BACKUP:
            message = N_(
                "“{path}” is a backup made by an older version of Tillitsleder: restore it to use it "
                "(File → Restore from backup…); it was not changed."
            )
        else:
            message = N_(
                "“{path}” is read-only and was made by an older version of Tillitsleder, so it cannot be "
                "upgraded: copy it to a folder where you may write and open the copy; it was not changed."
            )
        raise MigrationNeeded(message, path=str(path), detail=f"schema {revision}, this version {head_revision()}")
    return Database(
        url=sqlite_url(path), engine=make_read_only_engine(path), path=path, read_only=True, read_only_reason=reason
    )


def _open_url(url: str) -> Database:
    url = normalise_url(url)
    database = Database(url=url, engine=make_engine(url))
    with reading(database.engine.connect()) as connection:
        current = _current_revision(connection)
    if current is not None and current not in known_revisions():
        database.engine.dispose()
        raise DatabaseTooNew(
            N_(
                "“{path}” was written by a newer version of Tillitsleder (schema {revision}). "
                "Install the newer version to open it; the file was not changed."
            ),
            path=_shown(url),
            revision=current,
        )
    if current != head_revision():
        _migrate(database)
    return database


def _shown(url: str) -> str:
    """A server URL as a message may show it: without its password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


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
