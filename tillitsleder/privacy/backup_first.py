"""A backup before a bulk change (deleting a cohort or programme, applying retention rules).

Interim: the ``backups`` work brings the app's own "backup before bulk change" helper; at the merge this module
calls it instead. Until then the copy goes, through ``storage.backup.backup_database``, to ``backups/`` beside
the database file — where the app already keeps the copy it makes before migrating.
"""

from __future__ import annotations

from pathlib import Path

from tillitsleder.storage.backup import backup_database, backup_file_name
from tillitsleder.storage.database import Database


def backup_before(db: Database, label: str) -> Path | None:
    """Copy the database to ``<its folder>/backups/<name>.<label>-<time>.sqlite3``; returns the copy's path.
    A database that is not a file (a server URL, as in some tests) has no such copy: ``None``."""
    if db.path is None:
        return None
    folder = db.path.parent / "backups"
    destination, number = folder / backup_file_name(db.path, label), 1
    while destination.exists():  # two bulk changes within one second
        number += 1
        destination = folder / backup_file_name(db.path, f"{label}-{number}")
    return backup_database(db.path, destination)
