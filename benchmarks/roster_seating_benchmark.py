"""Rota generator and table-day seating at scale, against a bare baseline measured in the same run.

    python benchmarks/roster_seating_benchmark.py [--runs 5] [--people 450] [--facilitators 40] [--tasks 300]

Rota: ``rota.generate`` for ``--facilitators`` facilitators (capacity, unavailable periods, committed load) and
``--tasks`` tasks (sessions with times, groups with dated meetings and units), against a bare loop that gives
each task to the facilitator with the least hours (no rules). Seating: ``seating.seat`` for ``--people`` people
in 30 units at tables of 8 with leaders, against a bare round-robin over the unsorted list. Prints medians and
ratios. Timings on shared machines are noisy: a script to read, not a test that fails.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _timing import timed  # noqa: E402

from tillitsleder.facilitators import rota  # noqa: E402
from tillitsleder.facilitators.rota import RotaFacilitator, RotaTask, TaskKind  # noqa: E402
from tillitsleder.table_day import seating  # noqa: E402

START = date(2026, 8, 17)


def rota_input(facilitators: int, tasks: int, rng: random.Random) -> tuple[list, list]:
    people = []
    for fid in range(1, facilitators + 1):
        first = START + timedelta(days=rng.randrange(120))
        people.append(
            RotaFacilitator(fid, rng.randrange(30), Decimal(rng.choice((4, 6, 8, 10, 12))),
                            ((first, first + timedelta(days=rng.randrange(14))),),
                            {rota.month_of(first): Decimal(rng.randrange(6))})
        )  # fmt: skip
    todo = []
    for target in range(tasks):
        day = START + timedelta(days=rng.randrange(120))
        if target % 3:
            start = datetime(day.year, day.month, day.day, rng.randrange(8, 14), tzinfo=UTC)
            todo.append(RotaTask(TaskKind.SESSION, target, (day,), {rota.month_of(day): Decimal(5)},
                                 interval=(start, start + timedelta(hours=3))))  # fmt: skip
        else:
            days = tuple(sorted(START + timedelta(days=rng.randrange(120)) for _ in range(4)))
            units = frozenset(rng.randrange(30) for _ in range(7))
            todo.append(
                RotaTask(
                    TaskKind.GROUP, target, days, rota.spread(Decimal(15), START, START + timedelta(days=120)), units
                )
            )
    return people, todo


def bare_rota(people: list, todo: list) -> dict:
    load = {f.id: 0.0 for f in people}
    choice = {}
    for task in todo:
        best = min(load, key=load.get)
        choice[task.key] = best
        load[best] += float(task.total_hours)
    return choice


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--people", type=int, default=450)
    parser.add_argument("--facilitators", type=int, default=40)
    parser.add_argument("--tasks", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(2017)
    people, todo = rota_input(args.facilitators, args.tasks, rng)
    real = timed(lambda: rota.generate(people, todo), args.runs)[0]
    bare = timed(lambda: bare_rota(people, todo), args.runs)[0]
    print(f"rota: {args.facilitators} facilitators, {args.tasks} tasks: {real * 1000:.1f} ms "
          f"(bare {bare * 1000:.2f} ms, ratio {real / bare:.0f}x)")  # fmt: skip
    guests = [seating.Guest(i, f"name {rng.randrange(10**6)}", rng.randrange(30)) for i in range(args.people)]
    leaders = [seating.Guest(10**6 + i, f"leader {i}", rng.randrange(30)) for i in range(60)]
    real = timed(lambda: seating.seat(guests, 8, leaders), args.runs)[0]

    def bare_seat() -> list:
        count = -(-len(guests) // 8)
        tables: list[list[int]] = [[] for _ in range(count)]
        for index, guest in enumerate(guests):
            tables[index % count].append(guest.person_id)
        return tables

    bare = timed(bare_seat, args.runs)[0]
    print(f"seating: {args.people} people at tables of 8: {real * 1000:.1f} ms "
          f"(bare {bare * 1000:.2f} ms, ratio {real / bare:.0f}x)")  # fmt: skip


if __name__ == "__main__":
    main()
