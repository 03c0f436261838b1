"""Keyboard access through the real GUI (issue 14): no Tab traps, every area's actions in a menu, shortcuts
that do not clash, context menus on the lists, the Programmes tool bars reachable, focus in reading order.

Each walk visits every area and tab (``area_walk.walk_areas``) of the demo database as the coordinator and
presses the keys with ``QTest``. Counts at the start of the issue: 17 Tab traps (now 0).
"""

from __future__ import annotations

from accessibility_audit import describe, tab_traps
from area_walk import walk_areas
from keyboard_order import order_problems, shortcut_clashes, tab_into, tab_walk
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStatusBar, QToolButton

from ui.widgets.area_menu import discover_actions, row_actions_of, row_menu

WITH_ACTIONS = {"Programmes & curriculum", "Cohorts & participants", "Sessions", "Attendance register"}


def _texts(entries) -> list[str]:
    return [entry.text().split("\t")[0].replace("&", "") for entry in entries if entry is not None]


def test_tab_leaves_every_control_in_every_area(qtbot, opened_window):
    window = opened_window
    traps: dict[int, str] = {}

    def visit(where, page):
        qtbot.wait(30)
        for widget in tab_traps(page):
            traps[id(widget)] = f"{where}: {describe(widget)}"

    places = walk_areas(qtbot, window, visit)
    assert len(places) >= 18
    print(f"Tab traps: {len(traps)} (17 at the start)")
    assert sorted(traps.values()) == []


def test_arrow_keys_move_inside_a_table_and_tab_leaves_it(qtbot, opened_window):
    window = opened_window
    window.nav.setCurrentRow(window.row_of("ParticipantsPage"))
    page = window.current_page()
    qtbot.waitUntil(lambda: not page._stale and page.enrolments.table.model().rowCount() > 2, timeout=20_000)
    table = page.enrolments.table
    table.setFocus(Qt.FocusReason.TabFocusReason)
    table.setCurrentIndex(table.model().index(0, 0))
    QTest.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1
    QTest.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table
    assert table.currentIndex().row() == 1


def test_the_actions_menu_follows_the_area_and_the_language(qtbot, opened_window):
    window = opened_window
    menu = window.area_menu
    assert menu.menuAction() in window.menuBar().actions()
    menu.aboutToShow.emit()
    programmes = window.current_page()
    texts = _texts(menu.actions())
    assert texts[:4] == ["New programme…", "Edit programme…", "Duplicate as template…", "Delete programme…"]
    assert {"Add module…", "Undo", "Redo", "Move up", "Move down"} <= set(texts)
    assert programmes.new_action in menu.actions()

    window.nav.setCurrentRow(window.row_of("ParticipantsPage"))
    page = window.current_page()
    qtbot.waitUntil(lambda: not page._stale, timeout=20_000)
    menu.aboutToShow.emit()
    texts = _texts(menu.actions())
    assert "Enrol participant…" in texts and "New cohort…" in texts
    assert programmes.new_action not in menu.actions()
    enrol = next(a for a in menu.actions() if a.text().startswith("&Enrol"))
    assert enrol.text().endswith("\tCtrl+E")
    enrol.trigger()  # the same as pressing the button: the enrol dialog opens
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=10_000)
    page.dialog.reject()

    window.switcher.switch("nb")
    qtbot.waitUntil(lambda: menu.title() == "H&andlinger", timeout=5_000)
    menu.aboutToShow.emit()
    assert "Meld på deltaker…" in _texts(menu.actions())
    menu.aboutToHide.emit()  # closed: the area's actions leave the menu bar (and their keys with them)
    qtbot.waitUntil(lambda: _texts(menu.actions()) == ["Ingen handlinger her"], timeout=2_000)


def test_every_area_has_its_actions_in_the_menu(qtbot, opened_window):
    window = opened_window
    found: dict[str, list[str]] = {}

    def visit(where, page):
        area = window.current_page()
        if "/" not in where and area.nav_title in WITH_ACTIONS:
            qtbot.waitUntil(lambda: bool(discover_actions(area)), timeout=20_000)  # once its lists are read
        window.area_menu.aboutToShow.emit()
        found[where] = _texts(window.area_menu.actions())
        window.area_menu.aboutToHide.emit()

    walk_areas(qtbot, window, visit)
    assert all(found.values())  # the actions, or a line saying there are none
    assert "Export to Excel…" in found["Attendance register"]
    assert "New session…" in found["Sessions"]
    assert found["Journal"] == ["No actions here"]  # the coordinator only sees how much is written
    with_actions = [where for where, texts in found.items() if texts != ["No actions here"]]
    print(f"places with actions in the menu: {len(with_actions)} of {len(found)}")
    assert len(with_actions) >= 15


def test_no_two_enabled_actions_share_a_shortcut(qtbot, opened_window):
    window = opened_window
    clashes: dict[str, str] = {}

    def visit(where, page):
        qtbot.wait(30)
        window.area_menu.aboutToShow.emit()  # the menu's actions count too while it holds them
        for clash in shortcut_clashes(window):
            clashes[clash] = where
        window.area_menu.aboutToHide.emit()

    walk_areas(qtbot, window, visit)
    assert clashes == {}


def test_frequent_actions_answer_their_keys(qtbot, opened_window):
    window = opened_window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    window.nav.setCurrentRow(window.row_of("ParticipantsPage"))
    page = window.current_page()
    qtbot.waitUntil(lambda: not page._stale, timeout=20_000)
    page.enrolments.table.setFocus()
    QTest.keySequence(window, QKeySequence("Ctrl+E"))
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=10_000)
    page.dialog.reject()

    window.nav.setCurrentRow(window.row_of("ProgrammesPage"))
    programmes = window.current_page()
    qtbot.waitUntil(lambda: not programmes._stale, timeout=20_000)
    assert programmes.new_action.shortcut() == QKeySequence("Ctrl+Shift+N")
    assert programmes.delete_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Delete)
    programmes.programmes.table.setFocus()
    QTest.keySequence(window, QKeySequence("Ctrl+Shift+N"))
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None, timeout=5_000)
    assert "programme" in QApplication.activeModalWidget().windowTitle().lower()
    QApplication.activeModalWidget().reject()


def test_the_lists_have_context_menus_with_their_actions(qtbot, opened_window):
    window = opened_window
    programmes = window.current_page()
    table = programmes.programmes.table
    assert _texts(row_actions_of(table)) == [
        "New programme…", "Edit programme…", "Duplicate as template…", "Delete programme…"
    ]  # fmt: skip
    menu = row_menu(table)
    assert programmes.delete_action in menu.actions()
    menu.deleteLater()
    assert "Add module…" in _texts(row_actions_of(programmes.editor.modules.table))
    assert _texts(row_actions_of(programmes.editor.semesters)) == ["New…", "Change…", "Remove"]
    table.setFocus()
    shown = []

    def close_the_menu() -> None:  # the menu runs its own event loop until closed
        popup = QApplication.activePopupWidget()
        if popup is None:
            QTimer.singleShot(50, close_the_menu)
            return
        shown.append(_texts(popup.actions()))
        popup.close()

    QTimer.singleShot(50, close_the_menu)
    QTest.keyClick(table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)  # as the Menu key does
    assert shown and shown[0][0] == "New programme…"

    window.nav.setCurrentRow(window.row_of("SessionsPage"))
    page = window.current_page()
    qtbot.waitUntil(lambda: not page._stale, timeout=20_000)
    texts = _texts(row_actions_of(page.sessions.table))
    assert "New session…" in texts  # the buttons above the list


def test_the_programmes_tool_bars_take_the_focus(qtbot, opened_window):
    window = opened_window
    page = window.current_page()
    bars = [page.programme_bar, page.editor.module_bar, page.editor.history_bar, page.editor.semester_bar]
    actions = [a for bar in bars for a in bar.actions() if not a.isSeparator()]
    assert len(actions) >= 13
    for bar in bars:
        for action in bar.actions():
            button = bar.widgetForAction(action)
            if isinstance(button, QToolButton) and button.isVisible():
                assert button.focusPolicy() & Qt.FocusPolicy.TabFocus, action.text()
    table = page.programmes.table
    table.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.programme_bar.widgetForAction(page.new_action)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # presses "New programme…"
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None, timeout=5_000)
    QApplication.activeModalWidget().reject()


def test_focus_follows_reading_order_and_the_status_bar_comes_last(qtbot, opened_window):
    window = opened_window
    problems: dict[str, list[str]] = {}

    def visit(where, page):
        qtbot.wait(30)
        area = window.current_page()
        first, passed = tab_into(window, area)
        if first is None:
            return
        early = [describe(w) for w in passed if isinstance(w.parentWidget(), QStatusBar)]
        if early:
            problems.setdefault(where, []).append(f"status bar before the page: {early}")
        visited, _left_to = tab_walk(first, area)
        wrong = order_problems(area, [w for w in visited if w.isVisible()])
        if wrong:
            problems.setdefault(where, []).extend(wrong)

    walk_areas(qtbot, window, visit)
    assert problems == {}


def test_meeting_attendance_comes_before_its_save_button(qtbot, opened_window):
    window = opened_window
    window.nav.setCurrentRow(window.row_of("GroupsPage"))
    page = window.current_page()
    qtbot.waitUntil(lambda: not page._stale, timeout=20_000)
    page.tabs.setCurrentWidget(page.meeting_notes)
    editor = page.meeting_notes.editor
    qtbot.waitUntil(lambda: bool(editor.attendee_boxes) and editor.isVisible(), timeout=20_000)
    boxes = [box for box in editor.attendee_boxes.values() if box.isEnabled()]
    assert len(boxes) >= 2
    start = editor.facilitator if editor.facilitator.isEnabled() else boxes[0]
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen = [QApplication.focusWidget()]
    for _press in range(60):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
        if seen[-1] is editor.save_button:
            break
    assert seen[-1] is editor.save_button
    assert all(box in seen for box in boxes)  # every attendance box before Save
    assert seen.index(boxes[0]) <= 1  # right after the meeting's date and facilitator
