"""File → Restore from backup… through the real window, and read-only files: the banner and no edit controls."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication

from tillitsleder import i18n
from tillitsleder.errors import ReadOnlyDatabase
from tillitsleder.model import Municipality
from tillitsleder.storage import backups
from ui.main_window import MainWindow
from ui.restore_dialog import RestoreDialog

SHOTS = Path(os.environ.get("TILLITSLEDER_SHOTS", "/tmp"))


def municipality_names(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [row[0] for row in con.execute("SELECT name FROM municipality ORDER BY id")]
    finally:
        con.close()


def when_dialog_opens(act) -> None:
    """When the restore dialog is shown (modal), call ``act(dialog)``."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, RestoreDialog) and dialog.isVisible():
            act(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def enabled_buttons(window: MainWindow) -> list[QAbstractButton]:
    return [b for b in window.stack.findChildren(QAbstractButton) if b.isVisibleTo(window) and b.isEnabled()]


def test_restore_from_the_file_menu_puts_the_backup_back_and_reopens(qtbot, opened_window: MainWindow) -> None:
    window = opened_window
    path = window.db.path
    before = municipality_names(path)
    backups.make_backup(path, "manual")
    with window.db.session() as session:
        session.add(Municipality(name="Bydel Etter Sikkerhetskopien", country="NO", timezone="Europe/Oslo"))
    assert window.action_restore.isEnabled()
    seen: dict[str, object] = {}

    def choose(dialog: RestoreDialog) -> None:
        seen["rows"] = dialog.list.topLevelItemCount()
        seen["first"] = [dialog.list.topLevelItem(0).text(column) for column in range(3)]
        dialog.grab().save(str(SHOTS / "restore-dialog.png"))
        item = next(
            dialog.list.topLevelItem(row)
            for row in range(dialog.list.topLevelItemCount())
            if dialog.list.topLevelItem(row).text(1) == "Made on request"
        )
        dialog.list.setCurrentItem(item)
        dialog.restore_button.click()

    when_dialog_opens(choose)
    with qtbot.waitSignal(window.databaseOpened, timeout=30_000):
        window.action_restore.trigger()
    assert seen["rows"] == 1
    made, why, size = seen["first"]  # type: ignore[misc]
    assert why == "Made on request" and size.endswith(" kB") and made
    assert municipality_names(path) == before
    reasons = {b.reason for b in backups.list_backups(path)}
    assert {"manual", "on-close", "before-restore"} <= reasons  # closed after changes, then kept before restoring
    assert window.db is not None and not window.db.read_only and window.db.path == path
    assert "Restored from" in window.statusBar().currentMessage()
    assert not window.read_only_banner.isVisible()


def test_the_restore_dialog_shows_dates_in_the_users_language(qtbot, demo_db_path: Path) -> None:
    from datetime import UTC, datetime

    from tillitsleder import clock

    with clock.frozen_at(datetime(2026, 12, 3, 9, 15, tzinfo=UTC)):
        backups.make_backup(demo_db_path, "before-import")
    i18n.set_language("nb")
    dialog = RestoreDialog(demo_db_path)
    qtbot.addWidget(dialog)
    made, why, size = (dialog.list.topLevelItem(0).text(column) for column in range(3))
    assert "des." in made and "2026" in made
    assert why == "Før en import" and size.endswith(" kB")
    assert dialog.restore_button.isEnabled()


def test_a_backup_opens_read_only_with_a_banner_and_no_edit_controls(qtbot, window: MainWindow, demo_db_path) -> None:
    made = backups.make_backup(demo_db_path, "manual")
    with qtbot.waitSignal(window.firstPagePopulated, timeout=30_000):
        window.open_database_path(made)
    assert window.db.read_only
    assert window.read_only_banner.isVisible()
    assert "This is a backup, opened read-only" in window.read_only_banner.text()
    for row in range(len(window.areas)):
        if not window.nav.isRowHidden(row):
            window.nav.setCurrentRow(row)
            qtbot.wait(50)
            assert enabled_buttons(window) == [], window.areas[row].class_name
    window.nav.setCurrentRow(window.row_of("ParticipantsPage"))
    qtbot.wait(200)
    window.grab().save(str(SHOTS / "read-only-banner.png"))
    with pytest.raises(ReadOnlyDatabase):
        with window.db.session():
            pass
    assert window.action_restore.isEnabled()  # restoring this backup into its database is offered
    assert window.actions_.restore_target() == demo_db_path
    assert not (made.parent / "backups").exists()

    with qtbot.waitSignal(window.firstPagePopulated, timeout=30_000):
        window.open_database_path(demo_db_path)
    assert not window.db.read_only and not window.read_only_banner.isVisible()
    qtbot.wait(100)
    assert enabled_buttons(window)  # the areas were rebuilt: their controls are back


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_file_without_write_permission_opens_read_only_with_its_own_banner(qtbot, window, demo_db_path) -> None:
    os.chmod(demo_db_path, 0o444)
    try:
        with qtbot.waitSignal(window.firstPagePopulated, timeout=30_000):
            window.open_database_path(demo_db_path)
        assert window.db.read_only and window.db.read_only_reason == "permission"
        assert window.read_only_banner.text().startswith("You may not change this file")
        assert not window.action_restore.isEnabled()  # nothing to restore into
        assert not window.profiles.menu.action_new_profile.isEnabled()
    finally:
        window.close_database()
        os.chmod(demo_db_path, 0o600)


def test_closing_the_window_backs_up_a_changed_database(qtbot, opened_window: MainWindow) -> None:
    path = opened_window.db.path
    opened_window.close()
    assert backups.list_backups(path) == []  # nothing was changed
    opened_window.show()
    with qtbot.waitSignal(opened_window.firstPagePopulated, timeout=30_000):
        opened_window.open_database_path(path)
    with opened_window.db.session() as session:
        session.add(Municipality(name="Bydel Vest", country="NO", timezone="Europe/Oslo"))
    assert opened_window.db.changed and opened_window.db.backup_on_close
    opened_window.close()
    assert [b.reason for b in backups.list_backups(path)] == ["on-close"]


def test_a_failed_restore_opens_the_database_as_it_was(qtbot, opened_window: MainWindow, tmp_path: Path) -> None:
    window = opened_window
    window.actions_.interactive = False
    path = window.db.path
    before = municipality_names(path)
    not_a_backup = tmp_path / "notes.sqlite3"
    not_a_backup.write_text("ikke en sikkerhetskopi\n" * 40)
    with qtbot.waitSignal(window.actions_.restoreFinished, timeout=30_000) as finished:
        window.actions_.restore_from_backup(not_a_backup)
    assert finished.args == [None]
    qtbot.waitUntil(lambda: window.db is not None and not window.actions_.busy, timeout=30_000)
    assert window.db.path == path and municipality_names(path) == before
