"""A table model over a cohort's ``ParticipantCompletion`` rows: name, unit, attendance, journal count, state, why,
sign-off. The rows are computed by the completion service (a few queries for the whole cohort); sorting is by
column in memory, which a cohort of a few hundred people makes instant."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from tillitsleder.i18n import N_, _, format_date, format_number, format_share
from ui import colours

COLUMNS = (
    N_("Participant"),
    N_("Unit"),
    N_("Attendance"),
    N_("Journal entries"),
    N_("Completion"),
    N_("Why"),
    N_("Signed off"),
)
STATE_ORDER = ("cannot_complete", "at_risk", "on_track", "completed")
Index = QModelIndex | QPersistentModelIndex


class CompletionModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list = []  # ParticipantCompletion

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def replace_row(self, updated) -> None:
        """Show ``updated`` in place of the row of the same enrolment (it keeps its position)."""
        for number, row in enumerate(self.rows):
            if row.enrolment_id == updated.enrolment_id:
                self.rows[number] = updated
                self.dataChanged.emit(self.index(number, 0), self.index(number, len(COLUMNS) - 1))
                return

    def row_at(self, row: int):
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 5:
            return "\n".join(row.reasons)
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return _("Weighted attendance of the sessions held so far.")
        if role == Qt.ItemDataRole.ForegroundRole and column == 4:
            return colours.scheme().brushes(f"completion.{row.state.value}")[1]  # the words say the state too
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return self._sort_key(row, column)
        return None

    @staticmethod
    def _text(row, column: int) -> str:
        if column == 0:
            return row.name
        if column == 1:
            return row.unit
        if column == 2:
            return format_share(row.attendance_so_far, "–")
        if column == 3:
            return format_number(row.journal_entries) if row.journal_entries is not None else _("not shared")
        if column == 4:
            return row.state.label()
        if column == 5:
            return " ".join(row.reasons)
        if row.signed_off_at is None:
            return ""
        return format_date(row.signed_off_at.date(), "medium")

    @staticmethod
    def _sort_key(row, column: int):
        if column == 0:
            return (row.last_name.casefold(), row.first_name.casefold())
        if column == 1:
            return row.unit.casefold()
        if column == 2:
            return row.attendance_so_far if row.attendance_so_far is not None else -1
        if column == 3:
            return row.journal_entries if row.journal_entries is not None else -1
        if column == 4:
            return STATE_ORDER.index(row.state.value)
        if column == 5:
            return " ".join(row.reasons)
        return row.signed_off_at.isoformat() if row.signed_off_at else ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self.rows.sort(key=lambda row: self._sort_key(row, column), reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()
