"""Importing a unit list from HR (``.xlsx`` or CSV with the columns department, unit and code): all or nothing.

The file is read with the participant import's hardened reader (``enrolment.participant_list.files``: size,
zip and XML checks, encodings, delimiters). Each row names a department and a unit, optionally with the unit's
code. A row whose code is known updates that unit (rename and move from today, keeping its history); otherwise
a row whose department and unit name are known (ignoring case) gives that unit the code if it has none;
anything else is added, with its department when that is new. Every row is checked first: if one has a
problem, nothing is written and every problem is reported with its row number. Otherwise a backup is made
(``before-units-import``) and everything is written in one transaction with one audit row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder import clock
from tillitsleder.audit import audit
from tillitsleder.enrolment.participant_list.columns import fold
from tillitsleder.enrolment.participant_list.files import read_table
from tillitsleder.errors import ValidationError
from tillitsleder.i18n import N_, _, format_number
from tillitsleder.model import Department, Unit
from tillitsleder.organisation.changes import record_history
from tillitsleder.organisation.validation import clean_code, clean_name
from tillitsleder.storage.database import Database

HEADERS = {  # folded headers (see ``fold``) in Norwegian, Swedish, Danish and English
    "department": {
        "department", "avdeling", "sektor", "forvaltning", "omrade", "tjenesteomrade", "divisjon", "avdelning",
        "afdeling", "forvaltningsomrade",
    },
    "unit": {
        "unit", "enhet", "enhetsnavn", "unitname", "verksamhet", "virksomhet", "enhed", "enhedsnavn", "enhetsnamn",
    },
    "code": {
        "code", "kode", "kod", "enhetskode", "enhetsnummer", "orgnr", "orgenhet", "orgunit", "enhetsid", "enhetskod",
        "enhedskode", "enhedsnummer", "enhedsid",
    },
}  # fmt: skip


@dataclass(frozen=True)
class UnitRowProblem:
    row: int
    message: str  # translated


@dataclass
class UnitImportPlan:
    new_departments: list[str] = field(default_factory=list)
    new_units: list[tuple[str, str, str | None]] = field(default_factory=list)  # department, unit, code
    renamed: list[tuple[int, str]] = field(default_factory=list)  # unit id, new name
    moved: list[tuple[int, str]] = field(default_factory=list)  # unit id, department name
    coded: list[tuple[int, str]] = field(default_factory=list)  # unit id, code
    unchanged: int = 0
    problems: list[UnitRowProblem] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return len(self.new_departments) + len(self.new_units) + len(self.renamed) + len(self.moved) + len(self.coded)


@dataclass(frozen=True)
class UnitImportResult:
    plan: UnitImportPlan
    written: bool
    backup: Path | None = None


class UnitImportRefused(ValidationError):
    """Some rows have problems (``problems``); nothing was imported."""

    def __init__(self, problems: list[UnitRowProblem]) -> None:
        super().__init__(
            N_("Nothing was imported: {count} of the rows have problems."), count=format_number(len(problems))
        )
        self.problems = problems


FileRow = tuple[int, str, str, str]  # row number, department, unit, code


def read_unit_rows(path: Path | str, *, progress=None, cancelled=None) -> list[FileRow]:
    """The file's rows as (row number, department, unit, code), found by their headers."""
    table = read_table(path, progress=progress, cancelled=cancelled)
    columns: dict[str, int] = {}
    for index, header in enumerate(table.headers):
        for key, names in HEADERS.items():
            if fold(header) in names and key not in columns:
                columns[key] = index
    if "department" not in columns or "unit" not in columns:
        raise ValidationError(
            N_("“{name}” needs a column “department” and a column “unit” (a column “code” is optional)."),
            name=table.name,
        )
    code = columns.get("code")
    return [
        (number, row[columns["department"]], row[columns["unit"]], row[code] if code is not None else "")
        for number, row in table.rows
    ]


def plan_import(s: OrmSession, municipality_id: int, rows: list[FileRow]) -> UnitImportPlan:
    """What importing ``rows`` would do, with every problem found."""
    plan = UnitImportPlan()
    departments = {
        d.name.casefold(): d for d in s.scalars(select(Department).where(Department.municipality_id == municipality_id))
    }
    units = list(s.scalars(select(Unit).where(Unit.department_id.in_([d.id for d in departments.values()]))))
    by_code = {u.code.casefold(): u for u in units if u.code}
    by_name = {(u.department_id, u.name.casefold()): u for u in units}
    seen_codes: dict[str, int] = {}
    seen_names: dict[tuple[str, str], int] = {}
    new_departments: dict[str, str] = {}
    for number, department_text, unit_text, code_text in rows:
        try:
            department_name = clean_name(department_text, what="department")
            unit_name = clean_name(unit_text)
            code = clean_code(code_text)
        except ValidationError as error:
            plan.problems.append(UnitRowProblem(number, error.user_message()))
            continue
        key = (department_name.casefold(), unit_name.casefold())
        if key in seen_names:
            plan.problems.append(UnitRowProblem(number, _("The same unit is also in row {row}.").format(
                row=format_number(seen_names[key]))))  # fmt: skip
            continue
        seen_names[key] = number
        if code is not None:
            if code.casefold() in seen_codes:
                plan.problems.append(UnitRowProblem(number, _("The code “{code}” is also in row {row}.").format(
                    code=code, row=format_number(seen_codes[code.casefold()]))))  # fmt: skip
                continue
            seen_codes[code.casefold()] = number
        department = departments.get(department_name.casefold())
        if department is None and department_name.casefold() not in new_departments:
            new_departments[department_name.casefold()] = department_name
            plan.new_departments.append(department_name)
        existing = by_code.get(code.casefold()) if code else None
        if existing is not None:
            clash = by_name.get((department.id, unit_name.casefold())) if department is not None else None
            if clash is not None and clash.id != existing.id:
                plan.problems.append(UnitRowProblem(number, _(
                    "The code “{code}” belongs to another unit, and the department already has a unit called “{name}”."
                ).format(code=code, name=unit_name)))  # fmt: skip
                continue
            changed = False
            if existing.name.casefold() != unit_name.casefold():  # the register keeps its own spelling
                plan.renamed.append((existing.id, unit_name))
                changed = True
            if department is None or department.id != existing.department_id:
                plan.moved.append((existing.id, department_name))
                changed = True
            plan.unchanged += not changed
            continue
        named = by_name.get((department.id, unit_name.casefold())) if department is not None else None
        if named is None:
            plan.new_units.append((department_name, unit_name, code))
        elif code is not None and named.code is None:
            plan.coded.append((named.id, code))
        elif code is not None and named.code.casefold() != code.casefold():
            plan.problems.append(UnitRowProblem(number, _(
                "The unit “{name}” has the code “{known}” in the register, but “{code}” in the file."
            ).format(name=unit_name, known=named.code, code=code)))  # fmt: skip
        else:
            plan.unchanged += 1
    return plan


def _apply(s: OrmSession, municipality_id: int, plan: UnitImportPlan) -> None:
    departments = {
        d.name.casefold(): d for d in s.scalars(select(Department).where(Department.municipality_id == municipality_id))
    }
    for name in plan.new_departments:
        department = Department(municipality_id=municipality_id, name=name)
        s.add(department)
        departments[name.casefold()] = department
    s.flush()
    today = clock.today()
    targets = {unit_id: departments[name.casefold()].id for unit_id, name in plan.moved}
    names = dict(plan.renamed)
    for unit_id in sorted(set(targets) | set(names)):
        unit = s.get(Unit, unit_id)
        assert unit is not None
        record_history(s, unit, today)
        unit.name = names.get(unit_id, unit.name)
        unit.department_id = targets.get(unit_id, unit.department_id)
    s.flush()  # renamed units free their old names before new units take them
    for unit_id, code in plan.coded:
        unit = s.get(Unit, unit_id)
        assert unit is not None
        unit.code = code
    for department_name, unit_name, code in plan.new_units:
        s.add(Unit(department_id=departments[department_name.casefold()].id, name=unit_name, code=code))
    s.flush()
    audit(
        s, "units.imported", "municipality", municipality_id,
        departments=len(plan.new_departments), units=len(plan.new_units), renamed=len(plan.renamed),
        moved=len(plan.moved), coded=len(plan.coded),
    )  # fmt: skip


def import_units(
    db: Database,
    path: Path | str,
    municipality_id: int,
    *,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> UnitImportResult:
    """Import the unit list at ``path`` into the municipality: all rows or none (``UnitImportRefused``)."""
    from tillitsleder.storage.backups import backup_before

    rows = read_unit_rows(path, progress=progress, cancelled=cancelled)
    with db.read() as s:
        plan = plan_import(s, municipality_id, rows)
    if plan.problems:
        raise UnitImportRefused(plan.problems)
    if dry_run or plan.changes == 0:
        return UnitImportResult(plan, written=False)
    backup = backup_before(db, "units-import")
    with db.session() as s:
        plan = plan_import(s, municipality_id, rows)  # again, in the writing transaction
        if plan.problems:
            raise UnitImportRefused(plan.problems)
        _apply(s, municipality_id, plan)
    return UnitImportResult(plan, written=True, backup=backup)
