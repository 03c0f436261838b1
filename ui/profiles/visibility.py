"""Which areas of the main window each role uses, the sentence that says so, and the status bar's figures for a
participant or facilitator.

The services decide what a role may read; this only keeps areas out of the way that a role has no use for, or
whose lists are not (yet) filtered for that role. A page can say which roles it serves with a class attribute
``roles`` (a set of ``Role``); without one, only the coordinator sees it, except the areas named in
``ALL_ROLES_AREAS`` (settings are everyone's).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from tillitsleder.enums import Role
from tillitsleder.i18n import N_, _, format_number, ngettext

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from tillitsleder.facilitators.own_world import OwnWorld
    from ui.pages.areas import Area

ALL_ROLES_AREAS = frozenset({"SettingsPage"})
# Areas that show a role its own share once their page declares ``roles`` (see the module docstring).
INTENDED = {
    Role.PARTICIPANT: N_("your journal and commitments, your own progress and your own certificates"),
    Role.FACILITATOR: N_("your assignments, your groups’ notes and what participants chose to share with you"),
}
EXPLANATIONS = {
    Role.PARTICIPANT: N_(
        "You are using Tillitsleder as a participant. You see {what}; the programme coordinator's areas are hidden."
    ),
    Role.FACILITATOR: N_(
        "You are using Tillitsleder as a facilitator or coach. You see {what}; the programme coordinator's areas "
        "are hidden."
    ),
    Role.COORDINATOR: N_(
        "You are using Tillitsleder as the programme coordinator. You see everything except what participants "
        "write in their journals."
    ),
}


def page_roles(page: QWidget | Area) -> frozenset[Role]:
    """The roles that see ``page`` (a page, or an ``Area`` describing one that is not built yet)."""
    declared = getattr(page, "roles", None)
    if declared is not None:
        return frozenset(Role(role) for role in declared)
    if getattr(page, "class_name", type(page).__name__) in ALL_ROLES_AREAS:
        return frozenset(Role)
    return frozenset({Role.COORDINATOR})


def visible_rows(pages: Iterable[QWidget | Area], role: Role | None) -> list[bool]:
    """For each page, whether ``role`` sees it (``None``: locked, nothing is shown)."""
    return [role is not None and role in page_roles(page) for page in pages]


def home_area(role: Role | None) -> str | None:
    """The area a role lands on when the one shown is not theirs: a participant's journal, a facilitator's groups."""
    return {Role.PARTICIPANT: "JournalPage", Role.FACILITATOR: "GroupsPage"}.get(role) if role else None


def explanation(role: Role) -> str:
    what = INTENDED.get(role)
    return _(EXPLANATIONS[role]).format(what=_(what) if what else "")


def own_summary(world: OwnWorld) -> str:
    """The status bar's figures for a participant (their cohort and programme) or a facilitator (how many groups
    and assignments they have); the coordinator's are the whole database's, written by the window."""
    if world.role is Role.PARTICIPANT:
        if not world.enrolled_in:
            return _("Not enrolled in a cohort")
        return "; ".join(
            _("{cohort} · {programme}").format(cohort=cohort, programme=programme)
            for cohort, programme in world.enrolled_in
        )
    groups = ngettext("{n} reflection group", "{n} reflection groups", world.groups).format(
        n=format_number(world.groups)
    )
    assignments = ngettext("{n} assignment", "{n} assignments", world.assignments).format(
        n=format_number(world.assignments)
    )
    return _("{groups} · {assignments}").format(groups=groups, assignments=assignments)
