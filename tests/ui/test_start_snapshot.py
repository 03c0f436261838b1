"""The first area at start-up: the snapshot read with ``sqlite3`` shows at once, then the open database replaces it.

What the coordinator sees must not change when the database arrives: the same programme rows and the same
curriculum. Before it arrives nothing can be edited (the snapshot is read-only), and afterwards everything can.
"""

from __future__ import annotations

from pathlib import Path

from ui.main_window import MainWindow
from ui.opening import start_opening
from ui.pages.programmes import ProgrammesPage


def _shown(page: ProgrammesPage) -> dict[str, object]:
    table = page.programmes.table
    model = table.model()
    modules = page.editor.modules.table.model()
    return {
        "rows": [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())],
        "current": page.programmes.current_id(),
        "modules": [modules.index(r, 2).data() for r in range(modules.rowCount())],
        "title": page.editor.modules.title_label.text(),
        "to_register": page.to_register.text(),
    }


def test_the_snapshot_shows_first_and_the_database_keeps_what_it_showed(
    qtbot, window: MainWindow, demo_db_path: Path
) -> None:
    qtbot.waitUntil(lambda: window.is_built(window.nav.currentRow()), timeout=5000)
    page = window.page_of(ProgrammesPage)
    early = start_opening(demo_db_path)
    seen: dict[str, object] = {}

    def at_first_area() -> None:
        seen.update(_shown(page), db=window.db, can_add=page.editor.add_action.isEnabled(),
                    can_edit=page.edit_action.isEnabled(), search=page.programmes.search_field.isEnabled())  # fmt: skip

    window.firstAreaShown.connect(at_first_area)
    with qtbot.waitSignal(window.firstPagePopulated, timeout=30_000):
        window.open_at_start(demo_db_path, early)
    assert seen["db"] is None  # shown before the database was open
    assert seen["rows"] and seen["modules"] and seen["current"] is not None
    assert not (seen["can_add"] or seen["can_edit"] or seen["search"])  # a preview offers no edits
    window.grab().save(str(demo_db_path.parent / "after-open.png"))
    after = _shown(page)
    assert window.db is not None
    assert {key: seen[key] for key in after} == after
    assert page.editor.add_action.isEnabled() and page.edit_action.isEnabled()


def test_without_a_snapshot_the_area_waits_for_the_database(qtbot, window: MainWindow, tmp_path: Path) -> None:
    """A new file has nothing to show early: the usual open creates it and the area fills from it."""
    path = tmp_path / "new.sqlite3"
    early = start_opening(path, create=True)  # as for the default database on a first start
    assert early.first_screen() is None
    with qtbot.waitSignal(window.firstPagePopulated, timeout=30_000):
        window.open_at_start(path, early)
    assert window.db is not None
