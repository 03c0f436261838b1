"""The two views of the curriculum editor: the module list and the semester list.

``ModulesPanel`` has the shape of a ``ListPanel`` (title, search field, table, row count, empty sentence), so
the page treats it like its other lists (Ctrl+F, "no database" messages), but its table is the editable,
drag-and-drop ``ModuleTableModel`` in curriculum order. Searching hides the rows that do not match; the order
stays the curriculum's own. ``SemesterTable`` lists the semesters with their dates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tillitsleder.i18n import N_, _, format_date, ngettext
from ui.curriculum.module_model import ModuleTableModel
from ui.widgets.list_table import ListTable
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.curriculum import SemesterView

NO_MODULES = N_("This programme has no modules yet. Add the first with “Add module…”.")


class ModulesPanel(Retranslating, QWidget):
    def __init__(self, model: ModuleTableModel, parent=None) -> None:
        super().__init__(parent)
        self._spec_key = "modules"
        self._model = model
        self._message: str | None = N_("Opening database…")
        self._title_suffix = ""
        self.title_label = QLabel()
        self.title_label.setObjectName("panelTitle")
        self.title_label.setMinimumWidth(80)  # a long programme name is cut (full in the tooltip), not a wide window
        self.search_field = QLineEdit()
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMaximumWidth(320)
        self.search_field.setMinimumWidth(150)
        self.table = ListTable("curriculum")
        self.table.setModel(model)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.setDragDropOverwriteMode(False)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("rowCount")
        self._stack = QStackedWidget()
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.empty_label)
        self.top_row = QHBoxLayout()  # the editor adds Undo and Redo here
        top = self.top_row
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.search_field)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self._stack, 1)
        layout.addWidget(self.count_label)
        self.search_field.textChanged.connect(self.apply_search)
        model.modelReset.connect(self._after_reset)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.table.fit_columns)
        self.retranslate()

    @property
    def model(self) -> ModuleTableModel | None:
        return self._model if self._message is None else None

    def show_message(self, message: str) -> None:
        """Show ``message`` (an ``N_`` msgid) instead of the list."""
        self._message = message
        self.update_state()

    def show_list(self) -> None:
        self._message = None
        self.update_state()

    def set_title_suffix(self, text: str) -> None:
        self._title_suffix = text
        self.retranslate()

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def searching(self) -> bool:
        return bool(self.search_field.text().strip())

    def apply_search(self) -> None:
        terms = self.search_field.text().lower().split()
        for row in range(self._model.rowCount()):
            module = self._model.module(row)
            assert module is not None
            haystack = " ".join((module.data.title, module.data.description, module.data.session_type.label()))
            self.table.setRowHidden(row, not all(term in haystack.lower() for term in terms))
        self.update_state()

    def visible_rows(self) -> int:
        return sum(not self.table.isRowHidden(row) for row in range(self._model.rowCount()))

    def _after_reset(self) -> None:
        self.apply_search()
        self._fit_timer.start()

    def update_state(self) -> None:
        if self._message is not None:
            self.empty_label.setText(_(self._message))
            self._stack.setCurrentWidget(self.empty_label)
            self.count_label.setText("")
            self.search_field.setEnabled(False)
            return
        self.search_field.setEnabled(True)
        total, shown = self._model.total, self.visible_rows()
        if total == 0:
            self.empty_label.setText(_(NO_MODULES))
            self._stack.setCurrentWidget(self.empty_label)
        elif shown == 0:
            self.empty_label.setText(_("Nothing matches “{search}”.").format(search=self.search_field.text().strip()))
            self._stack.setCurrentWidget(self.empty_label)
        else:
            self._stack.setCurrentWidget(self.table)
        if self.searching():
            count = ngettext("{count} match", "{count} matches", shown).format(count=shown)
        else:
            count = ngettext("{count} row", "{count} rows", total).format(count=total) if total else ""
        self.count_label.setText(count)

    def retranslate(self) -> None:
        title = _("Curriculum")
        if self._title_suffix:
            title = _("{title}: {name}").format(title=title, name=self._title_suffix)
        self.title_label.setText(title)
        self.title_label.setToolTip(title)
        self.search_field.setPlaceholderText(_("Search…"))
        self.search_field.setAccessibleName(_("Search: {list}").format(list=_("Modules")))
        self.table.setAccessibleName(_("Modules"))
        self.table.setToolTip(
            _("Drag a module to move it, or press Ctrl+Up / Ctrl+Down. Double-click or press Enter to edit.")
        )
        self._model.retranslate()
        self.update_state()
        self._fit_timer.start()


class SemesterTable(Retranslating, QTableWidget):
    """Semesters of the programme: the number, then the title with the dates below; items hold the id."""

    def __init__(self, parent=None) -> None:
        super().__init__(0, 2, parent)
        self._semesters: tuple[SemesterView, ...] = ()
        self.setObjectName("semesters")
        self.setTabKeyNavigation(False)  # Tab leaves the list; the arrow keys move inside
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)  # a long title wraps rather than hide the dates below it
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setStyleSheet("QTableWidget#semesters::item { padding: 4px 6px; }")
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.retranslate()

    def set_semesters(self, semesters: tuple[SemesterView, ...]) -> None:
        current = self.current_id()
        self._semesters = semesters
        self.setRowCount(len(semesters))
        self._fill()
        for row, semester in enumerate(semesters):
            if semester.id == current:
                self.selectRow(row)

    def _fill(self) -> None:
        for row, semester in enumerate(self._semesters):
            dates = _("{start} – {end}").format(
                start=format_date(semester.data.start_date), end=format_date(semester.data.end_date)
            )
            for column, text in enumerate((str(semester.number), f"{semester.data.title}\n{dates}")):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, semester.id)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.setItem(row, column, item)

    def current_id(self) -> int | None:
        item = self.item(self.currentRow(), 0) if self.currentRow() >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def current_semester(self) -> SemesterView | None:
        current = self.current_id()
        return next((s for s in self._semesters if s.id == current), None)

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([_("No."), _("Semester and dates")])
        self.setAccessibleName(_("Semesters"))
        self._fill()
