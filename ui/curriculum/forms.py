"""``FormDialog``: a dialog whose OK hands its value to a core call and stays open if the core refuses it.

The core validates (``ValidationError`` with a translated sentence and the ``field`` it is about); the dialog
shows the sentence above its buttons, puts the cursor in that field and keeps everything typed. Only when the
call succeeds does the dialog close. Also the small helpers the curriculum widgets share: date fields,
text areas, text-only tool bars and a yes/no question.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.date_edit import DateEdit
from ui.widgets.keyboard import focusable_tool_bar
from ui.widgets.retranslate import Retranslating

log = logging.getLogger(__name__)


def date_edit() -> QDateEdit:
    """A date field with a calendar, in the current language's short date format (31.12.2027 in nb)."""
    edit = DateEdit()
    edit.setMinimumDate(QDate(2000, 1, 1))
    edit.setMaximumDate(QDate(2100, 12, 31))
    return edit


def set_date(edit: QDateEdit, value: date) -> None:
    edit.setDate(QDate(value.year, value.month, value.day))


def get_date(edit: QDateEdit) -> date:
    return edit.date().toPython()  # type: ignore[return-value]


def open_form[D: QDialog](dialog: D) -> D:
    """Show ``dialog`` window-modal (the caller goes on); it deletes itself when closed."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def text_area(lines: int = 4) -> QPlainTextEdit:
    area = QPlainTextEdit()
    area.setTabChangesFocus(True)  # Tab moves on, as in every other field of a form
    area.setMinimumHeight(area.fontMetrics().lineSpacing() * lines + 12)
    return area


class FormDialog(Retranslating, QDialog):
    """Subclasses build fields into ``self.form``, name them in ``self.fields`` and implement ``value()``."""

    def __init__(self, submit: Callable[[Any], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._submit = submit
        self.fields: dict[str, QWidget] = {}  # the core's field names → the widget to focus
        self._labels: dict[QWidget, QLabel] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error_label = QLabel()
        self.error_label.setObjectName("warning")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def value(self) -> Any:
        raise NotImplementedError

    def accept(self) -> None:
        from tillitsleder.errors import ChangedElsewhere

        try:
            self._submit(self.value())
        except ChangedElsewhere as refused:  # saved elsewhere meanwhile: show the newer values, and say so
            if refused.newer:
                self.refill(refused.newer, refused.version)
            self.show_problem(refused)
            return
        except Exception as error:  # noqa: BLE001 - the dialog stays open and says so (``error_text`` logs a bug)
            self.show_problem(error)
            return
        super().accept()

    def refill(self, newer: dict[str, Any], version: int | None) -> None:
        """Show ``newer`` (the record as someone else saved it, at ``version``); forms that edit a record
        fill their fields from it, so saving again saves over those values knowingly."""

    def show_problem(self, error: BaseException) -> None:
        from ui.errors import error_text

        self.error_label.setText(error_text(error))
        self.error_label.show()
        widget = self.fields.get(str(getattr(error, "fields", {}).get("field", "")))
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_row(self, *widgets: QWidget) -> None:
        """A form row per widget, each with a label (its text set in ``retranslate``) that is its buddy."""
        for widget in widgets:
            label = QLabel()
            label.setBuddy(widget)
            self._labels[widget] = label
            self.form.addRow(label, widget)

    def label(self, widget: QWidget) -> QLabel:
        return self._labels[widget]

    def ok_button_text(self, text: str) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(text)

    def retranslate(self) -> None:  # subclasses set their strings
        pass


def tool_bar(*actions: QAction | None) -> QToolBar:
    """A row of text buttons that folds what does not fit into a menu; it looks like the other areas' buttons
    (``QToolBar#actionBar`` in ``ui.style``)."""
    bar = QToolBar()
    bar.setObjectName("actionBar")
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    bar.setIconSize(QSize(16, 16))
    for act in actions:
        if act is None:
            bar.addSeparator()
        else:
            bar.addAction(act)
    return focusable_tool_bar(bar)  # Tab reaches each button


def ask_yes_no(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text, defaultButton=QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
