"""What others chose to share: entries shared with me as a coach, and reflection-group summaries — read-only.

``SharedEntriesPanel`` lists ``journal_shared.shared_with_me`` (author, date, what it is) beside a reader.
``CoachJournalView`` is a facilitator's Journal area: that panel plus the commitments of the leaders they coach.
Both read (and decrypt) off the GUI thread through ``ui.operations`` and say ``loaded`` or ``loadFailed``.
Decrypted text lives in these widgets only while the profile is unlocked; ``clear()`` empties them. A damaged
entry is listed (author and date, in dark red) and the reader says so; the others read as usual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from tillitsleder.enums import JournalSharing
from tillitsleder.i18n import _, format_date
from ui import colours, recolour
from ui.journal.commitments import CommitmentsPanel
from ui.journal.list_model import Index, RowListModel
from ui.journal.writing_view import airy, writing_font
from ui.operations import Operation, run
from ui.widgets.keyboard import leave_by_tab
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.journal.shared_with_me import SharedEntry
    from tillitsleder.profiles import UnlockedProfile
    from tillitsleder.storage import Database


class SharedModel(RowListModel):
    columns = ("author", "date", "kind", "about")

    def header(self, column: str) -> str:
        return {"author": _("Written by"), "date": _("Date"), "kind": _("Shared as"), "about": _("About")}[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is not None and row.damaged and role == Qt.ItemDataRole.ForegroundRole:
            return colours.scheme().brushes("danger.item")[1]
        if row is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        column = self.columns[index.column()]
        if column == "author":
            return row.author_name
        if column == "date":
            return format_date(row.written_on)
        if column == "kind" and row.damaged:
            return _("Damaged entry")
        if column == "kind":
            return _("Entry shared with you") if row.sharing is JournalSharing.COACH else _("Group summary")
        return row.session_title or "—"


class SharedEntriesPanel(Retranslating, QWidget):
    loaded = Signal()
    loadFailed = Signal(str)  # noqa: N815 - the translated reason

    def __init__(self, *, empty_text: str, parent=None) -> None:
        super().__init__(parent)
        self._empty_msgid = empty_text
        self.model = SharedModel(self)
        self.table = leave_by_tab(QTableView())
        self.table.setObjectName("sharedTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty)
        self.reader_title = QLabel()
        self.reader_title.setObjectName("panelTitle")
        self.reader_title.setTextFormat(Qt.TextFormat.PlainText)
        self.reader = QTextEdit()
        self.reader.setObjectName("sharedReader")
        recolour.follow_sheet(self.reader, lambda _s: f"QTextEdit#sharedReader {{ {colours.text_rule('paper')} }}")
        recolour.mark_surface(self.reader, "paper")
        self.reader.setReadOnly(True)
        self.reader.setFont(writing_font())
        self.reader.document().setDocumentMargin(16)
        self.reader_box = reader_box = QWidget()
        reader_layout = QVBoxLayout(reader_box)
        reader_layout.setContentsMargins(8, 0, 0, 0)
        reader_layout.addWidget(self.reader_title)
        reader_layout.addWidget(self.reader, 1)
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.list_stack)
        splitter.addWidget(reader_box)
        splitter.setSizes([520, 480])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(splitter)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())
        self.retranslate()

    def load(self, db: Database, me: UnlockedProfile) -> Operation:
        """Read what was shared with ``me`` off the GUI thread; shown when it arrives."""
        from ui.errors import error_text

        def work(_ctx: object) -> list[SharedEntry]:
            from tillitsleder.journal import shared_with_me as journal_shared

            return journal_shared.shared_with_me(db, me)

        return run(
            work, parent=self, on_success=self.show_rows, key="load", name="shared-with-me",
            on_failure=lambda error: self.loadFailed.emit(error_text(error)),
        )  # fmt: skip

    def show_rows(self, rows: list[SharedEntry]) -> None:
        self.model.set_rows(rows)
        self.list_stack.setCurrentWidget(self.table if self.model.rows else self.empty)
        self.reader_box.setVisible(bool(self.model.rows))
        self.table.resizeColumnsToContents()
        if self.model.rows:
            self.table.selectRow(0)
        self._show_current()
        self.loaded.emit()

    def authors(self) -> dict[int, str]:
        return {row.author_id: row.author_name for row in self.model.rows}

    def clear(self) -> None:
        self.model.set_rows([])
        self.reader.clear()
        self.reader_title.clear()
        self.list_stack.setCurrentWidget(self.empty)
        self.reader_box.hide()

    def _show_current(self) -> None:
        entry: SharedEntry | None = self.model.row_at(self.table.currentIndex().row())
        if entry is None:
            self.reader.clear()
            self.reader_title.setText("")
            return
        self.reader_title.setText(
            _("{name}, {date}").format(name=entry.author_name, date=format_date(entry.written_on, "long"))
        )
        if entry.damaged:
            text = _(
                "This entry could not be opened: it has been changed or damaged, so its text cannot be shown. "
                "Its author can restore it from a backup. The other shared entries are not affected."
            )
        elif entry.text is not None:
            text = entry.text
            if entry.tags:
                text += "\n\n" + _("Tags: {tags}").format(tags=", ".join(entry.tags))
        else:
            text = entry.summary or ""
        self.reader.setPlainText(text)
        airy(self.reader)

    def retranslate(self) -> None:
        self.empty.setText(_(self._empty_msgid))
        self.table.setAccessibleName(_("Shared entries"))
        self.reader.setAccessibleName(_("The shared entry"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.model.columns) - 1)
        self._show_current()


class CoachJournalView(Retranslating, QWidget):
    """A facilitator/coach's Journal area: what was shared with them, and their leaders' commitments."""

    loaded = Signal()
    loadFailed = Signal(str)  # noqa: N815 - the translated reason

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        from tillitsleder.i18n import N_

        self.shared = SharedEntriesPanel(
            empty_text=N_(
                "Nothing has been shared with you yet. Participants you coach choose entry by entry what you may read."
            )
        )
        self.person_combo = QComboBox()
        self.person_combo.setObjectName("coachedPerson")
        self.person_combo.setMinimumContentsLength(24)
        self.person_label = QLabel()
        self.person_label.setBuddy(self.person_combo)
        self.commitments = CommitmentsPanel(editable=False)
        commitments_tab = QWidget()
        layout = QVBoxLayout(commitments_tab)
        layout.setContentsMargins(0, 8, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.person_label)
        row.addWidget(self.person_combo)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.commitments, 1)
        self.note = QLabel()
        self.note.setObjectName("privacyNote")
        self.note.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.shared, "")
        self.tabs.addTab(commitments_tab, "")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.note)
        outer.addWidget(self.tabs)
        self.db: Database | None = None
        self.me: UnlockedProfile | None = None
        self.person_combo.currentIndexChanged.connect(lambda _i: self._show_commitments())
        self.retranslate()

    def load(self, db: Database, me: UnlockedProfile) -> Operation:
        """Read the shared entries and the coached leaders off the GUI thread; shown when they arrive."""
        from ui.errors import error_text

        def work(_ctx: object) -> tuple[list[SharedEntry], dict[int, str]]:
            from tillitsleder.journal import shared_with_me as journal_shared

            return journal_shared.shared_with_me(db, me), _coached_people(db, me)

        return run(
            work, parent=self, on_success=lambda result: self._show(db, me, *result), key="load",
            on_failure=lambda error: self.loadFailed.emit(error_text(error)), name="coach-journal",
        )  # fmt: skip

    def _show(self, db: Database, me: UnlockedProfile, rows: list[SharedEntry], coached: dict[int, str]) -> None:
        self.db, self.me = db, me
        self.shared.show_rows(rows)
        people = coached or self.shared.authors()
        self.person_combo.blockSignals(True)
        self.person_combo.clear()
        for person_id, name in sorted(people.items(), key=lambda item: item[1].casefold()):
            self.person_combo.addItem(name, person_id)
        self.person_combo.blockSignals(False)
        self._show_commitments()
        self.loaded.emit()

    def clear(self) -> None:
        self.db = self.me = None
        self.shared.clear()
        self.person_combo.clear()
        self.commitments.clear()

    def _show_commitments(self) -> None:
        from tillitsleder.errors import Forbidden

        person_id = self.person_combo.currentData()
        if self.db is None or self.me is None or person_id is None:
            self.commitments.clear()
            return
        try:
            self.commitments.load(self.db, self.me, int(person_id))
        except Forbidden:
            self.commitments.clear()

    def retranslate(self) -> None:
        self.note.setText(
            _(
                "You read only what participants chose to share with you: whole entries shared with their coach, "
                "and the summaries members share with a reflection group you lead. Everything else in their "
                "journals stays private, and the coordinator's areas are hidden for your profile."
            )
        )
        self.tabs.setTabText(0, _("Shared with me"))
        self.tabs.setTabText(1, _("Commitments of the leaders I coach"))
        self.person_label.setText(_("&Leader:"))


def _coached_people(db: Database, me: UnlockedProfile) -> dict[int, str]:
    """The leaders ``me`` coaches now, by person id."""
    from tillitsleder.journal import commitments

    return {option.id: option.label for option in commitments.coached_people(db, me.actor)}
