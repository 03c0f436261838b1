"""Reflection groups: groups and meetings of the chosen cohort, as meta only.

What is said in a reflection group stays with the group: the coordinator sees dates, attendance and the
themes a group chose to share, never note content.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter

from tillitsleder.i18n import N_, _
from ui.pages.base import CohortPage, privacy_note
from ui.widgets.cohort_picker import CohortSelection
from ui.widgets.list_panel import ListPanel


class GroupsPage(CohortPage):
    nav_title = N_("Reflection groups")

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(selection, parent)
        self.note = privacy_note()
        self.groups = ListPanel("groups", title=N_("Groups"))
        self.meetings = ListPanel("group_meetings", title=N_("Meetings"))
        self.list_panels = [self.groups, self.meetings]
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.groups)
        self.splitter.addWidget(self.meetings)
        self.splitter.setSizes([300, 400])
        self.layout_.addWidget(self.note)
        self.layout_.addWidget(self.splitter, 1)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.note.setText(
            _(
                "What is said in a reflection group stays with the group and its facilitator. You see when "
                "groups met, how many attended and the themes a group chose to share."
            )
        )
