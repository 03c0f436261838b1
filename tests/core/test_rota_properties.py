"""Property tests of the rota generator and the table-day seating (hypothesis)."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tillitsleder.facilitators import rota
from tillitsleder.facilitators.rota import FlagKind, RotaFacilitator, RotaTask, TaskKind
from tillitsleder.table_day import seating

START = date(2026, 8, 17)
DAYS = 120


def _day(offset: int) -> date:
    return START + timedelta(days=offset)


@st.composite
def facilitators(draw) -> list[RotaFacilitator]:
    count = draw(st.integers(1, 6))
    people = []
    for fid in range(1, count + 1):
        spans = []
        for _ in range(draw(st.integers(0, 2))):
            first = draw(st.integers(0, DAYS))
            spans.append((_day(first), _day(first + draw(st.integers(0, 20)))))
        existing = {rota.month_of(_day(draw(st.integers(0, DAYS)))): Decimal(draw(st.integers(0, 10)))}
        people.append(
            RotaFacilitator(
                fid, draw(st.one_of(st.none(), st.integers(1, 5))), Decimal(draw(st.integers(0, 16))), tuple(spans),
                existing,
            )
        )  # fmt: skip
    return people


@st.composite
def tasks(draw) -> list[RotaTask]:
    result = []
    for target in range(1, draw(st.integers(0, 6)) + 1):
        day = _day(draw(st.integers(0, DAYS)))
        start = datetime(day.year, day.month, day.day, draw(st.integers(7, 12)), tzinfo=UTC)
        length = draw(st.integers(1, 6))
        interval = (start, start + timedelta(hours=length))
        hours = {rota.month_of(day): Decimal(length + 2)}
        result.append(RotaTask(TaskKind.SESSION, target, (day,), hours, interval=interval))
    for target in range(1, draw(st.integers(0, 5)) + 1):
        days = tuple(sorted({_day(d) for d in draw(st.lists(st.integers(0, DAYS), max_size=3))}))
        units = frozenset(draw(st.sets(st.integers(1, 5), max_size=3)))
        hours = rota.spread(Decimal(draw(st.integers(0, 20))), _day(0), _day(DAYS))
        result.append(RotaTask(TaskKind.GROUP, target, days, hours, units))
    return result


def _free(f: RotaFacilitator, task: RotaTask) -> bool:
    return all(f.free_on(d) for d in task.dates)


@settings(max_examples=80, deadline=None)
@given(facilitators(), tasks(), st.randoms(use_true_random=False))
def test_rota_rules_hold(people, todo, shuffler) -> None:
    result = rota.generate(people, todo)
    by_id = {f.id: f for f in people}
    by_key = {t.key: t for t in todo}
    assert set(result.choice) == set(by_key)
    sessions_of: dict[int, list] = defaultdict(list)
    expected = {f.id: Counter(f.load) for f in people}
    for key, fid in result.choice.items():
        task = by_key[key]
        if fid is None:  # nobody free: every facilitator is away or busy at that time
            assert any(x.kind is FlagKind.UNAVAILABLE and x.task == key for x in result.flags)
            if task.kind is TaskKind.GROUP:
                assert not any(_free(f, task) for f in people)
            continue
        facilitator = by_id[fid]
        assert _free(facilitator, task), "assigned on an unavailable date"
        for month, hours in task.hours.items():
            expected[fid][month] += hours
        if task.interval is not None:
            sessions_of[fid].append(task.interval)
        if task.kind is TaskKind.GROUP and facilitator.unit_id in task.unit_ids:
            avoidable = any(_free(f, task) and (f.unit_id is None or f.unit_id not in task.unit_ids) for f in people)
            assert not avoidable, "own unit although someone else was free"
            assert any(x.kind is FlagKind.OWN_UNIT and x.task == key for x in result.flags)
    for intervals in sessions_of.values():  # never two sessions at once
        intervals.sort()
        assert all(a[1] <= b[0] for a, b in zip(intervals, intervals[1:], strict=False))
    for f in people:
        for month, hours in expected[f.id].items():
            assert result.load[f.id].get(month, Decimal(0)) == hours
            if hours > f.capacity and month in {m for t in todo for m in t.hours}:
                assert any(
                    x.kind is FlagKind.OVER_CAPACITY and x.facilitator_id == f.id and x.month == month
                    for x in result.flags
                ), "capacity exceeded without a flag"
    shuffled_people, shuffled_tasks = list(people), list(todo)
    shuffler.shuffle(shuffled_people)
    shuffler.shuffle(shuffled_tasks)
    again = rota.generate(shuffled_people, shuffled_tasks)
    assert again.choice == result.choice and set(again.flags) == set(result.flags)


def test_capacity_is_kept_when_someone_has_room() -> None:
    people = [RotaFacilitator(1, None, Decimal(4)), RotaFacilitator(2, None, Decimal(8))]
    day = date(2026, 9, 1)
    task = RotaTask(TaskKind.SESSION, 1, (day,), {rota.month_of(day): Decimal(6)})
    result = rota.generate(people, [task])
    assert result.choice == {("session", 1): 2} and result.flags == ()


@st.composite
def guests(draw) -> list[seating.Guest]:
    count = draw(st.integers(0, 120))
    units = draw(st.integers(1, 12))
    weights = [draw(st.integers(1, 8)) for _ in range(units)]
    rng = random.Random(draw(st.integers(0, 10**6)))
    return [
        seating.Guest(
            i, f"name {rng.randrange(1000):03d}", rng.choices(range(units), weights)[0] if rng.random() > 0.05 else None
        )
        for i in range(1, count + 1)
    ]


@settings(max_examples=80, deadline=None)
@given(
    guests(), st.integers(2, 12), st.integers(0, 4), st.randoms(use_true_random=False), st.integers(0, 3),
    st.none() | st.integers(1, 20),
)  # fmt: skip
def test_seating_rules_hold(people, size, leader_count, shuffler, seed, count) -> None:
    leaders = [seating.Guest(1000 + i, f"leader {i}", i % 3) for i in range(leader_count)]
    tables = seating.seat(people, size, leaders, seed=seed, tables=count)
    seated = [pid for t in tables for pid in t.guest_ids]
    assert sorted(seated) == sorted(g.person_id for g in people)  # everyone exactly once
    sizes = [len(t.guest_ids) for t in tables]
    if count is None:
        assert len(tables) == seating.table_count(len(people), size) and all(n <= size for n in sizes)
    else:
        assert len(tables) == min(count, len(people))
    assert all(n > 0 for n in sizes) and (not sizes or max(sizes) - min(sizes) <= 1)
    unit = {g.person_id: g.unit_id for g in people}
    pairs = seating.same_unit_pairs([unit[p] for p in t.guest_ids] for t in tables)
    unit_sizes = Counter(g.unit_id for g in people if g.unit_id is not None).values()
    assert pairs == seating.same_unit_floor(unit_sizes, len(tables))  # the fewest possible
    used = [t.leader_id for t in tables if t.leader_id is not None]
    assert len(used) == len(set(used)) == min(len(tables), leader_count)
    shuffled = list(people)
    shuffler.shuffle(shuffled)
    assert seating.seat(shuffled, size, list(reversed(leaders)), seed=seed, tables=count) == tables  # deterministic


def test_leaders_are_not_seated_twice_and_avoid_their_unit() -> None:
    people = [seating.Guest(i, f"p{i}", i % 2) for i in range(1, 9)]
    leaders = [seating.Guest(1, "p1", 1), seating.Guest(50, "x", 0)]
    tables = seating.seat(people, 4, leaders)
    assert 1 not in [p for t in tables for p in t.guest_ids]
    assert sorted(t.leader_id for t in tables) == [1, 50]


def test_another_seed_gives_other_tablemates_with_as_few_same_unit_pairs() -> None:
    people = [seating.Guest(i, f"p{i:02d}", i % 10) for i in range(1, 41)]  # ten units of four
    first, other = seating.seat(people, 8, seed=0), seating.seat(people, 8, seed=7)
    assert {t.guest_ids for t in first} != {t.guest_ids for t in other}
    units = {g.person_id: g.unit_id for g in people}
    for tables in (first, other):
        assert seating.same_unit_pairs([units[p] for p in t.guest_ids] for t in tables) == 0
    assert [len(t.guest_ids) for t in seating.seat(people, 30, tables=6)] == [7, 7, 7, 7, 6, 6]
