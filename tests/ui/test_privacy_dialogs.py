"""Participants → Export personal data… and Erase personal data…: the export dialog writes the zip through an
operation; the erasure dialog previews the plan, needs the id typed, erases and reports."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItemIterator
from sqlalchemy import select

from tillitsleder.model import Enrolment, Person
from tillitsleder.privacy.people import is_placeholder
from ui.main_window import MainWindow
from ui.pages.participants import ParticipantsPage
from ui.privacy.erasure_dialog import ErasureDialog
from ui.privacy.export_dialog import ExportDialog


@pytest.fixture
def page(qtbot, opened_window: MainWindow) -> ParticipantsPage:
    opened_window.nav.setCurrentRow(1)
    page = opened_window.current_page()
    assert isinstance(page, ParticipantsPage)
    qtbot.waitUntil(lambda: page.enrolments.model is not None and page.enrolments.model.total == 40)
    return page


def choose_first_row(page: ParticipantsPage) -> tuple[int, str]:
    page.enrolments.table.selectRow(0)
    enrolment_id = page.enrolments.current_id()
    assert enrolment_id is not None
    with page.db.read() as s:
        person = s.scalar(
            select(Person).join(Enrolment, Enrolment.person_id == Person.id).where(Enrolment.id == enrolment_id)
        )
        return person.id, person.full_name


def tree_texts(dialog: ErasureDialog) -> list[str]:
    texts = []
    iterator = QTreeWidgetItemIterator(dialog.tree)
    while iterator.value():
        texts.append(iterator.value().text(0))
        iterator += 1
    return texts


def test_the_buttons_need_a_chosen_participant(page: ParticipantsPage) -> None:
    page.enrolments.table.clearSelection()
    page.enrolments.table.setCurrentIndex(page.enrolments.model.index(-1, -1))
    assert not page.export_data_button.isEnabled() and not page.erase_data_button.isEnabled()
    page.enrolments.table.selectRow(0)
    assert page.export_data_button.isEnabled() and page.erase_data_button.isEnabled()


def test_export_writes_the_zip(qtbot, page: ParticipantsPage, tmp_path: Path) -> None:
    person_id, name = choose_first_row(page)
    qtbot.mouseClick(page.export_data_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    assert name in dialog.windowTitle()
    target = tmp_path / "export.zip"
    dialog.path.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
    assert target.is_file() and str(target) in dialog.outcome.text()
    with zipfile.ZipFile(target) as archive:
        assert {"personal-data.json", "summary.pdf", "README.txt"} <= set(archive.namelist())
    dialog.grab().save(str(Path("/tmp") / "privacy-export-dialog.png"))


def test_erasure_preview_confirm_and_report(qtbot, page: ParticipantsPage) -> None:
    person_id, name = choose_first_row(page)
    qtbot.mouseClick(page.erase_data_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ErasureDialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20000)
    texts = tree_texts(dialog)
    assert any(text.startswith("Deleted") for text in texts)
    assert any("Attendance" == text for text in texts)
    assert "learning journal" in dialog.journal_label.text()
    assert not dialog.erase_button.isEnabled()
    dialog.resize(760, 680)
    dialog.grab().save(str(Path("/tmp") / "privacy-erasure-preview.png"))
    dialog.confirm.setText(str(person_id + 1))
    assert not dialog.erase_button.isEnabled()
    dialog.confirm.setText(str(person_id))
    assert dialog.erase_button.isEnabled()
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30000)
    assert "0 times" in dialog.outcome.text()
    assert not dialog.erase_button.isEnabled()
    with page.db.read() as s:
        assert is_placeholder(s.get(Person, person_id))
    dialog.grab().save(str(Path("/tmp") / "privacy-erasure-done.png"))
    dialog.reject()
    qtbot.waitUntil(lambda: page.enrolments.model is not None and page.enrolments.model.total == 40)


def test_the_preview_names_the_legal_basis_for_kept_certificates(qtbot, page: ParticipantsPage) -> None:
    import hashlib

    from tillitsleder.model import Certificate

    person_id, name = choose_first_row(page)
    with page.db.session() as s:
        enrolment_id = s.scalar(select(Enrolment.id).where(Enrolment.person_id == person_id).limit(1))
        pdf = b"%PDF-1.4\n% " + name.encode()
        s.add(
            Certificate(
                enrolment_id=enrolment_id,
                verification_code="UITEST01",
                language="nb",
                pdf=pdf,
                sha256=hashlib.sha256(pdf).hexdigest(),
                holder_name=name,
            )
        )
    qtbot.mouseClick(page.erase_data_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20000)
    assert dialog.legal_label.isVisibleTo(dialog) and "arkivlova" in dialog.legal_label.text()
    assert any("UITEST01" in text for text in tree_texts(dialog))
    dialog.resize(760, 700)
    dialog.grab().save(str(Path("/tmp") / "privacy-erasure-certificates.png"))
    dialog.include_certificates.setChecked(True)  # then they are deleted: no register row, no legal basis
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.plan.include_certificates, timeout=20000)
    assert not dialog.legal_label.isVisibleTo(dialog)
    assert not any("UITEST01" in text for text in tree_texts(dialog))
    dialog.reject()
