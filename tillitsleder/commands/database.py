"""``tillitsleder demo`` and ``tillitsleder check``: create a demo database, report a database's health."""

from __future__ import annotations

import argparse

from tillitsleder.commands import fail, refuse_server
from tillitsleder.i18n import _, current_language, format_number, ngettext
from tillitsleder.storage.locations import database_target, resolve_database_path


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    demo = commands.add_parser(
        "demo",
        parents=[common],
        help=_("create a demo database"),
        description=_(
            "Create a new demo database. --lang chooses its municipality and texts as well (nb, nn, sv or da; "
            "without it, the interface's language; English builds the Bokmål demo)."
        ),
    )
    demo.add_argument("--seed", type=int, default=2017, help=argparse.SUPPRESS)
    demo.set_defaults(handler=run_demo)
    check = commands.add_parser(
        "check",
        parents=[common],
        help=_("check a database and print its health"),
        description=_("Print the schema revision, integrity result and row counts; exit 0 only when healthy."),
    )
    check.set_defaults(handler=run_check)


def run_demo(args: argparse.Namespace) -> int:
    from tillitsleder import clock
    from tillitsleder.demo.builder import create_demo_database

    if not args.db:
        return fail(_("Give the new database's file with --db PATH."))
    path = database_target(args.db)
    language = args.lang or current_language()  # the interface's language when none is given
    summary = create_demo_database(path, seed=args.seed, today=clock.today(), language=language)
    print(
        _("Demo database created: {path}").format(path=path)
        + "\n"
        + ngettext("{n} participant", "{n} participants", summary.enrolments).format(
            n=format_number(summary.enrolments)
        )
        + ", "
        + ngettext("{n} session", "{n} sessions", summary.sessions).format(n=format_number(summary.sessions))
    )
    return 0


def run_check(args: argparse.Namespace) -> int:
    from tillitsleder.storage.health import check_database

    refused = refuse_server(args)
    if refused is not None:
        return refused
    path = resolve_database_path(args.db)
    report = check_database(path)
    width = max(len(name) for name in report.row_counts)
    lines = [
        _("Database: {path}").format(path=path),
        _("Schema revision: {revision} (this version: {head})").format(
            revision=report.revision or "—", head=report.head
        ),
        _("Integrity: {result}").format(result="; ".join(report.integrity)),
        _("Foreign-key problems: {n}").format(n=format_number(report.foreign_key_problems)),
        _("Rows:"),
    ]
    lines += [f"  {name.ljust(width)}  {format_number(count):>8}" for name, count in report.row_counts.items()]
    lines.append(_("Healthy.") if report.healthy else _("Not healthy."))
    print("\n".join(lines))
    return 0 if report.healthy else 1
