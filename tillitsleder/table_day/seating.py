"""Seating for a table day, as a pure and deterministic function (``table_day`` loads people and saves the result).

People are grouped by unit (largest unit first, then by unit id; people without a unit each count as their own
unit), listed name by name, and dealt round the tables like cards: person *i* goes to table *i mod T*, with
``T = ceil(n / size)`` tables. A unit's people are consecutive in that list, so a unit with at most T people gets
a different table for each, and a bigger unit is spread as evenly as possible — which is the fewest same-unit
pairs any seating with T tables can have (``same_unit_floor``). Table sizes differ by at most one.

A ``seed`` other than 0 shuffles the order of the units and of the people within each unit before dealing, so
other people share a table while every unit's people stay consecutive (the same fewest pairs); seed 0 is the
order above. ``tables`` fixes the number of tables instead of deriving it from ``size``.

Table leaders sit apart from the guests: each table, in order, gets the first free leader (by name) whose unit
is not at the table, else the first free leader; a table without a leader is reported by the caller.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from math import ceil
from random import Random


@dataclass(frozen=True)
class Guest:
    person_id: int
    sort_name: str
    unit_id: int | None


@dataclass(frozen=True)
class PlannedTable:
    position: int
    leader_id: int | None
    guest_ids: tuple[int, ...]


def table_count(people: int, size: int) -> int:
    return ceil(people / size) if people else 0


def _unit_key(guest: Guest) -> tuple[str, int]:
    return ("u", guest.unit_id) if guest.unit_id is not None else ("p", guest.person_id)


def seat(
    guests: Iterable[Guest], size: int, leaders: Sequence[Guest] = (), *, seed: int = 0, tables: int | None = None
) -> list[PlannedTable]:
    """Deal ``guests`` (minus anyone who is a leader) round tables of at most ``size`` (or round exactly ``tables``
    tables); give each a leader."""
    if size < 2:
        raise ValueError("a table seats at least two")
    leader_ids = {leader.person_id for leader in leaders}
    people = {g.person_id: g for g in guests if g.person_id not in leader_ids}
    by_unit: dict[tuple[str, int], list[Guest]] = defaultdict(list)
    for guest in people.values():
        by_unit[_unit_key(guest)].append(guest)
    order = sorted(by_unit, key=lambda key: (-len(by_unit[key]), key))
    members = {key: sorted(by_unit[key], key=lambda g: (g.sort_name, g.person_id)) for key in order}
    if seed:
        shuffler = Random(seed)
        shuffler.shuffle(order)
        for key in order:
            shuffler.shuffle(members[key])
    dealt = [g for key in order for g in members[key]]
    count = min(tables, len(dealt)) if tables is not None else table_count(len(dealt), size)
    seats: list[list[Guest]] = [[] for _ in range(count)]
    for index, guest in enumerate(dealt):
        seats[index % count].append(guest)
    free = sorted(leaders, key=lambda g: (g.sort_name, g.person_id))
    tables = []
    for position, members in enumerate(seats):
        units = {g.unit_id for g in members if g.unit_id is not None}
        leader = next((g for g in free if g.unit_id is None or g.unit_id not in units), free[0] if free else None)
        if leader is not None:
            free.remove(leader)
        guest_ids = tuple(g.person_id for g in sorted(members, key=lambda g: (g.sort_name, g.person_id)))
        tables.append(PlannedTable(position, leader.person_id if leader else None, guest_ids))
    return tables


def same_unit_pairs(tables: Iterable[Iterable[int | None]]) -> int:
    """Pairs of people at the same table from the same unit, given each table as its members' unit ids."""
    total = 0
    for units in tables:
        counts = Counter(u for u in units if u is not None)
        total += sum(n * (n - 1) // 2 for n in counts.values())
    return total


def same_unit_floor(unit_sizes: Iterable[int], tables: int) -> int:
    """The fewest same-unit pairs possible with ``tables`` tables: each unit spread as evenly as it goes."""
    total = 0
    for size in unit_sizes:
        q, r = divmod(size, tables) if tables else (0, 0)
        total += r * (q + 1) * q // 2 + (tables - r) * q * (q - 1) // 2
    return total
