"""“Change status…”: an enrolment's status from a date, with an optional reason, and its history so far."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from tillitsleder.enums import EnrolmentStatus
from tillitsleder.errors import ChangedElsewhere
from tillitsleder.i18n import _, format_date
from ui.enrolment.common import add_rows, date_field, error_line, set_texts, show_problem, to_date
from ui.widgets.keyboard import leave_by_tab
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.storage import Database


class StatusDialog(Retranslating, QDialog):
    changed = Signal(int)  # the enrolment's id

    def __init__(self, db: Database, enrolment_id: int, parent=None) -> None:
        super().__init__(parent)
        from tillitsleder.enrolment.cohorts import enrolment_info, status_history

        self.setObjectName("statusDialog")
        self.setMinimumWidth(560)
        self._db, self._enrolment_id = db, enrolment_id
        self.info = enrolment_info(db, enrolment_id)
        self.history = status_history(db, enrolment_id)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.history_label = QLabel()
        self.table = leave_by_tab(QTableWidget(len(self.history), 3))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(150)
        self.history_label.setBuddy(self.table)
        self.status = QComboBox()
        for status in EnrolmentStatus:
            self.status.addItem("", status.value)
        self.effective = date_field()
        self.reason = QLineEdit()
        self.reason.setMaxLength(500)
        self.error = error_line()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.form = QFormLayout()
        self.labels = add_rows(self.form, self.status, self.effective, self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.history_label)
        layout.addWidget(self.table)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.status.currentIndexChanged.connect(self._update)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Suggest the next sensible status: back to active from leave, else on leave.
        suggestion = (
            EnrolmentStatus.ACTIVE if self.info.status is not EnrolmentStatus.ACTIVE else EnrolmentStatus.ON_LEAVE
        )
        self.status.setCurrentIndex(self.status.findData(suggestion.value))
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        info = self.info
        self.setWindowTitle(_("Change status: {name}").format(name=info.name))
        self.summary.setText(
            _("{name} has been “{status}” since {date}.").format(
                name=info.name, status=info.status.label(), date=format_date(info.status_since)
            )
        )
        self.history_label.setText(_("History:"))
        self.table.setHorizontalHeaderLabels([_("From"), _("Status"), _("Reason")])
        for row, change in enumerate(self.history):
            for column, text in enumerate((format_date(change.effective_on), change.status.label(), change.reason)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        for index in range(self.status.count()):
            self.status.setItemText(index, EnrolmentStatus(self.status.itemData(index)).label())
        set_texts(self.labels, (_("New &status:"), _("&From:"), _("&Reason (optional):")))
        self.reason.setToolTip(_("Shown in the history. Do not write health or other sensitive details here."))

    def _reload(self) -> None:
        from tillitsleder.enrolment.cohorts import enrolment_info, status_history

        self.info = enrolment_info(self._db, self._enrolment_id)
        self.history = status_history(self._db, self._enrolment_id)
        self.table.setRowCount(len(self.history))
        self.retranslate()
        self._update()

    def _update(self, *_args: object) -> None:
        same = self.status.currentData() == self.info.status.value
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not same)

    def accept(self) -> None:
        from tillitsleder.enrolment.cohorts import change_status

        try:
            change_status(
                self._db,
                self._enrolment_id,
                self.status.currentData(),
                to_date(self.effective.date()),
                self.reason.text(),
                seen_version=self.info.version,
            )
        except ChangedElsewhere as refused:  # changed elsewhere meanwhile: show the status and history now
            self._reload()
            show_problem(self.error, refused)
            return
        except Exception as error:  # noqa: BLE001 - one sentence for the user; the log has the rest
            show_problem(self.error, error)
            return
        self.changed.emit(self._enrolment_id)
        super().accept()
