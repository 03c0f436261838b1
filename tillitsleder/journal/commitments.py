"""Commitments from the medarbeidersamtale: a due date, follow-up notes and a status.

Who sees what (the domain table): the participant reads and edits their own; a facilitator reads those of the
leaders they coach (a "leader" assignment that has not ended); the coordinator sees the status and dates only —
``description`` and ``follow_up`` come back as ``None`` for them. Everyone else gets ``Forbidden``.

The description and follow-up are sealed like a journal entry (``commitment_crypto``): reading them takes the
owner's unlocked profile, or a coach's unlocked profile holding a grant. Calls that only need the role (the
coordinator's status view, deleting) also take a bare ``Actor``. A commitment that does not open is listed with
``damaged`` set and the others are not affected; one still *pending* from revision 0008 opens for its owner and
shows no text to anyone else until the owner's next unlock seals it (``finish_pending``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder import clock
from tillitsleder import crypto as jc
from tillitsleder.access import Actor
from tillitsleder.errors import Forbidden, NotFound, ValidationError
from tillitsleder.i18n import N_
from tillitsleder.journal import commitment_crypto as cc
from tillitsleder.journal.sharing import coach_person_ids, coaching_on
from tillitsleder.lookups import Option
from tillitsleder.model import Commitment, CommitmentGrant, Facilitator, FacilitatorAssignment, Person
from tillitsleder.model.enums import CommitmentStatus, Role
from tillitsleder.profiles import UnlockedProfile
from tillitsleder.storage.database import Database
from tillitsleder.versions import check_seen, saving

log = logging.getLogger(__name__)
Who = Actor | UnlockedProfile


@dataclass(frozen=True)
class CommitmentDraft:
    description: str
    made_on: date
    due_on: date | None = None
    status: CommitmentStatus = CommitmentStatus.OPEN
    follow_up: str = ""


@dataclass(frozen=True)
class CommitmentView:
    """A commitment as ``who`` may see it: ``description``/``follow_up`` are ``None`` for the coordinator, for a
    coach while it is pending or not yet granted to them, and when it is ``damaged`` (does not open)."""

    id: int
    person_id: int
    made_on: date
    due_on: date | None
    status: CommitmentStatus
    description: str | None
    follow_up: str | None
    damaged: bool = False
    pending: bool = False  # sealed to the owner's public key by revision 0008; sealed properly on their next unlock
    version: int = 1  # handed back to ``update_commitment`` as ``seen_version``

    @property
    def overdue(self) -> bool:
        open_ = self.status in (CommitmentStatus.OPEN, CommitmentStatus.ON_TRACK)
        return open_ and self.due_on is not None and self.due_on < clock.today()


def coached_people(db: Database, actor: Actor, today: date | None = None) -> list[Option]:
    """The leaders a facilitator actor coaches now (a "leader" assignment that has started and not ended), by
    name; empty for other roles. The coach's journal area lists their commitments from this."""
    if actor.role is not Role.FACILITATOR or actor.person_id is None:
        return []
    today = today or clock.today()
    with db.read() as s:
        rows = s.execute(
            select(Person.id, Person.first_name, Person.last_name)
            .join(FacilitatorAssignment, FacilitatorAssignment.person_id == Person.id)
            .join(Facilitator, Facilitator.id == FacilitatorAssignment.facilitator_id)
            .where(Facilitator.person_id == actor.person_id, coaching_on(today))
            .distinct()
            .order_by(Person.last_name, Person.first_name)
        ).all()
    return [Option(person_id, f"{first} {last}") for person_id, first, last in rows]


def list_commitments(db: Database, who: Who, person_id: int, *, today: date | None = None) -> list[CommitmentView]:
    """A person's commitments by due date, as ``who`` may see them on ``today`` (default: the clock's). The owner
    and a coach pass their unlocked profile to read the text; the coordinator may pass the ``Actor``."""
    actor = _actor(who)
    with db.read() as s:
        if s.get(Person, person_id) is None:
            raise NotFound(N_("There is no person with id {id}."), id=person_id)
        full = _may_read(s, actor, person_id, today or clock.today())
        rows = s.scalars(
            select(Commitment)
            .where(Commitment.person_id == person_id)
            .order_by(Commitment.due_on.is_(None), Commitment.due_on, Commitment.id)
        ).all()
        if not full:
            return [_view(row, None) for row in rows]
        if not isinstance(who, UnlockedProfile):
            raise Forbidden(N_("Unlock your profile with your passphrase first."))
        grants = {}
        if actor.role is Role.FACILITATOR:
            grants = {
                grant.commitment_id: grant
                for grant in s.scalars(
                    select(CommitmentGrant).where(
                        CommitmentGrant.profile_id == who.profile_id,
                        CommitmentGrant.commitment_id.in_([row.id for row in rows]),
                    )
                )
            }
        return [_opened_view(who, row, grants.get(row.id)) for row in rows]


def add_commitment(db: Database, who: Who, draft: CommitmentDraft, *, today: date | None = None) -> CommitmentView:
    """A new commitment of the acting participant, sealed and granted to their coaches of ``today``."""
    person_id, me = _owner(who)
    draft = _clean(draft)
    with db.session() as s:
        row = Commitment(person_id=person_id, content=b"", content_key=b"", **_fields(draft))
        s.add(row)
        s.flush()
        cc.seal_commitment(s, row, me.data_key(), draft.description, draft.follow_up, today or clock.today())
        return _view(row, cc.Text(draft.description, draft.follow_up))


def update_commitment(
    db: Database,
    who: Who,
    commitment_id: int,
    draft: CommitmentDraft,
    *,
    today: date | None = None,
    seen_version: int | None = None,
) -> CommitmentView:
    """Change an own commitment; refused (``ChangedElsewhere``) if it was saved elsewhere since ``seen_version``."""
    person_id, me = _owner(who)
    draft = _clean(draft)
    with saving(db, Commitment, commitment_id, entity="commitment") as s:
        row = _own(s, person_id, commitment_id)
        check_seen(s, row, seen_version, entity="commitment")
        for name, value in _fields(draft).items():
            setattr(row, name, value)
        cc.seal_commitment(s, row, me.data_key(), draft.description, draft.follow_up, today or clock.today())
        s.flush()
        return _view(row, cc.Text(draft.description, draft.follow_up))


def delete_commitment(db: Database, who: Who, commitment_id: int) -> None:
    person_id = _participant(_actor(who))
    with db.session() as s:
        s.delete(_own(s, person_id, commitment_id))


def finish_pending(db: Database, me: UnlockedProfile, *, today: date | None = None) -> int:
    """Seal my commitments still pending from revision 0008 the ordinary way (and grant them to my coaches), and
    re-grant those whose coaches changed; returns how many were written. Call it after unlocking."""
    if me.info.role is not Role.PARTICIPANT or me.person_id is None:
        return 0
    return cc.refresh(db, me, today or clock.today())


def _opened_view(me: UnlockedProfile, row: Commitment, grant: CommitmentGrant | None) -> CommitmentView:
    try:
        if me.info.role is Role.PARTICIPANT:
            text = cc.open_own(me, row)
        elif grant is None or row.content_key is None:  # pending, or not (yet) granted to this coach
            return _view(row, None)
        else:
            text = cc.open_granted(me, row, grant)
    except jc.CiphertextError as error:
        log.warning("Commitment %s does not open (%s); listed as damaged", row.id, error.detail)
        return _view(row, None, damaged=True)
    return _view(row, text)


def _actor(who: Who) -> Actor:
    return who.actor if isinstance(who, UnlockedProfile) else who


def _may_read(s: OrmSession, actor: Actor, person_id: int, today: date) -> bool:
    """True for full reading, False for status only; ``Forbidden`` when not even that (a coach reads while they
    coach, on ``today``)."""
    if actor.is_coordinator:
        return False
    if actor.role is Role.PARTICIPANT and actor.person_id == person_id:
        return True
    if actor.role is Role.FACILITATOR and actor.person_id in coach_person_ids(s, person_id, today):
        return True
    raise Forbidden(N_("Only its owner and their coach may see these commitments."), detail=f"person {person_id}")


def _participant(actor: Actor) -> int:
    if actor.role is not Role.PARTICIPANT or actor.person_id is None:
        raise Forbidden(N_("Only participants write their own commitments."), detail=str(actor.role))
    return actor.person_id


def _owner(who: Who) -> tuple[int, UnlockedProfile]:
    person_id = _participant(_actor(who))
    if not isinstance(who, UnlockedProfile):
        raise Forbidden(N_("Unlock your profile with your passphrase first."))
    who.data_key()  # Forbidden when locked
    return person_id, who


def _own(s: OrmSession, person_id: int, commitment_id: int) -> Commitment:
    row = s.get(Commitment, commitment_id)
    if row is None:
        raise NotFound(N_("There is no commitment with id {id}."), id=commitment_id)
    if row.person_id != person_id:
        raise Forbidden(N_("Only its owner may see or change this."), detail=f"commitment {commitment_id}")
    return row


def _clean(draft: CommitmentDraft) -> CommitmentDraft:
    description = draft.description.strip()
    if not description:
        raise ValidationError(N_("Describe the commitment."))
    if draft.due_on is not None and draft.due_on < draft.made_on:
        raise ValidationError(N_("The due date cannot be before the day the commitment was made."))
    return CommitmentDraft(description, draft.made_on, draft.due_on, draft.status, draft.follow_up.strip())


def _fields(draft: CommitmentDraft) -> dict:
    return {"made_on": draft.made_on, "due_on": draft.due_on, "status": draft.status.value}


def _view(row: Commitment, text: cc.Text | None, *, damaged: bool = False) -> CommitmentView:
    return CommitmentView(
        row.id, row.person_id, row.made_on, row.due_on, CommitmentStatus(row.status),
        text.description if text else None, text.follow_up if text else None, damaged, row.content_key is None,
        row.version,
    )  # fmt: skip
