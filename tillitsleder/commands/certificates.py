"""``tillitsleder certificates issue --cohort ID|NAME --out DIR [--participant ID] --db PATH`` issues certificates
and writes their PDFs; ``tillitsleder certificates verify CODE|FILE.pdf [--db PATH]`` says whether a code or a file
is a valid, current certificate and for whom (exit code 0 only then, 1 if superseded or revoked, 3 if unknown)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tillitsleder.commands import fail, require_db_argument
from tillitsleder.i18n import LANGUAGES, _, format_number, ngettext
from tillitsleder.storage.locations import database_target
from tillitsleder.storage.private_files import make_private_dir, write_private_bytes


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    group = commands.add_parser(
        "certificates",
        parents=[common],
        help=_("issue and verify certificates"),
        description=_("Issue certificates to the participants who completed, and verify certificates."),
    )
    actions = group.add_subparsers(dest="action", metavar=_("ACTION"), required=True, parser_class=type(group))
    issue = actions.add_parser(
        "issue",
        parents=[common],
        help=_("issue certificates for a cohort and write their PDFs"),
        description=_(
            "Issue a certificate to every participant of the cohort who completed and holds no valid certificate "
            "yet (or to one participant), and write the PDFs to a folder."
        ),
    )
    issue.add_argument("--cohort", required=True, metavar=_("ID|NAME"), help=_("the cohort's id or name"))
    issue.add_argument("--out", required=True, metavar=_("DIR"), help=_("the folder to write the PDFs to"))
    issue.add_argument("--participant", metavar=_("ID"), help=_("only this participant (their person id)"))
    issue.add_argument(
        "--certificate-language",
        choices=list(LANGUAGES),
        help=_("the language of the certificates (default: the language of the messages)"),
    )
    issue.set_defaults(handler=run_issue)
    verify = actions.add_parser(
        "verify",
        parents=[common],
        help=_("check a certificate's code or PDF file"),
        description=_(
            "Say whether a verification code or a certificate's PDF file is a valid, current certificate, and "
            "for whom. Exit code 0 only for a valid, current certificate."
        ),
    )
    verify.add_argument("what", metavar=_("CODE|FILE.pdf"), help=_("a verification code or a PDF file"))
    verify.set_defaults(handler=run_verify)


def run_issue(args: argparse.Namespace) -> int:
    from tillitsleder.access import COORDINATOR
    from tillitsleder.certificates import issuing as certificates
    from tillitsleder.certificates.register import certificate_pdfs
    from tillitsleder.errors import TillitslederError
    from tillitsleder.lookups import find_cohort
    from tillitsleder.storage import open_database

    missing = require_db_argument(args)
    if missing is not None:
        return missing
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        return fail(_("“{path}” is a file; give a folder for the certificates.").format(path=out))
    if args.participant is not None and not args.participant.strip().isdigit():
        return fail(_("“{value}” is not a participant id (a number).").format(value=args.participant))
    try:
        db = open_database(database_target(args.db), create=False)
        try:
            cohort = find_cohort(db, args.cohort)
            if args.participant is not None:
                enrolment_id = _enrolment_of(db, cohort.id, int(args.participant))
                issued = [
                    certificates.issue_certificate(
                        db, enrolment_id, actor=COORDINATOR, language=args.certificate_language
                    )
                ]
                result = None
            else:
                result = certificates.issue_for_cohort(
                    db, cohort.id, actor=COORDINATOR, language=args.certificate_language, progress=_progress_line
                )
                issued = result.issued
            make_private_dir(out)
            pdfs = certificate_pdfs(db, [info.id for info in issued], actor=COORDINATOR)
            for info in issued:
                write_private_bytes(out / info.file_name(), pdfs[info.id])
        finally:
            db.close()
    except TillitslederError as error:
        return fail(str(error), error.exit_code)
    except OSError as error:
        return fail(_("Cannot write to “{path}”: {reason}").format(path=out, reason=error.strerror or error))
    print(
        ngettext(
            "{n} certificate issued for {cohort}, written to {path}.",
            "{n} certificates issued for {cohort}, written to {path}.",
            len(issued),
        ).format(n=format_number(len(issued)), cohort=cohort.label, path=out)
    )
    if result is not None:
        if result.already_issued:
            print(
                ngettext(
                    "{n} participant already holds a valid certificate.",
                    "{n} participants already hold a valid certificate.",
                    result.already_issued,
                ).format(n=format_number(result.already_issued))
            )
        if result.not_eligible:
            print(
                ngettext(
                    "{n} participant has not completed:",
                    "{n} participants have not completed:",
                    len(result.not_eligible),
                ).format(n=format_number(len(result.not_eligible)))
            )
            for person in result.not_eligible:
                print(f"  {person.name}: {' '.join(person.reasons)}")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from tillitsleder.certificates.register import VerificationState, verify_code, verify_file
    from tillitsleder.errors import TillitslederError
    from tillitsleder.storage import open_database
    from tillitsleder.storage.locations import resolve_database_target

    what = Path(args.what)
    try:
        db = open_database(resolve_database_target(args.db), create=False)
        try:
            result = verify_file(db, what) if what.is_file() else verify_code(db, args.what)
        finally:
            db.close()
    except TillitslederError as error:
        return fail(str(error), error.exit_code)
    if result.state is VerificationState.UNKNOWN and not what.is_file() and args.what.lower().endswith(".pdf"):
        return fail(_("There is no file “{path}”.").format(path=what), 3)
    print(result.message())
    if result.is_valid:
        return 0
    return 3 if result.state is VerificationState.UNKNOWN else 1


def _enrolment_of(db, cohort_id: int, person_id: int) -> int:
    from sqlalchemy import select

    from tillitsleder.errors import NotFound
    from tillitsleder.i18n import N_
    from tillitsleder.model import Enrolment

    with db.read() as s:
        enrolment_id = s.scalar(
            select(Enrolment.id).where(Enrolment.cohort_id == cohort_id, Enrolment.person_id == person_id)
        )
    if enrolment_id is None:
        raise NotFound(N_("Participant {id} is not enrolled in this cohort."), id=person_id)
    return enrolment_id


def _progress_line(done: int, total: int) -> None:
    if sys.stderr.isatty() and total:
        print(f"\r{done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)
