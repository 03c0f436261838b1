"""Leaving no bytes of deleted values behind: what an erasure asks of the storage after its rows are gone.

On a SQLite file, a deleted row's bytes stay in freed pages and in the WAL until they are overwritten. An erasure
therefore turns ``secure_delete`` on in its transaction (``secure_delete``: freed content is zeroed as it is
freed) and afterwards rewrites the file and empties the WAL (``scrub``: ``VACUUM`` and
``wal_checkpoint(TRUNCATE)``), so a person's name and e-mail are gone from the file's bytes.

On PostgreSQL both are deliberately no-ops. The erased values are gone for every reader the moment the
transaction commits; the old row versions left in the server's data files are reclaimed by autovacuum, and the
server's write-ahead log, base backups and archives are the server operator's to keep or expire under the
municipality's retention rules. The app has no access to those files, and a ``VACUUM`` of the table would not
reach them either, so nothing is needed here for correctness: ``scrub`` answers ``True``.
"""

from __future__ import annotations

import logging
import sqlite3
import time

from sqlalchemy import Engine
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)


def secure_delete(session: Session) -> None:
    """Zero what the rest of ``session``'s transaction frees (SQLite's ``secure_delete``); nothing on a server."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA secure_delete = ON")


def scrub(engine: Engine, *, attempts: int = 3) -> bool:
    """Rewrite the file without freed pages and empty the WAL, so deleted values leave no bytes behind. False when
    another connection kept the WAL in use (each attempt waits up to the busy timeout); the rows are erased
    either way, only old bytes may linger in free space until the next scrub. Always True on a server (see the
    module's docstring)."""
    if engine.dialect.name != "sqlite":
        return True
    raw = engine.raw_connection()  # VACUUM runs outside a transaction: the driver's connection, autocommitting
    try:
        connection = raw.driver_connection
        connection.execute("PRAGMA secure_delete = ON")  # type: ignore[union-attr]
        connection.execute("VACUUM")  # type: ignore[union-attr]
        for _attempt in range(attempts):  # a reader elsewhere holds the WAL for a moment: poll, do not wait
            busy = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]  # type: ignore[union-attr]
            if not busy:
                return True
            time.sleep(0.05)
    except sqlite3.OperationalError:
        log.warning("Could not vacuum the database after an erasure", exc_info=True)
    finally:
        raw.close()
    return False
