"""The dialog to schedule a session, a repeating series, or to reschedule one session.

While the coordinator edits, conflicts (a facilitator or venue double-booked, outside the programme's dates,
a day off, a facilitator away) are looked up and listed inline; with conflicts on screen the Save button
reads "Save anyway". Saving re-checks first: if the conflicts changed since they were shown, the new ones
are shown and nothing is saved until the coordinator confirms. The service calls are short queries.

Rescheduling hands back the version the form was filled from: if someone else saved the session meanwhile, the
save is refused (``ChangedElsewhere``), the form is filled again with the newer values and the message above the
buttons says who changed it and when; saving again then saves over those values, knowingly.
"""

from __future__ import annotations

import html
from datetime import time
from enum import Enum, auto

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from tillitsleder import clock
from tillitsleder.errors import ChangedElsewhere
from tillitsleder.i18n import _, format_date
from tillitsleder.sessions import scheduling as svc
from tillitsleder.sessions.conflicts import Conflict
from tillitsleder.storage import Database
from ui import colours, recolour
from ui.errors import error_text
from ui.sessions.series_box import SeriesBox
from ui.sessions.session_form import SessionForm
from ui.widgets.retranslate import Retranslating

CHECK_DELAY_MS = 200


def _style(scheme: colours.Scheme) -> str:
    """The conflicts note (a fill with its ink and an orange bar) and the form's problem line (warning text)."""
    return (
        f"QLabel#conflicts {{ background: {scheme.css_fill('conflicts')}; color: {scheme.css_text('conflicts')}; "
        f"border-left: 3px solid {scheme.css_border('conflicts')}; padding: 8px 10px; }}\n"
        f"QLabel#formProblem {{ color: {scheme.css_text('warning')}; font-weight: 600; }}"
    )


class Mode(Enum):
    NEW = auto()
    SERIES = auto()
    RESCHEDULE = auto()


class SessionDialog(Retranslating, QDialog):
    """``outcome`` holds the ``ScheduleResult`` after a successful save (the dialog is then accepted)."""

    def __init__(
        self, db: Database, cohort_id: int, mode: Mode = Mode.NEW, *, session_id: int | None = None, parent=None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessionDialog")
        recolour.follow_sheet(self, _style)
        self.db, self.mode, self.session_id = db, mode, session_id
        self.outcome: svc.ScheduleResult | None = None
        self.shown_conflicts: list[str] = []
        self._conflicts: list[Conflict] = []
        details = svc.session_details(db, session_id) if session_id is not None else None
        self.seen_version = details.version if details is not None else None
        include = details.plan.facilitator_ids if details is not None else ()
        self.options = svc.form_options(db, cohort_id, include_facilitators=include)
        self.form = SessionForm(self.options)
        start = max(clock.today(), self.options.frame.first_day)
        self.form.set_plan(details.plan if details else svc.SessionPlan(cohort_id, start, time(9), time(15, 30)))
        self.series = SeriesBox(self.form.plan().day) if mode is Mode.SERIES else None
        self.cohort_label = QLabel()
        self.problem_label = QLabel()
        self.problem_label.setObjectName("formProblem")
        self.problem_label.setProperty("colourRole", "warning")
        self.problem_label.setWordWrap(True)
        self.changed_label = QLabel()  # someone else saved meanwhile: stays until the next save
        self.changed_label.setObjectName("formProblem")
        self.changed_label.setProperty("colourRole", "warning")
        self.changed_label.setWordWrap(True)
        self.changed_label.hide()
        self.conflict_label = QLabel()
        self.conflict_label.setObjectName("conflicts")
        recolour.mark_surface(self.conflict_label, "conflicts")
        self.conflict_label.setWordWrap(True)
        self.conflict_label.setTextFormat(Qt.TextFormat.RichText)
        self.conflict_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveSession")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.cohort_label)
        layout.addWidget(self.form)
        if self.series is not None:
            layout.addWidget(self.series)
        layout.addWidget(self.conflict_label)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.changed_label)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check)
        self.form.changed.connect(self._timer.start)
        if self.series is not None:
            self.series.changed.connect(self._timer.start)
            self.form.date_edit.dateChanged.connect(lambda _d: self.series.follow_first_day(self.form.plan().day))
        self.resize(620, 720 if self.series is not None else 560)
        self.retranslate()
        self.check()
        self.form.date_edit.setFocus()

    def retranslate(self) -> None:
        titles = {
            Mode.NEW: _("New session"),
            Mode.SERIES: _("New series of sessions"),
            Mode.RESCHEDULE: _("Reschedule session"),
        }
        self.setWindowTitle(titles[self.mode])
        self.cohort_label.setText(_("Cohort: {name}").format(name=self.options.cohort_name))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self._show_conflicts(self._conflicts)

    # --- checking ------------------------------------------------------------------------------------------

    def current_conflicts(self) -> list[Conflict]:
        """What the service reports for the form as it is now; raises ``TillitslederError`` if it is invalid."""
        plan = self.form.plan()
        if self.series is not None:
            occurrences = svc.preview_series(self.db, plan, self.series.pattern())
            self.series.show_preview(occurrences)
            return [c for o in occurrences for c in o.conflicts]
        return svc.check_conflicts(self.db, plan, session_id=self.session_id)

    def check(self) -> list[Conflict] | None:
        self._timer.stop()
        try:
            conflicts = self.current_conflicts()
        except Exception as error:  # noqa: BLE001 - one sentence for the user; the log has the rest
            self.problem_label.setText(error_text(error))
            self.problem_label.show()
            self._show_conflicts([])
            self.save_button.setEnabled(False)
            return None
        self.problem_label.hide()
        self.save_button.setEnabled(True)
        self._show_conflicts(conflicts)
        return conflicts

    def _show_conflicts(self, conflicts: list[Conflict]) -> None:
        self._conflicts = conflicts
        messages = [self._describe(c) for c in conflicts]
        self.shown_conflicts = messages
        if not messages:
            self.conflict_label.hide()
            self.save_button.setText(_("Save"))
            return
        items = "".join(f"<li>{html.escape(text)}</li>" for text in messages)
        heading = html.escape(_("Check before saving:"))
        self.conflict_label.setText(f"<b>{heading}</b><ul style='margin: 4px 0 0 -20px'>{items}</ul>")
        self.conflict_label.setAccessibleName(_("Conflicts"))
        self.conflict_label.show()
        self.save_button.setText(_("Save anyway"))

    def _describe(self, conflict: Conflict) -> str:
        if self.series is None:
            return conflict.message()
        return _("{date}: {problem}").format(date=format_date(conflict.day), problem=conflict.message())

    # --- saving --------------------------------------------------------------------------------------------

    def save(self) -> None:
        shown = list(self.shown_conflicts)
        conflicts = self.check()
        if conflicts is None:
            return
        if [self._describe(c) for c in conflicts] != shown:
            return  # something changed since the warnings were shown: let the coordinator read them first
        self.changed_label.hide()
        try:
            plan = self.form.plan()
            if self.mode is Mode.RESCHEDULE and self.session_id is not None:
                self.outcome = svc.reschedule_session(self.db, self.session_id, plan, seen_version=self.seen_version)
            elif self.series is not None:
                self.outcome = svc.schedule_series(self.db, plan, self.series.pattern())
            else:
                self.outcome = svc.schedule_session(self.db, plan)
        except ChangedElsewhere as refused:
            self._reload(refused)
            return
        except Exception as error:  # noqa: BLE001 - one sentence for the user; the log has the rest
            self.problem_label.setText(error_text(error))
            self.problem_label.show()
            return
        self.accept()

    def _reload(self, refused: ChangedElsewhere) -> None:
        """Fill the form with the session as someone else saved it, and say so."""
        assert self.session_id is not None
        try:
            details = svc.session_details(self.db, self.session_id)
        except Exception as error:  # noqa: BLE001 - removed meanwhile, or the database is gone: say so
            self.problem_label.setText(error_text(error))
            self.problem_label.show()
            self.save_button.setEnabled(False)
            return
        self.seen_version = details.version
        self.form.set_plan(details.plan)
        self.check()
        self.changed_label.setText(error_text(refused))
        self.changed_label.show()


def open_session_dialog(
    parent: QWidget, db: Database, cohort_id: int, mode: Mode, session_id: int | None = None
) -> svc.ScheduleResult | None:
    dialog = SessionDialog(db, cohort_id, mode, session_id=session_id, parent=parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return dialog.outcome if accepted else None
