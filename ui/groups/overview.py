"""The “Overview” tab of the reflection-groups area: the cohort's groups and meetings, as meta only.

What is said in a reflection group stays with the group: the coordinator sees dates, attendance and the
themes a group chose to share, never note content. The page sets the lists' source (they are its
``list_panels``), like every cohort area.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from tillitsleder.i18n import N_, _
from ui.pages.base import privacy_note
from ui.widgets.list_panel import ListPanel
from ui.widgets.retranslate import Retranslating


class OverviewTab(Retranslating, QWidget):
    tab_title = N_("Overview")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.note = privacy_note()
        self.groups = ListPanel("groups", title=N_("Groups"))
        self.meetings = ListPanel("group_meetings", title=N_("Meetings"))
        self.list_panels = [self.groups, self.meetings]
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.groups)
        self.splitter.addWidget(self.meetings)
        self.splitter.setSizes([300, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.splitter, 1)
        self.retranslate()

    def show_cohort(self, db, cohort_id: int | None) -> None:
        """Nothing to do: the page sets the lists' source."""

    def retranslate(self) -> None:
        self.note.setText(
            _(
                "What is said in a reflection group stays with the group and its facilitator. You see when "
                "groups met, how many attended and the themes a group chose to share."
            )
        )
