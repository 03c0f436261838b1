"""Fixtures for every test: redirected data/config folders, an explicit language, the clock set to the suite's
day, migrated and demo databases.

The suite's day is the clock's day when the session starts (the real day, or whatever ``faketime`` or
``TILLITSLEDER_TODAY`` make it): the shared demo database is built for it, and every test sees the clock set to
noon on it (ticking on from there, so saves still get later timestamps), so a test in the middle of a run sees
the demo's day and nothing depends on midnight passing during a run. Tests that need a particular calendar pass
explicit days (``today=``), freeze the clock themselves (``clock.frozen_at``), or override ``clock_day`` for a
module and take their demo from ``demo_for_day``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

from tillitsleder import clock, i18n
from tillitsleder.storage import Database, open_database

SUITE_DAY = clock.today()  # read once, when the test session starts

# Hypothesis profiles, chosen by HYPOTHESIS_PROFILE: "ci" (scripts/bootstrap.sh test sets it) runs the core state
# machine 200 examples of 30 steps; "dev", the default, fewer. Property tests that set max_examples keep theirs.
settings.register_profile("ci", max_examples=200, stateful_step_count=30, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=25, stateful_step_count=30, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "dev")


@pytest.fixture(scope="session")
def suite_day() -> date:
    """The day the whole test session stands on (the clock's day when it started)."""
    return SUITE_DAY


@pytest.fixture
def clock_day(suite_day: date) -> date:
    """The day the clock shows in a test: the suite's day, unless a module overrides this fixture."""
    return suite_day


@pytest.fixture(autouse=True)
def frozen_clock(clock_day: date, monkeypatch: pytest.MonkeyPatch) -> Iterator[date]:
    """The app's clock at noon on ``clock_day``, for this process and the processes a test starts."""
    monkeypatch.setenv(clock.ENV_TODAY, clock_day.isoformat())
    with clock.frozen_at(clock_day, ticking=True):
        yield clock_day


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real user's data, settings or database."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TILLITSLEDER_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config-xdg"))
    monkeypatch.delenv("TILLITSLEDER_DB", raising=False)
    monkeypatch.delenv("TILLITSLEDER_LANG", raising=False)


@pytest.fixture(autouse=True)
def language() -> Iterator[str]:
    """Tests run in English unless they switch; the language is reset afterwards."""
    i18n.set_language("en")
    yield "en"
    i18n.set_language("en")


@pytest.fixture(scope="session")
def demo_for_day(tmp_path_factory: pytest.TempPathFactory) -> Callable[[date], Path]:
    """Demo databases built for given days (each once per test session); copy one before changing it."""
    from tillitsleder.demo.builder import create_demo_database

    built: dict[date, Path] = {}

    def template(day: date) -> Path:
        if day not in built:
            path = tmp_path_factory.mktemp(f"demo-{day}") / "demo.sqlite3"
            create_demo_database(path, today=day)
            built[day] = path
        return built[day]

    return template


@pytest.fixture(scope="session")
def demo_template(demo_for_day: Callable[[date], Path], suite_day: date) -> Path:
    """The demo database built once per test session for the suite's day; copy it (``demo_db``) before changing it."""
    return demo_for_day(suite_day)


@pytest.fixture
def demo_db(demo_for_day: Callable[[date], Path], clock_day: date, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the demo database built for the test's ``clock_day``, opened."""
    import shutil

    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_for_day(clock_day), path)
    database = open_database(path)
    yield database
    database.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A freshly migrated, empty database."""
    database = open_database(db_path)
    yield database
    database.close()
