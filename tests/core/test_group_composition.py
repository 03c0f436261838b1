"""Reflection-group composition as pure algorithm: properties (hypothesis), late joiners and withdrawals."""

from __future__ import annotations

import random
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tillitsleder.errors import ValidationError
from tillitsleder.groups.adjustments import after_withdrawal, placements, suggest_group_for
from tillitsleder.groups.composition import _Search, deal, group_count, propose
from tillitsleder.groups.scoring import (
    Member,
    Scorer,
    SizeRange,
    describe,
    minimum_same_unit_pairs,
    pairings_of,
    summary,
)


def cohorts(max_people: int = 60) -> st.SearchStrategy[list[Member]]:
    """People with a unit (or none; the department follows the unit) and a leader level (or none)."""
    person = st.tuples(st.one_of(st.none(), st.integers(0, 15)), st.one_of(st.none(), st.integers(1, 4)))
    return st.lists(person, min_size=1, max_size=max_people).map(
        lambda rows: [
            Member(i + 1, unit, None if unit is None else unit % 3, level) for i, (unit, level) in enumerate(rows)
        ]
    )


sizes = st.tuples(st.integers(2, 8), st.integers(0, 3)).map(lambda t: SizeRange(t[0], t[0] + t[1]))


def earlier_rounds(people: list[Member], rng: random.Random, rounds: int = 2) -> dict:
    previous: dict = {}
    ids = [m.id for m in people]
    for _ in range(rounds):
        rng.shuffle(ids)
        pairings_of(deal(ids, max(1, len(ids) // 6)), into=previous)
    return previous


def feasible(people: int, bounds: SizeRange) -> bool:
    return any(bounds.minimum <= people // k and -(-people // k) <= bounds.maximum for k in range(1, people + 1))


@settings(max_examples=100, deadline=None)
@given(people=cohorts(), bounds=sizes, seed=st.integers(0, 10_000), history=st.integers(0, 2))
def test_every_participant_once_sizes_within_bounds_and_same_unit_minimal(people, bounds, seed, history) -> None:
    previous = earlier_rounds(people, random.Random(seed), history)
    proposal = propose(people, bounds, previous, seed)
    placed = [m for group in proposal.groups for m in group]
    assert sorted(placed) == sorted(m.id for m in people)
    group_sizes = [len(group) for group in proposal.groups]
    assert max(group_sizes) - min(group_sizes) <= 1
    if feasible(len(people), bounds):
        assert all(bounds.contains(size) for size in group_sizes)
        assert all(score.size_ok for score in proposal.scores)
    k = len(proposal.groups)
    assert proposal.same_unit_pairs == minimum_same_unit_pairs(people, k) == proposal.minimum_same_unit_pairs
    largest_unit = max([sum(1 for m in people if m.unit_id == u) for u in {m.unit_id for m in people} - {None}] or [0])
    if largest_unit <= k:
        assert proposal.same_unit_pairs == 0


@settings(max_examples=60, deadline=None)
@given(people=cohorts(), bounds=sizes, seed=st.integers(0, 10_000))
def test_the_same_input_and_seed_give_the_same_groups(people, bounds, seed) -> None:
    previous = earlier_rounds(people, random.Random(seed))
    first = propose(people, bounds, previous, seed)
    again = propose(list(reversed(people)), bounds, dict(reversed(list(previous.items()))), seed)
    assert first == again


@settings(max_examples=60, deadline=None)
@given(people=cohorts(), bounds=sizes, seed=st.integers(0, 10_000))
def test_never_worse_than_the_naive_deal(people, bounds, seed) -> None:
    previous = earlier_rounds(people, random.Random(seed), 3)
    proposal = propose(people, bounds, previous, seed)
    naive = deal([m.id for m in people], len(proposal.groups))
    scorer = Scorer(people, len(naive), bounds, previous)
    naive_scores = [scorer.score(group) for group in naive]
    naive_key = (sum(s.same_unit_pairs for s in naive_scores), sum(s.soft_penalty for s in naive_scores))
    assert (proposal.same_unit_pairs, sum(s.soft_penalty for s in proposal.scores)) <= naive_key


@settings(max_examples=100, deadline=None)
@given(n=st.integers(6, 80), seed=st.integers(0, 10_000))
def test_repeated_pairs_not_worse_than_naive_when_only_history_matters(n, seed) -> None:
    people = [Member(i) for i in range(n)]
    previous = earlier_rounds(people, random.Random(seed), 3)
    proposal = propose(people, SizeRange(5, 7), previous, seed)
    naive = deal([m.id for m in people], len(proposal.groups))
    naive_repeats = sum(previous.get(pair, 0) for g in naive for pair in combinations(sorted(g), 2))
    assert proposal.repeated_pairs <= naive_repeats


def test_a_second_round_avoids_the_pairs_of_the_first() -> None:
    rng = random.Random(4)
    people = [Member(i, unit_id=i % 40, department_id=(i % 40) // 10, level=rng.randint(1, 4)) for i in range(120)]
    first = propose(people, SizeRange(5, 7), seed=1)
    assert first.same_unit_pairs == 0 and first.repeated_pairs == 0
    second = propose(people, SizeRange(5, 7), pairings_of(first.groups), seed=2)
    assert second.same_unit_pairs == 0
    assert second.repeated_pairs <= 2  # 20 groups of 6 into 20 new ones: almost all pairs can be new
    naive = deal([m.id for m in people], len(second.groups))
    met = pairings_of(first.groups)
    assert sum(1 for g in naive for pair in combinations(sorted(g), 2) if pair in met) > second.repeated_pairs


@settings(max_examples=40, deadline=None)
@given(people=cohorts(max_people=30), seed=st.integers(0, 1000), data=st.data())
def test_swap_deltas_match_a_full_rescore(people, seed, data) -> None:
    if len(people) < 4:
        return
    k = data.draw(st.integers(2, max(2, len(people) // 2)))
    previous = earlier_rounds(people, random.Random(seed))
    scorer = Scorer(people, k, SizeRange(1, 99), previous)
    search = _Search(scorer, deal([m.id for m in people], k), random.Random(seed))

    def total() -> tuple[int, int]:
        scores = [scorer.score(group) for group in search.groups]
        return sum(s.same_unit_pairs for s in scores), sum(s.soft_penalty for s in scores)

    for _ in range(10):
        x, y = data.draw(st.sampled_from(people)).id, data.draw(st.sampled_from(people)).id
        if search.group_of[x] == search.group_of[y]:
            continue
        before, delta = total(), search._delta(x, y)
        search._swap(x, y)
        after = total()
        assert (after[0] - before[0], after[1] - before[1]) == delta


def test_group_count_prefers_sizes_in_the_middle_of_the_range() -> None:
    assert group_count(40, SizeRange.parse("6")) == 7  # 5-7: 7 groups of 5-6 is closest to 6
    assert group_count(40, SizeRange(5, 8)) == 6
    assert group_count(3, SizeRange(5, 8)) == 1
    assert group_count(0, SizeRange(5, 8)) == 0


def test_size_parsing() -> None:
    assert SizeRange.parse("6") == SizeRange(5, 7)
    assert SizeRange.parse(" 5 - 8 ") == SizeRange(5, 8)
    assert SizeRange.parse("5–8").label() == "5–8"
    for bad in ("", "0", "8-5", "six", "5-"):
        with pytest.raises(ValidationError):
            SizeRange.parse(bad)


def test_a_score_explains_itself_in_words() -> None:
    people = [Member(1, 10, 1, 2), Member(2, 10, 1, 2), Member(3, 11, 1, 2), Member(4, 12, 2, 3)]
    scorer = Scorer(people, 2, SizeRange(3, 4), {(1, 3): 1})
    score = scorer.score([1, 2, 3])
    assert score.same_unit_pairs == 1 and score.repeated_pairs == 1
    reasons = describe(score, SizeRange(3, 4), unit_name={10: "Ljabru barnehage"}.get, department_name=str)
    assert "2 people from the same unit (Ljabru barnehage)" in reasons
    assert "1 pair already sat together in an earlier round" in reasons
    assert "3 from 1 (an even spread gives at most 2)" in reasons
    assert "3 leaders at level 2 (an even spread gives at most 2)" in reasons
    assert summary(score) == f"{len(reasons)} things to improve" == "4 things to improve"
    assert describe(scorer.score([4]), SizeRange(3, 4)) == ["Too small: 1 people, at least 3 wanted."]
    assert summary(Scorer(people, 2, SizeRange(1, 4), {}).score([4])) == "Well mixed"


def test_a_late_joiner_goes_where_nobody_shares_their_unit() -> None:
    people = [Member(i, unit_id=i % 3) for i in range(1, 10)]  # units 1, 2, 0 in turn
    groups = [[1, 2, 3], [4, 5], [6, 7, 8, 9]]
    newcomer = Member(50, unit_id=1)  # like 1, 4 and 7
    best = suggest_group_for(groups, people, newcomer, SizeRange(2, 4))
    # Group 0 and 1 hold someone of unit 1 (1; 4), group 2 holds 7 and is full: adding there breaks the size.
    assert best is not None and best.group == 1
    assert "someone from the same unit" in best.reason()
    alone = suggest_group_for(groups, people, Member(51, unit_id=99), SizeRange(2, 4))
    assert alone is not None and alone.group == 1 and alone.reason().startswith("nobody from the same unit")
    ranked = placements(groups, people, Member(52, unit_id=99), SizeRange(2, 4))
    assert [p.group for p in ranked][-1] == 2 and "outside the wanted sizes" in ranked[-1].reason()
    assert suggest_group_for([], [], newcomer, SizeRange(2, 4)) is None


def test_withdrawals_top_up_a_group_that_became_too_small() -> None:
    people = [Member(i, unit_id=i) for i in range(1, 16)]
    groups = [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12, 13, 14, 15]]
    check = after_withdrawal(groups, people, [1, 2], SizeRange(4, 6))
    assert check.too_small == (0,)
    assert len(check.moves) == 1 and check.moves[0].target == 0 and check.moves[0].source in (1, 2)
    assert all(len(g) >= 4 for g in check.groups)
    assert sorted(m for g in check.groups for m in g) == list(range(3, 16))
    # Nobody can spare anyone: the small group is spread over the others.
    tight = after_withdrawal(groups, people, [1, 2, 3], SizeRange(5, 7))
    assert tight.dissolve == (0,) and len(tight.groups[0]) == 0
    assert sorted(len(g) for g in tight.groups[1:]) == [6, 6]
