"""Put a backup back in place of a database, so that the file is always the old one or the new one.

``restore_backup(backup, target)``:

1. checks the backup read-only: a Tillitsleder database (``application_id``), not from a newer version, passing
   ``PRAGMA integrity_check`` — a refused backup changes nothing;
2. refuses while another program has the database open (``PRAGMA journal_mode = DELETE`` needs every other
   connection gone; it also folds the ``-wal`` into the file, so the old database is complete on its own);
3. backs the current database up (reason ``before-restore``);
4. copies the backup with SQLite's backup API to a temporary file in the database's folder (0600), checks it
   and flushes it to the disk;
5. removes the old database's empty ``-wal``/``-shm`` and renames the copy over the database (``os.replace``,
   atomic), then flushes the folder.

A crash or ``kill -9`` at any moment leaves the old database or the restored one, never a mix; at most a
``.restoring`` temporary file is left, which the next restore removes.

**After restore.** Callbacks registered with ``register_after_restore`` — and the ``after_restore`` argument —
are called with the ``RestoreResult`` once the restored file is in place, before anyone opens it: this is where
work that must survive a restore is re-applied (the erasure log re-applies erasures made since the backup). A
callback that raises makes the restore raise (the restored file stays in place; the callbacks are meant to be
re-run on the next open too if they must not be missed). A restored database from an older version is migrated
when it is next opened.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tillitsleder.errors import Cancelled, DatabaseDamaged, StorageError
from tillitsleder.i18n import N_
from tillitsleder.storage import backups
from tillitsleder.storage.backup import CancelCheck, ProgressCallback
from tillitsleder.storage.private_files import create_private_file, fsync_file, fsync_folder, restrict
from tillitsleder.storage.sqlite_file import FileState, inspect_database_file, read_only_connection

log = logging.getLogger(__name__)

TEMPORARY_SUFFIX = ".restoring"
_PAGES_PER_STEP = 256


@dataclass(frozen=True)
class RestoreResult:
    """A finished restore: the database file, the backup it came from, and the copy of what it replaced."""

    path: Path
    restored_from: Path
    previous_copy: Path | None
    revision: str | None


AfterRestore = Callable[[RestoreResult], None]
_after_restore: list[AfterRestore] = []
IN_USE = N_("“{path}” is in use by another program; close it there and restore again. Nothing was changed.")


def register_after_restore(callback: AfterRestore) -> None:
    """Call ``callback(result)`` after every restore, once the restored file is in place (see the module doc)."""
    if callback not in _after_restore:
        _after_restore.append(callback)


def unregister_after_restore(callback: AfterRestore) -> None:
    with contextlib.suppress(ValueError):
        _after_restore.remove(callback)


def check_backup(backup: Path) -> FileState:
    """Refuse (``StorageError``) a backup that is not ours, newer, empty or damaged; never changes it."""
    state = inspect_database_file(backup)
    if state.is_new:
        raise StorageError(N_("“{path}” is not a Tillitsleder backup."), path=str(backup))
    con = read_only_connection(backup)
    try:
        result = [row[0] for row in con.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        result = [str(exc)]
    finally:
        con.close()
    if result != ["ok"]:
        raise DatabaseDamaged(
            N_("The backup “{path}” is damaged; choose another one. Nothing was changed."),
            path=str(backup),
            detail="; ".join(result[:5]),
        )
    return state


def restore_backup(
    backup: Path,
    target: Path,
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    after_restore: AfterRestore | None = None,
) -> RestoreResult:
    """Replace the database at ``target`` with ``backup`` (see the module doc); returns what was done."""
    if backup.resolve() == target.resolve():
        raise StorageError(N_("“{path}” is the open database itself; choose a backup."), path=str(backup))
    state = check_backup(backup)
    previous = None
    if target.exists():
        inspect_database_file(target, quick_check=False)  # refuses replacing a file that is not ours
        _take_over(target)
        previous = backups.make_backup(target, "before-restore", thin=False)  # thinned once the restore is done
    temporary = target.with_name(f".{target.name}{TEMPORARY_SUFFIX}")
    _remove_quietly(temporary)
    try:
        _copy(backup, temporary, progress, cancelled)
        check_backup(temporary)
        fsync_file(temporary)
        if target.exists():
            _take_over(target)  # nobody opened it meanwhile, and its -wal is empty
        for suffix in ("-wal", "-shm", "-journal"):
            _remove_quietly(target.with_name(target.name + suffix))
        os.replace(temporary, target)
    except BaseException:
        _remove_quietly(temporary)
        raise
    fsync_folder(target.parent)
    restrict(target)
    backups.thin_backups(target)
    result = RestoreResult(target, backup, previous, state.revision)
    log.info("Restored %s from %s (the replaced file was copied to %s)", target, backup, previous)
    for callback in [*_after_restore, *([after_restore] if after_restore else [])]:
        callback(result)
    return result


def _take_over(target: Path) -> None:
    """Make sure nobody else has ``target`` open, and fold its ``-wal`` into it (refuse if in use)."""
    try:
        con = sqlite3.connect(target, timeout=0)
        try:
            mode = con.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            con.execute("BEGIN EXCLUSIVE")  # no reader or writer left (and a hot journal rolled back)
            con.execute("COMMIT")
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise StorageError(
            IN_USE,
            path=str(target),
            detail=str(exc),
        ) from exc
    if str(mode).lower() != "delete":
        raise StorageError(
            IN_USE,
            path=str(target),
            detail=f"journal_mode stayed {mode}",
        )


def _copy(backup: Path, temporary: Path, progress: ProgressCallback | None, cancelled: CancelCheck | None) -> None:
    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)
        if cancelled is not None and cancelled():
            raise Cancelled(N_("The restore was cancelled; the database was not changed."))

    create_private_file(temporary)
    source = read_only_connection(backup)
    try:
        destination = sqlite3.connect(temporary)
        try:
            source.backup(destination, pages=_PAGES_PER_STEP, progress=step)
            destination.execute("PRAGMA journal_mode = DELETE")
        finally:
            destination.close()
    except sqlite3.Error as exc:
        raise StorageError(
            N_("The restore from “{path}” failed: {reason}; the database was not changed."),
            path=str(backup),
            reason=str(exc),
        ) from exc
    finally:
        source.close()


def _remove_quietly(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()
