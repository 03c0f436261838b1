"""Certificates, progress reports and table lists are written in the document's language, not the UI's.

The texts go through the catalog of the document's language (``i18n.document_language``) while the messages
stay in the UI's. Checked through the text pypdf extracts from real PDFs: Bokmål against English everywhere, and
Swedish and Danish once their catalogs translate the words checked (skipped, saying so, until then).
"""

from __future__ import annotations

import gettext
import io
import threading
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from certificate_data import built_target, install_fake_completion
from cli_run import run_cli
from pypdf import PdfReader
from sqlalchemy import select

from tillitsleder import i18n
from tillitsleder.access import COORDINATOR
from tillitsleder.certificates.templates import get_template, save_template
from tillitsleder.completion.evaluation import evaluate_cohort
from tillitsleder.i18n import _, current_language, document_language, format_date, gettext_in, set_language
from tillitsleder.model import Cohort
from tillitsleder.reports.progress import ReportKind, ReportRequest, render_report
from tillitsleder.resources import resource_path
from tillitsleder.storage import Database, open_database

TODAY = date(2026, 11, 22)
NORDIC = ("sv", "da")


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages).split())


def translated(language: str, msgid: str) -> str:
    """``msgid`` in ``language``'s own catalog; skips the test while that language or its translation is missing
    (the sv and da catalogs are translated on their own)."""
    if language not in i18n.LANGUAGES:
        pytest.skip(f"{language} is not among the app's languages yet")
    catalog = gettext.translation(i18n.DOMAIN, localedir=str(resource_path("i18n")), languages=[language],
                                  fallback=True)  # fmt: skip
    text = catalog.gettext(msgid)
    if text == msgid:
        pytest.skip(f"the {language} catalog does not translate “{msgid}” yet")
    return text




# --- The per-document language --------------------------------------------------------------------------------


def test_document_language_translates_in_this_context_only_and_switches_nothing() -> None:
    set_language("en")
    heard: list[str] = []
    i18n.add_language_listener(heard.append)
    seen_elsewhere: list[str] = []
    try:
        with document_language("nb") as language:
            assert language == "nb" and current_language() == "nb"
            assert _("Verification code") == gettext_in("nb", "Verification code") != "Verification code"
            assert format_date(date(2026, 11, 22), "long") == "22. november 2026"
            worker = threading.Thread(target=lambda: seen_elsewhere.append(_("Verification code")))
            worker.start()
            while worker.is_alive():
                time.sleep(0.01)
        assert _("Verification code") == "Verification code" and current_language() == "en"
        assert format_date(date(2026, 11, 22), "long") == "22 November 2026"
        with document_language(None) as language:
            assert language == "en" and _("Verification code") == "Verification code"
    finally:
        i18n.remove_language_listener(heard.append)
    assert seen_elsewhere == ["Verification code"], "another thread keeps the UI's language"
    assert heard == [], "the UI's language was not switched"


# --- Progress reports ----------------------------------------------------------------------------------------


@pytest.fixture
def clock_day() -> date:
    return TODAY


@pytest.fixture
def report_db(demo_db) -> Database:
    return demo_db


@pytest.fixture
def finished(report_db: Database) -> tuple[int, int]:
    """The demo's finished cohort and one of its participants' enrolments."""
    with report_db.read() as s:
        cohort = s.scalar(select(Cohort.id).where(Cohort.end_date < TODAY))
    return cohort, evaluate_cohort(report_db, cohort, today=TODAY)[0].enrolment_id


def _report(db: Database, finished: tuple[int, int], language: str | None) -> str:
    request = ReportRequest(ReportKind.PARTICIPANT, finished[0], finished[1], TODAY, language=language)
    return pdf_text(render_report(db, request))


def test_a_report_is_written_in_its_own_language_whatever_the_ui_shows(report_db, finished) -> None:
    set_language("en")
    norwegian = _report(report_db, finished, "nb")
    assert gettext_in("nb", "Attendance per session") in norwegian and "Attendance per session" not in norwegian
    assert "Side 1 av" in norwegian and "Page 1 of" not in norwegian
    assert current_language() == "en" and _("Attendance per session") == "Attendance per session"
    set_language("nb")
    english = _report(report_db, finished, "en")
    assert "Attendance per session" in english and "Page 1 of" in english and "Side 1 av" not in english
    assert "Side 1 av" in _report(report_db, finished, None), "without a language: the UI's"


@pytest.mark.parametrize("language", NORDIC)
def test_a_report_in_swedish_or_danish_uses_that_catalog(report_db, finished, language: str) -> None:
    heading = translated(language, "Attendance per session")
    text = _report(report_db, finished, language)
    assert heading in text and gettext_in("nb", "Attendance per session") not in text


def test_the_report_command_takes_the_report_language(demo_target, report_db, finished, tmp_path: Path, capsys) -> None:
    target = tmp_path / "oversikt.pdf"
    code, out, err = run_cli(capsys, "report", "progress", "--cohort", str(finished[0]), "-o", str(target),
                         "--report-language", "nb", "--db", demo_target)  # fmt: skip
    assert code == 0, err
    assert "Cohort overview of" in out, "the message is in the UI's language"
    text = pdf_text(target.read_bytes())
    assert gettext_in("nb", "Cohort overview") in text and "Side 1 av" in text and "Page 1 of" not in text
    code, _out, err = run_cli(capsys, "report", "progress", "--cohort", "1", "-o", str(target), "--report-language",
                          "xx", "--db", demo_target)  # fmt: skip
    assert code == 2 and "--report-language" in err


# --- Table lists ---------------------------------------------------------------------------------------------


def test_table_lists_are_printed_in_the_chosen_language(
    demo_target, report_db, finished, tmp_path: Path, capsys
) -> None:
    from tillitsleder.table_day import plans
    from tillitsleder.table_day.table_lists import write_table_lists

    request = plans.TableDayRequest("Ledersamling", 6, date(2026, 12, 3), finished[0], (), ())
    view = plans.get_table_day(report_db, plans.save_table_day(report_db, plans.propose_table_day(report_db, request)))
    set_language("en")
    target = tmp_path / "bord.pdf"
    write_table_lists(view, target, language="nb")
    text = pdf_text(target.read_bytes())
    assert gettext_in("nb", "Where do I sit?") in text and "Where do I sit?" not in text
    assert "3. desember 2026" in text and _("Where do I sit?") == "Where do I sit?"
    code, out, err = run_cli(capsys, "tables", "print", "--day", str(view.id), "-o", str(target), "--report-language",
                         "en", "--lang", "nb", "--db", demo_target)  # fmt: skip
    assert code == 0, err
    assert "Where do I sit?" in pdf_text(target.read_bytes()) and view.name in out
    for language in NORDIC:
        if language in i18n.LANGUAGES and gettext.translation(
            i18n.DOMAIN, localedir=str(resource_path("i18n")), languages=[language], fallback=True
        ).gettext("Where do I sit?") != "Where do I sit?":
            write_table_lists(view, target, language=language)
            assert translated(language, "Where do I sit?") in pdf_text(target.read_bytes())


# --- Certificates --------------------------------------------------------------------------------------------


@pytest.fixture
def built_database(database_copy) -> tuple[str, dict]:
    return built_target(database_copy)


@pytest.fixture
def built(built_database) -> dict:
    return built_database[1]


@pytest.fixture
def db_target(built_database) -> str:
    return built_database[0]


@pytest.fixture
def cohort(db, built, monkeypatch):
    install_fake_completion(monkeypatch)
    return built


def _issue(capsys, db_target: str, out_dir: Path, language: str) -> tuple[str, list[str]]:
    code, out, err = run_cli(capsys, "certificates", "issue", "--cohort", "Kull 2017", "--out", str(out_dir),
                         "--certificate-language", language, "--db", db_target)  # fmt: skip
    assert code == 0, err
    return out, [pdf_text(path.read_bytes()) for path in sorted(out_dir.glob("*.pdf"))]


def test_certificates_are_issued_in_the_certificate_language(capsys, db, db_target: str, cohort, tmp_path) -> None:
    english = get_template(db, cohort["programme"], "en")
    save_template(db, replace(english, title="Certificate of Trust", place="Nordstrand"), actor=COORDINATOR)
    db.close()
    out, texts = _issue(capsys, db_target, tmp_path / "nb", "nb")
    assert "certificates issued for Kull 2017" in out, "the message is in the UI's language"
    assert texts and all(gettext_in("nb", "Verification code") in text for text in texts)
    assert all("Verification code" not in text and "13. desember 2018" in text for text in texts)
    reopened = open_database(db_target)
    try:  # a template per language: the default ones differ
        programme = cohort["programme"]
        assert get_template(reopened, programme, "nb").title != get_template(reopened, programme, "en").title
    finally:
        reopened.close()
    assert all("Certificate of Trust" not in text for text in texts), "the English template is not the Bokmål one"
    _out, texts = _issue(capsys, db_target, tmp_path / "en", "en")
    assert not texts, "everyone eligible holds a certificate now"



@pytest.mark.parametrize("language", NORDIC)
def test_certificates_in_swedish_or_danish_use_that_catalog_and_template(
    capsys, db, db_target: str, cohort, tmp_path, language: str
) -> None:
    label = translated(language, "Verification code")
    default = get_template(db, cohort["programme"], language)
    assert not default.saved and default.language == language
    save_template(db, replace(default, title=f"Kursbevis ({language})", place="Norrköping"), actor=COORDINATOR)
    assert get_template(db, cohort["programme"], "nb").title != f"Kursbevis ({language})", "one per language"
    db.close()
    _out, texts = _issue(capsys, db_target, tmp_path / language, language)
    assert texts and all(label in text and gettext_in("nb", "Verification code") not in text for text in texts)
    assert all(f"Kursbevis ({language})" in text and "Norrköping" in text for text in texts)
