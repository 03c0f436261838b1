"""Reading the organisation register: the tree (municipality → departments → units), a unit as it was on a
given day (``unit_on``/``unit_name_on``), and the unit a merged unit lives on in (``resolve_unit``).

People and enrolments keep the unit id they had. A rename or move leaves a ``UnitHistory`` row with the old
name and department and the day the change took effect (``until``, exclusive), so the name on a day is the
oldest history row whose ``until`` is after that day, else the current name. A merge is one ``UnitMerge`` row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.i18n import N_
from tillitsleder.model import Department, Municipality, Unit, UnitHistory, UnitMerge
from tillitsleder.organisation.validation import get_unit
from tillitsleder.storage.database import Database


@dataclass(frozen=True)
class UnitRow:
    id: int
    department_id: int
    name: str
    code: str | None
    valid_from: date | None
    valid_to: date | None
    merged_into_id: int | None = None
    merged_into_name: str | None = None
    merged_on: date | None = None

    def active_on(self, day: date) -> bool:
        """In use on ``day``: started (or no start known) and not ended or merged before it."""
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class DepartmentNode:
    id: int
    name: str
    units: list[UnitRow] = field(default_factory=list)


@dataclass(frozen=True)
class MunicipalityNode:
    id: int
    name: str
    departments: list[DepartmentNode] = field(default_factory=list)


@dataclass(frozen=True)
class UnitAsOf:
    """A unit as it was on a day: its name and department then."""

    unit_id: int
    name: str
    department_id: int
    department_name: str


def organisation_tree(db: Database) -> list[MunicipalityNode]:
    """Every municipality with its departments and their units (in use or not), sorted by name."""
    with db.read() as s:
        merges = {m.unit_id: m for m in s.execute(select(UnitMerge.unit_id, UnitMerge.into_id, UnitMerge.merged_on))}
        units = s.execute(  # plain rows, not entities: a city has thousands of units
            select(Unit.id, Unit.department_id, Unit.name, Unit.code, Unit.valid_from, Unit.valid_to)
        ).all()
        names = {u.id: u.name for u in units}
        by_department: dict[int, list[UnitRow]] = {}
        for u in units:
            merge = merges.get(u.id)
            row = UnitRow(
                u.id, u.department_id, u.name, u.code, u.valid_from, u.valid_to,
                merge.into_id if merge else None, names.get(merge.into_id) if merge else None,
                merge.merged_on if merge else None,
            )  # fmt: skip
            by_department.setdefault(u.department_id, []).append(row)
        departments: dict[int, list[DepartmentNode]] = {}
        for d in s.execute(select(Department.id, Department.municipality_id, Department.name)):
            rows = sorted(by_department.get(d.id, []), key=lambda r: r.name.casefold())
            departments.setdefault(d.municipality_id, []).append(DepartmentNode(d.id, d.name, rows))
        return [
            MunicipalityNode(m.id, m.name, sorted(departments.get(m.id, []), key=lambda d: d.name.casefold()))
            for m in sorted(s.execute(select(Municipality.id, Municipality.name)), key=lambda m: m.name.casefold())
        ]


def unit_as_of(s: OrmSession, unit_id: int, day: date) -> UnitAsOf:
    """The unit's name and department on ``day``, in an open session."""
    unit = get_unit(s, unit_id)
    earlier = s.scalars(
        select(UnitHistory)
        .where(UnitHistory.unit_id == unit_id, UnitHistory.until > day)
        .order_by(UnitHistory.until, UnitHistory.id)
        .limit(1)
    ).first()
    name, department_id = (earlier.name, earlier.department_id) if earlier else (unit.name, unit.department_id)
    department = s.get(Department, department_id)
    return UnitAsOf(unit_id, name, department_id, department.name if department else "")


def unit_on(db: Database, unit_id: int, day: date) -> UnitAsOf:
    with db.read() as s:
        return unit_as_of(s, unit_id, day)


def unit_name_on(db: Database, unit_id: int, day: date) -> str:
    """The unit's name as it was on ``day`` (a report for 2025 shows the name of 2025)."""
    return unit_on(db, unit_id, day).name


def resolve_in(s: OrmSession, unit_id: int, day: date) -> int:
    """The unit that ``unit_id`` is part of on ``day``: itself, or the unit it was merged into (followed along
    a chain of merges) when the merge took effect on or before ``day``."""
    seen = {unit_id}
    current = unit_id
    while True:
        merge = s.get(UnitMerge, current)
        if merge is None or merge.merged_on > day or merge.into_id in seen:
            return current
        current = merge.into_id
        seen.add(current)


def resolve_unit(db: Database, unit_id: int, day: date) -> int:
    with db.read() as s:
        get_unit(s, unit_id)
        return resolve_in(s, unit_id, day)


def find_municipality(db: Database, id_or_name: str | int | None = None) -> tuple[int, str]:
    """(id, name) of the municipality named by id or name; without one, the only municipality there is."""
    with db.read() as s:
        rows = [(m.id, m.name) for m in s.scalars(select(Municipality).order_by(Municipality.id))]
    if id_or_name is None or str(id_or_name).strip() == "":
        if len(rows) == 1:
            return rows[0]
        if not rows:
            raise NotFound(N_("The database has no municipality yet."))
        raise ValidationError(N_("The database has several municipalities; say which one with --municipality."))
    text = str(id_or_name).strip()
    found = [r for r in rows if (text.isdigit() and r[0] == int(text)) or r[1].casefold() == text.casefold()]
    if not found:
        raise NotFound(N_("There is no municipality “{name}”."), name=text)
    return found[0]
