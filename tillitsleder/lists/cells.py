"""A list's cells as text: one formatter for every list, whether its rows came through SQLAlchemy or not.

``format_cell`` takes anything with a ``kind`` and an ``enum`` (a ``tables.TableColumn``, or the
``ColumnShape`` that describes a column without its SQL) and a raw value as either driver returns it: a date
may arrive as a ``date`` or as SQLite's ISO text, a number as ``int``, ``float``, ``Decimal`` or text. This
module loads no SQLAlchemy, so the start-up snapshot (``tillitsleder.first_screen``) formats with it too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal, Protocol
from zoneinfo import ZoneInfo

from tillitsleder.i18n import _, format_date, format_datetime, format_number, format_share

CellKind = Literal["text", "number", "date", "datetime", "percent", "bool", "enum"]
DISPLAY_ZONE = ZoneInfo("Europe/Oslo")


class CellColumn(Protocol):
    """What formatting needs to know about a column."""

    @property
    def key(self) -> str: ...

    @property
    def title(self) -> str: ...  # untranslated msgid

    @property
    def kind(self) -> CellKind: ...

    @property
    def enum(self) -> type[StrEnum] | None: ...


@dataclass(frozen=True)
class ColumnShape:
    """A column as a view shows it (key, title, kind, enum), without the SQL that computes it."""

    key: str
    title: str  # untranslated msgid (N_)
    kind: CellKind = "text"
    enum: type[StrEnum] | None = None


@dataclass(frozen=True)
class ListShape:
    """A list as a view shows it without its SQL: the columns, the default sort and the empty-list sentence
    (what ``tables.TableSpec`` offers the views, minus the query)."""

    key: str
    columns: tuple[ColumnShape, ...]
    default_sort: str
    empty_text: str = ""  # untranslated msgid

    def column_index(self, key: str) -> int:
        return [column.key for column in self.columns].index(key)


def format_cell(column: CellColumn, value: Any) -> str:
    if value is None:
        return ""
    match column.kind:
        case "enum":
            if column.enum is not None:
                try:
                    return column.enum(value).label()  # type: ignore[attr-defined]
                except ValueError:
                    return str(value)
            return str(value)
        case "date":
            return format_date(value if isinstance(value, date) else date.fromisoformat(str(value)))
        case "datetime":
            if isinstance(value, datetime):
                return format_datetime(value.astimezone(DISPLAY_ZONE))
            return str(value)
        case "number":
            return format_number(value if isinstance(value, int | float | Decimal) else Decimal(str(value)))
        case "percent":  # a share (fraction): rounded down to 0.1 %, as everywhere
            return format_share(value if isinstance(value, int | float | Decimal) else Decimal(str(value)))
        case "bool":
            return _("Yes") if value else _("No")
    return str(value)


def format_row(columns: Sequence[CellColumn], row: Sequence[Any]) -> list[str]:
    return [format_cell(column, value) for column, value in zip(columns, row, strict=False)]
