"""The dates of a repeating series of sessions: weekly, every N weeks, or monthly on the same weekday.

Pure date arithmetic, no database. A series ends after a number of sessions or on a last date. Days off
(weekends, public holidays, the days the offices close; see ``working_days``) are either skipped — the
series then runs on until it has its number of sessions — or kept and flagged so the coordinator decides.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tillitsleder.errors import ValidationError
from tillitsleder.i18n import N_
from tillitsleder.sessions.working_days import is_day_off

MAX_SESSIONS = 104  # two years of weekly sessions
_MAX_OCCURRENCES = 520  # dates looked at before giving up (a series that lands only on days off)


class Repeat(StrEnum):
    WEEKLY = "weekly"  # every ``interval`` weeks on the first day's weekday
    MONTHLY = "monthly"  # every ``interval`` months on the same weekday of the month (e.g. the 2nd Tuesday)


class HolidayRule(StrEnum):
    SKIP = "skip"
    FLAG = "flag"


@dataclass(frozen=True)
class SeriesPattern:
    """How a series repeats. Give exactly one of ``count`` (sessions to create) and ``until`` (last date)."""

    repeat: Repeat = Repeat.WEEKLY
    interval: int = 1
    count: int | None = None
    until: date | None = None
    holidays: HolidayRule = HolidayRule.SKIP


@dataclass(frozen=True)
class SeriesDay:
    """One date of a series: ``day_off`` if it is a weekend or holiday; ``skipped`` if no session goes there."""

    day: date
    day_off: bool
    skipped: bool


def validate_pattern(first: date, pattern: SeriesPattern) -> None:
    if (pattern.count is None) == (pattern.until is None):
        raise ValidationError(N_("End the series either after a number of sessions or on a date."), field="end")
    if pattern.repeat is Repeat.WEEKLY and not 1 <= pattern.interval <= 52:
        raise ValidationError(N_("A weekly series repeats every 1 to 52 weeks."), field="interval")
    if pattern.repeat is Repeat.MONTHLY and not 1 <= pattern.interval <= 12:
        raise ValidationError(N_("A monthly series repeats every 1 to 12 months."), field="interval")
    if pattern.count is not None and not 1 <= pattern.count <= MAX_SESSIONS:
        raise ValidationError(N_("A series has from 1 to {limit} sessions."), field="count", limit=MAX_SESSIONS)
    if pattern.until is not None and pattern.until < first:
        raise ValidationError(N_("The series cannot end before its first session."), field="until")


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` (1–4, or -1 for the last) ``weekday`` (0 = Monday) of a month."""
    if nth == -1:
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _occurrences(first: date, pattern: SeriesPattern):
    """Every date of the pattern from ``first`` on, without an end."""
    if pattern.repeat is Repeat.WEEKLY:
        step = timedelta(weeks=pattern.interval)
        day = first
        while True:
            yield day
            day += step
    nth = (first.day - 1) // 7 + 1
    nth = -1 if nth >= 5 else nth  # "the 5th Tuesday" does not exist every month: use the last one
    index = first.year * 12 + first.month - 1
    yield first
    while True:
        index += pattern.interval
        yield nth_weekday(index // 12, index % 12 + 1, first.weekday(), nth)


def series_days(first: date, pattern: SeriesPattern, country: str = "NO") -> list[SeriesDay]:
    """The dates of the series from ``first``, skipped days included (marked), in order."""
    validate_pattern(first, pattern)
    days: list[SeriesDay] = []
    kept = 0
    for looked, day in enumerate(_occurrences(first, pattern)):
        if pattern.until is not None and day > pattern.until:
            break
        if pattern.count is not None and kept >= pattern.count:
            break
        if looked >= _MAX_OCCURRENCES:
            raise ValidationError(N_("This series falls on days off only; choose another day."), field="first")
        off = is_day_off(day, country)
        skipped = off and pattern.holidays is HolidayRule.SKIP
        days.append(SeriesDay(day, off, skipped))
        kept += not skipped
    if kept > MAX_SESSIONS:
        raise ValidationError(N_("A series has from 1 to {limit} sessions."), field="until", limit=MAX_SESSIONS)
    if kept == 0:
        raise ValidationError(N_("This series falls on days off only; choose another day."), field="first")
    return days
