"""Translations and locale formatting for the core, the CLI, the PDFs and the Qt front end.

Gettext catalogs (domain ``tillitsleder``) live in ``resources/i18n/<lang>/LC_MESSAGES``. Source strings are
English; Norwegian Bokmål (``nb``) is the default language. Nothing here touches ``builtins``: modules import
``_``, ``N_``, ``ngettext`` and ``pgettext`` from here. Strings defined at import time are marked with ``N_``
(or ``NC_`` with a context) and translated where they are shown, so a language switch takes effect at once.

Dates and numbers are formatted by Babel for the current language, never by the system locale; every share
(attendance, a status weight, a minimum) by ``format_share``, which rounds down to 0.1 %.
"""

from __future__ import annotations

import gettext as _gettext
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_FLOOR, Decimal
from fractions import Fraction
from functools import lru_cache

from tillitsleder.resources import resource_path

DOMAIN = "tillitsleder"
DEFAULT_LANGUAGE = "nb"


@dataclass(frozen=True)
class Language:
    """One language the app speaks: its code, its name in itself, its Babel (and Qt) locale, the numeric date of
    its date editors in Qt's pattern letters (Babel's short date with a four-digit year) and its locale's week rule
    (Babel's first day of the week, 0 being Monday, and the days of the new year that make week 1). The last three
    are copied from Babel so that building a form does not load it; tests/core/test_languages.py keeps them equal.
    """

    code: str
    endonym: str
    locale: str
    date_edit: str
    first_weekday: int = 0
    min_week_days: int = 4


# THE list of languages, in the order pickers show them: every other module reads it from here (a test checks
# that no other module spells out a list of language codes).
_LANGUAGE_TABLE = (
    Language("nb", "Norsk bokmål", "nb_NO", "dd.MM.yyyy"),
    Language("nn", "Norsk nynorsk", "nn_NO", "dd.MM.yyyy"),
    Language("sv", "Svenska", "sv_SE", "yyyy-MM-dd"),
    Language("da", "Dansk", "da_DK", "dd.MM.yyyy"),
    Language("en", "English", "en_GB", "dd/MM/yyyy"),
)
# Language code → its name in that language (shown in language pickers as is).
LANGUAGES: dict[str, str] = {language.code: language.endonym for language in _LANGUAGE_TABLE}
BABEL_LOCALES: dict[str, str] = {language.code: language.locale for language in _LANGUAGE_TABLE}
# Codes a system locale or a user may give for a language of ours ("no" is Norwegian without a written standard).
_ALIASES = {"no": "nb", "nob": "nb", "nno": "nn", "swe": "sv", "dan": "da", "eng": "en"}
SHARE_STEPS = 1000  # shares are shown to 0.1 %, rounded down

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"
_listeners: list[Callable[[str], None]] = []
# A document written in its own language (see ``document_language``): (language, catalog), in this context only.
_document: ContextVar[tuple[str, _gettext.NullTranslations] | None] = ContextVar("document_language", default=None)


def available_languages() -> dict[str, str]:
    return dict(LANGUAGES)


def normalise_language(code: str | None) -> str:
    """Map ``nb_NO.UTF-8``, ``no``, ``nn-NO``, ``sv_SE`` … to a supported language; unknown codes give the
    default."""
    if not code:
        return DEFAULT_LANGUAGE
    base = code.replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
    base = _ALIASES.get(base, base)
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def set_language(code: str) -> str:
    """Switch every translated string and format to ``code``; returns the language actually used."""
    global _translations, _language
    lang = normalise_language(code)
    catalog_dir = resource_path("i18n")
    _translations = _gettext.translation(DOMAIN, localedir=str(catalog_dir), languages=[lang], fallback=True)
    _language = lang
    for listener in list(_listeners):
        listener(lang)
    return lang


def current_language() -> str:
    """The UI's language, or inside ``document_language`` the document's."""
    document = _document.get()
    return document[0] if document is not None else _language


def _active() -> _gettext.NullTranslations:
    document = _document.get()
    return document[1] if document is not None else _translations


def translation_for(language: str) -> _gettext.NullTranslations:
    """The catalog of ``language`` (cached), for text written in a language other than the UI's."""
    return _catalog_in(normalise_language(language))


@contextmanager
def document_language(language: str | None) -> Iterator[str]:
    """Write a document (a PDF, a report) in ``language``: inside the block ``_``, ``ngettext``, ``pgettext``,
    ``current_language`` and the formats use that language's catalog and locale, in this thread (context) only.
    The UI's language is not switched and no listener is called; ``None`` keeps the current language."""
    if not language:
        yield current_language()
        return
    lang = normalise_language(language)
    token = _document.set((lang, translation_for(lang)))
    try:
        yield lang
    finally:
        _document.reset(token)


def babel_locale() -> str:
    return BABEL_LOCALES[current_language()]


def add_language_listener(listener: Callable[[str], None]) -> None:
    """Call ``listener(lang)`` after every language switch (the Qt bridge uses this)."""
    _listeners.append(listener)


def remove_language_listener(listener: Callable[[str], None]) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def _(message: str) -> str:
    return _active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _active().pgettext(context, message)


@lru_cache(maxsize=8)
def _catalog_in(language: str) -> _gettext.NullTranslations:
    catalog_dir = resource_path("i18n")
    return _gettext.translation(DOMAIN, localedir=str(catalog_dir), languages=[language], fallback=True)


def gettext_in(language: str, message: str) -> str:
    """``message`` translated into ``language`` whatever the UI's language is (English source strings as is)."""
    return _catalog_in(normalise_language(language)).gettext(message)


def pgettext_in(language: str, context: str, message: str) -> str:
    """``message`` in ``context`` translated into ``language`` whatever the UI's language is."""
    return _catalog_in(normalise_language(language)).pgettext(context, message)


def translate_optional(context: str, message: str) -> str | None:
    """The translation of ``message`` in ``context``, or ``None`` if the catalog has none (for Qt's strings)."""
    missing = object()
    catalog = getattr(_translations, "_catalog", None)
    if catalog is None:
        return None
    found = catalog.get(f"{context}\x04{message}", missing)
    if found is missing or not found:
        return None
    return found  # type: ignore[return-value]


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name
    """Mark a string for extraction without translating it now."""
    return message


def NC_(context: str, message: str) -> str:  # noqa: N802
    """Mark a string with a context for extraction without translating it now."""
    return message


# --- Locale formatting (Babel is imported lazily: the first window does not need it) -------------------
#
# One format for each kind of value a person reads; nothing outside this module calls Babel or strftime for
# text (tests/core/test_formats.py checks). ``language`` formats in another language than the UI's (a
# certificate or a summary is written in its own language). Data files (CSV, XLSX, ICS, JSON) keep ISO dates.

DATE_STYLES = ("medium", "long", "full")


def _locale(language: str | None) -> str:
    return BABEL_LOCALES[normalise_language(language)] if language else babel_locale()


def format_date(value: date | datetime | None, style: str = "medium", language: str | None = None) -> str:
    """A date: "1. sep. 2025" (nb), "1 Sept 2025" (en). ``style`` "long" ("1. september 2025") is for printed
    documents, "full" ("mandag 1. september 2025") for a heading that names the weekday."""
    if value is None:
        return ""
    if style not in DATE_STYLES:
        raise ValueError(f"unknown date style {style!r}")
    from babel.dates import format_date as _fmt

    return _fmt(value, format=style, locale=_locale(language))


def format_short_date(value: date | datetime | None, language: str | None = None) -> str:
    """A date without its year where a grid's columns are narrow: "1.9." (nb), "01/09" (en)."""
    if value is None:
        return ""
    from babel.dates import format_skeleton

    return format_skeleton("Md", value, locale=_locale(language))


def format_month(value: date | None, abbreviated: bool = False, with_year: bool = True) -> str:
    """A month: "september 2025", abbreviated "sep. 2025"; without the year "sep" (a column over a year)."""
    if value is None:
        return ""
    from babel.dates import format_skeleton

    skeleton = ("MMM" if abbreviated else "MMMM") if not with_year else ("yMMM" if abbreviated else "yMMMM")
    return format_skeleton(skeleton, value, locale=babel_locale())


def format_datetime(value: datetime | None, language: str | None = None) -> str:
    """A date with its time: the date as ``format_date`` writes it and the time to the minute,
    "11. sep. 2025, 09:00" (nb), "11 Sept 2025, 09:00" (en)."""
    if value is None:
        return ""
    from babel import Locale

    locale = _locale(language)
    pattern = Locale.parse(locale).datetime_formats["medium"]
    return pattern.replace("{1}", format_date(value, "medium", language)).replace(
        "{0}", format_time(value, language=language)
    )


def format_time(value, language: str | None = None) -> str:
    """A time of day to the minute: "09:00"."""
    if value is None:
        return ""
    from babel.dates import format_time as _fmt

    return _fmt(value, format="short", locale=_locale(language))


# The numeric date of each language in Qt's pattern letters (see ``Language``).
DATE_EDIT_FORMATS: dict[str, str] = {language.code: language.date_edit for language in _LANGUAGE_TABLE}


def date_edit_format(language: str | None = None) -> str:
    """The display format of a date editor: "dd.MM.yyyy" (nb, nn, da), "yyyy-MM-dd" (sv), "dd/MM/yyyy" (en)."""
    return DATE_EDIT_FORMATS[normalise_language(language) if language else _language]


def _entry(language: str | None) -> Language:
    code = normalise_language(language) if language else _language
    return next(entry for entry in _LANGUAGE_TABLE if entry.code == code)


def first_weekday(language: str | None = None) -> int:
    """The first day of the week where the language is spoken (Babel's): 0 is Monday … 6 Sunday."""
    return _entry(language).first_weekday


def iso_week_numbers(language: str | None = None) -> bool:
    """Whether the language's locale numbers weeks as ISO 8601 does (weeks start on Monday and week 1 holds
    4 January), as Qt's calendar numbers them: then the calendar shows week numbers."""
    entry = _entry(language)
    return (entry.first_weekday, entry.min_week_days) == (0, 4)


def week_number(value: date | datetime, language: str | None = None) -> int:
    """The week of the year ``value`` falls in, as the language's locale counts weeks (ISO in all of ours)."""
    from babel.dates import format_date as _fmt

    return int(_fmt(value, format="w", locale=_locale(language)))


def format_number(value: int | float | Decimal | None, language: str | None = None) -> str:
    if value is None:
        return ""
    from babel.numbers import format_decimal

    if isinstance(value, Decimal) and value == value.to_integral():
        value = value.quantize(Decimal(1))
    return format_decimal(value, locale=_locale(language))


def format_hours(value: int | float | Decimal | None, unit: bool = True, language: str | None = None) -> str:
    """Hours: "12,5 t" (nb), "12.5 hrs" (en); ``unit=False`` gives the number alone for a column headed
    "Hours"."""
    if value is None:
        return ""
    if not unit:
        return format_number(value, language)
    from babel.units import format_unit

    if isinstance(value, Decimal) and value == value.to_integral():
        value = value.quantize(Decimal(1))
    return format_unit(value, "duration-hour", length="short", locale=_locale(language))


def format_percent(value: Fraction | Decimal | float | int | None, missing: str = "") -> str:
    """A plain percentage (not an attendance share: see ``format_share``), from a fraction, rounded to a whole
    per cent in the language's format: 0.973 gives "97 %" (nb), "97%" (en)."""
    if value is None:
        return missing
    from babel.numbers import format_percent as _fmt

    return _fmt(Decimal(str(float(value))) if isinstance(value, Fraction | float) else value, locale=babel_locale())


def percent_suffix() -> str:
    """The suffix of a spin box that holds a percentage, as the language writes it: " %" (nb), "%" (en)."""
    from babel import Locale

    pattern = Locale.parse(babel_locale()).percent_formats[None].pattern  # "#,##0 %", "#,##0%"
    return pattern[pattern.rindex("0") + 1 :].replace("\u00a0", " ")


def floor_share(value: Fraction | Decimal | float | int) -> Decimal:
    """A share (a fraction: 0.974 is 97.4 %) rounded *down* to 0.1 %, exactly: 0.7996 gives 0.799."""
    if isinstance(value, Fraction):
        return Decimal(math.floor(value * SHARE_STEPS)) / SHARE_STEPS
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return (exact * SHARE_STEPS).to_integral_value(ROUND_FLOOR) / SHARE_STEPS


def format_share(
    value: Fraction | Decimal | float | int | None, missing: str = "", language: str | None = None
) -> str:
    """A share as a percentage with at most one decimal, rounded *down* so rounding never shows anyone as
    reaching a minimum they do not reach: 0.7996 gives "79,9 %" in nb and "79.9%" in en, 0.8 gives "80 %".

    The one formatter for attendance shares, weights and minimums; ``missing`` is shown for ``None``.
    """
    if value is None:
        return missing
    return _format_share(floor_share(value), _locale(language))


@lru_cache(maxsize=4096)
def _format_share(floored: Decimal, locale: str) -> str:
    from babel import Locale
    from babel.numbers import format_percent

    pattern = Locale.parse(locale).percent_formats[None].pattern  # "#,##0 %" (nb), "#,##0%" (en)
    return format_percent(floored, format=pattern.replace("0", "0.#", 1), locale=locale)
