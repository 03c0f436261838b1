"""Renaming and deleting a saved round of reflection groups (``rounds`` composes, saves and browses them).

A round's name is what the coordinator knows it by: it is cleaned of extra spaces, may not be empty or longer
than ``rounds.NAME_LIMIT``, and must differ from the cohort's other rounds (ignoring case).

Deleting a round deletes its groups and who was placed in them, in one transaction. Once a group has met, its
meetings hold the group's own notes and agreed actions — personal data of the group that must never be lost
silently — so ``delete_round`` refuses (``RoundHasMeetings``, nothing changed) unless ``force=True``, which a
caller passes only after showing ``RoundContents.losses()`` and getting an explicit yes. Both are the
coordinator's work and are audited (ids and counts only, never names).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.audit import audit
from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.groups.rounds import NAME_LIMIT, RoundInfo, list_rounds
from tillitsleder.i18n import N_, _, format_number, ngettext
from tillitsleder.model import FacilitatorAssignment, GroupAction, GroupMeeting, GroupNote, GroupRound, ReflectionGroup
from tillitsleder.model.enums import Role
from tillitsleder.model.groups import group_member
from tillitsleder.storage.database import Database


@dataclass(frozen=True)
class RoundContents:
    """What deleting a round takes with it."""

    round_id: int
    name: str
    groups: int
    members: int  # places of participants in the groups
    meetings: int
    notes: int
    actions: int
    assignments: int  # facilitator assignments to the groups

    def losses(self) -> list[str]:
        """One translated phrase per kind of thing that is deleted with the round."""
        count = format_number
        lost = [
            _("{groups} and the places of {people} in them").format(
                groups=ngettext("{n} group", "{n} groups", self.groups).format(n=count(self.groups)),
                people=ngettext("{n} participant", "{n} participants", self.members).format(n=count(self.members)),
            )
        ]
        if self.meetings:
            lost.append(
                _("{meetings} with {notes} and {actions}").format(
                    meetings=ngettext("{n} meeting", "{n} meetings", self.meetings).format(n=count(self.meetings)),
                    notes=ngettext("{n} note", "{n} notes", self.notes).format(n=count(self.notes)),
                    actions=ngettext("{n} agreed action", "{n} agreed actions", self.actions).format(
                        n=count(self.actions)
                    ),
                )
            )
        if self.assignments:
            lost.append(
                ngettext("{n} facilitator assignment", "{n} facilitator assignments", self.assignments).format(
                    n=count(self.assignments)
                )
            )
        return lost


class RoundHasMeetings(ValidationError):
    """The round's groups have met; deleting it needs ``force=True``. Translated when shown, like every error."""

    def __init__(self, contents: RoundContents) -> None:
        super().__init__(N_("The groups of “{name}” have met."), name=contents.name)
        self.contents = contents

    def user_message(self) -> str:
        c = self.contents
        return _(
            "The groups of “{name}” have {meetings} with {notes}; deleting the round would delete them too. "
            "Nothing was deleted."
        ).format(
            name=c.name,
            meetings=ngettext("{n} meeting", "{n} meetings", c.meetings).format(n=format_number(c.meetings)),
            notes=ngettext("{n} note", "{n} notes", c.notes).format(n=format_number(c.notes)),
        )


def _round(session: Session, round_id: int) -> GroupRound:
    round_ = session.get(GroupRound, round_id)
    if round_ is None:
        raise NotFound(N_("That round of groups no longer exists."))
    return round_


def _contents(session: Session, round_: GroupRound) -> RoundContents:
    groups = select(ReflectionGroup.id).where(ReflectionGroup.round_id == round_.id)
    meetings = select(GroupMeeting.id).where(GroupMeeting.group_id.in_(groups))

    def count(query) -> int:
        return int(session.scalar(query) or 0)

    return RoundContents(
        round_.id,
        round_.name,
        groups=count(select(func.count()).select_from(groups.subquery())),
        members=count(select(func.count()).select_from(group_member).where(group_member.c.group_id.in_(groups))),
        meetings=count(select(func.count()).select_from(meetings.subquery())),
        notes=count(select(func.count(GroupNote.id)).where(GroupNote.meeting_id.in_(meetings))),
        actions=count(select(func.count(GroupAction.id)).where(GroupAction.meeting_id.in_(meetings))),
        assignments=count(
            select(func.count(FacilitatorAssignment.id)).where(FacilitatorAssignment.group_id.in_(groups))
        ),
    )


def rename_round(db: Database, round_id: int, name: str, actor: Actor = COORDINATOR) -> RoundInfo:
    """Give a saved round another name; returns the round as ``list_rounds`` shows it."""
    actor.require(Role.COORDINATOR)
    name = " ".join(name.split())
    if not name:
        raise ValidationError(N_("Give the round a name."), field="name")
    if len(name) > NAME_LIMIT:
        raise ValidationError(N_("The round's name is longer than {limit} characters."), limit=NAME_LIMIT)
    with db.session() as session:
        round_ = _round(session, round_id)
        cohort_id = round_.cohort_id
        if name != round_.name:
            taken = session.scalar(
                select(GroupRound.id).where(
                    GroupRound.cohort_id == cohort_id,
                    GroupRound.id != round_id,
                    func.lower(GroupRound.name) == name.lower(),
                )
            )
            if taken is not None:
                raise ValidationError(N_("This cohort already has a round called “{name}”."), name=name)
            round_.name = name
            audit(session, "group_round.renamed", "group_round", round_id, cohort_id=cohort_id)
    return next(info for info in list_rounds(db, cohort_id, actor) if info.id == round_id)


def round_contents(db: Database, round_id: int, actor: Actor = COORDINATOR) -> RoundContents:
    """What deleting the round would take with it (to show before asking)."""
    actor.require(Role.COORDINATOR)
    with db.read() as session:
        return _contents(session, _round(session, round_id))


def delete_round(db: Database, round_id: int, *, force: bool = False, actor: Actor = COORDINATOR) -> RoundContents:
    """Delete a saved round with its groups and memberships in one transaction; returns what was deleted.

    Refused with ``RoundHasMeetings`` (nothing changed) when its groups have meetings, unless ``force``."""
    actor.require(Role.COORDINATOR)
    with db.session() as session:
        round_ = _round(session, round_id)
        contents, cohort_id = _contents(session, round_), round_.cohort_id
        if contents.meetings and not force:
            raise RoundHasMeetings(contents)
        groups = select(ReflectionGroup.id).where(ReflectionGroup.round_id == round_id)
        session.execute(delete(group_member).where(group_member.c.group_id.in_(groups)))
        # The groups' meetings (with notes, actions, attendance) and assignments go by ON DELETE CASCADE.
        session.execute(delete(ReflectionGroup).where(ReflectionGroup.round_id == round_id))
        session.execute(delete(GroupRound).where(GroupRound.id == round_id))
        audit(
            session, "group_round.deleted", "group_round", round_id, cohort_id=cohort_id,
            groups=contents.groups, members=contents.members, meetings=contents.meetings, notes=contents.notes,
        )  # fmt: skip
    return contents


def find_round(db: Database, cohort_id: int, number_or_name: str, actor: Actor = COORDINATOR) -> RoundInfo:
    """A cohort's round named by its number or its (case-insensitive) name, as the CLI accepts them."""
    text = " ".join(str(number_or_name).split())
    rounds = list_rounds(db, cohort_id, actor)
    found = next((r for r in rounds if text.isdigit() and r.number == int(text)), None)
    found = found or next((r for r in rounds if r.name.lower() == text.lower()), None)
    if found is None:
        raise NotFound(N_("This cohort has no round “{round}”."), round=text)
    return found
