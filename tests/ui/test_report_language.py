"""The “Progress reports” tab writes the report in the language chosen beside it, not the app's: the chooser
follows the app's language until the user picks one, and the PDF's text (pypdf) is in the chosen language."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from tillitsleder.i18n import gettext_in


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.fixture
def page(certificates_page):
    return certificates_page


def test_the_report_is_written_in_the_chosen_language(qtbot, page, switcher) -> None:
    tab = page.reports
    page.tabs.setCurrentWidget(tab)
    assert tab.language.isVisible() and tab.report_language() == "en"
    assert tab.language_label.buddy() is tab.language and "&" in tab.language_label.text()
    switcher.switch("nb")  # the app switches: the chooser follows while the user has not picked a language
    qtbot.waitUntil(lambda: tab.language_label.text() == gettext_in("nb", "Report &language:"))
    assert tab.report_language() == "nb"
    tab.kind.setCurrentIndex(tab.kind.findData("cohort"))
    tab.language.setFocus()
    tab.language.showPopup()  # the user picks English with the keyboard
    qtbot.keyClick(tab.language.view(), Qt.Key.Key_End)
    qtbot.keyClick(tab.language.view(), Qt.Key.Key_Return)
    assert tab.report_language() == "en"
    switcher.switch("en")
    qtbot.waitUntil(lambda: tab.language_label.text() == "Report &language:")
    switcher.switch("nb")
    qtbot.waitUntil(lambda: tab.language_label.text() == gettext_in("nb", "Report &language:"))
    assert tab.report_language() == "en", "a language the user picked stays"
    with qtbot.waitSignal(tab.generated, timeout=30_000):
        tab.generate()
    text = pdf_text(tab.pdf_bytes)
    assert "Cohort overview" in text and "Page 1 of" in text and "Side 1 av" not in text
    assert "sider" in tab.status.text(), "the status is in the app's language"
    qtbot.wait(1000)  # the viewer draws its pages on a thread of its own
    page.grab().save("/tmp/report-language-tab.png")
    tab.set_report_language("nb")
    with qtbot.waitSignal(tab.generated, timeout=30_000):
        tab.generate()
    assert "Side 1 av" in pdf_text(tab.pdf_bytes)
