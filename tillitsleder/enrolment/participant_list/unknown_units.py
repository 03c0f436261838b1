"""Unit names a participant list uses that the municipality has not registered: gathering them with the rows
that use them and the closest registered units, checking the caller's choices, and carrying them out in the
import's transaction (creating units, remembering names as aliases). The choices themselves: ``unit_choices``.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from tillitsleder.enrolment.participant_list.checks import Known, PreviewRow
from tillitsleder.enrolment.participant_list.columns import fold
from tillitsleder.enrolment.participant_list.unit_choices import Action, UnitChoice, UnknownUnit
from tillitsleder.enrolment.unit_names import closest, unit_key
from tillitsleder.enrolment.units import create_unit, remember_aliases
from tillitsleder.errors import ValidationError
from tillitsleder.i18n import N_


def unknown_units(rows: list[PreviewRow], known: Known) -> list[UnknownUnit]:
    """The unknown unit names of ``rows`` in the order the list first uses them."""
    found: dict[str, UnknownUnit] = {}
    candidates = [(unit_id, name) for unit_id, (name, _department) in known.unit_names.items()]
    for row in rows:
        if not any(issue.code == "unknown_unit" for issue in row.problems):
            continue
        key = unit_key(row.unit)
        entry = found.get(key)
        if entry is None:
            department = known.departments.get(fold(row.department)) if row.department else None
            found[key] = entry = UnknownUnit(
                key, row.unit, row.department, department[0] if department else None,
                suggestions=closest(row.unit, candidates),
            )  # fmt: skip
        entry.lines.append(row.line)
    return list(found.values())


def check_choices(choices: Mapping[str, UnitChoice], known: Known) -> None:
    """Refuse a choice that names a unit or department outside the cohort's municipality."""
    departments = {department_id for department_id, _name in known.departments.values()}
    for choice in choices.values():
        if choice.action is Action.MAP and choice.unit_id not in known.unit_names:
            raise ValidationError(N_("A unit chosen for the list is not registered in {municipality}."),
                                  municipality=known.municipality)  # fmt: skip
        if choice.action is Action.CREATE and choice.department_id not in departments:
            raise ValidationError(N_("A department chosen for a new unit is not registered in {municipality}."),
                                  municipality=known.municipality)  # fmt: skip


def write_choices(
    session: Session, known: Known, choices: Mapping[str, UnitChoice], rows: list[PreviewRow]
) -> tuple[int, int]:
    """Create the units chosen to be created that ``rows`` use, give those rows their unit, remember every
    created and mapped name as an alias; (units created, names mapped). Runs in the import's transaction."""
    created: dict[str, int] = {}
    aliases: dict[str, int] = {}
    for row in rows:
        if not row.new_unit:
            continue
        unit_id = created.get(row.new_unit)
        if unit_id is None:
            choice = choices[row.new_unit]
            assert choice.department_id is not None
            unit_id = create_unit(session, known.municipality_id, choice.department_id, choice.name or row.unit)
            created[row.new_unit] = aliases[row.unit] = unit_id
        row.unit_id = unit_id
    mapped = {unit_key(row.unit) for row in rows if row.unit_choice is Action.MAP}
    for row in rows:
        if row.unit_choice is Action.MAP and row.unit_id is not None:
            aliases.setdefault(row.unit, row.unit_id)
    remember_aliases(session, known.municipality_id, aliases)
    return len(created), len(mapped)
