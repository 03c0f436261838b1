"""The main window on the demo database: every area, the live language switch, window state, keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tillitsleder import i18n, lookups
from tillitsleder.lists import areas as listings
from tillitsleder.lists import tables
from ui.main_window import MainWindow
from ui.pages.base import CohortPage
from ui.pages.settings_page import SettingsPage
from ui.settings import last_database_path, saved_language

# Lists the demo database fills for its cohort; the others may legitimately be empty.
ALWAYS_FILLED = {"programmes", "modules", "enrolments", "sessions", "groups", "group_meetings", "facilitators"}


def visit(qtbot, window: MainWindow, row: int):
    window.nav.setCurrentRow(row)
    page = window.current_page()
    qtbot.waitUntil(lambda: page.isVisible() and not page._stale)
    return page


def test_the_shown_area_is_built_once_right_after_the_first_paint(qtbot, switcher) -> None:
    win = MainWindow(switcher)
    qtbot.addWidget(win)
    painted: list[bool] = []
    win.firstPainted.connect(lambda: painted.append(win.is_built(win.nav.currentRow())))
    assert not win.is_built(win.nav.currentRow())
    win.show()
    qtbot.waitUntil(lambda: painted == [False], timeout=400)  # the paint, not the fallback (500 ms)
    assert win.is_built(win.nav.currentRow())  # built right after
    win.update()
    qtbot.wait(700)
    assert painted == [False]  # once, not after later paints or the fallback


def test_the_window_shows_before_the_database_and_says_so(window: MainWindow) -> None:
    assert window.isVisible()
    assert window.db is None
    panel = window.page_at(0).panels()[0]
    assert panel.empty_label.isVisible()
    assert panel.empty_label.text() == "Opening database…"


def test_every_area_shows_the_demo_data(qtbot, opened_window: MainWindow) -> None:
    window = opened_window
    db = window.db
    cohort = lookups.cohort_options(db)[0]
    programme = lookups.programme_options(db)[0]
    assert window.selection.current == cohort.id
    seen: dict[str, int] = {}
    for row in range(len(window.areas)):
        page = visit(qtbot, window, row)
        assert window.stack.currentWidget() is page
        assert window.nav.item(row).text() == page.title()
        if isinstance(page, CohortPage):
            assert page.picker.combo.currentText() == cohort.label
        for panel in page.panels():
            model = panel.model
            assert model is not None, panel._spec_key
            spec = listings.ALL_SPECS[model.spec.key]  # a model may hold only the list's shape
            params = {"cohort_id": cohort.id, "programme_id": programme.id}
            params = {name: params[name] for name in spec.parameters}
            expected = tables.count_rows(db, spec, params)
            assert model.total == expected, spec.key
            seen[spec.key] = expected
            if expected:
                assert panel.table.isVisible() and model.rowCount() > 0
                assert panel.count_label.text().startswith(str(expected))
            else:
                assert panel.empty_label.isVisible()
                assert panel.empty_label.text() == i18n._(spec.empty_text)
    assert set(seen) == set(listings.ALL_SPECS) - {"cohorts"}
    assert all(seen[key] > 0 for key in ALWAYS_FILLED), seen


def test_status_bar_names_the_file_and_counts_participants(opened_window: MainWindow, demo_db_path) -> None:
    window = opened_window
    assert window.db_label.text() == demo_db_path.name
    cohorts = lookups.cohort_options(window.db)
    participants = sum(
        tables.count_rows(window.db, listings.ENROLMENTS, {"cohort_id": cohort.id}) for cohort in cohorts
    )
    noun = "cohort" if len(cohorts) == 1 else "cohorts"
    assert window.summary_label.text() == f"{participants} participants in {len(cohorts)} {noun}"
    assert demo_db_path.name in window.windowTitle()
    assert last_database_path() == demo_db_path


def test_the_language_switches_live_everywhere(qtbot, opened_window: MainWindow) -> None:
    window = opened_window
    settings = visit(qtbot, window, len(window.areas) - 1)
    assert isinstance(settings, SettingsPage)
    assert window.file_menu.title() == "&File"
    settings.language.setCurrentIndex(settings.language.findData("nb"))
    assert i18n.current_language() == "nb"
    assert saved_language() == "nb"
    # Qt posts LanguageChange; widgets retranslate when the event loop delivers it.
    qtbot.waitUntil(lambda: window.nav.item(0).text() != "Programmes & curriculum")
    assert window.file_menu.title() == i18n._("&File")
    assert window.action_open.text() == i18n._("&Open database…")
    assert window.nav.item(0).text() == i18n._("Programmes & curriculum") == "Programmer og programplan"
    assert settings.heading.text() == i18n._("Settings")
    programmes = visit(qtbot, window, 0)
    model = programmes.panels()[0].model
    assert model.headerData(0, Qt.Orientation.Horizontal) == i18n._("Programme") == "Program"
    assert programmes.panels()[0].search_field.placeholderText() == i18n._("Search…") == "Søk…"
    settings = visit(qtbot, window, len(window.areas) - 1)
    settings.language.setCurrentIndex(settings.language.findData("en"))
    qtbot.waitUntil(lambda: window.nav.item(0).text() == "Programmes & curriculum")
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Programme"
    assert window.file_menu.title() == "&File"


def test_alt_digits_switch_areas_and_ctrl_f_finds(qtbot, opened_window: MainWindow) -> None:
    window = opened_window
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert window.nav.currentRow() == 2
    qtbot.waitUntil(lambda: not window.current_page()._stale)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = window.current_page().panels()[0].search_field
    qtbot.waitUntil(lambda: QApplication.focusWidget() is search)
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.AltModifier)
    assert isinstance(window.current_page(), SettingsPage)
    assert not window.action_search.isEnabled()  # nothing to search on Settings: no dead shortcut


def test_searching_in_a_panel_filters_the_list(qtbot, opened_window: MainWindow) -> None:
    window = opened_window
    page = visit(qtbot, window, 1)
    panel = page.panels()[0]
    total = panel.model.total
    last_name = panel.model.index(0, 0).data()
    qtbot.keyClicks(panel.search_field, last_name)
    qtbot.waitUntil(lambda: panel.model.search == last_name)
    assert 0 < panel.model.total < total
    panel.search_field.clear()
    qtbot.waitUntil(lambda: panel.model.total == total)
    qtbot.keyClicks(panel.search_field, "zzzz-nobody")
    qtbot.waitUntil(lambda: panel.empty_label.isVisible())
    assert "zzzz-nobody" in panel.empty_label.text()


def test_geometry_and_area_are_remembered(qtbot, switcher) -> None:
    first = MainWindow(switcher)
    qtbot.addWidget(first)
    first.show()
    # The offscreen screen is 800 × 800 (restoring keeps windows on screen); the window's minimum is below that.
    assert first.minimumSizeHint().width() < 780 and first.minimumSizeHint().height() < 620
    first.resize(780, 620)
    first.nav.setCurrentRow(4)
    qtbot.waitUntil(lambda: first.size().width() == 780)
    first.close()
    second = MainWindow(switcher)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (780, 620)
    assert second.nav.currentRow() == 4


def test_no_demo_action_without_a_demo_service(window: MainWindow, monkeypatch) -> None:
    import ui.main_window as main_window

    monkeypatch.setattr(main_window, "demo_available", lambda: False)
    window._update_actions()
    assert not window.action_demo.isEnabled()
    assert not window.action_backup.isEnabled()  # nothing open yet


def test_about_names_version_licence_and_folders(qtbot, window: MainWindow, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    import tillitsleder

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    window.action_about.trigger()
    assert tillitsleder.__version__ in shown[0]
    assert "EUPL-1.2" in shown[0]
    assert "PySide" in shown[0]


def test_one_cohort_choice_is_shared_by_every_cohort_area(qtbot, window: MainWindow) -> None:
    from tillitsleder.lookups import Option

    window.selection.set_options([Option(7, "Kull 2017"), Option(9, "Kull 2019")])
    built = [window.page_at(row) for row in range(len(window.areas))]
    pickers = [page.picker for page in built if isinstance(page, CohortPage)]
    assert len(pickers) == 5
    assert {picker.combo.currentText() for picker in pickers} == {"Kull 2017"}
    pickers[2].combo.setCurrentIndex(1)
    assert window.selection.current == 9
    assert {picker.combo.currentText() for picker in pickers} == {"Kull 2019"}
    window.selection.set_options([Option(9, "Kull 2019")])  # the chosen cohort is kept while it exists
    assert window.selection.current == 9
    window.selection.set_options([])
    assert window.selection.current is None
    assert all(not picker.combo.isEnabled() for picker in pickers)
    assert pickers[0].combo.currentText() == "No cohorts yet"


def test_a_change_in_one_area_refreshes_the_counts_and_marks_only_interested_areas_stale(qtbot, opened_window) -> None:
    from tillitsleder.enrolment.cohorts import NewPerson, enrol
    from ui.operations import Changed, announce
    from ui.pages.participants import ParticipantsPage
    from ui.pages.programmes import ProgrammesPage
    from ui.pages.sessions import SessionsPage

    window = opened_window
    before = window.summary_label.text()
    cohort_id = window.selection.current
    enrol(window.db, cohort_id, NewPerson(first_name="Áilu", last_name="Ŋuolla"))
    page, sessions, programmes = (window.page_of(cls) for cls in (ParticipantsPage, SessionsPage, ProgrammesPage))
    sessions._stale = programmes._stale = page._stale = False
    announce(Changed.ENROLMENT, page)
    assert window.summary_label.text() != before
    assert str(window.participants) in window.summary_label.text()
    assert sessions._stale and not page._stale  # the source has shown the change itself
    assert not programmes._stale  # the curriculum does not show enrolments
