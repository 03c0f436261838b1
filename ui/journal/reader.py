"""The quiet reader beside the entry list: the entry's date, what it is about, who can read it, and its text in the
writing font — with the search matches highlighted — plus "Edit" and "Delete". A damaged entry shows what happened
and "Restore from backup…" instead of "Edit"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextEdit, QVBoxLayout, QWidget

from tillitsleder.i18n import _, format_date
from ui import colours, recolour
from ui.journal.highlight import highlight_editor
from ui.journal.writing_view import airy, writing_font
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.journal.entries import JournalEntryView


class EntryReader(Retranslating, QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("panelTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.facts = QLabel()
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.facts.setWordWrap(True)
        self.text = QTextEdit()
        self.text.setObjectName("entryReader")
        recolour.follow_sheet(self.text, lambda _s: f"QTextEdit#entryReader {{ {colours.text_rule('paper')} }}")
        recolour.mark_surface(self.text, "paper")
        self.text.setReadOnly(True)
        self.text.setFont(writing_font())
        self.text.document().setDocumentMargin(16)
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("editEntry")
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("deleteEntry")
        self.restore_button = QPushButton()
        self.restore_button.setObjectName("restoreEntry")
        self.restore_button.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.restore_button)
        head.addWidget(self.edit_button)
        head.addWidget(self.delete_button)
        layout.addLayout(head)
        layout.addWidget(self.facts)
        layout.addWidget(self.text, 1)
        self.retranslate()
        self.show_entry(None)
        recolour.changes().changed.connect(self._recolour)

    def _recolour(self) -> None:
        """The palette changed: the matches are marked again in its colours (the document keeps no colour)."""
        if self.text.extraSelections():
            selected = [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in self.text.extraSelections()]
            highlight_editor(self.text, selected)

    def show_entry(self, entry: JournalEntryView | None, spans: list[tuple[int, int]] | None = None) -> None:
        """Show ``entry`` (``None``: nothing); ``spans`` are matches in ``full_text(entry)`` to highlight."""
        damaged = entry is not None and entry.damaged
        self.edit_button.setEnabled(entry is not None and not damaged)
        self.edit_button.setVisible(not damaged)
        self.restore_button.setVisible(damaged)
        self.delete_button.setEnabled(entry is not None)
        if entry is None:
            self.clear()
            return
        self.title.setText(format_date(entry.written_on, "full"))
        if damaged:
            self.facts.setText(" · ".join((_("Damaged entry"), entry.sharing.label())))
            self.text.setPlainText(damaged_text())
            airy(self.text)
            self.text.setExtraSelections([])
            return
        facts = [entry.prompt_template.label(), entry.sharing.label()]
        if entry.session_title or entry.module_title:
            facts.insert(0, entry.session_title or entry.module_title or "")
        if entry.tags:
            facts.append(_("Tags: {tags}").format(tags=", ".join(entry.tags)))
        self.facts.setText(" · ".join(facts))
        self.text.setPlainText(full_text(entry))
        airy(self.text)
        if spans:
            highlight_editor(self.text, spans)
        else:
            self.text.setExtraSelections([])

    def clear(self) -> None:
        self.text.clear()
        self.title.clear()
        self.facts.clear()

    def retranslate(self) -> None:
        self.text.setAccessibleName(_("The entry"))
        self.edit_button.setText(_("&Edit"))
        self.delete_button.setText(_("De&lete"))
        self.restore_button.setText(_("&Restore from backup…"))
        self.restore_button.setToolTip(_("Look for an intact copy of this entry in the backups and put it back."))


def full_text(entry: JournalEntryView) -> str:
    """What the reader shows of an entry: its text and, when shared as a group summary, that summary."""
    if not entry.summary:
        return entry.text
    return entry.text + "\n\n" + _("Summary for the group:") + "\n" + entry.summary


def damaged_text() -> str:
    return _(
        "This entry could not be opened: some of its stored bytes have been changed or damaged, so its text cannot "
        "be shown. Your other entries are not affected.\n\n"
        "Choose “Restore from backup…” to look for an intact copy of this entry in the backups beside your "
        "database and put it back as it was when that backup was made."
    )
