"""Where the erasure log is kept: the ``erasure_log`` table and a sidecar file beside the database.

The table travels with the database; the sidecar stays put when an older backup is copied over the database, so
the erasures made since that backup are still known and can be applied again (``erasure_log.reapply_erasures``).
Both hold person ids, timestamps and whether certificates were included — nothing else. The sidecar,
``<database file>.erasures``, has one JSON object a line, is only appended to, and is readable by its owner only
(mode 0600 where the file system has modes).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder.errors import StorageError
from tillitsleder.i18n import N_
from tillitsleder.model import ErasureRecord
from tillitsleder.storage.database import Database

SIDECAR_SUFFIX = ".erasures"


@dataclass(frozen=True, order=True)
class Erased:
    person_id: int
    include_certificates: bool
    erased_at: datetime


def sidecar_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + SIDECAR_SUFFIX)


def record(s: OrmSession, db: Database, entry: Erased) -> None:
    """Write ``entry`` to the sidecar (first, and flushed to disk) and to the table in the open transaction."""
    if db.path is not None:
        path = sidecar_path(db.path)
        if (entry.person_id, entry.include_certificates) not in {
            (e.person_id, e.include_certificates) for e in read_sidecar(path)
        }:
            append_sidecar(path, [entry])
    add_to_table(s, [entry])


def add_to_table(s: OrmSession, entries: list[Erased]) -> int:
    """Add the entries the table does not hold yet; returns how many were added."""
    known = {(r.person_id, r.include_certificates) for r in s.scalars(select(ErasureRecord))}
    added = 0
    for entry in entries:
        if (entry.person_id, entry.include_certificates) not in known:
            s.add(
                ErasureRecord(
                    person_id=entry.person_id,
                    include_certificates=entry.include_certificates,
                    erased_at=entry.erased_at,
                )
            )
            known.add((entry.person_id, entry.include_certificates))
            added += 1
    s.flush()
    return added


def table_entries(s: OrmSession) -> list[Erased]:
    return [
        Erased(r.person_id, r.include_certificates, r.erased_at)
        for r in s.scalars(select(ErasureRecord).order_by(ErasureRecord.erased_at, ErasureRecord.id))
    ]


def read_sidecar(path: Path) -> list[Erased]:
    """The sidecar's entries (none when it does not exist); a damaged line is a ``StorageError``, never skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise StorageError(
            N_("Cannot read the erasure log “{path}”: {reason}"), path=str(path), reason=exc.strerror
        ) from exc
    entries = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            values = json.loads(line)
            entries.append(
                Erased(
                    int(values["person_id"]),
                    bool(values["include_certificates"]),
                    datetime.fromisoformat(values["erased_at"]),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise StorageError(
                N_("The erasure log “{path}” is damaged; it was not changed."),
                path=str(path),
                detail=f"line {number}: {exc}",
            ) from exc
    return entries


def append_sidecar(path: Path, entries: list[Erased]) -> None:
    if not entries:
        return
    text = "".join(
        json.dumps(
            {
                "person_id": e.person_id,
                "include_certificates": e.include_certificates,
                "erased_at": e.erased_at.isoformat(),
            },
            sort_keys=True,
        )
        + "\n"
        for e in entries
    )
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0), 0o600)
        try:
            os.write(fd, text.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        if os.name == "posix":
            os.chmod(path, 0o600)
    except OSError as exc:
        raise StorageError(
            N_("Cannot write the erasure log “{path}”: {reason}"), path=str(path), reason=exc.strerror
        ) from exc


def merged(first: list[Erased], second: list[Erased]) -> list[Erased]:
    """One entry per person and choice, the earliest, ordered by time."""
    best: dict[tuple[int, bool], Erased] = {}
    for entry in [*first, *second]:
        key = (entry.person_id, entry.include_certificates)
        if key not in best or entry.erased_at < best[key].erased_at:
            best[key] = entry
    return sorted(best.values(), key=lambda e: (e.erased_at, e.person_id))
