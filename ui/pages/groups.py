"""Reflection groups: a thin host of tabs for the chosen cohort.

Each tab is a widget with ``tab_title`` (an ``N_`` msgid) and ``show_cohort(db, cohort_id)``, which the page
calls when the database or cohort changes (a tab reads when it is shown). Adding a tab is one import and one
``self.add_tab(...)`` line. The overview's lists are the page's ``list_panels`` (search, counts).
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTabWidget, QWidget

from tillitsleder.access import Actor
from tillitsleder.i18n import _
from ui.group_notes.meetings_panel import MeetingsPanel
from ui.groups.board_widget import GroupBoardTab
from ui.groups.overview import OverviewTab
from ui.operations import Changed
from ui.pages import areas
from ui.pages.base import CohortPage
from ui.table_day.panel import TableDayPanel
from ui.widgets.cohort_picker import CohortSelection


class GroupsPage(CohortPage):
    """Every role uses this area: the coordinator composes groups, plans table days and sees the notes' meta data;
    facilitators and participants see only "Meetings and notes", which shows what the services let them read."""

    nav_title = areas.GROUPS.nav_title
    roles = areas.GROUPS.roles
    shows = (
        Changed.GROUPS | Changed.GROUP_NOTES | Changed.TABLE_DAY | Changed.ENROLMENT | Changed.FACILITATORS
        | Changed.PROFILES
    )

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(selection, parent)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("groupTabs")
        self.layout_.addWidget(self.tabs, 1)
        self.overview = self.add_tab(OverviewTab())
        self.list_panels = self.overview.list_panels
        self.board = self.add_tab(GroupBoardTab(selection))
        self.meeting_notes = self.add_tab(MeetingsPanel(selection))
        self.table_day = self.add_tab(TableDayPanel())
        # The overview's empty lists point to the tabs where groups are composed and meetings recorded.
        self.compose_action, self.record_action = QAction(self), QAction(self)
        self.compose_action.triggered.connect(lambda: self.tabs.setCurrentWidget(self.board))
        self.record_action.triggered.connect(lambda: self.tabs.setCurrentWidget(self.meeting_notes))
        self.overview.groups.set_empty_action(self.compose_action)
        self.overview.meetings.set_empty_action(self.record_action)
        selection.actorChanged.connect(self._apply_actor)
        self.retranslate()
        self._apply_actor(selection.actor)

    def _for_everyone(self, tab: QWidget) -> bool:
        return tab is self.meeting_notes

    def _apply_actor(self, actor: Actor) -> None:
        """Only the coordinator sees (and loads) the composition tabs; others start at the notes."""
        for index in range(self.tabs.count()):
            self.tabs.setTabVisible(index, actor.is_coordinator or self._for_everyone(self.tabs.widget(index)))
        if not actor.is_coordinator:
            self.tabs.setCurrentWidget(self.meeting_notes)
        self.list_panels = self.overview.list_panels if actor.is_coordinator else []
        self.mark_stale()

    def add_tab(self, tab: QWidget) -> QWidget:
        self.tabs.addTab(tab, _(tab.tab_title))
        if self.db is not None:
            tab.show_cohort(self.db, self.selection.current)
        return tab

    def load(self) -> None:
        super().load()
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if self.selection.actor.is_coordinator or self._for_everyone(tab):
                tab.show_cohort(self.db, self.selection.current)

    def retranslate(self) -> None:
        super().retranslate()
        if hasattr(self, "compose_action"):
            self.compose_action.setText(_("Compose groups…"))
            self.record_action.setText(_("Record a meeting…"))
        tabs = getattr(self, "tabs", None)
        for index in range(tabs.count() if tabs is not None else 0):
            self.tabs.setTabText(index, _(self.tabs.widget(index).tab_title))
