"""One format for each kind of value a person reads, from ``tillitsleder.i18n`` — and nothing else formats them.

The scan reads every module of ``tillitsleder/`` and ``ui/`` with ``ast``: Babel's dates, numbers and units and
``strftime`` may be used only in ``tillitsleder/i18n.py`` and in the data writers listed below (an ISO or
iCalendar stamp in a file is data, not text for a person). ``.isoformat()`` in ``ui/`` only where it is no text.
"""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime, time
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from tillitsleder import i18n
from tillitsleder.i18n import (
    date_edit_format,
    format_date,
    format_datetime,
    format_hours,
    format_month,
    format_number,
    format_percent,
    format_share,
    format_short_date,
    format_time,
    percent_suffix,
)

ROOT = Path(__file__).resolve().parents[2]
FORMATTER = "tillitsleder/i18n.py"
# Files that write data, not text for a person: each may use strftime for exactly that.
DATA_WRITERS = {
    "tillitsleder/facilitators/calendar_file.py": "iCalendar UTC stamps (DTSTART…Z)",
    "tillitsleder/first_screen/reader.py": "the SQLite storage format of a datetime parameter",
    "tillitsleder/storage/backup.py": "a backup file's name",
    "tillitsleder/storage/backups.py": "a backup file's name",
}
# ``.isoformat()`` in the UI, where it is no text for a person.
UI_ISO_ALLOWED = {
    "ui/journal/export.py": "the suggested file name of an export",
    "ui/reports/completion_model.py": "a sort key",
}
BABEL_FORMATTING = ("babel.dates", "babel.numbers", "babel.units")


def offences(source: str, relative: str) -> list[str]:
    """(what, line) of every direct Babel formatting import, strftime call and — in ``ui/`` — isoformat call."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(BABEL_FORMATTING):
            found.append(f"{relative}:{node.lineno}: from {node.module} import …")
        elif isinstance(node, ast.ImportFrom) and node.module == "babel" and any(
            alias.name in ("dates", "numbers", "units") for alias in node.names
        ):
            found.append(f"{relative}:{node.lineno}: from babel import …")
        elif isinstance(node, ast.Import) and any(alias.name.startswith(BABEL_FORMATTING) for alias in node.names):
            found.append(f"{relative}:{node.lineno}: import babel…")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "strftime" and relative not in DATA_WRITERS:
                found.append(f"{relative}:{node.lineno}: .strftime()")
            elif node.func.attr == "isoformat" and relative.startswith("ui/") and relative not in UI_ISO_ALLOWED:
                found.append(f"{relative}:{node.lineno}: .isoformat()")
    return found


def test_only_i18n_formats_dates_and_numbers() -> None:
    found: list[str] = []
    for package in ("tillitsleder", "ui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative == FORMATTER or "/migrations/" in relative:
                continue
            found += offences(path.read_text(encoding="utf-8"), relative)
    assert found == [], "format through tillitsleder.i18n (format_date, format_datetime …):\n" + "\n".join(found)


@pytest.mark.parametrize(
    "source",
    [
        "from babel.dates import format_date",
        "from babel.numbers import format_decimal as f",
        "import babel.dates",
        "from babel import numbers",
        "x = day.strftime('%d.%m.%Y')",
    ],
)
def test_the_scan_finds_direct_formatting(source: str) -> None:
    assert offences(source, "tillitsleder/anything.py")


def test_the_scan_finds_iso_text_in_the_ui_but_allows_the_data_writers() -> None:
    assert offences("label.setText(day.isoformat())", "ui/anything.py")
    assert offences("x = day.isoformat()", "tillitsleder/journal/export.py") == []
    assert offences("stamp = moment.strftime('%Y%m%dT%H%M%SZ')", "tillitsleder/storage/backups.py") == []
    assert offences("from babel import Locale", "ui/anything.py") == []


DAY = date(2025, 9, 1)
MOMENT = datetime(2025, 9, 11, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "nb",
            ["1. sep. 2025", "1. september 2025", "11. sep. 2025, 09:00", "1.9.", "september 2025", "sep. 2025",
             "sep", "09:00", "dd.MM.yyyy"],
        ),
        (
            "en",
            ["1 Sept 2025", "1 September 2025", "11 Sept 2025, 09:00", "01/09", "September 2025", "Sept 2025",
             "Sept", "09:00", "dd/MM/yyyy"],
        ),
    ],
)
def test_one_format_for_each_kind_of_date(language: str, expected: list[str]) -> None:
    i18n.set_language(language)
    assert [
        format_date(DAY),
        format_date(DAY, "long"),
        format_datetime(MOMENT),
        format_short_date(DAY),
        format_month(DAY),
        format_month(DAY, abbreviated=True),
        format_month(DAY, abbreviated=True, with_year=False),
        format_time(time(9, 0)),
        date_edit_format(),
    ] == expected


def test_the_date_editors_formats_are_babel_s_numeric_dates() -> None:
    from babel import Locale

    for language, locale in i18n.BABEL_LOCALES.items():
        pattern = Locale.parse(locale).date_formats["short"].pattern  # "dd.MM.y", "dd/MM/y"
        assert i18n.DATE_EDIT_FORMATS[language] == pattern.replace("y", "yyyy")


def test_a_date_and_a_date_with_its_time_write_the_date_alike() -> None:
    for language in ("nb", "en"):
        i18n.set_language(language)
        assert format_datetime(MOMENT).startswith(format_date(MOMENT.date()))


def test_styles_other_than_the_named_ones_are_refused() -> None:
    for style in ("short", "d.M", "yyyy-MM-dd"):
        with pytest.raises(ValueError):
            format_date(DAY, style)


def test_percentages_and_hours_in_both_languages() -> None:
    i18n.set_language("nb")
    assert format_percent(Fraction(973, 1000)) == "97\u00a0%"
    assert format_share(Decimal("0.973")) == "97,3\u00a0%"
    assert percent_suffix() == " %"
    assert (format_hours(Decimal("12.50")), format_hours(Decimal("12.00"))) == ("12,5 t", "12 t")
    assert format_hours(Decimal("12.50"), unit=False) == "12,5"
    i18n.set_language("en")
    assert format_percent(0.973) == "97%"
    assert format_share(Decimal("0.973")) == "97.3%"
    assert percent_suffix() == "%"
    assert format_hours(Decimal("12.5")) == "12.5 hrs"
    assert format_number(Decimal("3.000")) == "3"


def test_another_language_than_the_ui_s() -> None:
    i18n.set_language("en")
    assert format_date(DAY, "long", language="nb") == "1. september 2025"
    assert format_number(Decimal("2.5"), language="nb") == "2,5"
    assert i18n.gettext_in("nb", "Present") == "Til stede"
    assert format_date(DAY) == "1 Sept 2025"
