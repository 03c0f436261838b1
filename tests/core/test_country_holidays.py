"""The municipality's country decides working days: Swedish and Danish holidays in series and conflict checks."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import insert

from tillitsleder import model as m
from tillitsleder.sessions import scheduling as svc
from tillitsleder.sessions.conflicts import ConflictKind
from tillitsleder.sessions.series import HolidayRule, Repeat, SeriesPattern, series_days
from tillitsleder.sessions.working_days import is_day_off, next_working_day, normalise_country, public_holidays
from tillitsleder.storage import Database


@pytest.mark.parametrize(
    ("day", "country", "off"),
    [
        (date(2026, 6, 19), "SE", True),  # Midsommarafton (a Friday): offices close
        (date(2026, 6, 19), "NO", False),
        (date(2026, 6, 19), "DK", False),
        (date(2028, 6, 6), "SE", True),  # Nationaldagen on a Tuesday
        (date(2028, 6, 6), "DK", False),
        (date(2026, 1, 6), "SE", True),  # Trettondedag jul
        (date(2026, 1, 6), "NO", False),
        (date(2026, 4, 2), "SE", False),  # Skärtorsdagen is a working day in Sweden …
        (date(2026, 4, 2), "DK", True),  # … but not in Denmark (Skærtorsdag) or Norway
        (date(2026, 6, 5), "DK", True),  # Grundlovsdag (a Friday)
        (date(2026, 6, 5), "SE", False),
        (date(2026, 5, 1), "DK", False),  # 1 May: a working day in Danish municipalities
        (date(2026, 5, 1), "SE", True),
        (date(2026, 5, 25), "DK", True),  # Anden pinsedag
        (date(2026, 5, 25), "SE", False),  # Annandag pingst is no holiday in Sweden
        (date(2026, 5, 17), "DK", True),  # a Sunday
        (date(2028, 5, 17), "DK", False),  # Norway's Grunnlovsdag is a Wednesday like any other in Denmark
        (date(2028, 5, 17), "NO", True),
        (date(2026, 12, 24), "DK", True),
        (date(2026, 12, 31), "SE", True),
        (date(2026, 11, 23), "SE", False),
    ],
)
def test_days_off_follow_the_country(day: date, country: str, off: bool) -> None:
    assert is_day_off(day, country) is off


def test_countries_are_normalised_and_unknown_ones_fall_back_to_norway() -> None:
    assert normalise_country("se") == "SE"
    assert normalise_country(" dk ") == "DK"
    assert normalise_country(None) == normalise_country("FI") == "NO"
    assert is_day_off(date(2028, 5, 17), "xx") is True  # Norway's Grunnlovsdag
    assert date(2026, 6, 19) in public_holidays(2026, "se")


def test_next_working_day_after_midsummer_and_constitution_day() -> None:
    assert next_working_day(date(2026, 6, 19), "SE") == date(2026, 6, 22)
    assert next_working_day(date(2026, 6, 5), "DK") == date(2026, 6, 8)
    assert next_working_day(date(2026, 6, 5), "NO") == date(2026, 6, 5)


def test_series_days_skip_the_countrys_holidays() -> None:
    fridays = SeriesPattern(Repeat.WEEKLY, 1, count=3)
    swedish = series_days(date(2026, 6, 12), fridays, "SE")
    assert [d.day for d in swedish if d.skipped] == [date(2026, 6, 19)]
    assert [d.day for d in swedish if not d.skipped] == [
        date(2026, 6, 12), date(2026, 6, 26), date(2026, 7, 3),
    ]  # fmt: skip
    assert [d.day for d in series_days(date(2026, 6, 12), fridays, "NO")] == [
        date(2026, 6, 12), date(2026, 6, 19), date(2026, 6, 26),
    ]  # fmt: skip
    danish = series_days(date(2026, 5, 29), fridays, "DK")
    assert [d.day for d in danish if d.skipped] == [date(2026, 6, 5)]


def _organisation(db: Database, country: str) -> tuple[int, int]:
    """A municipality in ``country`` with a programme over 2026–2027 and one cohort: (cohort id, programme id)."""
    with db.session() as s:

        def add(model, **values) -> int:
            return s.execute(insert(model).values(**values).returning(model.id)).scalar_one()

        municipality = add(m.Municipality, name=f"Kommun {country}", country=country, timezone="Europe/Stockholm")
        programme = add(
            m.Programme, municipality_id=municipality, name="Tillit", start_date=date(2026, 1, 5),
            end_date=date(2027, 6, 20), timezone="Europe/Stockholm",
        )  # fmt: skip
        return add(m.Cohort, programme_id=programme, name=f"Omgång {country}", start_date=date(2026, 1, 5)), programme


def _plan(cohort: int, day: date) -> svc.SessionPlan:
    return svc.SessionPlan(cohort, day, time(9), time(12), title="Tematräff")


def test_a_swedish_municipalitys_series_skips_midsommarafton_and_nationaldagen(db: Database) -> None:
    cohort, _programme = _organisation(db, "SE")
    fridays = svc.schedule_series(db, _plan(cohort, date(2026, 6, 12)), SeriesPattern(Repeat.WEEKLY, 1, count=3))
    assert fridays.skipped_days == (date(2026, 6, 19),)
    days = [svc.session_details(db, i).plan.day for i in fridays.session_ids]
    assert days == [date(2026, 6, 12), date(2026, 6, 26), date(2026, 7, 3)]
    preview = svc.preview_series(db, _plan(cohort, date(2027, 5, 31)), SeriesPattern(Repeat.WEEKLY, 1, count=2))
    assert [(o.day, o.skipped) for o in preview] == [
        (date(2027, 5, 31), False), (date(2027, 6, 7), False),  # Mondays: 6 June 2027 (Nationaldagen) is a Sunday
    ]  # fmt: skip
    national_day = svc.preview_series(db, _plan(cohort, date(2028, 5, 30)), SeriesPattern(Repeat.WEEKLY, 1, count=2))
    assert [(o.day, o.day_off, o.skipped) for o in national_day][:2] == [
        (date(2028, 5, 30), False, False), (date(2028, 6, 6), True, True),  # Nationaldagen on a Tuesday
    ]  # fmt: skip


def test_a_danish_municipalitys_series_skips_grundlovsdag_and_flags_it_when_kept(db: Database) -> None:
    cohort, _programme = _organisation(db, "DK")
    skipping = svc.schedule_series(db, _plan(cohort, date(2026, 5, 29)), SeriesPattern(Repeat.WEEKLY, 1, count=2))
    assert skipping.skipped_days == (date(2026, 6, 5),)
    kept = svc.schedule_series(
        db, _plan(cohort, date(2026, 5, 29)), SeriesPattern(Repeat.WEEKLY, 1, count=2, holidays=HolidayRule.FLAG)
    )
    assert [(c.kind, c.day) for c in kept.conflicts] == [(ConflictKind.DAY_OFF, date(2026, 6, 5))]


def test_conflict_checks_judge_a_day_by_the_municipalitys_country(db: Database) -> None:
    swedish, _ = _organisation(db, "SE")
    danish, _ = _organisation(db, "DK")
    norwegian, _ = _organisation(db, "NO")
    midsummer_eve = date(2026, 6, 19)
    assert [c.kind for c in svc.check_conflicts(db, _plan(swedish, midsummer_eve))] == [ConflictKind.DAY_OFF]
    assert svc.check_conflicts(db, _plan(danish, midsummer_eve)) == []
    assert svc.check_conflicts(db, _plan(norwegian, midsummer_eve)) == []
    constitution_day = date(2026, 6, 5)
    assert [c.kind for c in svc.check_conflicts(db, _plan(danish, constitution_day))] == [ConflictKind.DAY_OFF]
    assert svc.check_conflicts(db, _plan(swedish, constitution_day)) == []
