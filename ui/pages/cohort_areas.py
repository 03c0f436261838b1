"""The areas about one cohort: participants, sessions, reflection groups, journal activity, certificates.

Each shows the shared cohort picker and one or two lists for the chosen cohort. Two areas carry a short
explanation of what the coordinator does not see: what is said in reflection groups stays with the group
(only dates, attendance and themes the group chose to share are listed), and learning-journal entries are
private (only counts, and only where the participant allowed it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter

from tillitsleder.i18n import N_, _
from ui.pages.base import CohortPage
from ui.widgets.cohort_picker import CohortSelection
from ui.widgets.list_panel import ListPanel


def _note() -> QLabel:
    label = QLabel()
    label.setObjectName("privacyNote")
    label.setWordWrap(True)
    return label


class ParticipantsPage(CohortPage):
    nav_title = N_("Cohorts & participants")

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(selection, parent)
        self.enrolments = ListPanel("enrolments", title=N_("Participants"))
        self.list_panels = [self.enrolments]
        self.layout_.addWidget(self.enrolments, 1)
        self.retranslate()


class SessionsPage(CohortPage):
    nav_title = N_("Sessions & attendance")

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(selection, parent)
        self.sessions = ListPanel("sessions", title=N_("Sessions"))
        self.list_panels = [self.sessions]
        self.layout_.addWidget(self.sessions, 1)
        self.retranslate()


class GroupsPage(CohortPage):
    nav_title = N_("Reflection groups")

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(selection, parent)
        self.note = _note()
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


class JournalPage(CohortPage):
    nav_title = N_("Journal")

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(selection, parent)
        self.note = _note()
        self.counts = ListPanel("journal_counts", title=N_("Journal activity"))
        self.list_panels = [self.counts]
        self.layout_.addWidget(self.note)
        self.layout_.addWidget(self.counts, 1)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.note.setText(
            _(
                "Learning-journal entries are private to the participants who write them. You see only how "
                "many entries someone has written, and only if they have allowed it; otherwise the count is "
                "left empty."
            )
        )


class CertificatesPage(CohortPage):
    nav_title = N_("Certificates & reports")

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(selection, parent)
        self.certificates = ListPanel("certificates", title=N_("Certificates"))
        self.list_panels = [self.certificates]
        self.layout_.addWidget(self.certificates, 1)
        self.retranslate()
