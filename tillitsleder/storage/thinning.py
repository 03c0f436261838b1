"""Which automatic backups to keep: the one rule, as a pure function of the backups' times and now.

Kept are the 10 newest; then the newest backup of each day for the last 14 days, of each week for the last 8
weeks, and of each month for the last year. Everything else may be deleted. Days, weeks (ISO, Monday first) and
months are those of the times as given (the backups are stamped in UTC). A backup stamped after ``now`` (the
clock was set back) is never thinned away.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from datetime import datetime, timedelta

KEEP_LAST = 10
DAILY_FOR = timedelta(days=14)
WEEKLY_FOR = timedelta(weeks=8)
MONTHLY_FOR = timedelta(days=365)


def _day(moment: datetime) -> Hashable:
    return moment.date()


def _week(moment: datetime) -> Hashable:
    return moment.isocalendar()[:2]


def _month(moment: datetime) -> Hashable:
    return moment.year, moment.month


_TIERS: tuple[tuple[timedelta, Callable[[datetime], Hashable]], ...] = (
    (DAILY_FOR, _day),
    (WEEKLY_FOR, _week),
    (MONTHLY_FOR, _month),
)


def backups_to_keep(times: Iterable[datetime], now: datetime) -> set[datetime]:
    """The times (of ``times``) whose backups are kept at ``now``; the others may be deleted."""
    newest_first = sorted(set(times), reverse=True)
    keep = set(newest_first[:KEEP_LAST])
    keep.update(moment for moment in newest_first if moment > now)
    for period, bucket_of in _TIERS:
        seen: set[Hashable] = set()
        for moment in newest_first:
            if moment > now or now - moment >= period:
                continue
            bucket = bucket_of(moment)
            if bucket not in seen:
                seen.add(bucket)
                keep.add(moment)
    return keep
