"""The File menu's "Open demo database" builds the demo in the interface's language (English gets the Bokmål one),
and every language's demo opens in the window with its own municipality, programme and curriculum shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QLabel
from sqlalchemy import text

from tillitsleder import clock
from tillitsleder.demo.builder import create_demo_database
from ui import database_actions
from ui.main_window import MainWindow


def municipality(window: MainWindow) -> str:
    with window.db.read() as s:
        return s.execute(text("SELECT name FROM municipality")).scalar_one()


def cells(model, parent: QModelIndex) -> list[str]:
    """Every cell's text under ``parent``, children of tree rows too."""
    found = []
    for row in range(model.rowCount(parent)):
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
        for column in range(columns):
            found.append(str(model.index(row, column, parent).data() or ""))
        if not isinstance(model, QAbstractListModel):
            found += cells(model, model.index(row, 0, parent))
    return found


def visible_texts(window: MainWindow) -> str:
    """The texts the window shows now: labels and the cells of every visible table, tree or list."""
    texts = [label.text() for label in window.findChildren(QLabel) if label.isVisible()]
    for view in window.findChildren(QAbstractItemView):
        if view.isVisible() and view.model() is not None:
            texts += cells(view.model(), QModelIndex())
    return "\n".join(texts)


def test_open_demo_in_english_builds_the_bokmal_demo(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.databaseOpened, timeout=60_000):
        window.action_demo.trigger()
    assert municipality(window) == "Oslo kommune – Bydel Nordstrand"


def test_open_demo_follows_the_interface_language(qtbot, window: MainWindow, monkeypatch) -> None:
    """The language is read when the user asks for the demo (a Swedish interface builds Norrköping)."""
    monkeypatch.setattr(database_actions, "current_language", lambda: "sv")
    with qtbot.waitSignal(window.databaseOpened, timeout=60_000) as blocker:
        window.action_demo.trigger()
    assert blocker.args[0].is_demo
    assert municipality(window) == "Norrköpings kommun"


@pytest.mark.parametrize(
    ("language", "programme", "module"),
    [
        ("sv", "Ledarutvecklingsprogram", "Reflektionsgrupper, år 1"),
        ("da", "Lederudviklingsprogram", "Refleksionsgrupper, år 1"),
        ("nn", "Leiarutviklingsprogram", "Refleksjonsgrupper, år 1"),
    ],
)
def test_each_languages_demo_opens_in_the_window(
    qtbot, window: MainWindow, tmp_path: Path, language: str, programme: str, module: str
) -> None:
    path = create_demo_database(tmp_path / "demo.sqlite3", today=clock.today(), language=language).path
    with qtbot.waitSignal(window.firstPagePopulated, timeout=30_000):
        window.open_database_path(path)
    qtbot.wait(200)
    shown = visible_texts(window)
    assert programme in shown and module in shown
    window.grab().save(str(Path("/tmp") / f"demo-{language}.png"))
