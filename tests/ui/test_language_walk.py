"""Every area in every language, switched to from Settings while the app runs: no visible text is left from another
language, and the switch itself reaches the open pages, Qt's own strings and the date editors in all five.

The walk first builds every page in another language, then picks the language in Settings' chooser (as a user
does: no restart) and walks every area and tab again, checking each visible text against all five catalogs
(``language_leftovers``). Languages whose catalog is not translated yet are skipped, saying so
(``catalog_status.language_params``).
"""

from __future__ import annotations

import pytest
from area_walk import walk_areas
from catalog_status import catalog_gaps, language_params
from language_leftovers import LeftoverFinder, demo_texts, normalise, visible_texts
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from tillitsleder import i18n
from ui.widgets.date_edit import DateEdit


def choose_in_settings(qtbot, window, language: str) -> None:
    """Pick ``language`` in Settings' language chooser, as a user does."""
    from ui.pages.settings_page import SettingsPage

    window.nav.setCurrentRow(window.row_of(SettingsPage))
    page = window.page_of(SettingsPage)
    qtbot.waitUntil(page.isVisible, timeout=10_000)
    index = page.language.findData(language)
    assert index >= 0, f"{language} is not in the language chooser"
    page.language.setCurrentIndex(index)
    qtbot.wait(50)
    assert i18n.current_language() == language
    assert page.language.currentText() == i18n.LANGUAGES[language]


@pytest.mark.parametrize("language", language_params())
def test_every_area_shows_only_the_chosen_language(qtbot, opened_window, demo_db_path, language: str) -> None:
    window = opened_window
    before = "en" if language != "en" else "nb"
    window.switcher.switch(before)
    walk_areas(qtbot, window, lambda _where, _page: None)  # every page built and shown in the other language
    choose_in_settings(qtbot, window, language)
    finder = LeftoverFinder(language, ignored=demo_texts(demo_db_path) | set(map(normalise, i18n.LANGUAGES.values())))
    leftovers: dict[str, str] = {}

    def visit(where: str, _page: QWidget) -> None:
        qtbot.wait(30)
        for kind, text in visible_texts(window):
            if (why := finder.problem(text)) is not None:
                leftovers.setdefault(f"{kind} {normalise(text)!r}", f"{where}: {why}")

    places = walk_areas(qtbot, window, visit)
    assert len(places) > 8
    assert not leftovers, f"{len(leftovers)} texts not in {language}:\n" + "\n".join(
        f"  {text} — {where}" for text, where in sorted(leftovers.items())
    )


# Qt's Cancel in each language: ours for nb (the Bokmål bridge: Qt ships none), Qt's own qtbase_*.qm for the others.
CANCEL = {"nb": "Avbryt", "nn": "Avbryt", "sv": "Avbryt", "da": "Annuller", "en": "Cancel"}


@pytest.mark.parametrize("language", list(i18n.LANGUAGES))
def test_switching_in_settings_reaches_open_pages_qt_strings_and_date_editors(qtbot, opened_window, language) -> None:
    """For all five, translated or not yet: an open button box and date editor follow the switch made in Settings,
    and the chooser, the menus and the window are retranslated (the title differs from the other language's)."""
    window = opened_window
    before = "en" if language != "en" else "nb"
    window.switcher.switch(before)
    walk_areas(qtbot, window, lambda _where, _page: None)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    edit = DateEdit()
    for widget in (box, edit):
        qtbot.addWidget(widget)
        widget.show()
    menus_before = [action.text() for action in window.menuBar().actions()]

    choose_in_settings(qtbot, window, language)

    assert box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == CANCEL[language]
    assert edit.displayFormat() == i18n.DATE_EDIT_FORMATS[language]
    assert edit.locale().name() == i18n.BABEL_LOCALES[language]
    assert edit.calendarWidget().locale().name() == i18n.BABEL_LOCALES[language]
    menus_after = [action.text() for action in window.menuBar().actions()]
    if catalog_gaps(language) == 0:  # untranslated, the menus fall back to the English source text
        assert menus_after != menus_before
