"""Cheap, read-only inspection of a database file before anything writes to it.

Uses only the standard library's ``sqlite3`` in read-only mode, so it costs a few milliseconds, never
modifies the file, and lets an up-to-date database start without importing Alembic.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tillitsleder.errors import DatabaseDamaged, DatabaseTooNew, NotATillitslederDatabase, StorageError
from tillitsleder.i18n import N_
from tillitsleder.resources import migrations_dir

# "TlDr" — written into the SQLite header so other tools (and we) can tell the file apart.
APPLICATION_ID = 0x546C4472
SQLITE_MAGIC = b"SQLite format 3\x00"
_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


@cache
def known_revisions() -> tuple[str, ...]:
    """Revision ids this version ships, oldest first (files are named ``NNNN_slug.py``, revision ``NNNN``)."""
    names = (p.name for p in (migrations_dir() / "versions").iterdir())
    return tuple(sorted(m.group(1) for m in map(_REVISION_FILE.match, names) if m))


def head_revision() -> str:
    return known_revisions()[-1]


@dataclass(frozen=True)
class FileState:
    path: Path
    exists: bool
    revision: str | None  # None: no revision recorded yet
    has_tables: bool = False

    @property
    def is_new(self) -> bool:
        """Nothing to lose: the file is missing, empty, or an empty SQLite database."""
        return self.revision is None and not self.has_tables

    @property
    def is_current(self) -> bool:
        return self.revision == head_revision()


# For the few readers outside ``storage`` that read a file with the standard library only (the start-up snapshot,
# the journal's restore from a backup file, the CLI's passphrase check): they name these, never ``sqlite3``.
FileConnection = sqlite3.Connection
FileError = sqlite3.Error


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A plain ``sqlite3`` connection that cannot change the file (for cheap checks before the engine exists)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)


def read_one_row(path: Path, sql: str, parameters: tuple = ()) -> tuple | None:
    """The first row ``sql`` finds in the SQLite file at ``path``, read read-only (``None``: no row). Raises
    ``FileError`` when the file cannot be opened or read, or does not have the table."""
    connection = read_only_connection(path)
    try:
        return connection.execute(sql, parameters).fetchone()
    finally:
        connection.close()


def inspect_database_file(path: Path, *, quick_check: bool = True) -> FileState:
    """Tell whether ``path`` is new, ours and current, or raise a ``StorageError`` with a clear message.

    A file that is not a SQLite database, a SQLite database of another application, one written by a
    newer version, or one failing ``PRAGMA quick_check`` is refused and left byte-for-byte untouched.
    """
    if path.is_dir():
        raise StorageError(N_("“{path}” is a folder, not a database file."), path=str(path))
    if not path.exists():
        return FileState(path, exists=False, revision=None)
    wal = path.with_name(path.name + "-wal")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise StorageError(N_("Cannot read “{path}”: {reason}"), path=str(path), reason=exc.strerror) from exc
    if not header and not (wal.exists() and wal.stat().st_size):
        return FileState(path, exists=True, revision=None)
    if header and not header.startswith(SQLITE_MAGIC):
        raise NotATillitslederDatabase(N_("“{path}” is not a Tillitsleder database."), path=str(path))
    try:
        con = read_only_connection(path)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if app_id != APPLICATION_ID:
                if app_id == 0 and not tables:
                    return FileState(path, exists=True, revision=None)
                raise NotATillitslederDatabase(N_("“{path}” is not a Tillitsleder database."), path=str(path))
            revision = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            if revision is not None and revision not in known_revisions():
                raise DatabaseTooNew(
                    N_(
                        "“{path}” was written by a newer version of Tillitsleder (schema {revision}). "
                        "Install the newer version to open it; the file was not changed."
                    ),
                    path=str(path),
                    revision=revision,
                )
            if quick_check:
                result = [row[0] for row in con.execute("PRAGMA quick_check")]
                if result != ["ok"]:
                    raise DatabaseDamaged(
                        N_("“{path}” is damaged and was not opened; restore it from a backup."),
                        path=str(path),
                        detail="; ".join(result[:5]),
                    )
            return FileState(path, exists=True, revision=revision, has_tables=bool(tables))
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        message = str(exc).lower()
        if "locked" in message or "busy" in message:
            raise StorageError(N_("“{path}” is locked by another program."), path=str(path)) from exc
        if "not a database" in message or "malformed" in message or "corrupt" in message:
            raise DatabaseDamaged(
                N_("“{path}” is damaged and was not opened; restore it from a backup."),
                path=str(path),
                detail=str(exc),
            ) from exc
        raise StorageError(
            N_("Cannot open “{path}”: {reason}"), path=str(path), reason=str(exc), detail=str(exc)
        ) from exc
