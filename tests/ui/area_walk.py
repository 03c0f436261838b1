"""Walk every area of the main window and every tab in it (nested tabs too), calling a check at each stop.

Used by the small-screen, accessibility and contrast walks: ``walk_areas(qtbot, window, visit)`` shows each
area in turn (waiting until its data is loaded), then each visible tab of its outermost tab widgets and their
inner ones, and calls ``visit(where, widget)`` with a readable place name ("Programmes / Sessions") and the
widget now shown (the area's page, or the tab's page).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QTabWidget, QWidget

Visit = Callable[[str, QWidget], None]


def visible_tab_widgets(root: QWidget) -> list[QTabWidget]:
    """The visible tab widgets under ``root`` that no other of them contains."""
    every = [tabs for tabs in root.findChildren(QTabWidget) if tabs.isVisible()]
    return [tabs for tabs in every if not any(o is not tabs and o.isAncestorOf(tabs) for o in every)]


def _settled(qtbot) -> None:
    """Wait until the data a stop asked for has arrived: no operation left on a worker thread (a register, a list),
    and its result handed to the page (a short wait for the queued callback). A loaded machine takes longer."""
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=20_000)
    qtbot.wait(30)


def _walk_tabs(qtbot, tabs: QTabWidget, where: str, visit: Visit) -> None:
    for index in range(tabs.count()):
        if not tabs.isTabVisible(index):
            continue
        tabs.setCurrentIndex(index)
        _settled(qtbot)
        here = f"{where} / {tabs.tabText(index).replace('&', '')}"
        page = tabs.widget(index)
        visit(here, page)
        for inner in visible_tab_widgets(page):
            _walk_tabs(qtbot, inner, here, visit)


def walk_areas(qtbot, window, visit: Visit) -> list[str]:
    """Visit every area and tab of ``window`` (a ``MainWindow`` with a database open); returns the places."""
    places: list[str] = []

    def noted(where: str, widget: QWidget) -> None:
        places.append(where)
        visit(where, widget)

    for row in range(len(window.areas)):
        if window.nav.isRowHidden(row):
            continue  # an area the signed-in profile does not see
        window.nav.setCurrentRow(row)
        page = window.current_page()
        qtbot.waitUntil(lambda page=page: page.isVisible() and not page._stale, timeout=20_000)
        _settled(qtbot)
        where = window.nav.item(row).text() or window.nav.item(row).toolTip()
        noted(where, page)
        for tabs in visible_tab_widgets(page):
            _walk_tabs(qtbot, tabs, where, noted)
    return places
