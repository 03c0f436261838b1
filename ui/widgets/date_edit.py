"""The one date editor: a ``QDateEdit`` with a calendar pop-up in the language's numeric date format.

The format comes from ``tillitsleder.i18n.date_edit_format`` ("31.12.2027" in nb, "31/12/2027" in en) and the
calendar speaks the language; both follow a language switch. No date field shows ISO text to a person.
Tab moves through the day, month and year and then on; a field showing its special value ("any day") has no
parts, so Tab moves on at once (Qt's own would keep the focus there for good).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale
from PySide6.QtWidgets import QDateEdit, QWidget

from tillitsleder.i18n import current_language, date_edit_format

_LOCALES = {
    "nb": (QLocale.Language.NorwegianBokmal, QLocale.Country.Norway),
    "en": (QLocale.Language.English, QLocale.Country.UnitedKingdom),
}


def localise_date_edit(edit: QDateEdit) -> None:
    """Give ``edit`` the current language's calendar and date format."""
    language, country = _LOCALES.get(current_language(), _LOCALES["en"])
    edit.setLocale(QLocale(language, country))
    edit.setDisplayFormat(date_edit_format())


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
