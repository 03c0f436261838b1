"""Demo data: a table day (the Swedish demo's Chefsdag) for every manager of the municipality, mixed at round tables.

Written after the rest of the demo when the language's content has a ``TABLE_DAY``. Everyone in the demo with a
leader level comes; managers are added from the units (their positions, the language's names) until the plan's
``managers`` sit at the tables and one more per table leads its dialogue (as the table day shows them: the seated,
and the table leaders apart). The seated are dealt round the tables by the table day's own seating
(``table_day.seating``: a unit's managers at different tables), and the day is stored as the table day service
stores one. It lies a few weeks ahead (after the Christmas weeks), so the coordinator can still change and print it.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from tillitsleder import model as m
from tillitsleder.table_day import seating
from tillitsleder.table_day.plans import name_key

if TYPE_CHECKING:
    from tillitsleder.demo.history import DemoInProgress


def write_demo_table_day(b: DemoInProgress) -> int:
    """Add the content's table day to the demo the builder ``b`` is writing; returns how many people are seated
    at it (the table leaders apart), 0 when the language's demo has none."""
    plan = b.text.TABLE_DAY
    if plan is None:
        return 0
    rng = random.Random(b.seed * 53 + 11)
    managers = [
        (row.id, row.first_name, row.last_name, row.unit_id)
        for row in b.s.execute(
            select(m.Person.id, m.Person.first_name, m.Person.last_name, m.Person.unit_id)
            .where(m.Person.leader_level.is_not(None))
            .order_by(m.Person.id)
        )
    ]
    missing = max(0, plan.managers + len(plan.tables) - len(managers))
    if missing:
        taken = {tuple(row) for row in b.s.execute(select(m.Person.first_name, m.Person.last_name))}
        numbers = set(b.s.scalars(select(m.Person.employee_number).where(m.Person.employee_number.is_not(None))))
        b.employee_numbers = [n for n in rng.sample(range(100_000, 1_000_000), missing * 2) if str(n) not in numbers]
        names: list[tuple[str, str]] = []
        while len(names) < missing:
            name = (rng.choice(b.text.FIRST_NAMES), rng.choice(b.text.LAST_NAMES))
            if name not in taken:
                taken.add(name)
                names.append(name)
        rows = []
        for index, name in enumerate(names):
            unit = b.units[index % len(b.units)]
            title, level = rng.choice(unit.positions)
            rows.append(b._person(name, unit, title, level))
        columns = "first_name last_name email employee_number unit_id position leader_level created_at"
        ids = b._insert(m.Person, columns, rows)
        managers += [(pid, row[0], row[1], row[4]) for pid, row in zip(ids, rows, strict=True)]
    guests = [seating.Guest(pid, " ".join(name_key(f"{first} {last}")), unit) for pid, first, last, unit in managers]
    leaders = rng.sample(guests, len(plan.tables))
    planned = seating.seat(guests, plan.seats, leaders, tables=len(plan.tables))

    held_on = b.today + timedelta(days=plan.days_ahead)
    if (held_on.month, held_on.day) >= (12, 15) or (held_on.month, held_on.day) <= (1, 7):  # not in Christmas weeks
        held_on = date(held_on.year + (held_on.month == 12), 1, 8)
    held_on = b.working_day(held_on)
    day = (plan.name.format(year=held_on.year), held_on, None, plan.seats)
    (day_id,) = b._insert(m.TableDay, "name held_on cohort_id table_size", [day])
    tables = [(day_id, t.position, plan.tables[t.position], t.leader_id) for t in planned]
    table_ids = b._insert(m.DayTable, "table_day_id position name leader_person_id", tables)
    seats = [(day_id, tid, pid) for tid, t in zip(table_ids, planned, strict=True) for pid in t.guest_ids]
    b._insert(m.DaySeat, "table_day_id table_id person_id", seats)
    return len(seats)
