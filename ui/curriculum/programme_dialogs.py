"""The dialogs for a programme (new or edit) and for duplicating one as the template of a new cohort."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QLineEdit, QWidget

from tillitsleder import clock
from tillitsleder.curriculum import ProgrammeData
from tillitsleder.i18n import _, percent_suffix
from ui.curriculum.forms import FormDialog, date_edit, get_date, set_date, text_area

TIME_ZONES = ("Europe/Oslo", "Europe/Stockholm", "Europe/Copenhagen", "Europe/Helsinki")


class ProgrammeDialog(FormDialog):
    """A programme's name, municipality, dates, time zone, minimum attendance and description."""

    def __init__(
        self,
        municipalities: Sequence[tuple[int, str]],
        submit: Callable[[ProgrammeData], None],
        initial: ProgrammeData | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(submit, parent)
        self.setObjectName("programmeDialog")
        self._adding = initial is None
        if initial is None:
            today = clock.today()
            initial = ProgrammeData(name="", start_date=today, end_date=today + timedelta(days=2 * 365 - 1))
        self._version = initial.version  # handed back: a save over someone else's newer change is refused
        self.name = QLineEdit(initial.name)
        self.municipality = QComboBox()
        self.municipality.setEditable(True)  # an empty database has none yet: type the name
        for municipality_id, name in municipalities:
            self.municipality.addItem(name, municipality_id)
        if initial.municipality_id is not None:
            self.municipality.setCurrentIndex(max(0, self.municipality.findData(initial.municipality_id)))
        self.start = date_edit()
        self.end = date_edit()
        set_date(self.start, initial.start_date)
        set_date(self.end, initial.end_date)
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(TIME_ZONES)
        self.timezone.setCurrentText(initial.timezone)
        self.min_attendance = QDoubleSpinBox()  # 0–100 % in steps of 0.1 %, as ``rules.clean_min_attendance``
        self.min_attendance.setRange(0, 100)
        self.min_attendance.setDecimals(1)
        self.min_attendance.setSuffix(percent_suffix())
        self.min_attendance.setValue(float(Decimal(initial.min_attendance) * 100))
        self.description = text_area(4)
        self.description.setPlainText(initial.description)
        self.add_row(
            self.name, self.municipality, self.start, self.end, self.timezone, self.min_attendance, self.description
        )
        self.fields = {
            "name": self.name,
            "municipality": self.municipality,
            "start_date": self.start,
            "end_date": self.end,
            "timezone": self.timezone,
            "min_attendance": self.min_attendance,
        }
        self.setMinimumWidth(540)
        self.retranslate()

    def value(self) -> ProgrammeData:
        text = self.municipality.currentText().strip()
        index = self.municipality.findText(text)
        municipality_id = self.municipality.itemData(index) if index >= 0 else None
        return ProgrammeData(
            name=self.name.text(),
            start_date=get_date(self.start),
            end_date=get_date(self.end),
            description=self.description.toPlainText(),
            timezone=self.timezone.currentText().strip(),
            min_attendance=(Decimal(str(self.min_attendance.value())) / 100).quantize(Decimal("0.001")),
            municipality_id=municipality_id,
            municipality_name=text,
            version=self._version,
        )

    def refill(self, newer: dict, version: int | None) -> None:
        self._version = version
        self.name.setText(newer["name"])
        self.municipality.setCurrentIndex(max(0, self.municipality.findData(newer["municipality_id"])))
        set_date(self.start, newer["start_date"])
        set_date(self.end, newer["end_date"])
        self.timezone.setCurrentText(newer["timezone"])
        self.min_attendance.setValue(float(Decimal(newer["min_attendance"]) * 100))
        self.description.setPlainText(newer["description"])

    def retranslate(self) -> None:
        self.setWindowTitle(_("New programme") if self._adding else _("Edit programme"))
        self.label(self.name).setText(_("&Name:"))
        self.label(self.municipality).setText(_("&Municipality:"))
        self.label(self.start).setText(_("&Starts:"))
        self.label(self.end).setText(_("&Ends:"))
        self.label(self.timezone).setText(_("&Time zone:"))
        self.label(self.min_attendance).setText(_("Minimum &attendance:"))
        self.min_attendance.setToolTip(_("Weighted attendance over all planned sessions needed to complete."))
        self.label(self.description).setText(_("&Description:"))
        self.ok_button_text(_("Create programme") if self._adding else _("Save"))


class DuplicateDialog(FormDialog):
    """A new name and start date for a copy; ``submit((name, start))``."""

    def __init__(
        self,
        source: ProgrammeData,
        submit: Callable[[tuple[str, date]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(submit, parent)
        self.setObjectName("duplicateDialog")
        self.source = source
        self.name = QLineEdit()
        self.start = date_edit()
        set_date(self.start, _next_monday(source.end_date))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.add_row(self.name, self.start)
        self.form.addRow(self.note)
        self.fields = {"name": self.name, "start_date": self.start}
        self.setMinimumWidth(520)
        self.retranslate()
        self.name.setText(proposed_name(source.name, source.start_date, get_date(self.start)))
        self.name.selectAll()

    def value(self) -> tuple[str, date]:
        return self.name.text(), get_date(self.start)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Duplicate as template"))
        self.label(self.name).setText(_("&Name of the copy:"))
        self.label(self.start).setText(_("&Starts:"))
        self.note.setText(
            _(
                "Semesters, modules and attendance statuses are copied, with their dates moved to the new start. "
                "Cohorts, sessions and participants are not copied."
            )
        )
        self.ok_button_text(_("Duplicate"))


def proposed_name(name: str, old_start: date, new_start: date) -> str:
    """The source's name with its years moved along ("… 2025–2027" → "… 2027–2029"), else "… (copy)"."""
    years = new_start.year - old_start.year
    moved = re.sub(r"\b(19|20)\d\d\b", lambda match: str(int(match.group(0)) + years), name)
    return moved if years and moved != name else _("{name} (copy)").format(name=name)


def _next_monday(after: date) -> date:
    day = after + timedelta(days=1)
    return day + timedelta(days=(7 - day.weekday()) % 7)
