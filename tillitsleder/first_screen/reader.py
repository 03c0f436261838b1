"""Read the start area from a database file with ``sqlite3`` only (see the package's docstring).

``read_first_screen`` returns ``None`` whenever the snapshot cannot stand in for the real thing, and the app
then simply waits for the full open as before: a file at another schema revision (it may need migrating), a
coordinator who set a passphrase (nothing is shown before unlocking), or any SQLite error. Values are decoded
as SQLAlchemy's SQLite dialect decodes them, so the rows equal those the domain functions return (a test
compares them on the demo database).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import Any

from tillitsleder.curriculum.overview import curriculum_view
from tillitsleder.curriculum.values import CurriculumView
from tillitsleder.first_screen import compiled
from tillitsleder.lists.cells import ColumnShape, ListShape
from tillitsleder.storage.locations import is_server_target
from tillitsleder.storage.sqlite_file import FileConnection, FileError, read_only_connection

log = logging.getLogger(__name__)

Row = tuple[Any, ...]


@dataclass(frozen=True)
class FirstScreen:
    """The start area's data: the Programmes list's first page, the first programme's curriculum and the
    sessions to be registered."""

    programme_rows: tuple[Row, ...]  # one value per column of ``shape("programmes")``, then the id
    programme_total: int
    curriculum: CurriculumView | None  # of the first programme listed
    to_register: tuple[tuple[int, str, int], ...]


@cache
def shape(name: str) -> ListShape:
    """A list the start area shows (``"programmes"`` or ``"modules"``), without SQLAlchemy."""
    found = compiled.SHAPES[name]
    columns = tuple(
        ColumnShape(key, title, kind, _enum(enum) if enum else None) for key, title, kind, enum in found["columns"]
    )
    return ListShape(name, columns, found["default_sort"], found["empty_text"])


def _enum(dotted: str) -> type[StrEnum]:
    module, _dot, name = dotted.rpartition(".")
    return getattr(import_module(module), name)


def _decode(code: str, value: Any) -> Any:
    if value is None:
        return None
    kind, _colon, scale = code.partition(":")
    match kind:
        case "int":
            return int(value)
        case "str":
            return str(value)
        case "bool":
            return bool(value)
        case "float":
            return float(value)
        case "decimal":
            return Decimal(f"{float(value):.{int(scale)}f}")
        case "date":
            return value if isinstance(value, date) else date.fromisoformat(value)
        case "datetime":
            return datetime.fromisoformat(value)
        case "utc":
            return datetime.fromisoformat(value).replace(tzinfo=UTC)
    raise ValueError(code)


def _encode(code: str, value: Any) -> Any:
    if code == "utc":
        return value.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    if code == "date":
        return value.isoformat()
    return value


class _Reader:
    def __init__(self, con: FileConnection, inputs: Mapping[str, Any]) -> None:
        self.con = con
        self.inputs = inputs

    def rows(self, name: str) -> list[Row]:
        sql, constants, inputs, results = compiled.STATEMENTS[name]
        params = dict(constants)
        params.update({key: _encode(code, self.inputs[key]) for key, code in inputs})
        return [
            tuple(_decode(code, value) for code, value in zip(results, row, strict=True))
            for row in self.con.execute(sql, params)
        ]

    def scalar(self, name: str) -> Any:
        rows = self.rows(name)
        return rows[0][0] if rows else None


def read_first_screen(path: Path, now: datetime) -> FirstScreen | None:
    """The start area of the database at ``path`` as at ``now``, or ``None`` if the snapshot cannot be used (always
    for a server's address: the fast path reads a SQLite file only, a server takes the normal path)."""
    if is_server_target(path):
        return None
    try:
        con = read_only_connection(path)
    except FileError:
        return None
    try:
        return _read(_Reader(con, {"now": now}), con)
    except (FileError, ValueError, KeyError) as exc:
        log.info("Start-up snapshot not used: %s", type(exc).__name__)
        return None
    finally:
        con.close()


def _read(reader: _Reader, con: FileConnection) -> FirstScreen | None:
    revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision is None or revision[0] != compiled.REVISION or reader.rows("coordinator_locked"):
        return None
    con.execute("BEGIN")  # one consistent read of every query
    programmes = tuple(reader.rows("programmes"))
    curriculum = None
    if programmes:
        programme_id = programmes[0][-1]
        scoped = _Reader(con, {**reader.inputs, "programme_id": programme_id})
        programme = scoped.rows("curriculum_programme")
        if programme:
            curriculum = curriculum_view(
                programme_id,
                programme[0],
                scoped.rows("curriculum_semesters"),
                scoped.rows("curriculum_modules"),
                scoped.scalar("curriculum_cohorts") or 0,
            )
    return FirstScreen(
        programme_rows=programmes,
        programme_total=int(reader.scalar("programme_count") or 0),
        curriculum=curriculum,
        to_register=tuple((row[0], row[1], int(row[2])) for row in reader.rows("to_register")),
    )
