"""The organisation register's rules: names not blank and unique within their department (ignoring case), codes
unique within the municipality, and a unit's validity never ending before it starts. Each refusal is a
translated ``ValidationError``; the names and codes typed stay out of the log."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.i18n import N_, format_date, format_number
from tillitsleder.model import Department, Municipality, Unit

MAX_NAME = 200
MAX_CODE = 50


def clean_name(name: str, *, what: str = "unit") -> str:
    """``name`` without surrounding spaces; refused when blank or too long."""
    text = " ".join((name or "").split())
    if not text:
        if what == "department":
            raise ValidationError(N_("Give the department a name."))
        raise ValidationError(N_("Give the unit a name."))
    if len(text) > MAX_NAME:
        raise ValidationError(N_("A name can be at most {limit} characters long."), limit=format_number(MAX_NAME))
    return text


def clean_code(code: str | None) -> str | None:
    """A code without surrounding spaces, ``None`` when empty; refused when too long."""
    text = (code or "").strip()
    if len(text) > MAX_CODE:
        raise ValidationError(N_("A code can be at most {limit} characters long."), limit=format_number(MAX_CODE))
    return text or None


def check_range(valid_from: date | None, valid_to: date | None) -> None:
    if valid_from is not None and valid_to is not None and valid_to < valid_from:
        raise ValidationError(
            N_("A unit cannot end ({valid_to}) before it starts ({valid_from})."),
            valid_to=format_date(valid_to),
            valid_from=format_date(valid_from),
        )


def check_unit_name_free(s: OrmSession, department_id: int, name: str, *, except_id: int | None = None) -> None:
    """No other unit of the department, in use or not, has this name in any case (Python's casefold: SQLite's
    ``lower()`` folds ASCII only)."""
    names = s.scalars(select(Unit.name).where(Unit.department_id == department_id, Unit.id != (except_id or -1)))
    if any(other.casefold() == name.casefold() for other in names):
        raise ValidationError(N_("The department already has a unit called “{name}”."), name=name)


def check_department_name_free(s: OrmSession, municipality_id: int, name: str, *, except_id: int | None = None) -> None:
    names = s.scalars(
        select(Department.name).where(Department.municipality_id == municipality_id, Department.id != (except_id or -1))
    )
    if any(other.casefold() == name.casefold() for other in names):
        raise ValidationError(N_("There is already a department called “{name}”."), name=name)


def check_code_free(s: OrmSession, municipality_id: int, code: str | None, *, except_id: int | None = None) -> None:
    """No other unit of the municipality has this code (ignoring case)."""
    if code is None:
        return
    codes = s.scalars(
        select(Unit.code)
        .join(Department, Department.id == Unit.department_id)
        .where(Department.municipality_id == municipality_id, Unit.code.is_not(None), Unit.id != (except_id or -1))
    )
    if any(other.casefold() == code.casefold() for other in codes):
        raise ValidationError(N_("Another unit already has the code “{code}”."), code=code)


def get_unit(s: OrmSession, unit_id: int) -> Unit:
    unit = s.get(Unit, unit_id)
    if unit is None:
        raise NotFound(N_("The unit no longer exists; it may have been deleted elsewhere."))
    return unit


def get_department(s: OrmSession, department_id: int) -> Department:
    department = s.get(Department, department_id)
    if department is None:
        raise NotFound(N_("The department no longer exists; it may have been deleted elsewhere."))
    return department


def get_municipality(s: OrmSession, municipality_id: int) -> Municipality:
    municipality = s.get(Municipality, municipality_id)
    if municipality is None:
        raise NotFound(N_("The municipality no longer exists."))
    return municipality
