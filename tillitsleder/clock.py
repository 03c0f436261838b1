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

ENV_TODAY = "TILLITSLEDER_TODAY"

_source: Callable[[], datetime] | None = None


def _system_now() -> datetime:
    return datetime.now(UTC)


def _env_source() -> Callable[[], datetime] | None:
    value = os.environ.get(ENV_TODAY, "").strip()
    if not value:
        return None
    day = date.fromisoformat(value)
    started = _system_now()
    midday = datetime.combine(day, time(12, 0)).astimezone(UTC)
    # The set day, with the clock still ticking from noon on it (so timestamps keep their order).
    return lambda: midday + (_system_now() - started)


def now() -> datetime:
    """The current moment as an aware UTC datetime."""
    global _source
    if _source is None:
        _source = _env_source() or _system_now
    return _source()


def today(tz: tzinfo | None = None) -> date:
    """Today's date in ``tz`` (default: this PC's local time zone)."""
    return now().astimezone(tz).date()


def set_clock(moment: datetime | date | None) -> None:
    """Fix the clock at ``moment`` (a date means noon local time that day); ``None`` goes back to the real time."""
    global _source
    if moment is None:
        _source = _env_source() or _system_now
        return
    fixed = _as_moment(moment)
    _source = lambda: fixed  # noqa: E731


@contextmanager
def frozen_at(moment: datetime | date) -> Iterator[datetime]:
    """Within the block, the clock stands still at ``moment``."""
    global _source
    before = _source
    set_clock(moment)
    try:
        yield now()
    finally:
        _source = before


def _as_moment(moment: datetime | date) -> datetime:
    if isinstance(moment, datetime):
        return moment if moment.tzinfo else moment.astimezone(UTC)
    return datetime.combine(moment, time(12, 0)).astimezone(UTC)
