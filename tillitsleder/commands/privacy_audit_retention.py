"""``tillitsleder privacy audit [--person ID|EMAIL] [--actor ID|EMAIL] [--kind KIND] [--since DATE] [--until DATE]``
lists the read audit, newest first; ``tillitsleder privacy retention [--preview|--apply]`` shows who is due under
the programmes' retention rules or applies them (after a backup), and ``--programme ID|NAME --months N|none`` sets a
programme's rule."""

from __future__ import annotations

import argparse
from datetime import date

from tillitsleder.commands import fail, with_database
from tillitsleder.enums import ReadKind
from tillitsleder.i18n import _, format_date, format_datetime, format_number, ngettext


def register(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    audit = actions.add_parser(
        "audit",
        parents=[common],
        help=_("list who read whose personal data"),
        description=_(
            "List the reads of personal data by someone other than the person concerned (reports, exports, "
            "calendars with names, shared journal entries, group notes), newest first."
        ),
    )
    audit.add_argument("--person", metavar=_("ID|EMAIL"), help=_("only reads about this person"))
    audit.add_argument("--actor", metavar=_("ID|EMAIL"), help=_("only reads by this person"))
    audit.add_argument("--kind", choices=[kind.value for kind in ReadKind], help=_("only this kind of read"))
    audit.add_argument("--since", metavar=_("DATE"), help=_("from this day (YYYY-MM-DD)"))
    audit.add_argument("--until", metavar=_("DATE"), help=_("up to and including this day (YYYY-MM-DD)"))
    audit.set_defaults(handler=run_audit)

    retention = actions.add_parser(
        "retention",
        parents=[common],
        help=_("show or apply the retention rules"),
        description=_(
            "Show which cohorts are due under their programme's retention rule and whose journals would be "
            "erased (the default, --preview), or apply the rules with --apply: a backup first, then one "
            "transaction. --programme with --months sets a programme's rule."
        ),
    )
    mode = retention.add_mutually_exclusive_group()
    mode.add_argument("--preview", action="store_true", help=_("show who is due; change nothing (the default)"))
    mode.add_argument("--apply", action="store_true", help=_("back up, then apply the rules to every due cohort"))
    retention.add_argument("--programme", metavar=_("ID|NAME"), help=_("the programme whose rule --months sets"))
    retention.add_argument(
        "--months", metavar=_("N|none"), help=_("keep the data N months after a cohort ends; none: no rule")
    )
    retention.set_defaults(handler=run_retention)


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _NotADate(value) from None


class _NotADate(Exception):
    pass


def _open(args: argparse.Namespace, work) -> int:
    return with_database(args, work)


def run_audit(args: argparse.Namespace) -> int:
    from tillitsleder.privacy.read_audit import ReadFilter, find_person, read_page

    try:
        since, until = _day(args.since), _day(args.until)
    except _NotADate as error:
        return fail(_("“{value}” is not a date; write it as YYYY-MM-DD.").format(value=error.args[0]))

    def work(db) -> int:
        where = ReadFilter(
            person_id=find_person(db, args.person) if args.person else None,
            actor_id=find_person(db, args.actor) if args.actor else None,
            kind=ReadKind(args.kind) if args.kind else None,
            since=since,
            until=until,
        )
        total, rows = read_page(db, where)
        if not rows:
            print(_("No reads match."))
            return 0
        for row in rows:
            print(
                f"{format_datetime(row.occurred_at)} · {row.actor_name} · {row.what} · "
                + ", ".join(row.subject_names)
            )
        if total > len(rows):  # the newest DEFAULT_LIMIT; the filters narrow the rest down
            text = ngettext("The newest {shown} of {n} read.", "The newest {shown} of {n} reads.", total)
            print(text.format(shown=format_number(len(rows)), n=format_number(total)))
        else:
            print(ngettext("{n} read.", "{n} reads.", len(rows)).format(n=format_number(len(rows))))
        return 0

    return _open(args, work)


def run_retention(args: argparse.Namespace) -> int:
    if (args.programme is None) != (args.months is None):
        return fail(_("--programme and --months go together."))
    if args.months is not None and args.apply:
        return fail(_("Set a rule and apply the rules in two steps."))

    def work(db) -> int:
        from tillitsleder.lookups import find_programme
        from tillitsleder.privacy import retention

        if args.programme is not None:
            programme = find_programme(db, args.programme)
            months = retention.set_rule(db, programme.id, "" if args.months.lower() == "none" else args.months)
            if months is None:
                print(_("“{name}” has no retention rule now.").format(name=programme.label))
            else:
                print(
                    ngettext(
                        "“{name}” keeps its data {n} month after a cohort ends.",
                        "“{name}” keeps its data {n} months after a cohort ends.",
                        months,
                    ).format(name=programme.label, n=format_number(months))
                )
            return 0
        if args.apply:
            report = retention.apply_retention(db)
            _print_preview(report.preview)
            if report.cohorts:
                print(_("Applied. A backup from before is at {path}.").format(path=report.backup))
            return 0
        _print_preview(retention.preview_retention(db))
        return 0

    return _open(args, work)


def _print_preview(preview) -> None:
    if not preview.cohorts:
        print(_("No cohort is due under a retention rule on {day}.").format(day=format_date(preview.today)))
        return
    print(_("Due on {day}:").format(day=format_date(preview.today)))
    for cohort in preview.cohorts:
        print(
            "  "
            + _("{cohort} ({programme}): ended {ended}, due {due}; {enrolments} anonymised").format(
                cohort=cohort.name,
                programme=cohort.programme_name,
                ended=format_date(cohort.ended_on),
                due=format_date(cohort.due_on),
                enrolments=ngettext("{n} enrolment", "{n} enrolments", cohort.enrolments).format(
                    n=format_number(cohort.enrolments)
                ),
            )
        )
    erase, held = preview.to_erase, preview.held_back
    print(
        _("{people} erased, with {entries}.").format(
            people=ngettext("{n} participant", "{n} participants", len(erase)).format(n=format_number(len(erase))),
            entries=ngettext("{n} journal entry", "{n} journal entries", preview.journal_entries).format(
                n=format_number(preview.journal_entries)
            ),
        )
    )
    for person in erase:
        print(f"  - {person.name}")
    if held:
        print(
            ngettext(
                "{n} participant held back (still in another cohort, or with another role):",
                "{n} participants held back (still in another cohort, or with another role):",
                len(held),
            ).format(n=format_number(len(held)))
        )
        for person in held:
            print(f"  - {person.name}")
