"""Units created and named on the way: a new unit in a department of the cohort's municipality, and the aliases
a participant import remembers (an HR list's name for a registered unit, see ``model.unit_alias``)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from tillitsleder.enrolment.unit_names import unit_key
from tillitsleder.errors import ValidationError
from tillitsleder.i18n import N_
from tillitsleder.model import Department, Unit, UnitAlias

UNIT_NAME_LIMIT = 200


def create_unit(session: Session, municipality_id: int, department_id: int, name: str) -> int:
    """A new unit ``name`` in the department (which must belong to ``municipality_id``); its id.

    A unit of that name already in the department is returned as it is.
    """
    name = " ".join(name.split())
    if not name:
        raise ValidationError(N_("Fill in the unit's name."))
    if len(name) > UNIT_NAME_LIMIT:
        raise ValidationError(N_("The unit's name is longer than {limit} characters."), limit=UNIT_NAME_LIMIT)
    owner = session.scalar(select(Department.municipality_id).where(Department.id == department_id))
    if owner is None or owner != municipality_id:
        raise ValidationError(N_("The department does not belong to the municipality that runs this programme."))
    existing = session.scalar(select(Unit.id).where(Unit.department_id == department_id, Unit.name == name))
    if existing is not None:
        return existing
    unit = Unit(department_id=department_id, name=name)
    session.add(unit)
    session.flush()
    return unit.id


def load_aliases(session: Session, municipality_id: int) -> dict[str, int]:
    """Folded alias → unit id, for the municipality."""
    rows = session.execute(
        select(UnitAlias.alias, UnitAlias.unit_id).where(UnitAlias.municipality_id == municipality_id)
    )
    return {alias: unit_id for alias, unit_id in rows}


def remember_aliases(session: Session, municipality_id: int, aliases: Mapping[str, int]) -> int:
    """Store ``aliases`` (HR name or its key → unit id), replacing what the same names meant before; how many."""
    stored = {row.alias: row for row in session.scalars(
        select(UnitAlias).where(UnitAlias.municipality_id == municipality_id)
    )}  # fmt: skip
    count = 0
    for name, unit_id in aliases.items():
        key = unit_key(name)
        if not key:
            continue
        row = stored.get(key)
        if row is None:
            stored[key] = row = UnitAlias(municipality_id=municipality_id, alias=key, unit_id=unit_id)
            session.add(row)
        row.unit_id = unit_id
        count += 1
    session.flush()
    return count
