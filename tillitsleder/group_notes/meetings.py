"""Reading a reflection group's meetings: the groups an actor may open, their meetings and one meeting's notes.

What comes back depends on the actor (see ``group_access``): the coordinator gets meta only — dates, who
attended, the facilitator and the themes marked shareable — with ``notes`` and the actions left empty; the
group's facilitator and its members get the three-step notes, the actions agreed at the meeting and the open
actions carried over from earlier meetings (shown at every later meeting until done or dropped). Writing is
in ``group_meeting_edits``; the cross-group list of shareable themes is ``shareable_themes``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select, tuple_
from sqlalchemy.orm import Session as OrmSession

from tillitsleder.access import Actor
from tillitsleder.audit import record_read
from tillitsleder.errors import Forbidden, NotFound
from tillitsleder.group_notes.access import (
    GroupAccess,
    facilitated_group_ids,
    group_access,
    member_group_ids,
    require_access,
)
from tillitsleder.i18n import N_
from tillitsleder.lookups import Option
from tillitsleder.model import (
    Enrolment,
    Facilitator,
    FacilitatorPool,
    GroupAction,
    GroupMeeting,
    GroupNote,
    GroupRound,
    Person,
    ReflectionGroup,
    group_meeting_attendee,
    group_member,
)
from tillitsleder.model.enums import ActionStatus, DialogueStep, ReadKind, Role
from tillitsleder.storage.database import Database

STILL_OPEN = (ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value)
DEFAULT_TIME_BOX = {DialogueStep.OWN_REFLECTION: 5, DialogueStep.SMALL_GROUP: 20, DialogueStep.LARGE_GROUP: 15}


@dataclass(frozen=True)
class Member:
    enrolment_id: int
    name: str


@dataclass(frozen=True)
class GroupInfo:
    """A group the actor may open, with its members and the actor's access to it."""

    id: int
    name: str
    round_name: str
    facilitator_id: int | None
    facilitator_name: str
    members: tuple[Member, ...]
    access: GroupAccess

    def member_name(self, enrolment_id: int | None) -> str:
        return next((m.name for m in self.members if m.enrolment_id == enrolment_id), "")


@dataclass(frozen=True)
class MeetingRow:
    id: int
    held_on: date
    attendees: int
    shareable_themes: tuple[str, ...]


@dataclass(frozen=True)
class StepNote:
    """One step of the three-step dialogue: its prompt, time box (minutes), what was written, its theme."""

    step: DialogueStep
    prompt: str = ""
    time_box_minutes: int | None = None
    content: str = ""
    theme: str = ""
    theme_shareable: bool = False


@dataclass(frozen=True)
class ActionInfo:
    id: int
    meeting_id: int
    agreed_on: date
    description: str
    owner_enrolment_id: int | None
    owner_name: str
    due_on: date | None
    status: ActionStatus
    follow_up: str


@dataclass(frozen=True)
class MeetingView:
    """One meeting as the actor may see it. ``id`` is ``None`` for a meeting not yet saved (``new_meeting``)."""

    id: int | None
    group: GroupInfo
    held_on: date
    facilitator_id: int | None
    facilitator_name: str
    attendee_ids: frozenset[int]
    shareable_themes: tuple[str, ...]
    notes: tuple[StepNote, ...]  # one per step, in the method's order; empty without content access
    actions: tuple[ActionInfo, ...]  # agreed at this meeting
    carried_over: tuple[ActionInfo, ...]  # agreed earlier and still open
    version: int | None = None  # as read; the editor hands it back to ``save_meeting`` (None: not saved yet)

    @property
    def access(self) -> GroupAccess:
        return self.group.access


@dataclass(frozen=True)
class SharedTheme:
    """A theme some group marked shareable: its text and how many meetings raised it — nothing else."""

    theme: str
    meetings: int


# --- groups and meetings --------------------------------------------------------------------------------------


def list_groups(db: Database, actor: Actor, cohort_id: int) -> list[GroupInfo]:
    """The cohort's groups the actor may open (all for the coordinator), by round and name."""
    query = (
        select(ReflectionGroup.id)
        .join(GroupRound, GroupRound.id == ReflectionGroup.round_id)
        .where(GroupRound.cohort_id == cohort_id)
        .order_by(GroupRound.number, ReflectionGroup.name)
    )
    if actor.role is Role.FACILITATOR:
        query = query.where(ReflectionGroup.id.in_(facilitated_group_ids(actor.person_id)))
    elif actor.role is Role.PARTICIPANT:
        query = query.where(ReflectionGroup.id.in_(member_group_ids(actor.person_id)))
    elif actor.role is not Role.COORDINATOR:
        return []
    access = _ROLE_ACCESS[actor.role]  # what group_access gives for every group the query above lets through
    with db.read() as s:
        return _group_infos(s, list(s.scalars(query)), access)


_ROLE_ACCESS = {
    Role.COORDINATOR: GroupAccess.META,
    Role.FACILITATOR: GroupAccess.EDIT,
    Role.PARTICIPANT: GroupAccess.READ,
}


def list_meetings(db: Database, actor: Actor, group_id: int) -> list[MeetingRow]:
    """The group's meetings, newest first, with attendance counts and shareable themes (meta for everyone)."""
    with db.read() as s:
        require_access(s, actor, group_id, GroupAccess.META)
        counts = (
            select(func.count())
            .where(group_meeting_attendee.c.meeting_id == GroupMeeting.id)
            .correlate(GroupMeeting)
            .scalar_subquery()
        )
        rows = s.execute(
            select(GroupMeeting.id, GroupMeeting.held_on, counts)
            .where(GroupMeeting.group_id == group_id)
            .order_by(GroupMeeting.held_on.desc(), GroupMeeting.id.desc())
        ).all()
        themes = _shareable_by_meeting(s, [row.id for row in rows])
        return [MeetingRow(row.id, row.held_on, row[2], themes.get(row.id, ())) for row in rows]


def load_meeting(db: Database, actor: Actor, meeting_id: int) -> MeetingView:
    with db.read() as s:
        meeting = s.get(GroupMeeting, meeting_id)
        if meeting is None:
            raise NotFound(N_("There is no group meeting with id {id}."), id=meeting_id)
        access = require_access(s, actor, meeting.group_id, GroupAccess.META)
        group = _group_info(s, meeting.group_id, access)
        attendees = frozenset(
            s.scalars(
                select(group_meeting_attendee.c.enrolment_id).where(group_meeting_attendee.c.meeting_id == meeting_id)
            )
        )
        notes: tuple[StepNote, ...] = ()
        actions: tuple[ActionInfo, ...] = ()
        carried: tuple[ActionInfo, ...] = ()
        if access.sees_content:
            notes = _notes(s, meeting_id)
            actions = _actions(s, group, GroupAction.meeting_id == meeting_id)
            carried = _carried_over(s, group, meeting.held_on, meeting.id)
        view = MeetingView(
            meeting.id, group, meeting.held_on, meeting.facilitator_id, _facilitator_name(s, meeting.facilitator_id),
            attendees, _shareable_by_meeting(s, [meeting_id]).get(meeting_id, ()), notes, actions, carried,
            meeting.version,
        )  # fmt: skip
        members = [m.enrolment_id for m in group.members]
        people = list(s.scalars(select(Enrolment.person_id).where(Enrolment.id.in_(members)))) if members else []
    if access.sees_content and actor.role is Role.FACILITATOR:
        # A facilitator opening the group's notes reads the members' personal data: recorded, names never.
        record_read(db, ReadKind.GROUP_NOTES, "group_meeting", meeting_id, people, actor=actor)
    return view


def new_meeting(db: Database, actor: Actor, group_id: int, held_on: date) -> MeetingView:
    """An unsaved meeting to fill in: every member ticked, the group's facilitator, the default time boxes and
    the actions still open from earlier meetings."""
    with db.read() as s:
        access = group_access(s, actor, group_id)
        if not access.records_meetings:
            raise Forbidden(N_("Your profile may not record meetings of this reflection group."))
        group = _group_info(s, group_id, access)
        notes = tuple(StepNote(step, time_box_minutes=DEFAULT_TIME_BOX[step]) for step in DialogueStep)
        carried = _carried_over(s, group, held_on, None) if access.sees_content else ()
        return MeetingView(
            None, group, held_on, group.facilitator_id, group.facilitator_name,
            frozenset(m.enrolment_id for m in group.members), (), notes if access.sees_content else (), (), carried,
        )  # fmt: skip


def facilitator_options(db: Database, actor: Actor, group_id: int) -> list[Option]:
    """Who can be named as a meeting's facilitator: the group's own first, then every active facilitator."""
    with db.read() as s:
        require_access(s, actor, group_id, GroupAccess.META)
        own = set(s.scalars(select(ReflectionGroup.facilitator_id).where(ReflectionGroup.id == group_id)))
        rows = s.execute(
            select(Facilitator.id, Person.first_name, Person.last_name, FacilitatorPool.code)
            .join(Person, Person.id == Facilitator.person_id)
            .join(FacilitatorPool, FacilitatorPool.id == Facilitator.pool_id)
            .where(or_(Facilitator.active.is_(True), Facilitator.id.in_(own - {None})))
            .order_by(Person.last_name, Person.first_name, FacilitatorPool.code)
        ).all()
        options = [Option(row.id, f"{row.first_name} {row.last_name} ({row.code})") for row in rows]
        return sorted(options, key=lambda option: option.id not in own)


def shareable_themes(db: Database, actor: Actor, cohort_id: int | None = None) -> list[SharedTheme]:
    """Themes marked shareable across all groups (of one cohort, or every cohort): text and count only.

    Only the coordinator gets this list; facilitators and participants see nothing of other groups.
    """
    actor.require(Role.COORDINATOR)
    theme = func.trim(GroupNote.theme)
    query = (
        select(theme, func.count(func.distinct(GroupNote.meeting_id)))
        .where(GroupNote.theme_shareable.is_(True), theme != "")
        .group_by(theme)
        .order_by(func.count(func.distinct(GroupNote.meeting_id)).desc(), theme)
    )
    if cohort_id is not None:
        query = (
            query.join(GroupMeeting, GroupMeeting.id == GroupNote.meeting_id)
            .join(ReflectionGroup, ReflectionGroup.id == GroupMeeting.group_id)
            .join(GroupRound, GroupRound.id == ReflectionGroup.round_id)
            .where(GroupRound.cohort_id == cohort_id)
        )
    with db.read() as s:
        return [SharedTheme(text, count) for text, count in s.execute(query)]


# --- helpers --------------------------------------------------------------------------------------------------


def _group_info(s: OrmSession, group_id: int, access: GroupAccess) -> GroupInfo:
    row = s.execute(
        select(ReflectionGroup.name, ReflectionGroup.facilitator_id, GroupRound.name.label("round_name"))
        .join(GroupRound, GroupRound.id == ReflectionGroup.round_id)
        .where(ReflectionGroup.id == group_id)
    ).one()
    members = tuple(
        Member(r.id, f"{r.first_name} {r.last_name}")
        for r in s.execute(
            select(Enrolment.id, Person.first_name, Person.last_name)
            .join(group_member, group_member.c.enrolment_id == Enrolment.id)
            .join(Person, Person.id == Enrolment.person_id)
            .where(group_member.c.group_id == group_id)
            .order_by(Person.last_name, Person.first_name, Enrolment.id)
        )
    )
    name = _facilitator_name(s, row.facilitator_id)
    return GroupInfo(group_id, row.name, row.round_name, row.facilitator_id, name, members, access)


def _group_infos(s: OrmSession, group_ids: list[int], access: GroupAccess) -> list[GroupInfo]:
    """``_group_info`` for many groups in two queries (not three per group), in the order of ``group_ids``."""
    if not group_ids:
        return []
    groups = {
        row.id: row
        for row in s.execute(
            select(
                ReflectionGroup.id,
                ReflectionGroup.name,
                ReflectionGroup.facilitator_id,
                GroupRound.name.label("round_name"),
                Person.first_name,
                Person.last_name,
            )
            .join(GroupRound, GroupRound.id == ReflectionGroup.round_id)
            .outerjoin(Facilitator, Facilitator.id == ReflectionGroup.facilitator_id)
            .outerjoin(Person, Person.id == Facilitator.person_id)
            .where(ReflectionGroup.id.in_(group_ids))
        )  # fmt: skip
    }
    members: dict[int, list[Member]] = {group_id: [] for group_id in group_ids}
    for r in s.execute(
        select(group_member.c.group_id, Enrolment.id, Person.first_name, Person.last_name)
        .join(Enrolment, Enrolment.id == group_member.c.enrolment_id)
        .join(Person, Person.id == Enrolment.person_id)
        .where(group_member.c.group_id.in_(group_ids))
        .order_by(Person.last_name, Person.first_name, Enrolment.id)
    ):
        members[r.group_id].append(Member(r.id, f"{r.first_name} {r.last_name}"))
    infos = []
    for group_id in group_ids:
        row = groups[group_id]
        name = f"{row.first_name} {row.last_name}" if row.first_name is not None else ""
        infos.append(
            GroupInfo(group_id, row.name, row.round_name, row.facilitator_id, name, tuple(members[group_id]), access)
        )
    return infos


def _facilitator_name(s: OrmSession, facilitator_id: int | None) -> str:
    if facilitator_id is None:
        return ""
    row = s.execute(
        select(Person.first_name, Person.last_name)
        .join(Facilitator, Facilitator.person_id == Person.id)
        .where(Facilitator.id == facilitator_id)
    ).one_or_none()
    return f"{row.first_name} {row.last_name}" if row else ""


def _shareable_by_meeting(s: OrmSession, meeting_ids: list[int]) -> dict[int, tuple[str, ...]]:
    if not meeting_ids:
        return {}
    themes: dict[int, list[str]] = {}
    rows = s.execute(
        select(GroupNote.meeting_id, GroupNote.theme)
        .where(GroupNote.meeting_id.in_(meeting_ids), GroupNote.theme_shareable.is_(True), GroupNote.theme != "")
        .order_by(GroupNote.meeting_id, GroupNote.id)
    )
    for meeting_id, theme in rows:
        if theme.strip() and theme.strip() not in themes.setdefault(meeting_id, []):
            themes[meeting_id].append(theme.strip())
    return {meeting_id: tuple(texts) for meeting_id, texts in themes.items()}


def _notes(s: OrmSession, meeting_id: int) -> tuple[StepNote, ...]:
    """One note per step in the method's order; a step never written comes back empty."""
    stored = {
        row.step: row
        for row in s.scalars(select(GroupNote).where(GroupNote.meeting_id == meeting_id).order_by(GroupNote.id))
    }
    notes = []
    for step in DialogueStep:
        row = stored.get(step.value)
        if row is None:
            notes.append(StepNote(step))
        else:
            notes.append(
                StepNote(step, row.prompt, row.time_box_minutes, row.content, row.theme, bool(row.theme_shareable))
            )
    return tuple(notes)


def _actions(s: OrmSession, group: GroupInfo, *conditions) -> tuple[ActionInfo, ...]:
    rows = s.execute(
        select(GroupAction, GroupMeeting.held_on)
        .join(GroupMeeting, GroupMeeting.id == GroupAction.meeting_id)
        .where(*conditions)
        .order_by(GroupMeeting.held_on, GroupAction.id)
    ).all()
    return tuple(
        ActionInfo(
            a.id,
            a.meeting_id,
            held_on,
            a.description,
            a.owner_enrolment_id,
            group.member_name(a.owner_enrolment_id),
            a.due_on,
            ActionStatus(a.status),
            a.follow_up,
        )  # fmt: skip
        for a, held_on in rows
    )


def _carried_over(s: OrmSession, group: GroupInfo, held_on: date, meeting_id: int | None) -> tuple[ActionInfo, ...]:
    """Actions agreed at the group's earlier meetings that are still open or in progress."""
    if meeting_id is None:
        earlier = GroupMeeting.held_on <= held_on
    else:
        earlier = tuple_(GroupMeeting.held_on, GroupMeeting.id) < tuple_(held_on, meeting_id)
    return _actions(s, group, GroupMeeting.group_id == group.id, earlier, GroupAction.status.in_(STILL_OPEN))
