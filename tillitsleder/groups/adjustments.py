"""Changes to composed groups: where a late joiner fits best, and what to do when people withdraw.

Pure algorithm like ``group_composition``; the groups are lists of member ids, in the order the caller shows
them, and results refer to groups by that index.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tillitsleder.groups.scoring import GroupScore, Member, Pairings, Scorer, SizeRange
from tillitsleder.i18n import _, ngettext


@dataclass(frozen=True)
class Placement:
    """Adding one person to one group: the group's score before and after."""

    group: int
    before: GroupScore
    after: GroupScore

    @property
    def cost(self) -> tuple[int, int, int, int]:
        """Lower is better: over the maximum, new same-unit pairs, other penalty, size."""
        return (
            int(self.before.size_ok and not self.after.size_ok),
            self.after.same_unit_pairs - self.before.same_unit_pairs,
            self.after.soft_penalty - self.before.soft_penalty,
            self.after.size,
        )

    def reason(self) -> str:
        """Why this group, in one sentence."""
        parts = []
        new_unit = self.after.same_unit_pairs - self.before.same_unit_pairs
        new_repeats = self.after.repeated_pairs - self.before.repeated_pairs
        if new_unit:
            parts.append(_("someone from the same unit is already there"))
        else:
            parts.append(_("nobody from the same unit"))
        if new_repeats:
            parts.append(ngettext("{n} earlier pairing", "{n} earlier pairings", new_repeats).format(n=new_repeats))
        else:
            parts.append(_("no earlier pairings"))
        parts.append(
            ngettext("the group then has {n} person", "the group then has {n} people", self.after.size).format(
                n=self.after.size
            )
        )
        if not self.after.size_ok:
            parts.append(_("outside the wanted sizes"))
        return ", ".join(parts)


def _scorer(groups: Sequence[Sequence[int]], members: Iterable[Member], bounds: SizeRange, previous) -> Scorer:
    return Scorer(members, len(groups), bounds, previous or {})


def placements(
    groups: Sequence[Sequence[int]],
    members: Iterable[Member],
    newcomer: Member,
    bounds: SizeRange,
    previous: Pairings | None = None,
) -> list[Placement]:
    """Every group the newcomer could join, best first. ``members`` are the people already in ``groups``."""
    everyone = [*members, newcomer]
    scorer = _scorer(groups, everyone, bounds, previous)
    options = [
        Placement(g, scorer.score(list(group)), scorer.score([*group, newcomer.id])) for g, group in enumerate(groups)
    ]
    return sorted(options, key=lambda p: (p.cost, p.group))


def suggest_group_for(
    groups: Sequence[Sequence[int]],
    members: Iterable[Member],
    newcomer: Member,
    bounds: SizeRange,
    previous: Pairings | None = None,
) -> Placement | None:
    """The best group for a late joiner (``None`` when there are no groups)."""
    ranked = placements(groups, members, newcomer, bounds, previous)
    return ranked[0] if ranked else None


@dataclass(frozen=True)
class Move:
    member: int
    source: int  # group index
    target: int


@dataclass(frozen=True)
class WithdrawalCheck:
    """The groups without the people who left, which became too small, and moves that would mend them."""

    groups: tuple[tuple[int, ...], ...]
    too_small: tuple[int, ...]
    moves: tuple[Move, ...]
    dissolve: tuple[int, ...]  # groups no other group can top up: spread their members instead


def after_withdrawal(
    groups: Sequence[Sequence[int]],
    members: Iterable[Member],
    withdrawn: Iterable[int],
    bounds: SizeRange,
    previous: Pairings | None = None,
) -> WithdrawalCheck:
    """Take ``withdrawn`` out; top up each group below the minimum from groups that can spare someone.

    A group no one can top up is suggested for dissolving: its members go one by one where they fit best.
    """
    gone = set(withdrawn)
    remaining = [[m for m in group if m not in gone] for group in groups]
    people = [m for m in members if m.id not in gone]
    scorer = _scorer(remaining, people, bounds, previous)
    too_small = tuple(g for g, group in enumerate(remaining) if len(group) < bounds.minimum)
    moves: list[Move] = []
    dissolve: list[int] = []
    for g in too_small:
        while len(remaining[g]) < bounds.minimum:
            move = _best_donation(scorer, remaining, g, bounds)
            if move is None:
                break
            remaining[move.source].remove(move.member)
            remaining[g].append(move.member)
            moves.append(move)
        if len(remaining[g]) < bounds.minimum:
            dissolve.append(g)
    for g in dissolve:
        for member in list(remaining[g]):
            others = [group if i != g and i not in dissolve else [] for i, group in enumerate(remaining)]
            candidates = [i for i in range(len(remaining)) if i != g and i not in dissolve]
            if not candidates:
                break
            target = min(candidates, key=lambda i: (_add_cost(scorer, others[i], member, bounds), i))
            remaining[g].remove(member)
            remaining[target].append(member)
            moves.append(Move(member, g, target))
    return WithdrawalCheck(
        groups=tuple(tuple(group) for group in remaining),
        too_small=too_small,
        moves=tuple(moves),
        dissolve=tuple(dissolve),
    )


def _add_cost(scorer: Scorer, group: list[int], member: int, bounds: SizeRange) -> tuple[int, int, int, int]:
    before, after = scorer.score(group), scorer.score([*group, member])
    return (
        int(len(group) + 1 > bounds.maximum),
        after.same_unit_pairs - before.same_unit_pairs,
        after.soft_penalty - before.soft_penalty,
        len(group),
    )


def _best_donation(scorer: Scorer, groups: list[list[int]], target: int, bounds: SizeRange) -> Move | None:
    best: tuple[tuple[int, int, int], Move] | None = None
    receiving = scorer.score(groups[target])
    for source, group in enumerate(groups):
        if source == target or len(group) <= bounds.minimum:
            continue
        giving = scorer.score(group)
        for member in group:
            rest = [m for m in group if m != member]
            gained = scorer.score([*groups[target], member])
            left = scorer.score(rest)
            cost = (
                gained.same_unit_pairs + left.same_unit_pairs - receiving.same_unit_pairs - giving.same_unit_pairs,
                gained.soft_penalty + left.soft_penalty - receiving.soft_penalty - giving.soft_penalty,
                -len(group),
            )
            if best is None or cost < best[0]:
                best = (cost, Move(member, source, target))
    return best[1] if best else None
