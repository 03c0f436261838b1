"""Attendance register: the chosen cohort's participants × sessions, filled with the keyboard.

The register widget (and with it the core) is imported when the page first loads, so building the main window
stays cheap. The page shares the cohort choice with the other cohort areas through its ``CohortPicker``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QLabel, QStackedWidget

from tillitsleder.i18n import N_, _
from ui.pages.base import Page
from ui.widgets.cohort_picker import CohortPicker, CohortSelection

if TYPE_CHECKING:
    from ui.attendance.register_widget import RegisterWidget

NO_COHORTS = N_("There are no cohorts in this database yet.")


class AttendancePage(Page):
    nav_title = N_("Attendance register")

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.picker = CohortPicker(selection)
        self.layout_.addWidget(self.picker)
        self.stack = QStackedWidget()
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyState")
        self.stack.addWidget(self.empty_label)
        self.layout_.addWidget(self.stack, 1)
        self.register: RegisterWidget | None = None
        self._message = ""  # nothing to say before a database is open
        selection.changed.connect(lambda _cohort: self.mark_stale())
        self.retranslate()

    def load(self) -> None:
        assert self.db is not None
        cohort_id = self.selection.current
        if cohort_id is None:
            self._show_message(NO_COHORTS)
            return
        if self.register is None:
            from ui.attendance.register_widget import RegisterWidget

            self.register = RegisterWidget()
            self.stack.addWidget(self.register)
        try:
            self.register.load(self.db, cohort_id)
        except Exception as error:  # noqa: BLE001 - the page says what went wrong instead of crashing
            from ui.dialogs import error_text

            self._message = error_text(error)
            self.empty_label.setText(self._message)
            self.stack.setCurrentWidget(self.empty_label)
            return
        self.stack.setCurrentWidget(self.register)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        # Other areas may enrol, cancel or move sessions meanwhile: read the register again when shown next.
        super().hideEvent(event)
        if self.db is not None:
            self._stale = True

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
