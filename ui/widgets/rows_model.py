"""A small read-only table model over rows of text prepared by a tab, with cells that can be marked (e.g. a month
over capacity), a row id for the selection, and numbers right-aligned (cells and their headers) in the columns
the tab names.

A marked cell is not told by colour alone: it is bold, has a warning icon and, when the tab gives ``mark_tip``,
says why in its tooltip; its fill comes with its own ink (``ui.colours``, role ``mark``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from ui import colours

MARK = "mark"  # the colour role of a marked cell


class RowsModel(QAbstractTableModel):
    def __init__(
        self,
        headers: Callable[[], Sequence[str]],
        parent=None,
        *,
        numeric: Callable[[int], bool] = lambda _c: False,
        mark_tip: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._headers = headers
        self._mark_tip = mark_tip  # why a cell is marked, in the UI's language
        self._icon = None
        self._numeric = numeric  # column → whether it holds numbers (right-aligned)
        self._rows: list[Sequence[str]] = []
        self._ids: list[int | None] = []
        self._marked: set[tuple[int, int]] = set()

    def set_rows(
        self, rows: Sequence[Sequence[str]], ids: Sequence[int | None] = (), marked: set[tuple[int, int]] = frozenset()
    ) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._ids = list(ids) or [None] * len(self._rows)
        self._marked = set(marked)
        self.endResetModel()

    def append_rows(self, rows: Sequence[Sequence[str]], ids: Sequence[int | None] = ()) -> None:
        """Add ``rows`` at the end (the next page of a list that loads as it scrolls)."""
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self._ids.extend(list(ids) or [None] * len(rows))
        self.endInsertRows()

    def row_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def is_marked(self, row: int, column: int) -> bool:
        return (row, column) in self._marked

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers())

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(index.column())
        marked = (index.row(), index.column()) in self._marked
        if not marked:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return colours.scheme().brushes(MARK)[0]
        if role == Qt.ItemDataRole.ForegroundRole:
            return colours.scheme().brushes(MARK)[1]
        if role == Qt.ItemDataRole.DecorationRole:
            if self._icon is None:
                self._icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            return self._icon
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole) and self._mark_tip:
            return self._mark_tip()
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            headers = self._headers()
            return headers[section] if section < len(headers) else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(section)
        return None

    def _alignment(self, column: int) -> Qt.AlignmentFlag:
        side = Qt.AlignmentFlag.AlignRight if self._numeric(column) else Qt.AlignmentFlag.AlignLeft
        return side | Qt.AlignmentFlag.AlignVCenter

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(self.columnCount() - 1, 0))
