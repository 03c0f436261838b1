"""The participant's Journal area: writing with autosave, recovering a draft, search highlights, export, and the
coordinator never seeing a word of it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from journal_ui_helpers import act_as, busiest_participant, show_journal, widget_texts
from PySide6.QtCore import Qt

from tillitsleder import profiles
from tillitsleder.demo.journal import DEMO_PASSPHRASE
from tillitsleder.journal import entries as journal
from tillitsleder.model.enums import JournalSharing, PromptTemplate
from ui.journal.export import export_to
from ui.journal.highlight import highlighted_html, highlighted_ranges

CANARY = "Kanarifugl-7731 synger i gruva"


@pytest.fixture
def participant_window(qtbot, opened_window):
    """The demo opened as its busiest participant, with the Journal area shown and loaded."""
    info = busiest_participant(opened_window.db)
    opened_window.me = act_as(opened_window, info)
    page = show_journal(opened_window)
    qtbot.waitUntil(lambda: page.workspace is not None and page.workspace.model.rowCount() > 0)
    opened_window.journal = page
    return opened_window


def fresh_unlock(window) -> profiles.UnlockedProfile:
    return profiles.unlock(window.db, window.me.profile_id, DEMO_PASSPHRASE)


def test_typing_is_autosaved_within_a_second_and_saving_makes_an_entry(qtbot, participant_window) -> None:
    workspace = participant_window.journal.workspace
    before = workspace.model.rowCount()
    workspace.new_entry(PromptTemplate.LEARN_CHANGE.value)
    writing = workspace.writing
    assert workspace.stack.currentWidget() is writing
    assert writing.editor.toPlainText().startswith("What did I learn?")
    writing.editor.moveCursor(writing.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(writing.editor, "Lytte mer enn jeg snakker.")
    qtbot.waitUntil(lambda: writing.autosaver.saves >= 1, timeout=1500)  # within ~1 s of typing stopping
    drafts = journal.list_drafts(participant_window.db, fresh_unlock(participant_window))
    assert [d.draft.text.endswith("Lytte mer enn jeg snakker.") for d in drafts] == [True]

    writing.tags_edit.setText("lytting, tillit")
    with qtbot.waitSignal(workspace.loaded):
        qtbot.mouseClick(writing.save_button, Qt.MouseButton.LeftButton)
    assert workspace.stack.currentWidget() is workspace.overview
    assert workspace.model.rowCount() == before + 1
    me = fresh_unlock(participant_window)
    assert journal.list_drafts(participant_window.db, me) == []  # the draft went with the save
    saved = [e for e in journal.list_entries(participant_window.db, me) if "Lytte mer" in e.text]
    assert len(saved) == 1 and saved[0].tags == ("lytting", "tillit")
    assert saved[0].sharing is JournalSharing.PRIVATE

    assert workspace.model.entry(workspace.table.currentIndex().row()).id == saved[0].id  # shown after saving
    with qtbot.waitSignal(workspace.loaded):
        workspace.delete_current(confirm=False)
    assert workspace.model.rowCount() == before


def test_sharing_as_a_group_summary_asks_for_the_summary_and_explains_it(qtbot, participant_window) -> None:
    workspace = participant_window.journal.workspace
    workspace.new_entry(PromptTemplate.FREE.value)
    writing = workspace.writing
    assert writing.sharing.value() == JournalSharing.PRIVATE.value  # private by default
    assert not writing.summary_edit.isVisible()
    assert "Only you can read this entry" in writing.sharing.explanation.text()
    writing.sharing.set_value(JournalSharing.GROUP_SUMMARY.value)
    assert writing.summary_edit.isVisible()
    assert "read only the summary" in writing.sharing.explanation.text()
    qtbot.keyClicks(writing.editor, "Det lange, private resonnementet.")
    qtbot.keyClicks(writing.summary_edit, "Kort: jeg vil spørre mer.")
    with qtbot.waitSignal(workspace.loaded):
        assert writing.save_entry() is not None
    me = fresh_unlock(participant_window)
    entries = journal.list_entries(participant_window.db, me)
    saved = [e for e in entries if e.text == "Det lange, private resonnementet."]
    assert saved[0].sharing is JournalSharing.GROUP_SUMMARY and saved[0].summary == "Kort: jeg vil spørre mer."


def test_closing_the_window_saves_the_draft_and_the_next_unlock_offers_it(qtbot, participant_window) -> None:
    window = participant_window
    path, info = window.db.path, window.me.info
    workspace = window.journal.workspace
    workspace.new_entry(PromptTemplate.FREE.value)
    qtbot.keyClicks(workspace.writing.editor, "Siste tanke før jeg lukker")
    window.close()  # before any autosave timer fired: closing itself saves
    assert window.db is None

    with qtbot.waitSignal(window.databaseOpened, timeout=30_000):
        window.open_database_path(path)  # the next time the app opens
    window.show()
    act_as(window, info)
    page = show_journal(window)
    qtbot.waitUntil(lambda: page.workspace.backend is not None and page.workspace.banner.isVisible())
    assert "unsaved draft" in workspace.banner_text.text()
    qtbot.mouseClick(workspace.continue_button, Qt.MouseButton.LeftButton)
    assert workspace.writing.editor.toPlainText() == "Siste tanke før jeg lukker"
    qtbot.keyClicks(workspace.writing.editor, " i kveld")
    workspace.writing.flush()
    me = profiles.unlock(window.db, info.id, DEMO_PASSPHRASE)
    assert [d.draft.text for d in journal.list_drafts(window.db, me)] == [
        "Siste tanke før jeg lukker i kveld"
    ]  # the same draft continued, not a second one


def test_search_filters_the_list_and_highlights_the_words(qtbot, participant_window) -> None:
    workspace = participant_window.journal.workspace
    text = workspace.model.entry(0).text
    word = next(w for w in text.split() if len(w) > 5).strip(".,?!:;")
    qtbot.keyClicks(workspace.search_field, word)
    with qtbot.waitSignal(workspace.loaded):
        workspace.apply_search()
    assert workspace.model.searching and workspace.model.rowCount() >= 1
    assert not workspace.table.isColumnHidden(5)  # "Found"
    assert workspace.table.isColumnHidden(4)  # the prompt makes room for it
    shown = workspace.model.entry(workspace.table.currentIndex().row())
    ranges = highlighted_ranges(workspace.reader)
    assert ranges
    reader_text = workspace.reader.toPlainText()
    assert all(reader_text[a:b].casefold() == word.casefold() for a, b in ranges)
    assert reader_text.startswith(shown.text[:20])
    html = workspace.model.index(0, 5).data(Qt.ItemDataRole.UserRole + 2)
    assert "background-color" in html

    workspace.search_field.setText("ordsomikkefinnes")
    with qtbot.waitSignal(workspace.loaded):
        workspace.apply_search()
    assert workspace.model.rowCount() == 0
    assert "Nothing in your journal matches" in workspace.empty.text()


def test_highlighting_escapes_what_the_user_typed() -> None:
    html = highlighted_html("<b>tillit</b> & kontroll", [(3, 9)])
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp;" in html
    assert ">tillit</span>" in html


def test_the_coordinator_never_sees_a_canary_written_by_a_participant(qtbot, participant_window) -> None:
    window = participant_window
    workspace = window.journal.workspace
    workspace.new_entry(PromptTemplate.FREE.value)
    qtbot.keyClicks(workspace.writing.editor, CANARY)
    workspace.writing.tags_edit.setText("kanari")
    with qtbot.waitSignal(workspace.loaded):
        workspace.writing.save_entry()
    workspace.search_field.setText("Kanarifugl")
    with qtbot.waitSignal(workspace.loaded):
        workspace.apply_search()
    assert any(CANARY in text for text in widget_texts(window))  # the participant sees it

    window.profiles.lock()
    window.profiles.dialog.reject()
    assert window.profiles.current.info.role.value == "coordinator"
    for row in range(len(window.areas)):  # every area, each loaded as the coordinator
        window.nav.setCurrentRow(row)
        qtbot.wait(20)
    texts = widget_texts(window)
    assert texts and not [text for text in texts if "Kanarifugl" in text or "kanari" == text]


def test_a_commitment_is_added_with_a_due_date_and_status(qtbot, participant_window) -> None:
    from tillitsleder.journal import commitments
    from tillitsleder.model.enums import CommitmentStatus

    panel = participant_window.journal.workspace.commitments
    before = panel.model.rowCount()
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    qtbot.keyClicks(dialog.description, "Holde av en time i uka til å lytte")
    dialog.status.setCurrentIndex(dialog.status.findData(CommitmentStatus.ON_TRACK.value))
    qtbot.keyClicks(dialog.follow_up, "Fulgt opp i november")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert panel.model.rowCount() == before + 1
    me = participant_window.me
    rows = commitments.list_commitments(participant_window.db, me, me.person_id)
    new = [row for row in rows if row.description == "Holde av en time i uka til å lytte"]
    assert len(new) == 1 and new[0].status is CommitmentStatus.ON_TRACK and new[0].due_on is not None


def test_export_writes_the_journal_as_pdf_markdown_and_json(qtbot, participant_window, tmp_path: Path) -> None:
    workspace = participant_window.journal.workspace
    first = workspace.model.entry(0).text.split("\n")[0]
    for fmt in ("pdf", "md", "json"):
        path = tmp_path / f"journal.{fmt}"
        job = export_to(workspace, workspace.backend, fmt, path)
        with qtbot.waitSignal(job.finished, timeout=20_000):
            pass
        assert path.exists() and path.stat().st_size > 0
        assert path.name in participant_window.statusBar().currentMessage()
        if fmt == "pdf":
            assert path.read_bytes().startswith(b"%PDF")
            text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
            assert first in " ".join(text.split())
        else:
            assert first in path.read_text(encoding="utf-8")
