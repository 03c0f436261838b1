"""How good a reflection group is: the members, size bounds, earlier pairings and a score per group.

Pure data, no database. A group is judged on four things, in this order of importance:

1. people from the same unit (counted as pairs; the composition never trades these for anything else),
2. pairs who already sat together in an earlier round (each earlier meeting counts),
3. more people from one department than an even spread of the cohort would put there,
4. the same for leader levels.

Plus whether its size lies within the chosen bounds. ``GroupScore.penalty`` weighs them into one number (0 is a
perfect group); ``describe`` says in words why a group scores as it does.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from tillitsleder.errors import ValidationError
from tillitsleder.i18n import N_, _, ngettext

# Weights of the penalty; same-unit pairs also come first in every comparison the composition makes.
SAME_UNIT_WEIGHT = 100
REPEAT_WEIGHT = 10
DEPARTMENT_WEIGHT = 4
LEVEL_WEIGHT = 2
SIZE_WEIGHT = 50

Pairings = dict[tuple[int, int], int]  # (lower id, higher id) → times the two were in the same group before


@dataclass(frozen=True)
class Member:
    """One participant as the composition sees them (``id`` is the enrolment id)."""

    id: int
    unit_id: int | None = None
    department_id: int | None = None
    level: int | None = None


@dataclass(frozen=True)
class SizeRange:
    """Allowed group sizes, both ends included."""

    minimum: int
    maximum: int

    def __post_init__(self) -> None:
        if self.minimum < 1 or self.maximum < self.minimum:
            raise ValidationError(N_("A group size must be a whole number of at least 1, such as 6 or 5-8."))

    @classmethod
    def around(cls, target: int) -> SizeRange:
        """A target size N allows one fewer or one more: 6 means 5 to 7."""
        if target < 1:
            raise ValidationError(N_("A group size must be a whole number of at least 1, such as 6 or 5-8."))
        return cls(max(1, target - 1), target + 1)

    @classmethod
    def parse(cls, text: str) -> SizeRange:
        """``"6"`` (a target, see ``around``) or ``"5-8"`` (a range)."""
        match = re.fullmatch(r"\s*(\d+)\s*(?:[-–]\s*(\d+)\s*)?", text or "")
        if not match:
            raise ValidationError(N_("A group size must be a whole number of at least 1, such as 6 or 5-8."))
        if match.group(2) is None:
            return cls.around(int(match.group(1)))
        return cls(int(match.group(1)), int(match.group(2)))

    def contains(self, size: int) -> bool:
        return self.minimum <= size <= self.maximum

    def label(self) -> str:
        return str(self.minimum) if self.minimum == self.maximum else f"{self.minimum}–{self.maximum}"


def pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def pairings_of(groups: Iterable[Iterable[int]], into: Pairings | None = None) -> Pairings:
    """Count every pair of members who share a group (add to ``into`` for several rounds)."""
    counts: Pairings = into if into is not None else {}
    for group in groups:
        for a, b in combinations(sorted(group), 2):
            counts[(a, b)] = counts.get((a, b), 0) + 1
    return counts


def unit_pairs(count: int) -> int:
    return count * (count - 1) // 2


def minimum_same_unit_pairs(members: Iterable[Member], groups: int) -> int:
    """The fewest same-unit pairs any split into ``groups`` groups can have: each unit spread evenly."""
    if groups < 1:
        return 0
    total = 0
    for size in Counter(m.unit_id for m in members if m.unit_id is not None).values():
        share, extra = divmod(size, groups)
        total += extra * unit_pairs(share + 1) + (groups - extra) * unit_pairs(share)
    return total


@dataclass(frozen=True)
class GroupScore:
    size: int
    size_ok: bool
    same_unit: tuple[tuple[int, int], ...]  # (unit id, people) for units with two or more here
    repeated_pairs: int  # pairs (counted once per earlier meeting) who were together before
    department_excess: tuple[tuple[int, int, int], ...]  # (department id, people here, even share)
    level_excess: tuple[tuple[int, int, int], ...]  # (leader level, people here, even share)

    @property
    def same_unit_pairs(self) -> int:
        return sum(unit_pairs(count) for _unit, count in self.same_unit)

    @property
    def soft_penalty(self) -> int:
        """Everything but the same-unit pairs."""
        return (
            REPEAT_WEIGHT * self.repeated_pairs
            + DEPARTMENT_WEIGHT * sum(count - share for _d, count, share in self.department_excess)
            + LEVEL_WEIGHT * sum(count - share for _lv, count, share in self.level_excess)
            + (0 if self.size_ok else SIZE_WEIGHT)
        )

    @property
    def penalty(self) -> int:
        return SAME_UNIT_WEIGHT * self.same_unit_pairs + self.soft_penalty


class Scorer:
    """Scores groups of one cohort: knows every member, the earlier pairings and the even shares."""

    def __init__(self, members: Iterable[Member], groups: int, bounds: SizeRange, previous: Pairings) -> None:
        self.members = {m.id: m for m in members}
        self.bounds = bounds
        self.previous = previous
        self.groups = max(1, groups)
        departments = Counter(m.department_id for m in self.members.values() if m.department_id is not None)
        levels = Counter(m.level for m in self.members.values() if m.level is not None)
        self.department_share = {d: math.ceil(c / self.groups) for d, c in departments.items()}
        self.level_share = {lv: math.ceil(c / self.groups) for lv, c in levels.items()}

    def score(self, ids: Sequence[int]) -> GroupScore:
        people = [self.members[i] for i in ids]
        units = Counter(m.unit_id for m in people if m.unit_id is not None)
        departments = Counter(m.department_id for m in people if m.department_id is not None)
        levels = Counter(m.level for m in people if m.level is not None)
        repeated = sum(self.previous.get(pair(a, b), 0) for a, b in combinations(ids, 2)) if self.previous else 0
        return GroupScore(
            size=len(ids),
            size_ok=self.bounds.contains(len(ids)),
            same_unit=tuple(sorted((u, c) for u, c in units.items() if c > 1)),
            repeated_pairs=repeated,
            department_excess=_excess(departments, self.department_share),
            level_excess=_excess(levels, self.level_share),
        )


def _excess(counts: Counter, shares: Mapping[int, int]) -> tuple[tuple[int, int, int], ...]:
    return tuple(sorted((key, count, shares[key]) for key, count in counts.items() if count > shares[key]))


def describe(
    score: GroupScore,
    bounds: SizeRange,
    *,
    unit_name: Callable[[int], str] = str,
    department_name: Callable[[int], str] = str,
) -> list[str]:
    """Why a group scores as it does, one translated sentence per reason; empty for a perfect group."""
    reasons: list[str] = []
    if not score.size_ok:
        if score.size < bounds.minimum:
            message = _("Too small: {size} people, at least {minimum} wanted.")
            reasons.append(message.format(size=score.size, minimum=bounds.minimum))
        else:
            message = _("Too large: {size} people, at most {maximum} wanted.")
            reasons.append(message.format(size=score.size, maximum=bounds.maximum))
    for unit, count in score.same_unit:
        reasons.append(
            ngettext("{n} person from the same unit ({unit})", "{n} people from the same unit ({unit})", count).format(
                n=count, unit=unit_name(unit)
            )
        )
    if score.repeated_pairs:
        reasons.append(
            ngettext(
                "{n} pair already sat together in an earlier round",
                "{n} pairs already sat together in an earlier round",
                score.repeated_pairs,
            ).format(n=score.repeated_pairs)
        )
    for department, count, share in score.department_excess:
        reasons.append(
            ngettext(
                "{n} from {department} (an even spread gives at most {share})",
                "{n} from {department} (an even spread gives at most {share})",
                count,
            ).format(n=count, department=department_name(department), share=share)
        )
    for level, count, share in score.level_excess:
        reasons.append(
            ngettext(
                "{n} leader at level {level} (an even spread gives at most {share})",
                "{n} leaders at level {level} (an even spread gives at most {share})",
                count,
            ).format(n=count, level=level, share=share)
        )
    return reasons


def summary(score: GroupScore) -> str:
    """The score in a few words, for a card header or a CLI line."""
    if score.penalty == 0:
        return _("Well mixed")
    count = issue_count(score)
    return ngettext("{n} thing to improve", "{n} things to improve", count).format(n=count)


def issue_count(score: GroupScore) -> int:
    """How many reasons ``describe`` gives: the coordinator's measure (the weighted penalty is the algorithm's)."""
    return (
        (0 if score.size_ok else 1)
        + len(score.same_unit)
        + (1 if score.repeated_pairs else 0)
        + len(score.department_excess)
        + len(score.level_excess)
    )
