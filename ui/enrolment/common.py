"""Small pieces the enrolment dialogs share: a date field, an inline error line, Qt ↔ Python dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QFormLayout, QLabel, QWidget

from tillitsleder import clock
from ui.errors import error_text
from ui.widgets.date_edit import DateEdit


def date_field(value: date | None = None) -> QDateEdit:
    """A date field with a calendar pop-up, in the format of the current language."""
    field = DateEdit()
    field.setDate(to_qdate(value or clock.today()))
    return field


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def error_line() -> QLabel:
    """A warning line under a form; hidden until ``show_problem`` puts a message in it."""
    label = QLabel()
    label.setObjectName("warning")
    label.setWordWrap(True)
    label.hide()
    return label


def show_problem(label: QLabel, error: BaseException | None) -> None:
    label.setText(error_text(error) if error is not None else "")
    label.setVisible(error is not None)


def add_rows(form: QFormLayout, *fields: QWidget) -> list[QLabel]:
    """Add ``fields`` to ``form``, each with a label (texts set later in ``retranslate``) as its buddy."""
    labels = []
    for field in fields:
        label = QLabel()
        label.setBuddy(field)
        form.addRow(label, field)
        labels.append(label)
    return labels


def set_texts(labels: list[QLabel], texts: tuple[str, ...]) -> None:
    for label, text in zip(labels, texts, strict=True):
        label.setText(text)
