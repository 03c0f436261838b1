"""The one date editor: a ``QDateEdit`` with a calendar pop-up in the language's numeric date format.

The format comes from ``tillitsleder.i18n.date_edit_format`` ("31.12.2027" in nb, "2027-12-31" in sv, "31/12/2027"
in en) and the calendar speaks the language, starts the week on the language's first day and shows week numbers
(both from Babel); all follow a language switch. No date field shows ISO text to a person.
Tab moves through the day, month and year and then on; a field showing its special value ("any day") has no
parts, so Tab moves on at once (Qt's own would keep the focus there for good).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QWidget

from tillitsleder.i18n import babel_locale, date_edit_format, first_weekday, iso_week_numbers


def localise_calendar(calendar: QCalendarWidget) -> None:
    """Give ``calendar`` the current language's locale, its first day of the week and, where the language counts
    weeks as ISO 8601 does (all of ours), week numbers down the side; all from Babel through ``i18n``."""
    calendar.setLocale(QLocale(babel_locale()))
    calendar.setFirstDayOfWeek(Qt.DayOfWeek(first_weekday() + 1))  # Babel: 0 is Monday; Qt: 1 is Monday
    calendar.setVerticalHeaderFormat(
        QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers
        if iso_week_numbers()
        else QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader
    )


def localise_date_edit(edit: QDateEdit) -> None:
    """Give ``edit`` the current language's calendar and date format."""
    edit.setLocale(QLocale(babel_locale()))
    edit.setDisplayFormat(date_edit_format())
    if edit.calendarPopup():
        localise_calendar(edit.calendarWidget())


class DateEdit(QDateEdit):
    """A localised date field with a calendar pop-up."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        localise_date_edit(self)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 - Qt's name
        if self.specialValueText() and self.date() == self.minimumDate():
            return QWidget.focusNextPrevChild(self, next)  # no sections to move through: leave
        return super().focusNextPrevChild(next)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            localise_date_edit(self)
        super().changeEvent(event)
