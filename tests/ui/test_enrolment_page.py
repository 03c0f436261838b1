"""Cohorts & participants in the GUI: new cohort, enrol, change status, filters, and the import wizard."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QWizard
from sqlalchemy import func, select

from tillitsleder.enrolment import cohorts as enrolment
from tillitsleder.model import Cohort, Enrolment, Person
from ui import colours
from ui.enrolment.import_wizard import ImportWizard
from ui.enrolment.preview_model import PROBLEM, PROBLEM_CELL
from ui.main_window import MainWindow
from ui.pages.participants import ParticipantsPage


@pytest.fixture
def page(qtbot, opened_window: MainWindow) -> ParticipantsPage:
    opened_window.nav.setCurrentRow(1)
    page = opened_window.current_page()
    assert isinstance(page, ParticipantsPage)
    qtbot.waitUntil(lambda: page.enrolments.model is not None and page.enrolments.model.total == 40)
    return page


def enrolled(page: ParticipantsPage) -> int:
    with page.db.read() as s:
        return s.scalar(select(func.count(Enrolment.id)).where(Enrolment.cohort_id == page.selection.current))


def ok(dialog, qtbot) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_buttons_are_enabled_only_when_they_can_act(page: ParticipantsPage) -> None:
    assert page.new_cohort_button.isEnabled() and page.enrol_button.isEnabled() and page.import_button.isEnabled()
    page.enrolments.table.clearSelection()
    page.enrolments.table.setCurrentIndex(page.enrolments.model.index(-1, -1))
    assert not page.status_button.isEnabled()
    page.enrolments.table.selectRow(0)
    assert page.status_button.isEnabled()


def test_new_cohort_is_created_and_chosen(qtbot, page: ParticipantsPage, clock_day: date) -> None:
    page.new_cohort()
    dialog = page.dialog
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.name.setText("Kull 2 – Nordstrand")
    dialog.start.setDate(QDate(clock_day))  # within the demo's programme, whatever the day
    dialog.name.setText("kull 1 – nordstrand")  # taken: the dialog stays open and says why
    ok(dialog, qtbot)
    assert dialog.isVisible() and "already a cohort" in dialog.error.text()
    dialog.name.setText("Kull 2 – Nordstrand")
    ok(dialog, qtbot)
    assert not dialog.isVisible()
    with page.db.read() as s:
        new_id = s.scalar(select(Cohort.id).where(Cohort.name == "Kull 2 – Nordstrand"))
    assert page.selection.current == new_id and page.picker.combo.currentText() == "Kull 2 – Nordstrand"
    qtbot.waitUntil(lambda: page.enrolments.empty_label.isVisible())
    assert "No one is enrolled" in page.enrolments.empty_label.text()


def test_enrol_a_new_person_and_an_existing_one(qtbot, page: ParticipantsPage) -> None:
    before = enrolled(page)
    page.enrol()
    dialog = page.dialog
    dialog.first_name.setText("Ánde")
    dialog.last_name.setText("Bongo")
    dialog.email.setText("ande.bongo@example.no")
    dialog.unit.setCurrentIndex(2)
    dialog.position.setText("Enhetsleder")
    ok(dialog, qtbot)
    assert enrolled(page) == before + 1
    qtbot.waitUntil(lambda: page.enrolments.model.total == before + 1)

    page.enrol()
    dialog = page.dialog
    dialog.existing_choice.setChecked(True)
    dialog.search.setText("Bækkelund")  # the demo's coordinator is registered but not enrolled
    dialog._find()
    assert dialog.candidates.count() == 1
    ok(dialog, qtbot)
    assert enrolled(page) == before + 2


def test_change_status_shows_history_and_filters_follow(qtbot, page: ParticipantsPage, clock_day: date) -> None:
    page.enrolments.table.selectRow(0)
    enrolment_id = page.enrolments.current_id()
    page.change_status()
    dialog = page.dialog
    assert dialog.table.rowCount() == len(enrolment.status_history(page.db, enrolment_id)) >= 1
    dialog.status.setCurrentIndex(dialog.status.findData("withdrawn"))
    left = clock_day - timedelta(days=2)
    dialog.effective.setDate(QDate(left))
    dialog.reason.setText("Ny jobb i annen kommune")
    ok(dialog, qtbot)
    history = enrolment.status_history(page.db, enrolment_id)
    assert (history[-1].status.value, history[-1].effective_on, history[-1].reason) == (
        "withdrawn",
        left,
        "Ny jobb i annen kommune",
    )
    page.status_filter.setCurrentIndex(page.status_filter.findData("withdrawn"))
    qtbot.waitUntil(
        lambda: enrolment_id in [page.enrolments.model.row_id(r) for r in range(page.enrolments.model.rowCount())]
    )
    assert page.enrolments.model.total < 40
    page.status_filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.enrolments.model.total == 40)
    page.department_filter.setCurrentIndex(1)
    qtbot.waitUntil(lambda: 0 < page.enrolments.model.total < 40)


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    return path


def click(qtbot, wizard: ImportWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isEnabled() and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_import_wizard_mapping_preview_import(qtbot, page: ParticipantsPage, tmp_path: Path) -> None:
    units = [u.name for u in enrolment.unit_options(page.db, page.selection.current)]
    rows = [["Fornavn", "Etternavn", "E-post", "Enhet", "Tittel hos oss", "Merknad"]]
    rows += [[f"Øydis{i}", "Ærø", f"oydis{i}@example.no", units[i % 5], "Fagleder", "x"] for i in range(25)]
    rows.append(["Åge", "Feil", "age@", units[0], "Leder", ""])  # row 27: invalid e-mail
    path = write_csv(tmp_path / "deltakere.csv", rows)
    before = enrolled(page)

    page.import_participants()
    wizard = page.dialog
    assert isinstance(wizard, ImportWizard)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.file_page.path.setText(str(path))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)

    mapping = wizard.mapping_page
    assert mapping.mapping() == {0: "first_name", 1: "last_name", 2: "email", 3: "unit"}
    mapping.combos[1].setCurrentIndex(mapping.combos[1].findData("first_name"))  # a field twice: not allowed
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled() and mapping.error.isVisible()
    mapping.combos[1].setCurrentIndex(mapping.combos[1].findData("last_name"))
    mapping.combos[4].setCurrentIndex(mapping.combos[4].findData("position"))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=10_000)

    preview = wizard.preview_page
    model = preview.model
    assert model.rowCount() == 1 and model.row(0).line == 27  # only rows needing attention at first
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole).color() == colours.scheme().fill(PROBLEM)
    assert model.index(0, 4).data(Qt.ItemDataRole.BackgroundRole).color() == colours.scheme().fill(PROBLEM_CELL)
    assert "not a valid e-mail" in model.index(0, 3).data()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled(), "problems block the import"
    preview.attention_only.setChecked(False)
    assert model.rowCount() == 26 and model.index(0, 7).data() == "Fagleder"
    preview.leave_out.setChecked(True)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=10_000)

    assert wizard.result.enrolled == 25 and wizard.result.left_out == 1
    assert "25 participants were enrolled" in wizard.done_page.text.text()
    assert enrolled(page) == before + 25
    with page.db.read() as s:
        assert s.scalar(select(func.count()).where(Person.last_name == "Ærø")) == 25
    qtbot.waitUntil(lambda: page.enrolments.model.total == before + 25)
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)


def test_import_wizard_refuses_a_bad_file_with_a_message(qtbot, page: ParticipantsPage, tmp_path: Path) -> None:
    junk = tmp_path / "deltakere.xlsx"
    junk.write_bytes(bytes(range(256)) * 50)
    before = enrolled(page)
    page.import_participants()
    wizard = page.dialog
    wizard.file_page.path.setText(str(junk))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.file_page.error.isVisible(), timeout=10_000)
    assert wizard.currentPage() is wizard.file_page
    assert "not an Excel workbook" in wizard.file_page.error.text()
    assert enrolled(page) == before
    wizard.reject()
