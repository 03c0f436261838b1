"""The core tests run on both engines: every test that takes ``db``, ``db_target``, ``demo_db`` or
``demo_target`` runs once on SQLite and once on PostgreSQL (``[sqlite]``/``[postgresql]`` in its id), when the
test server is there (``tests/postgresql_server.py``).

``db_target`` is what ``open_database`` and ``--db`` take for the test's database: the SQLite file's path, or the
PostgreSQL URL. Tests about the SQLite file itself (backups beside it, WAL, file permissions, the start area read
with ``sqlite3``) take ``db_path`` and run on SQLite only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import postgresql_server as pg
import pytest

from tillitsleder.storage import Database, open_database

ENGINES = ["sqlite", "postgresql"] if pg.available() else ["sqlite"]


@pytest.fixture(scope="session", params=ENGINES)
def engine_name(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="session")
def _postgresql_templates() -> Iterator[dict[str, str]]:
    """Template databases made once per test session (name → database name), dropped at its end."""
    templates: dict[str, str] = {}
    yield templates
    if pg.available():
        pg.drop_leftovers()


def _template(templates: dict[str, str], key: str, build: Callable[[str], None]) -> str:
    if key not in templates:
        name = pg.unique_name(key.replace("-", "_"))
        url = pg.create_database(name)
        build(url)
        templates[key] = name
    return templates[key]


def _migrate(url: str) -> None:
    open_database(url).close()


@pytest.fixture
def _postgresql_copy(_postgresql_templates: dict[str, str]) -> Iterator[Callable[[str, Callable[[str], None]], str]]:
    """Make a private database copied from a template (built on first use); dropped after the test."""
    made: list[str] = []

    def copy(key: str, build: Callable[[str], None]) -> str:
        template = _template(_postgresql_templates, key, build)
        name = pg.unique_name("test")
        made.append(name)
        return pg.create_database(name, template=template)

    yield copy
    for name in made:
        pg.drop_database(name)


@pytest.fixture
def db_target(engine_name: str, db_path: Path, _postgresql_copy) -> str:
    """The test's empty, migrated database as ``--db`` takes it: a file path or a PostgreSQL URL."""
    if engine_name == "sqlite":
        return str(db_path)
    return _postgresql_copy("migrated", _migrate)


@pytest.fixture
def db(db_target: str) -> Iterator[Database]:
    """A freshly migrated, empty database, on the test's engine."""
    database = open_database(db_target)
    yield database
    database.close()


@pytest.fixture
def demo_target(
    engine_name: str, demo_for_day: Callable[[date], Path], clock_day: date, tmp_path: Path, _postgresql_copy
) -> str:
    """A private copy of the demo built for the test's ``clock_day``, as ``--db`` takes it (not opened)."""
    if engine_name == "sqlite":
        import shutil

        path = tmp_path / "demo.sqlite3"
        shutil.copyfile(demo_for_day(clock_day), path)
        return str(path)

    def build(url: str) -> None:
        from tillitsleder.demo.builder import create_demo_database

        create_demo_database(url, today=clock_day)

    return _postgresql_copy(f"demo-{clock_day.isoformat()}", build)


@pytest.fixture
def demo_db(demo_target: str) -> Iterator[Database]:
    """A private copy of the demo database built for the test's ``clock_day``, opened, on the test's engine."""
    database = open_database(demo_target)
    yield database
    database.close()


@pytest.fixture(scope="session")
def _sqlite_templates() -> dict[str, Path]:
    return {}


@pytest.fixture
def database_copy(
    engine_name: str,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    _sqlite_templates: dict[str, Path],
    _postgresql_copy,
) -> Callable[[str, Callable[[str], None]], str]:
    """``copy(key, build)``: a private database on the test's engine, copied from a template that ``build(target)``
    fills once per test session and ``key`` (unique per module: ``f"{__name__}-world"``); returns the target as
    ``--db`` takes it. For modules that build their own data once, as ``demo_target`` does for the demo."""

    def copy(key: str, build: Callable[[str], None]) -> str:
        if engine_name != "sqlite":
            return _postgresql_copy(key, build)
        if key not in _sqlite_templates:
            template = tmp_path_factory.mktemp("template") / "template.sqlite3"
            build(str(template))
            _sqlite_templates[key] = template
        import shutil

        path = tmp_path / f"{key.rsplit('.', 1)[-1]}.sqlite3"
        shutil.copyfile(_sqlite_templates[key], path)
        return str(path)

    return copy


# SQLite only: for tests about the database file itself (its bytes, WAL, backups beside it, permissions). A module
# using these is listed in tests/architecture/test_engines.py with the reason.


@pytest.fixture
def file_db(db_path: Path) -> Iterator[Database]:
    """A freshly migrated, empty SQLite database file at ``db_path`` (SQLite only)."""
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def file_demo_db(demo_for_day: Callable[[date], Path], clock_day: date, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the demo database file built for ``clock_day``, opened (SQLite only)."""
    import shutil

    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_for_day(clock_day), path)
    database = open_database(path)
    yield database
    database.close()


@pytest.fixture
def file_backups(engine_name: str) -> bool:
    """Whether the test's database is a file, so a bulk change backs it up beside it first (on a server: no
    backup, ``None``; that is the server's own tools' work)."""
    return engine_name == "sqlite"
