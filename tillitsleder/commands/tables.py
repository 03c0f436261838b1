"""``tillitsleder tables seat|list|print``: a table day from the command line, as the Table day tab does it.

- ``seat --name NAME (--cohort ID|NAME | --unit ID|NAME …) (--size N | --tables N) [--date D] [--table-name NAME …]
  [--leaders CODE] [--seed S] [--save]`` seats people at tables mixed across units and prints the tables;
  ``--save`` stores the seating as a table day.
- ``list [--day ID|NAME]`` prints the saved table days, or one day's table lists as text.
- ``print --day ID|NAME -o FILE.pdf`` writes the printed table lists (with "Where do I sit?").
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from tillitsleder.commands import fail, with_database
from tillitsleder.i18n import LANGUAGES, _, format_date, format_number, ngettext


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    tables = commands.add_parser(
        "tables",
        parents=[common],
        help=_("table days: people seated at named tables"),
        description=_("Seat a cohort or chosen units at named tables mixed across units, list and print the seating."),
    )
    actions = tables.add_subparsers(dest="tables_action", metavar=_("ACTION"), required=True, parser_class=type(tables))
    seat = actions.add_parser(
        "seat",
        parents=[common],
        help=_("seat a cohort or units at tables mixed across units"),
        description=_(
            "Seat a cohort's active participants, or everyone in chosen units, at round tables with as few people "
            "from the same unit together as possible, each with a table leader from a facilitator pool. The same "
            "input and seed give the same seating. Nothing is stored without --save."
        ),
    )
    seat.add_argument("--name", required=True, metavar=_("NAME"), help=_("the table day's name"))
    who = seat.add_mutually_exclusive_group(required=True)
    who.add_argument("--cohort", metavar=_("ID|NAME"), help=_("seat the cohort's active participants"))
    who.add_argument(
        "--unit", action="append", metavar=_("ID|NAME"), help=_("seat everyone in this unit (repeat for more units)")
    )
    size = seat.add_mutually_exclusive_group(required=True)
    size.add_argument("--size", type=int, metavar="N", help=_("seats per table, from 2 to 30"))
    size.add_argument("--tables", type=int, metavar="N", help=_("the number of tables; the seats per table follow"))
    seat.add_argument("--date", metavar=_("YYYY-MM-DD"), help=_("the day of the gathering"))
    seat.add_argument(
        "--table-name",
        action="append",
        default=[],
        metavar=_("NAME"),
        help=_("a table's name, in order (repeat it; tables without a name are numbered)"),
    )
    seat.add_argument("--leaders", metavar=_("CODE"), help=_("table leaders from this facilitator pool, such as F16"))
    seat.add_argument("--seed", type=int, default=0, metavar=_("S"), help=_("another seed gives other tablemates"))
    seat.add_argument("--save", action="store_true", help=_("store the seating as a table day"))
    seat.set_defaults(handler=run_seat)
    listing = actions.add_parser(
        "list",
        parents=[common],
        help=_("the saved table days, or one day's table lists"),
        description=_("Print the saved table days, or with --day the table lists of one of them."),
    )
    listing.add_argument("--day", metavar=_("ID|NAME"), help=_("the table day's id or name"))
    listing.set_defaults(handler=run_list)
    printing = actions.add_parser(
        "print",
        parents=[common],
        help=_("the table lists as a PDF to print"),
        description=_("Write a table day's table lists as a PDF: a page section per table, then “Where do I sit?”."),
    )
    printing.add_argument("--day", required=True, metavar=_("ID|NAME"), help=_("the table day's id or name"))
    printing.add_argument("-o", "--output", required=True, metavar=_("FILE"), help=_("the PDF file to write"))
    printing.add_argument(
        "--report-language",
        choices=list(LANGUAGES),
        help=_("the language of the PDF (default: the language of the messages)"),
    )
    printing.set_defaults(handler=run_print)


def _open(args: argparse.Namespace, work) -> int:
    return with_database(args, work)


def _print_view(view) -> None:
    people = ngettext("{n} person", "{n} people", view.people).format(n=format_number(view.people))
    tables = ngettext("{n} table", "{n} tables", len(view.tables)).format(n=format_number(len(view.tables)))
    pairs = ngettext(
        "{n} pair from the same unit at a table", "{n} pairs from the same unit at a table", view.same_unit_pairs
    ).format(n=format_number(view.same_unit_pairs))
    when = format_date(view.held_on, "long") if view.held_on else ""
    print(" · ".join(part for part in (view.name, when, people, tables, pairs) if part))
    width = max((len(m.name) for t in view.tables for m in t.members), default=10) + 2
    for table in view.tables:
        leader = table.leader.name if table.leader else _("No table leader yet")
        unit = f" ({table.leader.unit})" if table.leader and table.leader.unit else ""
        size = ngettext("{n} person", "{n} people", len(table.members)).format(n=format_number(len(table.members)))
        leads = _("Table leader: {name}").format(name=leader + unit)
        print()
        print(f"{table.name} · {leads} · {size}")
        for member in table.members:
            print(f"  {member.name:<{width}}{member.unit}")


def run_seat(args: argparse.Namespace) -> int:
    from tillitsleder.facilitators.pools import find_pool
    from tillitsleder.lookups import find_cohort, find_unit
    from tillitsleder.table_day import plans

    if args.date is not None:
        try:
            held_on: date | None = date.fromisoformat(args.date)
        except ValueError:
            return fail(_("“{value}” is not a date; write it as YYYY-MM-DD.").format(value=args.date))
    else:
        held_on = None

    def work(db) -> int:
        request = plans.TableDayRequest(
            args.name,
            args.size if args.size is not None else plans.MAX_TABLE_SIZE,
            held_on,
            find_cohort(db, args.cohort).id if args.cohort else None,
            tuple(find_unit(db, unit).id for unit in args.unit or ()),
            tuple(args.table_name),
            find_pool(db, args.leaders).id if args.leaders else None,
            table_count=args.tables,
            seed=args.seed,
        )
        view = plans.propose_table_day(db, request)
        saved = plans.save_table_day(db, view) if args.save else None
        _print_view(view)
        print()
        if saved is None:
            print(_("Seating proposed; add --save to store it."))
        else:
            print(_("Saved as table day {id}.").format(id=saved))
        return 0

    return _open(args, work)


def run_list(args: argparse.Namespace) -> int:
    from tillitsleder.table_day import plans

    def work(db) -> int:
        if args.day:
            _print_view(plans.get_table_day(db, plans.find_table_day(db, args.day).id))
            return 0
        days = plans.table_day_summaries(db)
        if not days:
            print(_("There are no table days yet; seat people with “tillitsleder tables seat”."))
        for day in days:
            people = ngettext("{n} person", "{n} people", day.people).format(n=format_number(day.people))
            tables = ngettext("{n} table", "{n} tables", day.tables).format(n=format_number(day.tables))
            when = format_date(day.held_on, "medium") if day.held_on else _("no date")
            print(f"{day.id:>4}  {day.name} · {when} · {people} · {tables}")
        return 0

    return _open(args, work)


def run_print(args: argparse.Namespace) -> int:
    from tillitsleder.table_day import plans
    from tillitsleder.table_day.table_lists import export_table_lists

    output = Path(args.output)
    if output.is_dir():
        return fail(_("“{path}” is a folder; give a file name such as tables.pdf.").format(path=output))
    if not output.parent.is_dir():
        return fail(_("The folder “{folder}” does not exist.").format(folder=output.parent))

    def work(db) -> int:
        view = plans.get_table_day(db, plans.find_table_day(db, args.day).id)
        export_table_lists(db, view, output, language=args.report_language)
        print(_("Table lists of {name} written to {path}.").format(name=view.name, path=output))
        return 0

    return _open(args, work)
