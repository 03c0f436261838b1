"""Commitments from the medarbeidersamtale: a due date, follow-up notes and a status.

Who sees what (the domain table): the participant reads and edits their own; a facilitator reads those of the
leaders they coach (a "leader" assignment that has not ended); the coordinator sees the status and dates only —
``description`` and ``follow_up`` come back as ``None`` for them. Everyone else gets ``Forbidden``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder import clock
from tillitsleder.access import Actor
from tillitsleder.errors import Forbidden, NotFound, ValidationError
from tillitsleder.i18n import N_
from tillitsleder.journal.sharing import coach_person_ids, coaching_on
from tillitsleder.lookups import Option
from tillitsleder.model import Commitment, Facilitator, FacilitatorAssignment, Person
from tillitsleder.model.enums import CommitmentStatus, Role
from tillitsleder.storage.database import Database


@dataclass(frozen=True)
class CommitmentDraft:
    description: str
    made_on: date
    due_on: date | None = None
    status: CommitmentStatus = CommitmentStatus.OPEN
    follow_up: str = ""


@dataclass(frozen=True)
class CommitmentView:
    """A commitment as ``actor`` may see it: ``description``/``follow_up`` are ``None`` for the coordinator."""

    id: int
    person_id: int
    made_on: date
    due_on: date | None
    status: CommitmentStatus
    description: str | None
    follow_up: str | None

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


def list_commitments(
    db: Database, actor: Actor, person_id: int, *, today: date | None = None
) -> list[CommitmentView]:
    """A person's commitments by due date, as ``actor`` may see them on ``today`` (default: the clock's)."""
    with db.read() as s:
        if s.get(Person, person_id) is None:
            raise NotFound(N_("There is no person with id {id}."), id=person_id)
        full = _may_read(s, actor, person_id, today or clock.today())
        rows = s.scalars(
            select(Commitment)
            .where(Commitment.person_id == person_id)
            .order_by(Commitment.due_on.is_(None), Commitment.due_on, Commitment.id)
        ).all()
        return [_view(row, full) for row in rows]


def add_commitment(db: Database, actor: Actor, draft: CommitmentDraft) -> CommitmentView:
    """A new commitment of the acting participant."""
    person_id = _participant(actor)
    draft = _clean(draft)
    with db.session() as s:
        row = Commitment(person_id=person_id, **_fields(draft))
        s.add(row)
        s.flush()
        return _view(row, True)


def update_commitment(db: Database, actor: Actor, commitment_id: int, draft: CommitmentDraft) -> CommitmentView:
    draft = _clean(draft)
    with db.session() as s:
        row = _own(s, actor, commitment_id)
        for name, value in _fields(draft).items():
            setattr(row, name, value)
        s.flush()
        return _view(row, True)


def delete_commitment(db: Database, actor: Actor, commitment_id: int) -> None:
    with db.session() as s:
        s.delete(_own(s, actor, commitment_id))


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


def _own(s: OrmSession, actor: Actor, commitment_id: int) -> Commitment:
    person_id = _participant(actor)
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
    return {
        "description": draft.description,
        "made_on": draft.made_on,
        "due_on": draft.due_on,
        "status": draft.status.value,
        "follow_up": draft.follow_up,
    }


def _view(row: Commitment, full: bool) -> CommitmentView:
    return CommitmentView(
        row.id, row.person_id, row.made_on, row.due_on, CommitmentStatus(row.status),
        row.description if full else None, row.follow_up if full else None,
    )  # fmt: skip
