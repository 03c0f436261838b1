"""The register grid's model: participants (rows) × the two totals and the sessions (columns).

Everything a cell shows is worked out as plain data by ``register_display.prepare`` — on the worker thread that
read the register — and updated for the cells a change touches: per row a list of status indexes, per status its
short code, label and colour, per row the totals' texts. Building the model is then a model reset with no per-cell
work, and ``data()`` is only list and tuple look-ups — no database, no formatting — so a 400 × 60 grid scrolls as
fast as a bare one.

Changes go through ``set_cells``: the model calls its ``save`` function (the core's ``set_attendance`` in one
transaction) and, only when that succeeded, updates its copy of the register and the affected rows' totals.
Column 0 is attendance over sessions held so far, column 1 over all planned sessions (red when the minimum can
no longer be reached; the row's name then carries a warning icon), as ``attendance.rules`` defines them and
``format_share`` shows them. Sessions start at ``FIRST_SESSION``; a session over but not registered yet has an
italic header. Recording a status at a session that has begun marks it held, which changes every row's totals.
"""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from tillitsleder.attendance.register import Change, Register
from tillitsleder.i18n import _
from ui import colours, recolour
from ui.attendance.register_display import (
    NO_STATUS,
    RegisterDisplay,
    prepare,
    row_totals,
    session_header,
)

FIRST_SESSION = 2
STATUS_ID_ROLE = Qt.ItemDataRole.UserRole.value
_CENTER = Qt.AlignmentFlag.AlignCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

Index = QModelIndex | QPersistentModelIndex
# Roles as plain ints: ``data()`` runs for every role of every visible cell, and int comparisons are cheapest.
DISPLAY = Qt.ItemDataRole.DisplayRole.value
BACKGROUND = Qt.ItemDataRole.BackgroundRole.value
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
EDIT = Qt.ItemDataRole.EditRole.value
FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
FONT = Qt.ItemDataRole.FontRole.value
Saver = Callable[[list[Change]], object]


class RegisterModel(QAbstractTableModel):
    cellsSaved = Signal(int)  # noqa: N815 - cells changed by the last action
    summaryChanged = Signal()  # noqa: N815 - some row's totals or flag changed

    def __init__(
        self, register: Register, save: Saver | None = None, parent=None, display: RegisterDisplay | None = None
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._warning_icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._roles: list[str] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)
        self._adopt(register, display if display is not None else prepare(register))
        recolour.changes().changed.connect(self._recolour)

    def _resolve_colours(self) -> None:
        """Brushes for the palette on screen: every fill with its text colour (none under high contrast)."""
        scheme = colours.scheme()
        self._brushes, self._inks = [], []
        for role in self._roles:
            fill, ink = scheme.brushes(role)
            self._brushes.append(fill)
            self._inks.append(ink)
        self._cancelled_brush, self._cancelled_ink = scheme.brushes("cancelled")
        self._risk_brush, self._risk_text = scheme.brushes("at_risk")
        self._risk_name = scheme.brushes("at_risk.name")[1]
        self._inactive_text = scheme.brushes("inactive")[1]

    def _recolour(self) -> None:
        """The palette or colour scheme changed: new brushes, and every cell and header drawn again."""
        self._resolve_colours()
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
        self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, max(self.rowCount() - 1, 0))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(self.columnCount() - 1, 0))

    def reset(self, register: Register, display: RegisterDisplay) -> None:
        """Show another reading of the register, worked out by ``prepare`` (a model reset, no per-cell work)."""
        self.beginResetModel()
        self._adopt(register, display)
        self.endResetModel()

    def _adopt(self, register: Register, display: RegisterDisplay) -> None:
        self.register = register
        self._zone = ZoneInfo(register.timezone)
        self.status_ids = display.status_ids
        self._index_of = {status_id: i for i, status_id in enumerate(self.status_ids)}
        self.short = display.short
        self._labels = display.labels
        self._roles = list(display.colours)
        self._resolve_colours()
        self._cancelled = display.cancelled
        self._grid = display.grid
        self._session_headers = display.session_headers
        self._row_headers = display.row_headers
        self._totals = display.totals

    # --- Qt model ----------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._grid)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else FIRST_SESSION + len(self._cancelled)

    def data(self, index: Index, role: int = DISPLAY):
        role = int(role)
        row, column = index.row(), index.column()
        if column >= FIRST_SESSION:
            if role == DISPLAY:
                k = self._grid[row][column - FIRST_SESSION]
                return self.short[k] if k >= 0 else ("–" if self._cancelled[column - FIRST_SESSION] else "")
            if role == BACKGROUND:
                if self._cancelled[column - FIRST_SESSION]:
                    return self._cancelled_brush
                k = self._grid[row][column - FIRST_SESSION]
                return self._brushes[k] if k >= 0 else None
            if role == FOREGROUND:  # always with the fill above
                if self._cancelled[column - FIRST_SESSION]:
                    return self._cancelled_ink
                k = self._grid[row][column - FIRST_SESSION]
                return self._inks[k] if k >= 0 else None
            if role == ALIGNMENT:
                return _CENTER
            if role == TOOLTIP:
                if self._cancelled[column - FIRST_SESSION]:
                    return _("Cancelled session")
                k = self._grid[row][column - FIRST_SESSION]
                return self._labels[k] if k >= 0 else None
            if role == STATUS_ID_ROLE or role == EDIT:
                k = self._grid[row][column - FIRST_SESSION]
                return self.status_ids[k] if k >= 0 else None
            return None
        held, planned, at_risk, tip = self._totals[row]
        if role == DISPLAY:
            return held if column == 0 else planned
        if role == ALIGNMENT:
            return _RIGHT
        if column == 1 and at_risk:
            if role == BACKGROUND:
                return self._risk_brush
            if role == FOREGROUND:
                return self._risk_text
            if role == FONT:
                return self._bold
        if role == TOOLTIP and column == 1:
            return tip
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal:
            if section < FIRST_SESSION:
                if role == Qt.ItemDataRole.DisplayRole:
                    return _("Held so far") if section == 0 else _("All planned")
                if role == Qt.ItemDataRole.ToolTipRole:
                    return (
                        _("Weighted attendance over the sessions held so far")
                        if section == 0
                        else _("Weighted attendance over all planned sessions (cancelled ones do not count)")
                    )
                return None
            header, tip = self._session_headers[section - FIRST_SESSION]
            if role == Qt.ItemDataRole.DisplayRole:
                return header
            if role == Qt.ItemDataRole.ToolTipRole:
                return tip
            if role == Qt.ItemDataRole.ForegroundRole and self._cancelled[section - FIRST_SESSION]:
                return self._inactive_text
            if role == Qt.ItemDataRole.FontRole and self.register.sessions[section - FIRST_SESSION].to_be_registered:
                return self._italic  # over, attendance not registered yet (the tooltip says so)
            return None
        name, tip, inactive = self._row_headers[section]
        at_risk = self._totals[section][2]
        if role == Qt.ItemDataRole.DisplayRole:
            return name
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip + ("\n" + self._totals[section][3] if at_risk else "")
        if role == Qt.ItemDataRole.DecorationRole and at_risk:
            return self._warning_icon
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._risk_name if at_risk else (self._inactive_text if inactive else None)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_writable(index.row(), index.column()):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        status_id = None if value in (None, "", NO_STATUS) else int(value)
        return self.set_cells([(index.row(), index.column(), status_id)]) > 0

    # --- reading and writing cells -----------------------------------------------------------------------

    def is_writable(self, row: int, column: int) -> bool:
        return 0 <= row < len(self._grid) and column >= FIRST_SESSION and not self._cancelled[column - FIRST_SESSION]

    def status_at(self, row: int, column: int) -> int | None:
        if column < FIRST_SESSION:
            return None
        k = self._grid[row][column - FIRST_SESSION]
        return self.status_ids[k] if k >= 0 else None

    def set_cells(self, cells: list[tuple[int, int, int | None]]) -> int:
        """Save ``(row, column, status id or None)`` in one transaction; returns how many cells changed.

        Totals columns and cancelled sessions are skipped; the save function's errors propagate (nothing
        changes in the model then).
        """
        changes: list[Change] = []
        touched: dict[tuple[int, int], int | None] = {}
        for row, column, status_id in cells:
            if not self.is_writable(row, column) or self.status_at(row, column) == status_id:
                continue
            touched[(row, column)] = status_id
        for (row, column), status_id in touched.items():
            participant = self.register.participants[row]
            changes.append((participant.enrolment_id, self.register.sessions[column - FIRST_SESSION].id, status_id))
        if not changes:
            return 0
        if self._save is not None:
            self._save(changes)
        became_held = self.register.apply(changes)
        rows = sorted({row for row, _column in touched})
        columns = [column for _row, column in touched]
        if became_held:  # a session now counts for everyone: every row's totals and the session's header change
            count = len(self.register.sessions)
            self._session_headers = [session_header(self.register, self._zone, i) for i in range(count)]
            rows = list(range(len(self._grid)))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, FIRST_SESSION, self.columnCount() - 1)
        for (row, column), status_id in touched.items():
            self._grid[row][column - FIRST_SESSION] = self._index_of[status_id] if status_id is not None else NO_STATUS
        risk_changed = False
        for row in rows:
            before = self._totals[row][2]
            self._totals[row] = row_totals(self.register, row)
            risk_changed |= before != self._totals[row][2]
        self.dataChanged.emit(self.index(rows[0], 0), self.index(rows[-1], max(columns)))
        self.headerDataChanged.emit(Qt.Orientation.Vertical, rows[0], rows[-1])
        self.cellsSaved.emit(len(changes))
        if risk_changed or became_held:
            self.summaryChanged.emit()
        return len(changes)

    def at_risk_count(self) -> int:
        return sum(1 for totals in self._totals if totals[2])
