"""The rota generator itself: pure and deterministic, no database (``roster`` loads its input and saves its output).

Each task (a session, or a reflection group for a semester) gets one facilitator. Rules, hardest first:

1. **Availability** is a hard rule: never a facilitator who is unavailable on one of the task's dates, or who
   already facilitates another session at an overlapping time. A task nobody can take stays unassigned and is
   flagged ``UNAVAILABLE``.
2. **Own unit**: a group is not led by someone whose unit has people in the group, where any available
   facilitator avoids it; otherwise it is flagged ``OWN_UNIT``.
3. **Capacity** (hours per month): preferred within capacity; if every candidate would exceed it the task still
   gets the one who exceeds least and is flagged ``OVER_CAPACITY`` (with the month).
4. **Balance**: among equals, the one with the lowest share of their capacity used in the period; ties by id.

Tasks are taken most-constrained first (fewest available candidates), then the biggest first (a group's
semester before a single session, as in bin packing), then by date and id, so the result depends on the input
only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from tillitsleder.i18n import format_date, format_month

Month = tuple[int, int]
CENT = Decimal("0.01")


class TaskKind(StrEnum):
    SESSION = "session"
    GROUP = "group"


class FlagKind(StrEnum):
    UNAVAILABLE = "unavailable"
    OWN_UNIT = "own_unit"
    OVER_CAPACITY = "over_capacity"


def month_of(day: date) -> Month:
    return day.year, day.month


def months_between(first: date, last: date) -> list[Month]:
    """The calendar months from ``first`` to ``last``, both included."""
    months, (year, month) = [], month_of(first)
    while (year, month) <= month_of(last):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_label(month: Month) -> str:
    """A month as shown in roster and workload tables ("Jan 2027")."""
    return format_month(date(*month, 1), abbreviated=True)


def period_label(first: date, last: date) -> str:
    """One day, or "first – last"."""
    return format_date(first) if first == last else f"{format_date(first)} – {format_date(last)}"


def spread(hours: Decimal, first: date, last: date | None) -> dict[Month, Decimal]:
    """``hours`` shared evenly over the months from ``first`` to ``last`` (cent-exact; the rest in the first)."""
    months = months_between(first, last or first)
    share = (hours / len(months)).quantize(CENT, rounding="ROUND_DOWN")
    result = dict.fromkeys(months, share)
    result[months[0]] += hours - share * len(months)
    return result


@dataclass(frozen=True)
class RotaFacilitator:
    id: int
    unit_id: int | None
    capacity: Decimal  # hours per month
    unavailable: tuple[tuple[date, date], ...] = ()
    load: Mapping[Month, Decimal] = field(default_factory=dict)  # already committed hours
    busy: tuple[tuple[datetime, datetime], ...] = ()  # sessions they already facilitate

    def free_on(self, day: date) -> bool:
        return not any(first <= day <= last for first, last in self.unavailable)


@dataclass(frozen=True)
class RotaTask:
    kind: TaskKind
    target_id: int
    dates: tuple[date, ...]  # every day the facilitator must be there
    hours: Mapping[Month, Decimal]
    unit_ids: frozenset[int] = frozenset()  # units of the group's members
    interval: tuple[datetime, datetime] | None = None  # a session's time

    @property
    def key(self) -> tuple[str, int]:
        return self.kind.value, self.target_id

    @property
    def total_hours(self) -> Decimal:
        return sum(self.hours.values(), Decimal(0))


@dataclass(frozen=True)
class RotaFlag:
    kind: FlagKind
    task: tuple[str, int] | None
    facilitator_id: int | None = None
    month: Month | None = None


@dataclass(frozen=True)
class Rota:
    choice: dict[tuple[str, int], int | None]  # task key → facilitator id (None: nobody could take it)
    load: dict[int, dict[Month, Decimal]]  # facilitator → month → hours, committed plus proposed
    flags: tuple[RotaFlag, ...]


def _overlaps(a: tuple[datetime, datetime], b: tuple[datetime, datetime]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def generate(facilitators: Iterable[RotaFacilitator], tasks: Iterable[RotaTask]) -> Rota:
    """Propose a facilitator for every task (see the module's rules)."""
    people = sorted(facilitators, key=lambda f: f.id)
    todo = sorted(tasks, key=lambda t: (min(t.dates, default=date.max), t.kind.value, t.target_id))
    load: dict[int, dict[Month, Decimal]] = {f.id: defaultdict(Decimal, f.load) for f in people}
    busy: dict[int, list[tuple[datetime, datetime]]] = {f.id: list(f.busy) for f in people}
    months = sorted({m for t in todo for m in t.hours})

    on_dates = {t.key: [f for f in people if all(f.free_on(d) for d in t.dates)] for t in todo}
    static = {key: len(free) for key, free in on_dates.items()}

    def free(f: RotaFacilitator, task: RotaTask) -> bool:
        return task.interval is None or not any(_overlaps(task.interval, b) for b in busy[f.id])

    todo.sort(key=lambda t: (static[t.key], -t.total_hours))  # stable: date order within equal keys

    period = {f.id: sum((load[f.id][m] for m in months), Decimal(0)) for f in people}

    def used(f: RotaFacilitator) -> Decimal:
        room = f.capacity * max(len(months), 1)
        return period[f.id] / room if room > 0 else Decimal(10**9) + period[f.id]

    choice: dict[tuple[str, int], int | None] = {}
    flags: list[RotaFlag] = []
    for task in todo:
        candidates = [f for f in on_dates[task.key] if free(f, task)]
        if not candidates:
            choice[task.key] = None
            flags.append(RotaFlag(FlagKind.UNAVAILABLE, task.key))
            continue

        def rank(f: RotaFacilitator, task: RotaTask = task) -> tuple:
            own = f.unit_id is not None and f.unit_id in task.unit_ids
            excess = sum((max(Decimal(0), load[f.id][m] + h - f.capacity) for m, h in task.hours.items()), Decimal(0))
            return own, excess > 0, excess, used(f), f.id

        best = min(candidates, key=rank)
        choice[task.key] = best.id
        if best.unit_id is not None and best.unit_id in task.unit_ids:
            flags.append(RotaFlag(FlagKind.OWN_UNIT, task.key, best.id))
        period[best.id] += task.total_hours
        for month, hours in task.hours.items():
            load[best.id][month] += hours
            if load[best.id][month] > best.capacity:
                flags.append(RotaFlag(FlagKind.OVER_CAPACITY, task.key, best.id, month))
        if task.interval is not None:
            busy[best.id].append(task.interval)
    for f in people:  # committed load that was already over before anything was proposed
        for month in months:
            if load[f.id][month] > f.capacity and not any(
                x.kind is FlagKind.OVER_CAPACITY and x.facilitator_id == f.id and x.month == month for x in flags
            ):
                flags.append(RotaFlag(FlagKind.OVER_CAPACITY, None, f.id, month))
    return Rota(choice, {fid: dict(months_) for fid, months_ in load.items()}, tuple(flags))
