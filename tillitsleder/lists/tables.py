"""Read-only tables for lists: columns, SQL-side sorting, searching and paging.

A ``TableSpec`` names its columns (with translatable titles) and builds a ``SELECT`` from parameters such as a
cohort id. ``count_rows`` and ``fetch_rows`` run it with a search text, a sort column and a page window, so a
front end shows a million rows without loading them, and never sorts in Python. Cells are raw values;
``cells.format_cell`` turns one into text in the current language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select

from tillitsleder.lists import cells
from tillitsleder.lists.cells import CellKind, ColumnShape
from tillitsleder.lists.cells import format_cell as format_cell  # where the lists' callers look for it
from tillitsleder.storage.database import Database

PAGE_SIZE = 200  # rows per fetch: a screenful and then some


@dataclass(frozen=True)
class TableColumn:
    key: str
    title: str  # untranslated msgid (N_); translate with _() where shown
    expression: ColumnElement[Any]
    kind: CellKind = "text"
    searchable: bool = False
    enum: type[StrEnum] | None = None

    @property
    def shape(self) -> ColumnShape:
        return ColumnShape(self.key, self.title, self.kind, self.enum)


@dataclass(frozen=True)
class TableSpec:
    """A list shown somewhere: columns plus a query builder taking keyword parameters (e.g. ``cohort_id``)."""

    key: str
    title: str  # untranslated msgid
    columns: tuple[TableColumn, ...]
    build: Callable[..., Select[Any]]  # build(**params) -> SELECT with .where() filters, no columns needed
    default_sort: str
    parameters: tuple[str, ...] = ()
    id_column: ColumnElement[Any] | None = None
    # What the list is about, in a sentence for an empty view (untranslated msgid).
    empty_text: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def shape(self) -> tuple[ColumnShape, ...]:
        return tuple(column.shape for column in self.columns)

    def column(self, key: str) -> TableColumn:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)


def _select(spec: TableSpec, params: Mapping[str, Any], search: str) -> Select[Any]:
    expressions = [c.expression.label(c.key) for c in spec.columns]
    if spec.id_column is not None:
        expressions.append(spec.id_column.label("_id"))
    query = spec.build(**params).with_only_columns(*expressions, maintain_column_froms=True)
    terms = [t for t in search.split() if t]
    searchable = [c.expression for c in spec.columns if c.searchable]
    for term in terms:
        pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(or_(*(func.lower(e).like(pattern.lower(), escape="\\") for e in searchable)))
    return query


def count_query(spec: TableSpec, params: Mapping[str, Any] | None = None, search: str = "") -> Select[Any]:
    """How many rows match: the ``SELECT`` behind ``count_rows``."""
    inner = _select(spec, params or {}, search).order_by(None).subquery()
    return select(func.count()).select_from(inner)


def count_rows(db: Database, spec: TableSpec, params: Mapping[str, Any] | None = None, search: str = "") -> int:
    with db.read() as session:
        return int(session.execute(count_query(spec, params, search)).scalar_one())


def fetch_rows(
    db: Database,
    spec: TableSpec,
    params: Mapping[str, Any] | None = None,
    *,
    search: str = "",
    sort: str | None = None,
    descending: bool = False,
    offset: int = 0,
    limit: int = PAGE_SIZE,
) -> list[tuple[Any, ...]]:
    """One page of rows; each row has one value per column, then the row id if the spec has one."""
    query = page_query(spec, params, search=search, sort=sort, descending=descending, offset=offset, limit=limit)
    with db.read() as session:
        return [tuple(row) for row in session.execute(query)]


def page_query(
    spec: TableSpec,
    params: Mapping[str, Any] | None = None,
    *,
    search: str = "",
    sort: str | None = None,
    descending: bool = False,
    offset: int = 0,
    limit: int = PAGE_SIZE,
) -> Select[Any]:
    """The ``SELECT`` behind ``fetch_rows``."""
    column = spec.column(sort or spec.default_sort)
    order = column.expression.desc() if descending else column.expression.asc()
    tiebreak = [spec.id_column] if spec.id_column is not None else []
    return _select(spec, params or {}, search).order_by(order.nulls_last(), *tiebreak).offset(offset).limit(limit)


def format_row(spec: TableSpec, row: Sequence[Any]) -> list[str]:
    return cells.format_row(spec.columns, row)
