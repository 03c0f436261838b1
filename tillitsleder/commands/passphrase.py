"""The CLI acts as the coordinator: where the coordinator profile has a passphrase, every command asks for it.

``check_coordinator(args)`` runs before each command (``tillitsleder.cli``): when the database the command names
already exists and its coordinator profile is protected, the passphrase comes from ``$TILLITSLEDER_PASSPHRASE``
or, in a terminal, from a prompt that does not echo; a wrong or missing one stops the command with one sentence.

``tillitsleder passphrase --db PATH`` sets or changes the coordinator's passphrase (the new one from
``$TILLITSLEDER_NEW_PASSPHRASE`` or a prompt, asked twice) and prints the recovery key once; ``--remove`` removes it.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from tillitsleder.commands import FILE_ONLY_COMMANDS, fail, require_db_argument
from tillitsleder.errors import ValidationError
from tillitsleder.i18n import N_, _
from tillitsleder.storage.locations import database_target

PASSPHRASE_ENV_VAR = "TILLITSLEDER_PASSPHRASE"
NEW_PASSPHRASE_ENV_VAR = "TILLITSLEDER_NEW_PASSPHRASE"


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    command = commands.add_parser(
        "passphrase",
        parents=[common],
        help=_("set, change or remove the coordinator profile's passphrase"),
        description=_(
            "Protect the coordinator profile with a passphrase (asked for by the app and by every command), change "
            "it, or remove it. The current passphrase comes from ${env}, the new one from ${new_env} or a prompt."
        ).format(env=PASSPHRASE_ENV_VAR, new_env=NEW_PASSPHRASE_ENV_VAR),
    )
    command.add_argument("--remove", action="store_true", help=_("remove the passphrase"))
    command.set_defaults(handler=run_passphrase)


def coordinator_passphrase_set(path: Path) -> bool:
    """Whether the SQLite file at ``path`` has a coordinator passphrase (read-only; False for other files)."""
    from tillitsleder.storage.sqlite_file import FileError, read_one_row

    if not path.is_file():
        return False
    try:
        row = read_one_row(path, "SELECT 1 FROM profile WHERE role = 'coordinator' AND passphrase_wrap IS NOT NULL")
    except FileError:
        return False  # no profile table yet (or not a database): the command itself reports what is wrong
    return row is not None


def check_coordinator(args: argparse.Namespace) -> None:
    """Verify the coordinator passphrase for the database ``args`` names, if it has one; raises otherwise."""
    from tillitsleder import profiles
    from tillitsleder.storage import open_database
    from tillitsleder.storage.locations import is_server_target, resolve_database_target

    command = getattr(args, "command", None)
    if command in ("demo", "copy"):  # copy names its databases with --from/--to and reads no profile
        return
    target = resolve_database_target(getattr(args, "db", None))
    if is_server_target(target):  # on a server the login decides, not a passphrase
        if command != "server" and command not in FILE_ONLY_COMMANDS:  # those check or refuse for themselves
            from tillitsleder.server.identity import require_coordinator_login

            require_coordinator_login(str(target))
        return
    path = Path(target)
    if not coordinator_passphrase_set(path):
        return
    if command == "check":  # check never changes the file: read it read-only, and leave a due migration to it
        from tillitsleder.storage.sqlite_file import inspect_database_file

        if not inspect_database_file(path).is_current:
            return
    passphrase = args.coordinator_passphrase = _current_passphrase()
    db = open_database(path, create=False, read_only=True if command == "check" else None)
    try:
        profiles.unlock_coordinator(db, passphrase).lock()
    finally:
        db.close()


def run_passphrase(args: argparse.Namespace) -> int:
    from tillitsleder import profiles
    from tillitsleder.errors import TillitslederError
    from tillitsleder.storage import open_database

    missing = require_db_argument(args)
    if missing is not None:
        return missing
    try:
        db = open_database(database_target(args.db), create=False)
        try:
            current = getattr(args, "coordinator_passphrase", None)  # checked before the command ran
            new = None if args.remove else _new_passphrase()
            recovery = profiles.set_coordinator_passphrase(db, new, current=current)
        finally:
            db.close()
    except TillitslederError as error:
        return fail(str(error), error.exit_code)
    if args.remove:
        print(_("The coordinator profile no longer has a passphrase."))
    else:
        print(_("The coordinator passphrase is set."))
        if recovery:
            print(_("Recovery key (print it and keep it safe; it is shown only now): {key}").format(key=recovery))
    return 0


def _current_passphrase() -> str:
    value = os.environ.get(PASSPHRASE_ENV_VAR)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise ValidationError(
            N_("This database's coordinator profile has a passphrase: set {env} or run the command in a terminal."),
            env=PASSPHRASE_ENV_VAR,
        )
    return getpass.getpass(_("Coordinator passphrase: "))


def _new_passphrase() -> str:
    value = os.environ.get(NEW_PASSPHRASE_ENV_VAR)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise ValidationError(N_("Set {env} or run the command in a terminal."), env=NEW_PASSPHRASE_ENV_VAR)
    first = getpass.getpass(_("New passphrase: "))
    if getpass.getpass(_("The same passphrase again: ")) != first:
        raise ValidationError(N_("The two passphrases differ; nothing was changed."))
    return first
