"""“Enrol participant…”: someone already registered (found by name, e-mail or employee number) or a new person,
with the unit and position to record for this enrolment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
)

from tillitsleder.i18n import _
from ui.enrolment.common import add_rows, date_field, error_line, set_texts, show_problem, to_date
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.storage import Database


class EnrolDialog(Retranslating, QDialog):
    enrolled = Signal(int)  # the new enrolment's id

    def __init__(self, db: Database, cohort_id: int, parent=None) -> None:
        super().__init__(parent)
        from tillitsleder.enrolment.cohorts import unit_options

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
        self.unit = QComboBox()
        self.unit.addItem("", None)
        for option in unit_options(db, cohort_id):
            self.unit.addItem(option.label, option.id)
        self.position = QLineEdit()
        self.enrolled_on = date_field()
        self.form = QFormLayout()
        self.existing_labels = add_rows(self.form, self.search, self.candidates)
        self.new_labels = add_rows(self.form, self.first_name, self.last_name, self.email, self.employee_number)
        self.common_labels = add_rows(self.form, self.unit, self.position, self.enrolled_on)
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
        set_texts(self.common_labels, (_("&Unit:"), _("P&osition:"), _("Enrolled &on:")))
        self.unit.setItemText(0, _("(not given)"))
        self.unit.setToolTip(_("For someone already registered, “not given” keeps the unit on their record."))

    def _switch(self, *_args: object) -> None:
        existing = self.existing_choice.isChecked()
        for field in (self.search, self.candidates):
            self.form.setRowVisible(field, existing)
        for field in (self.first_name, self.last_name, self.email, self.employee_number):
            self.form.setRowVisible(field, not existing)
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

    def _update(self, *_args: object) -> None:
        if self.existing_choice.isChecked():
            ready = self.candidates.currentItem() is not None
        else:
            ready = bool(self.first_name.text().strip() and self.last_name.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def accept(self) -> None:
        from tillitsleder.enrolment.cohorts import NewPerson, enrol

        unit_id = self.unit.currentData()
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
            )
        except Exception as error:  # noqa: BLE001 - one sentence for the user; the log has the rest
            show_problem(self.error, error)
            return
        self.enrolled.emit(enrolment_id)
        super().accept()
