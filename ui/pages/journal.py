"""Journal: what each role may see of the learning journals.

- A participant (unlocked) writes and reads their own journal and commitments (``ui.journal.workspace``).
- A facilitator/coach reads what participants shared with them and their leaders' commitments.
- The coordinator reads no journal content at all: a note says why, and a list shows how many entries each
  participant has written — only where the participant allowed it.

The page gets the unlocked profile from the profile controller (``set_profile``) before the actor changes, and
builds the participant and coach widgets (and imports the journal services) only when first needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from tillitsleder.enums import Role
from tillitsleder.i18n import N_, _
from ui.operations import Changed
from ui.pages import areas
from ui.pages.base import CohortPage, privacy_note
from ui.widgets.cohort_picker import CohortSelection
from ui.widgets.list_panel import ListPanel

if TYPE_CHECKING:
    from tillitsleder.profiles import UnlockedProfile
    from tillitsleder.storage import Database
    from ui.journal.shared_view import CoachJournalView, SharedEntriesPanel
    from ui.journal.workspace import JournalWorkspace


class JournalPage(CohortPage):
    nav_title = areas.JOURNAL.nav_title
    roles = areas.JOURNAL.roles
    shows = Changed.JOURNAL | Changed.ENROLMENT | Changed.GROUPS | Changed.FACILITATORS | Changed.PROFILES

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(selection, parent)
        self.profile: UnlockedProfile | None = None
        self.note = privacy_note()
        self.counts = ListPanel("journal_counts", title=N_("Journal activity"))
        self.list_panels = [self.counts]
        self.coordinator_view = QWidget()
        coordinator_layout = QVBoxLayout(self.coordinator_view)
        coordinator_layout.setContentsMargins(0, 0, 0, 0)
        coordinator_layout.addWidget(self.note)
        coordinator_layout.addWidget(self.counts, 1)
        self.locked_label = QLabel()
        self.locked_label.setObjectName("emptyState")
        self.locked_label.setWordWrap(True)
        self.views = QStackedWidget()
        self.views.addWidget(self.coordinator_view)
        self.views.addWidget(self.locked_label)
        self.layout_.addWidget(self.views, 1)
        self.workspace: JournalWorkspace | None = None
        self.coach_view: CoachJournalView | None = None
        self.group_panel: SharedEntriesPanel | None = None
        selection.actorChanged.connect(lambda _actor: self._on_actor_changed())
        self.retranslate()

    # --- the profile ---------------------------------------------------------------------------------------

    @property
    def role(self) -> Role:
        return self.profile.info.role if self.profile is not None else Role.COORDINATOR

    def set_profile(self, profile: UnlockedProfile | None) -> None:
        """The unlocked profile to show (``None``: locked — every decrypted word is dropped)."""
        if profile is self.profile:
            return
        self.flush_drafts()
        self._drop_content()
        self.profile = profile
        self.mark_stale()

    def set_database(self, db: Database | None) -> None:
        if db is not self.db:
            self.flush_drafts()  # into the database the draft belongs to, before it is closed
            self._drop_content()
            self.profile = None
        super().set_database(db)

    def flush_drafts(self) -> None:
        if self.workspace is not None:
            self.workspace.flush()

    def _drop_content(self) -> None:
        if self.workspace is not None:
            self.workspace.clear()
        if self.coach_view is not None:
            self.coach_view.clear()

    def _on_actor_changed(self) -> None:
        self.picker.setVisible(self.role is Role.COORDINATOR)
        self.mark_stale()

    # --- loading -------------------------------------------------------------------------------------------

    def load(self):
        assert self.db is not None
        role = self.role
        self.picker.setVisible(role is Role.COORDINATOR)
        if role is Role.COORDINATOR:
            self.views.setCurrentWidget(self.coordinator_view)
            super().load()
            return None
        if role is Role.PARTICIPANT:
            return self._load_participant()
        return self._load_coach()

    def _load_participant(self):
        from ui.journal.backend import JournalBackend
        from ui.journal.workspace import JournalWorkspace

        assert self.db is not None and self.profile is not None
        if self.workspace is None:
            self.workspace = JournalWorkspace()
            self.views.addWidget(self.workspace)
            self._add_group_tab(self.workspace)
        backend = self.workspace.backend
        if backend is None or backend.db is not self.db or backend.me is not self.profile:
            self.workspace.set_backend(JournalBackend(self.db, self.profile))
        self.workspace.reload()  # off the GUI thread; says itself what went wrong
        self.views.setCurrentWidget(self.workspace)
        return self.group_panel.load(self.db, self.profile) if self.group_panel is not None else None

    def _add_group_tab(self, workspace: JournalWorkspace) -> None:
        from ui.journal.shared_view import SharedEntriesPanel

        self.group_panel = SharedEntriesPanel(
            empty_text=N_("When members of your reflection group share a summary, you can read it here.")
        )
        workspace.tabs.addTab(self.group_panel, "")
        self.group_panel.loadFailed.connect(self._show_failure)
        self._name_group_tab()

    def _load_coach(self):
        from ui.journal.shared_view import CoachJournalView

        assert self.db is not None and self.profile is not None
        if self.coach_view is None:
            self.coach_view = CoachJournalView()
            self.views.addWidget(self.coach_view)
            self.coach_view.loaded.connect(lambda: self.views.setCurrentWidget(self.coach_view))
            self.coach_view.loadFailed.connect(self._show_failure)
        return self.coach_view.load(self.db, self.profile)  # off the GUI thread: 400 × 60 takes a moment

    def _show_failure(self, text: str) -> None:
        """The page says what went wrong instead of crashing."""
        self.locked_label.setText(text)
        self.views.setCurrentWidget(self.locked_label)

    # --- search and language -------------------------------------------------------------------------------

    def panels(self) -> list[ListPanel]:
        return list(self.list_panels) if self.role is Role.COORDINATOR else []

    def has_search(self) -> bool:
        return self.role in (Role.COORDINATOR, Role.PARTICIPANT)

    def focus_search(self) -> None:
        if self.role is Role.PARTICIPANT and self.workspace is not None:
            self.workspace.focus_search()
        else:
            super().focus_search()

    def _name_group_tab(self) -> None:
        if self.workspace is not None and self.group_panel is not None:
            index = self.workspace.tabs.indexOf(self.group_panel)
            self.workspace.tabs.setTabText(index, _("From my reflection group"))

    def retranslate(self) -> None:
        super().retranslate()
        self._name_group_tab()
        self.note.setText(
            _(
                "Learning-journal entries are private to the participants who write them: they are encrypted, "
                "and the coordinator's profile has no key to any of them. You see only how many entries someone "
                "has written, and only if they have allowed it; otherwise the count is left empty."
            )
        )
