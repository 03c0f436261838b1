"""Working days for scheduling: weekends and public holidays of the municipality's country (``holidays``).

The country is the municipality's (``Municipality.country``: NO, SE or DK); ``is_day_off(day, country)`` is the
one answer to "is this a working day" for series, conflict checks and the demo. Besides the statutory public
holidays, each country's municipal offices close on a few more days, which count as days off too:

- everywhere: Christmas Eve and New Year's Eve;
- Sweden: the de facto holidays Midsommarafton, Julafton and Nyårsafton (the ``holidays`` package's
  ``de_facto`` category);
- Denmark: Grundlovsdag (5 June), Juleaftensdag and Nytårsaften (from its ``optional`` category; 1 May is not
  a day off for the whole municipality, so it stays a working day).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

COUNTRIES = ("NO", "SE", "DK")
DEFAULT_COUNTRY = "NO"
OFFICE_CLOSED = {(12, 24), (12, 31)}
# Country → the ``holidays`` categories whose days municipal offices close, and the names kept from optional ones.
_CATEGORIES = {"NO": ("public",), "SE": ("public", "de_facto"), "DK": ("public", "optional")}
_OPTIONAL_KEPT = {"DK": ("Grundlovsdag", "Juleaftensdag", "Nytårsaften")}


def normalise_country(country: str | None) -> str:
    """``country`` in upper case when the app knows its holidays, else Norway's."""
    code = (country or "").strip().upper()
    return code if code in COUNTRIES else DEFAULT_COUNTRY


@cache
def _public_holidays(country: str, year: int) -> frozenset[date]:
    import holidays

    days = {date(year, month, day) for month, day in OFFICE_CLOSED}
    for category in _CATEGORIES[country]:
        found = holidays.country_holidays(country, years=year, categories=(category,), language=None)
        if category == "optional":
            kept = _OPTIONAL_KEPT.get(country, ())
            days.update(day for day, name in found.items() if any(part in kept for part in name.split("; ")))
        else:
            days.update(found)
    return frozenset(days)


def public_holidays(year: int, country: str | None = DEFAULT_COUNTRY) -> frozenset[date]:
    """The days besides weekends that the offices of a municipality in ``country`` are closed in ``year``."""
    return _public_holidays(normalise_country(country), year)


def is_day_off(day: date, country: str | None = DEFAULT_COUNTRY) -> bool:
    """Weekend, public holiday or a day the offices close, in the municipality's ``country``."""
    return day.weekday() >= 5 or day in public_holidays(day.year, country)


def next_working_day(day: date, country: str | None = DEFAULT_COUNTRY) -> date:
    """``day`` itself if it is a working day, else the first working day after it."""
    while is_day_off(day, country):
        day += timedelta(days=1)
    return day
