"""Assign a facilitator by hand to a reflection group, a session or an individual leader they support."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
)

from tillitsleder import clock
from tillitsleder.enums import AssignmentKind
from tillitsleder.i18n import _
from ui.errors import show_error
from ui.operations import Changed, announce
from ui.widgets.date_edit import DateEdit
from ui.widgets.retranslate import Retranslating


class AssignDialog(Retranslating, QDialog):
    def __init__(self, db, facilitator_id: int, parent=None) -> None:
        super().__init__(parent)
        self.db, self.facilitator_id = db, facilitator_id
        self.kind, self.target = QComboBox(), QComboBox()
        self.target.setMinimumContentsLength(30)
        for kind in AssignmentKind:
            self.kind.addItem(kind.label(), kind.value)
        self.starts, self.ends = DateEdit(), DateEdit()
        for edit in (self.starts, self.ends):
            edit.setDate(QDate(clock.today()))
        self.open_ended = QCheckBox()
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, 744)
        self.hours.setDecimals(1)
        self.labels = [QLabel() for _ in range(6)]
        self.form = QFormLayout(self)
        widgets = (self.kind, self.target, self.starts, self.ends, self.open_ended, self.hours)
        for label, widget in zip(self.labels, widgets, strict=True):
            label.setBuddy(widget)
            self.form.addRow(label, widget)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.form.addRow(self.buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self.fill_targets())
        self.open_ended.toggled.connect(lambda on: self.ends.setEnabled(not on))
        self.fill_targets()
        self.retranslate()

    def fill_targets(self) -> None:
        from tillitsleder.facilitators import pools

        self.target.clear()
        for option in pools.assignment_targets(self.db, AssignmentKind(self.kind.currentData())):
            self.target.addItem(option.label, option.id)

    def save(self) -> None:
        from tillitsleder.facilitators import pools

        if self.target.currentData() is None:
            return
        try:
            pools.assign(
                self.db, self.facilitator_id, AssignmentKind(self.kind.currentData()), self.target.currentData(),
                self.starts.date().toPython(), None if self.open_ended.isChecked() else self.ends.date().toPython(),
                Decimal(str(self.hours.value())),
            )  # fmt: skip
        except Exception as error:  # noqa: BLE001 - one sentence for the user; the log has the rest
            show_error(self, _("Assign facilitator"), error)
            return
        announce(Changed.FACILITATORS, self.parentWidget() or self)
        self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Assign facilitator"))
        texts = (_("Assign to:"), _("Which:"), _("From:"), _("Until:"), _("Open-ended:"), _("Hours in all:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
