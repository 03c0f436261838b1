"""The CLI's subcommands, one module per area. Each module has ``register(commands, common)``.

``commands`` is the argparse sub-parser action to add to; ``common`` is the parent parser holding ``--db`` and
``--lang``. A subcommand sets ``handler=function(args) -> int`` with ``set_defaults``. Modules import their
services inside the handlers, so building the parser stays cheap.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

from tillitsleder.i18n import _
from tillitsleder.storage.locations import database_target, is_server_target

if TYPE_CHECKING:
    from tillitsleder.storage import Database

COMMAND_MODULES = (
    "tillitsleder.commands.backups",
    "tillitsleder.commands.certificates",
    "tillitsleder.commands.copying",
    "tillitsleder.commands.database",
    "tillitsleder.commands.deletion",
    "tillitsleder.commands.export",
    "tillitsleder.commands.groups",
    "tillitsleder.commands.import_participants",
    "tillitsleder.commands.passphrase",
    "tillitsleder.commands.privacy",
    "tillitsleder.commands.report",
    "tillitsleder.commands.roster",
    "tillitsleder.commands.server",
    "tillitsleder.commands.tables",
    "tillitsleder.commands.units",
)


def register_all(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    for name in COMMAND_MODULES:
        import_module(name).register(commands, common)


def fail(message: str, code: int = 2) -> int:
    """Print one translated sentence to stderr; return the exit code."""
    print(message, file=sys.stderr)
    return code


def with_database(args: argparse.Namespace, work: Callable[[Database], int]) -> int:
    """Run ``work(db)`` on the existing database named by ``--db`` (never created), closing it afterwards; a
    missing ``--db`` or a refusal ends in one sentence and its exit code."""
    from tillitsleder.errors import TillitslederError
    from tillitsleder.storage import open_database

    missing = require_db_argument(args)
    if missing is not None:
        return missing
    try:
        db = open_database(database_target(args.db), create=False)
        try:
            return work(db)
        finally:
            db.close()
    except TillitslederError as error:
        return fail(error.user_message(), error.exit_code)


# Commands about a database file (its backups, a restore, a migration after a backup, SQLite's own checks): on a
# PostgreSQL server the server's own tools do these, and the command says so (``refuse_server``).
FILE_ONLY_COMMANDS = ("backup", "restore", "migrate", "check")


def refuse_server(args: argparse.Namespace) -> int | None:
    """An exit code and one sentence when ``--db`` (or ``$TILLITSLEDER_DB``) names a server, for a command that
    works on a database file only; ``None`` for a file."""
    from tillitsleder.storage.locations import resolve_database_target

    if not is_server_target(resolve_database_target(args.db)):
        return None
    return fail(
        _(
            "“tillitsleder {command}” works on a database file; on a PostgreSQL server, back up, restore and check "
            "the database with the server's own tools (pg_dump, pg_restore)."
        ).format(command=args.command)
    )


def require_db_argument(args: argparse.Namespace) -> int | None:
    """Commands that write files or change data want an explicit database; returns an exit code if missing."""
    if not args.db:
        return fail(_("Give the database's file with --db PATH."))
    return None
