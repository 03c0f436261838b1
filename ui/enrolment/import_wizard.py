"""“Import participants…”: choose a file → map its columns → (units not registered) → preview every row →
import, all or nothing. The units step (``units_page``) appears only when the list names units the municipality
lacks; the units chosen to be created are created in the import's transaction.

Reading the file, checking the rows and importing run off the GUI thread (``ui.operations``:
a progress dialog with Cancel appears when the work takes more than a moment). A refused file (too big,
not a spreadsheet, a zip bomb, XML entity tricks …) is explained on the first page and nothing is read
further. The preview lists every row; rows with problems are highlighted with their reasons and block the
import unless the coordinator explicitly chooses to leave them out.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWizard,
)

from tillitsleder.i18n import _, format_number, ngettext
from ui.enrolment.common import show_problem
from ui.enrolment.import_wizard_base import Step
from ui.enrolment.mapping_page import MappingPage
from ui.enrolment.preview_model import CHECK_COLUMN, PreviewModel
from ui.enrolment.units_page import UnitsPage
from ui.errors import error_text
from ui.operations import OpContext, Operation
from ui.widgets.column_fit import ColumnFit
from ui.widgets.keyboard import leave_by_tab
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.enrolment.participant_list.files import RawTable
    from tillitsleder.enrolment.participant_list.importer import ImportPreview, ImportResult, UnitChoice
    from tillitsleder.storage import Database




class ImportWizard(Retranslating, QWizard):
    """Owns what the steps produce: the table read, the mapping, the preview, the result."""

    imported = Signal(object)  # ImportResult

    def __init__(self, db: Database, cohort_id: int, cohort_name: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.db, self.cohort_id, self.cohort_name = db, cohort_id, cohort_name
        self.table: RawTable | None = None
        self.mapping: dict[int, str] = {}
        self.units: dict[str, UnitChoice] = {}
        self.preview: ImportPreview | None = None
        self.result: ImportResult | None = None
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)  # the import is done by then
        self.resize(980, 640)
        self.file_page = FilePage()
        self.mapping_page = MappingPage()
        self.units_page = UnitsPage()
        self.preview_page = PreviewPage()
        self.done_page = DonePage()
        self.page_ids = {
            page: self.addPage(page)
            for page in (self.file_page, self.mapping_page, self.units_page, self.preview_page, self.done_page)
        }
        self.retranslate()

    def nextId(self) -> int:  # noqa: N802
        """After the mapping, the units step only if the list names units the municipality lacks."""
        if self.currentPage() is self.mapping_page and self.preview is not None and not self.preview.unknown_units:
            return self.page_ids[self.preview_page]
        return super().nextId()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Import participants into {cohort}").format(cohort=self.cohort_name))
        buttons = QWizard.WizardButton
        for button, text in (
            (buttons.BackButton, _("< &Back")),
            (buttons.NextButton, _("&Next >")),
            (buttons.CommitButton, _("&Import")),
            (buttons.FinishButton, _("&Finish")),
            (buttons.CancelButton, _("Cancel")),
        ):
            self.setButtonText(button, text)
        for page in self.page_ids:
            page.retranslate()

    def run(self, fn, label: str, on_success, on_failure) -> None:
        """Run ``fn(context)`` off the GUI thread with a progress dialog; buttons are off meanwhile."""
        self.button(QWizard.WizardButton.NextButton).setEnabled(False)
        self.button(QWizard.WizardButton.CommitButton).setEnabled(False)
        self.job = Operation(
            fn, parent=self, title=_("Import participants"), progress=label, on_success=on_success,
            on_failure=on_failure,
        ).start()


class FilePage(Step):
    def __init__(self) -> None:
        super().__init__()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.path = QLineEdit()
        self.browse = QPushButton()
        self.path_label = QLabel()
        self.path_label.setBuddy(self.path)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(8)
        layout.addWidget(self.path_label)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.path.textChanged.connect(self._path_changed)
        self.browse.clicked.connect(self._choose)

    def retranslate(self) -> None:
        self.setTitle(_("Choose the participant list"))
        self.intro.setText(
            _(
                "Choose an Excel workbook (.xlsx) or a CSV file from the HR system or Excel. The first row must "
                "hold the column headings, such as Fornavn, Etternavn, E-post, Enhet, Stilling. Nothing is "
                "imported until you have seen the preview."
            )
        )
        self.path_label.setText(_("&File:"))
        self.browse.setText(_("&Browse…"))

    def _choose(self) -> None:
        filters = ";;".join([_("Participant lists (*.xlsx *.csv *.txt)"), _("All files (*)")])
        name, _selected = QFileDialog.getOpenFileName(self, _("Choose the participant list"), self.path.text(), filters)
        if name:
            self.path.setText(name)

    def _path_changed(self) -> None:
        show_problem(self.error, None)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        text = self.path.text().strip()
        return bool(text) and Path(text).is_file()

    def validatePage(self) -> bool:  # noqa: N802
        if self._ready:
            return True
        from tillitsleder.enrolment.participant_list.files import read_table

        path = Path(self.path.text().strip())
        show_problem(self.error, None)

        def read(context: OpContext):
            return read_table(path, progress=context.progress, cancelled=context.cancelled)

        def done(table: RawTable) -> None:
            self.wizard_().table = table
            self._advance()

        self.wizard_().run(read, _("Reading “{name}”…").format(name=path.name), done, self._failed)
        return False


class PreviewPage(Step):
    def __init__(self) -> None:
        super().__init__()
        self.setCommitPage(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.view = leave_by_tab(QTableView())
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.columns: ColumnFit | None = None
        self.attention_only = QCheckBox()
        self.leave_out = QCheckBox()
        self.model: PreviewModel | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.attention_only)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.leave_out)
        layout.addWidget(self.error)
        self.attention_only.toggled.connect(self._filter)
        self.leave_out.toggled.connect(lambda _on: self.completeChanged.emit())

    def retranslate(self) -> None:
        self.setTitle(_("Check the rows"))
        self.view.setAccessibleName(_("Rows of the list"))
        self.attention_only.setText(_("Show only rows with problems or notes"))
        if self.model is not None:
            self.model.headerDataChanged.emit(
                self.view.horizontalHeader().orientation(), 0, self.model.columnCount() - 1
            )
        self._describe()

    def initializePage(self) -> None:  # noqa: N802
        wizard = self.wizard_()
        assert wizard.preview is not None
        self.model = PreviewModel(wizard.preview, wizard.mapping, self)
        self.view.setModel(self.model)
        # The check (what is wrong, or "Ready") takes the room; the row number keeps its width.
        self.columns = ColumnFit(self.view, main=CHECK_COLUMN, short=frozenset({0}), firm=frozenset({1, 2}))
        self.leave_out.setChecked(False)
        self.attention_only.setChecked(bool(wizard.preview.problem_rows))
        self._filter(self.attention_only.isChecked())
        show_problem(self.error, None)
        self._describe()

    def _filter(self, only: bool) -> None:
        if self.model is not None:
            self.model.set_attention_only(only)
            if self.columns is not None:
                self.columns.fit()
            cell = self.model.first_faulty_cell()
            if cell is not None:  # the highlighted column in sight
                self.view.scrollTo(cell, QAbstractItemView.ScrollHint.PositionAtTop)

    def _describe(self) -> None:
        preview = self.wizard_().preview if self.wizard() is not None else None
        if preview is None:
            return
        problems = len(preview.problem_rows)
        ready = preview.new + preview.existing
        text = _("{rows}: {ready} can be enrolled ({new} new, {existing} already registered).").format(
            rows=ngettext("{n} row", "{n} rows", len(preview.rows)).format(n=format_number(len(preview.rows))),
            ready=format_number(ready),
            new=format_number(preview.new),
            existing=format_number(preview.existing),
        )
        if problems:
            text += " " + ngettext(
                "{n} row has a problem (highlighted): correct the file and start again, or leave it out.",
                "{n} rows have problems (highlighted): correct the file and start again, or leave them out.",
                problems,
            ).format(n=format_number(problems))
        self.summary.setText(text)
        self.leave_out.setText(
            ngettext(
                "&Leave out the row with a problem and import the other {ready}",
                "&Leave out the {n} rows with problems and import the other {ready}",
                problems,
            ).format(n=format_number(problems), ready=format_number(ready))
        )
        self.leave_out.setVisible(bool(problems) and ready > 0)

    def isComplete(self) -> bool:  # noqa: N802
        preview = self.wizard_().preview if self.wizard() is not None else None
        if preview is None or not (preview.new + preview.existing):
            return False
        return not preview.problem_rows or self.leave_out.isChecked()

    def validatePage(self) -> bool:  # noqa: N802
        if self._ready:
            return True
        from tillitsleder.enrolment.participant_list.importer import import_participants

        wizard = self.wizard_()
        preview, table, mapping = wizard.preview, wizard.table, dict(wizard.mapping)
        assert preview is not None and table is not None
        exclude = [row.line for row in preview.problem_rows] if self.leave_out.isChecked() else []
        db, cohort_id, units = wizard.db, wizard.cohort_id, dict(wizard.units)

        def work(context: OpContext) -> Any:
            return import_participants(
                db, cohort_id, table, mapping, units=units, exclude=exclude, progress=context.progress,
                cancelled=context.cancelled,
            )  # fmt: skip

        def done(result: ImportResult) -> None:
            wizard.result = result
            wizard.imported.emit(result)
            self._advance()

        show_problem(self.error, None)
        wizard.run(work, _("Importing participants…"), done, self._import_failed)
        return False

    def _import_failed(self, error: BaseException) -> None:
        from tillitsleder.errors import Cancelled

        self._failed(error)
        if not isinstance(error, Cancelled):  # its own message already says so
            self.error.setText(error_text(error) + " " + _("Nothing was imported."))


class DonePage(Step):
    def __init__(self) -> None:
        super().__init__()
        self.text = QLabel()
        self.text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.setTitle(_("Imported"))
        self._describe()

    def initializePage(self) -> None:  # noqa: N802
        self._describe()

    def _describe(self) -> None:
        result = self.wizard_().result if self.wizard() is not None else None
        if result is None:
            return
        text = ngettext(
            "{n} participant was enrolled in {cohort}",
            "{n} participants were enrolled in {cohort}",
            result.enrolled,
        ).format(n=format_number(result.enrolled), cohort=self.wizard_().cohort_name)
        text += " " + _("({new} new, {existing} already registered).").format(
            new=format_number(result.persons_created), existing=format_number(result.existing_persons)
        )
        if result.left_out:
            text += " " + ngettext("{n} row was left out.", "{n} rows were left out.", result.left_out).format(
                n=format_number(result.left_out)
            )
        if result.units_created or result.units_mapped:
            text += "\n\n" + _(
                "Units created: {created}; unit names mapped to registered units: {mapped}. The names are "
                "remembered for the next import."
            ).format(created=format_number(result.units_created), mapped=format_number(result.units_mapped))
        self.text.setText(text)
