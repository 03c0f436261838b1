"""Every area on a new, empty database says what goes there and offers the button that starts it.

The walk opens an empty database, visits each area and tab a coordinator sees, first in English and then in
Norwegian, and checks each place the coordinator would start from: a sentence that is there (and translated:
the Norwegian text differs from the English one) and, where the area has one, the start button — shown and
enabled. The buttons really start: "New programme…" under the empty programme list opens the programme form.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from tillitsleder.storage import open_database
from ui.main_window import MainWindow
from ui.pages.areas import AREAS
from ui.translator import LanguageSwitcher
from ui.widgets.list_panel import ListPanel

# The place a coordinator starts from in each area: (name, the widget to show first, the sentence, the button).
Spot = tuple[str, QWidget, QLabel, QAbstractButton | None]


def _panel(name: str, tab: QWidget, panel: ListPanel, starts: bool) -> Spot:
    assert panel.empty_state_showing(), name
    return (name, tab, panel.empty_label, panel.empty_button if starts else None)


def _programmes(page) -> list[Spot]:
    return [_panel("programmes", page, page.programmes, True)]


def _participants(page) -> list[Spot]:
    return [_panel("cohorts", page, page.enrolments, True)]


def _sessions(page) -> list[Spot]:
    return [_panel("sessions", page, page.sessions, False)]  # a session needs a cohort: the sentence says where


def _attendance(page) -> list[Spot]:
    return [("attendance", page, page.empty_label, None)]


def _groups(page) -> list[Spot]:
    return [
        _panel("groups", page.overview, page.overview.groups, False),
        _panel("meetings", page.overview, page.overview.meetings, False),
        ("table day", page.table_day, page.table_day.empty_label, page.table_day.propose),
    ]


def _facilitators(page) -> list[Spot]:
    return [
        _panel("all pools", page.facilitators, page.facilitators, True),
        ("pool details", page.pools, page.pools.hint_label, page.pools.hint_button),
        ("workload", page.workload, page.workload.summary, None),
    ]


def _journal(page) -> list[Spot]:
    return [_panel("journal activity", page, page.counts, False)]


def _certificates(page) -> list[Spot]:
    return [_panel("certificates", page.register, page.register.panel, False)]


SPOTS: dict[str, Callable[[QWidget], list[Spot]]] = {
    "ProgrammesPage": _programmes,
    "ParticipantsPage": _participants,
    "SessionsPage": _sessions,
    "AttendancePage": _attendance,
    "GroupsPage": _groups,
    "FacilitatorsPage": _facilitators,
    "JournalPage": _journal,
    "CertificatesPage": _certificates,
}
NOTHING_TO_START = {"SettingsPage"}  # settings are never empty


@pytest.fixture
def empty_window(qtbot, switcher: LanguageSwitcher, tmp_path: Path):
    path = tmp_path / "new.sqlite3"
    open_database(path).close()
    window = MainWindow(switcher)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.firstPagePopulated, timeout=30_000):
        window.open_database_path(path)
    yield window
    window.close_database()


def _show(qtbot, window: MainWindow, row: int, tab: QWidget) -> None:
    window.nav.setCurrentRow(row)
    page = window.current_page()
    qtbot.waitUntil(lambda: page.isVisible() and not page._stale)
    tabs = getattr(page, "tabs", None)
    if tabs is not None and tab is not page:
        tabs.setCurrentWidget(tab)
    qtbot.waitUntil(tab.isVisible)


def _walk(qtbot, window: MainWindow) -> dict[str, tuple[str, str | None]]:
    """Each spot's sentence and its button's text, after checking they are shown (and the button enabled)."""
    seen: dict[str, tuple[str, str | None]] = {}
    for row, area in enumerate(AREAS):
        if area.class_name in NOTHING_TO_START:
            continue
        window.nav.setCurrentRow(row)
        page = window.current_page()
        qtbot.waitUntil(lambda page=page: page.isVisible() and not page._stale)
        for name, tab, sentence, button in SPOTS[area.class_name](page):
            _show(qtbot, window, row, tab)
            qtbot.waitUntil(sentence.isVisible)
            assert sentence.text().strip(), name
            if button is not None:
                assert button.isVisible() and button.isEnabled(), name
                assert button.text().strip(), name
            seen[name] = (sentence.text(), button.text() if button is not None else None)
    return seen


def test_every_area_of_an_empty_database_says_what_goes_there_in_english_and_norwegian(
    qtbot, empty_window: MainWindow, switcher: LanguageSwitcher
) -> None:
    assert set(SPOTS) | NOTHING_TO_START == {area.class_name for area in AREAS}  # a new area must say something
    english = _walk(qtbot, empty_window)
    assert "Seat participants" in english["table day"][0] and english["table day"][1] == "Seat participants"
    assert english["programmes"] == ("No programmes yet.", "New programme…")
    switcher.switch("nb")
    qtbot.waitUntil(lambda: empty_window.page_at(0).programmes.empty_label.text() != "No programmes yet.")
    qtbot.wait(50)  # the empty states' buttons follow their areas' buttons once every widget has its new text
    norwegian = _walk(qtbot, empty_window)
    assert set(norwegian) == set(english)
    for name, (sentence, button) in norwegian.items():
        assert sentence != english[name][0], f"{name}: “{sentence}” is not translated"
        assert button is None or button != english[name][1], f"{name}: the button “{button}” is not translated"
    assert "Plasser deltakerne" in norwegian["table day"][0] and norwegian["table day"][1] == "Plasser deltakerne"


def test_the_empty_states_buttons_start_the_work(qtbot, empty_window: MainWindow) -> None:
    from ui.curriculum.programme_dialogs import ProgrammeDialog
    from ui.enrolment.cohort_dialog import NewCohortDialog

    window = empty_window
    programmes = window.page_at(0)
    programmes.programmes.empty_button.click()
    def programme_forms() -> list[QWidget]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, ProgrammeDialog) and w.isVisible()]

    qtbot.waitUntil(lambda: len(programme_forms()) == 1)
    programme_forms()[0].reject()
    participants = window.page_of("ParticipantsPage")
    _show(qtbot, window, window.row_of("ParticipantsPage"), participants)
    participants.enrolments.empty_button.click()
    qtbot.waitUntil(lambda: isinstance(participants.dialog, NewCohortDialog) and participants.dialog.isVisible())
    participants.dialog.reject()


def test_the_facilitator_pane_explains_itself_instead_of_a_greyed_out_box(qtbot, opened_window: MainWindow) -> None:
    """On the demo: before a facilitator is chosen the pane says what it is for in ordinary (enabled) text."""
    page = opened_window.page_of("FacilitatorsPage")
    _show(qtbot, opened_window, opened_window.row_of("FacilitatorsPage"), page.pools)
    pools = page.pools
    pools.table.clearSelection()
    assert pools.side.currentWidget() is not pools.details
    assert pools.hint_label.isVisible() and pools.hint_label.isEnabled()
    assert pools.hint_label.text().startswith("Choose a facilitator in the list")
    assert not pools.hint_button.isVisible()  # there are pools: nothing to set up
    pools.table.selectRow(0)
    assert pools.side.currentWidget() is pools.details and pools.details.isEnabled()
