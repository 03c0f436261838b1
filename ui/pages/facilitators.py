"""Facilitators: everyone in the facilitator pools (F16, F7, change agents …)."""

from __future__ import annotations

from tillitsleder.i18n import N_
from ui.pages.base import Page
from ui.widgets.list_panel import ListPanel


class FacilitatorsPage(Page):
    nav_title = N_("Facilitators")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.facilitators = ListPanel("facilitators", title=N_("All pools"))
        self.list_panels = [self.facilitators]
        self.layout_.addWidget(self.facilitators, 1)
        self.retranslate()

    def load(self) -> None:
        assert self.db is not None
        self.facilitators.set_source(self.db)
