"""The "Statuses…" dialog: a programme's attendance statuses, their order (= number keys) and weights.

Every button is one call to the core (one transaction), after which the list is read again; a refusal (a code
used twice, a weight above 100 %, deleting a status the register uses) is shown under the form and changes
nothing. ``changed`` tells the register to reload when the dialog closes.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from tillitsleder.attendance import statuses as statuses_service
from tillitsleder.attendance.statuses import StatusInfo
from tillitsleder.i18n import _, format_number, format_share, percent_suffix
from tillitsleder.storage import Database
from ui.attendance.register_display import short_codes
from ui.errors import error_text
from ui.widgets.keyboard import leave_by_tab
from ui.widgets.retranslate import Retranslating


class StatusesDialog(Retranslating, QDialog):
    def __init__(self, db: Database, programme_id: int, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("attendanceStatusesDialog")
        self.db = db
        self.programme_id = programme_id
        self.changed = False
        self.statuses: list[StatusInfo] = []
        self.usage: dict[int, int] = {}
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = leave_by_tab(QTableWidget(0, 5))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.code = QLineEdit()
        self.code.setMaxLength(statuses_service.CODE_MAX)
        self.label = QLineEdit()
        self.label.setMaxLength(statuses_service.LABEL_MAX)
        self.weight = QDoubleSpinBox()
        self.weight.setRange(0, 100)
        self.weight.setDecimals(1)
        self.weight.setSingleStep(5)
        self.form = QFormLayout()
        self.code_label, self.label_label, self.weight_label = QLabel(), QLabel(), QLabel()
        for caption, field in (
            (self.code_label, self.code),
            (self.label_label, self.label),
            (self.weight_label, self.weight),
        ):
            caption.setBuddy(field)
            self.form.addRow(caption, field)
        self.add_button, self.save_button, self.delete_button = QPushButton(), QPushButton(), QPushButton()
        self.up_button, self.down_button = QPushButton(), QPushButton()
        actions = QHBoxLayout()
        for button in (self.add_button, self.save_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.up_button)
        actions.addWidget(self.down_button)
        self.message = QLabel()
        self.message.setObjectName("warning")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.form)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.table.itemSelectionChanged.connect(self._show_selected)
        for field in (self.code, self.label):
            field.textChanged.connect(self._update_buttons)
        self.weight.valueChanged.connect(self._update_buttons)
        self.add_button.clicked.connect(self.add)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.resize(640, 460)
        self.retranslate()  # also reads the statuses

    def retranslate(self) -> None:
        self.setWindowTitle(_("Attendance statuses"))
        self.table.setAccessibleName(_("Attendance statuses"))
        self.intro.setText(
            _(
                "The statuses the register offers, in order: key 1 sets the first, key 2 the second … "
                "The weight is how much of a session the status counts as toward the programme's minimum."
            )
        )
        self.table.setHorizontalHeaderLabels([_("Key"), _("Code"), _("Label"), _("Weight"), _("In use")])
        self.code_label.setText(_("&Code:"))
        self.label_label.setText(_("&Label:"))
        self.weight_label.setText(_("&Weight:"))
        self.weight.setSuffix(percent_suffix())
        self.code.setToolTip(_("Short and unique; its first letter also sets the status in the register."))
        self.add_button.setText(_("&Add as new"))
        self.save_button.setText(_("&Save changes"))
        self.delete_button.setText(_("&Delete"))
        self.up_button.setText(_("Move &up"))
        self.down_button.setText(_("Move do&wn"))
        self.reload()

    # --- the list ----------------------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        if select_id is None:
            selected = self.selected()
            select_id = selected.id if selected else None
        self.statuses = statuses_service.list_statuses(self.db, self.programme_id)
        self.usage = statuses_service.usage_counts(self.db, self.programme_id)
        shorts = short_codes([status.label for status in self.statuses])
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.statuses))
        for row, status in enumerate(self.statuses):
            values = [
                f"{row + 1} · {shorts[row]}",
                status.code,
                status.label,
                format_share(status.weight),
                format_number(self.usage.get(status.id, 0)),
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column in (3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        rows = [row for row, status in enumerate(self.statuses) if status.id == select_id]
        self.table.selectRow(rows[0] if rows else 0)
        self._show_selected()

    def selected(self) -> StatusInfo | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.statuses[rows[0].row()] if rows and rows[0].row() < len(self.statuses) else None

    def _show_selected(self) -> None:
        status = self.selected()
        if status is not None:
            self.code.setText(status.code)
            self.label.setText(status.label)
            self.weight.setValue(float(status.weight * 100))
        self._update_buttons()

    def _form_weight(self) -> Decimal:
        return (Decimal(str(round(self.weight.value(), 1))) / 100).quantize(Decimal("0.001"))

    def _update_buttons(self, *_args) -> None:
        status = self.selected()
        filled = bool(self.code.text().strip() and self.label.text().strip())
        edited = status is not None and (
            self.code.text().strip().lower() != status.code
            or self.label.text().strip() != status.label
            or self._form_weight() != status.weight
        )
        row = self.statuses.index(status) if status is not None else -1
        self.add_button.setEnabled(filled and (status is None or self.code.text().strip().lower() != status.code))
        self.save_button.setEnabled(filled and edited)
        self.delete_button.setEnabled(status is not None and not self.usage.get(status.id) and len(self.statuses) > 1)
        self.delete_button.setToolTip(
            _("Statuses recorded in the register cannot be deleted.") if status and self.usage.get(status.id) else ""
        )
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(self.statuses) - 1)

    # --- actions -----------------------------------------------------------------------------------------

    def _run(self, action) -> bool:
        try:
            result = action()
        except Exception as error:  # noqa: BLE001 - one sentence for the user; the log has the rest
            self.message.setText(error_text(error))
            return False
        self.message.clear()
        self.changed = True
        self.reload(select_id=getattr(result, "id", None))
        return True

    def add(self) -> bool:
        code, label, weight = self.code.text(), self.label.text(), self._form_weight()
        return self._run(lambda: statuses_service.add_status(self.db, self.programme_id, code, label, weight))

    def save(self) -> bool:
        status = self.selected()
        if status is None:
            return False
        code, label, weight = self.code.text(), self.label.text(), self._form_weight()
        return self._run(
            lambda: statuses_service.edit_status(self.db, status.id, code=code, label=label, weight=weight)
        )

    def delete(self) -> bool:
        status = self.selected()
        if status is None:
            return False
        return self._run(lambda: statuses_service.delete_status(self.db, status.id))

    def move(self, step: int) -> bool:
        status = self.selected()
        if status is None:
            return False
        ids = [s.id for s in self.statuses]
        row = ids.index(status.id)
        target = row + step
        if not 0 <= target < len(ids):
            return False
        ids[row], ids[target] = ids[target], ids[row]

        def reorder() -> StatusInfo:
            statuses_service.reorder_statuses(self.db, self.programme_id, ids)
            return status

        return self._run(reorder)
