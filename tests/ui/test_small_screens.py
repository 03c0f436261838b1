"""Small screens: at 960×540, 1024×700 and 1366×768 every area and tab fits, and no button is out of reach.

The main window opens on the demo, walks every area and every tab in it (nested tabs too), and fails on a
visible widget outside the window or a visible, enabled button that is cut off or that its scroll area cannot
scroll to (``layout_reach.problems``). Set ``TILLITSLEDER_GRAB_DIR`` to also save each area and tab as PNG.

960×540 is a 1920×1080 screen at 200 % scaling. ``test_the_walk_holds_at_200_percent_scaling`` runs the
960×540 and 1024×700 walks again in a child pytest with ``QT_SCALE_FACTOR=2`` on an offscreen screen of
1920×1080 device pixels (the offscreen platform's own screen is only 800×800).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from area_walk import walk_areas
from layout_reach import problems, within_reach
from PySide6.QtWidgets import QWidget

from ui.main_window import MainWindow


def _check(qtbot, window: MainWindow, where: str, found: dict[str, list[str]], size: tuple[int, int]) -> None:
    qtbot.wait(60)
    wrong = problems(window)
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1"))
    if window.devicePixelRatio() != scale:
        wrong.append(f"the window is drawn at {window.devicePixelRatio()}, not at the scale factor {scale}")
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
@pytest.mark.parametrize("size", [(960, 540), (1024, 700), (1366, 768)], ids=["960x540", "1024x700", "1366x768"])
def test_every_area_fits_and_every_button_is_reachable(qtbot, opened_window: MainWindow, size, language) -> None:
    window = opened_window
    window.switcher.switch(language)
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    found: dict[str, list[str]] = {}
    walk_areas(qtbot, window, lambda where, _widget: _check(qtbot, window, where, found, size))
    report = "\n".join(f"{where}:\n  " + "\n  ".join(lines) for where, lines in found.items())
    assert not found, report
    least = window.minimumSizeHint().expandedTo(window.minimumSize())  # every area is built by now
    assert least.width() <= size[0] and least.height() <= size[1], (least.width(), least.height())


@pytest.mark.parametrize("language", ["nb", "en"])
def test_at_960x540_the_save_move_and_folder_buttons_are_within_reach(qtbot, opened_window: MainWindow, language):
    """The buttons "Lagre mal", "Lagre møtet", "Vis mappe" and "Flytt til gruppe…" (enabled or not) are in reach,
    whole or by scrolling, and the status bar is on screen."""
    window = opened_window
    window.switcher.switch(language)
    window.resize(960, 540)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (960, 540))

    def show(page_name: str, tab: QWidget | None = None):
        window.nav.setCurrentRow(window.row_of(page_name))
        page = window.current_page()
        qtbot.waitUntil(lambda: page.isVisible() and not page._stale, timeout=20_000)
        if tab is not None:
            page.tabs.setCurrentWidget(tab)
            qtbot.waitUntil(tab.isVisible)
        return page

    certificates = window.page_of("CertificatesPage")
    show("CertificatesPage", certificates.template)
    groups = window.page_of("GroupsPage")
    show("GroupsPage", groups.board)
    qtbot.waitUntil(lambda: groups.board.move_button.isEnabled(), timeout=20_000)
    board_move = groups.board.move_button
    assert board_move.isVisible() and within_reach(board_move, window), board_move.geometry()
    show("GroupsPage", groups.meeting_notes)
    if not groups.meeting_notes.editor.save_button.isVisible():
        groups.meeting_notes.start_new_meeting()
    qtbot.waitUntil(groups.meeting_notes.editor.save_button.isVisible, timeout=20_000)
    settings = window.page_of("SettingsPage")
    show("SettingsPage", settings.tabs.widget(0))
    shown = {
        "Lagre mal": (certificates.template.save_button, ("CertificatesPage", certificates.template)),
        "Lagre møtet": (groups.meeting_notes.editor.save_button, ("GroupsPage", groups.meeting_notes)),
        "Vis mappe": (settings.open_data_button, ("SettingsPage", settings.tabs.widget(0))),
    }
    for name, (button, place) in shown.items():
        show(*place)
        qtbot.wait(60)
        assert button.isVisible(), name
        assert within_reach(button, window), f"{name} at {button.geometry().getRect()} is out of reach"
        bar = window.statusBar()
        assert bar.isVisible() and window.rect().contains(bar.geometry()), (name, bar.geometry().getRect())
    assert (window.width(), window.height()) == (960, 540)


@pytest.mark.skipif(os.environ.get("QT_SCALE_FACTOR") is not None, reason="already the scaled run")
def test_the_walk_holds_at_200_percent_scaling(tmp_path: Path) -> None:
    """The 960×540 and 1024×700 walks in a child pytest drawn at 200 % on a 1920×1080 screen."""
    screen = {"name": "fullhd", "x": 0, "y": 0, "width": 1920, "height": 1080}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", __file__]
    command += ["-k", "every_area_fits and (960x540 or 1024x700) or screen_at_200 or within_reach"]
    root = Path(__file__).parents[2]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env, cwd=root)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "7 passed" in result.stdout, result.stdout[-2000:]


def test_the_screen_at_200_percent_is_960_by_540(qapp) -> None:
    """In the scaled run: the offscreen screen is 1920×1080 device pixels, 960×540 logical."""
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1"))
    screen = qapp.primaryScreen()
    if scale == 1:
        assert screen.devicePixelRatio() == 1
        return
    assert screen.devicePixelRatio() == scale
    assert (screen.geometry().width(), screen.geometry().height()) == (960, 540)


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


def test_the_screenshot_tool_draws_the_register_board_and_template_at_200_percent(tmp_path: Path) -> None:
    """``python -m ui.screenshots OUT --scale 2``: a 960×540 window drawn as 1920×1080 pictures, named ``-200``."""
    from PySide6.QtGui import QImage

    env = {key: value for key, value in os.environ.items() if key != "QT_SCALE_FACTOR"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    command = [sys.executable, "-m", "ui.screenshots", str(tmp_path), "--scale", "2"]
    root = Path(__file__).parents[2]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env, cwd=root)
    assert result.returncode == 0, result.stderr[-3000:]
    names = {path.name for path in tmp_path.iterdir()}
    for place in ("register", "board", "template", "2"):
        for language in ("nb", "en"):
            name = f"main-200-{language}.png" if place == "2" else f"area-{place}-200-{language}.png"
            assert name in names, sorted(names)
            image = QImage(str(tmp_path / name))
            assert (image.width(), image.height()) == (1920, 1080), name
    assert not any(name.startswith("main-nb") for name in names)
