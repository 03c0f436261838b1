"""The ``tillitsleder`` command: opens the desktop app, or runs a task such as ``demo`` or ``check``.

User mistakes end with one translated sentence on stderr and a non-zero exit code, never a traceback.
Subcommands live in ``tillitsleder.commands``. The Qt front end is loaded by name (``ui.app``) only when a
window is wanted, so every other command runs without importing PySide6.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tillitsleder import __version__, startup_trace
from tillitsleder.commands import register_all
from tillitsleder.errors import TillitslederError
from tillitsleder.i18n import LANGUAGES, N_, _, ngettext, set_language
from tillitsleder.logs import configure_logging
from tillitsleder.storage.locations import ENV_VAR, resolve_database_target

LANGUAGE_ENV_VAR = "TILLITSLEDER_LANG"
log = logging.getLogger("tillitsleder")


class _Parser(argparse.ArgumentParser):
    """argparse with its error path turned into one translated sentence and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(
            2, _("{prog}: {problem}. Run “{prog} --help” for help.").format(prog=self.prog, problem=message) + "\n"
        )


# argparse's own phrases that users meet, so the catalogs carry their translations.
_ARGPARSE_PHRASES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)


def _localise_argparse() -> None:
    """argparse looks its own phrases up through module-level ``_``/``ngettext``; point them at our catalogs."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def _common_options(default: object = None) -> argparse.ArgumentParser:
    """--db and --lang, for the main parser and (with ``default=SUPPRESS``) for every subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar=_("PATH"),
        default=default,
        help=_("database file (default: ${env}, else the local data folder)").format(env=ENV_VAR),
    )
    common.add_argument(
        "--lang", choices=list(LANGUAGES), default=default, help=_("language of the interface and messages")
    )
    return common


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    """The command line's parser; without ``with_commands`` only the options that open the window (the
    window's start-up does not wait for every subcommand's module and help texts)."""
    parser = _Parser(
        prog="tillitsleder",
        description=_("Tillitsleder: run trust-based leadership development programmes."),
        parents=[_common_options()],
    )
    parser.add_argument(
        "--version", action="version", version=f"Tillitsleder {__version__}", help=_("show the version number and exit")
    )
    parser.add_argument("--demo", action="store_true", help=_("open the app on a new demo database"))
    parser.add_argument("--exit-after", type=int, metavar="MS", help=argparse.SUPPRESS)
    if with_commands:
        commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=_Parser)
        # Given again after the subcommand, --db and --lang win; not given there, they keep what came before
        # it (a subcommand's default would otherwise overwrite ``tillitsleder --db X demo``'s X with None).
        register_all(commands, _common_options(default=argparse.SUPPRESS))
    else:
        parser.set_defaults(command=None)
    return parser


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """The parsed command line. Opening the window (no subcommand, no help asked for) parses with the
    options only; anything else, or anything that does not parse that way, goes through the full parser."""
    if not {"-h", "--help", "--version"} & set(argv):
        args, rest = build_parser(with_commands=False).parse_known_args(argv)
        if not rest:
            return args
    return build_parser().parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    startup_trace.mark("command line started")
    args_list = list(sys.argv[1:] if argv is None else argv)
    set_language(_early_language(args_list))
    _localise_argparse()
    args = parse_arguments(args_list)
    if args.lang:
        set_language(args.lang)
    configure_logging(to_file=args.command is None)
    from tillitsleder.storage.backups import backups_on_close, enable_backups_on_close

    backups_before = backups_on_close()
    enable_backups_on_close()  # a command or the app that changed the database backs it up when closing it
    try:
        handler = getattr(args, "handler", None)
        if handler is not None:
            from tillitsleder.commands.passphrase import check_coordinator

            check_coordinator(args)  # the CLI acts as the coordinator: their passphrase, where one is set
        return handler(args) if handler is not None else _cmd_gui(args)
    except TillitslederError as error:
        return _report(error)
    except BrokenPipeError:
        # The reader went away (``tillitsleder check | head``): stop quietly, as other command-line tools do.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        print(_("Stopped."), file=sys.stderr)
        return 130
    except Exception as exc:
        from tillitsleder.storage.failures import as_storage_error

        storage_error = as_storage_error(exc)  # SQL and rows go to the log only, never to the terminal
        if storage_error is None:
            raise
        return _report(storage_error)
    finally:
        enable_backups_on_close(backups_before)


def _report(error: TillitslederError) -> int:
    """One translated sentence on stderr; the details to the log."""
    if error.detail:
        log.info("%s", error.detail)
    print(error.user_message(), file=sys.stderr)
    return error.exit_code


def _early_language(argv: list[str]) -> str:
    """The language for argparse's own messages, before the arguments are parsed: a valid ``--lang``, else
    ``$TILLITSLEDER_LANG`` (so a mistyped ``--lang xx`` is reported in the user's language)."""
    for index, arg in enumerate(argv):
        given = argv[index + 1] if arg == "--lang" and index + 1 < len(argv) else None
        if arg.startswith("--lang="):
            given = arg.split("=", 1)[1]
        if given in LANGUAGES:
            return given
    return os.environ.get(LANGUAGE_ENV_VAR, "")


def _cmd_gui(args: argparse.Namespace) -> int:
    """Open the window. Without ``--db``/``$TILLITSLEDER_DB`` or ``--lang``/``$TILLITSLEDER_LANG`` the front end
    uses what it remembers from last time (``None`` is passed on)."""
    path: Path | str | None
    if args.demo:
        from tillitsleder import clock
        from tillitsleder.demo.builder import create_demo_database

        path = Path(tempfile.mkdtemp(prefix="tillitsleder-demo-")) / "demo.sqlite3"
        create_demo_database(path, today=clock.today(), language=args.lang or os.environ.get(LANGUAGE_ENV_VAR))
    else:
        path = resolve_database_target(args.db) if args.db or os.environ.get(ENV_VAR) else None
    try:
        gui = importlib.import_module("ui.app")
    except ImportError as exc:
        log.info("GUI import failed: %s", exc)
        print(_("The desktop interface is not installed; reinstall Tillitsleder."), file=sys.stderr)
        return 1
    language = args.lang or os.environ.get(LANGUAGE_ENV_VAR) or None
    return gui.run_gui(path, language, exit_after_ms=args.exit_after)
