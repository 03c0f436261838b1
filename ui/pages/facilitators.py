"""Facilitators: the list of everyone in every pool, the pools (F16, F7, change agents …) and their members, the
semester roster and the workload view."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget

from tillitsleder.i18n import N_, _
from ui.facilitators.pools_tab import PoolsTab
from ui.facilitators.roster_tab import RosterTab
from ui.facilitators.workload_tab import WorkloadTab
from ui.pages.base import Page
from ui.widgets.list_panel import ListPanel


class FacilitatorsPage(Page):
    nav_title = N_("Facilitators")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.pools = PoolsTab()
        self.roster = RosterTab()
        self.workload = WorkloadTab()
        self.facilitators = ListPanel("facilitators", title=N_("All pools"))
        self.list_panels = [self.facilitators]
        self.tabs = QTabWidget()
        for widget in (self.facilitators, self.pools, self.roster, self.workload):
            self.tabs.addTab(widget, "")
        self.tabs.currentChanged.connect(self._tab_shown)
        self.layout_.addWidget(self.tabs, 1)
        self.retranslate()

    def load(self) -> None:
        assert self.db is not None
        self.facilitators.set_source(self.db)
        for tab in (self.pools, self.roster, self.workload):
            tab.set_database(self.db)

    def _tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self.workload and self.db is not None:
            self.workload.refresh()  # a saved roster changes the hours

    def retranslate(self) -> None:
        super().retranslate()
        titles = (_("All pools"), _("Pools and facilitators"), _("Roster"), _("Workload"))
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)
