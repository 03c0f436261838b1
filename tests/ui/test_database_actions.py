"""The File menu's database work: refusing foreign files untouched, new databases, demo, backup and cancel."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from tillitsleder.storage import backup as backup_module
from tillitsleder.storage.sqlite_file import APPLICATION_ID
from ui.database_actions import demo_available
from ui.main_window import MainWindow
from ui.operations import Operation


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def answer_message_box(qtbot, button_name: str, seen: list[str]) -> None:
    """When the next modal message box appears, note its text and press the button named ``button_name``."""

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.findChild(QPushButton, button_name).click()
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def save_dialog_returns(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))


def test_a_foreign_file_is_refused_with_its_message_and_left_untouched(qtbot, window: MainWindow, tmp_path) -> None:
    foreign = tmp_path / "participants.xlsx"
    foreign.write_bytes(b"PK\x03\x04 not a database at all" * 50)
    before = digest(foreign)
    seen: list[str] = []
    answer_message_box(qtbot, "quitOrKeep", seen)
    with qtbot.waitSignal(window.actions_.openFailed, timeout=20_000):
        window.open_database_path(foreign)
    assert seen == [f"“{foreign}” is not a Tillitsleder database."]
    assert digest(foreign) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["participants.xlsx"]
    assert window.db is None
    assert not window.isVisible()  # "Quit" at start-up closes the window


def test_another_apps_sqlite_database_is_refused_too(qtbot, window: MainWindow, tmp_path) -> None:
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    connection.close()
    before = digest(other)
    seen: list[str] = []
    answer_message_box(qtbot, "quitOrKeep", seen)
    with qtbot.waitSignal(window.actions_.openFailed, timeout=20_000):
        window.open_database_path(other)
    assert "is not a Tillitsleder database" in seen[0]
    assert digest(other) == before


def test_after_a_refusal_the_user_can_open_another_file(qtbot, window, tmp_path, demo_db_path, monkeypatch) -> None:
    foreign = tmp_path / "notes.txt"
    foreign.write_text("hello", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(demo_db_path), "")))
    seen: list[str] = []
    answer_message_box(qtbot, "openOther", seen)
    with qtbot.waitSignal(window.databaseOpened, timeout=30_000):
        window.open_database_path(foreign)
    assert window.db is not None and window.db.path == demo_db_path
    assert foreign.read_text(encoding="utf-8") == "hello"


def test_refusing_a_file_keeps_the_open_database(qtbot, opened_window, tmp_path, monkeypatch) -> None:
    window = opened_window
    current = window.db
    foreign = tmp_path / "foreign.db"
    foreign.write_bytes(b"\x00" * 200)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(foreign), "")))
    seen: list[str] = []
    answer_message_box(qtbot, "quitOrKeep", seen)
    with qtbot.waitSignal(window.actions_.openFailed, timeout=20_000):
        window.action_open.trigger()
    assert seen
    assert window.db is current and window.isVisible()


def test_new_database_creates_an_empty_migrated_file(qtbot, opened_window, tmp_path, monkeypatch) -> None:
    window = opened_window
    target = tmp_path / "new" / "kull-2025.sqlite3"
    save_dialog_returns(monkeypatch, target)
    with qtbot.waitSignal(window.databaseOpened, timeout=30_000):
        window.action_new.trigger()
    assert window.db.path == target and target.exists()
    assert window.summary_label.text() == "0 participants in 0 cohorts"
    panel = window.page_at(0).panels()[0]
    qtbot.waitUntil(lambda: panel.empty_label.isVisible())
    assert panel.empty_label.text() == "No programmes yet."


def test_new_database_never_overwrites_an_existing_file(qtbot, opened_window, demo_template, monkeypatch) -> None:
    window = opened_window
    before = digest(demo_template)
    save_dialog_returns(monkeypatch, demo_template)
    seen: list[str] = []
    answer_message_box(qtbot, "quitOrKeep", seen)
    with qtbot.waitSignal(window.actions_.openFailed, timeout=20_000):
        window.action_new.trigger()
    assert "already exists" in seen[0]
    assert digest(demo_template) == before


@pytest.mark.skipif(not demo_available(), reason="the demo service is not there yet")
def test_open_demo_database_creates_a_fresh_one_off_the_gui_thread(qtbot, window: MainWindow) -> None:
    assert window.action_demo.isEnabled()
    with qtbot.waitSignal(window.databaseOpened, timeout=60_000) as blocker:
        window.action_demo.trigger()
    opened = blocker.args[0]
    assert opened.is_demo and opened.participants > 0
    assert window.db.path.name == "demo.sqlite3"


def test_backup_from_the_file_menu_writes_a_valid_database(qtbot, opened_window, tmp_path, monkeypatch) -> None:
    window = opened_window
    destination = tmp_path / "backups" / "copy.sqlite3"
    save_dialog_returns(monkeypatch, destination)
    assert window.action_backup.isEnabled()
    with qtbot.waitSignal(window.actions_.backupFinished, timeout=30_000) as blocker:
        window.action_backup.trigger()
    assert blocker.args == [destination]
    with sqlite3.connect(f"{destination.as_uri()}?mode=ro", uri=True) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        copied = copy.execute("SELECT count(*) FROM enrolment").fetchone()[0]
    copy.close()
    assert copied == window.participants
    assert "copy.sqlite3" in window.statusBar().currentMessage()


def test_cancelling_a_backup_stops_it_and_leaves_nothing(qtbot, opened_window, tmp_path, monkeypatch) -> None:
    window = opened_window
    destination = tmp_path / "cancelled.sqlite3"
    save_dialog_returns(monkeypatch, destination)
    real_backup = backup_module.backup_database
    first_step = threading.Event()

    def slow_backup(source, target, *, progress, cancelled):
        def report(done: int, total: int) -> None:
            progress(done, total)
            first_step.set()
            for _ in range(500):  # wait (at most 5 s) for the user's Cancel to reach the worker
                if cancelled():
                    return
                time.sleep(0.01)  # not a timed lock wait: those hang under faketime (see scripts/bootstrap.sh)

        return real_backup(source, target, progress=report, cancelled=cancelled)

    monkeypatch.setattr(backup_module, "backup_database", slow_backup)
    monkeypatch.setattr(backup_module, "_PAGES_PER_STEP", 1)
    with qtbot.waitSignal(window.actions_.backupFinished, timeout=30_000) as blocker:
        job = window.actions_.back_up()
        assert isinstance(job, Operation)
        qtbot.waitUntil(first_step.is_set)
        window.actions_.backup_dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    assert blocker.args == [None]
    assert not destination.exists()
    assert not list(tmp_path.glob("cancelled.sqlite3*"))
    assert window.statusBar().currentMessage() == "The backup was cancelled."
