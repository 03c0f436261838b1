"""``tillitsleder cohorts delete --cohort ID|NAME [--yes] [--include-certificates]`` and ``tillitsleder programmes
delete --programme ID|NAME [--yes] [--include-certificates]``: without ``--yes`` they say what would be lost and
exit 2; with it they back up, then delete. Issued certificates are deleted only with ``--include-certificates``."""

from __future__ import annotations

import argparse

from tillitsleder.commands import fail, with_database
from tillitsleder.i18n import _


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    for noun, option, help_text, description in (
        (
            "cohorts",
            "--cohort",
            _("cohorts"),
            _(
                "Delete a cohort with its enrolments, sessions, attendance and reflection groups. Without --yes "
                "it only says what would be lost."
            ),
        ),
        (
            "programmes",
            "--programme",
            _("programmes"),
            _(
                "Delete a programme with its curriculum and all its cohorts. Without --yes it only says what "
                "would be lost."
            ),
        ),
    ):
        parser = commands.add_parser(noun, parents=[common], help=help_text, description=description)
        actions = parser.add_subparsers(
            dest=f"{noun}_action", metavar=_("ACTION"), required=True, parser_class=type(parser)
        )
        delete = actions.add_parser(
            "delete", parents=[common], help=_("delete it, after a backup"), description=description
        )
        delete.add_argument(option, required=True, metavar=_("ID|NAME"), help=_("its id or name"))
        delete.add_argument("--yes", action="store_true", help=_("delete it, with everything listed"))
        delete.add_argument(
            "--include-certificates", action="store_true", help=_("also delete certificates issued in it")
        )
        delete.set_defaults(handler=run_delete_cohort if noun == "cohorts" else run_delete_programme)


def _run(args: argparse.Namespace, find, contents, delete) -> int:
    def work(db) -> int:
        found = find(db)
        if not args.yes:
            what = contents(db, found.id)
            print(_("Deleting “{name}” would delete:").format(name=what.name))
            for loss in what.losses():
                print(f"  - {loss}")
            return fail(_("Nothing was deleted; add --yes to delete it."))
        reports.append(delete(db, found.id, include_certificates=args.include_certificates))
        return 0

    reports: list = []
    code = with_database(args, work)
    if code:
        return code
    report = reports[0]
    print(_("Deleted “{name}”:").format(name=report.contents.name))
    for loss in report.contents.losses():
        print(f"  - {loss}")
    if report.backup is not None:
        print(_("A backup from before is at {path}.").format(path=report.backup))
    return 0


def run_delete_cohort(args: argparse.Namespace) -> int:
    from tillitsleder.lookups import find_cohort
    from tillitsleder.privacy.deletion import cohort_contents, delete_cohort

    return _run(args, lambda db: find_cohort(db, args.cohort), cohort_contents, delete_cohort)


def run_delete_programme(args: argparse.Namespace) -> int:
    from tillitsleder.lookups import find_programme
    from tillitsleder.privacy.deletion import delete_programme_and_cohorts, programme_contents

    return _run(args, lambda db: find_programme(db, args.programme), programme_contents, delete_programme_and_cohorts)
