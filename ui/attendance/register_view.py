"""The register grid's view: fast keyboard filling, copy and paste of blocks, and a status menu on F2.

Keys on the selected cell(s): ``1``…``9`` the status in that position, a letter the first status whose code
starts with it — both set the status and move down when one cell is selected; Delete/Backspace clears; Space
cycles each cell to the next status (and back to empty); F2 or a double click opens a menu of the statuses.
Arrows move as usual. Ctrl+C copies the selected block
as tab-separated labels; Ctrl+V pastes a block at the selection's top-left (one value fills every selected
cell). Each action is saved as one transaction by the model; a refusal is reported with ``problem``.
Row heights and column widths are fixed, so Qt never measures cells while scrolling.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

from tillitsleder.attendance.statuses import shown_label
from tillitsleder.i18n import N_, _
from ui.attendance.register_model import FIRST_SESSION, RegisterModel
from ui.errors import error_text

SESSION_WIDTH = 86
TOTALS_WIDTH = 92
UNKNOWN_VALUE = N_("“{value}” is not one of the statuses; nothing was pasted.")


class RegisterView(QTableView):
    problem = Signal(str)  # a translated sentence: why the last action was refused

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("attendanceGrid")
        self.setTabKeyNavigation(False)  # Tab leaves the register; the arrow keys move between cells
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        columns = self.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        columns.setDefaultSectionSize(SESSION_WIDTH)
        columns.setHighlightSections(True)

    def setModel(self, model: RegisterModel | None) -> None:  # noqa: N802
        super().setModel(model)
        if model is None:
            return
        self.model_reset()
        if model.rowCount() and model.columnCount() > FIRST_SESSION:
            self.setCurrentIndex(model.index(0, FIRST_SESSION))

    def model_reset(self) -> None:
        """After the model was reset: the totals stay hidden here (``TotalsView`` shows them beside the grid)."""
        for column in range(FIRST_SESSION):
            if not self.isColumnHidden(column):
                self.setColumnHidden(column, True)

    def model(self) -> RegisterModel:
        return super().model()  # type: ignore[return-value]

    # --- a status picker on F2 or a double click --------------------------------------------------------
    # A menu rather than an item delegate: a Python delegate would be called for every cell painted.

    def edit(self, index, trigger=None, event=None):  # noqa: D102 - Qt's virtual and its one-argument slot
        if trigger is None:
            return super().edit(index)
        picking = (QAbstractItemView.EditTrigger.DoubleClicked, QAbstractItemView.EditTrigger.EditKeyPressed)
        if trigger in picking and self.model() is not None and self.model().is_writable(index.row(), index.column()):
            menu = self.status_menu(index)
            self.open_menu(menu, self.viewport().mapToGlobal(self.visualRect(index).bottomLeft()))
            menu.deleteLater()
            return True
        return False

    def open_menu(self, menu: QMenu, position) -> None:
        menu.exec(position)

    def status_menu(self, index: QModelIndex) -> QMenu:
        """The statuses as a menu (``&1`` … for the keyboard) and "Clear"; choosing one saves that cell."""
        model = self.model()
        menu = QMenu(self)
        menu.setObjectName("statusMenu")
        entries = [
            (status.id, f"&{number}  {short} – {shown_label(status.code, status.label)}")
            for number, (status, short) in enumerate(zip(model.register.statuses, model.short, strict=True), start=1)
        ]
        entries.append((None, _("Clear")))
        for status_id, text in entries:
            action = QAction(text.replace("&", "&&") if not text.startswith("&") else text, menu)
            action.setData(status_id)
            action.setCheckable(True)
            action.setChecked(status_id is not None and model.status_at(index.row(), index.column()) == status_id)
            action.triggered.connect(
                lambda _checked=False, value=status_id: self._apply([(index.row(), index.column(), value)])
            )
            menu.addAction(action)
        return menu

    # --- keyboard ----------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        model = self.model()
        if model is None or self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        key, text = event.key(), event.text()
        plain = not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
        if plain and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._apply([(i.row(), i.column(), None) for i in self._targets()])
            return
        if plain and key == Qt.Key.Key_Space:
            self._apply([(i.row(), i.column(), self._next_status(i)) for i in self._targets()])
            return
        status_id = self.status_for_key(text) if plain and text else None
        if status_id is not None:
            targets = self._targets()
            if self._apply([(i.row(), i.column(), status_id) for i in targets]) is not None and len(targets) == 1:
                below = targets[0].siblingAtRow(targets[0].row() + 1)
                if below.isValid():
                    self.setCurrentIndex(below)
            return
        super().keyPressEvent(event)

    def status_for_key(self, text: str) -> int | None:
        statuses = self.model().register.statuses
        if text.isdigit() and text != "0":
            number = int(text)
            return statuses[number - 1].id if number <= len(statuses) else None
        if text.isalpha():
            letter = text.lower()
            return next((s.id for s in statuses if s.code.lower().startswith(letter)), None)
        return None

    def _next_status(self, index: QModelIndex) -> int | None:
        ids = self.model().status_ids
        current = self.model().status_at(index.row(), index.column())
        if current is None:
            return ids[0] if ids else None
        position = ids.index(current) + 1
        return ids[position] if position < len(ids) else None

    def _targets(self) -> list[QModelIndex]:
        selected = self.selectionModel().selectedIndexes() if self.selectionModel() else []
        if not selected and self.currentIndex().isValid():
            selected = [self.currentIndex()]
        return sorted(selected, key=lambda i: (i.row(), i.column()))

    def _apply(self, cells: list[tuple[int, int, int | None]]) -> int | None:
        """Saves through the model; returns the cells changed, or ``None`` after reporting a refusal."""
        model = self.model()
        if cells and not any(model.is_writable(row, column) for row, column, _status in cells):
            if any(column >= FIRST_SESSION for _row, column, _status in cells):
                self.problem.emit(_("Attendance cannot be recorded for a cancelled session."))
            return None
        try:
            return model.set_cells(cells)
        except Exception as error:  # noqa: BLE001 - a refusal or a database failure is said, it never kills the grid
            self.problem.emit(error_text(error))
        return None

    # --- clipboard ---------------------------------------------------------------------------------------

    def copy_selection(self) -> str:
        targets = self._targets()
        if not targets:
            return ""
        model = self.model()
        rows = [i.row() for i in targets]
        columns = [i.column() for i in targets]
        chosen = {(i.row(), i.column()) for i in targets}
        labels = {status.id: shown_label(status.code, status.label) for status in model.register.statuses}
        lines = []
        for row in range(min(rows), max(rows) + 1):
            cells = []
            for column in range(min(columns), max(columns) + 1):
                if (row, column) not in chosen:
                    cells.append("")
                elif column < FIRST_SESSION:
                    cells.append(str(model.index(row, column).data() or ""))
                else:
                    cells.append(labels.get(model.status_at(row, column), ""))
            lines.append("\t".join(cells))
        text = "\n".join(lines)
        QGuiApplication.clipboard().setText(text)
        return text

    def paste(self, text: str | None = None) -> int | None:
        text = QGuiApplication.clipboard().text() if text is None else text
        block = [line.split("\t") for line in text.replace("\r\n", "\n").rstrip("\n").split("\n")]
        targets = self._targets()
        if not targets:
            return None
        try:
            values = [[self.status_for_text(value) for value in line] for line in block]
        except ValueError as error:
            self.problem.emit(_(UNKNOWN_VALUE).format(value=str(error)))
            return None
        if len(values) == 1 and len(values[0]) == 1:
            return self._apply([(i.row(), i.column(), values[0][0]) for i in targets])
        top, left = targets[0].row(), min(i.column() for i in targets)
        model = self.model()
        cells = [
            (top + r, left + c, value)
            for r, line in enumerate(values)
            for c, value in enumerate(line)
            if top + r < model.rowCount() and left + c < model.columnCount()
        ]
        return self._apply(cells)

    def status_for_text(self, value: str) -> int | None:
        """A status from a pasted value: its code, label, short code or number (empty clears)."""
        value = value.strip()
        if not value:
            return None
        model = self.model()
        folded = value.casefold()
        for number, (status, short) in enumerate(zip(model.register.statuses, model.short, strict=True), start=1):
            label = shown_label(status.code, status.label).casefold()
            if folded in (status.code.casefold(), status.label.casefold(), label, short.casefold(), str(number)):
                return status.id
        raise ValueError(value)


class TotalsView(QTableView):
    """The totals columns of the same model, kept beside the grid: they stay in sight while the sessions
    scroll sideways, and scroll up and down with the grid's rows."""

    def __init__(self, grid: RegisterView, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("attendanceTotals")
        self.grid = grid
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The rows' scroll bar sits at the far right, after the totals; the grid's own is hidden.
        grid.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(grid.verticalHeader().defaultSectionSize())
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setDefaultSectionSize(TOTALS_WIDTH)
        scrollbar = self.verticalScrollBar().sizeHint().width()
        self.setFixedWidth(FIRST_SESSION * TOTALS_WIDTH + scrollbar + 2 * self.frameWidth())
        grid.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(grid.verticalScrollBar().setValue)

    def setModel(self, model: RegisterModel | None) -> None:  # noqa: N802
        super().setModel(model)
        if model is None:
            return
        self.model_reset()

    def model_reset(self) -> None:
        """After the model was set or reset: only the totals show here (hidden columns stay hidden on a reset)."""
        model = self.model()
        for column in range(FIRST_SESSION, model.columnCount()):
            if not self.isColumnHidden(column):
                self.setColumnHidden(column, True)
        self._fit_headers(model)
        self.verticalScrollBar().setValue(self.grid.verticalScrollBar().value())

    def _fit_headers(self, model: RegisterModel) -> None:
        """Wide enough for the headers in the current language ("Gjennomført hittil" is longer than "Held so far")."""
        header = self.horizontalHeader()
        metrics = header.fontMetrics()
        total = 0
        for column in range(FIRST_SESSION):
            text = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(TOTALS_WIDTH, metrics.horizontalAdvance(text) + 20)
            header.resizeSection(column, width)
            total += width
        self.setFixedWidth(total + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth())
