"""Group composition benchmark: 400 participants, against a naive round-robin deal in the same run.

    python benchmarks/group_composition_benchmark.py [--people 400] [--runs 7] [--size 5-8]

Builds a cohort of ``--people`` leaders in 60 units of 4 departments with leader levels 1–4, plus a first round
composed earlier (so the second round has pairings to avoid), then measures (medians of ``--runs``):
``propose`` for the second round, against the bare baseline of dealing the same people round the same number of
groups in input order and scoring those groups once (what any list-based tool does to show a score). Prints the
times, the ratio and the quality of both (same-unit pairs, repeated pairs, penalty). The target is well under a
second for 400 people. Timings on shared machines are noisy: a script to read, not a test that fails.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _timing import timed  # noqa: E402

from tillitsleder.groups.composition import deal, propose  # noqa: E402
from tillitsleder.groups.scoring import Member, Scorer, SizeRange, pairings_of  # noqa: E402


def cohort(people: int, rng: random.Random) -> list[Member]:
    units = [(unit, unit % 4) for unit in range(60)]
    weights = [rng.uniform(0.5, 3.0) for _ in units]
    chosen = rng.choices(units, weights, k=people)
    return [Member(i + 1, unit, department, rng.randint(1, 4)) for i, (unit, department) in enumerate(chosen)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=400)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--size", default="5-8")
    args = parser.parse_args()
    rng = random.Random(2017)
    members = cohort(args.people, rng)
    bounds = SizeRange.parse(args.size)
    first = propose(members, bounds, seed=1)
    previous = pairings_of(first.groups)
    groups = len(first.groups)

    def naive():
        dealt = deal([m.id for m in members], groups)
        scorer = Scorer(members, groups, bounds, previous)
        return [scorer.score(group) for group in dealt]

    baseline, naive_scores = timed(naive, args.runs)
    composed, proposal = timed(lambda: propose(members, bounds, previous, seed=2), args.runs)
    print(f"{args.people} participants, {groups} groups of {bounds.label()}, round 2 after one earlier round")
    print(f"naive round-robin deal + scoring: {baseline * 1000:8.2f} ms")
    print(f"propose (spread + swap search):   {composed * 1000:8.2f} ms   ratio {composed / baseline:6.1f}×")
    print(f"target: well under 1 s -> {'ok' if composed < 0.5 else 'SLOW'}")
    naive_quality = (
        sum(s.same_unit_pairs for s in naive_scores),
        sum(s.repeated_pairs for s in naive_scores),
        sum(s.penalty for s in naive_scores),
    )
    print("quality (same-unit pairs, repeated pairs, penalty):")
    print(f"  naive:    {naive_quality}")
    print(f"  proposal: {(proposal.same_unit_pairs, proposal.repeated_pairs, proposal.penalty)}"
          f"   fewest same-unit pairs possible: {proposal.minimum_same_unit_pairs}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
