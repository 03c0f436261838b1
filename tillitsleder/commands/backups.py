"""``tillitsleder backup``, ``restore`` and ``migrate``: copies of a database, putting one back, upgrading a file.

``backup`` makes a backup in the database's ``backups`` folder (thinned like the automatic ones) or, with ``--to``,
at a chosen place; ``backup --list`` lists the backups. ``restore BACKUP`` checks the backup, backs the current
file up and puts the backup in its place. ``migrate`` upgrades a file from an older version (after a backup);
``check`` only reports that a migration is due.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tillitsleder.commands import refuse_server, require_db_argument
from tillitsleder.i18n import _, format_datetime


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    backup = commands.add_parser(
        "backup",
        parents=[common],
        help=_("back up a database"),
        description=_(
            "Copy the database into its “backups” folder (or to --to FILE) while it may be in use; "
            "--list shows the backups there."
        ),
    )
    backup.add_argument("--to", metavar=_("FILE"), help=_("write the backup to this new file instead"))
    backup.add_argument("--list", action="store_true", help=_("list the database's backups, newest first"))
    backup.set_defaults(handler=run_backup)
    restore = commands.add_parser(
        "restore",
        parents=[common],
        help=_("put a backup in place of a database"),
        description=_(
            "Check the backup, back up the current database, then replace it with the backup. "
            "The database must not be open in another program."
        ),
    )
    restore.add_argument("backup", metavar=_("BACKUP"), help=_("the backup file"))
    restore.set_defaults(handler=run_restore)
    migrate = commands.add_parser(
        "migrate",
        parents=[common],
        help=_("upgrade a database from an older version"),
        description=_("Back up the database, then upgrade it to this version's schema."),
    )
    migrate.set_defaults(handler=run_migrate)


def run_backup(args: argparse.Namespace) -> int:
    from tillitsleder.errors import StorageError
    from tillitsleder.i18n import N_
    from tillitsleder.storage import backups
    from tillitsleder.storage.backup import backup_database
    from tillitsleder.storage.sqlite_file import inspect_database_file

    missing = require_db_argument(args)
    if missing is None:
        missing = refuse_server(args)
    if missing is not None:
        return missing
    path = Path(args.db)
    if args.list:
        return _list(path)
    if inspect_database_file(path).is_new:
        raise StorageError(N_("There is no Tillitsleder database at “{path}”."), path=str(path))
    made = backup_database(path, Path(args.to)) if args.to else backups.make_backup(path, "manual")
    print(_("Backed up to “{path}”.").format(path=made))
    return 0


def _list(path: Path) -> int:
    from tillitsleder.storage import backups

    found = backups.list_backups(path)
    if not found:
        print(_("There are no backups of “{path}” yet.").format(path=path))
        return 0
    for backup in found:
        print(
            _("{made}  {size}  {file}").format(
                made=format_datetime(backup.made_at.astimezone()),
                size=backups.format_size(backup.size),
                file=backup.path,
            )
        )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from tillitsleder.privacy.erasure_log import reapply_after_restore
    from tillitsleder.storage.restore import restore_backup

    missing = require_db_argument(args)
    if missing is None:
        missing = refuse_server(args)
    if missing is not None:
        return missing
    result = restore_backup(Path(args.backup), Path(args.db), after_restore=reapply_after_restore)
    print(_("Restored “{path}” from “{backup}”.").format(path=result.path, backup=result.restored_from))
    if result.previous_copy is not None:
        print(_("The database as it was is kept in “{copy}”.").format(copy=result.previous_copy))
    return 0


def run_migrate(args: argparse.Namespace) -> int:
    from tillitsleder.storage import open_database
    from tillitsleder.storage.sqlite_file import head_revision, inspect_database_file

    missing = require_db_argument(args)
    if missing is None:
        missing = refuse_server(args)
    if missing is not None:
        return missing
    path = Path(args.db)
    before = inspect_database_file(path)
    if before.exists and before.is_current:
        print(_("“{path}” is up to date (schema {revision}).").format(path=path, revision=head_revision()))
        return 0
    db = open_database(path, create=False)
    db.close()
    print(_("“{path}” was migrated to schema {revision}.").format(path=path, revision=head_revision()))
    if db.backup_made is not None:
        print(_("The database as it was is kept in “{copy}”.").format(copy=db.backup_made))
    return 0
