"""The few things copying does differently on SQLite and PostgreSQL, named as such and kept in this one place.

- Ordering strings by their bytes: SQLite's default ``BINARY`` collation does; PostgreSQL needs ``COLLATE "C"``.
- Foreign keys inside the copy's transaction: SQLite defers their check to the commit
  (``PRAGMA defer_foreign_keys``); on PostgreSQL the tables go in foreign-key order and self-references are set
  afterwards (``transfer``).
- Sequences: PostgreSQL's ``serial`` sequences do not move when rows are written with their ids, so after a copy
  each is set past the table's largest id (``setval``); SQLite takes the next id from the table itself.
- Telling whether two URLs reach the same PostgreSQL database (a host's two names, a socket and a port).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Connection, Integer, String, Table, func, select, text
from sqlalchemy.sql.elements import ColumnElement


def bytewise(column: Column[Any], dialect_name: str) -> ColumnElement[Any]:
    """``column`` for ``ORDER BY`` so that strings sort by their bytes on both engines."""
    if isinstance(column.type, String) and dialect_name == "postgresql":
        return column.collate("C")
    return column


def defer_foreign_keys(connection: Connection) -> None:
    """On SQLite, check foreign keys when the transaction commits instead of at each statement."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")


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
