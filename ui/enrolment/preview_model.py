"""The import preview as a table: one line per row of the file, problem rows highlighted with their reasons.

Rows with problems get a light red background (the cell of the column at fault a stronger red); rows with a
notice (an existing person who will be enrolled) a light blue one. The column after the names says what is
wrong or what will happen, in full in the tooltip. ``set_attention_only`` shows only the rows with problems or notices.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from tillitsleder.i18n import N_, _, format_number
from ui import colours

if TYPE_CHECKING:
    from tillitsleder.enrolment.participant_list.importer import ImportPreview, PreviewRow

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (
    ("line", N_("Row")),
    ("first_name", N_("First name")),
    ("last_name", N_("Last name")),
    ("check", N_("Check")),
    ("email", N_("E-mail")),
    ("employee_number", N_("Employee number")),
    ("unit", N_("Unit")),
    ("position", N_("Position")),
)
CHECK_COLUMN = 3
# Colour roles (``ui.colours``): each fill comes with its own ink.
PROBLEM = "preview.problem"
PROBLEM_CELL = "preview.problem_cell"
NOTICE = "preview.notice"


class PreviewModel(QAbstractTableModel):
    def __init__(self, preview: ImportPreview, mapping: dict[int, str], parent=None) -> None:
        super().__init__(parent)
        self._preview = preview
        # File column → the preview column showing it (a full name shows in first and last name).
        fields = {index: key for index, key in mapping.items()}
        keys = [key for key, _title in COLUMNS]
        self._column_of: dict[int, set[int]] = {}
        for index, key in fields.items():
            targets = ("first_name", "last_name") if key == "full_name" else (key,)
            self._column_of[index] = {keys.index(t) for t in targets if t in keys}
        self._rows: list[PreviewRow] = list(preview.rows)

    def set_attention_only(self, only: bool) -> None:
        self.beginResetModel()
        rows = self._preview.rows
        self._rows = [r for r in rows if r.problems or r.notices] if only else list(rows)
        self.endResetModel()

    def row(self, index: int) -> PreviewRow:
        return self._rows[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section][1])
        return None

    def faulty_columns(self, number: int) -> set[int]:
        """The preview columns of row ``number`` that hold a problem (highlighted darker)."""
        problems = self._rows[number].problems
        return set().union(*(self._column_of.get(p.column, set()) for p in problems if p.column is not None))

    def first_faulty_cell(self) -> QModelIndex | None:
        """The first highlighted cell, to scroll into view."""
        for number in range(len(self._rows)):
            columns = self.faulty_columns(number)
            if columns:
                return self.index(number, min(columns))
        return None

    def _check_text(self, row: PreviewRow) -> str:
        issues = row.problems or row.notices
        return " ".join(issue.text() for issue in issues) if issues else _("Ready")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if key == "line":
                return format_number(row.line)
            if key == "check":
                return self._check_text(row)
            return getattr(row, key)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            if row.problems:
                fill = PROBLEM_CELL if index.column() in self.faulty_columns(index.row()) else PROBLEM
            elif row.notices:
                fill = NOTICE
            else:
                return None
            background, ink = colours.scheme().brushes(fill)
            return background if role == Qt.ItemDataRole.BackgroundRole else ink
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "line":
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None
