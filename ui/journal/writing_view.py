"""The calm writing view: one entry on a quiet page, saved as a draft while the writer types.

Above the page, small and out of the way: the date, the prompt template, the session or module the entry is about,
tags, and who will be able to read it (in plain words). The page itself is a wide, unframed serif text column. Every
change goes to a ``DraftAutosaver``, which hands the whole draft to the core's draft call within a second; "Save
entry" (Ctrl+S) makes it a journal entry. Leaving the view, locking or closing the window flushes the draft first.
"""

from __future__ import annotations

import logging
from datetime import date
from string import Template

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tillitsleder import clock
from tillitsleder.enums import JournalSharing, PromptTemplate
from tillitsleder.i18n import _, format_date, ngettext
from ui import colours, recolour
from ui.connection import connection_watch
from ui.curriculum.forms import date_edit
from ui.journal.autosave import DraftAutosaver
from ui.journal.backend import EntryForm, JournalBackend
from ui.journal.sharing import SharingSelector
from ui.widgets.retranslate import Retranslating

log = logging.getLogger(__name__)

PAGE_WIDTH = 760
LINE_HEIGHT_PERCENT = 150
WRITING_STYLE = """
QFrame#writingPage { background: $paper; border: 1px solid $border; border-radius: 4px; }
QTextEdit#journalEditor { background: $paper; color: $ink; border: none;
    selection-background-color: $selection; selection-color: $selection_ink; }
QLabel#sharingExplanation { color: palette(window-text); }
QLabel#draftStatus { padding: 0 6px; }
"""


def writing_style(scheme: colours.Scheme) -> str:
    """The page's sheet in the colours of ``scheme``: the paper with its ink, the selection with its ink."""
    return Template(WRITING_STYLE).substitute(
        paper=scheme.css_fill("paper"), ink=scheme.css_text("paper"), border=scheme.css_border("paper"),
        selection=scheme.css_fill("paper.selection"), selection_ink=scheme.css_text("paper.selection"),
    )  # fmt: skip


def airy(edit: QTextEdit) -> None:
    """Open line spacing for the whole document of ``edit`` (new paragraphs inherit it)."""
    cursor = QTextCursor(edit.document())
    cursor.select(QTextCursor.SelectionType.Document)
    block = QTextBlockFormat()
    block.setLineHeight(LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    block.setBottomMargin(4)
    cursor.mergeBlockFormat(block)


def writing_font() -> QFont:
    font = QFont()
    font.setFamilies(["Charter", "Georgia", "Cambria", "DejaVu Serif", "Noto Serif", "serif"])
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(13)
    return font


class WritingView(Retranslating, QWidget):
    closed = Signal()
    entrySaved = Signal(int)  # noqa: N815 - the entry's id

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("writingView")
        recolour.follow_sheet(self, writing_style)
        self.backend: JournalBackend | None = None
        self.entry_id: int | None = None
        self._loading = False
        self.autosaver = DraftAutosaver(self._save_draft, self)
        self.autosaver.saved.connect(self._on_draft_saved)
        self.autosaver.failed.connect(self._on_draft_failed)
        self._kept_here = False  # the last autosave went to this PC, not the server
        connection_watch().restored.connect(self._on_connection_back)

        self.back_button = QToolButton()
        self.back_button.setObjectName("backToJournal")
        self.back_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.details_button = QToolButton()
        self.details_button.setCheckable(True)
        self.details_button.setChecked(True)
        self.status = QLabel()
        self.status.setObjectName("draftStatus")
        self.words = QLabel()
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveEntry")
        self.save_button.setDefault(True)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        top.addWidget(self.status)
        top.addWidget(self.details_button)
        top.addWidget(self.save_button)

        self.date_edit = date_edit()
        self.template_combo = QComboBox()
        for member in PromptTemplate:
            self.template_combo.addItem("", member.value)
        self.link_combo = QComboBox()
        self.link_combo.setMinimumContentsLength(28)
        self.link_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.link_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.tags_edit = QLineEdit()
        self.sharing = SharingSelector(self)  # its combo row and explanation are placed in the form below
        self.sharing.hide()
        self.details = QWidget()
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.date_label, self.template_label, self.link_label = QLabel(), QLabel(), QLabel()
        self.tags_label, self.sharing_label = QLabel(), QLabel()
        first_row = QHBoxLayout()
        first_row.addWidget(self.date_edit)
        first_row.addSpacing(12)
        first_row.addWidget(self.template_label)
        first_row.addWidget(self.template_combo, 1)
        self.template_label.setBuddy(self.template_combo)
        form.addRow(self.date_label, first_row)
        form.addRow(self.link_label, self.link_combo)
        form.addRow(self.tags_label, self.tags_edit)
        sharing_box = QWidget()
        sharing_layout = QVBoxLayout(sharing_box)
        sharing_layout.setContentsMargins(0, 0, 0, 0)
        sharing_layout.setSpacing(4)
        sharing_layout.addWidget(self.sharing.combo_row)
        sharing_layout.addWidget(self.sharing.explanation)
        form.addRow(self.sharing_label, sharing_box)
        self.summary_label = QLabel()
        self.summary_edit = QPlainTextEdit()
        self.summary_edit.setObjectName("summaryEditor")
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setFixedHeight(self.summary_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.summary_label.setBuddy(self.summary_edit)
        form.addRow(self.summary_label, self.summary_edit)
        self._form = form
        for label, field in (
            (self.date_label, self.date_edit),
            (self.link_label, self.link_combo),
            (self.tags_label, self.tags_edit),
            (self.sharing_label, self.sharing.combo),
        ):
            label.setBuddy(field)

        self.editor = QTextEdit()
        self.editor.setObjectName("journalEditor")
        recolour.mark_surface(self.editor, "paper")
        self.editor.setAcceptRichText(False)
        self.editor.setFont(writing_font())
        self.editor.document().setDocumentMargin(28)
        self.editor.setTabChangesFocus(True)
        page = QFrame()
        page.setObjectName("writingPage")
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(self.editor)

        column = QVBoxLayout()
        column.setSpacing(12)
        column.addWidget(self.details)
        column.addWidget(page, 1)
        column.addWidget(self.words, 0, Qt.AlignmentFlag.AlignRight)
        column_widget = QWidget()
        column_widget.setLayout(column)
        column_widget.setMaximumWidth(PAGE_WIDTH)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(column_widget, 100)
        centred.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(centred, 1)

        self.editor.textChanged.connect(self._on_text_changed)
        for signal in (
            self.date_edit.dateChanged,
            self.link_combo.currentIndexChanged,
            self.tags_edit.textEdited,
            self.sharing.combo.currentIndexChanged,
        ):
            signal.connect(self._on_field_changed)
        self.summary_edit.textChanged.connect(self._on_field_changed)
        self.sharing.combo.currentIndexChanged.connect(lambda _index: self._show_summary())
        self.template_combo.currentIndexChanged.connect(self._on_template_changed)
        self.details_button.toggled.connect(self.details.setVisible)
        self.back_button.clicked.connect(self.leave)
        self.save_button.clicked.connect(self.save_entry)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_entry)
        self._last_template = PromptTemplate.FREE.value
        self._fill_links()
        self._show_summary()
        self.retranslate()

    # --- content -----------------------------------------------------------------------------------------

    def set_backend(self, backend: JournalBackend | None) -> None:
        if self.backend is not None and backend is not self.backend:
            self.autosaver.flush()
        self.backend = backend
        self._fill_links()

    def _fill_links(self) -> None:
        self.link_combo.blockSignals(True)
        self.link_combo.clear()
        self.link_combo.addItem(_("Not linked to a session or module"), None)
        if self.backend is not None:
            for option in self.backend.link_options():
                label = _("{date} · {title}").format(date=format_date(option.day), title=option.title)
                self.link_combo.addItem(label, option.session_id)
        self.link_combo.blockSignals(False)

    def start_new(self, template: str = PromptTemplate.THREE_STEP.value, on: date | None = None) -> None:
        written_on = on or clock.today()
        form = EntryForm(entry_id=None, written_on=written_on, template=template, text=self._scaffold(template))
        self.open_form(form)

    def _scaffold(self, template: str) -> str:
        return self.backend.scaffold(template) if self.backend is not None else ""

    def _all_scaffolds(self) -> set[str]:
        return {self._scaffold(member.value) for member in PromptTemplate}

    def open_form(self, form: EntryForm, *, dirty: bool = False) -> None:
        """Show ``form``; ``dirty`` when it came from a recovered draft (so it is saved again at once)."""
        self.autosaver.flush()
        self._loading = True
        try:
            self.entry_id = form.entry_id
            self.date_edit.setDate(QDate(form.written_on.year, form.written_on.month, form.written_on.day))
            index = self.template_combo.findData(form.template)
            self.template_combo.setCurrentIndex(max(0, index))
            self._last_template = form.template
            index = self.link_combo.findData(form.session_id) if form.session_id is not None else 0
            self.link_combo.setCurrentIndex(max(0, index))
            self.tags_edit.setText(", ".join(form.tags))
            self.sharing.set_value(form.sharing)
            self.summary_edit.setPlainText(form.summary)
            self._show_summary()
            self.editor.setPlainText(form.text)
            self._apply_line_height()
            self.editor.moveCursor(QTextCursor.MoveOperation.End)
        finally:
            self._loading = False
        self.autosaver.discard()
        if dirty:
            self.autosaver.changed()
        self.status.setText("")
        self._count_words()
        self.editor.setFocus()

    def form(self) -> EntryForm:
        qdate = self.date_edit.date()
        session_id = self.link_combo.currentData()
        tags = [tag.strip() for tag in self.tags_edit.text().split(",") if tag.strip()]
        return EntryForm(
            entry_id=self.entry_id,
            written_on=date(qdate.year(), qdate.month(), qdate.day()),
            template=str(self.template_combo.currentData()),
            session_id=int(session_id) if session_id is not None else None,
            tags=list(dict.fromkeys(tags)),
            sharing=self.sharing.value(),
            summary=self.summary_edit.toPlainText() if self.sharing.value() == JournalSharing.GROUP_SUMMARY else "",
            text=self.editor.toPlainText(),
        )

    def _show_summary(self) -> None:
        self._form.setRowVisible(self.summary_edit, self.sharing.value() == JournalSharing.GROUP_SUMMARY)

    def _apply_line_height(self) -> None:
        airy(self.editor)

    # --- saving ------------------------------------------------------------------------------------------

    def _on_text_changed(self) -> None:
        if not self._loading:
            self.autosaver.changed()
            self._count_words()

    def _on_field_changed(self, *_args: object) -> None:
        if not self._loading:
            self.autosaver.changed()

    def _on_template_changed(self, _index: int) -> None:
        if self._loading:
            return
        template = str(self.template_combo.currentData())
        text = self.editor.toPlainText()
        if not text.strip() or text in self._all_scaffolds() or text == self._scaffold(self._last_template):
            self._loading = True
            self.editor.setPlainText(self._scaffold(template))
            self._apply_line_height()
            self._loading = False
            self._count_words()
        self._last_template = template
        self.autosaver.changed()

    def _save_draft(self) -> None:
        if self.backend is not None:
            self._kept_here = not self.backend.save_draft(self.form())

    def _on_draft_saved(self, _when: float) -> None:
        if self._kept_here:
            self.status.setText(_("Draft kept on this PC"))
            self.status.setToolTip(
                _("The server cannot be reached: your draft is kept encrypted on this PC and saved when it is back.")
            )
            return
        self.status.setText(_("Draft saved"))
        self.status.setToolTip(_("Saved as a draft; it is kept even if the computer stops."))

    def _on_connection_back(self) -> None:
        """The server is back: the draft kept on this PC goes into the database."""
        if self.backend is None or not self.backend.held:
            return
        try:
            self.backend.save_held()
        except Exception as error:  # noqa: BLE001 - it stays kept on this PC; the next autosave tries again
            log.info("Saving the draft kept on this PC failed: %s", type(error).__name__)
            return
        self._kept_here = False
        self._on_draft_saved(0.0)

    def _on_draft_failed(self, error: BaseException) -> None:
        from ui.errors import error_text

        self.status.setText(_("The draft could not be saved: {reason}").format(reason=error_text(error)))

    def save_entry(self) -> int | None:
        """Make the draft a journal entry (Ctrl+S); returns its id, or ``None`` if it failed (the user is told)."""
        if self.backend is None:
            return None
        try:
            entry_id = self.backend.save_entry(self.form())
        except Exception as error:  # noqa: BLE001 - every core error is shown
            from ui.connection import is_connection_lost
            from ui.errors import show_error

            if is_connection_lost(error):
                connection_watch().report_lost()
            self.autosaver.flush()
            show_error(self, _("Save entry"), error)
            return None
        self.entry_id = entry_id
        self.autosaver.discard()
        self.status.setText(_("Saved in your journal"))
        self.entrySaved.emit(entry_id)
        return entry_id

    def flush(self) -> bool:
        return self.autosaver.flush()

    def leave(self) -> None:
        """Back to the journal: the draft is kept (and offered again next time) unless it was saved."""
        self.flush()
        self.closed.emit()

    def clear(self) -> None:
        """Forget what is shown (after locking): nothing of the entry stays in the widgets."""
        self.autosaver.discard()
        self._loading = True
        self.editor.clear()
        self.tags_edit.clear()
        self._loading = False
        self.entry_id = None
        self.status.setText("")
        self.backend = None

    # --- presentation ------------------------------------------------------------------------------------

    def _count_words(self) -> None:
        count = len(self.editor.toPlainText().split())
        self.words.setText(ngettext("{n} word", "{n} words", count).format(n=count))

    def retranslate(self) -> None:
        self.back_button.setText(_("← Back to the journal"))
        self.back_button.setToolTip(_("Your draft is kept until you save it."))
        self.details_button.setText(_("Details"))
        self.details_button.setToolTip(_("Show or hide the date, prompt, link, tags and sharing."))
        self.save_button.setText(_("&Save entry"))
        self.save_button.setToolTip(_("Save this entry in your journal (Ctrl+S)."))
        self.date_label.setText(_("&Date:"))
        self.template_label.setText(_("&Prompt:"))
        for index, member in enumerate(PromptTemplate):
            self.template_combo.setItemText(index, member.label())
        self.link_label.setText(_("&About:"))
        chosen = self.link_combo.currentData()
        self._fill_links()  # dates in the new language's format
        self.link_combo.blockSignals(True)
        self.link_combo.setCurrentIndex(max(0, self.link_combo.findData(chosen)) if chosen is not None else 0)
        self.link_combo.blockSignals(False)
        self.tags_label.setText(_("&Tags:"))
        self.tags_edit.setPlaceholderText(_("Words that help you find it again, separated by commas"))
        self.sharing_label.setText(_("&Who can read it:"))
        self.summary_label.setText(_("Su&mmary for the group:"))
        self.summary_edit.setPlaceholderText(
            _("A few sentences you are glad to share; the entry itself stays private.")
        )
        self.editor.setPlaceholderText(_("Write here. Your words are saved as you type."))
        self.editor.setAccessibleName(_("Journal entry text"))
        self._count_words()
