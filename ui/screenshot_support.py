"""Shared set-up for the screenshot scripts: a main window on a fresh demo database, and event-loop waits.

Settings go to a temporary folder, so the user's own window state and language are not touched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSize, QTimer
from PySide6.QtWidgets import QApplication

SIZE = QSize(1280, 800)


def settle(app: QApplication, ms: int = 200) -> None:
    """Let posted events (language changes, layouts, paints, worker results) run for ``ms``."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def until(app: QApplication, condition: Callable[[], bool], limit_ms: int = 10_000) -> None:
    """Run the event loop until ``condition()`` holds or ``limit_ms`` have passed."""
    waited = 0
    while not condition() and waited < limit_ms:
        settle(app, 50)
        waited += 50


def demo_window(language: str, size: QSize = SIZE):
    """The application, its language switcher and a shown main window on a new demo database."""
    os.environ.setdefault("TILLITSLEDER_CONFIG_DIR", tempfile.mkdtemp(prefix="tillitsleder-shots-config-"))
    from ui.app import create_application
    from ui.database_actions import create_demo
    from ui.main_window import MainWindow
    from ui.translator import LanguageSwitcher

    app = create_application()
    switcher = LanguageSwitcher(app)
    switcher.install(language)
    window = MainWindow(switcher)
    window.resize(size)
    window.show()
    window._adopt(create_demo(Path(tempfile.mkdtemp(prefix="tillitsleder-shots-"))))
    window.resize(size)
    return app, switcher, window


# Named places for review shots (``python -m ui.screenshots --scale 2``): the page class and the tab attribute.
PLACES = {
    "register": ("AttendancePage", None),
    "board": ("GroupsPage", "board"),
    "template": ("CertificatesPage", "template"),
}


def show_place(app: QApplication, window, place: str) -> None:
    """Show one of ``PLACES`` in ``window`` and wait until its data (board cards, template preview) is there."""
    page_class, tab_name = PLACES[place]
    window.nav.setCurrentRow(window.row_of(page_class))
    page = window.current_page()
    until(app, lambda: page.isVisible() and not page._stale)
    if tab_name is not None:
        tab = getattr(page, tab_name)
        page.tabs.setCurrentWidget(tab)
        until(app, lambda: bool(getattr(tab, "cards", True)) and getattr(tab, "preview", tab).isVisible())
        preview = getattr(tab, "preview", None)
        if preview is not None:
            until(app, lambda: preview.pdf_bytes is not None)
    settle(app, 300)
