"""``tillitsleder units list|add|rename|merge|import``: the organisation register from the command line.

- ``list [--on DATE]`` prints departments and their units (code, validity, merges), with names as they were on
  ``DATE`` when given.
- ``add DEPARTMENT UNIT [--code CODE] [--from DATE]`` adds a unit (and the department when it is new).
- ``rename UNIT NAME [--on DATE]`` renames from ``DATE`` (default today); the old name stays for earlier days.
- ``merge UNIT --into UNIT [--on DATE]`` records the merge; nobody's unit changes.
- ``import FILE [--dry-run]`` imports an HR unit list (.xlsx or CSV: department, unit, code), all or nothing,
  after a backup.
``--municipality ID|NAME`` chooses the municipality where the database has several.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from tillitsleder.commands import fail, with_database
from tillitsleder.i18n import _, format_date, format_number, ngettext


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    units = commands.add_parser(
        "units",
        parents=[common],
        help=_("the organisation register: departments and units"),
        description=_("List, add, rename, merge and import the municipality's departments and units."),
    )
    actions = units.add_subparsers(dest="units_action", metavar=_("ACTION"), required=True, parser_class=type(units))
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument(
        "--municipality", metavar=_("ID|NAME"), help=_("the municipality, where the database has several")
    )
    listing = actions.add_parser(
        "list", parents=[common, where], help=_("departments and their units"), description=_("Print the register.")
    )
    listing.add_argument("--on", metavar=_("YYYY-MM-DD"), help=_("show the names as they were on this day"))
    listing.set_defaults(handler=run_list)
    add = actions.add_parser(
        "add",
        parents=[common, where],
        help=_("add a unit"),
        description=_("Add a unit to a department; the department is added when it is new."),
    )
    add.add_argument("department", metavar=_("DEPARTMENT"), help=_("the department's name"))
    add.add_argument("unit", metavar=_("UNIT"), help=_("the unit's name"))
    add.add_argument("--code", metavar=_("CODE"), help=_("the unit's code, such as the HR system's unit number"))
    add.add_argument("--from", dest="valid_from", metavar=_("YYYY-MM-DD"), help=_("the unit's first day"))
    add.set_defaults(handler=run_add)
    rename = actions.add_parser(
        "rename",
        parents=[common],
        help=_("rename a unit"),
        description=_("Rename a unit from a day on; reports for earlier days keep the old name."),
    )
    rename.add_argument("unit", metavar=_("ID|NAME"), help=_("the unit's id or name"))
    rename.add_argument("name", metavar=_("NAME"), help=_("the new name"))
    rename.add_argument("--on", metavar=_("YYYY-MM-DD"), help=_("the first day of the new name (default: today)"))
    rename.set_defaults(handler=run_rename)
    merge = actions.add_parser(
        "merge",
        parents=[common],
        help=_("merge a unit into another"),
        description=_(
            "Record that a unit merged into another on a day: it ends the day before; people and enrolments keep "
            "their unit, and later figures count it as the unit it merged into."
        ),
    )
    merge.add_argument("unit", metavar=_("ID|NAME"), help=_("the unit that merges"))
    merge.add_argument("--into", required=True, metavar=_("ID|NAME"), help=_("the unit it merges into"))
    merge.add_argument("--on", metavar=_("YYYY-MM-DD"), help=_("the day of the merge (default: today)"))
    merge.set_defaults(handler=run_merge)
    importing = actions.add_parser(
        "import",
        parents=[common, where],
        help=_("import a unit list from HR (.xlsx or CSV)"),
        description=_(
            "Import a unit list with the columns department, unit and code. Nothing is imported if any row has "
            "a problem; a backup is made first."
        ),
    )
    importing.add_argument("file", metavar=_("FILE"), help=_("the unit list (.xlsx or .csv)"))
    importing.add_argument("--dry-run", action="store_true", help=_("check the file and report; write nothing"))
    importing.set_defaults(handler=run_import)


def _day(text: str | None) -> date | None:
    if not text:
        return None
    from tillitsleder.errors import ValidationError
    from tillitsleder.i18n import N_

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(N_("“{value}” is not a date; write it as YYYY-MM-DD."), value=text) from None


def _open(args: argparse.Namespace, work) -> int:
    return with_database(args, work)


def _validity(unit) -> str:
    if unit.merged_into_name:
        return _("merged into {unit} on {day}").format(unit=unit.merged_into_name, day=format_date(unit.merged_on))
    if unit.valid_to:
        return _("ended {day}").format(day=format_date(unit.valid_to))
    if unit.valid_from:
        return _("from {day}").format(day=format_date(unit.valid_from))
    return ""


def run_list(args: argparse.Namespace) -> int:
    from tillitsleder import organisation

    def work(db) -> int:
        day = _day(args.on)
        municipality_id, _name = organisation.find_municipality(db, args.municipality)
        tree = [m for m in organisation.organisation_tree(db) if m.id == municipality_id]
        for municipality in tree:
            print(municipality.name)
            for department in municipality.departments:
                print(f"  {department.name}")
                for unit in department.units:
                    if day is not None and not unit.active_on(day):
                        continue
                    name = organisation.unit_name_on(db, unit.id, day) if day else unit.name
                    parts = [f"    {unit.id:>4}  {name}"]
                    if unit.code:
                        parts.append(f"[{unit.code}]")
                    if _validity(unit):
                        parts.append(f"({_validity(unit)})")
                    print(" ".join(parts))
        return 0

    return _open(args, work)


def run_add(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from tillitsleder import organisation
    from tillitsleder.model import Department

    def work(db) -> int:
        valid_from = _day(args.valid_from)
        municipality_id, _name = organisation.find_municipality(db, args.municipality)
        with db.read() as s:
            departments = s.scalars(select(Department).where(Department.municipality_id == municipality_id))
            found = [d.id for d in departments if d.name.casefold() == args.department.strip().casefold()]
        if found:
            department_id = found[0]
        else:
            department_id = organisation.add_department(db, municipality_id, args.department)
            print(_("Added the department “{name}”.").format(name=args.department.strip()))
        unit_id = organisation.add_unit(db, department_id, args.unit, code=args.code, valid_from=valid_from)
        print(_("Added the unit “{name}” (id {id}).").format(name=args.unit.strip(), id=unit_id))
        return 0

    return _open(args, work)


def run_rename(args: argparse.Namespace) -> int:
    from tillitsleder import organisation
    from tillitsleder.lookups import find_unit

    def work(db) -> int:
        on = _day(args.on)
        unit = find_unit(db, args.unit)
        organisation.rename_unit(db, unit.id, args.name, on=on)
        print(_("Renamed “{old}” to “{new}”.").format(old=unit.label, new=args.name.strip()))
        return 0

    return _open(args, work)


def run_merge(args: argparse.Namespace) -> int:
    from tillitsleder import clock, organisation
    from tillitsleder.lookups import find_unit

    def work(db) -> int:
        on = _day(args.on) or clock.today()
        unit, into = find_unit(db, args.unit), find_unit(db, args.into)
        organisation.merge_units(db, unit.id, into.id, on=on)
        print(
            _("“{unit}” merged into “{into}” on {day}.").format(unit=unit.label, into=into.label, day=format_date(on))
        )
        return 0

    return _open(args, work)


def run_import(args: argparse.Namespace) -> int:
    from tillitsleder import organisation
    from tillitsleder.organisation.units_import import UnitImportRefused, import_units

    def work(db) -> int:
        municipality_id, _name = organisation.find_municipality(db, args.municipality)
        try:
            result = import_units(db, Path(args.file), municipality_id, dry_run=args.dry_run)
        except UnitImportRefused as refused:
            for problem in refused.problems:
                print(_("Row {row}: {problem}").format(row=format_number(problem.row), problem=problem.message))
            return fail(str(refused), refused.exit_code)
        plan = result.plan
        lines = [
            ngettext("{n} new department", "{n} new departments", len(plan.new_departments)),
            ngettext("{n} new unit", "{n} new units", len(plan.new_units)),
            ngettext("{n} unit renamed", "{n} units renamed", len(plan.renamed)),
            ngettext("{n} unit moved", "{n} units moved", len(plan.moved)),
            ngettext("{n} unit given its code", "{n} units given their codes", len(plan.coded)),
            ngettext("{n} unit unchanged", "{n} units unchanged", plan.unchanged),
        ]
        counts = (len(plan.new_departments), len(plan.new_units), len(plan.renamed), len(plan.moved),
                  len(plan.coded), plan.unchanged)  # fmt: skip
        print(", ".join(line.format(n=format_number(n)) for line, n in zip(lines, counts, strict=True)) + ".")
        if args.dry_run:
            print(_("Nothing was written (--dry-run)."))
        elif result.written and result.backup is not None:
            print(_("Imported. A backup was made first."))
        elif result.written:
            print(_("Imported."))
        else:
            print(_("Nothing to import: the register already has these units."))
        return 0

    return _open(args, work)
