"""Translations and locale formatting: catalogs complete and consistent, formats follow the language."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from babel.messages.pofile import read_po
from catalog_status import language_params

from tillitsleder import i18n
from tillitsleder.errors import NotATillitslederDatabase
from tillitsleder.i18n import N_, _, format_date, format_number, format_share, ngettext
from tillitsleder.resources import resource_path

PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\(\w+\)[sdr]|%[sdr]")


def _catalog(lang: str):
    with resource_path("i18n", lang, "LC_MESSAGES", "tillitsleder.po").open("rb") as handle:
        return read_po(handle, locale=lang)


@pytest.mark.parametrize("lang", language_params())
def test_catalog_is_complete_and_placeholders_match(lang: str) -> None:
    catalog = _catalog(lang)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(("untranslated", ids[0]))
            continue
        # A plural form may leave out the count ("the other row" / "the other {n} rows"), never add a field.
        required = set(PLACEHOLDER.findall(ids[0]))
        allowed = set(PLACEHOLDER.findall(ids[-1])) | required
        for string in strings:
            found = set(PLACEHOLDER.findall(string))
            if not required - {"{n}"} <= found <= allowed or (len(ids) == 1 and found != required):
                problems.append(("placeholders", ids[0], string))
    assert problems == []
    assert len(catalog) > 100


def test_compiled_catalogs_are_not_older_than_sources() -> None:
    for lang in i18n.LANGUAGES:
        po = resource_path("i18n", lang, "LC_MESSAGES", "tillitsleder.po")
        assert po.with_suffix(".mo").stat().st_mtime >= po.stat().st_mtime - 1


def test_switching_language_changes_messages_and_plurals() -> None:
    i18n.set_language("nb")
    assert _("Programmes") == "Programmer"
    assert ngettext("{n} participant", "{n} participants", 1).format(n=1) == "1 deltaker"
    assert ngettext("{n} participant", "{n} participants", 40).format(n=40) == "40 deltakere"
    i18n.set_language("en")
    assert _("Programmes") == "Programmes"


def test_errors_translate_when_shown_not_when_raised() -> None:
    english = "“x.txt” is not a Tillitsleder database."
    error = NotATillitslederDatabase(N_("“{path}” is not a Tillitsleder database."), path="x.txt")
    assert str(error) == english
    i18n.set_language("nb")
    assert "x.txt" in str(error) and "Tillitsleder" in str(error) and str(error) != english


def test_dates_and_numbers_follow_the_language_not_the_system_locale() -> None:
    day = date(2027, 1, 19)
    i18n.set_language("nb")
    assert format_date(day, "long") == "19. januar 2027"
    assert format_number(1234.5) == "1\xa0234,5"
    assert format_share(0.85) == "85\xa0%"
    i18n.set_language("en")
    assert format_date(day, "long") == "19 January 2027"
    assert format_number(1234.5) == "1,234.5"
    assert format_share(0.85) == "85%"


def test_datetime_formatting_uses_the_given_zone() -> None:
    moment = datetime(2027, 1, 19, 8, 30, tzinfo=ZoneInfo("Europe/Oslo"))
    i18n.set_language("nb")
    assert "08:30" in i18n.format_datetime(moment, "short")


@pytest.mark.parametrize(
    ("given", "expected"),
    [("nb_NO.UTF-8", "nb"), ("no", "nb"), ("nn", "nn"), ("en-GB", "en"), ("de", "nb"), (None, "nb"), ("", "nb")],
)
def test_language_codes_are_normalised(given: str | None, expected: str) -> None:
    assert i18n.normalise_language(given) == expected
