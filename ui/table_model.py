"""A Qt table model over one of the core's ``TableSpec`` lists, fetched lazily in pages and sorted in SQL.

The model never holds a database session: every count and page goes through ``tables.count_rows`` and
``tables.fetch_rows``, each opening and closing its own. Rows arrive 200 at a time as the view scrolls
(``canFetchMore``/``fetchMore``); sorting and searching re-query the database, so a list of any length is
sorted by the database and never in Python (no ``QSortFilterProxyModel``).

Roles: ``DisplayRole`` is the cell formatted for the current language (cached per row until the language
changes); ``TextAlignmentRole`` right-aligns numbers and percentages; ``ID_ROLE`` (``Qt.UserRole``) is the
row's id; ``RAW_ROLE`` (``Qt.UserRole + 1``) the raw value. Header titles are translated when Qt asks, so a
language switch only needs ``retranslate()``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from sqlalchemy.exc import SQLAlchemyError

from tillitsleder.errors import TillitslederError
from tillitsleder.i18n import _
from tillitsleder.lists import tables
from tillitsleder.lists.tables import TableSpec
from tillitsleder.storage import Database

log = logging.getLogger(__name__)

PAGE_SIZE = tables.PAGE_SIZE
ID_ROLE = Qt.ItemDataRole.UserRole
RAW_ROLE = Qt.ItemDataRole.UserRole + 1
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_NUMERIC = frozenset({"number", "percent"})

Index = QModelIndex | QPersistentModelIndex


class SpecTableModel(QAbstractTableModel):
    """Rows of ``spec`` for ``params`` (e.g. ``cohort_id``), filtered by a search text, sorted by the database."""

    totalChanged = Signal(int)  # noqa: N815 - Qt naming; rows matching the search (not only those fetched)
    loadFailed = Signal(str)  # noqa: N815 - a message for the user

    def __init__(
        self,
        db: Database,
        spec: TableSpec,
        params: Mapping[str, Any] | None = None,
        *,
        search: str = "",
        page_size: int = PAGE_SIZE,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._spec = spec
        self._params = dict(params or {})
        self._search = search.strip()
        self._page_size = page_size
        self._sort_key = spec.default_sort
        self._descending = False
        self._rows: list[tuple[Any, ...]] = []
        self._display: dict[int, list[str]] = {}
        self._total = 0
        self.last_error: str | None = None  # why the last query failed, for the user; None after a success
        self._kinds = [column.kind for column in spec.columns]
        self._has_id = spec.id_column is not None
        self._reload()

    # --- what is shown ---------------------------------------------------------------------------------------

    @property
    def spec(self) -> TableSpec:
        return self._spec

    @property
    def params(self) -> dict[str, Any]:
        return dict(self._params)

    @property
    def search(self) -> str:
        return self._search

    @property
    def total(self) -> int:
        """How many rows match (fetched or not)."""
        return self._total

    @property
    def sort_key(self) -> str:
        return self._sort_key

    @property
    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    def column_index(self, key: str) -> int:
        return [column.key for column in self._spec.columns].index(key)

    def set_database(self, db: Database) -> None:
        self._db = db
        self._reload()

    def set_params(self, **params: Any) -> None:
        if params != self._params:
            self._params = dict(params)
            self._reload()

    def set_search(self, text: str) -> None:
        text = text.strip()
        if text != self._search:
            self._search = text
            self._reload()

    def refresh(self) -> None:
        """Re-query (after the data changed), keeping search and sort."""
        self._reload()

    def retranslate(self) -> None:
        """Headers and formatted cells follow the current language."""
        self._display.clear()
        columns = len(self._spec.columns)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, columns - 1))

    def row_id(self, row: int) -> int | None:
        if not self._has_id or not 0 <= row < len(self._rows):
            return None
        return self._rows[row][-1]

    # --- Qt model interface ----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._spec.columns)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or len(self._rows) >= self._total:
            return
        page = self._fetch(offset=len(self._rows))
        if not page:
            # The data shrank under us (another window wrote); stop asking.
            self._total = len(self._rows)
            self.totalChanged.emit(self._total)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            cells = self._display.get(row)
            if cells is None:
                cells = self._display[row] = tables.format_row(self._spec, self._rows[row])
            text = cells[column]
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if self._kinds[column] == "text" and len(text) > 12 else None  # may be elided
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if self._kinds[column] in _NUMERIC else _LEFT
        if role == ID_ROLE:
            return self.row_id(row)
        if role == RAW_ROLE:
            return self._rows[row][column]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._spec.columns):
            return None
        column = self._spec.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return _(column.title)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            # Left for every header, as in Windows Explorer: a right-aligned title would run into the
            # sort arrow in styles that draw it at the right edge.
            return _LEFT
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._spec.columns):
            return
        key = self._spec.columns[column].key
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self._sort_key, self._descending):
            self._sort_key, self._descending = key, descending
            self._reload()

    # --- loading ---------------------------------------------------------------------------------------------

    def _fetch(self, offset: int) -> list[tuple[Any, ...]]:
        try:
            return tables.fetch_rows(
                self._db,
                self._spec,
                self._params,
                search=self._search,
                sort=self._sort_key,
                descending=self._descending,
                offset=offset,
                limit=self._page_size,
            )
        except (TillitslederError, SQLAlchemyError) as exc:
            self._report(exc)
            return []

    def _reload(self) -> None:
        """Count again and load the first page (the view asks for more as it scrolls)."""
        self.beginResetModel()
        self._rows = []
        self._display.clear()
        self.last_error = None
        try:
            self._total = tables.count_rows(self._db, self._spec, self._params, self._search)
        except (TillitslederError, SQLAlchemyError) as exc:
            self._total = 0
            self._report(exc)
        if self._total:
            self._rows = self._fetch(offset=0)
            if len(self._rows) < self._page_size:
                self._total = len(self._rows)
        self.endResetModel()
        self.totalChanged.emit(self._total)

    def _report(self, exc: Exception) -> None:
        log.warning("Loading %s failed", self._spec.key, exc_info=exc)
        if isinstance(exc, TillitslederError):
            self.last_error = exc.user_message()
        else:
            self.last_error = _("The list could not be read from the database.")
        self.loadFailed.emit(self.last_error)
