"""Writing a reflection group's meetings: the meeting's meta, its three-step notes and the agreed actions.

``save_meeting`` writes one meeting as the editor shows it, in one transaction: date, facilitator and who
attended (the coordinator may record these), and — only for the group's facilitator — the notes of the three
steps and the actions, including follow-up of actions carried over from earlier meetings. Bad input raises
``ValidationError`` naming the field, and nothing is written. ``delete_meeting`` removes a meeting with its
notes and actions; the coordinator may only delete a meeting that holds no notes or actions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, exists, insert, select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder.access import Actor
from tillitsleder.errors import Forbidden, NotFound, ValidationError
from tillitsleder.group_notes.access import require_recording
from tillitsleder.i18n import N_
from tillitsleder.model import Facilitator, GroupAction, GroupMeeting, GroupNote, group_meeting_attendee, group_member
from tillitsleder.model.enums import ActionStatus, DialogueStep
from tillitsleder.storage.database import Database
from tillitsleder.versions import acting, check_seen, saving, touch


@dataclass(frozen=True)
class StepDraft:
    step: DialogueStep | str
    prompt: str = ""
    time_box_minutes: int | None = None
    content: str = ""
    theme: str = ""
    theme_shareable: bool = False


@dataclass(frozen=True)
class ActionDraft:
    """An action as edited: ``id`` is ``None`` for a new one; an existing id may be this meeting's or one
    carried over from an earlier meeting of the same group."""

    description: str
    owner_enrolment_id: int | None = None
    due_on: date | None = None
    status: ActionStatus | str = ActionStatus.OPEN
    follow_up: str = ""
    id: int | None = None


@dataclass(frozen=True)
class MeetingDraft:
    """What the editor saves. ``notes``/``actions`` ``None`` leaves them as they are (the coordinator's case).

    ``actions`` lists every action of this meeting to keep (those left out are deleted) and any carried-over
    action whose follow-up changed (those left out stay as they are)."""

    held_on: date | None
    attendee_ids: tuple[int, ...] = ()
    facilitator_id: int | None = None
    notes: tuple[StepDraft, ...] | None = None
    actions: tuple[ActionDraft, ...] | None = None
    # The meeting's version when the editor read it: a save over a newer one is refused (``ChangedElsewhere``).
    version: int | None = field(default=None, compare=False)


def save_meeting(db: Database, actor: Actor, group_id: int, draft: MeetingDraft, meeting_id: int | None = None) -> int:
    """Create (``meeting_id`` None) or update a meeting of ``group_id``; returns its id. An update from an editor
    that read ``draft.version`` is refused if someone saved the meeting (or its notes) since."""
    with saving(db, GroupMeeting, meeting_id or 0, entity="group_meeting") as s:
        acting(s, actor.person_id)
        access = require_recording(s, actor, group_id)
        if (draft.notes is not None or draft.actions is not None) and not access.edits_content:
            raise Forbidden(N_("Only the group's facilitator may write its notes and actions."))
        members = set(s.scalars(select(group_member.c.enrolment_id).where(group_member.c.group_id == group_id)))
        _check_meta(s, draft, members)
        if meeting_id is None:
            meeting = GroupMeeting(group_id=group_id, held_on=draft.held_on, facilitator_id=draft.facilitator_id)
            s.add(meeting)
            s.flush()
        else:
            meeting = _meeting_of(s, meeting_id, group_id)
            check_seen(s, meeting, draft.version, entity="group_meeting")
            touch(meeting)  # notes, actions and attendees are rows of their own: the meeting's version covers them
            meeting.held_on, meeting.facilitator_id = draft.held_on, draft.facilitator_id
        s.execute(delete(group_meeting_attendee).where(group_meeting_attendee.c.meeting_id == meeting.id))
        if draft.attendee_ids:
            rows = [{"meeting_id": meeting.id, "enrolment_id": e} for e in sorted(set(draft.attendee_ids))]
            s.execute(insert(group_meeting_attendee), rows)
        if draft.notes is not None:
            _write_notes(s, meeting.id, draft.notes)
        if draft.actions is not None:
            _write_actions(s, meeting, draft.actions, members)
        return meeting.id


def delete_meeting(db: Database, actor: Actor, meeting_id: int) -> None:
    with db.session() as s:
        meeting = s.get(GroupMeeting, meeting_id)
        if meeting is None:
            raise NotFound(N_("There is no group meeting with id {id}."), id=meeting_id)
        access = require_recording(s, actor, meeting.group_id)
        if not access.edits_content and _has_content(s, meeting_id):
            raise Forbidden(N_("This meeting holds notes or actions; only the group's facilitator may delete it."))
        s.delete(meeting)


# --- checks ---------------------------------------------------------------------------------------------------


def _check_meta(s: OrmSession, draft: MeetingDraft, members: set[int]) -> None:
    if draft.held_on is None:
        raise ValidationError(N_("Give the date the group met."), field="held_on")
    strangers = set(draft.attendee_ids) - members
    if strangers:
        raise ValidationError(
            N_("Only members of the group can be marked as attending (enrolment {enrolment} is not)."),
            enrolment=min(strangers),
        )
    if draft.facilitator_id is not None and s.get(Facilitator, draft.facilitator_id) is None:
        raise ValidationError(N_("There is no facilitator with id {id}."), id=draft.facilitator_id)


def _meeting_of(s: OrmSession, meeting_id: int, group_id: int) -> GroupMeeting:
    meeting = s.get(GroupMeeting, meeting_id)
    if meeting is None or meeting.group_id != group_id:
        raise NotFound(N_("There is no group meeting with id {id}."), id=meeting_id)
    return meeting


def _has_content(s: OrmSession, meeting_id: int) -> bool:
    written = (GroupNote.content != "") | (GroupNote.theme != "") | (GroupNote.prompt != "")
    notes = exists().where(GroupNote.meeting_id == meeting_id, written)
    actions = exists().where(GroupAction.meeting_id == meeting_id)
    return bool(s.scalar(select(notes | actions)))


def _step(value: DialogueStep | str) -> DialogueStep:
    try:
        return DialogueStep(value)
    except ValueError:
        raise ValidationError(N_("“{step}” is not a step of the dialogue method."), step=str(value)) from None


def _status(value: ActionStatus | str) -> ActionStatus:
    try:
        return ActionStatus(value)
    except ValueError:
        raise ValidationError(N_("“{status}” is not a status of an action."), status=str(value)) from None


# --- notes and actions ----------------------------------------------------------------------------------------


def _write_notes(s: OrmSession, meeting_id: int, notes: Sequence[StepDraft]) -> None:
    steps = [_step(note.step) for note in notes]
    if len(set(steps)) != len(steps):
        raise ValidationError(N_("Each step of the dialogue has one note."))
    for note, step in zip(notes, steps, strict=True):
        if note.time_box_minutes is not None and note.time_box_minutes <= 0:
            raise ValidationError(
                N_("The time box of “{step}” must be at least one minute."), step=step.label(), field="time_box"
            )
        if note.theme_shareable and not note.theme.strip():
            raise ValidationError(N_("Name the theme of “{step}” before marking it shareable."), step=step.label())
    s.execute(delete(GroupNote).where(GroupNote.meeting_id == meeting_id))
    s.add_all(
        GroupNote(
            meeting_id=meeting_id,
            step=step.value,
            prompt=note.prompt.strip(),
            time_box_minutes=note.time_box_minutes,
            content=note.content.strip(),
            theme=note.theme.strip(),
            theme_shareable=note.theme_shareable,
        )  # fmt: skip
        for note, step in zip(notes, steps, strict=True)
    )


def _write_actions(s: OrmSession, meeting: GroupMeeting, actions: Sequence[ActionDraft], members: set[int]) -> None:
    for number, action in enumerate(actions, 1):
        if not action.description.strip():
            raise ValidationError(N_("Action {number} needs a description."), number=number, field="description")
        if action.owner_enrolment_id is not None and action.owner_enrolment_id not in members:
            raise ValidationError(
                N_("The owner of action {number} must be a member of the group."), number=number, field="owner"
            )
        _status(action.status)
    existing = {a.id: a for a in s.scalars(select(GroupAction).where(GroupAction.meeting_id == meeting.id))}
    carried_ids = [a.id for a in actions if a.id is not None and a.id not in existing]
    carried: dict[int, GroupAction] = {}
    if carried_ids:
        carried = {
            a.id: a
            for a in s.scalars(
                select(GroupAction)
                .join(GroupMeeting, GroupMeeting.id == GroupAction.meeting_id)
                .where(GroupAction.id.in_(carried_ids), GroupMeeting.group_id == meeting.group_id)
            )
        }
    kept: set[int] = set()
    for action in actions:
        values = {
            "description": action.description.strip(),
            "owner_enrolment_id": action.owner_enrolment_id,
            "due_on": action.due_on,
            "status": _status(action.status).value,
            "follow_up": action.follow_up.strip(),
        }
        if action.id is None:
            s.add(GroupAction(meeting_id=meeting.id, **values))
            continue
        row = existing.get(action.id) or carried.get(action.id)
        if row is None:
            raise NotFound(N_("There is no action with id {id} in this group."), id=action.id)
        for name, value in values.items():
            setattr(row, name, value)
        kept.add(action.id)
    for action_id, row in existing.items():
        if action_id not in kept:
            s.delete(row)
