"""The unit choices of ``tillitsleder import participants``: ``--create-units [DEPARTMENT]`` and
``--unit-alias "HR NAME=UNIT"`` turned into one ``UnitChoice`` per unit name the municipality lacks.

An alias is matched to the list's unknown names by ``unit_key`` (so "Hjemmetj. Nord" also covers
"hjemmetj nord"); UNIT is a registered unit's name, or "Name (Department)" where two departments share it.
An alias wins over ``--create-units``. A name neither covers stays a problem, and the command says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tillitsleder.i18n import _

if TYPE_CHECKING:
    from tillitsleder.enrolment.participant_list.importer import ImportPreview, UnitChoice
    from tillitsleder.storage import Database


def unit_choices(
    db: Database, cohort_id: int, preview: ImportPreview, create: str | None, aliases: list[str]
) -> dict[str, UnitChoice] | str:
    """unit key → choice for the preview's unknown units; a message (str) if an option is not understood."""
    from tillitsleder.enrolment.cohorts import unit_options
    from tillitsleder.enrolment.participant_list.columns import fold
    from tillitsleder.enrolment.participant_list.importer import UnitChoice
    from tillitsleder.enrolment.unit_names import unit_key

    options = unit_options(db, cohort_id)
    choices: dict[str, UnitChoice] = {}
    for text in aliases:
        name, separator, unit = text.rpartition("=")
        if not separator or not name.strip():
            return _("“{option}” is not HR NAME=UNIT.").format(option=text)
        if not unit.strip():
            choices[unit_key(name)] = UnitChoice.empty()
            continue
        found = [o for o in options if fold(o.label) == fold(unit)] or [
            o for o in options if fold(o.name) == fold(unit)
        ]
        if len(found) != 1:
            message = (
                _("Several units are named “{unit}”: write it as “Name (Department)”.")
                if found
                else _("There is no unit “{unit}” in the municipality that runs this programme.")
            )
            return message.format(unit=unit.strip())
        choices[unit_key(name)] = UnitChoice.map(found[0].id)
    if create is None:
        return choices
    departments = {fold(name): department_id for department_id, name in preview.departments}
    fallback = departments.get(fold(create)) if create.strip() else None
    if create.strip() and fallback is None:
        return _("There is no department “{department}” in the municipality that runs this programme.").format(
            department=create.strip()
        )
    for unknown in preview.unknown_units:
        if unknown.key in choices:
            continue
        department_id = unknown.department_id or fallback
        if department_id is None:
            return _(
                "The list names no registered department for the unit “{unit}”: give one with "
                "--create-units DEPARTMENT, or map the unit with --unit-alias."
            ).format(unit=unknown.name)
        choices[unknown.key] = UnitChoice.create(department_id, unknown.name)
    return choices
