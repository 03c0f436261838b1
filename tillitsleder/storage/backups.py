"""The automatic backups of a database: where they live, when they are made, and how they are thinned.

A database's backups are in the ``backups`` folder beside it, named ``<name>.<reason>-<UTC time>.sqlite3``
(``backup_file_name``). They are made

- before a migration (``open_database``, ``tillitsleder migrate``),
- before a bulk change — an import, an erasure, a retention run: call ``backup_before(db, "import")`` first,
- when a database that was changed is closed by the app or a command of the CLI (``backup_on_close``),
- on request (``tillitsleder backup``) and before a restore,

each through SQLite's online backup API, as a 0600 file in a 0700 folder. After each one the folder is thinned
by the one rule in ``tillitsleder.storage.thinning``. A backup never contains a ``-wal``: it is one file.
"""

from __future__ import annotations

import contextlib
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from tillitsleder import clock
from tillitsleder.i18n import _, format_number
from tillitsleder.storage.backup import CancelCheck, ProgressCallback, backup_database
from tillitsleder.storage.thinning import backups_to_keep


class OpenDatabase(Protocol):
    """What backups need of an open ``tillitsleder.storage.Database`` (which imports this module)."""

    path: Path | None
    read_only: bool
    changed: bool


log = logging.getLogger(__name__)

BACKUP_FOLDER = "backups"
_STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
_REASON = re.compile(r"[^a-z0-9]+")
_PARTIAL_KEPT_FOR_SECONDS = 3600  # an unfinished copy older than this is left over from a crash
_on_close = False


def enable_backups_on_close(on: bool = True) -> None:
    """Make ``Database.close`` back up a database that was changed (the app and the CLI switch this on)."""
    global _on_close
    _on_close = on


def backups_on_close() -> bool:
    return _on_close


@dataclass(frozen=True)
class BackupFile:
    """One backup of a database: its file, when it was made (UTC), why, and its size in bytes."""

    path: Path
    made_at: datetime
    reason: str
    size: int


def backup_folder(database_path: Path) -> Path:
    return database_path.parent / BACKUP_FOLDER


def is_in_backup_folder(path: Path) -> bool:
    """True for a file in a folder named ``backups`` (where the app keeps them): a backup is opened read-only."""
    return path.resolve().parent.name.casefold() == BACKUP_FOLDER


_ANY_BACKUP = re.compile(r"^(?P<stem>.+?)\.[a-z0-9-]+?-\d{8}T\d{6}Z(?:-\d+)?(?P<suffix>\.[^.]+)$")


def database_of_backup(backup: Path) -> Path | None:
    """The database a file in a backup folder is a backup of, if it is there (``None`` otherwise)."""
    match = _ANY_BACKUP.match(backup.name)
    if match is None or backup.parent.name.casefold() != BACKUP_FOLDER:
        return None
    database = backup.parent.parent / f"{match['stem']}{match['suffix']}"
    return database if database.is_file() else None


def _name_pattern(database_path: Path) -> re.Pattern[str]:
    suffix = re.escape(database_path.suffix or ".sqlite3")
    return re.compile(
        rf"^{re.escape(database_path.stem)}\.(?P<reason>[a-z0-9-]+?)-(?P<stamp>\d{{8}}T\d{{6}}Z)(?:-(?P<n>\d+))?"
        rf"{suffix}(?P<partial>\.partial)?$"
    )


def list_backups(database_path: Path) -> list[BackupFile]:
    """The finished backups of the database at ``database_path``, newest first."""
    folder = backup_folder(database_path)
    pattern = _name_pattern(database_path)
    found: list[tuple[datetime, BackupFile]] = []
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            match = pattern.match(entry.name)
            if match is None or match["partial"] or not entry.is_file():
                continue
            number = int(match["n"] or 1)
            # The n-th backup in one second is n-1 microseconds later: every backup has a time of its own.
            made_at = datetime.strptime(match["stamp"], _STAMP_FORMAT).replace(tzinfo=UTC, microsecond=number - 1)
            found.append((made_at, BackupFile(entry, made_at, match["reason"], entry.stat().st_size)))
    return [backup for _made_at, backup in sorted(found, key=lambda item: item[0], reverse=True)]


def new_backup_path(database_path: Path, reason: str) -> Path:
    """A free name in the backup folder for a backup made now for ``reason`` (``import``, ``before-0008`` …)."""
    label = _REASON.sub("-", reason.lower()).strip("-") or "backup"
    stamp = clock.now().astimezone(UTC).strftime(_STAMP_FORMAT)
    folder = backup_folder(database_path)
    suffix = database_path.suffix or ".sqlite3"
    # Later backups in the same second get higher numbers, even if thinning removed the earlier ones.
    taken = [
        int(match["n"] or 1)
        for match in map(_name_pattern(database_path).match, _names_in(folder))
        if match is not None and match["stamp"] == stamp
    ]
    number = max(taken, default=0) + 1
    name = f"{database_path.stem}.{label}-{stamp}{'' if number == 1 else f'-{number}'}{suffix}"
    candidate = folder / name
    return candidate


def _names_in(folder: Path) -> list[str]:
    try:
        return [entry.name for entry in folder.iterdir()]
    except OSError:
        return []


def make_backup(
    database_path: Path,
    reason: str,
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    thin: bool = True,
) -> Path:
    """Back the database up into its backup folder now, then thin the folder; returns the new backup."""
    destination = backup_database(
        database_path, new_backup_path(database_path, reason), progress=progress, cancelled=cancelled
    )
    log.info("Backed up %s to %s (%s)", database_path, destination, reason)
    if thin:
        thin_backups(database_path)
    return destination


def backup_before(target: OpenDatabase | Path, reason: str) -> Path | None:
    """Back up before a bulk change (``reason``: ``import``, ``erase``, ``retention`` …); call it first.

    ``target`` is an open ``Database`` or a database file. Nothing is made for a database that is not a file
    (a server URL), a read-only one (it cannot be changed) or a file that does not exist yet.
    """
    path = _file_of(target)
    if path is None:
        return None
    return make_backup(path, f"before-{reason}")


def backup_on_close(db: OpenDatabase) -> Path | None:
    """The backup made when ``db`` is closed after something was written to it (else ``None``)."""
    path = _file_of(db)
    if path is None or not db.changed:
        return None
    return make_backup(path, "on-close")


def _file_of(target: OpenDatabase | Path) -> Path | None:
    if isinstance(target, Path):
        return target if target.is_file() else None
    if target.path is None or target.read_only or not target.path.is_file():
        return None
    return target.path


def format_size(size: int) -> str:
    """A backup's size in kB or MB, in the language's number format."""
    if size < 1024 * 1024:
        return _("{n} kB").format(n=format_number(max(1, round(size / 1024))))
    return _("{n} MB").format(n=format_number(round(size / (1024 * 1024), 1)))


def thin_backups(database_path: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups the thinning rule does not keep, and unfinished copies left by a crash; returns them."""
    now = now or clock.now()
    backups = list_backups(database_path)
    keep = backups_to_keep([backup.made_at for backup in backups], now)
    removed = [backup.path for backup in backups if backup.made_at not in keep and _delete(backup.path)]
    removed += _remove_stale_partials(database_path, now)
    if removed:
        log.info("Thinned %d backups of %s", len(removed), database_path)
    return removed


def _remove_stale_partials(database_path: Path, now: datetime) -> list[Path]:
    pattern = _name_pattern(database_path)
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        for entry in backup_folder(database_path).iterdir():
            match = pattern.match(entry.name)
            if match is None or not match["partial"]:
                continue
            made_at = datetime.strptime(match["stamp"], _STAMP_FORMAT).replace(tzinfo=UTC)
            if (now - made_at).total_seconds() > _PARTIAL_KEPT_FOR_SECONDS and _delete(entry):
                removed.append(entry)
    return removed


def _delete(path: Path) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        log.warning("Could not delete the old backup %s: %s", path, exc)
        return False
    return True
