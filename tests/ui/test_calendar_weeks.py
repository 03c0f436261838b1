"""The date editors' calendar pop-ups start the week on the language's first day and show week numbers (from Babel
through ``tillitsleder.i18n``), in the language's own format and month names, and follow a switch at run time."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCalendarWidget

from tillitsleder import i18n
from ui.organisation.change_dialog import ChangeDialog, ChangeRequest
from ui.widgets.date_edit import DateEdit

SHOTS = Path("/tmp/calendar-shots")
TEXT = {"nb": "22.11.2026", "nn": "22.11.2026", "sv": "2026-11-22", "da": "22.11.2026", "en": "22/11/2026"}
MONTH = {"nb": "november", "nn": "november", "sv": "november", "da": "november", "en": "November"}


@pytest.mark.parametrize("language", list(i18n.LANGUAGES))
def test_the_calendar_pop_up_speaks_the_language_and_numbers_weeks(qtbot, switcher, language: str) -> None:
    switcher.switch("en" if language != "en" else "nb")
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.setDate(QDate(2026, 11, 22))
    switcher.switch(language)  # the editor was built in the other language
    qtbot.waitUntil(lambda: edit.displayFormat() == i18n.date_edit_format())
    calendar = edit.calendarWidget()
    assert edit.text() == TEXT[language]
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek(i18n.first_weekday() + 1) == Qt.DayOfWeek.Monday
    assert calendar.verticalHeaderFormat() == QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers
    assert calendar.locale().name() == i18n.babel_locale()
    assert calendar.locale().monthName(11) == MONTH[language]
    assert calendar.selectedDate().weekNumber()[0] == i18n.week_number(date(2026, 11, 22)) == 47
    calendar.resize(360, 260)
    calendar.show()
    qtbot.waitExposed(calendar)
    SHOTS.mkdir(parents=True, exist_ok=True)
    calendar.grab().save(str(SHOTS / f"calendar-{language}.png"))


def test_the_organisation_change_dialog_uses_the_one_date_editor(qtbot, switcher) -> None:
    switcher.switch("sv")
    dialog = ChangeDialog(None, ChangeRequest(title="x", day_label="Dag"))
    qtbot.addWidget(dialog)
    assert isinstance(dialog.day, DateEdit)
    assert dialog.day.displayFormat() == "yyyy-MM-dd"
    assert dialog.day.calendarWidget().verticalHeaderFormat() == QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers
