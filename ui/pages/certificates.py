"""Certificates & reports: certificates issued to the chosen cohort."""

from __future__ import annotations

from tillitsleder.i18n import N_
from ui.pages.base import CohortPage
from ui.widgets.cohort_picker import CohortSelection
from ui.widgets.list_panel import ListPanel


class CertificatesPage(CohortPage):
    nav_title = N_("Certificates & reports")

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(selection, parent)
        self.certificates = ListPanel("certificates", title=N_("Certificates"))
        self.list_panels = [self.certificates]
        self.layout_.addWidget(self.certificates, 1)
        self.retranslate()
