"""A database health report: schema revision, SQLite integrity and row counts (``tillitsleder check``).

Checking never changes the file: it is inspected and opened read-only, and a file from an older version is
reported as due for migration (``MigrationNeeded``) instead of being migrated.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, text

from tillitsleder.errors import MigrationNeeded, StorageError
from tillitsleder.i18n import N_
from tillitsleder.model import Base
from tillitsleder.storage.database import Database, open_database
from tillitsleder.storage.engine import reading
from tillitsleder.storage.sqlite_file import head_revision, inspect_database_file


@dataclass(frozen=True)
class HealthReport:
    revision: str | None
    head: str
    integrity: list[str]
    foreign_key_problems: int
    row_counts: dict[str, int]

    @property
    def healthy(self) -> bool:
        return self.revision == self.head and self.integrity == ["ok"] and self.foreign_key_problems == 0


def check_database(path: Path) -> HealthReport:
    """Open read-only (refusing foreign, newer, damaged or older files), then run the full checks."""
    state = inspect_database_file(path)
    if state.is_new:
        open_database(path, create=False, read_only=True)  # says which: missing, an empty file, or no database
        raise StorageError(N_("There is no Tillitsleder database at “{path}”."), path=str(path))
    if not state.is_current:
        raise MigrationNeeded(
            N_(
                "“{path}” has schema {revision} and needs a migration to {head}; nothing was changed. "
                "Open it in Tillitsleder or run “tillitsleder migrate --db PATH” to migrate it."
            ),
            path=str(path),
            revision=state.revision or "—",
            head=head_revision(),
        )
    db = open_database(path, create=False, read_only=True)
    try:
        return database_health(db)
    finally:
        db.close()


def database_health(db: Database) -> HealthReport:
    with reading(db.engine.connect()) as connection:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        if connection.dialect.name == "sqlite":
            integrity = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
            fk_problems = len(connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall())
        else:
            integrity, fk_problems = ["ok"], 0
        counts = {
            name: int(connection.execute(select(func.count()).select_from(table)).scalar_one())
            for name, table in sorted(Base.metadata.tables.items())
        }
    return HealthReport(revision, head_revision(), integrity, fk_problems, counts)
