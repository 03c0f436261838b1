"""Formats and words a coordinator reads, in both languages: localised date editors, the attendance legend of
default statuses, certificate placeholders in the template editor and the group board's words. Each test grabs
the widget in nb and en to ``$TILLITSLEDER_SHOTS`` (``/tmp/formats-shots`` unless set) for a person to look at."""

from __future__ import annotations

import os
import re
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from certificate_data import built_copy, install_fake_completion  # noqa: E402
from roster_testdata import world_template  # noqa: E402
from test_group_board import build as build_board  # noqa: E402

from tillitsleder import lookups  # noqa: E402
from tillitsleder.certificates.templates import get_template  # noqa: E402
from tillitsleder.i18n import date_edit_format, format_date  # noqa: E402
from tillitsleder.storage import open_database  # noqa: E402

SHOTS = Path(os.environ.get("TILLITSLEDER_SHOTS", "/tmp/formats-shots"))
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def shoot(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return world_template(tmp_path_factory)


def test_date_editors_use_the_language_s_format_not_iso(qtbot, world, tmp_path, switcher) -> None:
    from ui.pages.facilitators import FacilitatorsPage
    from ui.table_day.panel import TableDayPanel

    path = tmp_path / "world.sqlite3"
    shutil.copyfile(world[0], path)
    db = open_database(path)
    try:
        panel, page = TableDayPanel(), FacilitatorsPage()
        qtbot.addWidget(panel)
        qtbot.addWidget(page)
        page.set_database(db)
        pools = page.pools
        for edit in (panel.held_on, pools.first, pools.last):
            assert edit.displayFormat() == "dd/MM/yyyy" and edit.calendarPopup()
            assert not ISO.search(edit.text())
        pools.first.setDate(date(2026, 12, 3))
        assert pools.first.text() == "03/12/2026"
        switcher.switch("nb")
        qtbot.waitUntil(lambda: pools.first.displayFormat() == date_edit_format() == "dd.MM.yyyy")
        assert pools.first.text() == "03.12.2026" and panel.held_on.displayFormat() == "dd.MM.yyyy"
        assert pools.first.date().toPython() == date(2026, 12, 3)  # the value stays, only its writing changes
    finally:
        db.close()


def visit_register(qtbot, window):
    from ui.pages.attendance import AttendancePage

    window.nav.setCurrentRow(window.row_of(AttendancePage))
    page = window.current_page()
    qtbot.waitUntil(lambda: page.isVisible() and page.register is not None and page.register.model is not None)
    return page


def test_the_attendance_legend_follows_the_language(qtbot, opened_window, switcher) -> None:
    page = visit_register(qtbot, opened_window)
    legend = page.register.legend
    qtbot.waitUntil(lambda: "Present" in legend.text())
    english = legend.text()
    assert all(word in english for word in ("Present", "Late", "Excused absence", "Absent", "Partially attended"))
    assert "Til stede" not in english and "&nbsp;Pr&nbsp;</span>" in english
    qtbot.wait(300)
    shoot(page.register, "attendance-legend-en")
    switcher.switch("nb")
    qtbot.waitUntil(lambda: "Til stede" in legend.text())
    norwegian = legend.text()
    assert all(word in norwegian for word in ("Til stede", "Forsinket", "Gyldig fravær", "Fravær", "Delvis til stede"))
    assert "&nbsp;T&nbsp;</span>" in norwegian and "Present" not in norwegian
    qtbot.wait(300)
    shoot(page.register, "attendance-legend-nb")


@pytest.fixture
def certificates(qtbot, tmp_path_factory, tmp_path, monkeypatch, switcher):
    from ui.pages.certificates import CertificatesPage
    from ui.widgets.cohort_picker import CohortSelection

    ids = built_copy(tmp_path_factory, tmp_path / "cohort.sqlite3", extra=2)
    db = open_database(tmp_path / "cohort.sqlite3")
    install_fake_completion(monkeypatch)
    selection = CohortSelection()
    selection.set_options(lookups.cohort_options(db))
    widget = CertificatesPage(selection)
    qtbot.addWidget(widget)
    widget.resize(1180, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_database(db)
    widget.ids, widget.db = ids, db
    yield widget
    db.close()


def test_the_template_editor_shows_placeholders_in_the_language_and_stores_keys(qtbot, certificates, switcher):
    editor = certificates.template
    certificates.tabs.setCurrentWidget(editor)
    qtbot.waitUntil(lambda: editor.preview.pdf_bytes is not None, timeout=15_000)
    assert "{programme}" in editor.body.toPlainText() and "{name}" in editor.placeholders.text()
    qtbot.wait(500)
    shoot(certificates, "certificate-template-en")
    switcher.switch("nb")
    qtbot.waitUntil(lambda: "{navn}" in editor.placeholders.text())
    assert "{program}" in editor.placeholders.text() and "{name}" not in editor.placeholders.text()
    assert "{program}" in editor.body.toPlainText() and "{programme}" not in editor.body.toPlainText()
    assert not editor.dirty  # re-writing the placeholders in the new language is no change
    with qtbot.waitSignal(editor.preview.rendered, timeout=15_000):
        editor.body.setPlainText("{navn} har fullført {program} i {kommune}.")
    assert editor.save()
    stored = get_template(certificates.db, editor.programme_id, editor.language_code())
    assert stored.body == "{name} har fullført {programme} i {municipality}."
    with qtbot.waitSignal(editor.preview.failed, timeout=15_000) as blocker:
        editor.body.setPlainText("{navnet}")
    assert "{navnet}" in blocker.args[0] and "{navn}" in blocker.args[0]
    editor.revert()
    qtbot.waitUntil(lambda: editor.preview.pdf_bytes is not None, timeout=15_000)
    assert editor.body.toPlainText() == "{navn} har fullført {program} i {kommune}."
    qtbot.wait(500)
    shoot(certificates, "certificate-template-nb")


def test_the_group_board_speaks_the_coordinator_s_words(qtbot, tmp_path, switcher) -> None:
    from ui.groups.board_widget import GroupBoardTab
    from ui.widgets.cohort_picker import CohortSelection

    build_board(tmp_path / "board.sqlite3")
    db = open_database(tmp_path / "board.sqlite3")
    try:
        selection = CohortSelection()
        selection.set_options(lookups.cohort_options(db))
        tab = GroupBoardTab(selection)
        qtbot.addWidget(tab)
        tab.resize(1200, 700)
        tab.show_cohort(db, selection.current)
        tab.show()
        qtbot.waitExposed(tab)
        tab.min_size.setValue(5)
        tab.max_size.setValue(5)
        with qtbot.waitSignal(tab.boardShown, timeout=10_000):
            tab.propose_button.click()
        with qtbot.waitSignal(tab.boardShown, timeout=10_000):
            tab.another_button.click()  # another arrangement of the same sizes
        headers = " ".join(card.score_label.text() for card in tab.cards)
        texts = [tab.another_button.text(), tab.propose_button.text(), headers]
        assert not any(re.search(r"seed|penalty", text, re.IGNORECASE) for text in texts)
        qtbot.wait(300)
        shoot(tab, "group-board-en")
        switcher.switch("nb")
        qtbot.waitUntil(lambda: "annen inndeling" in tab.another_button.text())
        assert "things to improve" not in " ".join(card.score_label.text() for card in tab.cards)
        qtbot.wait(300)
        shoot(tab, "group-board-nb")
    finally:
        db.close()


def test_dates_in_messages_are_written_as_dates(demo_db) -> None:
    from tillitsleder.enrolment.cohorts import create_cohort
    from tillitsleder.errors import ValidationError

    programme = lookups.programme_options(demo_db)[0].id
    with pytest.raises(ValidationError) as raised:
        create_cohort(demo_db, programme, "Langt fram", date(2300, 1, 1))
    message = raised.value.user_message()
    assert format_date(date(2300, 1, 1)) in message and not ISO.search(message)
