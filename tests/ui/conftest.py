"""Fixtures for the Qt front end: offscreen Qt, translators, demo databases and an opened main window.

The top-level ``tests/conftest.py`` already redirects the config and data folders to temporary ones and
sets the language to English for every test.
"""

from __future__ import annotations

import os

if not os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen:"):  # offscreen with a screen configuration
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tillitsleder import i18n
from ui.garbage import MainThreadCollector
from ui.main_window import MainWindow
from ui.translator import LanguageSwitcher

# ``demo_for_day`` and ``demo_template`` (demo databases built once per session) come from tests/conftest.py.


@pytest.fixture(scope="session")
def big_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cohort of 450 participants: more than two pages of the table model."""
    from uitest_data import build_sample_database

    return build_sample_database(tmp_path_factory.mktemp("big-template") / "big.sqlite3", participants=450)


def _copy(template: Path, folder: Path) -> Path:
    target = folder / template.name
    shutil.copy2(template, target)
    return target


@pytest.fixture
def demo_db_path(demo_for_day, clock_day, tmp_path: Path) -> Path:
    """A copy of the demo database built for the test's ``clock_day`` (the suite's day unless a module says)."""
    return _copy(demo_for_day(clock_day), tmp_path)


@pytest.fixture
def big_db_path(big_template: Path, tmp_path: Path) -> Path:
    return _copy(big_template, tmp_path)


@pytest.fixture
def switcher(qapp) -> Iterator[LanguageSwitcher]:
    """The translators installed in English; removed again afterwards."""
    bridge = LanguageSwitcher()
    bridge.install("en")
    yield bridge
    bridge.uninstall()
    i18n.set_language("en")


@pytest.fixture
def window(qtbot, switcher: LanguageSwitcher) -> Iterator[MainWindow]:
    win = MainWindow(switcher)
    qtbot.addWidget(win)
    win.resize(1200, 760)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close_database()


@pytest.fixture
def opened_window(qtbot, window: MainWindow, demo_db_path: Path) -> MainWindow:
    """The main window with a copy of the demo database open and its first area populated."""
    with qtbot.waitSignal(window.firstPagePopulated, timeout=30_000):
        window.open_database_path(demo_db_path)
    return window


@pytest.fixture
def certificates_page(qtbot, demo_db_path, switcher, clock_day):
    """The Certificates & reports area on a copy of the demo, showing its finished cohort (completion loaded)."""
    from sqlalchemy import select

    from tillitsleder import lookups
    from tillitsleder.model import Cohort
    from tillitsleder.storage import open_database
    from ui.pages.certificates import CertificatesPage
    from ui.widgets.cohort_picker import CohortSelection

    db = open_database(demo_db_path)
    with db.read() as s:
        earlier = s.scalar(select(Cohort.id).where(Cohort.end_date < clock_day))
    selection = CohortSelection()
    selection.set_options(lookups.cohort_options(db))
    selection.select(earlier)
    widget = CertificatesPage(selection)
    qtbot.addWidget(widget)
    widget.resize(1280, 780)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitSignal(widget.completion.loaded, timeout=20_000):
        widget.set_database(db)
    yield widget
    db.close()


@pytest.fixture(scope="session", autouse=True)
def collector_on_gui_thread(qapp) -> Iterator[MainThreadCollector]:
    """As in the app (``ui.garbage``): cycles are collected on the GUI thread only, never by a worker that
    happens to allocate (which may delete Qt objects off their thread and crash the process)."""
    import gc

    from ui import garbage

    collector = garbage.collect_on_gui_thread(qapp)
    yield collector
    collector.stop()
    gc.enable()


@pytest.fixture(autouse=True)
def collect_after_each_test(collector_on_gui_thread) -> Iterator[None]:
    """Collect what a test left, here on the GUI thread, when the generations' thresholds say so."""
    yield
    collector_on_gui_thread.check()


@pytest.fixture(autouse=True)
def form_label_style(qtbot) -> Iterator[None]:
    """Every form a test builds keeps the one label style (``form_labels``: "Name:", with the colon)."""
    from form_labels import FormWatcher
    from PySide6.QtWidgets import QApplication

    watcher = FormWatcher()
    app = QApplication.instance()
    app.installEventFilter(watcher)
    yield
    app.removeEventFilter(watcher)
    watcher.check_all()
    assert not watcher.problems, f"form labels without the colon: {watcher.problems}"
