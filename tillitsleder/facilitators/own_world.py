"""What a signed-in profile works with: the cohorts its pickers offer and the figures its status bar shows.

The "who sees what" table of the domain notes, for the window's frame: the coordinator works with every cohort; a
participant with the cohorts they are enrolled in; a facilitator or coach with the cohorts of the reflection groups
they facilitate (directly or by an assignment, the rule of ``group_notes.access``), of the sessions they are
assigned to and of the leaders they coach. The services decide what each may read; this keeps the pickers and
the status bar to the same world. It lives here because the facilitator's part needs their assignments and the
group rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, select

from tillitsleder.access import Actor
from tillitsleder.enums import Role
from tillitsleder.group_notes.access import facilitated_group_ids
from tillitsleder.lookups import Option, cohort_options
from tillitsleder.model import (
    Cohort,
    Enrolment,
    Facilitator,
    FacilitatorAssignment,
    GroupRound,
    Programme,
    ReflectionGroup,
    Session,
)
from tillitsleder.storage.database import Database


@dataclass(frozen=True)
class OwnWorld:
    """The status bar's figures for a participant or a facilitator."""

    role: Role
    enrolled_in: tuple[tuple[str, str], ...] = ()  # participant: (cohort, programme) of each enrolment
    groups: int = 0  # facilitator: the reflection groups they facilitate
    assignments: int = 0  # facilitator: their assignments in every pool


def own_cohort_ids(actor: Actor) -> Select | None:
    """A query of the ids of the cohorts ``actor`` works with; ``None`` for the coordinator (every cohort)."""
    if actor.is_coordinator:
        return None
    if actor.role is Role.PARTICIPANT:
        return select(Enrolment.cohort_id).where(Enrolment.person_id == actor.person_id)
    assert actor.person_id is not None
    groups = select(GroupRound.cohort_id).join(ReflectionGroup, ReflectionGroup.round_id == GroupRound.id)
    by_group = groups.where(ReflectionGroup.id.in_(facilitated_group_ids(actor.person_id)))
    mine = (
        select(FacilitatorAssignment)
        .join(Facilitator, Facilitator.id == FacilitatorAssignment.facilitator_id)
        .where(Facilitator.person_id == actor.person_id)
        .subquery()
    )
    sessions = select(Session.cohort_id).join(mine, mine.c.session_id == Session.id)
    leaders = select(Enrolment.cohort_id).join(mine, mine.c.person_id == Enrolment.person_id)
    return by_group.union(sessions, leaders)


def own_cohort_options(db: Database, actor: Actor) -> list[Option]:
    """The cohorts for ``actor``'s pickers, in the order of ``lookups.cohort_options``."""
    ids = own_cohort_ids(actor)
    options = cohort_options(db)
    if ids is None:
        return options
    with db.read() as s:
        own = set(s.scalars(ids))
    return [option for option in options if option.id in own]


def own_world(db: Database, actor: Actor) -> OwnWorld | None:
    """The status bar's figures for ``actor``; ``None`` for the coordinator (who sees the whole database's)."""
    if actor.is_coordinator:
        return None
    with db.read() as s:
        if actor.role is Role.PARTICIPANT:
            rows = s.execute(
                select(Cohort.name, Programme.name)
                .join(Enrolment, Enrolment.cohort_id == Cohort.id)
                .join(Programme, Programme.id == Cohort.programme_id)
                .where(Enrolment.person_id == actor.person_id)
                .order_by(Cohort.start_date.desc(), Cohort.name)
            ).all()
            return OwnWorld(Role.PARTICIPANT, enrolled_in=tuple((cohort, programme) for cohort, programme in rows))
        assert actor.person_id is not None
        groups = s.scalar(select(func.count()).select_from(facilitated_group_ids(actor.person_id).subquery()))
        assignments = s.scalar(
            select(func.count(FacilitatorAssignment.id))
            .join(Facilitator, Facilitator.id == FacilitatorAssignment.facilitator_id)
            .where(Facilitator.person_id == actor.person_id)
        )
    return OwnWorld(Role.FACILITATOR, groups=int(groups or 0), assignments=int(assignments or 0))
