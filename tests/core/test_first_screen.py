"""The start-up snapshot: the compiled SQL is current, and what it reads equals what the domain functions return.

``tillitsleder.first_screen`` reads the start area with ``sqlite3`` before SQLAlchemy is loaded. These tests
hold it to the same answers as the functions the area uses once the database is open — on the demo built for
several days and read at several moments, so "to be registered" is exercised too — and check the cases in
which it must stand aside.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tillitsleder import clock, profiles
from tillitsleder.attendance.register import sessions_to_register
from tillitsleder.crypto import KdfParams
from tillitsleder.curriculum import load_curriculum
from tillitsleder.first_screen import statements
from tillitsleder.first_screen.reader import _Reader, read_first_screen, shape
from tillitsleder.lists import tables
from tillitsleder.lists.areas import MODULES, PROGRAMMES
from tillitsleder.storage import open_database

FAST_KDF = KdfParams(memory_cost=64, iterations=1, lanes=1)


def test_the_compiled_queries_are_those_the_app_runs() -> None:
    assert statements.COMPILED_PATH.read_text(encoding="utf-8") == statements.render(), (
        "run: python -m tillitsleder.first_screen.statements --write"
    )


def test_the_list_shapes_are_the_specs_without_their_sql() -> None:
    for name, spec in (("programmes", PROGRAMMES), ("modules", MODULES)):
        listed = shape(name)
        assert listed.columns == spec.shape
        assert (listed.default_sort, listed.empty_text) == (spec.default_sort, spec.empty_text)


@pytest.mark.parametrize("built_offset", [0, 200])
@pytest.mark.parametrize("read_offset", [timedelta(0), timedelta(days=9, hours=5), timedelta(days=120)])
def test_the_snapshot_equals_the_domain_functions(
    demo_for_day: Callable[[date], Path],
    clock_day: date,
    tmp_path: Path,
    built_offset: int,
    read_offset: timedelta,
) -> None:
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_for_day(clock_day + timedelta(days=built_offset)), path)
    now = datetime.combine(clock_day + timedelta(days=built_offset), datetime.min.time(), UTC) + read_offset
    first = read_first_screen(path, now)
    assert first is not None
    db = open_database(path)
    try:
        assert list(first.programme_rows) == tables.fetch_rows(db, PROGRAMMES)
        assert first.programme_total == tables.count_rows(db, PROGRAMMES) > 0
        assert first.curriculum == load_curriculum(db, first.programme_rows[0][-1])
        assert list(first.to_register) == sessions_to_register(db, now=now)
        con = sqlite3.connect(path)
        try:  # every programme's curriculum, not only the first one listed
            for row in first.programme_rows:
                reader = _Reader(con, {"programme_id": row[-1], "now": now})
                assert reader.rows("curriculum_modules") and reader.scalar("curriculum_cohorts") is not None
        finally:
            con.close()
    finally:
        db.close()


@pytest.mark.parametrize("language", ["nn", "sv", "da"])
def test_the_snapshot_equals_the_domain_functions_in_every_demo(tmp_path: Path, clock_day: date, language: str) -> None:
    from tillitsleder.demo.builder import create_demo_database

    path = create_demo_database(tmp_path / "demo.sqlite3", today=clock_day, language=language).path
    now = datetime.combine(clock_day, datetime.min.time(), UTC) + timedelta(days=9, hours=5)
    first = read_first_screen(path, now)
    assert first is not None
    db = open_database(path)
    try:
        assert list(first.programme_rows) == tables.fetch_rows(db, PROGRAMMES)
        assert first.curriculum == load_curriculum(db, first.programme_rows[0][-1])
        assert list(first.to_register) == sessions_to_register(db, now=now)
    finally:
        db.close()


def test_a_day_with_sessions_to_register_shows_them(demo_for_day: Callable[[date], Path], clock_day: date) -> None:
    """Read long after the demo's day, planned sessions have ended unregistered: the snapshot counts them."""
    path = demo_for_day(clock_day)
    later = clock.now() + timedelta(days=60)
    first = read_first_screen(path, later)
    assert first is not None and sum(n for _id, _name, n in first.to_register) > 0


def test_reading_loads_no_sqlalchemy(demo_template: Path) -> None:
    code = (
        "import sys\nfrom pathlib import Path\nfrom tillitsleder import clock\n"
        "from tillitsleder.first_screen.reader import read_first_screen\n"
        f"first = read_first_screen(Path({str(demo_template)!r}), clock.now())\n"
        "print(first is not None, sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["True", "[]"], result.stderr


def test_it_stands_aside_when_it_cannot_stand_in(demo_template: Path, tmp_path: Path) -> None:
    now = clock.now()
    assert read_first_screen(tmp_path / "missing.sqlite3", now) is None
    foreign = tmp_path / "foreign.sqlite3"
    sqlite3.connect(foreign).execute("CREATE TABLE budget (x)").connection.close()
    assert read_first_screen(foreign, now) is None

    other = tmp_path / "other-revision.sqlite3"
    shutil.copyfile(demo_template, other)
    con = sqlite3.connect(other)
    con.execute("UPDATE alembic_version SET version_num = '0001'")
    con.commit()
    con.close()
    assert read_first_screen(other, now) is None  # may need migrating: the full open decides

    locked = tmp_path / "locked.sqlite3"
    shutil.copyfile(demo_template, locked)
    db = open_database(locked)
    try:
        profiles.set_coordinator_passphrase(db, "koordinator-pass", kdf=FAST_KDF)
    finally:
        db.close()
    assert read_first_screen(locked, now) is None  # nothing is shown before the coordinator unlocks
