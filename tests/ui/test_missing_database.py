"""Bad paths say so: the window asks before creating a database where none is, and refuses an empty file.

A mistyped ``--db``, a remembered file that has gone or a name typed into the Open dialog must not silently
become a new, empty database (with its folders) that the app then remembers; a zero-length file is refused
with one sentence and left as it is.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from ui.main_window import MainWindow
from ui.settings import last_database_path


def answer(qtbot, button_name: str, seen: list[QMessageBox], grab: Path | None = None) -> None:
    """When the next modal message box appears, keep it, grab it to ``grab`` and press ``button_name``."""

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box)
            if grab is not None:
                box.grab().save(str(grab))
            box.findChild(QPushButton, button_name).click()
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def test_a_missing_path_at_start_asks_and_quitting_creates_nothing(qtbot, window: MainWindow, tmp_path) -> None:
    missing = tmp_path / "typo" / "kurs.sqlite3"
    seen: list[QMessageBox] = []
    answer(qtbot, "quitOrKeep", seen, grab=tmp_path.parent / "missing-database-box.png")
    with qtbot.waitSignal(window.actions_.openFailed, timeout=20_000):
        window.open_database_path(missing)
    box = seen[0]
    assert box.objectName() == "missingDatabase"
    assert box.text() == f"There is no Tillitsleder database at “{missing}”."
    assert "does not exist either" in box.informativeText()
    assert [b.text() for b in box.buttons() if b.objectName()] == [
        "Create a new database there",
        "Open another file…",
        "Quit",
    ]
    assert not missing.parent.exists()  # no folder, no file
    assert last_database_path() is None  # nothing remembered
    assert window.db is None and not window.isVisible()


def test_a_missing_path_is_created_only_when_the_user_says_so(qtbot, window: MainWindow, tmp_path) -> None:
    missing = tmp_path / "nytt" / "kurs.sqlite3"
    seen: list[QMessageBox] = []
    answer(qtbot, "createHere", seen)
    with qtbot.waitSignal(window.databaseOpened, timeout=30_000):
        window.open_database_path(missing)
    assert seen[0].objectName() == "missingDatabase"
    assert window.db is not None and window.db.path == missing and missing.stat().st_size > 0
    assert last_database_path() == missing.resolve()
    assert window.summary_label.text() == "0 participants in 0 cohorts"


def test_a_zero_length_file_is_refused_untouched_and_not_remembered(qtbot, window: MainWindow, tmp_path) -> None:
    empty = tmp_path / "tom.sqlite3"
    empty.touch()
    seen: list[QMessageBox] = []
    answer(qtbot, "quitOrKeep", seen, grab=tmp_path.parent / "empty-database-box.png")
    with qtbot.waitSignal(window.actions_.openFailed, timeout=20_000):
        window.open_database_path(empty)
    assert seen[0].objectName() == "refusedDatabase"
    assert seen[0].text() == f"“{empty}” is an empty file, not a Tillitsleder database; it was not changed."
    assert empty.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tom.sqlite3"]  # no -wal, no -shm
    assert last_database_path() is None


def test_a_name_typed_into_open_that_does_not_exist_keeps_the_open_database(
    qtbot, opened_window: MainWindow, tmp_path, monkeypatch
) -> None:
    window = opened_window
    current = window.db
    remembered = last_database_path()
    typo = tmp_path / "kurs-2025.sqlite3"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(typo), "")))
    seen: list[QMessageBox] = []
    answer(qtbot, "quitOrKeep", seen)
    with qtbot.waitSignal(window.actions_.openFailed, timeout=20_000):
        window.action_open.trigger()
    assert seen[0].objectName() == "missingDatabase"
    assert seen[0].findChild(QPushButton, "quitOrKeep").text() == "Keep the current database"
    assert not typo.exists()
    assert window.db is current and window.isVisible()
    assert last_database_path() == remembered


def test_the_app_started_on_a_mistyped_db_exits_without_creating_it(tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "kurs.sqlite3"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TILLITSLEDER_CONFIG_DIR=str(tmp_path / "config"))
    result = subprocess.run(
        [sys.executable, "-m", "tillitsleder", "--db", str(missing), "--lang", "en", "--exit-after", "0"],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert result.returncode == 5, result.stderr
    lines = [line for line in result.stderr.splitlines() if "propagateSizeHints" not in line]  # offscreen Qt's
    assert lines == [f"There is no Tillitsleder database at “{missing}”."]
    assert not missing.parent.exists()
    settings = tmp_path / "config" / "tillitsleder.ini"
    assert not settings.exists() or str(missing) not in settings.read_text(encoding="utf-8")
