"""A table model over rows read once, for a list shown before the database is fully open.

At start-up the first area shows rows from the start-up snapshot (``tillitsleder.first_screen``): the same
values ``SpecTableModel`` would fetch, formatted by the same ``cells.format_cell``, aligned and titled the
same. It offers what ``ListPanel`` and ``ListTable`` read of a model (``spec``, ``total``, ``search``,
``last_error``, ``row_id``) but cannot sort, search or fetch: the panel swaps in a ``SpecTableModel`` as soon
as the database is open.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from tillitsleder.i18n import _
from tillitsleder.lists.cells import ListShape, format_cell

ID_ROLE = Qt.ItemDataRole.UserRole
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_NUMERIC = frozenset({"number", "percent"})

Index = QModelIndex | QPersistentModelIndex


class SnapshotTableModel(QAbstractTableModel):
    """``rows`` of the list ``spec``: each row has one value per column, then its id."""

    search = ""
    last_error: str | None = None

    def __init__(self, spec: ListShape, rows: Sequence[tuple[Any, ...]], total: int, parent=None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.sort_key = spec.default_sort
        self._rows = list(rows)
        self.total = total
        self._kinds = [column.kind for column in spec.columns]

    def row_id(self, row: int) -> int | None:
        return self._rows[row][-1] if 0 <= row < len(self._rows) else None

    def retranslate(self) -> None:
        columns = len(self.spec.columns)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, columns - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.spec.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = format_cell(self.spec.columns[column], self._rows[row][column])
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if self._kinds[column] == "text" and len(text) > 12 else None
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if self._kinds[column] in _NUMERIC else _LEFT
        if role == ID_ROLE:
            return self.row_id(row)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.spec.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(self.spec.columns[section].title)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT
        return None
