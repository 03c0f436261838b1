"""``tillitsleder import participants FILE --cohort ID|NAME [--dry-run] [--column HEADER=FIELD]
[--create-units [DEPARTMENT]] [--unit-alias "HR NAME=UNIT"]``.

Prints every problem row (row number, column, reason) and a summary. If any row has a problem the command
exits non-zero and changes nothing; ``--dry-run`` never writes. Headers are recognised in Norwegian, Swedish
and English; ``--column "Tilsatt nr=employee_number"`` maps any other header. The help lists the fields in the
user's language (``--column "Tilsatt nr=ansattnummer"`` in nb); the English keys are always accepted too. A unit
the municipality has not registered is created with ``--create-units`` (in the department the row names, else in
DEPARTMENT), mapped to a registered unit with ``--unit-alias "Hjemmetj. Nord=Hjemmetjenesten sone Nord"`` or left
empty with ``--unit-alias "NAME="``; either way the import remembers the name for the next list (``unit_choices``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tillitsleder.commands import fail, require_db_argument
from tillitsleder.commands.import_units import unit_choices
from tillitsleder.i18n import LANGUAGES, NC_, _, format_number, ngettext, pgettext, pgettext_in
from tillitsleder.storage.locations import database_target

FIELD_CONTEXT = "import field key"
# Field key → the word for it on the command line (one word, no spaces), translated in the context above.
FIELD_WORDS: dict[str, str] = {
    "first_name": NC_("import field key", "first_name"),
    "last_name": NC_("import field key", "last_name"),
    "full_name": NC_("import field key", "full_name"),
    "email": NC_("import field key", "email"),
    "employee_number": NC_("import field key", "employee_number"),
    "unit": NC_("import field key", "unit"),
    "department": NC_("import field key", "department"),
    "position": NC_("import field key", "position"),
}


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    group = commands.add_parser(
        "import", parents=[common], help=_("import data from a file"), description=_("Import data from a file.")
    )
    kinds = group.add_subparsers(dest="kind", metavar=_("WHAT"), required=True, parser_class=type(group))
    participants = kinds.add_parser(
        "participants",
        parents=[common],
        help=_("enrol participants from an .xlsx or CSV file"),
        description=_(
            "Enrol the people in an .xlsx or CSV participant list in a cohort. Nothing is imported if any "
            "row has a problem."
        ),
    )
    participants.add_argument("file", metavar=_("FILE"), help=_("the participant list (.xlsx or .csv)"))
    participants.add_argument("--cohort", required=True, metavar=_("ID|NAME"), help=_("the cohort's id or name"))
    participants.add_argument("--dry-run", action="store_true", help=_("check the file and report; write nothing"))
    participants.add_argument(
        "--column",
        action="append",
        default=[],
        metavar=_("HEADER=FIELD"),
        help=_("use the column with this header for a field ({fields})").format(fields=", ".join(_field_keys())),
    )
    participants.add_argument(
        "--create-units",
        nargs="?",
        const="",
        default=None,
        metavar=_("DEPARTMENT"),
        help=_("create the units the municipality lacks, in the department the row names, else in DEPARTMENT"),
    )
    participants.add_argument(
        "--unit-alias",
        action="append",
        default=[],
        metavar=_("HR NAME=UNIT"),
        help=_("record the unit HR NAME as the registered unit UNIT (“Name” or “Name (Department)”); "
               "an empty UNIT leaves the unit empty"),
    )  # fmt: skip
    participants.set_defaults(handler=run_import)


def _field_keys() -> list[str]:
    """The fields as the user's language names them on the command line."""
    return [pgettext(FIELD_CONTEXT, word) for word in FIELD_WORDS.values()]


def field_of(word: str) -> str | None:
    """The field key ``word`` names: the English key or the word of any of the app's languages."""
    folded = word.strip().casefold()
    for key, msgid in FIELD_WORDS.items():
        if folded == key or any(folded == pgettext_in(lang, FIELD_CONTEXT, msgid).casefold() for lang in LANGUAGES):
            return key
    return None


def _mapping(headers: list[str], options: list[str]) -> dict[int, str] | str:
    """The recognised headers plus ``--column`` choices; a message (str) if an option is not understood."""
    from tillitsleder.enrolment.participant_list.columns import fold, guess_mapping

    mapping = guess_mapping(headers)
    folded = [fold(header) for header in headers]
    for option in options:
        header, _sep, key = option.rpartition("=")
        key = field_of(key)
        if key is None or fold(header) not in folded:
            return _("“{option}” is not HEADER=FIELD with a header of the file and one of: {fields}.").format(
                option=option, fields=", ".join(_field_keys())
            )
        mapping = {index: field for index, field in mapping.items() if field != key}
        mapping[folded.index(fold(header))] = key
    return mapping


def run_import(args: argparse.Namespace) -> int:
    from tillitsleder.enrolment.participant_list.files import read_table
    from tillitsleder.enrolment.participant_list.importer import check_mapping, import_participants, preview_import
    from tillitsleder.errors import ValidationError
    from tillitsleder.lookups import find_cohort
    from tillitsleder.storage import open_database

    missing = require_db_argument(args)
    if missing is not None:
        return missing
    table = read_table(Path(args.file))
    mapping = _mapping(table.headers, args.column)
    if isinstance(mapping, str):
        return fail(mapping)
    try:
        check_mapping(mapping, len(table.headers))
    except ValidationError as error:
        headers = ", ".join(f"“{h}”" for h in table.headers)
        return fail(error.user_message() + " " + _("The file's columns: {headers}.").format(headers=headers))
    db = open_database(database_target(args.db), create=False)
    try:
        cohort = find_cohort(db, args.cohort)
        preview = preview_import(db, cohort.id, table, mapping)
        choices = unit_choices(db, cohort.id, preview, args.create_units, args.unit_alias)
        if isinstance(choices, str):
            return fail(choices)
        if choices:
            preview = preview_import(db, cohort.id, table, mapping, units=choices)
        _print_report(preview, table.headers)
        problems = len(preview.problem_rows)
        print(
            _("{rows} in “{file}” for {cohort}: {problems}, {new} new, {existing} already known.").format(
                rows=ngettext("{n} row", "{n} rows", len(preview.rows)).format(n=format_number(len(preview.rows))),
                file=table.name,
                cohort=cohort.label,
                problems=ngettext("{n} with problems", "{n} with problems", problems).format(n=format_number(problems)),
                new=format_number(preview.new),
                existing=format_number(preview.existing),
            )
        )
        if problems and all(issue.code == "unknown_unit" for row in preview.problem_rows for issue in row.problems):
            print(_("Nothing was imported. Run the command again with --create-units or --unit-alias for the "
                    "units above."), file=sys.stderr)  # fmt: skip
            return 2
        if problems:
            print(_("Nothing was imported. Correct the rows above and run the command again."), file=sys.stderr)
            return 2
        if args.dry_run:
            print(_("Dry run: nothing was written."))
            return 0
        result = import_participants(db, cohort.id, table, mapping, units=choices)
        print(
            ngettext("{n} participant enrolled.", "{n} participants enrolled.", result.enrolled).format(
                n=format_number(result.enrolled)
            )
        )
        if result.units_created or result.units_mapped:
            print(_("Units created: {created}; unit names mapped to registered units: {mapped}.").format(
                created=format_number(result.units_created), mapped=format_number(result.units_mapped)
            ))  # fmt: skip
        return 0
    finally:
        db.close()


def _print_report(preview, headers: list[str]) -> None:
    for row in preview.rows:
        for issue in row.problems:
            column = headers[issue.column] if issue.column is not None and headers[issue.column] else "—"
            reason = issue.text()
            if issue.code == "unknown_unit":
                reason = _(
                    "The unit “{value}” is not registered in {municipality}: use --create-units to create it or "
                    "--unit-alias “{value}=UNIT” to map it to a registered unit."
                ).format(**issue.fields)
            print(_("Row {row}, {column}: {reason}").format(row=format_number(row.line), column=column, reason=reason))
    for row in preview.rows:
        if row.ok:
            for issue in row.notices:
                print(_("Row {row}: {note}").format(row=format_number(row.line), note=issue.text()))
