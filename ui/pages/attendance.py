"""Attendance register: the chosen cohort's participants × sessions, filled with the keyboard.

The register widget (and with it the core) is imported when the page first loads, so building the main window
stays cheap; the register is read off the GUI thread. The page shares the cohort choice with the other cohort
areas through its ``CohortPicker``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget

from tillitsleder.i18n import _
from ui.operations import Changed
from ui.pages import areas
from ui.pages.base import NO_COHORTS, Page
from ui.widgets.cohort_picker import CohortPicker, CohortSelection

if TYPE_CHECKING:
    from ui.attendance.register_widget import RegisterWidget


class AttendancePage(Page):
    nav_title = areas.ATTENDANCE.nav_title
    shows = Changed.ATTENDANCE | Changed.SESSIONS | Changed.ENROLMENT | Changed.CURRICULUM

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.picker = CohortPicker(selection)
        self.layout_.addWidget(self.picker)
        self.stack = QStackedWidget()
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.empty_label)
        self.layout_.addWidget(self.stack, 1)
        self.register: RegisterWidget | None = None
        self._message = ""  # nothing to say before a database is open
        selection.changed.connect(lambda _cohort: self.mark_stale())
        self.retranslate()

    def load(self):
        assert self.db is not None
        cohort_id = self.selection.current
        if cohort_id is None:
            self._show_message(NO_COHORTS)
            return None
        if self.register is None:
            from ui.attendance.register_widget import RegisterWidget

            self.register = RegisterWidget()
            self.stack.addWidget(self.register)
            self.register.loaded.connect(lambda: self.stack.setCurrentWidget(self.register))
            self.register.loadFailed.connect(self._show_failure)
        return self.register.load(self.db, cohort_id)  # off the GUI thread; the grid shows when it arrives

    def _show_failure(self, text: str) -> None:
        """The page says what went wrong instead of an empty grid."""
        self._message = text
        self.empty_label.setText(text)
        self.stack.setCurrentWidget(self.empty_label)

    def _show_message(self, msgid: str) -> None:
        self._message = msgid
        self.empty_label.setText(_(msgid))
        self.stack.setCurrentWidget(self.empty_label)

    def focus_search(self) -> None:
        if self.register is not None:
            self.register.view.setFocus()

    def retranslate(self) -> None:
        super().retranslate()
        self.empty_label.setText(_(self._message) if self._message else "")
