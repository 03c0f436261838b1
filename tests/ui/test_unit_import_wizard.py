"""Units the municipality lacks, in the GUI: the import wizard's unknown-units step (create, map, leave empty)
imports a LibreOffice Calc list in full and the second import knows everyone; the enrol dialog's unit picker
filters as one types and creates a unit only when asked."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWizard
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from unit_lists_testdata import (  # noqa: E402
    CHOSEN_DEPARTMENT,
    NO_DEPARTMENT,
    ROWS,
    UNKNOWN,
    VARIANT,
    VARIANT_OF,
    write_calc_csv,
    write_calc_xlsx,
)

from tillitsleder.enrolment import cohorts as enrolment  # noqa: E402
from tillitsleder.model import Cohort, Department, Enrolment, Person, Unit, UnitAlias  # noqa: E402
from ui.enrolment.import_wizard import ImportWizard  # noqa: E402
from ui.enrolment.units_page import CREATE, EMPTY, MAP  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.pages.participants import ParticipantsPage  # noqa: E402

SCREENSHOT = Path("/tmp/tillitsleder-screenshots")


@pytest.fixture
def page(qtbot, opened_window: MainWindow) -> ParticipantsPage:
    opened_window.nav.setCurrentRow(1)
    page = opened_window.current_page()
    assert isinstance(page, ParticipantsPage)
    qtbot.waitUntil(lambda: page.enrolments.model is not None and page.enrolments.model.total == 40)
    return page


def click(qtbot, wizard: QWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isEnabled() and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def to_mapping(qtbot, wizard: ImportWizard, path: Path) -> None:
    wizard.file_page.path.setText(str(path))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)
    assert set(wizard.mapping_page.mapping().values()) == {
        "first_name", "last_name", "email", "unit", "department", "position"
    }  # fmt: skip
    click(qtbot, wizard, QWizard.WizardButton.NextButton)


def count(db, model) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("writer", [write_calc_xlsx, write_calc_csv], ids=["xlsx", "csv"])
def test_wizard_creates_and_maps_units_and_the_second_import_knows_everyone(
    qtbot, page: ParticipantsPage, switcher, tmp_path: Path, writer
) -> None:
    path = writer(tmp_path / ("deltakere.xlsx" if writer is write_calc_xlsx else "deltakere.csv"))
    units_before, persons_before = count(page.db, Unit), count(page.db, Person)
    page.import_participants()
    wizard = page.dialog
    assert isinstance(wizard, ImportWizard)
    to_mapping(qtbot, wizard, path)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.units_page, timeout=10_000)

    step = wizard.units_page
    rows = {row.unknown.name: row for row in step.rows}
    assert list(rows) == UNKNOWN
    assert "4 units in the list are not registered in Oslo kommune – Bydel Nordstrand." in step.about.text()
    variant = rows[VARIANT]
    assert variant.action.currentData() == MAP, "a spelling variant is mapped at first"
    assert variant.unit.currentText().startswith(f"{VARIANT_OF} (Mestring og omsorg)")
    assert rows["Bekkelaget sykehjem"].action.currentData() == CREATE
    assert rows["Bekkelaget sykehjem"].department.currentText() == "Mestring og omsorg"
    assert rows["Kulturskolen Nordstrand"].department.currentText() == "Oppvekst"
    lacking = rows[NO_DEPARTMENT]  # its department "Helse og forebygging" is not registered
    assert lacking.action.currentData() == CREATE and lacking.department.currentIndex() == -1
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "1 unit still needs a department" in step.about.text()
    lacking.action.setCurrentIndex(lacking.action.findData(EMPTY))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    lacking.action.setCurrentIndex(lacking.action.findData(MAP))  # typing a name that is not a unit: not ready
    lacking.unit.setEditText("Månebasen")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    lacking.action.setCurrentIndex(lacking.action.findData(CREATE))
    lacking.department.setCurrentIndex(lacking.department.findText(CHOSEN_DEPARTMENT))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    if writer is write_calc_xlsx:  # look at the step in Norwegian
        switcher.switch("nb")
        qtbot.wait(50)
        assert "Enheter som ikke er registrert" in step.title()
        SCREENSHOT.mkdir(parents=True, exist_ok=True)
        wizard.grab().save(str(SCREENSHOT / "import-units-nb.png"))
        switcher.switch("en")

    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=10_000)
    preview = wizard.preview
    assert not preview.problem_rows and preview.new == 6
    checks = [wizard.preview_page.model._check_text(row) for row in preview.rows]
    assert "The unit “Bekkelaget sykehjem” will be created in Mestring og omsorg." in checks
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=10_000)
    assert (wizard.result.enrolled, wizard.result.units_created, wizard.result.units_mapped) == (6, 3, 1)
    assert "Units created: 3; unit names mapped to registered units: 1." in wizard.done_page.text.text()
    assert count(page.db, Unit) == units_before + 3 and count(page.db, UnitAlias) == 4
    with page.db.read() as s:
        where = s.execute(
            select(Unit.name, Department.name)
            .join(Department, Department.id == Unit.department_id)
            .join(Person, Person.unit_id == Unit.id)
            .where(Person.email == ROWS[4][2])
        ).one()
    assert tuple(where) == (NO_DEPARTMENT, CHOSEN_DEPARTMENT)
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)

    # The same file into another cohort: no units step, everyone already registered.
    with page.db.read() as s:
        programme_id, start = s.execute(select(Cohort.programme_id, Cohort.start_date)).first()
    second = enrolment.create_cohort(page.db, programme_id, "Kull 2 – Nordstrand", start + timedelta(days=1))
    again = ImportWizard(page.db, second, "Kull 2 – Nordstrand", parent=page)
    qtbot.addWidget(again)
    again.show()
    to_mapping(qtbot, again, path)
    qtbot.waitUntil(lambda: again.currentPage() is again.preview_page, timeout=10_000)
    assert not again.preview.unknown_units and not again.preview.problem_rows
    assert (again.preview.existing, again.preview.new) == (6, 0)
    assert "6 can be enrolled (0 new, 6 already registered)" in again.preview_page.summary.text()
    click(qtbot, again, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: again.currentPage() is again.done_page, timeout=10_000)
    assert again.result.enrolled == 6 and again.result.units_created == 0
    assert count(page.db, Unit) == units_before + 3 and count(page.db, Person) == persons_before + 6
    again.close()


def ok_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_enrol_dialog_unit_picker_filters_and_creates_only_when_asked(qtbot, page: ParticipantsPage, switcher) -> None:
    page.enrol()
    dialog = page.dialog
    dialog.first_name.setText("Máret")
    dialog.last_name.setText("Ŋuolla")
    picker = dialog.unit
    assert picker.isEditable() and picker.completer() is not None
    completer = picker.completer()

    def offered(typed: str) -> list[str]:
        completer.setCompletionPrefix(typed)
        model = completer.completionModel()
        return [model.index(i, 0).data() for i in range(model.rowCount())]

    assert offered("LJABRU") == ["Ljabru barnehage (Oppvekst)"]  # any case
    assert set(offered("barnehage")) == {  # any part of the name
        "Ljabru barnehage (Oppvekst)", "Simensbråten barnehage (Oppvekst)", "Bekkelaget barnehage (Oppvekst)"
    }  # fmt: skip
    qtbot.keyClicks(picker.lineEdit(), "ljabru barnehage")
    completer.popup().hide()
    assert picker.unit_id() is not None and not dialog.form.isRowVisible(dialog.new_unit)  # a name alone is enough
    assert ok_button(dialog).isEnabled()

    picker.lineEdit().selectAll()
    qtbot.keyClicks(picker.lineEdit(), "Nordstrand legevakt")
    picker.completer().popup().hide()
    assert dialog.form.isRowVisible(dialog.new_unit) and "Nordstrand legevakt" in dialog.create_unit.toolTip()
    assert not ok_button(dialog).isEnabled(), "text that names no unit is refused unless created"
    dialog.create_unit.setChecked(True)
    assert not ok_button(dialog).isEnabled(), "a department must be chosen"
    dialog.unit_department.setCurrentIndex(dialog.unit_department.findText("Mestring og omsorg"))
    assert ok_button(dialog).isEnabled()
    switcher.switch("nb")
    qtbot.waitUntil(lambda: dialog.create_unit.text() == "Opprett den i")
    assert dialog.create_unit.toolTip().startswith("Opprett enheten «Nordstrand legevakt» i")
    SCREENSHOT.mkdir(parents=True, exist_ok=True)
    dialog.adjustSize()
    dialog.grab().save(str(SCREENSHOT / "enrol-new-unit-nb.png"))
    switcher.switch("en")
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    with page.db.read() as s:
        unit = s.execute(
            select(Unit.name, Department.name, Enrolment.unit_id, Person.unit_id)
            .join(Department, Department.id == Unit.department_id)
            .join(Enrolment, Enrolment.unit_id == Unit.id)
            .join(Person, Person.id == Enrolment.person_id)
            .where(Person.last_name == "Ŋuolla")
        ).one()
    assert unit[:2] == ("Nordstrand legevakt", "Mestring og omsorg") and unit[2] == unit[3]
