"""The one clock: frozen and set for tests and processes, and the only reader of the system time in the app."""

from __future__ import annotations

import ast
import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from time import sleep
from zoneinfo import ZoneInfo

import pytest

from tillitsleder import clock

ROOT = Path(__file__).resolve().parents[2]
CLOCK = ROOT / "tillitsleder" / "clock.py"

# Calls that read the system's date or time. Durations (time.monotonic, time.perf_counter) are not dates.
DATE_CLASS_READS = {"today", "now", "utcnow"}  # on date / datetime
TIME_MODULE_READS = {"time", "time_ns", "localtime", "gmtime", "ctime", "asctime", "strftime"}  # on the time module
QT_READS = {"currentDate", "currentDateTime", "currentDateTimeUtc", "currentTime", "currentMSecsSinceEpoch",
            "currentSecsSinceEpoch"}  # fmt: skip
SQL_FUNCTIONS = {"now", "current_timestamp", "current_date", "current_time", "localtimestamp", "localtime"}  # func.…
SQL_READS = re.compile(r"\b(current_timestamp|current_date|current_time|localtimestamp)\b|'now'", re.IGNORECASE)


def _name(node: ast.expr) -> str:
    """``datetime``, ``datetime.datetime``, ``QDate`` …: the dotted name an attribute is read on."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_name(node.value)}.{node.attr}"
    return ""


def system_time_reads(source: str) -> list[tuple[int, str]]:
    """(line, what) for every place ``source`` reads the system clock."""
    tree = ast.parse(source)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            owner = _name(node.value).split(".")[-1]
            if (
                (node.attr in DATE_CLASS_READS and owner in {"date", "datetime"})
                or (node.attr in TIME_MODULE_READS and owner == "time")
                or node.attr in QT_READS
                or (node.attr.lower() in SQL_FUNCTIONS and owner == "func")
            ):
                found.append((node.lineno, f"{_name(node.value)}.{node.attr}"))
        elif isinstance(node, ast.ImportFrom) and node.module == "time":
            found += [(node.lineno, f"from time import {a.name}") for a in node.names if a.name in TIME_MODULE_READS]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_READS.search(node.value):
            found.append((node.lineno, f"SQL {node.value[:40]!r}"))
    return found


def test_nothing_but_the_clock_reads_the_system_time() -> None:
    offenders = []
    for package in ("tillitsleder", "ui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if path == CLOCK:
                continue
            reads = system_time_reads(path.read_text())
            offenders += [f"{path.relative_to(ROOT)}:{line}: {what}" for line, what in reads]
    assert offenders == [], "read the day and time from tillitsleder.clock instead:\n" + "\n".join(offenders)


@pytest.mark.parametrize(
    "source",
    [
        "from datetime import date\nx = date.today()",
        "import datetime\nx = datetime.datetime.now()",
        "from datetime import UTC, datetime\nx = datetime.now(UTC)",
        "from datetime import datetime\nx = datetime.utcnow()",
        "from datetime import date\nfield(default_factory=date.today)",
        "import time\nstamp = time.time()",
        "from time import localtime",
        "from PySide6.QtCore import QDate\nQDate.currentDate()",
        "from PySide6.QtCore import QDateTime\nQDateTime.currentDateTime()",
        "sql = 'UPDATE session SET updated_at = CURRENT_TIMESTAMP'",
        "sql = \"SELECT date('now')\"",
        "select(Session.id).where(Session.starts_at <= func.current_timestamp())",
        "select(func.now())",
    ],
)
def test_the_scan_finds_each_way_of_reading_the_system_time(source: str) -> None:
    assert system_time_reads(source)


def test_the_scan_leaves_the_clock_and_durations_alone() -> None:
    source = (
        "import time\nfrom tillitsleder import clock\n"
        "a = clock.today()\nb = clock.now()\nc = time.monotonic()\nd = time.perf_counter()\ne = self.today\n"
        "f = datetime.combine(day, time(9))\ng = date.fromisoformat('2026-01-01')\n"
    )
    assert system_time_reads(source) == []


def test_a_frozen_clock_stands_still_and_is_restored(suite_day: date) -> None:
    with clock.frozen_at(date(2031, 5, 17)) as moment:
        assert clock.today() == date(2031, 5, 17) and clock.now() == moment
        assert moment.tzinfo is not None and moment.utcoffset() == timedelta(0)
        with clock.frozen_at(datetime(2031, 12, 31, 23, 30, tzinfo=UTC)):
            assert clock.today(UTC) == date(2031, 12, 31) and clock.today("Europe/Oslo") == date(2032, 1, 1)
            assert clock.today(ZoneInfo("America/New_York")) == date(2031, 12, 31)
        assert clock.today() == date(2031, 5, 17)
    assert clock.today() == suite_day  # the suite's own frozen day (tests/conftest.py)


def test_a_ticking_clock_runs_on_from_where_it_was_set() -> None:
    with clock.frozen_at(date(2030, 2, 28), ticking=True) as start:
        first = clock.now()
        sleep(0.002)
        assert start <= first < clock.now() < start + timedelta(minutes=5) and clock.today() == date(2030, 2, 28)


def test_a_set_day_means_noon_local_time() -> None:
    clock.set_clock(date(2030, 2, 28))
    try:
        assert clock.now() == datetime.combine(date(2030, 2, 28), time(12)).astimezone(UTC)
    finally:
        clock.set_clock(None)


def test_the_environment_sets_the_day_for_a_process_and_the_clock_keeps_ticking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(clock.ENV_TODAY, "2029-03-14")
    clock.set_clock(None)  # back to the process's clock: the environment's day
    try:
        first = clock.now()
        assert clock.today() == date(2029, 3, 14)
        assert first.astimezone().time().hour == 12 and clock.now() >= first
    finally:
        clock.set_clock(None)
