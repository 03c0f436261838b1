"""``tillitsleder export attendance --cohort ID|NAME -o FILE.xlsx|FILE.csv --db PATH``: the attendance register."""

from __future__ import annotations

import argparse
from pathlib import Path

from tillitsleder.commands import fail, require_db_argument
from tillitsleder.i18n import _, format_number, ngettext
from tillitsleder.storage.locations import database_target


def register(formats: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    command = formats.add_parser(
        "attendance",
        parents=[common],
        help=_("the attendance register as .xlsx or CSV"),
        description=_("Export a cohort's attendance register; the format follows the file name (.xlsx or .csv)."),
    )
    command.add_argument("--cohort", required=True, metavar=_("ID|NAME"), help=_("the cohort's id or name"))
    command.add_argument("-o", "--output", required=True, metavar=_("FILE"), help=_("the file to write"))
    command.set_defaults(handler=run_export_attendance)


def run_export_attendance(args: argparse.Namespace) -> int:
    from tillitsleder.attendance.export import export_format, export_register
    from tillitsleder.errors import TillitslederError
    from tillitsleder.lookups import find_cohort
    from tillitsleder.storage import open_database

    missing = require_db_argument(args)
    if missing is not None:
        return missing
    output = Path(args.output)
    try:
        export_format(output)
        if not output.parent.is_dir():
            return fail(_("The folder “{folder}” does not exist.").format(folder=output.parent))
        db = open_database(database_target(args.db), create=False)
        try:
            cohort = find_cohort(db, args.cohort)
            register = export_register(db, cohort.id, output)
        finally:
            db.close()
    except TillitslederError as error:
        return fail(str(error), error.exit_code)
    except OSError as error:
        return fail(_("Cannot write “{path}”: {reason}").format(path=output, reason=error.strerror or error))
    people = ngettext("{n} participant", "{n} participants", len(register.participants)).format(
        n=format_number(len(register.participants))
    )
    sessions = ngettext("{n} session", "{n} sessions", len(register.sessions)).format(
        n=format_number(len(register.sessions))
    )
    print(
        _("Attendance register of {cohort} written to {path}: {people}, {sessions}.").format(
            cohort=cohort.label, path=output, people=people, sessions=sessions
        )
    )
    if register.to_be_registered:
        print(
            ngettext(
                "{n} session is over but its attendance is not registered yet; it does not count until it is.",
                "{n} sessions are over but their attendance is not registered yet; they do not count until they are.",
                register.to_be_registered,
            ).format(n=format_number(register.to_be_registered))
        )
    return 0
