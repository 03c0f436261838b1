"""Programmes & curriculum: the programmes (new, edit, duplicate as template) and the selected one's curriculum.

The curriculum editor below the list edits modules and semesters; every change, including new, edited and
duplicated programmes, goes on the editor's undo stack, so Ctrl+Z takes any of them back during the session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from tillitsleder.i18n import N_, _, format_number, ngettext
from ui.curriculum.editor import CurriculumEditor
from ui.curriculum.forms import open_form, tool_bar
from ui.operations import Changed, announce
from ui.pages import areas
from ui.pages.base import Page
from ui.widgets.keyboard import NEW_KEY
from ui.widgets.list_panel import ListPanel

if TYPE_CHECKING:
    from tillitsleder.first_screen.reader import FirstScreen


class ProgrammesPage(Page):
    nav_title = areas.PROGRAMMES.nav_title
    shows = Changed.CURRICULUM | Changed.SESSIONS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._refreshing = False
        # The start area's reminder: sessions over whose attendance is not registered yet (hidden when none).
        self.to_register = QLabel()
        self.to_register.setObjectName("toBeRegistered")
        self.to_register.setWordWrap(True)
        self.to_register.hide()
        self._to_register: list[tuple[int, str, int]] = []
        self.layout_.addWidget(self.to_register)
        self.programmes = ListPanel("programmes", title=N_("Programmes"), select_first=True)
        self.editor = CurriculumEditor()
        self.list_panels = [self.programmes, self.editor.modules]
        self.new_action = QAction(self)
        self.edit_action = QAction(self)
        self.duplicate_action = QAction(self)
        self.delete_action = QAction(self)
        self.delete_action.triggered.connect(self.delete_programme)
        self.dialog = None  # the deletion dialog open now (for tests)
        self.new_action.triggered.connect(self.new_programme)
        self.edit_action.triggered.connect(self.edit_programme)
        self.duplicate_action.triggered.connect(self.duplicate_programme)
        self.new_action.setShortcut(QKeySequence(NEW_KEY))
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # where the programmes are
        self.programmes.set_empty_action(self.new_action)
        self.programmes.table.row_actions = [
            self.new_action, self.edit_action, self.duplicate_action, None, self.delete_action
        ]  # fmt: skip
        self.programmes.table.addAction(self.delete_action)
        self.programme_bar = tool_bar(
            self.new_action, self.edit_action, self.duplicate_action, None, self.delete_action
        )
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.programmes, 1)
        top_layout.addWidget(self.programme_bar)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.editor)
        self.splitter.setSizes([150, 550])  # programmes are few; their modules many
        self.layout_.addWidget(self.splitter, 1)
        self.programmes.currentIdChanged.connect(self._show_programme)
        self.editor.curriculumChanged.connect(self._after_change)
        self.retranslate()

    def load(self) -> None:
        assert self.db is not None
        if self.editor.db is not self.db:
            self.editor.set_database(self.db)
        self.programmes.set_source(self.db)
        self._update_buttons()
        self._read_to_register()

    def show_first_screen(self, first: FirstScreen) -> None:
        """Show the start-up snapshot until the database is open (``load`` then replaces all of it)."""
        from tillitsleder.first_screen.reader import shape

        self.programmes.show_preview(shape("programmes"), list(first.programme_rows), first.programme_total)
        self.editor.show_preview(first.curriculum)
        self._to_register = list(first.to_register)
        self._show_to_register()

    def _read_to_register(self) -> None:
        from tillitsleder.attendance.register import sessions_to_register

        self._to_register = sessions_to_register(self.db) if self.db is not None else []
        self._show_to_register()

    def _show_to_register(self) -> None:
        count = sum(n for _id, _name, n in self._to_register)
        self.to_register.setVisible(count > 0)
        if count:
            cohorts = ", ".join(name for _id, name, _n in self._to_register)
            self.to_register.setText(
                ngettext(
                    "{n} session to be registered in the attendance register ({cohorts}).",
                    "{n} sessions to be registered in the attendance register ({cohorts}).",
                    count,
                ).format(n=format_number(count), cohorts=cohorts)
            )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        was_stale = self._stale
        super().showEvent(event)
        if not was_stale and self.editor.view is not None:
            self.editor.reload()  # other areas may have scheduled sessions for a module meanwhile
        if not was_stale and self.db is not None:
            self._read_to_register()  # attendance may have been registered meanwhile

    def current_programme_id(self) -> int | None:
        return self.programmes.current_id()

    def _show_programme(self, programme_id: int | None) -> None:
        if self._refreshing or self.db is None:
            return
        self.editor.show_programme(programme_id)
        self._update_buttons()

    def _after_change(self, programme_id: int | None) -> None:
        """A command changed ``programme_id``: refresh the list (counts, names) and show that programme."""
        wanted = programme_id if programme_id is not None else self.current_programme_id()
        announce(Changed.CURRICULUM, self)
        self._refreshing = True
        try:
            self.programmes.refresh()
        finally:
            self._refreshing = False
        if not self.select_programme(wanted):
            self.select_programme(self.programmes.model.row_id(0) if self.programmes.model else None)
        self._show_programme(self.current_programme_id())

    def select_programme(self, programme_id: int | None) -> bool:
        model = self.programmes.model
        if model is None or programme_id is None:
            return False
        for row in range(model.rowCount()):
            if model.row_id(row) == programme_id:
                self._refreshing = True
                try:
                    self.programmes.table.selectionModel().setCurrentIndex(
                        model.index(row, 0),
                        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                    )
                finally:
                    self._refreshing = False
                return True
        return False

    def _update_buttons(self) -> None:
        has_db = self.db is not None
        has_programme = has_db and self.current_programme_id() is not None
        self.new_action.setEnabled(has_db)
        self.edit_action.setEnabled(has_programme)
        self.duplicate_action.setEnabled(has_programme)
        self.delete_action.setEnabled(has_programme)

    # --- programme actions -------------------------------------------------------------------------------

    def new_programme(self):
        if self.db is None:
            return None
        from tillitsleder.curriculum import municipality_options
        from ui.curriculum.commands import CreateProgramme
        from ui.curriculum.programme_dialogs import ProgrammeDialog

        def submit(data) -> None:
            text = _("New programme “{name}”").format(name=data.name.strip())
            self.editor.push(CreateProgramme(self.editor, text, data))

        return open_form(ProgrammeDialog(municipality_options(self.db), submit, parent=self))

    def edit_programme(self):
        programme_id = self.current_programme_id()
        if self.db is None or programme_id is None:
            return None
        from tillitsleder.curriculum import get_programme, municipality_options
        from ui.curriculum.commands import EditProgramme
        from ui.curriculum.programme_dialogs import ProgrammeDialog

        initial = get_programme(self.db, programme_id)

        def submit(data) -> None:
            if data != initial:
                text = _("Edit programme “{name}”").format(name=data.name.strip())
                self.editor.push(EditProgramme(self.editor, text, programme_id, data))

        return open_form(ProgrammeDialog(municipality_options(self.db), submit, initial, parent=self))

    def duplicate_programme(self):
        programme_id = self.current_programme_id()
        if self.db is None or programme_id is None:
            return None
        from tillitsleder.curriculum import get_programme
        from ui.curriculum.commands import CreateProgramme
        from ui.curriculum.programme_dialogs import DuplicateDialog

        def submit(value) -> None:
            name, start = value
            text = _("Duplicate as “{name}”").format(name=name.strip())
            self.editor.push(CreateProgramme(self.editor, text, source_id=programme_id, name=name, start=start))

        return open_form(DuplicateDialog(get_programme(self.db, programme_id), submit, parent=self))

    def delete_programme(self):
        """Ask, saying what will be lost, then delete the programme with its cohorts (after a backup)."""
        programme_id = self.current_programme_id()
        if self.db is None or programme_id is None:
            return None
        from ui.privacy.deletion_dialog import DeletionDialog

        dialog = DeletionDialog(self.db, "programme", programme_id, parent=self)
        dialog.deleted.connect(lambda _report: self._after_deletion())
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _after_deletion(self) -> None:
        self.editor.undo_stack.clear()  # its commands may name what is gone; the backup is the way back
        self._after_change(None)

    def retranslate(self) -> None:
        super().retranslate()
        self.new_action.setText(_("&New programme…"))
        self.delete_action.setText(_("&Delete programme…"))
        self.delete_action.setToolTip(
            _("Delete the programme with its curriculum and all its cohorts, after saying what will be lost.")
        )
        self.edit_action.setText(_("Edit &programme…"))
        self.duplicate_action.setText(_("Duplicate as &template…"))
        self.programme_bar.setAccessibleName(_("Programme actions"))
        self.duplicate_action.setToolTip(
            _("Copy the semesters, modules and attendance statuses to a new programme for the next cohort.")
        )
        self._update_buttons()
        self._show_to_register()
