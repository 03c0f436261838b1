"""Journal: learning-journal activity of the chosen cohort, as counts only.

Entries are private: a count shows only where the participant allowed it.
"""

from __future__ import annotations

from tillitsleder.i18n import N_, _
from ui.pages.base import CohortPage, privacy_note
from ui.widgets.cohort_picker import CohortSelection
from ui.widgets.list_panel import ListPanel


class JournalPage(CohortPage):
    nav_title = N_("Journal")

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(selection, parent)
        self.note = privacy_note()
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
