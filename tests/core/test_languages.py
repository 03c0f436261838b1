"""The five languages, fixed in one place (``tillitsleder.i18n``), and each one's dates, numbers and weeks from Babel.

The command line's ``--lang``, ``$TILLITSLEDER_LANG`` and the settings accept exactly ``i18n.LANGUAGES``; no other
module spells out a list (or a per-language table) of language codes.
"""

from __future__ import annotations

import ast
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from tillitsleder import i18n
from tillitsleder.cli import main

ROOT = Path(__file__).resolve().parents[2]
CODES = ("nb", "nn", "sv", "da", "en")
DAY = date(2026, 11, 22)  # a Sunday, in ISO week 47
NBSP = "\u00a0"


def test_the_five_languages_their_names_and_locales() -> None:
    assert tuple(i18n.LANGUAGES) == CODES
    assert i18n.LANGUAGES == {
        "nb": "Norsk bokmål",
        "nn": "Norsk nynorsk",
        "sv": "Svenska",
        "da": "Dansk",
        "en": "English",
    }
    assert i18n.BABEL_LOCALES == {"nb": "nb_NO", "nn": "nn_NO", "sv": "sv_SE", "da": "da_DK", "en": "en_GB"}
    assert set(i18n.DATE_EDIT_FORMATS) == set(CODES)
    assert i18n.available_languages() == i18n.LANGUAGES


@pytest.mark.parametrize(
    ("given", "expected"),
    [("nn_NO.UTF-8", "nn"), ("nn-NO", "nn"), ("sv_SE.UTF-8", "sv"), ("sv", "sv"), ("da_DK", "da"), ("da", "da"),
     ("nb", "nb"), ("no_NO", "nb"), ("en_US.UTF-8", "en"), ("sv_FI.UTF-8@euro", "sv"), ("fi_FI", "nb")],
)  # fmt: skip
def test_system_locales_map_to_our_languages(given: str, expected: str) -> None:
    assert i18n.normalise_language(given) == expected


@pytest.mark.parametrize("language", CODES)
def test_the_command_line_and_the_environment_accept_every_language(capsys, monkeypatch, tmp_path, language) -> None:
    monkeypatch.setenv("TILLITSLEDER_LANG", "en")
    missing = str(tmp_path / "nope.sqlite3")
    assert main(["check", "--lang", language, "--db", missing]) == 5
    assert i18n.current_language() == language
    monkeypatch.setenv("TILLITSLEDER_LANG", language)
    assert main(["check", "--db", missing]) == 5
    assert i18n.current_language() == language
    capsys.readouterr()


def test_the_command_line_refuses_another_language(capsys, monkeypatch) -> None:
    monkeypatch.setenv("TILLITSLEDER_LANG", "en")
    with pytest.raises(SystemExit) as exit_:
        main(["check", "--lang", "fi"])
    assert exit_.value.code == 2
    assert "'nb', 'nn', 'sv', 'da', 'en'" in capsys.readouterr().err


# --- formats -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "long", "medium", "full"),
    [
        ("sv", "22 november 2026", "22 nov. 2026", "söndag 22 november 2026"),
        ("da", "22. november 2026", "22. nov. 2026", "søndag den 22. november 2026"),
        ("nn", "22. november 2026", "22. nov. 2026", "søndag 22. november 2026"),
        ("nb", "22. november 2026", "22. nov. 2026", "søndag 22. november 2026"),
        ("en", "22 November 2026", "22 Nov 2026", "Sunday, 22 November 2026"),
    ],
)
def test_dates_in_each_language(language: str, long: str, medium: str, full: str) -> None:
    i18n.set_language(language)
    assert i18n.format_date(DAY, "long") == long
    assert i18n.format_date(DAY, "medium") == medium
    assert i18n.format_date(DAY, "full") == full
    assert i18n.format_date(DAY, "long", language=language) == long
    i18n.set_language("en" if language != "en" else "nb")
    assert i18n.format_date(DAY, "long", language=language) == long  # a document in its own language


@pytest.mark.parametrize(
    ("language", "short", "month", "moment", "edit"),
    [
        ("sv", "22/11", "november 2026", "22 nov. 2026 09:05", "yyyy-MM-dd"),
        ("da", "22.11", "november 2026", "22. nov. 2026 09.05", "dd.MM.yyyy"),
        ("nn", "22.11.", "november 2026", "22. nov. 2026, 09:05", "dd.MM.yyyy"),
    ],
)
def test_short_dates_months_times_and_date_editors(language, short, month, moment, edit) -> None:
    i18n.set_language(language)
    assert i18n.format_short_date(DAY) == short
    assert i18n.format_month(DAY) == month
    assert i18n.format_datetime(datetime(2026, 11, 22, 9, 5)) == moment
    assert i18n.date_edit_format() == edit


@pytest.mark.parametrize("language", ["sv", "da", "nn"])
def test_numbers_and_shares_in_the_nordic_languages(language: str) -> None:
    i18n.set_language(language)
    assert i18n.format_share(Fraction(974, 1000)) == f"97,4{NBSP}%"
    assert i18n.format_share(0.97499) == f"97,4{NBSP}%"  # rounded down, never up to a minimum not reached
    assert i18n.format_share(0.8) == f"80{NBSP}%"
    assert i18n.format_percent(Fraction(973, 1000)) == f"97{NBSP}%"
    assert i18n.percent_suffix() == " %"
    assert i18n.format_number(Decimal("1234.5")) in (f"1{NBSP}234,5", "1\u202f234,5", "1.234,5")
    assert i18n.format_number(12) == "12"
    assert i18n.format_hours(Decimal("12.5"), unit=False) == "12,5"
    assert i18n.format_hours(Decimal("12.5")).startswith("12,5")


def test_numbers_group_thousands_as_each_language_does() -> None:
    assert i18n.format_number(1234.5, language="sv") == f"1{NBSP}234,5"
    assert i18n.format_number(1234.5, language="da") == "1.234,5"
    assert i18n.format_number(1234.5, language="nn") == f"1{NBSP}234,5"
    assert " ".join(i18n.format_hours(Decimal("12.5"), language="sv").split()) == "12,5 tim"
    assert " ".join(i18n.format_hours(Decimal("12.5"), language="da").split()) == "12,5 t."
    assert i18n.format_share(0.974, language="en") == "97.4%"


@pytest.mark.parametrize("language", CODES)
def test_the_week_rule_of_each_language_is_babel_s(language: str) -> None:
    from babel import Locale

    locale = Locale.parse(i18n.BABEL_LOCALES[language])
    assert i18n.first_weekday(language) == locale.first_week_day
    assert i18n.iso_week_numbers(language) == ((locale.first_week_day, locale.min_week_days) == (0, 4))


@pytest.mark.parametrize("language", CODES)
def test_weeks_start_on_monday_and_are_numbered_as_iso_in_every_language(language: str) -> None:
    i18n.set_language(language)
    assert i18n.first_weekday() == 0
    assert i18n.iso_week_numbers()
    assert i18n.week_number(DAY) == DAY.isocalendar().week == 47
    assert i18n.week_number(date(2027, 1, 1)) == 53  # a Friday: still the last week of 2026
    assert i18n.week_number(date(2027, 1, 4)) == 1


# --- one place -----------------------------------------------------------------------------------------------------


def _language_lists(tree: ast.AST) -> list[int]:
    """Lines of list/tuple/set literals and dict literals keyed by two or more of our language codes."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            items = node.elts
        elif isinstance(node, ast.Dict):
            items = [key for key in node.keys if key is not None]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            words = node.value.replace(",", " ").split()
            lines += [node.lineno] if len(words) >= 3 and set(words) <= set(CODES) else []
            continue
        else:
            continue
        codes = {item.value for item in items if isinstance(item, ast.Constant) and item.value in CODES}
        if len(codes) >= 2:
            lines.append(node.lineno)
    return lines


def test_no_other_module_hard_codes_a_list_of_languages() -> None:
    """``--lang``, the settings' chooser, the screenshots, the catalog script, Qt's locales: all read
    ``i18n.LANGUAGES`` (and its tables), so a language is added or removed in one place."""
    offenders = []
    for folder in ("tillitsleder", "ui", "scripts", "benchmarks", "installer"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path == ROOT / "tillitsleder" / "i18n.py":
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            offenders += [f"{path.relative_to(ROOT)}:{line}" for line in _language_lists(tree)]
    assert offenders == [], "read the languages from tillitsleder.i18n instead:\n" + "\n".join(offenders)


@pytest.mark.parametrize(
    "source",
    [
        'for language in ("nb", "en"): pass',
        'X = ["sv", "da"]',
        'X = {"nb": 1, "nn": 2}',
        'p.add_argument(choices="nb nn en")',
    ],
)
def test_the_check_sees_a_list_of_languages(source: str) -> None:
    assert _language_lists(ast.parse(source)) == [1]
    assert _language_lists(ast.parse('X = ("nb", "NO")\nY = {"en": 1}')) == []
