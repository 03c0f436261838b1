"""Fixtures for every test: redirected data/config folders, an explicit language, migrated databases."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tillitsleder import i18n
from tillitsleder.storage import Database, open_database


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
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database built once per test session; copy it (``demo_db``) before changing it."""
    from datetime import date

    from tillitsleder.demo.builder import create_demo_database

    path = tmp_path_factory.mktemp("demo-template") / "demo.sqlite3"
    create_demo_database(path, today=date(2026, 11, 22))
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the demo database, opened."""
    import shutil

    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, path)
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
