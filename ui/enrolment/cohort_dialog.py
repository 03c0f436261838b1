"""“New cohort…”: a cohort (kull) of a programme with a name, a start date and an optional end date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout

from tillitsleder.i18n import _
from ui.enrolment.common import add_rows, date_field, error_line, set_texts, show_problem, to_date
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.storage import Database


class NewCohortDialog(Retranslating, QDialog):
    """Creates the cohort when OK is pressed; stays open with the reason if the service refuses."""

    created = Signal(int)  # the new cohort's id

    def __init__(self, db: Database, programme_id: int | None = None, parent=None) -> None:
        super().__init__(parent)
        from tillitsleder.lookups import programme_options

        self.setObjectName("newCohortDialog")
        self._db = db
        self.programme = QComboBox()
        for option in programme_options(db):
            self.programme.addItem(option.label, option.id)
        if programme_id is not None and self.programme.findData(programme_id) >= 0:
            self.programme.setCurrentIndex(self.programme.findData(programme_id))
        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.start = date_field()
        self.has_end = QCheckBox()
        self.end = date_field()
        self.end.setEnabled(False)
        self.error = error_line()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.form = QFormLayout()
        self.labels = add_rows(self.form, self.programme, self.name, self.start)
        self.form.addRow(self.has_end, self.end)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.has_end.toggled.connect(self.end.setEnabled)
        self.name.textChanged.connect(self._update)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New cohort"))
        set_texts(self.labels, (_("&Programme:"), _("&Name:"), _("&Starts:")))
        self.name.setPlaceholderText(_("e.g. Kull 2 – Nordstrand"))
        self.has_end.setText(_("&Ends:"))

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name.text().strip()) and self.programme.count() > 0)

    def accept(self) -> None:
        from tillitsleder.enrolment.cohorts import create_cohort

        end = to_date(self.end.date()) if self.has_end.isChecked() else None
        try:
            cohort_id = create_cohort(
                self._db, int(self.programme.currentData()), self.name.text(), to_date(self.start.date()), end
            )
        except Exception as error:  # noqa: BLE001 - one sentence for the user; the log has the rest
            show_problem(self.error, error)
            return
        self.created.emit(cohort_id)
        super().accept()
