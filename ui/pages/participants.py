"""Cohorts & participants: who is enrolled in the chosen cohort, with status and attendance so far."""

from __future__ import annotations

from tillitsleder.i18n import N_
from ui.pages.base import CohortPage
from ui.widgets.cohort_picker import CohortSelection
from ui.widgets.list_panel import ListPanel


class ParticipantsPage(CohortPage):
    nav_title = N_("Cohorts & participants")

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(selection, parent)
        self.enrolments = ListPanel("enrolments", title=N_("Participants"))
        self.list_panels = [self.enrolments]
        self.layout_.addWidget(self.enrolments, 1)
        self.retranslate()
