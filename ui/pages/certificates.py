"""Certificates & reports: a tab host for the chosen cohort's certificate register, the certificate template and
(from the reports work) progress reports.

A tab is a widget with ``tab_title`` (an ``N_`` msgid) and ``load(db, cohort_id)``; the page calls ``load`` when the
database or the cohort changes. Adding a tab is one line in ``__init__``: ``self.add_tab(SomeTab(selection))``.
Tab modules are imported here but import the core only when they load.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from tillitsleder.access import Actor
from tillitsleder.enums import Role
from tillitsleder.i18n import _
from ui.certificates.register_tab import RegisterTab
from ui.certificates.template_editor import TemplateEditor
from ui.operations import Changed
from ui.pages import areas
from ui.pages.base import CohortPage
from ui.reports.completion_tab import CompletionTab
from ui.reports.reports_tab import ReportsTab
from ui.widgets.cohort_picker import CohortSelection


class CertificatesPage(CohortPage):
    """The coordinator issues, reissues and revokes, edits templates, signs off completion and prints reports;
    facilitators read the register, and a participant sees only their own certificates (the services enforce the
    same, this only keeps the tools out of the way)."""

    nav_title = areas.CERTIFICATES.nav_title
    roles = areas.CERTIFICATES.roles
    shows = (
        Changed.CERTIFICATES | Changed.COMPLETION | Changed.ATTENDANCE | Changed.ENROLMENT | Changed.SESSIONS
        | Changed.CURRICULUM | Changed.JOURNAL
    )

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(selection, parent)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("certificateTabs")
        self.layout_.addWidget(self.tabs, 1)
        self.register = self.add_tab(RegisterTab(selection))
        self.template = self.add_tab(TemplateEditor(selection))
        self.completion = self.add_tab(CompletionTab(selection))
        self.reports = self.add_tab(ReportsTab(selection))
        self.list_panels = [self.register.panel]
        selection.actorChanged.connect(self._apply_actor)
        self.retranslate()
        self._apply_actor(selection.actor)

    def _for(self, actor: Actor, tab: QWidget) -> bool:
        """The register is for every role; a participant also prints their own progress report."""
        return actor.is_coordinator or tab is self.register or (tab is self.reports and actor.role is Role.PARTICIPANT)

    def _apply_actor(self, actor: Actor) -> None:
        for index in range(self.tabs.count()):
            self.tabs.setTabVisible(index, self._for(actor, self.tabs.widget(index)))
        if not actor.is_coordinator:
            self.tabs.setCurrentWidget(self.register)
        self.mark_stale()

    def add_tab(self, tab: QWidget) -> QWidget:
        self.tabs.addTab(tab, _(tab.tab_title))
        return tab

    def load(self) -> None:
        actor = self.selection.actor
        if actor.role is Role.PARTICIPANT and self.selection.current is not None:
            self.register.panel.set_source(self.db, cohort_id=self.selection.current, person_id=actor.person_id)
        else:
            super().load()
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if self._for(actor, tab):
                tab.load(self.db, self.selection.current)

    def retranslate(self) -> None:
        super().retranslate()
        if hasattr(self, "tabs"):
            for index in range(self.tabs.count()):
                self.tabs.setTabText(index, _(self.tabs.widget(index).tab_title))
