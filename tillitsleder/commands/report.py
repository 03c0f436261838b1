"""``tillitsleder report progress --cohort ID|NAME [--participant ID] [--kind …] -o FILE.pdf --db PATH``: a
progress report as a print-ready PDF (a participant's report, the cohort overview, the summary by department and
unit, or the facilitator workload), in the language given with ``--report-language`` (default: ``--lang``'s)."""

from __future__ import annotations

import argparse
from pathlib import Path

from tillitsleder.commands import fail, require_db_argument
from tillitsleder.i18n import LANGUAGES, _
from tillitsleder.storage.locations import database_target
from tillitsleder.storage.private_files import write_private_bytes

KINDS = ("participant", "cohort", "units", "workload")


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    report = commands.add_parser(
        "report", parents=[common], help=_("print-ready reports"), description=_("Make a print-ready report.")
    )
    kinds = report.add_subparsers(dest="report", metavar=_("REPORT"), required=True, parser_class=type(report))
    progress = kinds.add_parser(
        "progress",
        parents=[common],
        help=_("a progress report as PDF"),
        description=_(
            "Write a progress report as a PDF: one participant's report (with --participant), the cohort overview, "
            "the summary by department and unit, or the facilitators' workload. Never journal content."
        ),
    )
    progress.add_argument("--cohort", required=True, metavar=_("ID|NAME"), help=_("the cohort's id or name"))
    progress.add_argument(
        "--participant",
        metavar=_("ID|E-MAIL|NAME"),
        help=_("the participant the report is about (person id, e-mail or name)"),
    )
    progress.add_argument(
        "--kind",
        choices=KINDS,
        help=_("which report: participant, cohort (the default without --participant), units or workload"),
    )
    progress.add_argument("-o", "--output", required=True, metavar=_("FILE"), help=_("the PDF file to write"))
    progress.add_argument(
        "--report-language",
        choices=list(LANGUAGES),
        help=_("the language of the PDF (default: the language of the messages)"),
    )
    progress.set_defaults(handler=run_progress)


def run_progress(args: argparse.Namespace) -> int:
    from tillitsleder.errors import TillitslederError
    from tillitsleder.lookups import find_cohort
    from tillitsleder.reports.progress import ReportKind, ReportRequest, find_participant, render_report
    from tillitsleder.storage import open_database

    missing = require_db_argument(args)
    if missing is not None:
        return missing
    output = Path(args.output)
    if output.is_dir():
        return fail(_("“{path}” is a folder; give a file name such as report.pdf.").format(path=output))
    if not output.parent.is_dir():
        return fail(_("The folder “{folder}” does not exist.").format(folder=output.parent))
    kind = ReportKind(args.kind or ("participant" if args.participant else "cohort"))
    if kind is ReportKind.PARTICIPANT and not args.participant:
        return fail(_("A participant's report needs --participant."))
    if kind is not ReportKind.PARTICIPANT and args.participant:
        return fail(_("--participant goes with --kind participant only."))
    try:
        db = open_database(database_target(args.db), create=False)
        try:
            cohort = find_cohort(db, args.cohort)
            enrolment = find_participant(db, cohort.id, args.participant) if args.participant else None
            pdf = render_report(db, ReportRequest(kind, cohort.id, enrolment, language=args.report_language))
        finally:
            db.close()
    except TillitslederError as error:
        return fail(str(error), error.exit_code)
    try:
        write_private_bytes(output, pdf)
    except OSError as error:
        return fail(_("Cannot write “{path}”: {reason}").format(path=output, reason=error.strerror))
    print(_("{report} of {cohort} written to {path}.").format(report=kind.label(), cohort=cohort.label, path=output))
    return 0
