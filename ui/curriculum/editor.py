"""``CurriculumEditor``: a programme's modules and semesters, edited through one undo stack.

Every change is a command from ``ui.curriculum.commands`` pushed on ``undo_stack``: the command writes through
the core service, then the editor reloads the curriculum from the database. Undo and Redo (buttons, Ctrl+Z,
Ctrl+Shift+Z / Ctrl+Y) work for the whole editing session, across programmes; the page clears the stack
when another database is opened. Modules move by drag and drop, Ctrl+Up / Ctrl+Down or the Move buttons.
Refusals of actions without a dialog (a module in use, a failed undo) appear in a line under the buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tillitsleder.i18n import N_, _, format_number, ngettext
from ui.curriculum.forms import ask_yes_no, open_form, tool_bar
from ui.curriculum.module_model import ModuleTableModel, plain_hours
from ui.curriculum.panels import ModulesPanel, SemesterTable
from ui.widgets.area_menu import install_row_menu
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.curriculum import CurriculumView
    from tillitsleder.storage import Database
    from ui.curriculum.commands import CurriculumCommand
    from ui.curriculum.forms import FormDialog


class CurriculumEditor(Retranslating, QWidget):
    curriculumChanged = Signal(object)  # noqa: N815 - the programme id a command changed (None: gone)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.programme_id: int | None = None
        self.view: CurriculumView | None = None
        self.ask: Callable[[QWidget, str, str], bool] = ask_yes_no  # tests replace the question
        self.undo_stack = QUndoStack(self)
        self.model = ModuleTableModel(mover=self.move_module, parent=self)
        self.modules = ModulesPanel(self.model)
        self.semesters = SemesterTable()
        self.summary_label = QLabel()
        self.message_label = QLabel()
        self.message_label.setObjectName("warning")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self.semesters_title = QLabel()
        self.semesters_title.setObjectName("panelTitle")

        def action(slot, *keys: QKeySequence | str) -> QAction:
            act = QAction(self)
            act.setShortcuts([QKeySequence(key) for key in keys])
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.add_action = action(self.add_module)
        self.edit_action = action(self.edit_module)
        self.delete_action = action(self.delete_module, QKeySequence.StandardKey.Delete)
        self.move_up_action = action(lambda: self.move_by(-1), "Ctrl+Up")
        self.move_down_action = action(lambda: self.move_by(1), "Ctrl+Down")
        for act in (self.delete_action, self.move_up_action, self.move_down_action):
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # these keys act where the modules are
            self.modules.table.addAction(act)
        self.undo_action = action(self.undo_stack.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = action(self.undo_stack.redo, "Ctrl+Shift+Z", "Ctrl+Y")
        self.add_semester_action = action(self.add_semester)
        self.edit_semester_action = action(self.edit_semester)
        self.remove_semester_action = action(self.remove_semester)

        # Tool bars rather than rows of buttons: in a narrow window they fold what does not fit into a menu.
        self.module_bar = tool_bar(
            self.add_action, self.edit_action, self.delete_action, None, self.move_up_action, self.move_down_action
        )
        self.history_bar = tool_bar(self.undo_action, self.redo_action)
        self.semester_bar = tool_bar(self.add_semester_action, self.edit_semester_action, self.remove_semester_action)
        self.modules.top_row.insertWidget(1, self.history_bar)
        # The context menus of the two lists: what their tool bars do.
        self.modules.table.row_actions = [
            self.add_action, self.edit_action, self.delete_action, None, self.move_up_action, self.move_down_action
        ]  # fmt: skip
        self.semesters.row_actions = [self.add_semester_action, self.edit_semester_action, self.remove_semester_action]
        install_row_menu(self.semesters)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.modules, 1)
        left_layout.addWidget(self.module_bar)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.semesters_title)
        right_layout.addWidget(self.semesters, 1)
        right_layout.addWidget(self.semester_bar)
        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([720, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message_label)
        layout.addWidget(self.summary_label)

        # ``activated`` is Enter and double-click (or a single click where the platform says so): never both.
        self.modules.table.activated.connect(lambda _index: self.edit_module())
        self.modules.search_field.textChanged.connect(self.update_actions)
        self.semesters.activated.connect(lambda _index: self.edit_semester())
        self.semesters.itemSelectionChanged.connect(self.update_actions)
        self.undo_stack.indexChanged.connect(self.update_actions)
        self.model.modelReset.connect(self._connect_selection)
        self._connect_selection()
        self.retranslate()

    # --- state -------------------------------------------------------------------------------------------

    def set_database(self, db: Database | None) -> None:
        if db is not self.db:
            self.undo_stack.clear()
        self.db = db
        self.programme_id = None
        self.reload()

    def show_programme(self, programme_id: int | None) -> None:
        if programme_id != self.programme_id or self.view is None:
            self.programme_id = programme_id
            self.message_label.hide()
            self.reload()

    def reload(self, focus_module: int | None = None) -> None:
        """Read the curriculum again; keep (or move to ``focus_module``) the selected module."""
        from tillitsleder.curriculum import load_curriculum
        from tillitsleder.errors import NotFound

        keep = focus_module if focus_module is not None else self.current_module_id()
        old_row = self.modules.table.currentIndex().row()
        view = None
        if self.db is not None and self.programme_id is not None:
            try:
                view = load_curriculum(self.db, self.programme_id)
            except NotFound:
                self.programme_id = None
        self._present(view, keep, old_row)

    def show_preview(self, view: CurriculumView | None) -> None:
        """Show a curriculum read before the database is open (the start-up snapshot); nothing can be
        edited until ``set_database``."""
        self.programme_id = view.programme_id if view is not None else None
        self._present(view, None, -1)

    def _present(self, view: CurriculumView | None, keep: int | None, old_row: int) -> None:
        self.view = view
        self.model.set_view(self.view)
        self.semesters.set_semesters(self.view.semesters if self.view else ())
        if self.view is None:
            self.modules.set_title_suffix("")
            self.modules.show_message(
                N_("Select a programme to see its curriculum.") if self.db else N_("Opening database…")
            )
        else:
            self.modules.set_title_suffix(self.view.programme.name)
            self.modules.show_list()
            self.select_module(keep, fallback_row=old_row)
        self._show_summary()
        self.update_actions()

    def _connect_selection(self) -> None:
        selection = self.modules.table.selectionModel()
        if selection is not None:
            selection.currentRowChanged.connect(self.update_actions, Qt.ConnectionType.UniqueConnection)

    def current_module_id(self) -> int | None:
        index = self.modules.table.currentIndex()
        return self.model.module_id(index.row()) if index.isValid() else None

    def select_module(self, module_id: int | None, fallback_row: int = 0) -> None:
        """Select ``module_id``; if it is gone (deleted), the row that took its place, so Delete can repeat."""
        row = self.model.row_of(module_id)
        if row < 0 and self.model.rowCount():
            row = max(0, min(fallback_row, self.model.rowCount() - 1))
        if row >= 0:
            self.modules.table.selectRow(row)
            self.modules.table.scrollTo(self.model.index(row, 0))

    def update_actions(self, *_args: object) -> None:
        has_view = self.view is not None
        row = self.modules.table.currentIndex().row() if self.current_module_id() is not None else -1
        has_semester = self.semesters.current_id() is not None
        enabled = {
            self.add_action: has_view,
            self.add_semester_action: has_view,
            self.edit_action: row >= 0,
            self.delete_action: row >= 0,
            self.move_up_action: row > 0,
            self.move_down_action: 0 <= row < self.model.rowCount() - 1,
            self.edit_semester_action: has_semester,
            self.remove_semester_action: has_semester,
            self.undo_action: self.undo_stack.canUndo(),
            self.redo_action: self.undo_stack.canRedo(),
        }
        for act, on in enabled.items():
            act.setEnabled(on and self.db is not None)  # a preview (no database yet) offers no edits
        self.undo_action.setToolTip(_("Undo: {action} (Ctrl+Z)").format(action=self.undo_stack.undoText()))
        self.redo_action.setToolTip(_("Redo: {action} (Ctrl+Shift+Z)").format(action=self.undo_stack.redoText()))

    def _show_summary(self) -> None:
        if self.view is None:
            self.summary_label.setText("")
            return
        modules, semesters = len(self.view.modules), len(self.view.semesters)
        self.summary_label.setText(
            _("{modules} · {hours} · {semesters}").format(
                modules=ngettext("{n} module", "{n} modules", modules).format(n=format_number(modules)),
                hours=_("{n} hours in all").format(n=format_number(plain_hours(self.view.total_hours))),
                semesters=ngettext("{n} semester", "{n} semesters", semesters).format(n=format_number(semesters)),
            )
        )

    # --- commands ----------------------------------------------------------------------------------------

    def push(self, command: CurriculumCommand) -> None:
        """Apply ``command`` once (raising the core's refusal) and put it on the undo stack."""
        command.run()
        self.message_label.hide()
        self.undo_stack.push(command)

    def try_push(self, command: CurriculumCommand) -> bool:
        from tillitsleder.errors import TillitslederError

        try:
            self.push(command)
        except TillitslederError as error:
            self.report(error)
            return False
        return True

    def after_command(self, programme_id: int | None, module_id: int | None = None) -> None:
        if programme_id is None or programme_id == self.programme_id:
            self.reload(module_id)
        self.curriculumChanged.emit(programme_id)

    def command_failed(self, error: BaseException) -> None:
        """An undo or redo the data no longer allows: say so, and start a fresh history."""
        self.report(error)
        QTimer.singleShot(0, self.undo_stack.clear)
        QTimer.singleShot(0, self.reload)

    def report(self, error: BaseException) -> None:
        from ui.errors import error_text

        self.message_label.setText(error_text(error))
        self.message_label.show()

    # --- modules -----------------------------------------------------------------------------------------

    def add_module(self) -> FormDialog | None:
        """Open the dialog for a new module, placed after the selected one."""
        if self.view is None:
            return None
        from ui.curriculum.commands import AddModule
        from ui.curriculum.module_dialogs import ModuleDialog

        programme_id, current = self.view.programme_id, self.model.module(self.modules.table.currentIndex().row())
        position = current.position + 1 if current is not None else None

        def submit(data) -> None:
            self.push(
                AddModule(
                    self, _("Add module “{title}”").format(title=data.title.strip()), programme_id, data, position
                )
            )

        dialog = ModuleDialog(self.view.semesters, submit, parent=self)
        if current is not None:
            dialog.semester.setCurrentIndex(max(0, dialog.semester.findData(current.data.semester_id)))
        return open_form(dialog)

    def edit_module(self) -> FormDialog | None:
        module = self.model.module(self.modules.table.currentIndex().row())
        if self.view is None or module is None:
            return None
        from ui.curriculum.commands import EditModule
        from ui.curriculum.module_dialogs import ModuleDialog

        programme_id = self.view.programme_id

        def submit(data) -> None:
            if data != module.data:
                text = _("Edit module “{title}”").format(title=data.title.strip())
                self.push(EditModule(self, text, programme_id, module.id, data))

        return open_form(ModuleDialog(self.view.semesters, submit, module.data, parent=self))

    def delete_module(self) -> None:
        module = self.model.module(self.modules.table.currentIndex().row())
        if self.view is None or module is None:
            return
        from ui.curriculum.commands import DeleteModule

        detach = False
        if module.session_count:
            question = ngettext(
                "“{title}” is used by {count} session. Delete the module and keep the session without a module?",
                "“{title}” is used by {count} sessions. Delete the module and keep the sessions without a module?",
                module.session_count,
            ).format(title=module.data.title, count=module.session_count)
            if not self.ask(self, _("Delete module"), question):
                return
            detach = True
        text = _("Delete module “{title}”").format(title=module.data.title)
        self.try_push(DeleteModule(self, text, self.view.programme_id, module.id, detach_sessions=detach))

    def move_by(self, step: int) -> None:
        module = self.model.module(self.modules.table.currentIndex().row())
        if module is not None and 0 <= module.position + step < self.model.rowCount():
            self.move_module(module.id, module.position + step)

    def move_module(self, module_id: int, position: int) -> None:
        """Move a module to ``position`` (0-based) as one undoable step; the model's drops end here."""
        if self.view is None:
            return
        from ui.curriculum.commands import MoveModule

        row = self.model.row_of(module_id)
        title = self.model.module(row).data.title if row >= 0 else ""  # type: ignore[union-attr]
        text = _("Move module “{title}”").format(title=title)
        self.try_push(MoveModule(self, text, self.view.programme_id, module_id, position))

    # --- semesters ---------------------------------------------------------------------------------------

    def add_semester(self) -> FormDialog | None:
        if self.view is None:
            return None
        from tillitsleder.curriculum import SemesterData
        from ui.curriculum.commands import AddSemester
        from ui.curriculum.module_dialogs import SemesterDialog, next_semester_dates

        view = self.view
        last = view.semesters[-1].data.end_date if view.semesters else None
        start, end = next_semester_dates(last, view.programme.start_date, view.programme.end_date)

        def submit(data) -> None:
            self.push(
                AddSemester(self, _("Add semester “{title}”").format(title=data.title.strip()), view.programme_id, data)
            )

        number = len(view.semesters) + 1
        initial = SemesterData(_("Semester {number}").format(number=number), start, end)
        return open_form(SemesterDialog(submit, initial, adding=True, parent=self))

    def edit_semester(self) -> FormDialog | None:
        semester = self.semesters.current_semester()
        if self.view is None or semester is None:
            return None
        from ui.curriculum.commands import EditSemester
        from ui.curriculum.module_dialogs import SemesterDialog

        programme_id = self.view.programme_id

        def submit(data) -> None:
            if data != semester.data:
                text = _("Edit semester “{title}”").format(title=data.title.strip())
                self.push(EditSemester(self, text, programme_id, semester.id, data))

        return open_form(SemesterDialog(submit, semester.data, adding=False, parent=self))

    def remove_semester(self) -> None:
        semester = self.semesters.current_semester()
        if self.view is None or semester is None:
            return
        from ui.curriculum.commands import RemoveSemester

        count = sum(1 for m in self.view.modules if m.data.semester_id == semester.id)
        if count:
            question = ngettext(
                "Semester {number} has {count} module. Remove the semester and keep the module without a semester?",
                "Semester {number} has {count} modules. Remove the semester and keep the modules without a semester?",
                count,
            ).format(number=semester.number, count=count)
            if not self.ask(self, _("Remove semester"), question):
                return
        text = _("Remove semester “{title}”").format(title=semester.data.title)
        self.try_push(RemoveSemester(self, text, self.view.programme_id, semester.id, detach_modules=bool(count)))

    # --- text --------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.add_action.setText(_("&Add module…"))
        self.edit_action.setText(_("&Edit module…"))
        self.delete_action.setText(_("&Delete module"))
        self.delete_action.setToolTip(_("Delete the selected module (Delete)"))
        self.move_up_action.setText(_("Move &up"))
        self.move_up_action.setToolTip(_("Move the selected module up (Ctrl+Up)"))
        self.move_down_action.setText(_("Move do&wn"))
        self.move_down_action.setToolTip(_("Move the selected module down (Ctrl+Down)"))
        self.undo_action.setText(_("Undo"))
        self.redo_action.setText(_("Redo"))
        self.semesters_title.setText(_("Semesters"))
        # Short words under the "Semesters" heading, so the three fit beside the module list.
        self.add_semester_action.setText(_("New…"))
        self.add_semester_action.setToolTip(_("Add a semester"))
        self.edit_semester_action.setText(_("Change…"))
        self.edit_semester_action.setToolTip(_("Rename or redate the selected semester"))
        self.remove_semester_action.setText(_("Remove"))
        self.remove_semester_action.setToolTip(_("Remove the selected semester"))
        for bar in (self.module_bar, self.history_bar, self.semester_bar):
            bar.setAccessibleName(_("Curriculum actions"))
        self._show_summary()
        self.update_actions()
