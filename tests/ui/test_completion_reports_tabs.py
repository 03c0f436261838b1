"""The “Completion” and “Progress reports” tabs of the certificates area, on the demo's finished earlier cohort:
states with reasons, sign-off, the rules dialog; making a report off the GUI thread, the preview, printing through
a (stand-in) print dialog onto a PDF printer, saving."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from tillitsleder.completion.evaluation import CompletionState
from tillitsleder.completion.rules import read_rules

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def shoot(widget, name: str) -> None:
    if os.environ.get("TILLITSLEDER_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / name))


@pytest.fixture
def page(certificates_page):
    return certificates_page


def test_completion_lists_states_with_reasons_and_signs_off(qtbot, page) -> None:
    tab = page.completion
    page.tabs.setCurrentWidget(tab)
    rows = tab.model.rows
    states = {row.state for row in rows}
    assert {CompletionState.COMPLETED, CompletionState.CANNOT_COMPLETE} <= states
    assert tab.model.data(tab.model.index(0, 4)) == rows[0].state.label()  # sorted: cannot complete first
    waiting = next(row for row in rows if row.reasons == ["Waiting for the coordinator's sign-off."])
    tab.select_enrolment(waiting.enrolment_id)
    assert tab.sign_button.isEnabled() and "Waiting for the coordinator" in tab.detail.text()
    shoot(page, "completion-tab-en.png")
    position = tab.table.currentIndex().row()
    loads: list[int] = []
    tab.loaded.connect(lambda: loads.append(1))
    signing = tab.sign_off_selected()
    assert signing
    with qtbot.waitSignal(signing.succeeded, timeout=20_000):
        pass
    done = tab.model.rows[position]  # only this row changed, in place: the tab did not load the cohort again
    assert done.enrolment_id == waiting.enrolment_id and not loads
    assert done.state is CompletionState.COMPLETED and done.signed_off_by
    assert tab.model.data(tab.model.index(position, 4)) == CompletionState.COMPLETED.label()
    assert not tab.sign_button.isEnabled() and tab.unsign_button.isEnabled()
    failing = next(row for row in tab.model.rows if row.state is CompletionState.CANNOT_COMPLETE)
    tab.select_enrolment(failing.enrolment_id)
    refused = tab.sign_off_selected()  # off the GUI thread too; the refusal comes back as a sentence
    with qtbot.waitSignal(refused.failed, timeout=20_000):
        pass
    assert "cannot be signed off yet" in tab.detail.text()


def test_the_rules_dialog_saves_and_the_states_follow(qtbot, page) -> None:
    tab = page.completion
    dialog = tab.rules_dialog()
    qtbot.addWidget(dialog)
    shoot(dialog, "completion-rules-en.png")
    dialog.minimum.setValue(150)  # clamped to 100 %
    dialog.journal.setValue(0)
    assert dialog.save()
    assert read_rules(tab.db, dialog.rules.programme_id).min_attendance == 1
    with qtbot.waitSignal(tab.loaded, timeout=20_000):
        tab.reload()
    assert all(row.state is not CompletionState.COMPLETED or row.attendance == 1 for row in tab.model.rows)


def test_a_report_is_made_previewed_printed_and_saved(qtbot, page, tmp_path: Path, monkeypatch) -> None:
    tab = page.reports
    page.tabs.setCurrentWidget(tab)
    assert not tab.print_button.isEnabled()
    tab.kind.setCurrentIndex(tab.kind.findData("cohort"))
    with qtbot.waitSignal(tab.generated, timeout=30_000):
        tab.generate()
    pages = tab.document.pageCount()
    assert pages >= 2 and tab.print_button.isEnabled() and f"{pages} pages" in tab.status.text()
    image = tab.document.render(0, tab.document.pagePointSize(0).toSize())
    assert not image.isNull() and image.width() > image.height()  # the overview is landscape
    if os.environ.get("TILLITSLEDER_SCREENSHOTS"):
        qtbot.wait(1500)  # the viewer draws its pages on a thread of its own
    shoot(page, "reports-tab-en.png")

    printed = tmp_path / "printed.pdf"

    class FakePrintDialog:
        def __init__(self, printer: QPrinter, parent=None) -> None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(printed))

        def setMinMax(self, *args) -> None:  # noqa: N802
            pass

        def exec(self) -> int:
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr("ui.widgets.printing.QPrintDialog", FakePrintDialog)
    assert tab.print_with_dialog()
    assert printed.exists() and "Sent to the printer" in tab.status.text()
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(printed)], check=True, capture_output=True, text=True).stdout
        assert f"Pages:           {pages}" in info

    saved = tab.save_to(tmp_path / "overview")
    assert saved == tmp_path / "overview.pdf" and saved.read_bytes() == tab.pdf_bytes


def test_a_participants_report_needs_a_participant(qtbot, page) -> None:
    tab = page.reports
    tab.kind.setCurrentIndex(tab.kind.findData("participant"))
    assert tab.participant.isVisibleTo(tab) and tab.participant.count() >= 20
    with qtbot.waitSignal(tab.generated, timeout=30_000):
        tab.generate()
    assert tab.document.pageCount() >= 1
