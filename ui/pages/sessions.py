"""Sessions & attendance: the chosen cohort's sessions with attendance counts."""

from __future__ import annotations

from tillitsleder.i18n import N_
from ui.pages.base import CohortPage
from ui.widgets.cohort_picker import CohortSelection
from ui.widgets.list_panel import ListPanel


class SessionsPage(CohortPage):
    nav_title = N_("Sessions & attendance")

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(selection, parent)
        self.sessions = ListPanel("sessions", title=N_("Sessions"))
        self.list_panels = [self.sessions]
        self.layout_.addWidget(self.sessions, 1)
        self.retranslate()
