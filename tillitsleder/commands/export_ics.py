"""``tillitsleder export ics (--cohort ID|NAME | --facilitator ID|E-MAIL) -o FILE.ics --db PATH``: a cohort's sessions,
or a facilitator's calendar (``facilitators.calendar_file``, the same as in the app), as an iCalendar file for
Outlook; ``--cancellations`` also writes one cancellation notice per cancelled session."""

from __future__ import annotations

import argparse
from pathlib import Path

from tillitsleder.commands import fail, require_db_argument
from tillitsleder.i18n import _, format_number, ngettext
from tillitsleder.storage.locations import database_target


def register(formats: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    command = formats.add_parser(
        "ics",
        parents=[common],
        help=_("sessions as an iCalendar file for Outlook"),
        description=_(
            "Export sessions as an iCalendar (.ics) file. Importing it again after changes updates the "
            "appointments instead of adding new ones."
        ),
    )
    whose = command.add_mutually_exclusive_group(required=True)
    whose.add_argument("--cohort", metavar=_("ID|NAME"), help=_("the cohort's id or name"))
    whose.add_argument(
        "--facilitator",
        metavar=_("ID|E-MAIL"),
        help=_("a facilitator's id or e-mail: their sessions, group meetings and table days in all cohorts"),
    )
    command.add_argument("-o", "--output", required=True, metavar=_("FILE"), help=_("the file to write"))
    command.add_argument(
        "--cancellations",
        action="store_true",
        help=_("also write a cancellation notice (METHOD:CANCEL) for each cancelled session, next to FILE"),
    )
    command.add_argument("--organizer", metavar=_("E-MAIL"), help=_("the organiser's e-mail address"))
    command.set_defaults(handler=run_export_ics)


def run_export_ics(args: argparse.Namespace) -> int:
    from tillitsleder.errors import TillitslederError
    from tillitsleder.facilitators import calendar_file as facilitator_calendar
    from tillitsleder.lookups import find_cohort
    from tillitsleder.sessions import calendar_file as calendar_export
    from tillitsleder.sessions.scheduling import find_facilitator
    from tillitsleder.storage import open_database

    missing = require_db_argument(args)
    if missing is not None:
        return missing
    output = Path(args.output)
    if output.is_dir():
        return fail(_("“{path}” is a folder; give a file name such as sessions.ics.").format(path=output))
    if not output.parent.is_dir():
        return fail(_("The folder “{folder}” does not exist.").format(folder=output.parent))
    if args.organizer is not None and "@" not in args.organizer.strip("@"):
        return fail(_("“{value}” is not an e-mail address.").format(value=args.organizer))
    notices: list[Path] = []
    try:
        db = open_database(database_target(args.db), create=False)
        try:
            if args.cohort:
                whose = find_cohort(db, args.cohort)
                written = calendar_export.export_cohort(db, whose.id, output, organizer=args.organizer)
                if args.cancellations:
                    notices = calendar_export.export_cancellations(
                        db, whose.id, output.parent, stem=output.stem + "-cancelled", organizer=args.organizer
                    )
            else:
                whose = find_facilitator(db, args.facilitator)
                written = facilitator_calendar.export_facilitator_calendar(
                    db, whose.id, output, organizer=args.organizer
                )
                if args.cancellations:
                    notices = facilitator_calendar.export_facilitator_cancellations(
                        db, whose.id, output.parent, stem=output.stem + "-cancelled", organizer=args.organizer
                    )
        finally:
            db.close()
    except TillitslederError as error:
        return fail(str(error), error.exit_code)
    if args.cohort:
        sessions = ngettext("{n} session", "{n} sessions", written.events).format(n=format_number(written.events))
    else:
        sessions = ngettext("{n} event", "{n} events", written.events).format(n=format_number(written.events))
    print(
        _("Calendar of {name} written to {path}: {sessions}.").format(name=whose.label, path=output, sessions=sessions)
    )
    if written.cancelled:
        print(
            ngettext(
                "{n} cancelled session is marked as cancelled.",
                "{n} cancelled sessions are marked as cancelled.",
                written.cancelled,
            ).format(n=format_number(written.cancelled))
        )
    for path in notices:
        print(_("Cancellation notice: {path}").format(path=path))
    return 0
