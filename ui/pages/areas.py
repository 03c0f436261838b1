"""The main window's areas, in navigation order, described without importing them.

The window shows the navigation list from these descriptions and imports and builds an area's page the first
time it is shown, so the first window paints before any page module is loaded. Each page class takes its
``nav_title`` and ``roles`` from its ``Area`` here (one place for both).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from importlib import import_module
from typing import TYPE_CHECKING

from tillitsleder.enums import Role
from tillitsleder.i18n import N_

if TYPE_CHECKING:
    from ui.pages.base import Page


class Needs(Enum):
    """What the page's constructor takes."""

    NOTHING = "nothing"
    SELECTION = "selection"  # the shared CohortSelection
    SWITCHER = "switcher"  # the LanguageSwitcher


@dataclass(frozen=True)
class Area:
    module: str
    class_name: str
    nav_title: str  # an N_ msgid
    roles: frozenset[Role] | None = None  # None: see ui.profiles.visibility (the coordinator only)
    needs: Needs = Needs.SELECTION

    def page_class(self) -> type[Page]:
        return getattr(import_module(self.module), self.class_name)


PROGRAMMES = Area("ui.pages.programmes", "ProgrammesPage", N_("Programmes & curriculum"), needs=Needs.NOTHING)
PARTICIPANTS = Area("ui.pages.participants", "ParticipantsPage", N_("Cohorts & participants"))
SESSIONS = Area("ui.pages.sessions", "SessionsPage", N_("Sessions"))
ATTENDANCE = Area("ui.pages.attendance", "AttendancePage", N_("Attendance register"))
GROUPS = Area("ui.pages.groups", "GroupsPage", N_("Reflection groups"), frozenset(Role))
FACILITATORS = Area(
    "ui.pages.facilitators", "FacilitatorsPage", N_("Facilitators"), frozenset({Role.COORDINATOR, Role.FACILITATOR})
)
JOURNAL = Area("ui.pages.journal", "JournalPage", N_("Journal"), frozenset(Role))
CERTIFICATES = Area("ui.pages.certificates", "CertificatesPage", N_("Certificates & reports"), frozenset(Role))
SETTINGS = Area("ui.pages.settings_page", "SettingsPage", N_("Settings"), needs=Needs.SWITCHER)

AREAS: tuple[Area, ...] = (
    PROGRAMMES, PARTICIPANTS, SESSIONS, ATTENDANCE, GROUPS, FACILITATORS, JOURNAL, CERTIFICATES, SETTINGS,
)  # fmt: skip
