"""The demo is true on the day it is built for, whatever that day is: what it says has happened lies before the
start of that day (in Oslo), and everything later is planned. Checked directly in SQL over a spread of build days
(session days, Mondays, Sundays, holidays, the days just after the earlier cohort's end) and the suite's own day."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tillitsleder.demo.builder import create_demo_database

OSLO = ZoneInfo("Europe/Oslo")
SESSION_DAYS = (date(2026, 11, 19), date(2027, 4, 28))  # the days of a session in the demo built on them
BUILD_DAYS = (
    date(2026, 1, 1),  # New Year's Day, a Thursday
    date(2026, 5, 17),  # Constitution Day, a Sunday
    date(2026, 6, 25),  # days after the earlier cohort's end, before all its sign-offs
    date(2026, 9, 7),  # a Monday, the first of September
    SESSION_DAYS[0],  # a Thursday
    date(2026, 12, 24),  # Christmas Eve
    date(2027, 1, 1),  # a Friday
    date(2027, 3, 1),  # a Monday
    SESSION_DAYS[1],  # a Wednesday
    date(2027, 5, 17),  # a Monday
    date(2027, 8, 1),  # a Sunday
    date(2027, 10, 31),  # a Sunday
)
NOT_TIMESTAMPS = {("session", "starts_at"), ("session", "ends_at")}  # when things are planned, not when they happened


def stamp(moment: datetime) -> str:
    """``moment`` as the database stores timestamps (naive UTC text), so SQL compares them as text."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", timespec="microseconds")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[date, Path]]:
    folder = tmp_path_factory.mktemp("demo-days")
    yield {day: create_demo_database(folder / f"{day}.sqlite3", today=day).path for day in BUILD_DAYS}


def count(con: sqlite3.Connection, sql: str, **params: object) -> int:
    return con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]


def assert_true_on(path: Path, day: date) -> None:
    """Every invariant of a demo built for ``day``, in SQL on the file."""
    moment = stamp(datetime.combine(day, time(0), OSLO))
    today = day.isoformat()
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        p = {"moment": moment, "today": today}
        # Sessions: ended before the build moment → held (or cancelled, with a reason); the rest planned.
        assert count(con, "SELECT id FROM session WHERE ends_at <= :moment AND status = 'planned'", **p) == 0
        assert count(con, "SELECT id FROM session WHERE ends_at > :moment AND status != 'planned'", **p) == 0
        assert count(con, "SELECT id FROM session WHERE starts_at < :moment AND ends_at > :moment", **p) == 0
        assert count(con, "SELECT id FROM session WHERE status = 'cancelled' AND cancel_reason = ''") == 0
        assert count(con, "SELECT id FROM session WHERE status = 'held'") > 0
        assert count(con, "SELECT id FROM session WHERE status = 'planned'") > 0
        # Attendance: only for held sessions, and registered for everyone enrolled and active on the day.
        assert count(con, "SELECT a.id FROM attendance a JOIN session s ON s.id = a.session_id "
                          "WHERE s.status != 'held'") == 0  # fmt: skip
        missing = """
            SELECT s.id, e.id FROM session s JOIN enrolment e ON e.cohort_id = s.cohort_id
            WHERE s.status = 'held'
              AND e.enrolled_on <= date(s.starts_at)
              AND (SELECT c.status FROM enrolment_status_change c
                   WHERE c.enrolment_id = e.id AND c.effective_on <= date(s.starts_at)
                   ORDER BY c.effective_on DESC, c.id DESC LIMIT 1) = 'active'
              AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id AND a.enrolment_id = e.id)
        """
        assert count(con, missing) == 0
        # Things that happened on a day: before the build day.
        for table, column in (
            ("group_meeting", "held_on"),
            ("journal_entry", "written_on"),
            ("commitment", "made_on"),
            ("enrolment_status_change", "effective_on"),
            ("enrolment", "status_since"),
            ("enrolment", "enrolled_on"),
        ):
            assert count(con, f"SELECT id FROM {table} WHERE {column} >= :today", **p) == 0, (table, column)
        # Journal entries linked to a session follow a held one.
        linked = "SELECT j.id FROM journal_entry j JOIN session s ON s.id = j.session_id "
        assert count(con, linked + "WHERE s.status != 'held' OR j.written_on < date(s.starts_at)") == 0
        # Group actions belong to meetings held before the build day; only those have been followed up.
        assert count(con, "SELECT id FROM group_action WHERE status IN ('done', 'dropped') AND due_on >= :today",
                     **p) == 0  # fmt: skip
        # Facilitators: a session's assignment is on its day; coaching and groups began before the build day.
        on_session = "SELECT f.id FROM facilitator_assignment f JOIN session s ON s.id = f.session_id "
        assert count(con, on_session + "WHERE f.starts_on != date(s.starts_at)") == 0
        assert count(con, "SELECT id FROM facilitator_assignment WHERE session_id IS NULL AND starts_on >= :today",
                     **p) == 0  # fmt: skip
        # Every recorded moment (created, updated, changed, occurred, signed, issued) lies before the build moment.
        tables = [row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        checked = 0
        for table in tables:
            for column in con.execute(f"PRAGMA table_info('{table}')"):
                if column[2].upper() == "DATETIME" and (table, column[1]) not in NOT_TIMESTAMPS:
                    late = count(con, f"SELECT 1 FROM \"{table}\" WHERE \"{column[1]}\" > :moment", **p)
                    assert late == 0, f"{table}.{column[1]} after the build moment"
                    checked += 1
        assert checked >= 10
    finally:
        con.close()


@pytest.mark.parametrize("day", BUILD_DAYS, ids=str)
def test_the_demo_tells_no_lies_on_the_day_it_is_built_for(built: dict[date, Path], day: date) -> None:
    assert_true_on(built[day], day)


@pytest.mark.parametrize("day", SESSION_DAYS, ids=str)
def test_a_session_on_the_build_day_is_still_planned(built: dict[date, Path], day: date) -> None:
    con = sqlite3.connect(f"file:{built[day]}?mode=ro", uri=True)
    try:
        on_the_day = con.execute("SELECT status FROM session WHERE date(starts_at) = ?", (day.isoformat(),)).fetchall()
    finally:
        con.close()
    assert on_the_day and {status for (status,) in on_the_day} == {"planned"}


def test_the_suites_demo_tells_no_lies_on_the_suites_day(demo_template: Path, suite_day: date) -> None:
    assert_true_on(demo_template, suite_day)


@pytest.mark.parametrize(
    ("language", "day"),
    [("sv", date(2026, 6, 19)), ("sv", date(2026, 11, 19)), ("da", date(2026, 6, 5)), ("nn", date(2026, 5, 17))],
    ids=["sv-midsommarafton", "sv-thursday", "da-grundlovsdag", "nn-17-mai"],
)
def test_every_languages_demo_tells_no_lies(tmp_path: Path, language: str, day: date) -> None:
    """The Swedish, Danish and Nynorsk demos too (their zones keep Oslo's offsets; their holidays are their own)."""
    assert_true_on(create_demo_database(tmp_path / "demo.sqlite3", today=day, language=language).path, day)
