"""One small dialog for every organisation change: the fields it needs (a name, a code, a choice of department
or unit, a day) and OK/Cancel. ``ask_change`` returns what was entered, or ``None`` when cancelled; the tab
keeps it as a replaceable attribute, so tests answer without a modal dialog."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from tillitsleder import clock
from ui.widgets.date_edit import DateEdit


@dataclass(frozen=True)
class ChangeRequest:
    """What the dialog asks for: each label given adds its field."""

    title: str
    name_label: str = ""
    name: str = ""
    code_label: str = ""
    choice_label: str = ""
    choices: tuple[tuple[str, int], ...] = ()
    day_label: str = ""


@dataclass(frozen=True)
class ChangeAnswer:
    name: str = ""
    code: str = ""
    choice: int | None = None
    day: date | None = None


class ChangeDialog(QDialog):
    def __init__(self, parent: QWidget | None, request: ChangeRequest) -> None:
        super().__init__(parent)
        self.setWindowTitle(request.title)
        self.request = request
        form = QFormLayout(self)
        self.name, self.code, self.choice = QLineEdit(request.name), QLineEdit(), QComboBox()
        self.day = DateEdit()
        today = clock.today()
        self.day.setDate(QDate(today.year, today.month, today.day))
        if request.name_label:
            form.addRow(request.name_label, self.name)
        if request.code_label:
            form.addRow(request.code_label, self.code)
        if request.choice_label:
            for label, value in request.choices:
                self.choice.addItem(label, value)
            form.addRow(request.choice_label, self.choice)
        if request.day_label:
            form.addRow(request.day_label, self.day)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(420)

    def answer(self) -> ChangeAnswer:
        day = self.day.date()
        return ChangeAnswer(
            name=self.name.text(),
            code=self.code.text(),
            choice=self.choice.currentData() if self.request.choice_label else None,
            day=date(day.year(), day.month(), day.day()) if self.request.day_label else None,
        )


def ask_change(parent: QWidget | None, request: ChangeRequest) -> ChangeAnswer | None:
    dialog = ChangeDialog(parent, request)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.answer()
