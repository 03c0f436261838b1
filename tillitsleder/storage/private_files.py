"""Files only their owner can read: databases, backups and exports are 0600, folders we create 0700 (POSIX).

SQLite gives a database's ``-wal`` and ``-shm`` files the permissions of the database file itself, so creating
the database file 0600 before SQLite opens it covers them too. On other systems (Windows) the user's profile
folders already keep other users out, and these functions leave permissions alone.

``is_read_only_file`` tells the app to open a file read-only: no write permission for us, or no write bit for
anyone (``chmod a-w`` — which counts even for an administrator, who could write anyway).
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
IS_POSIX = os.name == "posix"


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` (and missing parents); each folder created here is 0700. Existing ones are left as they are."""
    missing: list[Path] = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    folder.mkdir(parents=True, exist_ok=True)
    if IS_POSIX:
        for created in missing:
            with contextlib.suppress(OSError):
                os.chmod(created, PRIVATE_DIR_MODE)


def create_private_file(path: Path) -> bool:
    """Create ``path`` empty and 0600 if it does not exist yet (SQLite then fills it); True if it was created."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags, PRIVATE_FILE_MODE)
    except FileExistsError:
        return False
    os.close(descriptor)
    restrict(path)  # the umask may have taken bits away, never added: this only makes sure
    return True


def restrict(path: Path) -> None:
    """Make an existing file 0600 (POSIX; a file we cannot change is left as it is)."""
    if IS_POSIX:
        with contextlib.suppress(OSError):
            os.chmod(path, PRIVATE_FILE_MODE)


def restrict_database(path: Path) -> None:
    """Make a database and its ``-wal``/``-shm`` companions 0600 when any of them can be read by others."""
    if not IS_POSIX:
        return
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            mode = candidate.stat().st_mode
        except OSError:
            continue
        if mode & 0o077:
            restrict(candidate)


def write_private_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (replacing it) as a 0600 file."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags, PRIVATE_FILE_MODE)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    restrict(path)


def is_read_only_file(path: Path) -> bool:
    """True when the app must not write to ``path``: we may not, or nobody has a write bit (``chmod a-w``)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    if not os.access(path, os.W_OK):
        return True
    return IS_POSIX and not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def fsync_file(path: Path) -> None:
    """Flush ``path``'s contents to the disk."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename in it) to the disk; a no-op where folders cannot be opened (Windows)."""
    if not IS_POSIX:
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
