"""Small screens: at 1024×700 and 1366×768 every area and tab fits, and no button is out of reach.

The main window opens on the demo, walks every area and every tab in it (nested tabs too), and fails on a
visible widget outside the window or a visible, enabled button that is cut off or that its scroll area cannot
scroll to (``layout_reach.problems``). Set ``TILLITSLEDER_GRAB_DIR`` to also save each area and tab as PNG.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from area_walk import walk_areas
from layout_reach import problems

from ui.main_window import MainWindow


def _check(qtbot, window: MainWindow, where: str, found: dict[str, list[str]], size: tuple[int, int]) -> None:
    qtbot.wait(60)
    wrong = problems(window)
    if window.width() > size[0] or window.height() > size[1]:
        wrong.append(f"the window grew to {window.width()}×{window.height()}: its minimum size is too large")
    if wrong:
        found[where] = wrong
    folder = os.environ.get("TILLITSLEDER_GRAB_DIR")
    if folder:
        size = f"{window.width()}x{window.height()}"
        name = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in where)
        window.grab().save(str(Path(folder) / f"{size}-{window.switcher.language}-{name}.png"))


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("size", [(1024, 700), (1366, 768)])
def test_every_area_fits_and_every_button_is_reachable(qtbot, opened_window: MainWindow, size, language) -> None:
    window = opened_window
    window.switcher.switch(language)
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    found: dict[str, list[str]] = {}
    walk_areas(qtbot, window, lambda where, _widget: _check(qtbot, window, where, found, size))
    report = "\n".join(f"{where}:\n  " + "\n  ".join(lines) for where, lines in found.items())
    assert not found, report


def test_the_group_cards_wrap_by_width_without_a_sideways_scroll(qtbot, opened_window: MainWindow) -> None:
    window = opened_window
    window.resize(1024, 700)
    window.nav.setCurrentRow(window.row_of("GroupsPage"))
    page = window.current_page()
    board = next(
        page.tabs.widget(i) for i in range(page.tabs.count()) if type(page.tabs.widget(i)).__name__ == "GroupBoardTab"
    )
    page.tabs.setCurrentWidget(board)
    qtbot.waitUntil(lambda: bool(board.cards) and board.scroll.isVisible(), timeout=20_000)
    for width in (1024, 1366, 1100):
        window.resize(width, 700)
        qtbot.wait(80)
        viewport = board.scroll.viewport()
        assert board.scroll.horizontalScrollBar().maximum() == 0
        for card in board.cards:
            left = card.mapTo(viewport, card.rect().topLeft()).x()
            assert left >= 0 and left + card.width() <= viewport.width(), (width, left, card.width())


def test_the_sidebar_collapses_to_badges_and_remembers_it(qtbot, switcher) -> None:
    from PySide6.QtCore import Qt

    first = MainWindow(switcher)
    qtbot.addWidget(first)
    first.resize(1024, 700)
    first.show()
    qtbot.waitExposed(first)
    qtbot.waitUntil(lambda: first.is_built(first.nav.currentRow()))  # right after the first paint: the badges
    names = [first.nav.item(row).text() for row in range(first.nav.count())]
    assert all(names) and not first.sidebar.compact
    wide = first.sidebar.width()
    assert first.sidebar.action in first.view_menu.actions()
    qtbot.mouseClick(first.sidebar.toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: first.sidebar.width() < 80)
    assert first.sidebar.width() < wide
    for row, name in enumerate(names):
        item = first.nav.item(row)
        assert item.text() == "" and not item.icon().isNull()
        assert item.data(Qt.ItemDataRole.AccessibleTextRole) == name
        assert item.toolTip().startswith(name)
    first.close()  # keeps the choice and the sidebar's width

    second = MainWindow(switcher)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert second.sidebar.compact and second.nav.item(0).text() == ""
    assert second.sidebar.width() < 80
    second.sidebar.action.trigger()  # back to names, from the View menu
    assert [second.nav.item(row).text() for row in range(second.nav.count())] == names
    qtbot.waitUntil(lambda: second.sidebar.width() > 80)
    second.close()


def test_a_cut_cell_shows_its_whole_text_as_tooltip_and_a_whole_one_none(qtbot, switcher) -> None:
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent, QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView, QToolTip

    from ui.widgets import elided_tips

    elided_tips.install()
    long_text = "Oppmøtet kan høyst nå 62 % av de planlagte samlingene, under kravet på 80 %"
    model = QStandardItemModel(2, 1)
    model.setItem(0, 0, QStandardItem(long_text))
    model.setItem(1, 0, QStandardItem("Klar"))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setColumnWidth(0, 120)
    view.resize(300, 200)
    view.show()
    qtbot.waitExposed(view)

    def ask(row: int) -> str:
        rect = view.visualRect(model.index(row, 0))
        position = rect.center()
        event = QHelpEvent(QEvent.Type.ToolTip, position, view.viewport().mapToGlobal(position))
        QApplication.sendEvent(view.viewport(), event)
        return QToolTip.text() if QToolTip.isVisible() else ""

    assert elided_tips.text_is_cut(view, model.index(0, 0), view.visualRect(model.index(0, 0)))
    assert not elided_tips.text_is_cut(view, model.index(1, 0), view.visualRect(model.index(1, 0)))
    assert ask(0) == long_text
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    assert ask(1) == ""
    model.setHorizontalHeaderLabels(["Journal entries (where allowed)"])
    header = view.horizontalHeader()
    view.setColumnWidth(0, 60)
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    point = header.viewport().rect().topLeft() + QPoint(10, 5)
    QApplication.sendEvent(
        header.viewport(), QHelpEvent(QEvent.Type.ToolTip, point, header.viewport().mapToGlobal(point))
    )
    assert QToolTip.isVisible() and QToolTip.text() == "Journal entries (where allowed)"
    view.setColumnWidth(0, 900)  # wide enough: no tooltip
    assert not elided_tips.text_is_cut(view, model.index(0, 0), view.visualRect(model.index(0, 0)))

