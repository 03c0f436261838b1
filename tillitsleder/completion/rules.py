"""A programme's completion rules (read and change them) and the coordinator's sign-off of participants.

The rules live in three places: the minimum attendance on the programme (the attendance register uses it too),
the ``required`` flag of each module, and the ``completion_rules`` row (journal entries, sign-off); a programme
without that row has the defaults (no journal entries needed, sign-off required). ``save_rules`` changes all
three in one transaction. Only the coordinator changes rules or signs off.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select, update

from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.attendance.rules import clean_min_attendance
from tillitsleder.audit import audit
from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.i18n import N_
from tillitsleder.model import (
    Cohort,
    CompletionRules,
    Module,
    Programme,
)
from tillitsleder.model.enums import Role
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
    minimum = clean_min_attendance(min_attendance)
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
