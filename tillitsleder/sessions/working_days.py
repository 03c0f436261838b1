"""Working days for scheduling: public holidays (from the ``holidays`` package) and weekends.

Christmas Eve and New Year's Eve are not public holidays, but Nordic municipal offices close on them, so
they count as days off too.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

OFFICE_CLOSED = {(12, 24), (12, 31)}


@cache
def _public_holidays(country: str, year: int) -> frozenset[date]:
    import holidays

    return frozenset(holidays.country_holidays(country, years=year))


def is_day_off(day: date, country: str = "NO") -> bool:
    """Weekend, public holiday or a day the offices close."""
    return day.weekday() >= 5 or (day.month, day.day) in OFFICE_CLOSED or day in _public_holidays(country, day.year)


def next_working_day(day: date, country: str = "NO") -> date:
    """``day`` itself if it is a working day, else the first working day after it."""
    while is_day_off(day, country):
        day += timedelta(days=1)
    return day
