"""``tillitsleder export …``: files for other programs. Each format is a module in ``EXPORT_MODULES`` with
``register(formats, common)`` adding one sub-command (e.g. ``ics``, ``attendance``)."""

from __future__ import annotations

import argparse
from importlib import import_module

from tillitsleder.i18n import _

EXPORT_MODULES: tuple[str, ...] = (
    "tillitsleder.commands.export_attendance",
    "tillitsleder.commands.export_ics",
)


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    if not EXPORT_MODULES:
        return
    export = commands.add_parser(
        "export", parents=[common], help=_("export data to a file"), description=_("Export data to a file.")
    )
    formats = export.add_subparsers(dest="format", metavar=_("FORMAT"), required=True, parser_class=type(export))
    for name in EXPORT_MODULES:
        import_module(name).register(formats, common)
