"""A programme's completion rules (read and change them) and the coordinator's sign-off of participants.

The rules live in three places: the minimum attendance on the programme (the attendance register uses it too),
the ``required`` flag of each module, and the ``completion_rules`` row (journal entries, sign-off); a programme
without that row has the defaults (no journal entries needed, sign-off required). ``save_rules`` changes all
three in one transaction. Only the coordinator changes rules or signs off.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session as OrmSession

from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.i18n import N_
from tillitsleder.model import (
    Cohort,
    CompletionRules,
    CompletionSignOff,
    Enrolment,
    Module,
    Programme,
    RoleAssignment,
)
from tillitsleder.model.enums import Role
from tillitsleder.services.access import COORDINATOR, Actor
from tillitsleder.services.audit import audit
from tillitsleder.storage.database import Database

MAX_JOURNAL_ENTRIES = 500


@dataclass(frozen=True)
class RuleModule:
    id: int
    title: str
    hours: Decimal
    required: bool


@dataclass(frozen=True)
class RulesInfo:
    programme_id: int
    programme: str
    min_attendance: Decimal  # a fraction
    min_journal_entries: int
    requires_sign_off: bool
    modules: tuple[RuleModule, ...]  # in curriculum order

    @property
    def required_module_ids(self) -> tuple[int, ...]:
        return tuple(module.id for module in self.modules if module.required)


def read_rules(db: Database, programme_id: int) -> RulesInfo:
    with db.read() as s:
        programme = s.get(Programme, programme_id)
        if programme is None:
            raise NotFound(N_("There is no programme “{programme}”."), programme=str(programme_id))
        row = s.get(CompletionRules, programme_id)
        modules = s.execute(
            select(Module.id, Module.title, Module.hours, Module.required)
            .where(Module.programme_id == programme_id)
            .order_by(Module.position, Module.id)
        ).all()
        return RulesInfo(
            programme_id=programme_id,
            programme=programme.name,
            min_attendance=Decimal(programme.min_attendance),
            min_journal_entries=row.min_journal_entries if row else 0,
            requires_sign_off=row.requires_sign_off if row else True,
            modules=tuple(RuleModule(m.id, m.title, Decimal(m.hours), bool(m.required)) for m in modules),
        )


def rules_for_cohort(db: Database, cohort_id: int) -> RulesInfo:
    """The rules of the programme the cohort belongs to."""
    with db.read() as s:
        programme_id = s.scalar(select(Cohort.programme_id).where(Cohort.id == cohort_id))
    if programme_id is None:
        raise NotFound(N_("There is no cohort “{cohort}”."), cohort=str(cohort_id))
    return read_rules(db, programme_id)


def save_rules(
    db: Database,
    programme_id: int,
    *,
    min_attendance: Decimal | float | str,
    required_module_ids: list[int] | tuple[int, ...] | set[int],
    min_journal_entries: int,
    requires_sign_off: bool,
    actor: Actor = COORDINATOR,
) -> RulesInfo:
    """Change every rule at once; refused as a whole (nothing written) if any value is out of range."""
    actor.require(Role.COORDINATOR)
    try:
        minimum = Decimal(str(min_attendance))
    except (InvalidOperation, ValueError):
        minimum = Decimal(-1)
    if not minimum.is_finite() or not Decimal(0) <= minimum <= Decimal(1):
        raise ValidationError(N_("The minimum attendance must lie between 0 and 100 %."), field="min_attendance")
    if minimum != minimum.quantize(Decimal("0.001")):
        raise ValidationError(N_("The minimum attendance can have at most one decimal."), field="min_attendance")
    if isinstance(min_journal_entries, bool) or not isinstance(min_journal_entries, int):
        raise ValidationError(N_("The number of journal entries must be a whole number."), field="min_journal_entries")
    if not 0 <= min_journal_entries <= MAX_JOURNAL_ENTRIES:
        raise ValidationError(
            N_("The number of journal entries must lie between 0 and {limit}."),
            field="min_journal_entries",
            limit=MAX_JOURNAL_ENTRIES,
        )
    wanted = {int(module_id) for module_id in required_module_ids}
    with db.session() as s:
        if s.get(Programme, programme_id) is None:
            raise NotFound(N_("There is no programme “{programme}”."), programme=str(programme_id))
        modules = set(s.scalars(select(Module.id).where(Module.programme_id == programme_id)))
        if not wanted <= modules:
            raise ValidationError(N_("A required module does not belong to this programme."), field="modules")
        s.execute(update(Programme).where(Programme.id == programme_id).values(min_attendance=minimum))
        s.execute(
            update(Module)
            .where(Module.programme_id == programme_id)
            .values(required=Module.id.in_(wanted) if wanted else False)
        )
        row = s.get(CompletionRules, programme_id)
        if row is None:
            s.add(
                CompletionRules(
                    programme_id=programme_id,
                    min_journal_entries=min_journal_entries,
                    requires_sign_off=bool(requires_sign_off),
                )
            )
        else:
            row.min_journal_entries, row.requires_sign_off = min_journal_entries, bool(requires_sign_off)
        detail = {
            "min_attendance": str(minimum),
            "required_modules": sorted(wanted),
            "min_journal_entries": min_journal_entries,
            "requires_sign_off": bool(requires_sign_off),
        }
        audit(s, "completion.rules_saved", "programme", programme_id, **detail)
    return read_rules(db, programme_id)


def sign_off(db: Database, enrolment_id: int, *, actor: Actor = COORDINATOR, today: date | None = None) -> None:
    """Record the coordinator's sign-off. Refused while any other rule is unmet (the reasons are given)."""
    from tillitsleder.i18n import _
    from tillitsleder.services.completion import WAITING_FOR_SIGN_OFF, evaluate_participant

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

