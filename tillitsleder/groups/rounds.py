"""Reflection groups in the database: propose for a cohort, save a round, browse, move people, late joiners.

The composition itself is ``group_composition`` (no database); this module loads a cohort's participants who
still take part (with unit, department and leader level) and the pairings of its earlier rounds, and stores a
board as a new ``GroupRound`` with its ``ReflectionGroup``s in one transaction. Composing and changing groups
is the coordinator's work: every call takes the acting profile and refuses others. Renaming and deleting a
saved round are in ``round_edits``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.audit import audit
from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.groups.adjustments import placements
from tillitsleder.groups.board import Board, BoardGroup, Participant, default_group_name
from tillitsleder.groups.composition import propose
from tillitsleder.groups.scoring import Pairings, SizeRange, pairings_of
from tillitsleder.i18n import N_, _
from tillitsleder.model import Cohort, Department, Enrolment, GroupRound, Person, ReflectionGroup, Unit
from tillitsleder.model.enums import EnrolmentStatus, Role
from tillitsleder.model.groups import group_member
from tillitsleder.storage.database import Database

TAKING_PART = (EnrolmentStatus.ACTIVE.value, EnrolmentStatus.ON_LEAVE.value)
NAME_LIMIT = 200
ROUND_NAME = N_("Round {number}")


@dataclass(frozen=True)
class RoundInfo:
    id: int
    number: int
    name: str
    created_at: datetime
    groups: int
    members: int


@dataclass(frozen=True)
class Suggestion:
    group_id: int
    group_name: str
    reason: str


@dataclass(frozen=True)
class WithdrawalAdvice:
    """People in a round who no longer take part, groups that become too small, and moves that would mend it."""

    withdrawn: list[str]  # names
    too_small: list[str]  # group names
    moves: list[str]  # one sentence per suggested move


def _coordinator(actor: Actor) -> None:
    actor.require(Role.COORDINATOR)


def _people(session: Session, cohort_id: int, enrolment_ids: Sequence[int] | None = None) -> dict[int, Participant]:
    query = (
        select(
            Enrolment.id, Person.first_name, Person.last_name, Enrolment.unit_id, Unit.name,
            Unit.department_id, Department.name, Person.leader_level,
        )
        .join(Person, Person.id == Enrolment.person_id)
        .outerjoin(Unit, Unit.id == Enrolment.unit_id)
        .outerjoin(Department, Department.id == Unit.department_id)
        .where(Enrolment.cohort_id == cohort_id)
        .order_by(Person.last_name, Person.first_name, Enrolment.id)
    )  # fmt: skip
    query = query.where(Enrolment.status.in_(TAKING_PART) if enrolment_ids is None else Enrolment.id.in_(enrolment_ids))
    return {
        row[0]: Participant(row[0], f"{row[1]} {row[2]}", row[3], row[4] or "", row[5], row[6] or "", row[7])
        for row in session.execute(query)
    }


def _cohort(session: Session, cohort_id: int) -> Cohort:
    cohort = session.get(Cohort, cohort_id)
    if cohort is None:
        raise NotFound(N_("The cohort no longer exists."))
    return cohort


def _rounds_pairings(session: Session, cohort_id: int, before_number: int | None = None) -> Pairings:
    query = (
        select(ReflectionGroup.id, group_member.c.enrolment_id)
        .join(GroupRound, GroupRound.id == ReflectionGroup.round_id)
        .join(group_member, group_member.c.group_id == ReflectionGroup.id)
        .where(GroupRound.cohort_id == cohort_id)
    )
    if before_number is not None:
        query = query.where(GroupRound.number < before_number)
    groups: dict[int, list[int]] = {}
    for group_id, enrolment_id in session.execute(query):
        groups.setdefault(group_id, []).append(enrolment_id)
    return pairings_of(groups.values())


def propose_board(db: Database, cohort_id: int, bounds: SizeRange, seed: int = 0, actor: Actor = COORDINATOR) -> Board:
    """A new proposal for the cohort's participants who take part, mindful of all earlier rounds."""
    _coordinator(actor)
    with db.read() as session:
        cohort = _cohort(session, cohort_id)
        people = _people(session, cohort_id)
        previous = _rounds_pairings(session, cohort_id)
        name = cohort.name
    if not people:
        raise ValidationError(N_("No one in this cohort takes part at the moment, so there is no one to group."))
    proposal = propose([p.member() for p in people.values()], bounds, previous, seed)
    by_name = {p.enrolment_id: i for i, p in enumerate(people.values())}
    groups = [
        BoardGroup(default_group_name(g + 1), sorted(members, key=by_name.__getitem__))
        for g, members in enumerate(proposal.groups)
    ]
    return Board(cohort_id, name, people, groups, bounds, seed, previous)


def _check_groups(board: Board, cohort_people: dict[int, Participant]) -> list[tuple[str, list[int]]]:
    seen: set[int] = set()
    names: set[str] = set()
    checked = []
    for group in board.groups:
        name = " ".join(group.name.split())
        if not name:
            raise ValidationError(N_("Every group needs a name."))
        if len(name) > NAME_LIMIT:
            raise ValidationError(N_("A group's name is longer than {limit} characters."), limit=NAME_LIMIT)
        if name.lower() in names:
            raise ValidationError(N_("Two groups are called “{name}”; give each group its own name."), name=name)
        names.add(name.lower())
        for member in group.members:
            if member not in cohort_people:
                raise ValidationError(N_("Someone on the board no longer takes part in this cohort."))
            if member in seen:
                raise ValidationError(N_("{name} is in more than one group."), name=cohort_people[member].name)
            seen.add(member)
        checked.append((name, list(group.members)))
    if not checked:
        raise ValidationError(N_("There are no groups to save."))
    return checked


def save_round(db: Database, board: Board, name: str = "", actor: Actor = COORDINATOR) -> RoundInfo:
    """Store the board as the cohort's next round (all groups and members in one transaction)."""
    _coordinator(actor)
    name = " ".join(name.split())
    if len(name) > NAME_LIMIT:
        raise ValidationError(N_("The round's name is longer than {limit} characters."), limit=NAME_LIMIT)
    with db.session() as session:
        _cohort(session, board.cohort_id)
        groups = _check_groups(board, _people(session, board.cohort_id))
        number = (session.scalar(select(func.max(GroupRound.number)).where(GroupRound.cohort_id == board.cohort_id))
                  or 0) + 1  # fmt: skip
        name = name or _(ROUND_NAME).format(number=number)
        taken = session.scalar(
            select(GroupRound.id).where(GroupRound.cohort_id == board.cohort_id, GroupRound.name == name)
        )
        if taken is not None:
            raise ValidationError(N_("This cohort already has a round called “{name}”."), name=name)
        round_ = GroupRound(
            cohort_id=board.cohort_id, number=number, name=name, min_size=board.bounds.minimum,
            max_size=board.bounds.maximum, seed=board.seed,
        )  # fmt: skip
        session.add(round_)
        session.flush()
        for group_name, members in groups:
            group_id = session.execute(
                insert(ReflectionGroup).returning(ReflectionGroup.id), {"round_id": round_.id, "name": group_name}
            ).scalar_one()
            if members:
                session.execute(insert(group_member), [{"group_id": group_id, "enrolment_id": m} for m in members])
        audit(session, "group_round.created", "group_round", round_.id, cohort_id=board.cohort_id, groups=len(groups))
        return RoundInfo(round_.id, number, name, round_.created_at, len(groups), sum(len(m) for _n, m in groups))




def list_rounds(db: Database, cohort_id: int, actor: Actor = COORDINATOR) -> list[RoundInfo]:
    """The cohort's saved rounds, newest first."""
    _coordinator(actor)
    members = (
        select(func.count())
        .select_from(group_member)
        .join(ReflectionGroup, ReflectionGroup.id == group_member.c.group_id)
        .where(ReflectionGroup.round_id == GroupRound.id)
        .scalar_subquery()
    )
    groups = select(func.count(ReflectionGroup.id)).where(ReflectionGroup.round_id == GroupRound.id)
    query = (
        select(GroupRound.id, GroupRound.number, GroupRound.name, GroupRound.created_at, groups.scalar_subquery(),
               members)
        .where(GroupRound.cohort_id == cohort_id)
        .order_by(GroupRound.number.desc())
    )  # fmt: skip
    with db.read() as session:
        return [RoundInfo(*row) for row in session.execute(query)]


def load_round(db: Database, round_id: int, actor: Actor = COORDINATOR) -> Board:
    """A saved round as a board; its warnings count pairings from the rounds before it."""
    _coordinator(actor)
    with db.read() as session:
        round_ = session.get(GroupRound, round_id)
        if round_ is None:
            raise NotFound(N_("That round of groups no longer exists."))
        rows = session.execute(
            select(ReflectionGroup.id, ReflectionGroup.name, group_member.c.enrolment_id)
            .outerjoin(group_member, group_member.c.group_id == ReflectionGroup.id)
            .where(ReflectionGroup.round_id == round_id)
            .order_by(ReflectionGroup.id)
        ).all()
        placed = [row.enrolment_id for row in rows if row.enrolment_id is not None]
        people = _people(session, round_.cohort_id, placed)
        taking_part = _people(session, round_.cohort_id)
        previous = _rounds_pairings(session, round_.cohort_id, before_number=round_.number)
        cohort_name = round_.cohort.name
        stored = (round_.min_size, round_.max_size)
        info = (round_.cohort_id, round_.seed, round_.id, round_.number, round_.name, round_.created_at)
    groups: dict[int, BoardGroup] = {}
    for group_id, name, enrolment_id in rows:
        group = groups.setdefault(group_id, BoardGroup(name, [], group_id))
        if enrolment_id is not None:
            group.members.append(enrolment_id)
    order = {p: i for i, p in enumerate(people)}
    for group in groups.values():
        group.members.sort(key=order.__getitem__)
    people.update(taking_part)
    sizes = [len(group.members) for group in groups.values()] or [1]
    # A round made elsewhere (by hand, by the demo) has no bounds: its own sizes are what was wanted.
    bounds = SizeRange(*stored) if None not in stored else SizeRange(max(1, min(sizes)), max(1, max(sizes)))
    unplaced = [p for p in taking_part if p not in order]
    left = [p for p in order if p not in taking_part]
    return Board(
        info[0], cohort_name, people, list(groups.values()), bounds, info[1], previous,
        round_id=info[2], round_number=info[3], round_name=info[4], created_at=info[5], unplaced=unplaced,
        left=left,
    )  # fmt: skip


def _group_in_round(session: Session, group_id: int) -> ReflectionGroup:
    group = session.get(ReflectionGroup, group_id)
    if group is None:
        raise NotFound(N_("That group no longer exists."))
    return group


def move_member(db: Database, enrolment_id: int, group_id: int, actor: Actor = COORDINATOR) -> None:
    """Move a participant into a group of a saved round; from another group of that round, or newly placed."""
    _coordinator(actor)
    with db.session() as session:
        target = _group_in_round(session, group_id)
        enrolment = session.get(Enrolment, enrolment_id)
        if enrolment is None or enrolment.cohort_id != target.round.cohort_id:
            raise ValidationError(N_("That participant is not in this group's cohort."))
        round_groups = select(ReflectionGroup.id).where(ReflectionGroup.round_id == target.round_id)
        current = session.scalar(
            select(group_member.c.group_id).where(
                group_member.c.enrolment_id == enrolment_id, group_member.c.group_id.in_(round_groups)
            )
        )
        if current == group_id:
            return
        if current is None and enrolment.status not in TAKING_PART:
            raise ValidationError(N_("Only participants who take part can be placed in a group."))
        if current is not None:
            session.execute(
                delete(group_member).where(
                    group_member.c.group_id == current, group_member.c.enrolment_id == enrolment_id
                )
            )
        session.execute(insert(group_member), [{"group_id": group_id, "enrolment_id": enrolment_id}])
        audit(
            session, "group_round.member_moved", "group_round", target.round_id,
            enrolment_id=enrolment_id, group_id=group_id,
        )  # fmt: skip


def suggest_for_late_joiner(
    db: Database, round_id: int, enrolment_id: int, actor: Actor = COORDINATOR
) -> list[Suggestion]:
    """The round's groups ranked for a participant not yet in any of them, best first, each with a reason."""
    board = load_round(db, round_id, actor)
    if enrolment_id not in board.people or board.group_of(enrolment_id) is not None:
        raise ValidationError(N_("Only a participant who takes part and is in no group of this round can join."))
    newcomer = board.people[enrolment_id].member()
    members = [board.people[m].member() for group in board.groups for m in group.members]
    ranked = placements([g.members for g in board.groups], members, newcomer, board.bounds, board.previous)
    return [Suggestion(board.groups[p.group].id or 0, board.groups[p.group].name, p.reason()) for p in ranked]


def add_late_joiner(
    db: Database, round_id: int, enrolment_id: int, group_id: int | None = None, actor: Actor = COORDINATOR
) -> Suggestion:
    """Place a late joiner in ``group_id``, or in the best group when it is ``None``; returns where and why."""
    ranked = suggest_for_late_joiner(db, round_id, enrolment_id, actor)
    if not ranked:
        raise ValidationError(N_("This round has no groups to join."))
    chosen = ranked[0] if group_id is None else next((s for s in ranked if s.group_id == group_id), None)
    if chosen is None:
        raise ValidationError(N_("That group is not part of this round."))
    move_member(db, enrolment_id, chosen.group_id, actor)
    return chosen


def check_withdrawals(db: Database, round_id: int, actor: Actor = COORDINATOR) -> WithdrawalAdvice:
    """Who in the round no longer takes part, which groups that leaves too small, and how to mend them."""
    board = load_round(db, round_id, actor)
    check = board.withdrawal_check()
    names = [g.name for g in board.groups]
    moves = [
        _("Move {name} from {source} to {target}.").format(
            name=board.people[move.member].name, source=names[move.source], target=names[move.target]
        )
        for move in check.moves
    ]
    return WithdrawalAdvice(
        withdrawn=[board.people[m].name for m in board.left],
        too_small=[names[g] for g in check.too_small],
        moves=moves,
    )
