"""Settings → Organisation: municipality → departments → units as a tree, with add, rename, move, merge and end.

The tree is read off the GUI thread (``ui.operations``). Each change is a command from
``ui.organisation.commands`` pushed on ``undo_stack`` (Undo/Redo buttons, Ctrl+Z, Ctrl+Shift+Z): one small
write through ``tillitsleder.organisation``, then the tree reloads and the change is announced
(``Changed.ORGANISATION``) so the pages that show units reload too. The core's refusals show in a line under
the tree. Renames and moves take effect from a chosen day, and the old name stays for earlier days.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from tillitsleder import clock
from tillitsleder.i18n import _, format_date
from ui import colours, recolour
from ui.operations import Changed, announce, run
from ui.organisation import commands as cmd
from ui.organisation.change_dialog import ChangeRequest, ask_change
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.retranslate import Retranslating
from ui.widgets.scroll_body import scrolling_body

KIND = Qt.ItemDataRole.UserRole
IDENT = Qt.ItemDataRole.UserRole + 1


def unit_status(unit) -> str:
    """The status column: in use, starting, ended, or merged into another unit."""
    if unit.merged_into_name:
        return _("Merged into {unit} on {day}").format(unit=unit.merged_into_name, day=format_date(unit.merged_on))
    if unit.valid_to is not None:
        return _("Ended after {day}").format(day=format_date(unit.valid_to))
    if unit.valid_from is not None and unit.valid_from > clock.today():
        return _("From {day}").format(day=format_date(unit.valid_from))
    return _("In use")


class OrganisationTab(Retranslating, QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.db = None
        self.ask = ask_change  # tests answer instead of a modal dialog
        self.tree_data: list = []
        self._select: tuple[str, int] | None = None
        self.undo_stack = QUndoStack(self)
        self.title = QLabel()
        self.title.setObjectName("panelTitle")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            self.tree.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.message_label = QLabel()
        self.message_label.setObjectName("warning")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self.add_department_button, self.add_unit_button = QPushButton(), QPushButton()
        self.rename_button, self.move_button = QPushButton(), QPushButton()
        self.merge_button, self.end_button = QPushButton(), QPushButton()
        self.undo_button, self.redo_button = QPushButton(), QPushButton()
        buttons = FlowLayout()  # wraps on a narrow window (200 % scaling) instead of widening it
        for button in (self.add_department_button, self.add_unit_button, self.rename_button, self.move_button,
                       self.merge_button, self.end_button):  # fmt: skip
            buttons.addWidget(button)
        buttons.add_right_aligned()
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.redo_button)
        layout = scrolling_body(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.message_label)
        layout.addLayout(buttons)

        self.add_department_button.clicked.connect(self.add_department)
        self.add_unit_button.clicked.connect(self.add_unit)
        self.rename_button.clicked.connect(self.rename)
        self.move_button.clicked.connect(self.move)
        self.merge_button.clicked.connect(self.merge)
        self.end_button.clicked.connect(self.end)
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        for slot, keys in ((self.undo_stack.undo, [QKeySequence.StandardKey.Undo]),
                           (self.undo_stack.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])):  # fmt: skip
            action = QAction(self)
            action.setShortcuts([QKeySequence(key) for key in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        self.tree.itemSelectionChanged.connect(self.update_buttons)
        self.undo_stack.indexChanged.connect(self.update_buttons)
        self.retranslate()
        recolour.changes().changed.connect(self._recolour)

    def _recolour(self) -> None:
        if self.tree_data:
            self._show(self.tree_data)

    # --- reading ---------------------------------------------------------------------------------------------

    def set_database(self, db) -> None:
        if db is not self.db:
            self.undo_stack.clear()
            self.tree_data = []
            self.tree.clear()
        self.db = db
        self.update_buttons()

    def load(self):
        if self.db is None:
            return None
        from tillitsleder.organisation import organisation_tree

        db = self.db
        return run(lambda _ctx: organisation_tree(db), parent=self, key="load", title=_("Organisation"),
                   on_success=self._show)  # fmt: skip

    def _show(self, tree: list) -> None:
        selected = self._select or self.selected()
        self._select = None
        self.tree_data = tree
        self.tree.clear()
        muted = colours.scheme().brushes("muted.item")[1]  # readable grey; the status column says it in words
        target = None
        for municipality in tree:
            top = self._item(self.tree, "municipality", municipality.id, [municipality.name])
            for department in municipality.departments:
                middle = self._item(top, "department", department.id, [department.name])
                if selected == ("department", department.id):
                    target = middle
                for unit in department.units:
                    columns = [unit.name, unit.code or "", format_date(unit.valid_from), unit_status(unit)]
                    item = self._item(middle, "unit", unit.id, columns)
                    if muted is not None and not unit.active_on(clock.today()):
                        for column in range(4):
                            item.setForeground(column, muted)
                    if selected == ("unit", unit.id):
                        target = item
            top.setExpanded(True)
        self.tree.expandAll()
        if target is not None:
            self.tree.setCurrentItem(target)
        self.update_buttons()

    @staticmethod
    def _item(parent, kind: str, ident: int, columns: list[str]) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, columns)
        item.setData(0, KIND, kind)
        item.setData(0, IDENT, ident)
        return item

    def selected(self) -> tuple[str, int] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        return item.data(0, KIND), item.data(0, IDENT)

    def _find(self, kind: str, ident: int):
        for municipality in self.tree_data:
            if kind == "municipality" and municipality.id == ident:
                return municipality, None, None
            for department in municipality.departments:
                if kind == "department" and department.id == ident:
                    return municipality, department, None
                for unit in department.units:
                    if kind == "unit" and unit.id == ident:
                        return municipality, department, unit
        return None, None, None

    def _context(self):
        """(municipality, department, unit) of the selection; the only municipality when nothing is selected."""
        chosen = self.selected()
        if chosen is None:
            return (self.tree_data[0] if len(self.tree_data) == 1 else None), None, None
        return self._find(*chosen)

    def update_buttons(self) -> None:
        municipality, department, unit = self._context() if self.tree_data else (None, None, None)
        editable = self.db is not None and not getattr(self.db, "read_only", False)
        live = unit is not None and unit.merged_into_id is None
        for button, on in ((self.add_department_button, municipality is not None),
                           (self.add_unit_button, department is not None),
                           (self.rename_button, department is not None),
                           (self.move_button, unit is not None), (self.merge_button, live),
                           (self.end_button, live and unit.valid_to is None),
                           (self.undo_button, self.undo_stack.canUndo()),
                           (self.redo_button, self.undo_stack.canRedo())):  # fmt: skip
            button.setEnabled(bool(on) and editable)
        self.undo_button.setToolTip(_("Undo: {action} (Ctrl+Z)").format(action=self.undo_stack.undoText()))
        self.redo_button.setToolTip(_("Redo: {action} (Ctrl+Shift+Z)").format(action=self.undo_stack.redoText()))

    # --- commands ------------------------------------------------------------------------------------------

    def push(self, command: cmd.OrganisationCommand) -> bool:
        """Apply ``command`` once; on the core's refusal say why and push nothing."""
        from tillitsleder.errors import TillitslederError

        try:
            command.run()
        except TillitslederError as error:
            self.report(error)
            return False
        self.message_label.hide()
        self.undo_stack.push(command)
        return True

    def after_command(self, select: tuple[str, int] | None) -> None:
        self._select = select
        self.load()
        announce(Changed.ORGANISATION, self)

    def command_failed(self, error: BaseException) -> None:
        self.report(error)
        QTimer.singleShot(0, self.undo_stack.clear)
        QTimer.singleShot(0, self.load)

    def report(self, error: BaseException) -> None:
        from ui.errors import error_text

        self.message_label.setText(error_text(error))
        self.message_label.show()

    def add_department(self) -> None:
        municipality, _department, _unit = self._context()
        if municipality is None:
            return
        answer = self.ask(self, ChangeRequest(_("Add department"), name_label=_("&Name:")))
        if answer is not None:
            self.push(cmd.AddDepartment(self, _("add department"), municipality.id, answer.name))

    def add_unit(self) -> None:
        _municipality, department, _unit = self._context()
        if department is None:
            return
        request = ChangeRequest(
            _("Add a unit to {department}").format(department=department.name),
            name_label=_("&Name:"),
            code_label=_("&Code (e.g. the HR system's unit number):"),
        )
        answer = self.ask(self, request)
        if answer is not None:
            self.push(cmd.AddUnit(self, _("add unit"), department.id, answer.name, answer.code or None))

    def rename(self) -> None:
        _municipality, department, unit = self._context()
        if unit is None and department is not None:
            answer = self.ask(self, ChangeRequest(_("Rename department"), name_label=_("&Name:"), name=department.name))
            if answer is not None:
                self.push(cmd.RenameDepartment(self, _("rename department"), department.id, answer.name))
            return
        if unit is None:
            return
        request = ChangeRequest(
            _("Rename unit"), name_label=_("New &name:"), name=unit.name, day_label=_("New name &from:")
        )
        answer = self.ask(self, request)
        if answer is not None:
            self.push(cmd.RenameUnit(self, _("rename unit"), unit.id, on=answer.day or clock.today(), name=answer.name))

    def move(self) -> None:
        municipality, department, unit = self._context()
        if unit is None:
            return
        choices = tuple((d.name, d.id) for d in municipality.departments if d.id != department.id)
        request = ChangeRequest(
            _("Move {unit}").format(unit=unit.name),
            choice_label=_("To &department:"),
            choices=choices,
            day_label=_("&From:"),
        )
        answer = self.ask(self, request)
        if answer is not None and answer.choice is not None:
            self.push(
                cmd.RenameUnit(
                    self, _("move unit"), unit.id, on=answer.day or clock.today(), department_id=answer.choice
                )
            )

    def merge(self) -> None:
        municipality, _department, unit = self._context()
        if unit is None:
            return
        choices = tuple(
            (f"{other.name} ({d.name})", other.id)
            for d in municipality.departments
            for other in d.units
            if other.id != unit.id and other.merged_into_id is None and other.valid_to is None
        )
        request = ChangeRequest(
            _("Merge {unit}").format(unit=unit.name),
            choice_label=_("&Into:"),
            choices=choices,
            day_label=_("Merged &on:"),
        )
        answer = self.ask(self, request)
        if answer is not None and answer.choice is not None:
            on = answer.day or clock.today()
            self.push(cmd.MergeUnit(self, _("merge units"), unit.id, answer.choice, on))

    def end(self) -> None:
        _municipality, _department, unit = self._context()
        if unit is None:
            return
        answer = self.ask(self, ChangeRequest(_("End {unit}").format(unit=unit.name), day_label=_("&Last day:")))
        if answer is not None:
            self.push(cmd.EndUnit(self, _("end unit"), unit.id, answer.day or clock.today()))

    def retranslate(self) -> None:
        self.title.setText(_("Organisation"))
        self.hint.setText(
            _(
                "Departments and their units. A rename or move takes effect from the day you choose: reports for "
                "earlier days keep the name and department the unit had then. A merged unit keeps its people and "
                "enrolments; it ends the day before the merge."
            )
        )
        self.tree.setHeaderLabels([_("Name"), _("Code"), _("Valid from"), _("Status")])
        self.tree.setAccessibleName(_("Departments and units"))
        self.add_department_button.setText(_("Add &department…"))
        self.add_unit_button.setText(_("Add &unit…"))
        self.rename_button.setText(_("&Rename…"))
        self.move_button.setText(_("&Move…"))
        self.merge_button.setText(_("Mer&ge…"))
        self.end_button.setText(_("&End…"))
        self.undo_button.setText(_("Undo"))
        self.redo_button.setText(_("Redo"))
        if self.tree_data:
            self._show(self.tree_data)
