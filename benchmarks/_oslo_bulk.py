"""Bulk writing for the Oslo-scale generator (a helper module: ``run_all`` skips ``_*.py``).

``BulkWriter.put(table, rows)`` writes plain row dicts with explicit ids, bypassing the services (and so the
journal's encryption: the generator supplies ciphertext-sized random bytes). Missing columns get the model's
Python-side defaults, so the rows are what the services would have written. On SQLite the rows go through
SQLAlchemy Core ``insert()`` executemany in batches; on PostgreSQL through psycopg's ``COPY … FROM STDIN``
(``cursor.copy``), after which each table's id sequence is moved past the highest id.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, Table, create_engine, event, insert, text

BATCH = 5_000


def generation_engine(url: str) -> Engine:
    """An engine for loading only: on SQLite without fsync per commit (the app's own engine keeps FULL)."""
    if url.startswith("sqlite"):
        engine = create_engine(url)

        @event.listens_for(engine, "connect")
        def _fast(dbapi_connection, _record) -> None:
            cursor = dbapi_connection.cursor()
            for pragma in ("PRAGMA journal_mode = WAL", "PRAGMA synchronous = OFF", "PRAGMA foreign_keys = ON"):
                cursor.execute(pragma)
            cursor.close()

        return engine
    return create_engine(url)


def _defaults(table: Table) -> list[tuple[str, Any]]:
    """(column, default) for every column whose Python-side default the rows may leave out."""
    found = []
    for column in table.columns:
        default = column.default
        if default is None or not getattr(default, "is_scalar", False) and not getattr(default, "is_callable", False):
            continue
        found.append((column.name, default))
    return found


def _value(default) -> Any:
    return default.arg if default.is_scalar else default.arg(None)


class BulkWriter:
    """Writes rows to one database, table by table, and counts them."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.postgresql = engine.dialect.name == "postgresql"
        self.counts: dict[str, int] = {}

    def put(self, table: Table, rows: Iterable[dict[str, Any]]) -> int:
        defaults = _defaults(table)
        batch: list[dict[str, Any]] = []
        written = 0
        columns: list[str] | None = None
        for row in rows:
            for name, default in defaults:
                if name not in row:
                    row[name] = _value(default)
            if columns is None:
                columns = list(row)
            batch.append(row)
            if len(batch) >= BATCH:
                written += self._write(table, columns, batch)
                batch = []
        if batch:
            assert columns is not None
            written += self._write(table, columns, batch)
        self.counts[table.name] = self.counts.get(table.name, 0) + written
        return written

    def _write(self, table: Table, columns: list[str], rows: list[dict[str, Any]]) -> int:
        if not self.postgresql:
            with self.engine.begin() as connection:
                connection.execute(insert(table), rows)
            return len(rows)
        with self.engine.begin() as connection:
            cursor = connection.connection.driver_connection.cursor()
            names = ", ".join(f'"{name}"' for name in columns)
            with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row([_plain(row[name]) for name in columns])
        return len(rows)

    def finish(self, tables: Iterable[Table]) -> None:
        """On PostgreSQL: move every id sequence past the ids written, then ANALYZE (as autovacuum soon would)."""
        if not self.postgresql:
            return
        with self.engine.begin() as connection:
            for table in tables:
                if "id" not in table.columns or table.name not in self.counts:
                    continue
                sequence = connection.execute(
                    text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}
                ).scalar()
                if sequence:
                    connection.execute(
                        text(f'SELECT setval(:s, (SELECT coalesce(max(id), 0) + 1 FROM "{table.name}"), false)'),
                        {"s": sequence},
                    )
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("ANALYZE")


def _plain(value: Any) -> Any:
    """What COPY writes: aware timestamps as naive UTC (as ``UTCDateTime`` stores them), enums as their value."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value
