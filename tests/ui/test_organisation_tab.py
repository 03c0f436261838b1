"""Settings → Organisation: the tree, adding, renaming from a day, merging, refusals and undo through the GUI."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import select

from tillitsleder import organisation
from tillitsleder.model import Unit, UnitHistory, UnitMerge
from ui.main_window import MainWindow
from ui.operations import Changed, change_bus
from ui.organisation.change_dialog import ChangeAnswer, ChangeDialog, ChangeRequest
from ui.pages.settings_page import SettingsPage

SHOTS = Path("/tmp")


def visit_settings(qtbot, window: MainWindow) -> SettingsPage:
    row = next(i for i in range(len(window.areas)) if window.areas[i].class_name == "SettingsPage")
    window.nav.setCurrentRow(row)
    page = window.current_page()
    qtbot.waitUntil(lambda: page.isVisible() and not page._stale)
    return page


def names(tab) -> list[str]:
    found = []

    def walk(item) -> None:
        for index in range(item.childCount()):
            child = item.child(index)
            found.append(child.text(0))
            walk(child)

    walk(tab.tree.invisibleRootItem())
    return found


def select_item(qtbot, tab, text: str) -> None:
    item = tab.tree.findItems(text, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0)[0]
    rect = tab.tree.visualItemRect(item)
    qtbot.mouseClick(tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.tree.currentItem() is item


def test_the_tree_adds_renames_merges_and_undoes(qtbot, opened_window: MainWindow) -> None:
    db = opened_window.db
    page = visit_settings(qtbot, opened_window)
    tab = page.organisation_tab
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: "Ljabru barnehage" in names(tab), timeout=20_000)
    assert page.tabs.tabText(page.tabs.indexOf(tab)) == "Organisation"
    assert {"Oppvekst", "Mestring og omsorg"} <= set(names(tab))
    announced: list = []
    change_bus().changed.connect(lambda kinds, _source: announced.append(kinds))

    # Add a unit to the selected department.
    select_item(qtbot, tab, "Oppvekst")
    tab.ask = lambda _parent, _request: ChangeAnswer(name="Nyvei barnehage", code="9001")
    qtbot.mouseClick(tab.add_unit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Nyvei barnehage" in names(tab))
    assert tab.tree.currentItem().text(0) == "Nyvei barnehage" and tab.tree.currentItem().text(1) == "9001"
    assert Changed.ORGANISATION in announced[-1]

    # A duplicate name is refused in words under the tree; nothing is pushed.
    select_item(qtbot, tab, "Oppvekst")
    tab.ask = lambda _parent, _request: ChangeAnswer(name="ljabru BARNEHAGE")
    qtbot.mouseClick(tab.add_unit_button, Qt.MouseButton.LeftButton)
    assert tab.message_label.isVisible() and "already has a unit" in tab.message_label.text()
    assert tab.undo_stack.count() == 1

    # Rename from a day: earlier days keep the old name.
    select_item(qtbot, tab, "Ljabru barnehage")
    tab.ask = lambda _parent, request: ChangeAnswer(name="Ljabru og Kastellet barnehage", day=date(2026, 1, 1))
    qtbot.mouseClick(tab.rename_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Ljabru og Kastellet barnehage" in names(tab))
    with db.read() as s:
        unit_id = s.scalar(select(Unit.id).where(Unit.name == "Ljabru og Kastellet barnehage"))
    assert organisation.unit_name_on(db, unit_id, date(2025, 12, 31)) == "Ljabru barnehage"

    # Merge Simensbråten into the renamed unit: nobody moves, the tree says so.
    select_item(qtbot, tab, "Simensbråten barnehage")
    tab.ask = lambda _parent, request: ChangeAnswer(choice=unit_id, day=date(2026, 3, 1))
    qtbot.mouseClick(tab.merge_button, Qt.MouseButton.LeftButton)
    merged = "Merged into Ljabru og Kastellet barnehage on 1 Mar 2026"
    qtbot.waitUntil(lambda: any(tab.tree.findItems(merged, Qt.MatchFlag.MatchRecursive, 3)))
    opened_window.resize(1200, 800)
    qtbot.wait(50)
    opened_window.grab().save(str(SHOTS / "organisation_tab.png"))

    # Undo the merge, the rename and the new unit; redo the unit.
    qtbot.mouseClick(tab.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.tree.findItems(merged, Qt.MatchFlag.MatchRecursive, 3))
    qtbot.mouseClick(tab.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Ljabru barnehage" in names(tab) and "Ljabru og Kastellet barnehage" not in names(tab))
    tab.tree.setFocus()
    qtbot.keyClick(tab.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Z undoes the new unit
    qtbot.waitUntil(lambda: "Nyvei barnehage" not in names(tab))
    with db.read() as s:
        assert s.scalars(select(UnitHistory)).all() == [] and s.scalars(select(UnitMerge)).all() == []
        assert s.scalar(select(Unit.id).where(Unit.name == "Nyvei barnehage")) is None
    qtbot.mouseClick(tab.redo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Nyvei barnehage" in names(tab))


def test_the_change_dialog_offers_only_the_fields_asked_for(qtbot) -> None:
    request = ChangeRequest("Move", choice_label="To:", choices=(("Helse", 4), ("Kultur", 7)), day_label="From:")
    dialog = ChangeDialog(None, request)
    qtbot.addWidget(dialog)
    dialog.choice.setCurrentIndex(1)
    answer = dialog.answer()
    assert answer.choice == 7 and answer.day is not None and answer.name == ""
    assert dialog.name.parent() is None or not dialog.name.isVisibleTo(dialog)
