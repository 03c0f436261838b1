"""``tillitsleder copy --from SOURCE --to TARGET``: move a database between a SQLite file and a PostgreSQL server.

Each side is a file path or a ``postgresql://`` URL. The target is created or upgraded to this version's schema,
filled in one transaction and then compared with the source: a table per line with its rows and the start of its
content hash. ``--replace`` replaces what a non-empty target holds (a target file is backed up first);
``--verify-only`` only compares two existing databases. Progress goes to stderr, the summary to stdout; the exit
code is 0 only when both sides hold the same.
"""

from __future__ import annotations

import argparse
import sys
from fractions import Fraction
from typing import TYPE_CHECKING

from tillitsleder.i18n import LANGUAGES, _, format_number, format_share, pgettext

if TYPE_CHECKING:
    from tillitsleder.storage.copy import TableComparison

HASH_SHOWN = 12  # hex digits of each table's content hash in the summary


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    copy = commands.add_parser(
        "copy",
        help=_("copy a database to a file or a PostgreSQL server, and back"),
        description=_(
            "Copy every table of a database into another one — a SQLite file to a PostgreSQL server "
            "(postgresql://…), back to a file, or between two of either — in one transaction, then check that "
            "both hold the same: every table's rows and content hash, and the journal's ciphertext byte for byte. "
            "The source must be at this version's schema; it is only read."
        ),
    )
    # --lang as every command has it; --db is not taken: --from and --to name the databases.
    copy.add_argument(
        "--lang", choices=list(LANGUAGES), default=argparse.SUPPRESS, help=_("language of the interface and messages")
    )
    copy.add_argument("--from", dest="source", required=True, metavar=_("SOURCE"), help=_("the file or URL to copy"))
    copy.add_argument("--to", dest="target", required=True, metavar=_("TARGET"), help=_("the file or URL to fill"))
    copy.add_argument(
        "--replace", action="store_true", help=_("replace what the target holds (a target file is backed up first)")
    )
    copy.add_argument("--verify-only", action="store_true", help=_("copy nothing: only compare the two databases"))
    copy.set_defaults(handler=run_copy)


def run_copy(args: argparse.Namespace) -> int:
    from tillitsleder.storage.copy import CopyDiffers, TargetNotEmpty, compare_databases, copy_database
    from tillitsleder.storage.copy.ends import shown

    source, target = args.source, args.target
    if args.verify_only:
        print(_("Comparing “{source}” with “{target}”…").format(source=shown(source), target=shown(target)))
        tables = compare_databases(source, target)
        return _summary(tables)
    print(_("Copying “{source}” to “{target}”…").format(source=shown(source), target=shown(target)))
    try:
        report = copy_database(source, target, replace=args.replace, progress=_Progress())
    except TargetNotEmpty as error:
        print(error.user_message() + " " + _("Give --replace to replace what it holds."), file=sys.stderr)
        return error.exit_code
    except CopyDiffers as error:
        _summary(error.report.tables)
        print(error.user_message(), file=sys.stderr)
        return error.exit_code
    if report.replaced_rows:
        print(
            _("What the target held before was replaced (rows: {rows}).").format(
                rows=format_number(report.replaced_rows)
            )
        )
    if report.backup is not None:
        print(_("The target as it was is kept in “{copy}”.").format(copy=report.backup))
    print(_("Copied rows: {rows}.").format(rows=format_number(report.rows)))
    return _summary(report.tables)


def _summary(tables: list[TableComparison]) -> int:
    from tillitsleder.storage.copy.digest import journal_tables

    width = max(len(table.table) for table in tables)
    heading = pgettext("database", "Table"), _("Rows"), _("Content hash")
    lines = [f"  {heading[0].ljust(width)}  {heading[1]:>10}  {heading[2]}"]
    for table in tables:
        rows, digest = format_number(table.source.rows), table.source.sha256[:HASH_SHOWN]
        if table.equal:
            lines.append(f"  {table.table.ljust(width)}  {rows:>10}  {digest}")
            continue
        lines.append(
            f"  {table.table.ljust(width)}  {rows:>10}  {digest}  "
            + _("differs: the other side has {rows} rows and hash {hash}").format(
                rows=format_number(table.target.rows), hash=table.target.sha256[:HASH_SHOWN]
            )
        )
    journal = [table for table in tables if table.table in journal_tables()]
    compared = sum(table.binary_values for table in journal)
    print("\n".join(lines))
    differing = [table.table for table in tables if not table.equal]
    if differing:
        print(_("The two databases differ in: {tables}.").format(tables=", ".join(differing)))
        return 1
    print(
        _("Both hold the same: every table's rows and content hash are equal.")
        + " "
        + _("Journal ciphertext and keys: {n} values compared byte for byte, all identical.").format(
            n=format_number(compared)
        )
    )
    return 0


class _Progress:
    """A line on stderr at each tenth of the rows copied, and one when the check of the copy begins."""

    def __init__(self) -> None:
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        step = 10 if total == 0 else done * 10 // total
        if step <= self.shown:
            return
        self.shown = step
        share = Fraction(1) if total == 0 else Fraction(done, total)
        print(
            _("{percent} copied ({done} of {total} rows)").format(
                percent=format_share(share), done=format_number(done), total=format_number(total)
            ),
            file=sys.stderr,
            flush=True,
        )
        if done == total:
            print(_("Checking the copy against the source…"), file=sys.stderr, flush=True)
