"""Test data built once per test session and engine, then copied for each test (``database_copy`` of
tests/core/conftest.py): ``built(database_copy, key, fill)`` returns the private copy's target, as ``--db`` takes
it, and what ``fill(db)`` returned when the template was made (ids, keys)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tillitsleder.storage import Database, open_database

_MADE: dict[tuple[str, bool], Any] = {}


def built(database_copy: Callable[[str, Callable[[str], None]], str], key: str, fill: Callable[[Database], Any]):
    """(target, what ``fill`` returned) for a private copy of the database ``fill`` filled under ``key``."""

    def build(target: str) -> None:
        database = open_database(target)
        try:
            _MADE[key, "://" in target] = fill(database)
        finally:
            database.close()

    target = database_copy(key, build)
    return target, _MADE[key, "://" in target]
