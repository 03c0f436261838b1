"""The import wizard's column-mapping step: what each column of the file holds, pre-filled from its heading.

Each column of the file is a row here with its heading, a few example values and a drop-down (“Do not
import”, First name, Last name, Full name, E-mail …). Recognised headings are chosen already; the coordinator
completes or corrects the rest. Next is enabled once the names are covered and no field is chosen twice.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from tillitsleder.errors import ValidationError
from tillitsleder.i18n import _, format_number, ngettext
from ui.enrolment.common import show_problem
from ui.enrolment.import_wizard_base import Step
from ui.operations import OpContext
from ui.widgets.keyboard import leave_by_tab

EXAMPLES = 3


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


ENCODING_NAMES = {"cp1252": "Windows-1252", "utf-8-sig": "UTF-8 (BOM)", "utf-16": "UTF-16"}


class MappingPage(Step):
    def __init__(self) -> None:
        super().__init__()
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.table = leave_by_tab(QTableWidget(0, 3))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.combos: list[QComboBox] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)

    def retranslate(self) -> None:
        from tillitsleder.enrolment.participant_list.importer import FIELDS

        self.setTitle(_("Match the columns"))
        self.table.setHorizontalHeaderLabels([_("Column in the file"), _("Examples"), _("Import as")])
        self.table.setAccessibleName(_("Columns in the file"))
        for row, combo in enumerate(self.combos):
            column = self.table.item(row, 0).text() if self.table.item(row, 0) is not None else ""
            combo.setAccessibleName(_("Import column {column} as").format(column=column))
            combo.setItemText(0, _("Do not import"))
            for index, label in enumerate(FIELDS.values(), start=1):
                combo.setItemText(index, _(label))
        self._describe()

    def initializePage(self) -> None:  # noqa: N802
        from tillitsleder.enrolment.participant_list.importer import FIELDS, guess_mapping

        wizard = self.wizard_()
        table = wizard.table
        assert table is not None
        guessed = guess_mapping(table.headers)
        self.table.setRowCount(len(table.headers))
        self.combos = []
        for index, header in enumerate(table.headers):
            name = header or _("(no heading)")
            self.table.setItem(index, 0, QTableWidgetItem(f"{column_letter(index)}  {name}"))
            examples = [values[index] for _line, values in table.rows if values[index]][:EXAMPLES]
            self.table.setItem(index, 1, QTableWidgetItem(" · ".join(examples)))
            combo = QComboBox()
            combo.addItem("", None)
            for key in FIELDS:
                combo.addItem("", key)
            combo.setCurrentIndex(max(0, combo.findData(guessed.get(index))))
            combo.currentIndexChanged.connect(self._changed)
            self.table.setCellWidget(index, 2, combo)
            self.combos.append(combo)
        self.retranslate()
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(2, 260)
        self._changed()

    def mapping(self) -> dict[int, str]:
        return {index: combo.currentData() for index, combo in enumerate(self.combos) if combo.currentData()}

    def _problem(self) -> ValidationError | None:
        from tillitsleder.enrolment.participant_list.importer import check_mapping

        wizard = self.wizard_()
        try:
            check_mapping(self.mapping(), len(wizard.table.headers) if wizard.table else 0)
        except ValidationError as error:
            return error
        return None

    def _changed(self, *_args: object) -> None:
        show_problem(self.error, self._problem())
        self.completeChanged.emit()

    def _describe(self) -> None:
        wizard = self.wizard_() if self.wizard() is not None else None
        table = wizard.table if wizard is not None else None
        if table is None:
            return
        if table.encoding:
            kind = _("CSV file, {encoding}, separated by {delimiter}").format(
                encoding=ENCODING_NAMES.get(table.encoding, "UTF-8"),
                delimiter={";": _("semicolons"), ",": _("commas"), "\t": _("tabs")}[table.delimiter],
            )
        else:
            kind = _("Excel workbook, sheet “{sheet}”").format(sheet=table.sheet)
        recognised = len([c for c in self.combos if c.currentData()])
        self.about.setText(
            _(
                "“{name}” ({kind}): {rows}. Choose what each column holds; headings Tillitsleder knows are "
                "chosen already."
            ).format(
                name=table.name,
                kind=kind,
                rows=ngettext("{n} row", "{n} rows", len(table.rows)).format(n=format_number(len(table.rows))),
            )
            + " "
            + ngettext("{n} of {total} column is in use.", "{n} of {total} columns are in use.", recognised).format(
                n=format_number(recognised), total=format_number(len(self.combos))
            )
        )

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.combos) and self._problem() is None

    def validatePage(self) -> bool:  # noqa: N802
        if self._ready:
            return True
        from tillitsleder.enrolment.participant_list.importer import preview_import

        wizard = self.wizard_()
        wizard.mapping = self.mapping()
        wizard.units = {}
        db, cohort_id, table, mapping = wizard.db, wizard.cohort_id, wizard.table, dict(wizard.mapping)

        def work(context: OpContext) -> Any:
            return preview_import(db, cohort_id, table, mapping, progress=context.progress, cancelled=context.cancelled)

        def done(preview) -> None:
            wizard.preview = preview
            self._advance()

        wizard.run(work, _("Checking the rows…"), done, self._failed)
        return False
