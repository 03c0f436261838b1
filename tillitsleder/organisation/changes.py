"""Changing the organisation register: departments and units added, renamed, moved, merged and ended, each in
one transaction with its audit row (ids and dates only, never the names typed).

A rename or move keeps the old name and department in ``unit_history`` until the day it takes effect; a merge
records "unit A merged into B on day D" and ends A the day before; nobody's unit id changes. Every change has
its way back (``revert_change``, ``unmerge_unit``, ``set_valid_to``, ``delete_unit`` of an unused unit), which
the settings' undo uses.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import exists, select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder import clock
from tillitsleder.audit import audit
from tillitsleder.errors import ValidationError
from tillitsleder.i18n import N_, format_date
from tillitsleder.model import Department, Enrolment, Person, Unit, UnitHistory, UnitMerge
from tillitsleder.organisation.validation import (
    check_code_free,
    check_department_name_free,
    check_range,
    check_unit_name_free,
    clean_code,
    clean_name,
    get_department,
    get_municipality,
    get_unit,
)
from tillitsleder.storage.database import Database
from tillitsleder.versions import check_seen, saving

# --- departments ----------------------------------------------------------------------------------------------


def add_department(db: Database, municipality_id: int, name: str) -> int:
    name = clean_name(name, what="department")
    with db.session() as s:
        get_municipality(s, municipality_id)
        check_department_name_free(s, municipality_id, name)
        department = Department(municipality_id=municipality_id, name=name)
        s.add(department)
        s.flush()
        audit(s, "department.added", "department", department.id, municipality_id=municipality_id)
        return department.id


def rename_department(db: Database, department_id: int, name: str) -> str:
    """Rename a department; returns the old name (for undo)."""
    name = clean_name(name, what="department")
    with db.session() as s:
        department = get_department(s, department_id)
        check_department_name_free(s, department.municipality_id, name, except_id=department_id)
        old, department.name = department.name, name
        audit(s, "department.renamed", "department", department_id)
        return old


def delete_department(db: Database, department_id: int) -> None:
    """Delete a department without units (the undo of adding one)."""
    with db.session() as s:
        department = get_department(s, department_id)
        if s.scalar(select(exists().where(Unit.department_id == department_id))) or s.scalar(
            select(exists().where(UnitHistory.department_id == department_id))
        ):
            raise ValidationError(N_("The department has units and cannot be removed."))
        s.delete(department)
        audit(s, "department.deleted", "department", department_id)


# --- units ----------------------------------------------------------------------------------------------------


def add_unit(
    db: Database, department_id: int, name: str, *, code: str | None = None, valid_from: date | None = None
) -> int:
    name, code = clean_name(name), clean_code(code)
    with db.session() as s:
        department = get_department(s, department_id)
        check_unit_name_free(s, department_id, name)
        check_code_free(s, department.municipality_id, code)
        unit = Unit(department_id=department_id, name=name, code=code, valid_from=valid_from)
        s.add(unit)
        s.flush()
        audit(s, "unit.added", "unit", unit.id, department_id=department_id)
        return unit.id


def delete_unit(db: Database, unit_id: int) -> None:
    """Delete a unit nobody refers to (the undo of adding one); a unit in use is ended instead."""
    with db.session() as s:
        unit = get_unit(s, unit_id)
        used = (
            select(exists().where(Person.unit_id == unit_id)),
            select(exists().where(Enrolment.unit_id == unit_id)),
            select(exists().where(UnitHistory.unit_id == unit_id)),
            select(exists().where((UnitMerge.unit_id == unit_id) | (UnitMerge.into_id == unit_id))),
        )
        if any(s.scalar(query) for query in used):
            raise ValidationError(N_("The unit is in use and cannot be removed; end it instead."))
        s.delete(unit)
        audit(s, "unit.deleted", "unit", unit_id)


def _last_change(s: OrmSession, unit_id: int) -> UnitHistory | None:
    return s.scalars(
        select(UnitHistory)
        .where(UnitHistory.unit_id == unit_id)
        .order_by(UnitHistory.until.desc(), UnitHistory.id.desc())
    ).first()


def record_history(s: OrmSession, unit: Unit, on: date) -> int:
    """Keep the unit's current name and department until ``on``; changes are recorded in date order."""
    last = _last_change(s, unit.id)
    if last is not None and on < last.until:
        raise ValidationError(
            N_("The unit was last changed on {day}; a later change cannot take effect before that."),
            day=format_date(last.until),
        )
    row = UnitHistory(unit_id=unit.id, name=unit.name, department_id=unit.department_id, until=on)
    s.add(row)
    s.flush()
    return row.id


def rename_unit(
    db: Database, unit_id: int, name: str, *, on: date | None = None, seen_version: int | None = None
) -> int:
    """Rename a unit from ``on`` (default today); the old name stays the unit's name before that day.
    Returns the history row's id. Refused (``ChangedElsewhere``) if saved elsewhere since ``seen_version``."""
    name, on = clean_name(name), on or clock.today()
    with saving(db, Unit, unit_id, entity="unit") as s:
        unit = get_unit(s, unit_id)
        check_seen(s, unit, seen_version, entity="unit")
        if unit.name == name:
            raise ValidationError(N_("The unit is already called “{name}”."), name=name)
        check_unit_name_free(s, unit.department_id, name, except_id=unit_id)
        history_id = record_history(s, unit, on)
        unit.name = name
        audit(s, "unit.renamed", "unit", unit_id, on=on.isoformat(), history_id=history_id)
        return history_id


def move_unit(db: Database, unit_id: int, department_id: int, *, on: date | None = None) -> int:
    """Move a unit to another department of the same municipality from ``on`` (default today)."""
    on = on or clock.today()
    with db.session() as s:
        unit = get_unit(s, unit_id)
        target = get_department(s, department_id)
        if department_id == unit.department_id:
            raise ValidationError(N_("The unit is already in that department."))
        if target.municipality_id != get_department(s, unit.department_id).municipality_id:
            raise ValidationError(N_("A unit can only move to a department of the same municipality."))
        check_unit_name_free(s, department_id, unit.name, except_id=unit_id)
        history_id = record_history(s, unit, on)
        old_department, unit.department_id = unit.department_id, department_id
        audit(s, "unit.moved", "unit", unit_id, on=on.isoformat(), source=old_department, target=department_id)
        return history_id


def revert_change(db: Database, unit_id: int) -> None:
    """Undo the unit's latest rename or move: its name and department from before, the history row gone."""
    with db.session() as s:
        unit = get_unit(s, unit_id)
        last = _last_change(s, unit_id)
        if last is None:
            raise ValidationError(N_("The unit has no earlier name or department to go back to."))
        check_unit_name_free(s, last.department_id, last.name, except_id=unit_id)
        unit.name, unit.department_id = last.name, last.department_id
        s.delete(last)
        audit(s, "unit.change_undone", "unit", unit_id, history_id=last.id)


def set_code(db: Database, unit_id: int, code: str | None, *, seen_version: int | None = None) -> str | None:
    """Give the unit a code (``None`` removes it); returns the old one. Refused (``ChangedElsewhere``) if the
    unit was saved elsewhere since ``seen_version``."""
    code = clean_code(code)
    with saving(db, Unit, unit_id, entity="unit") as s:
        unit = get_unit(s, unit_id)
        check_seen(s, unit, seen_version, entity="unit")
        check_code_free(s, get_department(s, unit.department_id).municipality_id, code, except_id=unit_id)
        old, unit.code = unit.code, code
        audit(s, "unit.code_set", "unit", unit_id)
        return old


def set_valid_to(
    db: Database, unit_id: int, valid_to: date | None, *, seen_version: int | None = None
) -> date | None:
    """End a unit after ``valid_to`` (its last day), or with ``None`` take it back into use; returns the old
    last day. A merged unit's end is its merge. Refused (``ChangedElsewhere``) if saved elsewhere since
    ``seen_version``."""
    with saving(db, Unit, unit_id, entity="unit") as s:
        unit = get_unit(s, unit_id)
        check_seen(s, unit, seen_version, entity="unit")
        if s.get(UnitMerge, unit_id) is not None:
            raise ValidationError(N_("The unit was merged into another; undo the merge to change its end."))
        check_range(unit.valid_from, valid_to)
        old, unit.valid_to = unit.valid_to, valid_to
        audit(s, "unit.ended" if valid_to else "unit.reopened", "unit", unit_id, valid_to=valid_to)
        return old


def merge_units(db: Database, unit_id: int, into_id: int, *, on: date | None = None) -> date | None:
    """Record that ``unit_id`` merged into ``into_id`` on ``on`` (default today): the unit ends the day before,
    nothing moves. Returns the unit's old last day (for ``unmerge_unit``)."""
    on = on or clock.today()
    with db.session() as s:
        unit, into = get_unit(s, unit_id), get_unit(s, into_id)
        if unit_id == into_id:
            raise ValidationError(N_("A unit cannot be merged into itself."))
        if s.get(UnitMerge, unit_id) is not None:
            raise ValidationError(N_("The unit has already been merged into another."))
        if s.get(UnitMerge, into_id) is not None:
            raise ValidationError(N_("The unit to merge into has itself been merged into another."))
        municipality = get_department(s, unit.department_id).municipality_id
        if get_department(s, into.department_id).municipality_id != municipality:
            raise ValidationError(N_("Only units of the same municipality can be merged."))
        if (into.valid_to is not None and into.valid_to < on) or (into.valid_from is not None and into.valid_from > on):
            raise ValidationError(N_("The unit to merge into is not in use on {day}."), day=format_date(on))
        last_day = on - timedelta(days=1)
        if unit.valid_to is not None and unit.valid_to < last_day:
            raise ValidationError(N_("The unit had already ended before {day}."), day=format_date(on))
        check_range(unit.valid_from, last_day)
        old, unit.valid_to = unit.valid_to, last_day
        s.add(UnitMerge(unit_id=unit_id, into_id=into_id, merged_on=on))
        audit(s, "unit.merged", "unit", unit_id, into=into_id, on=on.isoformat())
        return old


def unmerge_unit(db: Database, unit_id: int, *, valid_to: date | None = None) -> None:
    """Undo a merge: the merge record goes and the unit's last day is ``valid_to`` again."""
    with db.session() as s:
        unit = get_unit(s, unit_id)
        merge = s.get(UnitMerge, unit_id)
        if merge is None:
            raise ValidationError(N_("The unit has not been merged."))
        s.delete(merge)
        unit.valid_to = valid_to
        audit(s, "unit.unmerged", "unit", unit_id)
