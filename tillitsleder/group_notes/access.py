"""Who may see and change what of a reflection group's meetings: the group-note rows of the "who sees what" table.

The coordinator sees meta only (dates, who attended, themes marked shareable) and may record meetings, never
their notes; a facilitator edits everything of the groups they facilitate (as the group's facilitator or by an
assignment of kind group) and sees nothing of other groups; a participant reads the groups their enrolments are
members of; anyone else sees nothing. Every service of this area asks ``group_access`` and raises ``Forbidden``.
"""

from __future__ import annotations

from enum import IntEnum

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder.access import Actor
from tillitsleder.errors import Forbidden, NotFound
from tillitsleder.i18n import N_
from tillitsleder.model import Enrolment, Facilitator, FacilitatorAssignment, ReflectionGroup, group_member
from tillitsleder.model.enums import AssignmentKind, Role


class GroupAccess(IntEnum):
    """What an actor may do with one group's meetings; each level includes the ones below it."""

    NONE = 0
    META = 1  # dates, who attended, shareable themes; may record meetings (the coordinator)
    READ = 2  # also the notes and actions (a member of the group)
    EDIT = 3  # also write the notes and actions (the group's facilitator)

    @property
    def sees_content(self) -> bool:
        return self >= GroupAccess.READ

    @property
    def edits_content(self) -> bool:
        return self is GroupAccess.EDIT

    @property
    def records_meetings(self) -> bool:
        return self in (GroupAccess.META, GroupAccess.EDIT)


def facilitated_group_ids(person_id: int) -> Select:
    """A subquery of the ids of the groups ``person_id`` facilitates, directly or by an assignment."""
    own = select(Facilitator.id).where(Facilitator.person_id == person_id)
    direct = select(ReflectionGroup.id).where(ReflectionGroup.facilitator_id.in_(own))
    assigned = select(FacilitatorAssignment.group_id).where(
        FacilitatorAssignment.kind == AssignmentKind.GROUP.value, FacilitatorAssignment.facilitator_id.in_(own)
    )
    return direct.union(assigned)


def member_group_ids(person_id: int) -> Select:
    """A subquery of the ids of the groups one of ``person_id``'s enrolments is a member of."""
    return (
        select(group_member.c.group_id)
        .join(Enrolment, Enrolment.id == group_member.c.enrolment_id)
        .where(Enrolment.person_id == person_id)
    )


def group_access(s: OrmSession, actor: Actor, group_id: int) -> GroupAccess:
    """The actor's access to one group; ``NotFound`` if there is no such group."""
    if s.get(ReflectionGroup, group_id) is None:
        raise NotFound(N_("There is no reflection group with id {id}."), id=group_id)
    if actor.role is Role.COORDINATOR:
        return GroupAccess.META
    assert actor.person_id is not None
    if actor.role is Role.FACILITATOR:
        facilitated = facilitated_group_ids(actor.person_id).subquery()
        if s.scalar(select(exists().where(facilitated.c.id == group_id))):
            return GroupAccess.EDIT
        return GroupAccess.NONE
    if actor.role is Role.PARTICIPANT:
        member = member_group_ids(actor.person_id).where(group_member.c.group_id == group_id)
        return GroupAccess.READ if s.scalar(select(exists(member))) else GroupAccess.NONE
    return GroupAccess.NONE


def require_access(s: OrmSession, actor: Actor, group_id: int, needed: GroupAccess) -> GroupAccess:
    """The actor's access to the group, or ``Forbidden`` if it is less than ``needed``.

    ``needed = META`` admits everyone who sees the group at all; recording a meeting is checked separately.
    """
    access = group_access(s, actor, group_id)
    if access < needed:
        raise Forbidden(
            N_("Your profile may not see or change this reflection group's notes."),
            detail=f"{actor.role} {actor.person_id} has {access.name} on group {group_id}, needs {needed.name}",
        )
    return access


def require_recording(s: OrmSession, actor: Actor, group_id: int) -> GroupAccess:
    """Access to record (create, re-date, take attendance of) the group's meetings, or ``Forbidden``."""
    access = group_access(s, actor, group_id)
    if not access.records_meetings:
        raise Forbidden(
            N_("Your profile may not record meetings of this reflection group."),
            detail=f"{actor.role} {actor.person_id} has {access.name} on group {group_id}",
        )
    return access
