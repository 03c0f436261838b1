"""Dates of the demo: the programme start derived from the day the demo is built for, and local wall-clock times."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")


def programme_start(today: date) -> date:
    """The first Monday of the September that lies closest to one year before ``today``."""
    starts = [nth_weekday(year, 9, 0, 1) for year in (today.year - 2, today.year - 1, today.year)]
    return min(starts, key=lambda start: abs((today - start).days - 365))


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` given weekday (0 = Monday) of a month; ``nth = -1`` is the last one."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def local_utc(day: date, clock: str, zone: ZoneInfo = OSLO) -> datetime:
    """A wall-clock time in ``zone`` (the municipality's) on ``day`` as an aware UTC datetime."""
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=zone).astimezone(UTC)


def hours_between(begin: str, end: str) -> Decimal:
    start, stop = time.fromisoformat(begin), time.fromisoformat(end)
    return Decimal(stop.hour * 60 + stop.minute - start.hour * 60 - start.minute) / 60
