"""Qt's own strings come from our gettext catalogs, and the list of them matches what Qt really asks for."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from tillitsleder import i18n
from ui import qt_strings
from ui.translator import GettextTranslator, LanguageSwitcher, load_qt_translator

BUTTONS = QDialogButtonBox.StandardButton


def menu_texts(line_edit: QLineEdit) -> list[str]:
    menu = line_edit.createStandardContextMenu()
    try:
        return [action.text().split("\t")[0] for action in menu.actions() if not action.isSeparator()]
    finally:
        menu.deleteLater()


def expected(context: str, source: str) -> str:
    return i18n.translate_optional(context, source) or source


def test_the_translator_answers_from_the_catalog_or_not_at_all(switcher, monkeypatch) -> None:
    translator = GettextTranslator()
    monkeypatch.setattr(i18n, "translate_optional", lambda c, s: "Avbryt!" if (c, s) == ("Ctx", "Cancel") else None)
    assert translator.translate("Ctx", "Cancel") == "Avbryt!"
    assert translator.translate("Ctx", "Unknown") is None  # null: Qt then asks qtbase_*.qm, then the source
    assert translator.translate("", "Cancel") is None
    assert not translator.isEmpty()


def test_in_norwegian_qt_widgets_read_whatever_our_catalog_says(switcher, qtbot) -> None:
    switcher.switch("nb")
    box = QDialogButtonBox(BUTTONS.Ok | BUTTONS.Cancel)
    qtbot.addWidget(box)
    assert box.button(BUTTONS.Ok).text() == expected("QPlatformTheme", "OK")
    assert box.button(BUTTONS.Cancel).text() == expected("QPlatformTheme", "Cancel")
    line_edit = QLineEdit()
    qtbot.addWidget(line_edit)
    texts = menu_texts(line_edit)
    assert expected("QLineEdit", "&Copy") in texts
    assert expected("QLineEdit", "Select All") in texts


def _nb_translates(context: str, source: str) -> bool:
    previous = i18n.current_language()
    i18n.set_language("nb")
    try:
        return i18n.translate_optional(context, source) is not None
    finally:
        i18n.set_language(previous)


@pytest.mark.xfail(
    not _nb_translates("QPlatformTheme", "Cancel"),
    reason="the nb catalog has no translation of Qt's Cancel button yet",
    strict=True,
)
def test_in_norwegian_cancel_reads_avbryt(switcher, qtbot) -> None:
    switcher.switch("nb")
    box = QDialogButtonBox(BUTTONS.Ok | BUTTONS.Cancel)
    qtbot.addWidget(box)
    assert box.button(BUTTONS.Cancel).text() == "Avbryt"


def test_switching_back_to_english_restores_qts_texts(switcher, qtbot) -> None:
    switcher.switch("nb")
    switcher.switch("en")
    box = QDialogButtonBox(BUTTONS.Cancel)
    qtbot.addWidget(box)
    assert box.button(BUTTONS.Cancel).text() == expected("QPlatformTheme", "Cancel")
    assert i18n.current_language() == "en"


def test_qt_ships_no_norwegian_bokmal_catalog_but_does_ship_others(qapp) -> None:
    assert load_qt_translator("nb") is None
    assert load_qt_translator("de") is not None


def test_switching_language_installs_both_translators_and_posts_language_change(switcher, qtbot) -> None:
    line_edit = QLineEdit()
    qtbot.addWidget(line_edit)
    events: list[str] = []
    switcher.languageChanged.connect(events.append)
    assert switcher.switch("nb") == "nb"
    assert events == ["nb"]
    # Qt has no qtbase_nb.qm: the Norwegian texts come from our catalog alone.
    assert QCoreApplication.translate("QLineEdit", "&Copy") == expected("QLineEdit", "&Copy")


def test_every_marked_qt_string_is_one_qt_really_translates(qapp) -> None:
    """Each (context, source) in ``qt_strings`` is known to Qt: some shipped qtbase catalog translates it."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    catalogs = []
    for language in ("de", "fr", "sv", "da", "nn", "es"):
        translator = QTranslator()
        assert translator.load(f"qtbase_{language}", folder)
        catalogs.append(translator)
    unknown = [
        (context, source)
        for context, sources in qt_strings.ALL
        for source in sources
        if not any(catalog.translate(context, source) for catalog in catalogs)
    ]
    assert unknown == []


def test_a_fresh_switcher_reports_the_language_in_use(qapp) -> None:
    bridge = LanguageSwitcher()
    try:
        assert bridge.install("no_NO.UTF-8") == "nb"
        assert bridge.language == "nb"
        assert bridge.install("nn_NO.UTF-8") == "nn"
        assert bridge.language == "nn"
    finally:
        bridge.uninstall()
        i18n.set_language("en")


@pytest.mark.parametrize(("language", "cancel"), [("nn", "Avbryt"), ("sv", "Avbryt"), ("da", "Annuller")])
def test_qt_s_own_strings_speak_nynorsk_swedish_and_danish(switcher, qtbot, language: str, cancel: str) -> None:
    """Qt ships qtbase_nn/sv/da.qm: they answer whatever our catalog does not, in a box made before the switch."""
    box = QDialogButtonBox(BUTTONS.Ok | BUTTONS.Cancel)
    qtbot.addWidget(box)
    line_edit = QLineEdit()
    qtbot.addWidget(line_edit)
    english_menu = menu_texts(line_edit)
    assert switcher.switch(language) == language
    qtbot.wait(20)  # Qt posts LanguageChange to the widgets
    assert load_qt_translator(language) is not None
    assert box.button(BUTTONS.Cancel).text().replace("&", "") == cancel
    assert (
        box.button(BUTTONS.Cancel).text() == expected("QPlatformTheme", "Cancel")
        or i18n.translate_optional("QPlatformTheme", "Cancel") is None
    )
    translated_menu = menu_texts(line_edit)
    assert len(translated_menu) == len(english_menu)
    assert set(translated_menu).isdisjoint({"&Copy", "Select All", "&Paste"})
    switcher.switch("en")
    qtbot.wait(20)
    assert box.button(BUTTONS.Cancel).text() == "Cancel"
