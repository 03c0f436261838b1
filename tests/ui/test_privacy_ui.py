"""Privacy in the desktop app: the read audit and the retention rules in Settings, and deleting a cohort or a
programme after a dialog that says what will be lost."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from sqlalchemy import func, select

from tillitsleder import clock
from tillitsleder.access import Actor
from tillitsleder.audit import audit_read, record_read
from tillitsleder.enums import ReadKind, Role
from tillitsleder.model import Certificate, Cohort, Enrolment, Programme
from tillitsleder.privacy.read_audit import ReadRow
from tillitsleder.reports.progress import ReportKind, ReportRequest, render_report
from ui.main_window import MainWindow
from ui.pages.participants import ParticipantsPage
from ui.pages.programmes import ProgrammesPage
from ui.pages.settings_page import SettingsPage
from ui.privacy.audit_view import COORDINATOR_ACTOR, ReadAuditModel

SHOTS = Path("/tmp")


def visit(qtbot, window: MainWindow, page_type):
    row = next(i for i in range(len(window.areas)) if window.areas[i].class_name == page_type.__name__)
    window.nav.setCurrentRow(row)
    page = window.current_page()
    qtbot.waitUntil(lambda: page.isVisible() and not page._stale)
    return page


def wait_for(qtbot, operation) -> None:
    if operation is not None:
        qtbot.waitUntil(lambda: not operation.running, timeout=20_000)


def test_the_audit_model_shows_when_who_what_and_about_whom(qapp) -> None:
    model = ReadAuditModel()
    moment = datetime(2026, 12, 3, 13, 5, tzinfo=UTC)
    rows = [
        ReadRow(1, moment, None, Role.COORDINATOR, "Programme coordinator", ReadKind.REPORT, "cohort", 2, (5, 6),
                ("Kari Nordmann", "Áilu Čeavča")),
        ReadRow(2, moment, 9, Role.FACILITATOR, "Anne Coach", ReadKind.SHARED_JOURNAL, "journal_entry", None, (5,),
                ("Kari Nordmann",)),
    ]  # fmt: skip
    model.set_reads(rows)
    assert (model.rowCount(), model.columnCount()) == (2, 4)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["When", "Read by", "What", "About"]
    cells = [[model.index(r, c).data() for c in range(4)] for r in range(2)]
    assert cells[0][1:] == ["Programme coordinator", "Progress report (cohort 2)", "Kari Nordmann, Áilu Čeavča"]
    assert cells[1][1:] == ["Anne Coach", "Shared journal entry read", "Kari Nordmann"]
    assert "2026" in cells[0][0] or "26" in cells[0][0]
    assert model.row_id(1) == 2


def test_the_audit_tab_lists_and_filters_the_reads(qtbot, opened_window: MainWindow) -> None:
    db = opened_window.db
    render_report(db, ReportRequest(ReportKind.COHORT, 1))
    with db.read() as s:
        person = s.scalar(select(Enrolment.person_id).where(Enrolment.cohort_id == 1).order_by(Enrolment.id))
    record_read(db, ReadKind.GROUP_NOTES, "group_meeting", 3, [person], actor=Actor.facilitator(person + 1))
    page = visit(qtbot, opened_window, SettingsPage)
    tab = page.audit_tab
    page.tabs.setCurrentWidget(tab)
    wait_for(qtbot, tab.operation)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    assert tab.count_label.text() == "2 reads"
    tab.kind.setCurrentIndex(tab.kind.findData(ReadKind.REPORT.value))
    wait_for(qtbot, tab.operation)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert tab.model.index(0, 2).data() == "Progress report (cohort 1)"
    tab.kind.setCurrentIndex(0)
    tab.actor.setCurrentIndex(tab.actor.findData(COORDINATOR_ACTOR))
    wait_for(qtbot, tab.operation)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1 and tab.model.index(0, 1).data() == "Programme coordinator")
    tab.actor.setCurrentIndex(0)
    tab.person.setCurrentIndex(tab.person.findData(person))
    wait_for(qtbot, tab.operation)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)  # the report and the notes were both about them
    tomorrow = clock.today().toordinal() + 1
    day = date.fromordinal(tomorrow)
    tab.since.setDate(QDate(day.year, day.month, day.day))
    wait_for(qtbot, tab.reload())
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0)
    tab.since.setDate(QDate(2000, 1, 1))
    wait_for(qtbot, tab.reload())
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    tab.table.resizeColumnsToContents()
    opened_window.grab().save(str(SHOTS / "privacy_audit_viewer.png"))


def test_the_audit_tab_counts_every_read_and_loads_more_as_it_scrolls(qtbot, opened_window: MainWindow) -> None:
    """A long trail (a city's is tens of thousands of reads) opens with its first 200 and the count of all; the
    rest come a page at a time, off the GUI thread, as the list is scrolled to its end."""
    with opened_window.db.session() as s:
        for n in range(450):
            audit_read(s, ReadKind.REPORT, "cohort", n, [1000 + n % 7])
    page = visit(qtbot, opened_window, SettingsPage)
    tab = page.audit_tab
    page.tabs.setCurrentWidget(tab)
    wait_for(qtbot, tab.operation)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 200)
    assert tab.count_label.text() == "450 reads" and tab.model.canFetchMore()
    for shown in (400, 450):
        tab.table.scrollToBottom()
        qtbot.waitUntil(lambda shown=shown: tab.model.rowCount() == shown)
    ids = [tab.model.row_id(row) for row in range(450)]
    assert ids == sorted(set(ids), reverse=True)  # newest first, none twice
    assert tab.model.index(449, 2).data() == "Progress report (cohort 0)"
    assert not tab.model.canFetchMore() and tab.count_label.text() == "450 reads"
    opened_window.grab().save(str(SHOTS / "privacy_audit_paged.png"))
    tab.kind.setCurrentIndex(tab.kind.findData(ReadKind.SHARED_JOURNAL.value))  # a new list starts from its top
    wait_for(qtbot, tab.operation)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0)
    assert tab.count_label.text() == "0 reads"


def test_the_retention_tab_sets_a_rule_previews_and_applies(qtbot, opened_window: MainWindow) -> None:
    db = opened_window.db
    page = visit(qtbot, opened_window, SettingsPage)
    tab = page.retention_tab
    page.tabs.setCurrentWidget(tab)
    wait_for(qtbot, tab.operation)
    qtbot.waitUntil(lambda: tab.rules.rowCount() == 1 and tab.current_programme() is not None)
    assert tab.rules.index(0, 1).data() == "No rule: kept until deleted"
    tab.months.setText("500")
    wait_for(qtbot, tab.save_rule())
    qtbot.waitUntil(lambda: not tab.rule_error.isHidden())
    assert "from 1 to 120 months" in tab.rule_error.text()
    tab.months.setText("6")
    wait_for(qtbot, tab.save_rule())
    wait_for(qtbot, tab.operation)
    qtbot.waitUntil(lambda: tab.rules.index(0, 1).data() == "6 months after the cohort ends")
    with db.read() as s:
        assert s.scalar(select(Programme.retention_months)) == 6
    with clock.frozen_at(date(2040, 1, 1), ticking=True):
        wait_for(qtbot, tab.load())
        qtbot.waitUntil(lambda: tab.apply_button.isEnabled())
        cohorts = len(tab._preview.cohorts)
        assert cohorts == 2 and tab.preview.rowCount() == cohorts + len(tab._preview.people)
        assert tab.summary.text().startswith("2 cohorts due:")
        opened_window.grab().save(str(SHOTS / "privacy_retention_preview.png"))
        tab.ask = lambda _title, _text: False
        assert tab.apply() is None  # said no: nothing happens
        tab.ask = lambda _title, _text: True
        wait_for(qtbot, tab.apply())
        qtbot.waitUntil(lambda: "Applied to 2 cohorts" in tab.result_label.text())
        wait_for(qtbot, tab.operation)
        qtbot.waitUntil(lambda: not tab.apply_button.isEnabled())
    with db.read() as s:
        assert s.scalar(select(func.count()).where(Cohort.retention_applied_at.is_(None))) == 0
    assert list((db.path.parent / "backups").glob("*before-retention*"))


def issue_one(db, cohort_id: int) -> None:
    with db.session() as s:
        enrolment = s.scalar(select(Enrolment.id).where(Enrolment.cohort_id == cohort_id))
        s.add(Certificate(enrolment_id=enrolment, verification_code="UI000001", language="nb", pdf=b"x",
                          sha256=hashlib.sha256(b"x").hexdigest()))  # fmt: skip


def test_deleting_a_cohort_asks_with_counts_and_needs_the_certificates_ticked(qtbot, opened_window) -> None:
    db = opened_window.db
    page = visit(qtbot, opened_window, ParticipantsPage)
    cohort = page.selection.current
    issue_one(db, cohort)
    page.delete_cohort()
    dialog = page.dialog
    qtbot.waitExposed(dialog)
    assert "enrolments" in dialog.losses.text() and "1 issued certificate" in dialog.losses.text()
    assert dialog.certificates.isVisible() and not dialog.delete_button.isEnabled()
    dialog.grab().save(str(SHOTS / "privacy_delete_cohort.png"))
    dialog.certificates.setChecked(True)
    assert dialog.delete_button.isEnabled()
    with qtbot.waitSignal(dialog.deleted, timeout=20_000):
        dialog.delete_button.click()
    with db.read() as s:
        assert s.get(Cohort, cohort) is None
    qtbot.waitUntil(lambda: page.selection.current not in (None, cohort))


def test_deleting_a_programme_from_the_programmes_area(qtbot, opened_window) -> None:
    db = opened_window.db
    page = visit(qtbot, opened_window, ProgrammesPage)
    assert page.delete_action.isEnabled()
    dialog = page.delete_programme()
    qtbot.waitExposed(dialog)
    assert "2 cohorts" in dialog.losses.text() and "modules" in dialog.losses.text()
    assert not dialog.certificates.isVisible() and dialog.delete_button.isEnabled()
    with qtbot.waitSignal(dialog.deleted, timeout=20_000):
        dialog.delete_button.click()
    with db.read() as s:
        assert s.scalar(select(func.count(Programme.id))) == 0
    qtbot.waitUntil(lambda: page.current_programme_id() is None)
