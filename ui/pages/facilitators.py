"""Facilitators: the list of everyone in every pool, the pools (F16, F7, change agents …) and their members, the
semester roster and the workload view — the coordinator's tabs. A facilitator or coach signed in with their own
profile sees only "My assignments"."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget

from tillitsleder.access import Actor
from tillitsleder.i18n import N_, _
from ui.facilitators.my_assignments_tab import MyAssignmentsTab
from ui.facilitators.pools_tab import PoolsTab
from ui.facilitators.roster_tab import RosterTab
from ui.facilitators.workload_tab import WorkloadTab
from ui.operations import Changed
from ui.pages import areas
from ui.pages.base import Page
from ui.widgets.cohort_picker import CohortSelection
from ui.widgets.list_panel import ListPanel


class FacilitatorsPage(Page):
    nav_title = areas.FACILITATORS.nav_title
    roles = areas.FACILITATORS.roles
    shows = Changed.FACILITATORS | Changed.SESSIONS | Changed.ORGANISATION | Changed.PROFILES

    def __init__(self, selection: CohortSelection | None = None, parent=None) -> None:
        super().__init__(parent)
        self.selection = selection or CohortSelection(self)
        self.mine = MyAssignmentsTab(self.selection)
        self.pools = PoolsTab()
        self.roster = RosterTab()
        self.workload = WorkloadTab()
        self.facilitators = ListPanel("facilitators", title=N_("All pools"))
        self.facilitators.set_empty_action(self.pools.new_pool)
        self.list_panels = [self.facilitators]
        self.tabs = QTabWidget()
        for widget in (self.facilitators, self.pools, self.roster, self.workload, self.mine):
            self.tabs.addTab(widget, "")
        self.tabs.currentChanged.connect(self._tab_shown)
        self.layout_.addWidget(self.tabs, 1)
        self.selection.actorChanged.connect(self._apply_actor)
        self.retranslate()
        self._apply_actor(self.selection.actor)

    def _apply_actor(self, actor: Actor) -> None:
        """The coordinator plans everyone's work; a facilitator sees their own assignments only."""
        for index in range(self.tabs.count()):
            self.tabs.setTabVisible(index, (self.tabs.widget(index) is self.mine) != actor.is_coordinator)
        if not actor.is_coordinator:
            self.tabs.setCurrentWidget(self.mine)
        elif self.tabs.currentWidget() is self.mine:
            self.tabs.setCurrentIndex(0)
        self.list_panels = [self.facilitators] if actor.is_coordinator else []
        self.mark_stale()

    def load(self) -> None:
        assert self.db is not None
        if not self.selection.actor.is_coordinator:
            self.mine.set_database(self.db)
            return
        self.facilitators.set_source(self.db)
        for tab in (self.pools, self.roster, self.workload):
            tab.set_database(self.db)

    def _tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self.workload and self.db is not None:
            self.workload.refresh()  # a saved roster changes the hours

    def retranslate(self) -> None:
        super().retranslate()
        titles = (_("All pools"), _("Pools and facilitators"), _("Roster"), _("Workload"), _(self.mine.tab_title))
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)
