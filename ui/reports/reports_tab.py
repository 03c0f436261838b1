"""The “Progress reports” tab: choose a report (and for a participant's report, whom), make it off the GUI thread,
look at it in Qt's PDF viewer, print it through the system print dialog or save it as a PDF. The report is written
in the language chosen beside it (by default the app's), whatever language the app shows.

The actions that ask for something (a file name, the print dialog) have a method that takes the answer, so tests run
them without a modal dialog.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QBuffer, QStandardPaths, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tillitsleder.i18n import LANGUAGES, N_, _, current_language, format_number, ngettext
from tillitsleder.storage.private_files import write_private_bytes
from ui.operations import run
from ui.widgets.pdf_bytes import load_pdf_bytes
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from tillitsleder.storage import Database
    from ui.widgets.cohort_picker import CohortSelection

# The report kinds of ``progress_reports.ReportKind`` with the same labels (the core is imported when used).
KIND_LABELS = {
    "participant": N_("Participant's progress report"),
    "cohort": N_("Cohort overview"),
    "units": N_("Summary by department and unit"),
    "workload": N_("Facilitator workload"),
}
KINDS = tuple(KIND_LABELS)


class ReportsTab(Retranslating, QWidget):
    tab_title = N_("Progress reports")
    generated = Signal()  # a new report is shown
    failed = Signal(str)

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.db: Database | None = None
        self.cohort_id: int | None = None
        self.pdf_bytes: bytes | None = None
        self.job = None
        self.kind_label, self.kind = QLabel(), QComboBox()
        self.kind.setObjectName("reportKind")
        for _kind in KINDS:
            self.kind.addItem("", _kind)
        self.kind.setCurrentIndex(KINDS.index("cohort"))
        self.kind_label.setBuddy(self.kind)
        self.participant_label, self.participant = QLabel(), QComboBox()
        self.participant.setObjectName("reportParticipant")
        self.participant_label.setBuddy(self.participant)
        self.language_label, self.language = QLabel(), QComboBox()
        self.language.setObjectName("reportLanguage")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)  # each language by its own name
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.language_label.setBuddy(self.language)
        self._language_chosen = False  # until the user picks one, the report follows the app's language
        self.generate_button = QPushButton()
        self.generate_button.setObjectName("generateReport")
        self.generate_button.setDefault(True)
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.status = QLabel()
        self.status.setObjectName("rowCount")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)

        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setObjectName("reportPreview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)
        self._buffer: QBuffer | None = None

        for combo in (self.kind, self.participant):  # long labels must not widen the whole window
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(20)
        choose = QHBoxLayout()
        choose.addWidget(self.kind_label)
        choose.addWidget(self.kind)
        choose.addSpacing(8)
        choose.addWidget(self.participant_label)
        choose.addWidget(self.participant)
        choose.addSpacing(8)
        choose.addWidget(self.language_label)
        choose.addWidget(self.language)
        choose.addStretch(1)
        act = QHBoxLayout()
        act.addWidget(self.generate_button)
        act.addStretch(1)
        act.addWidget(self.print_button)
        act.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(choose)
        layout.addLayout(act)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)

        self.kind.currentIndexChanged.connect(lambda _index: self._update_controls())
        self.language.activated.connect(lambda _index: setattr(self, "_language_chosen", True))
        self.generate_button.clicked.connect(lambda: self.generate())
        self.print_button.clicked.connect(self.print_with_dialog)
        self.save_button.clicked.connect(self.save_with_dialog)
        selection.actorChanged.connect(lambda _actor: self._fill_participants())
        self.retranslate()
        self._update_controls()

    # --- data ----------------------------------------------------------------------------------------------

    def load(self, db: Database | None, cohort_id: int | None) -> None:
        changed = (db, cohort_id) != (self.db, self.cohort_id)
        self.db, self.cohort_id = db, cohort_id
        self._fill_participants()
        if changed:
            self._clear()

    def _fill_participants(self) -> None:
        from tillitsleder.reports.progress import participant_options

        current = self.participant.currentData()
        self.participant.blockSignals(True)
        self.participant.clear()
        if self.db is not None and self.cohort_id is not None:
            for option in participant_options(self.db, self.cohort_id, actor=self.selection.actor):
                self.participant.addItem(option.label, option.id)
        index = self.participant.findData(current)
        self.participant.setCurrentIndex(index if index >= 0 else 0)
        self.participant.blockSignals(False)
        if not self.selection.actor.is_coordinator:  # a participant prints their own report only
            self.kind.setCurrentIndex(KINDS.index("participant"))
        self._update_controls()

    def kind_value(self) -> str:
        return self.kind.currentData()

    def report_language(self) -> str:
        return self.language.currentData() or current_language()

    def set_report_language(self, code: str) -> None:
        """Choose the report's language as the user does (it then stays when the app's language changes)."""
        self.language.setCurrentIndex(max(0, self.language.findData(code)))
        self._language_chosen = True

    # --- generating --------------------------------------------------------------------------------------

    def generate(self):
        """Make the chosen report off the GUI thread (progress dialog with Cancel); shows it when done."""
        from tillitsleder.reports.progress import ReportKind, ReportRequest, render_report

        if self.db is None or self.cohort_id is None:
            return None
        kind = ReportKind(self.kind_value())
        enrolment = self.participant.currentData() if kind is ReportKind.PARTICIPANT else None
        if kind is ReportKind.PARTICIPANT and enrolment is None:
            self.status.setText(_("Choose the participant the report is about."))
            return None
        request = ReportRequest(kind, self.cohort_id, enrolment, language=self.report_language())
        db, actor = self.db, self.selection.actor
        profile = self.selection.profile  # a participant's own copy shows the commitments it opens
        if profile is not None and not profile.locked and profile.actor == actor:
            actor = profile
        self.generate_button.setEnabled(False)
        self.status.setText(_("Making the report…"))
        self.job = run(
            lambda ctx: render_report(db, request, actor=actor, progress=ctx.progress, cancelled=ctx.cancelled),
            parent=self,
            title=_("Progress report"),
            progress=_("Making the report…"),
            on_success=self._show,
            on_failure=self._fail,
            name="progress-report",
        )
        return self.job

    def _show(self, pdf: bytes) -> None:
        if not shiboken6.isValid(self.document):
            return
        self._buffer = load_pdf_bytes(self.document, pdf, self, self._buffer)
        self.pdf_bytes = pdf
        self.stack.setCurrentWidget(self.view)
        self._update_controls()
        self._show_page_count()
        self.generated.emit()

    def _fail(self, error: BaseException) -> None:
        from ui.errors import error_text

        if not shiboken6.isValid(self.status):
            return
        text = error_text(error)
        self.status.setText(text)
        self._update_controls()
        self.failed.emit(text)

    def _clear(self) -> None:
        self.document.close()
        self.pdf_bytes = None
        self.stack.setCurrentWidget(self.empty)
        self.status.setText("")
        self._update_controls()

    def _show_page_count(self) -> None:
        pages = self.document.pageCount()
        self.status.setText(
            ngettext("The report has {n} page.", "The report has {n} pages.", pages).format(n=format_number(pages))
        )

    # --- printing and saving -----------------------------------------------------------------------------

    def report_title(self) -> str:
        return self.kind.currentText()

    def print_with_dialog(self) -> bool:
        from ui.widgets.printing import ask_and_print

        if self.pdf_bytes is None:
            return False
        printed = ask_and_print(self, self.document, self.report_title())
        if printed:
            self.status.setText(_("Sent to the printer."))
        return printed

    def print_to(self, printer: QPrinter) -> bool:
        from ui.widgets.printing import print_document

        return self.pdf_bytes is not None and print_document(self.document, printer)

    def save_with_dialog(self) -> Path | None:
        if self.pdf_bytes is None:
            return None
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"{self.report_title()} – {self.selection.label(self.cohort_id)}.pdf".replace("/", "-")
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the report as PDF"), str(Path(folder) / name), _("PDF documents (*.pdf)")
        )
        return self.save_to(Path(path)) if path else None

    def save_to(self, path: Path) -> Path | None:
        from ui.errors import error_text

        if self.pdf_bytes is None:
            return None
        path = path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")
        try:
            write_private_bytes(path, self.pdf_bytes)
        except OSError as error:
            self.status.setText(error_text(error))
            return None
        self.status.setText(_("Saved as {path}.").format(path=path))
        return path

    # --- state and strings ---------------------------------------------------------------------------------

    def _update_controls(self) -> None:
        coordinator = self.selection.actor.is_coordinator
        for index, kind in enumerate(KINDS):
            item = self.kind.model().item(index)  # type: ignore[attr-defined]
            if item is not None:
                item.setEnabled(coordinator or kind == "participant")
        # Another profile prints only their own progress report: the coordinator's kinds are not shown at all.
        self.kind.setVisible(coordinator)
        self.kind_label.setVisible(coordinator)
        participant = self.kind_value() == "participant"
        self.participant.setVisible(participant)
        self.participant_label.setVisible(participant)
        ready = self.db is not None and self.cohort_id is not None
        self.generate_button.setEnabled(ready and (not participant or self.participant.count() > 0))
        self.print_button.setEnabled(self.pdf_bytes is not None)
        self.save_button.setEnabled(self.pdf_bytes is not None)

    def retranslate(self) -> None:
        for index, kind in enumerate(KINDS):
            self.kind.setItemText(index, _(KIND_LABELS[kind]))
        self.kind_label.setText(_("&Report:"))
        self.participant_label.setText(_("&Participant:"))
        self.language_label.setText(_("Report &language:"))
        self.language.setToolTip(_("The language the report is written in, whatever language the app shows."))
        if not self._language_chosen:
            self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.generate_button.setText(_("&Make report"))
        self.generate_button.setToolTip(_("Make the report with today's data and show it here."))
        self.print_button.setText(_("&Print…"))
        self.save_button.setText(_("&Save as PDF…"))
        self.empty.setText(_("Choose a report and press “Make report”. Reports never contain journal entries."))
        if self.pdf_bytes is not None:
            self._show_page_count()
