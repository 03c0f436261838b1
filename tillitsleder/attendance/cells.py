"""Writing register cells one by one, so two people marking the same grid never overwrite each other.

Each changed cell is its own statement with the cell's own version (``attendance.version``, revision 0014):

* a cell the user saw empty (version 0) is an INSERT; if someone else filled it meanwhile the unique key on
  (session, enrolment) refuses it — inside a SAVEPOINT, so on PostgreSQL the rest of the transaction goes on;
* a cell the user saw at version *n* is ``UPDATE … WHERE version = n`` (or ``DELETE … WHERE version = n`` to
  clear it), setting ``version = n + 1``; no row matched means someone else changed or cleared it meanwhile.

A refused cell is left as the other person saved it and reported back; the other cells are saved. Where the
other person wrote what this user wanted too, nothing was lost and nothing is refused. Without ``seen`` versions
(the command line) a cell is simply upserted, the last save winning for that cell alone. Plain SQLAlchemy Core:
the same statements on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as OrmSession

from tillitsleder.model import Attendance

Key = tuple[int, int]  # (enrolment id, session id)
CELL = Attendance.__table__


@dataclass
class CellOutcome:
    """What ``write_cells`` did: the cells it changed (status id or None for cleared) and those it refused."""

    applied: dict[Key, int | None] = field(default_factory=dict)
    refused: list[Key] = field(default_factory=list)


def write_cells(
    s: OrmSession,
    wanted: Mapping[Key, int | None],
    seen: Mapping[Key, int] | None,
    *,
    moment: datetime,
    person_id: int | None,
) -> CellOutcome:
    """Write ``wanted`` cells; with ``seen`` (the version each cell had in the user's grid, 0 for an empty one)
    refuse those changed since. Cells already as wanted are left alone."""
    outcome = CellOutcome()
    stamp = {"updated_at": moment, "updated_by_id": person_id}
    for key, status_id in wanted.items():
        expected = None if seen is None else int(seen.get(key, 0))
        if status_id is None:
            done = _clear(s, key, expected)
        else:
            done = _set(s, key, status_id, expected, stamp)
        if done is None:
            continue
        if done:
            outcome.applied[key] = status_id
        elif current(s, [key]).get(key, (None,))[0] != status_id:
            outcome.refused.append(key)  # someone else's value stands; the same value would be no loss
    return outcome


def current(s: OrmSession, keys: list[Key]) -> dict[Key, tuple[int, int, datetime | None, int | None]]:
    """(status id, version, updated at, updated by) of the cells at ``keys`` that have a row now."""
    found = {}
    for enrolment_id, session_id in keys:
        row = s.execute(
            select(CELL.c.status_id, CELL.c.version, CELL.c.updated_at, CELL.c.updated_by_id).where(
                CELL.c.enrolment_id == enrolment_id, CELL.c.session_id == session_id
            )
        ).first()
        if row is not None:
            found[(enrolment_id, session_id)] = tuple(row)
    return found


def _where(key: Key) -> list[Any]:
    return [CELL.c.enrolment_id == key[0], CELL.c.session_id == key[1]]


def _clear(s: OrmSession, key: Key, expected: int | None) -> bool | None:
    """True: cleared; None: nothing to do; False: refused (changed since)."""
    if expected == 0:
        return None  # seen empty, wanted empty
    statement = delete(CELL).where(*_where(key))
    if expected is not None:
        statement = statement.where(CELL.c.version == expected)
    if s.execute(statement).rowcount:
        return True
    if expected is None:
        return None  # there was nothing to clear
    return False


def _set(s: OrmSession, key: Key, status_id: int, expected: int | None, stamp: dict[str, Any]) -> bool | None:
    """True: written; None: already so (nothing to do); False: refused (changed since)."""
    if expected is None:
        before = current(s, [key]).get(key)
        if before is not None and before[0] == status_id:
            return None
        if before is None and _insert(s, key, status_id, stamp):
            return True
        # the cell exists (now): overwrite it, whatever its version
        changed = s.execute(
            update(CELL).where(*_where(key)).values(status_id=status_id, version=CELL.c.version + 1, **stamp)
        ).rowcount
        return bool(changed)
    if expected == 0:
        return _insert(s, key, status_id, stamp)
    changed = s.execute(
        update(CELL)
        .where(*_where(key), CELL.c.version == expected)
        .values(status_id=status_id, version=CELL.c.version + 1, **stamp)
    ).rowcount
    return bool(changed)


def _insert(s: OrmSession, key: Key, status_id: int, stamp: dict[str, Any]) -> bool:
    """Insert a new cell in a savepoint; False when another save filled it first (the unique key refused)."""
    try:
        with s.begin_nested():
            s.execute(
                insert(CELL).values(enrolment_id=key[0], session_id=key[1], status_id=status_id, version=1, **stamp)
            )
    except IntegrityError:
        return False
    return True
