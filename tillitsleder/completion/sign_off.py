"""The coordinator's sign-off of a participant: record it once every other completion rule is met, or take it back."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.audit import audit
from tillitsleder.completion.evaluation import WAITING_FOR_SIGN_OFF, evaluate_participant
from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.i18n import N_, _
from tillitsleder.model import Cohort, CompletionSignOff, Enrolment, RoleAssignment
from tillitsleder.model.enums import Role
from tillitsleder.storage.database import Database


def sign_off(db: Database, enrolment_id: int, *, actor: Actor = COORDINATOR, today: date | None = None) -> None:
    """Record the coordinator's sign-off. Refused while any other rule is unmet (the reasons are given)."""
    actor.require(Role.COORDINATOR)
    result = evaluate_participant(db, enrolment_id, today=today, actor=actor)
    if result.signed_off_at is not None:
        raise ValidationError(N_("{name} is already signed off."), name=result.name, field="sign_off")
    waiting = _(WAITING_FOR_SIGN_OFF)
    if result.reasons not in ([], [waiting]):
        raise ValidationError(
            N_("{name} cannot be signed off yet: {reasons}"),
            name=result.name,
            reasons=" ".join(reason for reason in result.reasons if reason != waiting),
            field="sign_off",
        )
    with db.session() as s:
        signer = actor.person_id or _coordinator_person(s, enrolment_id)
        s.add(CompletionSignOff(enrolment_id=enrolment_id, signed_by_id=signer))
        audit(s, "completion.signed_off", "enrolment", enrolment_id, signed_by=signer)


def withdraw_sign_off(db: Database, enrolment_id: int, *, actor: Actor = COORDINATOR) -> None:
    """Take back a sign-off (e.g. made by mistake); the participant is no longer completed."""
    actor.require(Role.COORDINATOR)
    with db.session() as s:
        gone = s.execute(delete(CompletionSignOff).where(CompletionSignOff.enrolment_id == enrolment_id)).rowcount
        if not gone:
            raise NotFound(N_("There is no sign-off to take back."))
        audit(s, "completion.sign_off_withdrawn", "enrolment", enrolment_id)


def _coordinator_person(s: OrmSession, enrolment_id: int) -> int | None:
    """The coordinator of the enrolment's programme (or the general coordinator) when the actor has no person."""
    programme_id = s.scalar(
        select(Cohort.programme_id)
        .join(Enrolment, Enrolment.cohort_id == Cohort.id)
        .where(Enrolment.id == enrolment_id)
    )
    return s.scalar(
        select(RoleAssignment.person_id)
        .where(
            RoleAssignment.role == Role.COORDINATOR.value,
            or_(RoleAssignment.programme_id == programme_id, RoleAssignment.programme_id.is_(None)),
        )
        .order_by(RoleAssignment.programme_id.is_(None), RoleAssignment.id)
        .limit(1)
    )

