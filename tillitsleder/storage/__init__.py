"""Storage: database location, SQLite safety settings, schema checks, migrations and backups.

Names are loaded on first use, so ``tillitsleder.storage.locations`` stays cheap to import (SQLAlchemy is not).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tillitsleder.storage.database import Database, open_database
    from tillitsleder.storage.locations import default_database_path, resolve_database_path

_EXPORTS = {
    "Database": "tillitsleder.storage.database",
    "open_database": "tillitsleder.storage.database",
    "default_database_path": "tillitsleder.storage.locations",
    "resolve_database_path": "tillitsleder.storage.locations",
}
__all__ = ["Database", "default_database_path", "open_database", "resolve_database_path"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(name)
