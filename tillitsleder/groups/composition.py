"""Composing reflection groups across units: a proposal for a cohort, late joiners and withdrawals.

Pure algorithm, no database (``services.groups`` loads and saves). ``propose`` splits the members into
groups whose sizes differ by at most one and lie within the bounds where any split allows it:

1. Start: members ordered department by department and, inside a department, unit by unit (the order of
   departments, units and people shuffled by the seed), dealt round the groups like cards. Each unit is then a
   run of the deal, so it lands evenly on the groups: the fewest same-unit pairs any split can have (zero when
   no unit has more people than there are groups), and departments spread evenly too. If the plain deal in input
   order scores better, that is the start instead, so the result is never worse than the naive deal.
2. Improve: swap two people between groups while that lowers (same-unit pairs, penalty for repeated pairings,
   department and leader-level imbalance), compared in that order, so a swap never adds a same-unit pair. The
   swap search only looks at people who add to a penalty and works on counters, so 400 people take a fraction
   of a second. Everything depends only on the input and the seed.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tillitsleder.groups.scoring import (
    DEPARTMENT_WEIGHT,
    LEVEL_WEIGHT,
    REPEAT_WEIGHT,
    GroupScore,
    Member,
    Pairings,
    Scorer,
    SizeRange,
    minimum_same_unit_pairs,
)

MAX_PASSES = 12


@dataclass(frozen=True)
class Proposal:
    groups: tuple[tuple[int, ...], ...]  # member ids per group
    scores: tuple[GroupScore, ...]
    bounds: SizeRange
    seed: int
    minimum_same_unit_pairs: int  # the fewest any split of this input into this many groups can have

    @property
    def same_unit_pairs(self) -> int:
        return sum(score.same_unit_pairs for score in self.scores)

    @property
    def repeated_pairs(self) -> int:
        return sum(score.repeated_pairs for score in self.scores)

    @property
    def penalty(self) -> int:
        return sum(score.penalty for score in self.scores)


def group_count(people: int, bounds: SizeRange) -> int:
    """How many groups: sizes within bounds and closest to the middle of them; else the least violation."""
    if people <= 0:
        return 0
    middle = (bounds.minimum + bounds.maximum) / 2

    def violation(k: int) -> int:
        small, large = people // k, math.ceil(people / k)
        return max(0, bounds.minimum - small) + max(0, large - bounds.maximum)

    return min(range(1, people + 1), key=lambda k: (violation(k), abs(people / k - middle), k))


def deal(order: Sequence[int], groups: int) -> list[list[int]]:
    """Deal ``order`` round ``groups`` groups like cards."""
    dealt: list[list[int]] = [[] for _ in range(groups)]
    for index, member in enumerate(order):
        dealt[index % groups].append(member)
    return dealt


def propose(members: Iterable[Member], bounds: SizeRange, previous: Pairings | None = None, seed: int = 0) -> Proposal:
    people = sorted(members, key=lambda m: m.id)
    previous = previous or {}
    k = group_count(len(people), bounds)
    scorer = Scorer(people, k, bounds, previous)
    if k == 0:
        return Proposal((), (), bounds, seed, 0)
    rng = random.Random(seed)
    starts = [deal(_spread_order(people, rng), k), deal([m.id for m in people], k)]
    best = min(starts, key=lambda groups: _total(scorer, groups))
    groups = _Search(scorer, best, rng).run()
    groups = sorted((sorted(group) for group in groups), key=lambda group: group[0])
    return Proposal(
        groups=tuple(tuple(group) for group in groups),
        scores=tuple(scorer.score(group) for group in groups),
        bounds=bounds,
        seed=seed,
        minimum_same_unit_pairs=minimum_same_unit_pairs(people, k),
    )


def _total(scorer: Scorer, groups: list[list[int]]) -> tuple[int, int]:
    scores = [scorer.score(group) for group in groups]
    return sum(s.same_unit_pairs for s in scores), sum(s.soft_penalty for s in scores)


def _spread_order(people: list[Member], rng: random.Random) -> list[int]:
    """Department by department, unit by unit inside it, levels in turn inside a unit; shuffled by ``rng``."""
    by_department: dict[int | None, dict[int | None, list[Member]]] = defaultdict(lambda: defaultdict(list))
    for member in people:
        by_department[member.department_id][member.unit_id].append(member)
    departments = sorted(by_department, key=lambda d: (d is None, d if d is not None else 0))
    rng.shuffle(departments)
    order: list[int] = []
    for department in departments:
        units = sorted(by_department[department], key=lambda u: (u is None, u if u is not None else 0))
        rng.shuffle(units)
        for unit in units:
            crew = list(by_department[department][unit])
            rng.shuffle(crew)
            crew.sort(key=lambda m: m.level if m.level is not None else 0)
            order.extend(m.id for m in crew)
    return order


def _index(values: Iterable[int | None]) -> tuple[dict[int | None, int], int]:
    """Small integer codes for ids; ``None`` gets -1 (never counted)."""
    codes: dict[int | None, int] = {None: -1}
    for value in values:
        if value not in codes:
            codes[value] = len(codes) - 1
    return codes, len(codes) - 1


class _Search:
    """Swap local search on counters (see the module docstring)."""

    def __init__(self, scorer: Scorer, groups: list[list[int]], rng: random.Random) -> None:
        self.rng = rng
        self.groups = [list(group) for group in groups]
        members = scorer.members
        units, n_units = _index(m.unit_id for m in members.values())
        departments, n_departments = _index(m.department_id for m in members.values())
        levels, n_levels = _index(m.level for m in members.values())
        self.unit = {i: units[m.unit_id] for i, m in members.items()}
        # A unit spread evenly (at most its share per group) already has the fewest same-unit pairs.
        unit_sizes = [0] * n_units
        for code in self.unit.values():
            if code >= 0:
                unit_sizes[code] += 1
        self.unit_cap = [math.ceil(size / max(1, len(groups))) for size in unit_sizes]
        self.department = {i: departments[m.department_id] for i, m in members.items()}
        self.level = {i: levels[m.level] for i, m in members.items()}
        self.department_cap = [0] * n_departments
        for value, code in departments.items():
            if code >= 0:
                self.department_cap[code] = scorer.department_share[value]
        self.level_cap = [0] * n_levels
        for value, code in levels.items():
            if code >= 0:
                self.level_cap[code] = scorer.level_share[value]
        self.group_of: dict[int, int] = {}
        self.unit_count = [[0] * n_units for _ in self.groups]
        self.department_count = [[0] * n_departments for _ in self.groups]
        self.level_count = [[0] * n_levels for _ in self.groups]
        for g, group in enumerate(self.groups):
            for member in group:
                self.group_of[member] = g
                self._count(g, member, 1)
        self.partners: dict[int, dict[int, int]] = defaultdict(dict)
        for (a, b), times in scorer.previous.items():
            if a in members and b in members:
                self.partners[a][b] = times
                self.partners[b][a] = times
        self.met: dict[int, list[int]] = {}
        for member, partners in self.partners.items():
            met = [0] * len(self.groups)
            for other, times in partners.items():
                met[self.group_of[other]] += times
            self.met[member] = met

    def _count(self, g: int, member: int, step: int) -> None:
        for code, counts in (
            (self.unit[member], self.unit_count),
            (self.department[member], self.department_count),
            (self.level[member], self.level_count),
        ):
            if code >= 0:
                counts[g][code] += step

    def _troubled(self, member: int) -> bool:
        g = self.group_of[member]
        u, d, lv = self.unit[member], self.department[member], self.level[member]
        met = self.met.get(member)
        return (
            (u >= 0 and self.unit_count[g][u] > self.unit_cap[u])
            or (met is not None and met[g] > 0)
            or (d >= 0 and self.department_count[g][d] > self.department_cap[d])
            or (lv >= 0 and self.level_count[g][lv] > self.level_cap[lv])
        )

    def _delta(self, x: int, y: int) -> tuple[int, int]:
        a, b = self.group_of[x], self.group_of[y]
        unit = _pair_delta(self.unit_count[a], self.unit_count[b], self.unit[x], self.unit[y])
        soft = DEPARTMENT_WEIGHT * _excess_delta(
            self.department_count[a], self.department_count[b], self.department[x], self.department[y],
            self.department_cap,
        ) + LEVEL_WEIGHT * _excess_delta(
            self.level_count[a], self.level_count[b], self.level[x], self.level[y], self.level_cap
        )  # fmt: skip
        met_x, met_y = self.met.get(x), self.met.get(y)
        if met_x is not None or met_y is not None:
            together = self.partners[x].get(y, 0) if met_x is not None else 0
            repeats = 0
            if met_x is not None:
                repeats += met_x[b] - together - met_x[a]
            if met_y is not None:
                repeats += met_y[a] - together - met_y[b]
            soft += REPEAT_WEIGHT * repeats
        return unit, soft

    def _swap(self, x: int, y: int) -> None:
        a, b = self.group_of[x], self.group_of[y]
        self.groups[a][self.groups[a].index(x)] = y
        self.groups[b][self.groups[b].index(y)] = x
        self._count(a, x, -1)
        self._count(b, y, -1)
        self._count(a, y, 1)
        self._count(b, x, 1)
        self.group_of[x], self.group_of[y] = b, a
        for member, old, new in ((x, a, b), (y, b, a)):
            for other, times in self.partners.get(member, {}).items():
                self.met[other][old] -= times
                self.met[other][new] += times

    def run(self) -> list[list[int]]:
        if len(self.groups) < 2:
            return self.groups
        for _ in range(MAX_PASSES):
            troubled = [m for group in self.groups for m in group if self._troubled(m)]
            self.rng.shuffle(troubled)
            improved = False
            for x in troubled:
                if not self._troubled(x):
                    continue
                home = self.group_of[x]
                best, best_delta = None, (0, 0)
                for g, group in enumerate(self.groups):
                    if g == home:
                        continue
                    for y in group:
                        delta = self._delta(x, y)
                        if delta < best_delta:
                            best, best_delta = y, delta
                if best is not None:
                    self._swap(x, best)
                    improved = True
            if not improved:
                break
        return self.groups


def _pair_delta(counts_a: list[int], counts_b: list[int], x: int, y: int) -> int:
    """Change in same-kind pairs when x (kind ``x``, in A) and y (kind ``y``, in B) swap."""
    if x == y:
        return 0
    delta = 0
    if x >= 0:
        delta += counts_b[x] - (counts_a[x] - 1)
    if y >= 0:
        delta += counts_a[y] - (counts_b[y] - 1)
    return delta


def _excess_delta(counts_a: list[int], counts_b: list[int], x: int, y: int, caps: list[int]) -> int:
    """Change in people over the even share when x (kind ``x``, in A) and y (kind ``y``, in B) swap."""
    if x == y:
        return 0
    delta = 0
    if x >= 0:
        delta += (counts_b[x] >= caps[x]) - (counts_a[x] > caps[x])
    if y >= 0:
        delta += (counts_a[y] >= caps[y]) - (counts_b[y] > caps[y])
    return delta
