"""The dialogs for one module (every field, learning objectives one per line) and for one semester."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QLineEdit, QWidget

from tillitsleder.curriculum import ModuleData, SemesterData, SemesterView
from tillitsleder.enums import SessionType
from tillitsleder.i18n import _
from ui.curriculum.forms import FormDialog, date_edit, get_date, set_date, text_area
from ui.curriculum.module_model import plain_hours


def semester_label(semester: SemesterView) -> str:
    return _("{number}. {title}").format(number=semester.number, title=semester.data.title)


class ModuleDialog(FormDialog):
    """Add (``initial`` None) or edit a module; ``submit(ModuleData)`` raises if the core refuses."""

    def __init__(
        self,
        semesters: Sequence[SemesterView],
        submit: Callable[[ModuleData], None],
        initial: ModuleData | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(submit, parent)
        self.setObjectName("moduleDialog")
        self._adding = initial is None
        initial = initial or ModuleData(title="", semester_id=semesters[0].id if semesters else None)
        self._version = initial.version  # handed back: a save over someone else's newer change is refused
        self.title = QLineEdit(initial.title)
        self.title.setMaxLength(250)  # the core says more than 200 is too long, rather than cutting silently
        self.semester = QComboBox()
        self.semester.addItem("", None)
        for semester in semesters:
            self.semester.addItem(semester_label(semester), semester.id)
        self.semester.setCurrentIndex(max(0, self.semester.findData(initial.semester_id)))
        self.session_type = QComboBox()
        for kind in SessionType:
            self.session_type.addItem(kind.label(), kind.value)
        self.session_type.setCurrentIndex(self.session_type.findData(SessionType(initial.session_type).value))
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, 1000)
        self.hours.setDecimals(1)
        self.hours.setSingleStep(0.5)
        self.hours.setValue(float(initial.hours))
        self.required = QCheckBox()
        self.required.setChecked(initial.required)
        self.description = text_area(3)
        self.description.setPlainText(initial.description)
        self.objectives = text_area(5)
        self.objectives.setPlainText(initial.objectives)
        self.add_row(
            self.title, self.semester, self.session_type, self.hours, self.required, self.description, self.objectives
        )
        self.fields = {
            "title": self.title,
            "semester": self.semester,
            "session_type": self.session_type,
            "hours": self.hours,
        }
        self.setMinimumWidth(560)
        self.retranslate()

    def value(self) -> ModuleData:
        hours = plain_hours(Decimal(str(round(self.hours.value(), 1))))
        return ModuleData(
            title=self.title.text(),
            description=self.description.toPlainText(),
            objectives=self.objectives.toPlainText(),
            hours=hours,
            session_type=SessionType(self.session_type.currentData()),
            required=self.required.isChecked(),
            semester_id=self.semester.currentData(),
            version=self._version,
        )

    def refill(self, newer: dict, version: int | None) -> None:
        self._version = version
        self.title.setText(newer["title"])
        self.semester.setCurrentIndex(max(0, self.semester.findData(newer["semester_id"])))
        self.session_type.setCurrentIndex(max(0, self.session_type.findData(SessionType(newer["session_type"]).value)))
        self.hours.setValue(float(newer["hours"]))
        self.required.setChecked(bool(newer["required"]))
        self.description.setPlainText(newer["description"])
        self.objectives.setPlainText(newer["objectives"])

    def retranslate(self) -> None:
        self.setWindowTitle(_("New module") if self._adding else _("Edit module"))
        self.label(self.title).setText(_("&Title:"))
        self.label(self.semester).setText(_("&Semester:"))
        self.semester.setItemText(0, _("No semester"))
        self.label(self.session_type).setText(_("Session &type:"))
        for row, kind in enumerate(SessionType):
            self.session_type.setItemText(row, kind.label())
        self.label(self.hours).setText(_("&Hours:"))
        self.label(self.required).setText(_("Participation:"))
        self.required.setText(_("&Required for every participant (otherwise elective)"))
        self.label(self.description).setText(_("&Description:"))
        self.label(self.objectives).setText(_("Learning &objectives:"))
        self.objectives.setPlaceholderText(_("One learning objective per line"))
        self.ok_button_text(_("Add module") if self._adding else _("Save"))


class SemesterDialog(FormDialog):
    """Add or edit a semester: a title and its dates (the number follows from the dates)."""

    def __init__(
        self,
        submit: Callable[[SemesterData], None],
        initial: SemesterData,
        *,
        adding: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(submit, parent)
        self.setObjectName("semesterDialog")
        self._adding = adding
        self._version = initial.version  # handed back: a save over someone else's newer change is refused
        self.title = QLineEdit(initial.title)
        self.start = date_edit()
        self.end = date_edit()
        set_date(self.start, initial.start_date)
        set_date(self.end, initial.end_date)
        self.add_row(self.title, self.start, self.end)
        self.fields = {"title": self.title, "start_date": self.start, "end_date": self.end}
        self.setMinimumWidth(420)
        self.retranslate()

    def value(self) -> SemesterData:
        return SemesterData(
            title=self.title.text(), start_date=get_date(self.start), end_date=get_date(self.end), version=self._version
        )

    def refill(self, newer: dict, version: int | None) -> None:
        self._version = version
        self.title.setText(newer["title"])
        set_date(self.start, newer["start_date"])
        set_date(self.end, newer["end_date"])

    def retranslate(self) -> None:
        self.setWindowTitle(_("New semester") if self._adding else _("Edit semester"))
        self.label(self.title).setText(_("&Title:"))
        self.label(self.start).setText(_("&Starts:"))
        self.label(self.end).setText(_("&Ends:"))
        self.ok_button_text(_("Add semester") if self._adding else _("Save"))


def next_semester_dates(last_end: date | None, programme_start: date, programme_end: date) -> tuple[date, date]:
    """A sensible proposal for a new semester: from the day after the last one, for about five months."""
    from datetime import timedelta

    start = max(programme_start, last_end + timedelta(days=1)) if last_end else programme_start
    start = min(start, programme_end)
    return start, min(programme_end, start + timedelta(days=150))
