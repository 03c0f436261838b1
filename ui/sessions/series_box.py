"""How a series repeats: weekly, every N weeks or monthly on the same weekday; a count or a last date; and
what to do with days off. ``pattern()`` gives a ``SeriesPattern``; ``show_preview`` lists the dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSpinBox,
)

from tillitsleder.i18n import _, format_date, format_number, ngettext
from tillitsleder.sessions.scheduling import Occurrence
from tillitsleder.sessions.series import MAX_SESSIONS, HolidayRule, Repeat, SeriesPattern
from ui import colours, recolour
from ui.widgets.date_edit import DateEdit
from ui.widgets.retranslate import Retranslating


class SeriesBox(Retranslating, QGroupBox):
    changed = Signal()

    def __init__(self, first_day: date, parent=None) -> None:
        super().__init__(parent)
        self.repeat_combo = QComboBox()
        self.repeat_combo.addItem("", Repeat.WEEKLY.value)
        self.repeat_combo.addItem("", Repeat.MONTHLY.value)
        self.interval_spin = QSpinBox()
        self.interval_spin.setRange(1, 52)
        self.interval_unit = QLabel()
        self.count_radio = QRadioButton()
        self.until_radio = QRadioButton()
        self.count_radio.setChecked(True)
        ends = QButtonGroup(self)
        ends.addButton(self.count_radio)
        ends.addButton(self.until_radio)
        self.count_spin = QSpinBox()
        self.count_spin.setRange(1, MAX_SESSIONS)
        self.count_spin.setValue(6)
        self.until_edit = DateEdit()
        self.until_edit.setDate(QDate(first_day.year, first_day.month, first_day.day).addMonths(3))
        self.holiday_combo = QComboBox()
        self.holiday_combo.addItem("", HolidayRule.SKIP.value)
        self.holiday_combo.addItem("", HolidayRule.FLAG.value)
        self.preview = QListWidget()
        self.preview.setMinimumHeight(110)
        self._occurrences: list[Occurrence] = []
        self.repeat_label, self.every_label, self.holiday_label, self.preview_label = (QLabel() for _ in range(4))
        self.repeat_label.setBuddy(self.repeat_combo)
        self.every_label.setBuddy(self.interval_spin)
        self.holiday_label.setBuddy(self.holiday_combo)
        self.preview_label.setBuddy(self.preview)

        grid = QGridLayout(self)
        grid.addWidget(self.repeat_label, 0, 0)
        grid.addWidget(self.repeat_combo, 0, 1, 1, 2)
        grid.addWidget(self.every_label, 1, 0)
        grid.addWidget(self.interval_spin, 1, 1)
        grid.addWidget(self.interval_unit, 1, 2)
        grid.addWidget(self.count_radio, 2, 0)
        grid.addWidget(self.count_spin, 2, 1)
        grid.addWidget(self.until_radio, 3, 0)
        grid.addWidget(self.until_edit, 3, 1)
        grid.addWidget(self.holiday_label, 4, 0)
        grid.addWidget(self.holiday_combo, 4, 1, 1, 2)
        grid.addWidget(self.preview_label, 5, 0, 1, 3)
        grid.addWidget(self.preview, 6, 0, 1, 3)
        grid.setColumnStretch(2, 1)

        for signal in (
            self.repeat_combo.currentIndexChanged, self.interval_spin.valueChanged, self.count_radio.toggled,
            self.count_spin.valueChanged, self.until_edit.dateChanged, self.holiday_combo.currentIndexChanged,
        ):  # fmt: skip
            signal.connect(self._on_change)
        self._on_change()
        self.retranslate()
        recolour.changes().changed.connect(self._recolour)

    def retranslate(self) -> None:
        self.setTitle(_("Repeat"))
        self.repeat_label.setText(_("&Repeats:"))
        self.repeat_combo.setItemText(0, _("Weekly"))
        self.repeat_combo.setItemText(1, _("Monthly, on the same weekday"))
        self.every_label.setText(_("&Every:"))
        monthly = self.repeat_combo.currentData() == Repeat.MONTHLY.value
        self.interval_unit.setText(_("month(s)") if monthly else _("week(s)"))
        self.count_radio.setText(_("&Number of sessions:"))
        self.until_radio.setText(_("&Last date:"))
        self.holiday_label.setText(_("Days &off:"))
        self.holiday_combo.setItemText(0, _("Skip weekends and public holidays"))
        self.holiday_combo.setItemText(1, _("Keep them, with a warning"))
        self.preview_label.setText(_("&Dates:"))
        if self._occurrences:
            self.show_preview(self._occurrences)

    def _on_change(self, *_args: object) -> None:
        monthly = self.repeat_combo.currentData() == Repeat.MONTHLY.value
        self.interval_spin.setMaximum(12 if monthly else 52)
        self.interval_unit.setText(_("month(s)") if monthly else _("week(s)"))
        self.count_spin.setEnabled(self.count_radio.isChecked())
        self.until_edit.setEnabled(self.until_radio.isChecked())
        self.changed.emit()

    def follow_first_day(self, first_day: date) -> None:
        """Keep the last date after the first one when the coordinator moves the first date."""
        first = QDate(first_day.year, first_day.month, first_day.day)
        if self.until_edit.date() < first:
            self.until_edit.setDate(first.addMonths(3))

    def pattern(self) -> SeriesPattern:
        until = self.until_edit.date()
        by_count = self.count_radio.isChecked()
        return SeriesPattern(
            repeat=Repeat(self.repeat_combo.currentData()),
            interval=self.interval_spin.value(),
            count=self.count_spin.value() if by_count else None,
            until=None if by_count else date(until.year(), until.month(), until.day()),
            holidays=HolidayRule(self.holiday_combo.currentData()),
        )

    def _recolour(self) -> None:
        if self.preview.count():
            self.show_preview(self._occurrences)

    def show_preview(self, occurrences: list[Occurrence]) -> None:
        self._occurrences = list(occurrences)
        self.preview.clear()
        for occurrence in occurrences:
            text = format_date(occurrence.day, "full")
            if occurrence.skipped:
                text = _("{date} – skipped (day off)").format(date=text)
            elif occurrence.conflicts:
                count = len(occurrence.conflicts)
                warnings = ngettext("{n} warning", "{n} warnings", count).format(n=format_number(count))
                text = _("{date} – {warnings}").format(date=text, warnings=warnings)
            item = QListWidgetItem(text)
            role = "muted.item" if occurrence.skipped else "warning.item" if occurrence.conflicts else None
            ink = colours.scheme().brushes(role)[1] if role else None
            if ink is not None:  # the words say it too ("skipped", "warnings"); none under high contrast
                item.setForeground(ink)
            self.preview.addItem(item)
        created = sum(not o.skipped for o in occurrences)
        summary = ngettext("{n} session will be created.", "{n} sessions will be created.", created)
        self.preview_label.setText(_("&Dates:") + " " + summary.format(n=format_number(created)))
