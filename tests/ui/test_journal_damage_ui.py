"""A damaged journal entry in the GUI: listed with its date among readable entries, "Restore from backup…" brings it
back from a backup (or says none holds it), and the coach's shared list shows the damage without failing."""

from __future__ import annotations

from pathlib import Path

import pytest
from journal_ui_helpers import a_coach, act_as, busiest_participant, show_journal
from PySide6.QtCore import Qt
from sqlalchemy import select, update

from tillitsleder.i18n import format_date
from tillitsleder.model import JournalEntry, JournalGrant
from tillitsleder.model.enums import JournalSharing
from tillitsleder.storage.backup import backup_database
from ui.journal.entry_list import COLUMNS

SHOTS = Path("/tmp")


def damage(db, entry_id: int) -> None:
    """Flip one byte in the middle of the entry's stored ciphertext."""
    with db.session() as s:
        blob = s.scalar(select(JournalEntry.content).where(JournalEntry.id == entry_id))
        middle = len(blob) // 2
        changed = blob[:middle] + bytes([blob[middle] ^ 0x01]) + blob[middle + 1 :]
        s.execute(update(JournalEntry).where(JournalEntry.id == entry_id).values(content=changed))


def make_backup(db) -> Path:
    return backup_database(db.path, db.path.parent / "backups" / "demo.manual-20261120T080000Z.sqlite3")


@pytest.fixture
def journal_page(qtbot, opened_window):
    opened_window.me = act_as(opened_window, busiest_participant(opened_window.db))
    page = show_journal(opened_window)
    qtbot.waitUntil(lambda: page.workspace is not None and page.workspace.model.rowCount() > 0)
    return page


def reload(qtbot, workspace) -> None:
    with qtbot.waitSignal(workspace.loaded, timeout=10_000):
        workspace.reload()


def cell(workspace, row: int, column: str) -> str:
    return workspace.model.index(row, COLUMNS.index(column)).data(Qt.ItemDataRole.DisplayRole)


def test_a_damaged_entry_is_listed_and_restored_from_a_backup(qtbot, opened_window, journal_page) -> None:
    workspace, db = journal_page.workspace, opened_window.db
    rows = workspace.model.rowCount()
    victim = workspace.model.entry(2)
    backup = make_backup(db)
    damage(db, victim.id)
    reload(qtbot, workspace)

    assert workspace.model.rowCount() == rows  # nothing else went missing
    damaged = [row for row in range(rows) if workspace.model.entry(row).damaged]
    assert damaged == [2]
    assert cell(workspace, 2, "date") == format_date(victim.written_on)
    assert cell(workspace, 2, "about") == "Damaged entry"
    assert all(workspace.model.entry(row).text for row in range(rows) if row != 2)
    workspace.table.selectRow(2)
    reader = workspace.reader_pane
    assert reader.restore_button.isVisible() and not reader.edit_button.isVisible()
    assert "could not be opened" in reader.text.toPlainText()
    assert reader.title.text() == format_date(victim.written_on, "full")
    opened_window.resize(1280, 800)
    qtbot.wait(50)
    assert opened_window.grab().save(str(SHOTS / "journal-damaged-entry.png"))
    workspace.table.selectRow(0)
    qtbot.wait(50)
    assert opened_window.grab().save(str(SHOTS / "journal-damaged-row.png"))

    workspace.search_field.setText(victim.text.split()[0] if victim.text else "tillit")
    workspace.apply_search()
    qtbot.waitUntil(lambda: workspace.model.searching and not workspace.busy, timeout=10_000)
    assert any(workspace.model.entry(row).damaged for row in range(workspace.model.rowCount()))  # still shown
    workspace.search_field.clear()
    workspace.apply_search()
    qtbot.waitUntil(lambda: not workspace.busy, timeout=10_000)
    workspace.table.selectRow(workspace.model.row_of(victim.id))

    with qtbot.waitSignal(workspace.loaded, timeout=15_000):
        qtbot.mouseClick(reader.restore_button, Qt.MouseButton.LeftButton)
    box = getattr(workspace, "restore_message", None)
    assert box is not None and backup.name in box.text()
    assert box.grab().save(str(SHOTS / "journal-restored-message.png"))
    box.close()
    assert not any(workspace.model.entry(row).damaged for row in range(workspace.model.rowCount()))
    assert workspace.model.entry(workspace.model.row_of(victim.id)).text == victim.text


def test_restore_says_when_no_backup_holds_an_intact_copy(qtbot, opened_window, journal_page) -> None:
    workspace, db = journal_page.workspace, opened_window.db
    victim = workspace.model.entry(0)
    damage(db, victim.id)
    reload(qtbot, workspace)
    workspace.table.selectRow(workspace.model.row_of(victim.id))
    qtbot.mouseClick(workspace.reader_pane.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(workspace, "restore_message", None) is not None, timeout=15_000)
    assert "No backup holds an intact copy" in workspace.restore_message.text()
    assert opened_window.grab().save(str(SHOTS / "journal-no-backup.png"))
    workspace.restore_message.close()
    assert workspace.model.entry(workspace.model.row_of(victim.id)).damaged


def test_the_coachs_shared_list_shows_a_damaged_entry_and_the_rest(qtbot, opened_window) -> None:
    db = opened_window.db
    coach = a_coach(db)
    with db.read() as s:
        shared = s.scalars(
            select(JournalEntry.id)
            .join(JournalGrant, JournalGrant.entry_id == JournalEntry.id)
            .where(JournalGrant.profile_id == coach.id, JournalEntry.sharing == JournalSharing.COACH.value)
            .order_by(JournalEntry.id)
        ).all()
    assert len(shared) >= 2
    damage(db, shared[0])
    act_as(opened_window, coach)
    page = show_journal(opened_window)
    qtbot.waitUntil(lambda: page.coach_view is not None and page.coach_view.shared.model.rowCount() > 0)
    panel = page.coach_view.shared
    rows = panel.model.rows
    assert [row.entry_id for row in rows if row.damaged] == [shared[0]]
    assert all(row.text for row in rows if not row.damaged and row.sharing is JournalSharing.COACH)
    at = next(i for i, row in enumerate(rows) if row.damaged)
    assert panel.model.index(at, 2).data() == "Damaged entry"
    assert panel.model.index(at, 1).data() == format_date(rows[at].written_on)
    panel.table.selectRow(at)
    assert "could not be opened" in panel.reader.toPlainText()
    opened_window.resize(1280, 800)
    qtbot.wait(50)
    assert opened_window.grab().save(str(SHOTS / "coach-damaged-entry.png"))
