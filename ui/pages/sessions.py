"""Sessions & attendance: the chosen cohort's sessions with status and attendance counts, and the actions
to schedule, reschedule, cancel, mark as held and export calendars.

Buttons act on the selected session and are enabled only when they can: a cancelled session cannot be
rescheduled, only a planned session that has started can be marked as held, and so on. The dialogs live
in ``ui.sessions`` and are imported when first used, so building the window stays cheap. After a change
the list reloads, and the other areas reload when next shown (attendance figures depend on sessions held).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QToolButton

from tillitsleder import clock
from tillitsleder.i18n import N_, _, ngettext
from ui.operations import Changed, announce
from ui.pages import areas
from ui.pages.base import CohortPage
from ui.widgets.cohort_picker import CohortSelection
from ui.widgets.flow_layout import flow_row
from ui.widgets.keyboard import EXPORT_KEY, NEW_KEY, key_for
from ui.widgets.list_panel import ListPanel

RAW_ROLE = 0x0101  # ui.table_model.RAW_ROLE (Qt.UserRole + 1), without importing the model module here


class SessionsPage(CohortPage):
    nav_title = areas.SESSIONS.nav_title
    shows = Changed.SESSIONS | Changed.ATTENDANCE | Changed.ENROLMENT | Changed.CURRICULUM | Changed.FACILITATORS

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(selection, parent)
        self.new_button = QPushButton()
        self.series_button = QPushButton()
        self.reschedule_button = QPushButton()
        self.cancel_button = QPushButton()
        self.held_button = QPushButton()
        self.export_button = QToolButton()
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.export_menu = QMenu(self)
        self.action_export_cohort = self.export_menu.addAction("")
        self.action_export_facilitator = self.export_menu.addAction("")
        self.action_export_cancellation = self.export_menu.addAction("")
        self.export_button.setMenu(self.export_menu)
        self.export_button.setDefaultAction(self.action_export_cohort)
        for name, button in (
            ("newSession", self.new_button), ("newSeries", self.series_button),
            ("rescheduleSession", self.reschedule_button), ("cancelSession", self.cancel_button),
            ("markHeld", self.held_button), ("exportCalendar", self.export_button),
        ):  # fmt: skip
            button.setObjectName(name)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        buttons = [self.new_button, self.series_button, self.reschedule_button, self.cancel_button, self.held_button]
        bar.addWidget(flow_row(buttons), 1)  # wraps in a narrow window instead of widening it
        bar.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        self.layout_.addLayout(bar)

        self.sessions = ListPanel("sessions", title=N_("Sessions"))
        self.sessions.set_empty_action(self.new_button)
        self.list_panels = [self.sessions]
        self.layout_.addWidget(self.sessions, 1)

        self.new_button.clicked.connect(lambda: self._schedule("new"))
        key_for(self.new_button, NEW_KEY)
        self.action_export_cohort.setShortcut(QKeySequence(EXPORT_KEY))
        self.series_button.clicked.connect(lambda: self._schedule("series"))
        self.reschedule_button.clicked.connect(lambda: self._schedule("reschedule"))
        self.cancel_button.clicked.connect(self._cancel)
        self.held_button.clicked.connect(self._mark_held)
        self.action_export_cohort.triggered.connect(self._export_cohort)
        self.action_export_facilitator.triggered.connect(self._export_facilitator)
        self.action_export_cancellation.triggered.connect(self._export_cancellation)
        self.sessions.currentIdChanged.connect(self._update_buttons)
        self.sessions.populated.connect(self._update_buttons)
        self.sessions.table.activated.connect(lambda _index: self._reschedule_if_possible())
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        super().retranslate()
        self.new_button.setText(_("&New session…"))
        self.series_button.setText(_("New se&ries…"))
        self.reschedule_button.setText(_("&Reschedule…"))
        self.cancel_button.setText(_("Ca&ncel session…"))
        self.held_button.setText(_("Mark as &held"))
        self.action_export_cohort.setText(_("E&xport calendar…"))
        self.action_export_cohort.setToolTip(_("Save the cohort’s sessions as an .ics file for Outlook."))
        self.action_export_facilitator.setText(_("A facilitator’s calendar…"))
        self.action_export_cancellation.setText(_("Cancellation notice for this session…"))
        self.series_button.setToolTip(_("Schedule sessions that repeat weekly or monthly."))
        self.held_button.setToolTip(_("Record that the selected session took place."))

    # --- state ---------------------------------------------------------------------------------------------

    def selected(self) -> tuple[int | None, str | None, datetime | None]:
        """The selected session's id, status and start (UTC), from the list's own row."""
        session_id = self.sessions.current_id()
        model = self.sessions.model
        if session_id is None or model is None:
            return None, None, None
        row = self.sessions.table.currentIndex().row()
        status = model.index(row, model.column_index("status")).data(RAW_ROLE)
        starts = model.index(row, model.column_index("starts")).data(RAW_ROLE)
        return session_id, status, starts

    def _update_buttons(self, *_args: object) -> None:
        has_cohort = self.db is not None and self.selection.current is not None
        session_id, status, starts = self.selected()
        started = starts is not None and starts <= clock.now()
        for button in (self.new_button, self.series_button, self.export_button):
            button.setEnabled(has_cohort)
        self.action_export_cohort.setEnabled(has_cohort)
        self.action_export_facilitator.setEnabled(has_cohort)
        self.reschedule_button.setEnabled(has_cohort and status in ("planned", "held"))
        self.cancel_button.setEnabled(has_cohort and status == "planned")
        self.held_button.setEnabled(has_cohort and status == "planned" and started)
        self.action_export_cancellation.setEnabled(has_cohort and status == "cancelled" and session_id is not None)

    def report(self, text: str) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 15000)

    def _changed(self) -> None:
        """Reload this list now and every other area when it is next shown."""
        announce(Changed.SESSIONS, self)
        self.sessions.refresh()
        self._update_buttons()

    # --- actions -------------------------------------------------------------------------------------------

    def _schedule(self, kind: str) -> None:
        from ui.sessions.session_dialog import Mode, open_session_dialog

        cohort_id = self.selection.current
        if self.db is None or cohort_id is None:
            return
        session_id = self.selected()[0] if kind == "reschedule" else None
        mode = {"new": Mode.NEW, "series": Mode.SERIES, "reschedule": Mode.RESCHEDULE}[kind]
        result = open_session_dialog(self, self.db, cohort_id, mode, session_id)
        if result is None:
            return
        count, warnings = len(result.session_ids), len(result.conflicts)
        if kind == "reschedule":
            text = _("Session changed.") if result.changed else _("Nothing was changed.")
        else:
            text = ngettext("{n} session scheduled.", "{n} sessions scheduled.", count).format(n=count)
        if warnings:
            text += " " + ngettext("Saved with {n} warning.", "Saved with {n} warnings.", warnings).format(n=warnings)
        self.report(text)
        self._changed()

    def _reschedule_if_possible(self) -> None:
        if self.reschedule_button.isEnabled():
            self._schedule("reschedule")

    def _cancel(self) -> None:
        from ui.sessions.cancel_dialog import cancel_with_reason

        session_id = self.selected()[0]
        if self.db is None or session_id is None:
            return
        if cancel_with_reason(self, self.db, session_id):
            self.report(_("The session was cancelled. Export the calendar again to update Outlook."))
            self._changed()

    def _mark_held(self) -> None:
        from tillitsleder.sessions.scheduling import mark_held
        from ui.errors import show_error

        session_id = self.selected()[0]
        if self.db is None or session_id is None:
            return
        try:
            mark_held(self.db, session_id)
        except Exception as error:  # noqa: BLE001 - shown to the user, as every core error
            show_error(self, _("Mark as held"), error)
            return
        self.report(_("The session is marked as held."))
        self._changed()

    def _export_cohort(self) -> None:
        from ui.sessions.calendar_actions import export_cohort_calendar

        cohort_id = self.selection.current
        if self.db is not None and cohort_id is not None:
            export_cohort_calendar(self, self.db, cohort_id, self.selection.label(cohort_id), self.report)

    def _export_facilitator(self) -> None:
        from ui.sessions.calendar_actions import export_facilitator_calendar

        cohort_id = self.selection.current
        if self.db is not None and cohort_id is not None:
            export_facilitator_calendar(self, self.db, cohort_id, self.report)

    def _export_cancellation(self) -> None:
        from ui.sessions.calendar_actions import export_cancellation_notice

        session_id = self.selected()[0]
        if self.db is None or session_id is None:
            return
        row = self.sessions.table.currentIndex().row()
        title = self.sessions.model.index(row, self.sessions.model.column_index("title")).data(RAW_ROLE)
        export_cancellation_notice(self, self.db, session_id, str(title or ""), self.report)
