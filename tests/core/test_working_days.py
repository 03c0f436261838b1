"""Working days: weekends, Norwegian and Swedish public holidays, and the days offices close."""

from __future__ import annotations

from datetime import date

import pytest

from tillitsleder.sessions.working_days import is_day_off, next_working_day


@pytest.mark.parametrize(
    ("day", "off"),
    [
        (date(2026, 5, 17), True),  # Grunnlovsdag (a Sunday too)
        (date(2027, 5, 17), True),  # Grunnlovsdag on a Monday
        (date(2026, 4, 2), True),  # Skjærtorsdag
        (date(2026, 12, 24), True),  # Julaften: offices close
        (date(2026, 11, 23), False),  # an ordinary Monday
        (date(2026, 11, 22), True),  # Sunday
    ],
)
def test_norwegian_days_off(day: date, off: bool) -> None:
    assert is_day_off(day) is off


def test_swedish_national_day_is_off_only_in_sweden() -> None:
    tuesday = date(2028, 6, 6)
    assert is_day_off(tuesday, "SE") is True
    assert is_day_off(tuesday, "NO") is False


def test_next_working_day_skips_easter() -> None:
    assert next_working_day(date(2026, 4, 2)) == date(2026, 4, 7)
    assert next_working_day(date(2026, 11, 23)) == date(2026, 11, 23)
