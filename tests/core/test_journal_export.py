"""Exporting one's own journal and commitments to PDF, Markdown and JSON — and only one's own."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date

import pytest
from journal_testdata import world_fixture_factory

from tillitsleder import profiles
from tillitsleder.errors import Forbidden, ValidationError
from tillitsleder.journal import commitments as cm
from tillitsleder.journal import entries as journal
from tillitsleder.journal.entries import EntryDraft
from tillitsleder.journal.export import export_journal
from tillitsleder.model.enums import CommitmentStatus, JournalSharing, PromptTemplate

db_target, world, file_db, file_world = world_fixture_factory()  # the world, on the test's engine

TEXT = "Hva lærte jeg?\nÅ lytte før jeg svarer – også når det haster. Čáhppes ŋ đ š ŧ ž, łódź, ğüş."


@pytest.fixture
def kari(db, world):
    me = world.unlock(db, "p1")
    journal.create_entry(db, me, EntryDraft(date(2026, 1, 12), TEXT, PromptTemplate.LEARN_CHANGE, ("tillit",)))
    journal.create_entry(
        db,
        me,
        EntryDraft(
            date(2026, 2, 2), "Gruppen <hjalp> & støttet", sharing=JournalSharing.GROUP_SUMMARY, summary="Vi delte"
        ),
    )
    cm.add_commitment(
        db, me, cm.CommitmentDraft("Én-til-én-samtaler hver sjette uke", date(2025, 10, 1), date(2026, 3, 1))
    )
    journal.create_entry(db, world.unlock(db, "p2"), EntryDraft(date(2026, 1, 1), "Olas hemmelighet"))
    return me


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_the_pdf_holds_the_text_in_the_shipped_fonts(db, kari, tmp_path) -> None:
    result = export_journal(db, kari, tmp_path / "logg.pdf", today=date(2026, 3, 1))
    assert (result.entries, result.commitments) == (2, 1)
    text = subprocess.run(["pdftotext", str(result.path), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for needle in ("Learning journal – Kari Nordmann", "Å lytte før jeg svarer", "Čáhppes ŋ đ š ŧ ž, łódź, ğüş",
                   "Gruppen <hjalp> & støttet", "Vi delte", "Én-til-én-samtaler", "Page 1 of"):  # fmt: skip
        assert needle in flat
    assert "Olas" not in flat
    fonts = subprocess.run(["pdffonts", str(result.path)], capture_output=True, text=True).stdout
    assert "DejaVu" in fonts


def test_markdown_and_json(db, kari, tmp_path) -> None:
    markdown = export_journal(db, kari, tmp_path / "logg.md").path.read_text("utf-8")
    assert markdown.startswith("# Learning journal – Kari Nordmann") and TEXT in markdown
    assert "Én-til-én-samtaler" in markdown and "Olas" not in markdown
    data = json.loads(export_journal(db, kari, tmp_path / "logg.json").path.read_text("utf-8"))
    assert [e["text"] for e in data["entries"]] == [TEXT, "Gruppen <hjalp> & støttet"]
    assert data["entries"][0]["tags"] == ["tillit"] and data["entries"][1]["summary"] == "Vi delte"
    assert data["commitments"][0]["status"] == CommitmentStatus.OPEN.value


def test_only_the_author_exports(db, world, kari, tmp_path) -> None:
    for me in (world.unlock(db, "c1"), profiles.unlock_coordinator(db)):
        with pytest.raises(Forbidden):
            export_journal(db, me, tmp_path / "andres.pdf")
    kari.lock()
    with pytest.raises(Forbidden):
        export_journal(db, kari, tmp_path / "låst.md")
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.md"))
    with pytest.raises(ValidationError, match=".pdf, .md or .json"):
        export_journal(db, world.unlock(db, "p1"), tmp_path / "logg.docx")
