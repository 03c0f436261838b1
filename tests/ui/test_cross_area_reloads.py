"""A write in one area reloads the other built areas that show what it changed, and only those."""

from __future__ import annotations

from ui.pages.attendance import AttendancePage
from ui.pages.facilitators import FacilitatorsPage
from ui.pages.groups import GroupsPage
from ui.pages.sessions import SessionsPage


def visit(qtbot, window, page_class):
    window.nav.setCurrentRow(window.row_of(page_class))
    page = window.page_of(page_class)
    qtbot.waitUntil(lambda: page.isVisible() and not page._stale, timeout=20_000)
    return page


def test_saving_a_facilitator_reloads_the_areas_that_show_facilitators(qtbot, opened_window) -> None:
    window = opened_window
    sessions = visit(qtbot, window, SessionsPage)  # shows facilitators (who leads a session)
    attendance = visit(qtbot, window, AttendancePage)  # does not
    page = visit(qtbot, window, FacilitatorsPage)
    before = (sessions.reloads, attendance.reloads, page.reloads)
    tab = page.pools
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0, timeout=20_000)
    tab.table.selectRow(0)
    tab.capacity.setValue(tab.capacity.value() + 1)
    tab.save_facilitator()  # a quick write in the tab: synchronous, then announced
    assert sessions._stale and not attendance._stale
    assert page.reloads == before[2]  # the area the change came from has shown it already
    visit(qtbot, window, SessionsPage)
    assert sessions.reloads == before[0] + 1
    visit(qtbot, window, AttendancePage)
    assert attendance.reloads == before[1]


def test_saving_a_table_day_tells_the_other_areas_and_not_attendance(qtbot, opened_window) -> None:
    window = opened_window
    attendance = visit(qtbot, window, AttendancePage)
    groups = visit(qtbot, window, GroupsPage)
    panel = groups.table_day
    groups.tabs.setCurrentWidget(panel)
    panel.name.setText("Leaders' day")
    panel.size.setValue(6)
    qtbot.waitUntil(lambda: panel.cohort.count() > 0, timeout=20_000)
    with qtbot.waitSignal(panel.propose_seating().succeeded, timeout=20_000):
        pass
    heard: list[object] = []
    from ui.operations import change_bus

    change_bus().changed.connect(lambda kinds, _source: heard.append(kinds))
    before = attendance.reloads
    with qtbot.waitSignal(panel.save_seating().succeeded, timeout=20_000):
        pass
    from ui.operations import Changed

    assert any(kinds & Changed.TABLE_DAY for kinds in heard)
    assert not attendance._stale and attendance.reloads == before
