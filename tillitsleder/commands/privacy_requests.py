"""Access requests and erasure, actions of ``tillitsleder privacy``.

``privacy export --person ID|EMAIL -o FILE.zip`` writes a person's access export; ``privacy erase --person
ID|EMAIL [--dry-run] [--include-certificates] [--yes]`` shows what erasing them does and, unless it is a dry
run, does it after a backup (asking first, unless ``--yes``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tillitsleder.commands import fail, require_db_argument
from tillitsleder.i18n import LANGUAGES, _, format_date, format_number
from tillitsleder.storage.locations import database_target


def register(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """``privacy export`` and ``privacy erase``, added to the ``privacy`` command's actions."""
    export = actions.add_parser(
        "export",
        parents=[common],
        help=_("write everything about a person to a zip file"),
        description=_(
            "Write every row that refers to the person, their certificates and a readable summary to a zip file. "
            "The learning journal is not included: the participant exports it from their own profile."
        ),
    )
    export.add_argument("--person", required=True, metavar=_("ID|EMAIL"), help=_("the person's id or e-mail"))
    export.add_argument("-o", "--out", required=True, metavar=_("FILE.zip"), help=_("the zip file to write"))
    export.add_argument(
        "--summary-language", choices=list(LANGUAGES), help=_("the summary's language (default: the person's)")
    )
    export.set_defaults(handler=run_export)
    erase = actions.add_parser(
        "erase",
        parents=[common],
        help=_("erase a person's personal data"),
        description=_(
            "Delete or anonymise everything about the person, after a backup. Statistics keep their counts. "
            "Issued certificates keep a minimal register row unless --include-certificates is given."
        ),
    )
    erase.add_argument("--person", required=True, metavar=_("ID|EMAIL"), help=_("the person's id or e-mail"))
    erase.add_argument("--dry-run", action="store_true", help=_("only show what would be erased"))
    erase.add_argument(
        "--include-certificates", action="store_true", help=_("delete issued certificates too (no register row)")
    )
    erase.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    erase.set_defaults(handler=run_erase)


def run_export(args: argparse.Namespace) -> int:
    from tillitsleder.errors import TillitslederError
    from tillitsleder.privacy.access_export import export_person
    from tillitsleder.privacy.people import find_person
    from tillitsleder.storage import open_database

    missing = require_db_argument(args)
    if missing is not None:
        return missing
    target = Path(args.out)
    try:
        db = open_database(database_target(args.db), create=False)
        try:
            person = find_person(db, args.person)
            result = export_person(db, person.id, target, language=args.summary_language)
        finally:
            db.close()
    except TillitslederError as error:
        return fail(str(error), error.exit_code)
    rows = sum(result.rows.values())
    print(
        _("Wrote the personal data of person {id} ({rows} rows, {files} certificate files) to {path}.").format(
            id=person.id, rows=format_number(rows), files=format_number(result.certificate_files), path=target
        )
    )
    return 0


def run_erase(args: argparse.Namespace) -> int:
    from tillitsleder.errors import TillitslederError
    from tillitsleder.privacy.erasure import erase_person, plan_erasure
    from tillitsleder.privacy.people import find_person
    from tillitsleder.privacy.plan_text import plan_lines, report_lines
    from tillitsleder.storage import open_database

    missing = require_db_argument(args)
    if missing is not None:
        return missing
    try:
        db = open_database(database_target(args.db), create=False)
        try:
            person = find_person(db, args.person)
            plan = plan_erasure(db, person.id, include_certificates=args.include_certificates)
            for line in plan_lines(plan):
                print(line)
            if args.dry_run:
                print(_("Dry run: nothing was changed."))
                return 0
            if plan.already_erased:
                from tillitsleder.privacy.erasure import scrub

                scrub(db)  # clears what an erasure made while the file was in use may have left
                print(_("This person has already been erased; nothing was changed."))
                return 0
            if not args.yes:
                if not sys.stdin.isatty():
                    return fail(_("Give --yes to erase without being asked."))
                answer = input(_("Type the person's id ({id}) to erase them: ").format(id=person.id))
                if answer.strip() != str(person.id):
                    return fail(_("Not confirmed; nothing was changed."), 1)
            report = erase_person(db, plan)
        finally:
            db.close()
    except TillitslederError as error:
        return fail(str(error), error.exit_code)
    for line in report_lines(report):
        print(line)
    print(_("Erased on {date}.").format(date=format_date(report.erased_at)))
    return 0
