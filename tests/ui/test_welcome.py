"""The first start on a new PC: no database anywhere, so the window asks — create a new one in the local data
folder, open an existing one, or open the demo — and says where the data and the backups live."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QCommandLinkButton, QLabel, QPushButton

from tillitsleder.storage.locations import data_dir, default_database_path
from ui.main_window import MainWindow
from ui.settings import last_database_path
from ui.translator import LanguageSwitcher
from ui.welcome import WelcomeChoice, WelcomeDialog, ask_at_first_start


def press_on_welcome(button: str, seen: list[WelcomeDialog], grab: Path | None = None) -> None:
    """When the welcome dialog is up, keep it, grab it to ``grab`` and press ``button``."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, WelcomeDialog):
            seen.append(dialog)
            if grab is not None:
                dialog.grab().save(str(grab))
            dialog.findChild(QPushButton, button).click()
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def test_the_welcome_offers_three_ways_in_and_says_where_the_data_lives(qtbot, window: MainWindow, tmp_path) -> None:
    seen: list[WelcomeDialog] = []
    press_on_welcome("notNow", seen, grab=tmp_path.parent / "welcome-en.png")
    assert ask_at_first_start(window, default_database_path()) is WelcomeChoice.NOT_NOW
    dialog = seen[0]
    assert dialog.windowTitle() == "Welcome to Tillitsleder"
    links = dialog.findChildren(QCommandLinkButton)
    assert [link.text() for link in links] == [
        "Create a new database",
        "Open an existing database…",
        "Open the demo",
    ]
    note = dialog.findChild(QLabel, "dataNote").text()
    assert str(data_dir()) in note and str(data_dir() / "backups") in note
    assert "not in a roaming profile" in note
    # "Not now": nothing was created or remembered; the File menu is still there.
    assert not default_database_path().exists() and not data_dir().exists()
    assert window.db is None and last_database_path() is None


def test_create_new_makes_the_default_database_and_remembers_it(qtbot, window: MainWindow) -> None:
    seen: list[WelcomeDialog] = []
    press_on_welcome("createNew", seen)
    with qtbot.waitSignal(window.databaseOpened, timeout=30_000):
        assert ask_at_first_start(window, default_database_path()) is WelcomeChoice.CREATE_NEW
    assert window.db is not None and window.db.path == default_database_path()
    assert default_database_path().stat().st_size > 0
    assert last_database_path() == default_database_path().resolve()
    assert window.summary_label.text() == "0 participants in 0 cohorts"


def test_open_the_demo_opens_a_throwaway_demo(qtbot, window: MainWindow) -> None:
    seen: list[WelcomeDialog] = []
    press_on_welcome("openDemo", seen)
    with qtbot.waitSignal(window.databaseOpened, timeout=60_000):
        ask_at_first_start(window, default_database_path())
    assert window.db is not None and window.db.path.name == "demo.sqlite3"
    assert not default_database_path().exists()
    assert last_database_path() is None  # a throwaway demo is not what opens next time


def test_the_welcome_in_norwegian(qtbot, window: MainWindow, switcher: LanguageSwitcher, tmp_path) -> None:
    switcher.install("nb")
    dialog = WelcomeDialog(window, data_dir())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(tmp_path.parent / "welcome-nb.png"))
    assert dialog.windowTitle() == "Velkommen til Tillitsleder"
    assert "sikkerhetskopi" in dialog.findChild(QLabel, "dataNote").text()
    assert all(link.text() for link in dialog.findChildren(QCommandLinkButton))


def test_run_gui_asks_on_a_first_start_and_opens_the_default_database_next_time(tmp_path: Path) -> None:
    """End to end: ``run_gui`` with nothing remembered and no database shows the welcome (nothing opened
    behind it); "Create a new database" makes the default file, and the next start opens it without asking."""
    code = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton
from tillitsleder.storage.locations import default_database_path
from ui.app import create_application, run_gui
app = create_application()
state = {"asked": False}
def poll():
    dialog = QApplication.activeModalWidget()
    if dialog is not None and dialog.objectName() == "welcome":
        state["asked"] = True
        assert not default_database_path().exists()
        dialog.findChild(QPushButton, "createNew").click()
    elif any(getattr(w, "db", None) is not None for w in QApplication.topLevelWidgets()):
        sys.stderr.write(f"OPENED={[w.db.path for w in QApplication.topLevelWidgets() if getattr(w, 'db', None)]}\\n")
        QTimer.singleShot(300, app.quit)
        return
    QTimer.singleShot(20, poll)
QTimer.singleShot(0, poll)
code = run_gui(None, "en")
sys.stderr.write(f"ASKED={state['asked']} EXIT={code}\\n")
"""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        TILLITSLEDER_CONFIG_DIR=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    env.pop("TILLITSLEDER_DB", None)
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert "ASKED=True EXIT=0" in first.stderr, first.stderr[-3000:]
    database = tmp_path / "data" / "Tillitsleder" / "tillitsleder.sqlite3"
    assert database.stat().st_size > 0

    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert "ASKED=False EXIT=0" in second.stderr, second.stderr[-3000:]  # the remembered database opens directly
    assert f"OPENED=[PosixPath('{database}')]" in second.stderr
