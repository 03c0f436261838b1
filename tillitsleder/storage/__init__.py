"""Storage: database location, SQLite safety settings, schema checks, migrations and backups."""

from tillitsleder.storage.database import Database, open_database
from tillitsleder.storage.locations import default_database_path, resolve_database_path

__all__ = ["Database", "default_database_path", "open_database", "resolve_database_path"]
