"""``tillitsleder privacy …``: the municipality's duties under the GDPR. Each action is a module in
``PRIVACY_MODULES`` with ``register(actions, common)``: ``export`` and ``erase`` (a person's access export and
erasure), ``audit`` and ``retention``."""

from __future__ import annotations

import argparse
from importlib import import_module

from tillitsleder.i18n import _

PRIVACY_MODULES: tuple[str, ...] = (
    "tillitsleder.commands.privacy_requests",
    "tillitsleder.commands.privacy_audit_retention",
)


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    privacy = commands.add_parser(
        "privacy",
        parents=[common],
        help=_("privacy: a person's data, who read what, retention rules"),
        description=_(
            "The municipality's privacy duties: a person's access export and erasure, the read audit and the "
            "retention rules."
        ),
    )
    actions = privacy.add_subparsers(
        dest="privacy_action", metavar=_("ACTION"), required=True, parser_class=type(privacy)
    )
    for name in PRIVACY_MODULES:
        import_module(name).register(actions, common)
