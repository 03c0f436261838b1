"""The one clock of the app: every "now" and "today" in the core and the UI comes from here.

Time is an input. Functions that depend on the day take ``today``/``now`` as a parameter and fall back to this
clock; nothing else reads the system time. Tests (and the demo, screenshots and benchmarks) set the clock with
``frozen_at`` or ``set_clock``; the environment variable ``TILLITSLEDER_TODAY`` (an ISO date) sets it for a whole
process, so the app can be started as if it were another day.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, tzinfo
from zoneinfo import ZoneInfo

ENV_TODAY = "TILLITSLEDER_TODAY"

_source: Callable[[], datetime] | None = None


def _system_now() -> datetime:
    return datetime.now(UTC)


def _env_source() -> Callable[[], datetime] | None:
    value = os.environ.get(ENV_TODAY, "").strip()
    if not value:
        return None
    # The set day, with the clock still ticking from noon on it (so timestamps keep their order).
    return _ticking_from(_as_moment(date.fromisoformat(value)))


def _ticking_from(start: datetime) -> Callable[[], datetime]:
    """A clock that shows ``start`` now and runs on at the system clock's pace from there."""
    began = _system_now()
    return lambda: start + (_system_now() - began)


def now() -> datetime:
    """The current moment as an aware UTC datetime."""
    global _source
    if _source is None:
        _source = _env_source() or _system_now
    return _source()


def today(tz: tzinfo | str | None = None) -> date:
    """Today's date in ``tz``, a time zone or its IANA name such as ``"Europe/Oslo"`` (default: this PC's local
    time zone)."""
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    return now().astimezone(zone).date()


def set_clock(moment: datetime | date | None, *, ticking: bool = False) -> None:
    """Set the clock to ``moment`` (a date means noon local time that day): standing still there, or with
    ``ticking`` running on from there; ``None`` goes back to the real time (or the day ``TILLITSLEDER_TODAY``
    sets)."""
    global _source
    if moment is None:
        _source = _env_source() or _system_now
        return
    start = _as_moment(moment)
    _source = _ticking_from(start) if ticking else lambda: start


@contextmanager
def frozen_at(moment: datetime | date, *, ticking: bool = False) -> Iterator[datetime]:
    """Within the block, the clock stands still at ``moment``; with ``ticking`` it starts there and runs on (a
    day then stays the same day for hours, while every save still gets a later timestamp than the one before)."""
    global _source
    before = _source
    set_clock(moment, ticking=ticking)
    try:
        yield now()
    finally:
        _source = before


def _as_moment(moment: datetime | date) -> datetime:
    """``moment`` as an aware UTC datetime: a naive one is local time, a date is noon local time that day."""
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time(12, 0))
    return moment.astimezone(UTC)
