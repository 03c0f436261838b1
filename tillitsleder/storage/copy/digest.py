"""A content hash of every table, computed the same way on SQLite and PostgreSQL, and a comparison of two databases.

Each table is read in primary-key order (strings by their bytes: SQLite's ``BINARY``, PostgreSQL's ``"C"``
collation, so both engines agree whatever the server's locale), streamed in batches, and every value is turned
into one canonical text in Python before it is hashed: bytes as hex, timestamps in ISO form in UTC, decimals
normalised (``0.750`` and ``0.75`` are one value), booleans, integers, dates and ``None`` each tagged with their
kind. Two databases hold the same data exactly when every table has the same row count and the same SHA-256.

``compare_databases`` reads both sides side by side, table by table, and also compares every binary column
(journal ciphertext and keys, signatures, certificate PDFs) byte for byte. Nothing here writes, and no value
read ever leaves this module: a difference names its table and row number, never the row.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from itertools import zip_longest
from typing import Any

from sqlalchemy import Column, Connection, LargeBinary, Table, func, select

from tillitsleder.model import Base
from tillitsleder.storage.copy.engine_specific import bytewise

BATCH_ROWS = 2000  # rows fetched at a time when reading (and written at a time when copying)
Cancel = Callable[[], bool]


@dataclass(frozen=True)
class TableDigest:
    """One table's row count and content hash (hex SHA-256 of its canonical rows in primary-key order)."""

    table: str
    rows: int
    sha256: str


@dataclass(frozen=True)
class TableComparison:
    """One table on both sides; ``binary_differences`` counts rows whose binary columns differ byte for byte."""

    table: str
    source: TableDigest
    target: TableDigest
    binary_values: int = 0  # binary values compared byte for byte (both sides non-empty rows)
    binary_differences: int = 0
    first_difference: int | None = None  # row number (from 1, in primary-key order) of the first such row

    @property
    def equal(self) -> bool:
        return self.source == self.target and self.binary_differences == 0


def copied_tables() -> list[Table]:
    """Every table of the model, parents before the tables that refer to them."""
    return list(Base.metadata.sorted_tables)


def journal_tables() -> set[str]:
    """The tables of the learning journal (``tillitsleder.model.journal``): entries, grants, drafts, commitments."""
    return {
        mapper.local_table.name
        for mapper in Base.registry.mappers
        if mapper.class_.__module__ == "tillitsleder.model.journal" and isinstance(mapper.local_table, Table)
    }


def ordered_select(table: Table, dialect_name: str):
    """``SELECT`` every column of ``table`` in primary-key order, strings by their bytes on both engines."""
    keys: Sequence[Column[Any]] = list(table.primary_key.columns) or list(table.columns)
    return select(*table.columns).order_by(*(bytewise(column, dialect_name) for column in keys))


def stream_rows(connection: Connection, table: Table) -> Iterator[Sequence[Any]]:
    """The rows of ``table`` in primary-key order, fetched ``BATCH_ROWS`` at a time (a server-side cursor on
    PostgreSQL), as tuples in the order of ``table.columns``."""
    statement = ordered_select(table, connection.dialect.name)
    result = connection.execute(statement, execution_options={"yield_per": BATCH_ROWS})
    for partition in result.partitions():
        yield from partition


def count_rows(connection: Connection, table: Table) -> int:
    return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def canonical(value: object) -> list[str] | None:
    """``value`` as [kind, text], the same for the same value whichever engine it came from."""
    if value is None:
        return None
    if isinstance(value, bool):
        return ["bool", "true" if value else "false"]
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, int):
        return ["int", str(value)]
    if isinstance(value, Decimal):
        return ["decimal", format(value.normalize(), "f")]
    if isinstance(value, float):
        return ["float", repr(value)]
    if isinstance(value, str):
        return ["text", value]
    if isinstance(value, bytes | bytearray | memoryview):
        return ["bytes", bytes(value).hex()]
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return ["timestamp", value.astimezone(UTC).isoformat()]
        return ["local-timestamp", value.isoformat()]
    if isinstance(value, date):
        return ["date", value.isoformat()]
    if isinstance(value, time):
        return ["time", value.isoformat()]
    if isinstance(value, timedelta):
        return ["interval", repr(value.total_seconds())]
    if isinstance(value, dict | list):
        return ["json", json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)]
    return [type(value).__name__, str(value)]


def _tagged(value: object) -> str:
    fast = _FAST.get(type(value))
    if fast is not None:
        return fast(value)
    found = canonical(value)
    return "null" if found is None else f"{found[0]}:{found[1]}"


# The commonest kinds, without ``canonical``'s chain of checks; the same texts it gives.
_FAST: dict[type, Callable[[Any], str]] = {
    type(None): lambda value: "null",
    bool: lambda value: "bool:true" if value else "bool:false",
    int: lambda value: f"int:{value}",
    str: lambda value: "text:" + value,
    bytes: lambda value: "bytes:" + value.hex(),
}


def canonical_row(row: Sequence[Any]) -> bytes:
    """One row as bytes to hash: each value's tagged canonical text, prefixed by its length (so no text can
    pass for two values)."""
    return "".join(f"{len(text)}|{text}" for text in map(_tagged, row)).encode() + b"\n"


class TableHasher:
    """Rows in, one ``TableDigest`` out: feed the rows of one table in primary-key order."""

    def __init__(self, table: str) -> None:
        self.table = table
        self.rows = 0
        self._hash = hashlib.sha256(table.encode() + b"\n")

    def add(self, row: Sequence[Any]) -> None:
        self.rows += 1
        self._hash.update(canonical_row(row))

    def digest(self) -> TableDigest:
        return TableDigest(self.table, self.rows, self._hash.hexdigest())


def table_digest(connection: Connection, table: Table, cancel: Cancel | None = None) -> TableDigest:
    hasher = TableHasher(table.name)
    for row in stream_rows(connection, table):
        hasher.add(row)
        if cancel is not None and hasher.rows % BATCH_ROWS == 0 and cancel():
            raise _cancelled()
    return hasher.digest()


def database_digest(connection: Connection, cancel: Cancel | None = None) -> list[TableDigest]:
    """Every table's digest, read through ``connection`` (one snapshot when it is in a read transaction)."""
    return [table_digest(connection, table, cancel) for table in copied_tables()]


def compare_tables(a: Connection, b: Connection, table: Table, cancel: Cancel | None = None) -> TableComparison:
    """``table`` hashed on both sides, side by side, with its binary columns compared byte for byte."""
    positions = [index for index, column in enumerate(table.columns) if isinstance(column.type, LargeBinary)]
    left, right = TableHasher(table.name), TableHasher(table.name)
    compared = differences = 0
    first: int | None = None
    for number, (row_a, row_b) in enumerate(zip_longest(stream_rows(a, table), stream_rows(b, table)), start=1):
        if row_a is not None:
            left.add(row_a)
        if row_b is not None:
            right.add(row_b)
        if positions:
            same = row_a is not None and row_b is not None
            if same:
                compared += len(positions)
                same = all(_raw(row_a[index]) == _raw(row_b[index]) for index in positions)
            if not same:
                differences += 1
                first = number if first is None else first
        if cancel is not None and number % BATCH_ROWS == 0 and cancel():
            raise _cancelled()
    source, target = left.digest(), right.digest()
    return TableComparison(table.name, source, target, compared, differences, first)


def _raw(value: object) -> object:
    return bytes(value) if isinstance(value, bytearray | memoryview) else value


def _cancelled():
    from tillitsleder.errors import Cancelled
    from tillitsleder.i18n import N_

    return Cancelled(N_("The comparison was cancelled."))
