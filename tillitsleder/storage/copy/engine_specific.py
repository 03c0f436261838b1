"""The few things copying does differently on SQLite and PostgreSQL, named as such and kept in this one place.

- Ordering strings by their bytes: SQLite's default ``BINARY`` collation does; PostgreSQL needs ``COLLATE "C"``.
- Foreign keys inside the copy's transaction: SQLite defers their check to the commit
  (``PRAGMA defer_foreign_keys``); on PostgreSQL the tables go in foreign-key order and self-references are set
  afterwards (``transfer``).
- Foreign keys on PostgreSQL are checked row by row through triggers, which makes them most of a large copy's time
  (300,000 rows: 20 s with them, 2 s without). So a copy into PostgreSQL drops the schema's foreign keys inside its
  transaction, remembering each one's exact definition (``pg_get_constraintdef``), and adds them back before it
  commits, which checks every copied row at once. A login that may not alter the tables copies with the checks.
- Sequences: PostgreSQL's ``serial`` sequences do not move when rows are written with their ids, so after a copy
  each is set past the table's largest id (``setval``); SQLite takes the next id from the table itself.
- Telling whether two URLs reach the same PostgreSQL database (a host's two names, a socket and a port).
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Column, Connection, Integer, String, Table, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.elements import ColumnElement

from tillitsleder.storage.failures import safe_detail

log = logging.getLogger(__name__)
ForeignKey = tuple[str, str, str]  # (table as PostgreSQL names it, constraint name, definition)


def bytewise(column: Column[Any], dialect_name: str) -> ColumnElement[Any]:
    """``column`` for ``ORDER BY`` so that strings sort by their bytes on both engines."""
    if isinstance(column.type, String) and dialect_name == "postgresql":
        return column.collate("C")
    return column


def defer_foreign_keys(connection: Connection) -> None:
    """On SQLite, check foreign keys when the transaction commits instead of at each statement."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")


def sqlite_foreign_key_problem(connection: Connection) -> str | None:
    """On SQLite, the first table holding a row that refers to a missing one (checked before the commit, which
    would otherwise fail without saying where); ``None`` when there is none, and always on PostgreSQL."""
    if connection.dialect.name != "sqlite":
        return None
    row = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
    return None if row is None else str(row[0])


def reset_postgresql_sequences(connection: Connection, tables: list[Table]) -> int:
    """Set each table's id sequence so the next new row gets the id after the largest copied one; returns how
    many sequences were set. Does nothing on SQLite."""
    if connection.dialect.name != "postgresql":
        return 0
    preparer = connection.dialect.identifier_preparer
    done = 0
    for table in tables:
        key = list(table.primary_key.columns)
        if len(key) != 1 or not isinstance(key[0].type, Integer):
            continue
        sequence = connection.execute(
            text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": preparer.format_table(table), "column": key[0].name},
        ).scalar()
        if sequence is None:
            continue
        following = connection.execute(select(func.coalesce(func.max(key[0]), 0) + 1)).scalar_one()
        connection.execute(
            text("SELECT setval(CAST(:sequence AS regclass), :value, false)"),
            {"sequence": sequence, "value": following},
        )
        done += 1
    return done


def postgresql_identity(connection: Connection) -> tuple[object, ...] | None:
    """What tells one PostgreSQL database from every other: the server's start time and the database's oid
    and name (``None`` on SQLite, where files are told apart by their paths)."""
    if connection.dialect.name != "postgresql":
        return None
    row = connection.execute(
        text("SELECT pg_postmaster_start_time(), oid, datname FROM pg_database WHERE datname = current_database()")
    ).one()
    return tuple(row)


def drop_postgresql_foreign_keys(connection: Connection) -> list[ForeignKey]:
    """Drop the foreign keys of the schema in this transaction and return them for ``add_postgresql_foreign_key``;
    on SQLite, or when the login may not alter the tables, nothing is dropped (and ``[]`` returned)."""
    if connection.dialect.name != "postgresql":
        return []
    keys: list[ForeignKey] = [
        (str(table), str(name), str(definition))
        for table, name, definition in connection.execute(
            text(
                "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
                "JOIN pg_namespace n ON n.oid = c.connamespace "
                "WHERE c.contype = 'f' AND n.nspname = current_schema() ORDER BY 1, 2"
            )
        )
    ]
    quote = connection.dialect.identifier_preparer.quote
    savepoint = connection.begin_nested()
    try:
        for table, name, _definition in keys:
            connection.exec_driver_sql(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
    except DBAPIError as exc:
        savepoint.rollback()
        log.info("Copying with the foreign keys checked row by row: %s", safe_detail(exc))
        return []
    savepoint.commit()
    return keys


def add_postgresql_foreign_key(connection: Connection, key: ForeignKey) -> None:
    """Put back a foreign key ``drop_postgresql_foreign_keys`` dropped; it checks all its rows at once."""
    table, name, definition = key
    connection.exec_driver_sql(
        f"ALTER TABLE {table} ADD CONSTRAINT {connection.dialect.identifier_preparer.quote(name)} {definition}"
    )
