"""“Enrol participant…”: someone already registered (found by name, e-mail or employee number) or a new person,
with the unit and position to record for this enrolment.

The unit is typed or picked (``UnitPicker``: the list filters as one types). Text that names no registered unit
is refused unless the coordinator chooses to create that unit, in a department they pick; it is then created in
the same transaction as the enrolment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tillitsleder.i18n import _
from ui.enrolment.common import add_rows, date_field, error_line, set_texts, show_problem, to_date
from ui.enrolment.unit_picker import UnitPicker
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.storage import Database


class EnrolDialog(Retranslating, QDialog):
    enrolled = Signal(int)  # the new enrolment's id

    def __init__(self, db: Database, cohort_id: int, parent=None) -> None:
        super().__init__(parent)
        from tillitsleder.enrolment.cohorts import department_options, unit_options

        self.setObjectName("enrolDialog")
        self.setMinimumWidth(520)
        self._db, self._cohort_id = db, cohort_id
        self.existing_choice, self.new_choice = QRadioButton(), QRadioButton()
        self.new_choice.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.existing_choice)
        group.addButton(self.new_choice)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.candidates = QListWidget()
        self.candidates.setMinimumHeight(140)
        self.first_name, self.last_name, self.email, self.employee_number = (QLineEdit() for _ in range(4))
        self.first_name.setMaxLength(100)
        self.last_name.setMaxLength(100)
        self.unit = UnitPicker()
        self.unit.set_units([(option.id, option.label) for option in unit_options(db, cohort_id)], blank="")
        self.create_unit = QCheckBox()
        self.unit_department = QComboBox()
        for option in department_options(db, cohort_id):
            self.unit_department.addItem(option.label, option.id)
        self.unit_department.setCurrentIndex(-1)
        self.new_unit = QWidget()
        new_unit_row = QHBoxLayout(self.new_unit)
        new_unit_row.setContentsMargins(0, 0, 0, 0)
        new_unit_row.addWidget(self.create_unit)
        new_unit_row.addWidget(self.unit_department, 1)
        self.position = QLineEdit()
        self.enrolled_on = date_field()
        self.form = QFormLayout()
        self.existing_labels = add_rows(self.form, self.search, self.candidates)
        self.new_labels = add_rows(self.form, self.first_name, self.last_name, self.email, self.employee_number)
        self.common_labels = add_rows(self.form, self.unit, self.new_unit, self.position, self.enrolled_on)
        self.error = error_line()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.new_choice)
        layout.addWidget(self.existing_choice)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self._find)
        self.search.textChanged.connect(self._search_timer.start)
        self.existing_choice.toggled.connect(self._switch)
        for field in (self.first_name, self.last_name):
            field.textChanged.connect(self._update)
        self.candidates.currentItemChanged.connect(self._update)
        self.candidates.itemDoubleClicked.connect(lambda _item: self.accept())
        self.unit.choice_changed.connect(self._unit_changed)
        self.create_unit.toggled.connect(self._update)
        self.unit_department.currentIndexChanged.connect(self._update)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.retranslate()
        self._switch()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Enrol participant"))
        self.new_choice.setText(_("A &new person"))
        self.existing_choice.setText(_("Someone &already registered"))
        set_texts(self.existing_labels, (_("&Find:"), _("&Person:")))
        self.search.setPlaceholderText(_("Name, e-mail or employee number"))
        set_texts(self.new_labels, (_("&First name:"), _("&Last name:"), _("&E-mail:"), _("Employee &number:")))
        set_texts(self.common_labels, (_("&Unit:"), _("New unit:"), _("P&osition:"), _("Enrolled &on:")))
        self.unit.lineEdit().setPlaceholderText(_("Not given – type to find a unit…"))
        self.unit.setToolTip(
            _("Type part of the unit's name to find it. For someone already registered, no unit keeps the unit "
              "on their record.")
        )  # fmt: skip
        self.unit_department.setPlaceholderText(_("Choose a department…"))
        self._unit_changed()

    def _switch(self, *_args: object) -> None:
        existing = self.existing_choice.isChecked()
        for field in (self.search, self.candidates):
            self.form.setRowVisible(field, existing)
        for field in (self.first_name, self.last_name, self.email, self.employee_number):
            self.form.setRowVisible(field, not existing)
        self._unit_changed()
        self.adjustSize()
        if existing and self.candidates.count() == 0:
            self._find()
        (self.search if existing else self.first_name).setFocus()
        self._update()

    def _find(self) -> None:
        from tillitsleder.enrolment.cohorts import find_people

        self.candidates.clear()
        for option in find_people(self._db, self._cohort_id, self.search.text()):
            item = QListWidgetItem(option.label)
            item.setData(Qt.ItemDataRole.UserRole, option.id)
            self.candidates.addItem(item)
        if self.candidates.count():
            self.candidates.setCurrentRow(0)
        self._update()

    def _unit_changed(self, *_args: object) -> None:
        """Text naming no registered unit: offer to create it (the OK button waits for that choice)."""
        unknown = self.unit.unknown_text()
        self.create_unit.setText(_("Create it in"))
        self.create_unit.setToolTip(_("Create the unit “{name}” in the department chosen here.").format(name=unknown))
        self.form.setRowVisible(self.new_unit, bool(unknown))
        self._update()

    def _unit_ready(self) -> bool:
        if not self.unit.unknown_text():
            return True
        return self.create_unit.isChecked() and self.unit_department.currentData() is not None

    def _update(self, *_args: object) -> None:
        if self.existing_choice.isChecked():
            ready = self.candidates.currentItem() is not None
        else:
            ready = bool(self.first_name.text().strip() and self.last_name.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready and self._unit_ready())

    def accept(self) -> None:
        from tillitsleder.enrolment.cohorts import NewPerson, enrol

        if not self._unit_ready():
            return
        unit_id = None if self.unit.is_blank() else self.unit.unit_id()
        new_unit = (self.unit_department.currentData(), self.unit.unknown_text()) if self.unit.unknown_text() else None
        position = self.position.text().strip() or None
        if self.existing_choice.isChecked():
            item = self.candidates.currentItem()
            if item is None:
                return
            person: int | NewPerson = int(item.data(Qt.ItemDataRole.UserRole))
        else:
            person = NewPerson(
                self.first_name.text(),
                self.last_name.text(),
                self.email.text().strip() or None,
                self.employee_number.text().strip() or None,
                unit_id,
                position,
            )
        try:
            enrolment_id = enrol(
                self._db,
                self._cohort_id,
                person,
                unit_id=unit_id,
                position=position,
                enrolled_on=to_date(self.enrolled_on.date()),
                new_unit=new_unit,
            )
        except Exception as error:  # noqa: BLE001 - one sentence for the user; the log has the rest
            show_problem(self.error, error)
            return
        self.enrolled.emit(enrolment_id)
        super().accept()
