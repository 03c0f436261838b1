"""The import wizard's unknown-units step: for each unit name in the list that the municipality has not
registered, create it (in the department the rows name, or one chosen), map it to a registered unit (the
closest names suggested first) or leave the unit empty. Shown only when the list has such names.

Each name starts with a sensible choice: a registered unit very like it is mapped, otherwise the name is
created in the department its rows name; where they name no registered department one must be chosen
before Next is enabled. The choices are remembered as aliases when the import is done.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from tillitsleder.i18n import _, format_number, ngettext
from ui.enrolment.import_wizard_base import Step
from ui.enrolment.unit_picker import UnitPicker
from ui.operations import OpContext
from ui.widgets.keyboard import leave_by_tab

if TYPE_CHECKING:
    from tillitsleder.enrolment.participant_list.importer import ImportPreview, UnitChoice, UnknownUnit

MAP_WHEN_AS_LIKE = 0.85  # a suggestion this close is chosen at first (a spelling variant)
CREATE, MAP, EMPTY = "create", "map", "empty"


class UnitRow:
    """The widgets of one unknown name: what to do, and the unit or department it needs."""

    def __init__(self, unknown: UnknownUnit, preview: ImportPreview) -> None:
        self.unknown = unknown
        self.action = QComboBox()
        for key in (CREATE, MAP, EMPTY):
            self.action.addItem("", key)
        self.department = QComboBox()
        self.department.setPlaceholderText(" ")
        for department_id, name in preview.departments:
            self.department.addItem(name, department_id)
        self.department.setCurrentIndex(self.department.findData(unknown.department_id))
        self.unit = UnitPicker()
        self.unit.set_units(preview.units, suggested=[unit_id for unit_id, _score in unknown.suggestions])
        self.target = QStackedWidget()
        for widget in (self.department, self.unit, QLabel()):
            self.target.addWidget(widget)
        self.action.currentIndexChanged.connect(lambda index: self.target.setCurrentIndex(index))
        best = unknown.suggestions[0][1] if unknown.suggestions else 0.0
        self.action.setCurrentIndex(1 if best >= MAP_WHEN_AS_LIKE else 0)
        self.target.setCurrentIndex(self.action.currentIndex())

    def retranslate(self) -> None:
        for index, text in enumerate((_("Create it in"), _("Map to the unit"), _("Leave the unit empty"))):
            self.action.setItemText(index, text)
        self.department.setPlaceholderText(_("Choose a department…"))
        self.unit.lineEdit().setPlaceholderText(_("Type to find a unit…"))
        name = self.unknown.name  # one row per unknown name: each picker says which name it is for
        self.action.setAccessibleName(_("What to do with {unit}").format(unit=name))
        self.department.setAccessibleName(_("Department to create {unit} in").format(unit=name))
        self.unit.setAccessibleName(_("Registered unit for {unit}").format(unit=name))

    def choice(self) -> UnitChoice | None:
        from tillitsleder.enrolment.participant_list.importer import UnitChoice

        action = self.action.currentData()
        if action == CREATE:
            department_id = self.department.currentData()
            return UnitChoice.create(department_id, self.unknown.name) if department_id is not None else None
        if action == MAP:
            unit_id = self.unit.unit_id()
            return UnitChoice.map(unit_id) if unit_id is not None else None
        return UnitChoice.empty()


class UnitsPage(Step):
    def __init__(self) -> None:
        super().__init__()
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.table = leave_by_tab(QTableWidget(0, 3))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.rows: list[UnitRow] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)

    def retranslate(self) -> None:
        self.setTitle(_("Units not registered"))
        self.table.setHorizontalHeaderLabels([_("Unit in the list"), _("What to do"), _("Unit or department")])
        self.table.setAccessibleName(_("Units not registered"))
        for index, row in enumerate(self.rows):
            row.retranslate()
            self.table.setItem(index, 0, QTableWidgetItem(self._name_text(row.unknown)))
        self._describe()

    def _name_text(self, unknown: UnknownUnit) -> str:
        rows = ", ".join(format_number(line) for line in unknown.lines)
        where = ngettext("row {rows}", "rows {rows}", len(unknown.lines)).format(rows=rows)
        if unknown.department:
            where = _("{department}; {rows}").format(department=unknown.department, rows=where)
        return f"{unknown.name}\n{where}"

    def initializePage(self) -> None:  # noqa: N802
        wizard = self.wizard_()
        preview = wizard.preview
        assert preview is not None
        self.preview = preview
        self.rows = [UnitRow(unknown, preview) for unknown in preview.unknown_units]
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            self.table.setCellWidget(index, 1, row.action)
            self.table.setCellWidget(index, 2, row.target)
            for signal in (row.action.currentIndexChanged, row.department.currentIndexChanged, row.unit.choice_changed):
                signal.connect(self._changed)
        self.retranslate()
        self.table.setColumnWidth(1, 190)
        self.table.resizeRowsToContents()
        self.table.setCurrentCell(-1, -1)
        self._changed()

    def choices(self) -> dict[str, UnitChoice]:
        return {row.unknown.key: choice for row in self.rows if (choice := row.choice()) is not None}

    def _changed(self, *_args: object) -> None:
        self._describe()
        self.completeChanged.emit()

    def _describe(self) -> None:
        if not self.rows:
            return
        missing = sum(1 for row in self.rows if row.choice() is None)
        text = ngettext(
            "{n} unit in the list is not registered in {municipality}.",
            "{n} units in the list are not registered in {municipality}.",
            len(self.rows),
        ).format(n=format_number(len(self.rows)), municipality=self.preview.municipality)
        text += " " + _(
            "Choose for each: create it, map it to a registered unit (the closest names are suggested first) or "
            "leave the unit empty. Your choices are remembered for the next import, and nothing is created "
            "until you import."
        )
        if missing:
            text += " " + ngettext(
                "{n} unit still needs a department or a registered unit.",
                "{n} units still need a department or a registered unit.",
                missing,
            ).format(n=format_number(missing))
        self.about.setText(text)

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.rows) and all(row.choice() is not None for row in self.rows)

    def validatePage(self) -> bool:  # noqa: N802
        if self._ready:
            return True
        from tillitsleder.enrolment.participant_list.importer import preview_import

        wizard = self.wizard_()
        wizard.units = self.choices()
        db, cohort_id, table, mapping, units = (
            wizard.db,
            wizard.cohort_id,
            wizard.table,
            dict(wizard.mapping),
            dict(wizard.units),
        )

        def work(context: OpContext) -> Any:
            return preview_import(
                db, cohort_id, table, mapping, units=units, progress=context.progress, cancelled=context.cancelled
            )

        def done(preview) -> None:
            wizard.preview = preview
            self._advance()

        wizard.run(work, _("Checking the rows…"), done, self._failed)
        return False
