"""A participant's journal: the entries (with search), the reader, the writing view, commitments and export.

The overview is a list of one's own entries beside a quiet reader; the search field filters the list to the core's
hits and highlights the matched words in the list and in the reader. "New entry" and "Edit" open the writing view.
When an unsaved draft exists after unlocking (the app stopped, or the writer left without saving) a banner offers
to continue it or throw it away. A damaged entry is listed with its date ("Restore from backup…": ``restore_action``).
Everything decrypted lives in these widgets only while the profile is unlocked: ``clear()`` empties them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tillitsleder.enums import PromptTemplate
from tillitsleder.i18n import _, ngettext
from ui.journal.commitments import CommitmentsPanel
from ui.journal.draft_banner import DraftBanner
from ui.journal.entry_list import COLUMNS, FOUND, EntryListModel, EntryTable
from ui.journal.reader import EntryReader, full_text
from ui.journal.restore_action import restore_damaged
from ui.journal.writing_view import WritingView
from ui.operations import run
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from ui.journal.backend import JournalBackend, RecoveredDraft

SEARCH_DELAY_MS = 250


def _tab(*parts: QHBoxLayout | QWidget) -> QWidget:
    tab = QWidget()
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(0, 8, 0, 0)
    for part in parts:
        if isinstance(part, QHBoxLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part, 1)
    return tab


class JournalWorkspace(Retranslating, QWidget):
    changed = Signal()  # an entry was saved or deleted
    loaded = Signal()  # the list (and the rest) shows what the last reload or search found

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("journalWorkspace")
        self.backend: JournalBackend | None = None
        self.recovered: RecoveredDraft | None = None
        self._query = ""
        self._generation = 0  # loads started; a result is shown only if no newer load (or lock) followed
        self.busy = False

        self.stack = QStackedWidget()
        self.overview = QWidget()
        self.writing = WritingView()
        self.stack.addWidget(self.overview)
        self.stack.addWidget(self.writing)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.banner = DraftBanner()  # offers an unsaved draft back
        self.banner_text, self.continue_button = self.banner.text, self.banner.continue_button

        self.new_button = QToolButton()
        self.new_button.setObjectName("newEntry")
        self.new_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_menu = QMenu(self)
        self.new_actions = {member: self.new_menu.addAction("") for member in PromptTemplate}
        self.new_button.setMenu(self.new_menu)
        self.search_field = QLineEdit()
        self.search_field.setObjectName("journalSearch")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMinimumWidth(260)
        self.count_label = QLabel()
        self.export_button = QToolButton()
        self.export_button.setObjectName("exportJournal")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_menu = QMenu(self)
        self.export_actions = {fmt: self.export_menu.addAction("") for fmt in ("pdf", "md", "json")}
        self.export_button.setMenu(self.export_menu)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.new_button)
        bar.addSpacing(12)
        bar.addWidget(self.search_field)
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        bar.addWidget(self.export_button)

        self.model = EntryListModel(self)
        self.table = EntryTable(self.model)
        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty)

        self.reader_pane = EntryReader()
        self.reader, self.edit_button = self.reader_pane.text, self.reader_pane.edit_button
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.list_stack)
        splitter.addWidget(self.reader_pane)
        splitter.setSizes([560, 440])

        self.commitments = CommitmentsPanel(editable=True)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("journalTabs")
        self.tabs.addTab(_tab(bar, splitter), "")
        self.tabs.addTab(_tab(self.commitments), "")
        overview_layout = QVBoxLayout(self.overview)
        overview_layout.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel()
        self.note.setObjectName("privacyNote")
        self.note.setWordWrap(True)
        overview_layout.addWidget(self.note)
        overview_layout.addWidget(self.banner)
        overview_layout.addWidget(self.tabs, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search_field.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_field.returnPressed.connect(self.apply_search)
        self.new_button.clicked.connect(lambda: self.new_entry(PromptTemplate.THREE_STEP.value))
        for member, action in self.new_actions.items():
            action.triggered.connect(lambda _checked=False, t=member.value: self.new_entry(t))
        for fmt, action in self.export_actions.items():
            action.triggered.connect(lambda _checked=False, f=fmt: self.export(f))
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.edit_button.clicked.connect(self.edit_current)
        self.reader_pane.delete_button.clicked.connect(self.delete_current)
        self.reader_pane.restore_button.clicked.connect(lambda: restore_damaged(self))
        self.continue_button.clicked.connect(self.continue_draft)
        self.banner.discard_button.clicked.connect(self.discard_recovered)
        self.writing.closed.connect(self._back_to_overview)
        self.writing.entrySaved.connect(self._on_saved)
        self.retranslate()
        self._show_current()

    # --- data ----------------------------------------------------------------------------------------------

    def set_backend(self, backend: JournalBackend | None) -> None:
        if backend is self.backend:
            return
        self.writing.flush()
        self.clear()
        self.backend = backend
        self.writing.set_backend(backend)

    def reload(self, select: int | None = None) -> None:
        """Read the entries, commitments and any unsaved draft again (after unlocking or a change), on a worker
        thread: decrypting a two-year journal takes a moment. ``select`` is the entry to show afterwards."""
        self._load(full=True, select=select)

    def _load(self, *, full: bool, select: int | None = None) -> None:
        backend = self.backend
        if backend is None:
            return
        self._generation += 1
        generation, query = self._generation, self._query

        def work(_ctx: object) -> tuple:
            return backend.load(query, full=full)

        def done(result: tuple) -> None:
            if generation == self._generation and backend is self.backend:  # else a newer load or a lock won
                self._apply(backend, result, select)

        def failed(error: BaseException) -> None:
            from ui.errors import error_text

            if generation == self._generation and backend is self.backend:
                self.busy = False
                self.empty.setText(error_text(error))
                self.list_stack.setCurrentWidget(self.empty)
                self.loaded.emit()

        self.busy = True
        self._update_list_state()
        run(work, parent=self, on_success=done, on_failure=failed, name="journal-load")

    def _apply(self, backend: JournalBackend, result: tuple, select: int | None) -> None:
        entries, hits, rows, drafts = result
        self.busy = False
        current = select if select is not None else self._current_id()
        if entries is not None:
            self.model.set_entries(entries)
        self.model.set_hits(hits)
        if rows is not None:
            self.commitments.show_rows(backend.db, backend.me, backend.actor.person_id, rows)
        if drafts is not None:
            self._offer_draft(drafts)
        self._update_list_state()
        if entries is not None:
            self.table.fit_columns()
        row = self.model.row_of(current) if current is not None else -1
        if self.model.rowCount():
            self.table.selectRow(row if row >= 0 else 0)
        self._show_current()
        self.loaded.emit()

    def clear(self) -> None:
        """Forget every decrypted word shown (the profile locks)."""
        self.writing.clear()
        self.stack.setCurrentWidget(self.overview)
        self.model.clear()
        self.reader_pane.clear()
        self.search_field.blockSignals(True)
        self.search_field.clear()
        self.search_field.blockSignals(False)
        self._query = ""
        self._generation += 1  # a load still running for the old profile is dropped
        self.busy = False
        self.commitments.clear()
        self.recovered = None
        self.banner.offer(None)
        self.backend = None

    def flush(self) -> bool:
        return self.writing.flush()

    # --- search --------------------------------------------------------------------------------------------

    def apply_search(self) -> None:
        self._search_timer.stop()
        self._query = self.search_field.text().strip()
        if self.backend is None:
            return
        self._load(full=False)

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    # --- the list and the reader ---------------------------------------------------------------------------

    def _current_id(self) -> int | None:
        entry = self.model.entry(self.table.currentIndex().row())
        return entry.id if entry is not None else None

    def _show_current(self, *_args: object) -> None:
        entry = self.model.entry(self.table.currentIndex().row())
        spans = None
        if entry is not None and self._query and self.backend is not None:
            spans = self.backend.spans(full_text(entry), self._query)
        self.reader_pane.show_entry(entry, spans)

    def _update_list_state(self) -> None:
        rows, found = self.model.rowCount(), self.model.found  # damaged rows are shown while searching, not found
        searching = self.model.searching
        for column in range(FOUND):  # while searching, the date, what it is about and what was found
            self.table.setColumnHidden(column, searching and COLUMNS[column] not in ("date", "about"))
        self.table.setColumnHidden(FOUND, not searching)
        if rows:
            self.list_stack.setCurrentWidget(self.table)
        else:
            if self.busy:
                self.empty.setText(_("Opening your journal…"))
            elif searching:
                self.empty.setText(_("Nothing in your journal matches “{search}”.").format(search=self._query))
            else:
                self.empty.setText(
                    _("Your journal is empty. Choose “New entry” to write your first reflection; only you can read it.")
                )
            self.list_stack.setCurrentWidget(self.empty)
        if searching:
            self.count_label.setText(ngettext("{n} entry found", "{n} entries found", found).format(n=found))
        else:
            self.count_label.setText(ngettext("{n} entry", "{n} entries", rows).format(n=rows) if rows else "")

    # --- writing -------------------------------------------------------------------------------------------

    def new_entry(self, template: str) -> None:
        if self.backend is None:
            return
        self.backend.start_editing(None)
        self.writing.start_new(template)
        self.stack.setCurrentWidget(self.writing)
        self.writing.editor.setFocus()

    def edit_current(self) -> None:
        entry_id = self._current_id()
        if self.backend is None or entry_id is None:
            return
        self.backend.start_editing(None)
        self.writing.open_form(self.backend.entry_form(entry_id))
        self.stack.setCurrentWidget(self.writing)

    def delete_current(self, *, confirm: bool = True) -> None:
        from PySide6.QtWidgets import QMessageBox

        entry_id = self._current_id()
        if self.backend is None or entry_id is None:
            return
        if confirm:
            answer = QMessageBox.question(
                self, _("Delete entry"), _("Delete this entry from your journal? This cannot be undone.")
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            self.backend.delete_entry(entry_id)
        except Exception as error:  # noqa: BLE001 - every core error is shown
            from ui.errors import show_error

            show_error(self, _("Delete entry"), error)
            return
        self.reload()
        self.changed.emit()

    def continue_draft(self) -> None:
        recovered = self.recovered
        if self.backend is None or recovered is None:
            return
        self.backend.start_editing(recovered.draft_id)
        self.writing.open_form(recovered.form)
        self.banner.offer(None)
        self.stack.setCurrentWidget(self.writing)

    def discard_recovered(self) -> None:
        if self.backend is not None and self.recovered is not None:
            self.backend.discard_draft(self.recovered.draft_id)
        self.recovered = None
        self._offer_draft()

    def _offer_draft(self, drafts: list[RecoveredDraft] | None = None) -> None:
        if drafts is None:
            drafts = self.backend.drafts() if self.backend is not None else []
        editing = self.backend.draft_id if self.backend is not None else None
        if self.stack.currentWidget() is self.writing:
            drafts = [d for d in drafts if d.draft_id != editing]
        self.recovered = drafts[0] if drafts else None
        self.banner.offer(self.recovered)

    def _back_to_overview(self) -> None:
        self.stack.setCurrentWidget(self.overview)
        self._offer_draft()

    def _on_saved(self, entry_id: int) -> None:
        self.stack.setCurrentWidget(self.overview)
        self.reload(select=entry_id)
        self.changed.emit()

    def export(self, fmt: str) -> None:
        from ui.journal.export import export_journal

        if self.backend is not None:
            self.writing.flush()
            export_journal(self, self.backend, fmt)

    # --- presentation --------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.note.setText(
            _(
                "Only you can read your journal: it is locked with your passphrase. You choose, entry by entry, "
                "whether your coach or your reflection group may read it. The programme coordinator never can."
            )
        )
        self.new_button.setText(_("&New entry"))
        self.new_button.setToolTip(_("Write a new entry; the arrow offers the other prompts."))
        for member, action in self.new_actions.items():
            action.setText(member.label())
        self.search_field.setPlaceholderText(_("Search your journal…"))
        self.search_field.setToolTip(_("Words to find in your entries, tags and summaries (Ctrl+F)."))
        self.search_field.setAccessibleName(_("Search your journal"))
        self.table.setAccessibleName(_("Journal entries"))
        self.export_button.setText(_("E&xport"))
        self.export_button.setToolTip(_("Save your journal and commitments as a file only you decide about."))
        self.export_actions["pdf"].setText(_("As PDF…"))
        self.export_actions["md"].setText(_("As Markdown…"))
        self.export_actions["json"].setText(_("As JSON…"))
        self.tabs.setTabText(0, _("Entries"))
        self.tabs.setTabText(1, _("Commitments"))
        self.model.retranslate()
        self._update_list_state()
        self._show_current()
