"""``ListPanel`` and its table: columns that fit the view, columns the user hides, empty states."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tillitsleder import lookups
from tillitsleder.storage import Database, open_database
from ui.widgets.list_panel import ListPanel
from ui.widgets.list_table import share_widths


@pytest.fixture
def demo_db(demo_db_path: Path) -> Iterator[Database]:
    db = open_database(demo_db_path, create=False)
    yield db
    db.close()


def shown_panel(qtbot, spec_key: str, db: Database, width: int = 1000, **params) -> ListPanel:
    panel = ListPanel(spec_key, title="Sessions")
    qtbot.addWidget(panel)
    panel.resize(width, 600)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_source(db, **params)
    qtbot.waitUntil(lambda: panel._fitted or panel.model.total == 0)
    return panel


def visible_sections(panel: ListPanel) -> list[int]:
    header = panel.table.horizontalHeader()
    return [s for s in range(header.count()) if not header.isSectionHidden(s)]


def test_share_widths_keeps_what_fits_and_shrinks_long_columns_most() -> None:
    assert share_widths([100, 200], [50, 50], 400) == [100, 200]
    widths = share_widths([100, 400, 80], [60, 60, 80], 400)
    assert sum(widths) == 400
    assert widths[2] == 80  # at its floor already
    assert widths[1] > widths[0] >= 60
    assert share_widths([300, 300], [200, 250], 300) == [200, 250]  # floors win; the view scrolls


def test_all_columns_of_the_session_list_fit_the_view(qtbot, demo_db) -> None:
    cohort = lookups.cohort_options(demo_db)[0].id
    panel = shown_panel(qtbot, "sessions", demo_db, cohort_id=cohort)
    header = panel.table.horizontalHeader()
    used = sum(header.sectionSize(s) for s in visible_sections(panel))
    assert used <= panel.table.viewport().width()
    model = panel.model
    for key in ("starts", "present", "absent"):  # dates and counts are never cut
        section = model.column_index(key)
        assert header.sectionSize(section) >= panel.table.sizeHintForColumn(section)


def test_email_is_hidden_by_default_and_the_header_menu_brings_it_back(qtbot, demo_db) -> None:
    cohort = lookups.cohort_options(demo_db)[0].id
    panel = shown_panel(qtbot, "enrolments", demo_db, cohort_id=cohort)
    email = panel.model.column_index("email")
    assert panel.table.isColumnHidden(email)
    menu = panel.table.header_menu()
    actions = {action.text(): action for action in menu.actions()}
    assert not actions["E-mail"].isChecked()
    actions["E-mail"].setChecked(True)
    assert not panel.table.isColumnHidden(email)
    actions["Status"].setChecked(False)
    again = shown_panel(qtbot, "enrolments", demo_db, cohort_id=cohort)
    assert not again.table.isColumnHidden(email)
    assert again.table.isColumnHidden(again.model.column_index("status"))


def test_the_last_visible_column_cannot_be_hidden(qtbot, demo_db) -> None:
    panel = shown_panel(qtbot, "programmes", demo_db)
    for section in visible_sections(panel)[1:]:
        panel.table.setColumnHidden(section, True)
    menu = panel.table.header_menu()
    checked = [action for action in menu.actions() if action.isChecked()]
    assert len(checked) == 1 and not checked[0].isEnabled()


def test_an_empty_list_explains_itself_and_shows_no_count(qtbot, demo_db) -> None:
    panel = shown_panel(qtbot, "certificates", demo_db, cohort_id=10_000)
    assert panel.empty_label.isVisible()
    assert panel.empty_label.text() == "No certificates have been issued for this cohort."
    assert panel.count_label.text() == ""
    assert not panel.table.isVisible()


def test_selecting_a_row_reports_its_id(qtbot, demo_db) -> None:
    panel = shown_panel(qtbot, "facilitators", demo_db)
    with qtbot.waitSignal(panel.currentIdChanged) as blocker:
        panel.table.selectRow(1)
    assert blocker.args[0] == panel.model.row_id(1) == panel.current_id()
    assert panel.model.index(1, 0).data(Qt.ItemDataRole.UserRole) == blocker.args[0]


def test_the_main_column_keeps_its_width_while_the_others_can_give_way() -> None:
    from ui.widgets.list_table import main_first_widths

    assert main_first_widths([200, 300, 100], [60, 60, 100], 500, 1) == [100, 300, 100]  # the others shrink
    assert main_first_widths([200, 300, 100], [60, 60, 100], 450, 1)[1] < 300  # they cannot: it gives way too
    assert main_first_widths([200, 300, 100], [60, 60, 100], 700, 1) == [200, 300, 100]
