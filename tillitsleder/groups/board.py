"""The group board: a cohort's participants split into named groups, with live scores and warnings.

A ``Board`` is a plain value the UI and the CLI hold between service calls: a fresh proposal (``round_id`` is
``None``) that the coordinator rearranges before saving, or a saved round (``services.groups.load_round``).
Moving someone in an unsaved proposal only changes the value; in a saved round the UI calls
``services.groups.move_member``, which validates and stores the move, and shows the board it returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from tillitsleder.errors import ValidationError
from tillitsleder.groups.adjustments import WithdrawalCheck, after_withdrawal
from tillitsleder.groups.scoring import GroupScore, Member, Pairings, Scorer, SizeRange, describe
from tillitsleder.i18n import N_, _, ngettext

GROUP_NAME = N_("Group {number}")


@dataclass(frozen=True)
class Participant:
    enrolment_id: int
    name: str
    unit_id: int | None
    unit: str
    department_id: int | None
    department: str
    level: int | None

    def member(self) -> Member:
        return Member(self.enrolment_id, self.unit_id, self.department_id, self.level)


@dataclass(frozen=True)
class BoardWarning:
    group: int  # index into Board.groups
    text: str


@dataclass
class BoardGroup:
    name: str
    members: list[int]  # enrolment ids in the order shown
    id: int | None = None  # the saved group's id


@dataclass
class Board:
    cohort_id: int
    cohort_name: str
    people: dict[int, Participant]  # enrolment id → participant
    groups: list[BoardGroup]
    bounds: SizeRange
    seed: int | None
    previous: Pairings = field(default_factory=dict)  # pairings of the rounds before this one
    round_id: int | None = None
    round_number: int | None = None
    round_name: str = ""
    created_at: datetime | None = None
    unplaced: list[int] = field(default_factory=list)  # active participants in no group (late joiners)
    left: list[int] = field(default_factory=list)  # in a group but no longer taking part (withdrawn, completed)

    # --- reading -------------------------------------------------------------------------------------------

    def scorer(self) -> Scorer:
        members = [self.people[m].member() for group in self.groups for m in group.members]
        return Scorer(members, len(self.groups), self.bounds, self.previous)

    def scores(self) -> list[GroupScore]:
        scorer = self.scorer()
        return [scorer.score(group.members) for group in self.groups]

    @cached_property
    def unit_names(self) -> dict[int | None, str]:
        return {p.unit_id: p.unit for p in self.people.values()}

    @cached_property
    def department_names(self) -> dict[int | None, str]:
        return {p.department_id: p.department for p in self.people.values()}

    def reasons(self, score: GroupScore) -> list[str]:
        return describe(
            score,
            self.bounds,
            unit_name=lambda unit: self.unit_names.get(unit, "?"),
            department_name=lambda department: self.department_names.get(department, "?"),
        )

    def group_of(self, enrolment_id: int) -> int | None:
        return next((g for g, group in enumerate(self.groups) if enrolment_id in group.members), None)

    def warnings(self, scores: list[GroupScore] | None = None) -> list[BoardWarning]:
        """What the coordinator should know now: sizes out of bounds, same-unit people, repeated pairs."""
        found: list[BoardWarning] = []
        for member in self.left:
            g = self.group_of(member)
            if g is not None:
                message = _("{group}: {name} no longer takes part.")
                found.append(BoardWarning(g, message.format(group=self.groups[g].name, name=self.people[member].name)))
        for g, score in enumerate(scores if scores is not None else self.scores()):
            name = self.groups[g].name
            if not score.size_ok:
                found.append(BoardWarning(g, _("{group}: {size} people, wanted {bounds}.").format(
                    group=name, size=score.size, bounds=self.bounds.label())))  # fmt: skip
            for unit, count in score.same_unit:
                unit_name = self.unit_names.get(unit, "?")
                found.append(BoardWarning(g, ngettext(
                    "{group}: {n} person from {unit}.", "{group}: {n} people from {unit}.", count
                ).format(group=name, n=count, unit=unit_name)))  # fmt: skip
            if score.repeated_pairs:
                found.append(BoardWarning(g, ngettext(
                    "{group}: {n} pair sat together in an earlier round.",
                    "{group}: {n} pairs sat together in an earlier round.",
                    score.repeated_pairs,
                ).format(group=name, n=score.repeated_pairs)))  # fmt: skip
        return found

    def withdrawal_check(self) -> WithdrawalCheck:
        """``after_withdrawal`` for this board: its groups without the people who left, and how to mend them."""
        placed = [m for group in self.groups for m in group.members]
        return after_withdrawal(
            [g.members for g in self.groups], [self.people[m].member() for m in placed], self.left, self.bounds,
            self.previous,
        )  # fmt: skip

    def withdrawal_advice(self) -> list[str]:
        """For people who no longer take part: which groups that leaves too small and who could move there."""
        if not self.left:
            return []
        check = self.withdrawal_check()
        names = [g.name for g in self.groups]
        advice = [
            _("{group} becomes too small without those who left.").format(group=names[g]) for g in check.too_small
        ]
        advice += [
            _("Suggestion: move {name} from {source} to {target}.").format(
                name=self.people[move.member].name, source=names[move.source], target=names[move.target]
            )
            for move in check.moves
        ]
        return advice

    # --- changing an unsaved proposal ----------------------------------------------------------------------

    def move(self, enrolment_id: int, target: int) -> None:
        """Move a participant (placed or unplaced) to group index ``target``."""
        if enrolment_id not in self.people:
            raise ValidationError(N_("That participant is not on this board."))
        if not 0 <= target < len(self.groups):
            raise ValidationError(N_("That group is not on this board."))
        source = self.group_of(enrolment_id)
        if source == target:
            return
        if source is None:
            self.unplaced.remove(enrolment_id)
        else:
            self.groups[source].members.remove(enrolment_id)
        self.groups[target].members.append(enrolment_id)

    def copy(self) -> Board:
        groups = [BoardGroup(g.name, list(g.members), g.id) for g in self.groups]
        fields = {name: value for name, value in self.__dict__.items() if name in self.__dataclass_fields__}
        return Board(**{**fields, "groups": groups, "unplaced": list(self.unplaced), "left": list(self.left)})


def default_group_name(number: int) -> str:
    return _(GROUP_NAME).format(number=number)
