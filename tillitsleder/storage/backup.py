"""Consistent copies of a live SQLite database through SQLite's online backup API.

A copy is written 0600 under a temporary name, flushed to the disk and then renamed: a crash or a cancel at any
moment leaves either no backup or a complete one (and at most an unfinished ``.partial``, never under the
backup's own name).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

from tillitsleder import clock
from tillitsleder.errors import Cancelled, StorageError
from tillitsleder.i18n import N_
from tillitsleder.storage.private_files import create_private_file, fsync_file, fsync_folder, make_private_dir

ProgressCallback = Callable[[int, int], None]  # (done, total) in pages
CancelCheck = Callable[[], bool]

_PAGES_PER_STEP = 256


def backup_file_name(source: Path, label: str) -> str:
    stamp = clock.now().strftime("%Y%m%dT%H%M%SZ")
    return f"{source.stem}.{label}-{stamp}{source.suffix or '.sqlite3'}"


def backup_database(
    source: Path,
    destination: Path,
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> Path:
    """Copy ``source`` to ``destination`` (which must not exist) page by page while others may use it.

    The copy is written to a temporary name and renamed when complete, so a cancelled or failed backup
    leaves nothing behind that looks like a good one.
    """
    if destination.exists():
        raise StorageError(N_("“{path}” already exists; choose another name."), path=str(destination))
    try:
        make_private_dir(destination.parent)
        partial = destination.with_name(destination.name + ".partial")
        partial.unlink(missing_ok=True)
        create_private_file(partial)
    except OSError as exc:
        raise StorageError(
            N_("The backup to “{path}” failed: {reason}"), path=str(destination), reason=exc.strerror
        ) from exc

    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)
        if cancelled is not None and cancelled():
            raise Cancelled(N_("The backup was cancelled."))

    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst, pages=_PAGES_PER_STEP, progress=step)
            # A backup is a single file: no WAL beside it.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    except Cancelled:
        _remove_partial(partial)
        raise
    except sqlite3.Error as exc:
        _remove_partial(partial)
        raise StorageError(
            N_("The backup to “{path}” failed: {reason}"), path=str(destination), reason=str(exc)
        ) from exc
    finally:
        src.close()
    fsync_file(partial)
    partial.replace(destination)
    fsync_folder(destination.parent)
    return destination


def _remove_partial(partial: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            partial.with_name(partial.name + suffix).unlink(missing_ok=True)
