"""The Sessions area: scheduling through the dialog with inline conflict warnings, series preview, cancelling
with a reason, mark as held, buttons enabled only when they can act, and exporting the calendar."""

from __future__ import annotations

from datetime import time, timedelta

from dateutil.easter import easter
from icalendar import Calendar
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from tillitsleder import clock
from tillitsleder.sessions import scheduling as svc
from ui.main_window import MainWindow
from ui.pages.sessions import RAW_ROLE, SessionsPage
from ui.sessions.cancel_dialog import CancelDialog
from ui.sessions.session_dialog import Mode, SessionDialog

SESSIONS_AREA = 2


def sessions_page(qtbot, window: MainWindow) -> SessionsPage:
    window.nav.setCurrentRow(SESSIONS_AREA)
    page = window.current_page()
    assert isinstance(page, SessionsPage)
    qtbot.waitUntil(lambda: page.isVisible() and not page._stale and page.sessions.model is not None)
    return page


def select_row_with_status(page: SessionsPage, status: str) -> int:
    model = page.sessions.model
    column = model.column_index("status")
    for row in range(model.rowCount()):
        if model.index(row, column).data(RAW_ROLE) == status:
            page.sessions.table.selectRow(row)
            return model.row_id(row)
    raise AssertionError(status)


def when_dialog_opens(handle) -> None:
    """Run ``handle(dialog)`` on the next modal dialog (the page opens them with ``exec()``)."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            handle(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def test_raw_role_matches_the_table_model() -> None:
    from ui.table_model import RAW_ROLE as MODEL_RAW_ROLE

    assert RAW_ROLE == MODEL_RAW_ROLE


def test_new_session_through_the_page_warns_about_a_double_booking_then_saves_anyway(qtbot, opened_window) -> None:
    window = opened_window
    page = sessions_page(qtbot, window)
    db = window.db
    planned = select_row_with_status(page, "planned")
    other = svc.session_details(db, planned)
    before = page.sessions.model.total
    seen: dict[str, object] = {}

    def fill(dialog: SessionDialog) -> None:
        plan = svc.SessionPlan(
            other.plan.cohort_id, other.plan.day, other.plan.start, other.plan.end, title="Ekstra veiledning",
            venue_id=other.plan.venue_id, facilitator_ids=other.plan.facilitator_ids[:1],
        )  # fmt: skip
        dialog.form.set_plan(plan)
        qtbot.waitUntil(lambda: dialog.conflict_label.isVisible())
        seen["text"] = dialog.conflict_label.text()
        seen["button"] = dialog.save_button.text()
        dialog.save_button.click()

    when_dialog_opens(fill)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert seen["button"] == "Save anyway"
    assert "already facilitates" in seen["text"] and "is already booked for" in seen["text"]
    qtbot.waitUntil(lambda: page.sessions.model.total == before + 1)
    assert "1 session scheduled. Saved with 2 warnings." in window.statusBar().currentMessage()


def test_saving_is_refused_while_the_form_is_invalid_and_conflicts_clear_when_fixed(qtbot, demo_db) -> None:
    with demo_db.read() as s:
        from sqlalchemy import select

        from tillitsleder import model as m

        cohort_id = s.scalar(select(m.Cohort.id))
        busy = s.scalar(select(m.Session.id).where(m.Session.status == "planned").limit(1))
    other = svc.session_details(demo_db, busy)
    dialog = SessionDialog(demo_db, cohort_id, Mode.NEW)
    qtbot.addWidget(dialog)
    dialog.form.set_plan(svc.SessionPlan(cohort_id, other.plan.day, time(15), time(14), title="X"))
    dialog.check()
    assert not dialog.save_button.isEnabled() and "must end after it starts" in dialog.problem_label.text()
    dialog.form.set_plan(
        svc.SessionPlan(cohort_id, other.plan.day, other.plan.start, other.plan.end, title="X",
                        venue_id=other.plan.venue_id)
    )  # fmt: skip
    dialog.check()
    assert dialog.save_button.isEnabled() and dialog.save_button.text() == "Save anyway"
    dialog.form.venue_combo.setCurrentIndex(0)
    dialog.check()
    assert dialog.conflict_label.isHidden() and dialog.save_button.text() == "Save"
    dialog.save()
    assert dialog.outcome is not None and dialog.outcome.conflicts == ()


def test_series_dialog_previews_dates_and_skips_holidays(qtbot, demo_db) -> None:
    from sqlalchemy import select

    from tillitsleder import model as m

    with demo_db.read() as s:
        cohort_id, started = s.execute(select(m.Cohort.id, m.Cohort.start_date)).first()
    maundy_thursday = easter(started.year + 1) - timedelta(days=3)  # in the programme's first spring
    dialog = SessionDialog(demo_db, cohort_id, Mode.SERIES)
    qtbot.addWidget(dialog)
    first = maundy_thursday - timedelta(days=7)
    dialog.form.set_plan(svc.SessionPlan(cohort_id, first, time(13), time(15), title="Refleksjon"))
    dialog.series.count_spin.setValue(4)
    dialog.check()
    texts = [dialog.series.preview.item(i).text() for i in range(dialog.series.preview.count())]
    assert len(texts) == 5 and "skipped" in texts[1]
    assert "4 sessions will be created." in dialog.series.preview_label.text()
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(dialog.outcome.session_ids) == 4 and dialog.outcome.skipped_days == (maundy_thursday,)


def test_cancel_needs_a_reason_and_the_list_shows_the_new_status(qtbot, opened_window) -> None:
    window = opened_window
    page = sessions_page(qtbot, window)
    session_id = select_row_with_status(page, "planned")
    assert page.cancel_button.isEnabled()
    seen: dict[str, bool] = {}

    def cancel(dialog: CancelDialog) -> None:
        seen["enabled_before"] = dialog.ok_button.isEnabled()
        dialog.reason_edit.setPlainText("Kurslokalet er dobbeltbooket")
        seen["enabled_after"] = dialog.ok_button.isEnabled()
        dialog.ok_button.click()

    when_dialog_opens(cancel)
    page.cancel_button.click()
    assert seen == {"enabled_before": False, "enabled_after": True}
    details = svc.session_details(window.db, session_id)
    assert details.status == "cancelled" and details.sequence == 1
    qtbot.waitUntil(lambda: page.selected()[1] == "cancelled" or page.selected()[0] != session_id)
    row = next(r for r in range(page.sessions.model.rowCount()) if page.sessions.model.row_id(r) == session_id)
    page.sessions.table.selectRow(row)
    status_column = page.sessions.model.column_index("status")
    assert page.sessions.model.index(row, status_column).data() == "Cancelled"
    assert not page.reschedule_button.isEnabled() and not page.cancel_button.isEnabled()
    assert page.action_export_cancellation.isEnabled()


def test_buttons_follow_the_selected_session(qtbot, opened_window) -> None:
    page = sessions_page(qtbot, opened_window)
    select_row_with_status(page, "held")
    assert page.reschedule_button.isEnabled() and not page.cancel_button.isEnabled()
    assert not page.held_button.isEnabled()
    select_row_with_status(page, "cancelled")
    assert not page.reschedule_button.isEnabled() and not page.held_button.isEnabled()
    # The demo's next planned session: "held" only once it has begun (it may begin on the suite's day).
    select_row_with_status(page, "planned")
    _, _, starts = page.selected()
    for moment, can_be_held in ((starts - timedelta(minutes=1), False), (starts, True)):
        with clock.frozen_at(moment):
            select_row_with_status(page, "held")
            select_row_with_status(page, "planned")
            assert page.cancel_button.isEnabled() and page.held_button.isEnabled() is can_be_held
    assert page.new_button.isEnabled() and page.export_button.isEnabled()


def test_export_calendar_writes_an_ics_off_the_gui_thread(qtbot, opened_window, tmp_path, monkeypatch) -> None:
    window = opened_window
    page = sessions_page(qtbot, window)
    target = tmp_path / "kull"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    page.action_export_cohort.trigger()
    written = tmp_path / "kull.ics"
    qtbot.waitUntil(written.exists, timeout=10_000)
    qtbot.waitUntil(lambda: "Calendar saved to" in window.statusBar().currentMessage())
    calendar = Calendar.from_ical(written.read_bytes())
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert len(calendar.walk("VEVENT")) == page.sessions.model.total


def test_reschedule_dialog_is_prefilled_does_not_conflict_with_itself_and_raises_sequence(qtbot, demo_db) -> None:
    from sqlalchemy import select

    from tillitsleder import model as m

    with demo_db.read() as s:
        session_id, cohort_id = s.execute(
            select(m.Session.id, m.Session.cohort_id).where(m.Session.status == "planned").limit(1)
        ).one()
    before = svc.session_details(demo_db, session_id)
    dialog = SessionDialog(demo_db, cohort_id, Mode.RESCHEDULE, session_id=session_id)
    qtbot.addWidget(dialog)
    assert dialog.form.plan() == before.plan
    assert dialog.windowTitle() == "Reschedule session"
    assert all("already" not in text for text in dialog.shown_conflicts)
    dialog.form.end_edit.setTime(dialog.form.end_edit.time().addSecs(-1800))
    dialog.save()
    after = svc.session_details(demo_db, session_id)
    assert dialog.outcome.changed and after.sequence == before.sequence + 1 and after.ical_uid == before.ical_uid
    assert after.plan.end.hour * 60 + after.plan.end.minute == before.plan.end.hour * 60 + before.plan.end.minute - 30
