"""The curriculum editor: the module model on its own, dialogs, keyboard and drag-and-drop moves, undo/redo."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from tillitsleder import curriculum as cur
from tillitsleder.model import Module, Programme, Session
from ui.curriculum.editor import CurriculumEditor
from ui.curriculum.module_model import ModuleTableModel
from ui.main_window import MainWindow


def _programme_id(db) -> int:
    with db.read() as s:
        return s.scalar(select(Programme.id))


def _order(db, programme_id: int) -> list[int]:
    with db.read() as s:
        return list(s.scalars(select(Module.id).where(Module.programme_id == programme_id).order_by(Module.position)))


def _ok(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


@pytest.fixture
def editor(qtbot, demo_db) -> CurriculumEditor:
    widget = CurriculumEditor()
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.set_database(demo_db)
    widget.show_programme(_programme_id(demo_db))
    widget.show()
    qtbot.waitExposed(widget)
    return widget


# --- the model without a window ------------------------------------------------------------------------------


def test_the_model_turns_moves_and_drops_into_requests(demo_db) -> None:
    moves: list[tuple[int, int]] = []
    model = ModuleTableModel(mover=lambda module_id, position: moves.append((module_id, position)))
    view = cur.load_curriculum(demo_db, _programme_id(demo_db))
    model.set_view(view)
    ids = [m.id for m in view.modules]
    assert model.rowCount() == len(ids) and model.columnCount() == 6
    assert model.index(0, 0).data() == "1" and model.index(0, 2).data() == view.modules[0].data.title
    assert model.index(0, 3).data() == view.modules[0].data.session_type.label()
    # Qt's moveRows: before destination_child, counted before the move.
    assert model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 3)
    assert not model.moveRows(QModelIndex(), 2, 1, QModelIndex(), 3)  # to where it is already
    assert model.moveRows(QModelIndex(), 4, 1, QModelIndex(), 0)
    # A drag of row 1 dropped between rows 5 and 6, onto row 3 and below the last row.
    mime = model.mimeData([model.index(1, 0), model.index(1, 2)])
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 6, 0, QModelIndex())
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, model.index(3, 0))
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert not model.dropMimeData(mime, Qt.DropAction.CopyAction, 6, 0, QModelIndex())
    assert moves == [(ids[0], 2), (ids[4], 0), (ids[1], 5), (ids[1], 3), (ids[1], len(ids) - 1)]
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert model.flags(QModelIndex()) & Qt.ItemFlag.ItemIsDropEnabled


# --- the editor on the demo database -------------------------------------------------------------------------


def test_the_editor_shows_the_curriculum_with_semesters(editor: CurriculumEditor, demo_db) -> None:
    view = cur.load_curriculum(demo_db, _programme_id(demo_db))
    assert editor.model.rowCount() == len(view.modules)
    assert editor.semesters.rowCount() == len(view.semesters)
    assert view.programme.name in editor.modules.title_label.text()
    assert editor.modules.count_label.text() == f"{len(view.modules)} rows"
    assert not editor.undo_action.isEnabled() and not editor.redo_action.isEnabled()
    editor.select_module(view.modules[0].id)
    assert editor.edit_action.isEnabled() and not editor.move_up_action.isEnabled()
    assert editor.move_down_action.isEnabled()


def test_adding_a_module_through_the_dialog_then_undo_and_redo(qtbot, editor: CurriculumEditor, demo_db) -> None:
    programme_id = _programme_id(demo_db)
    before = _order(demo_db, programme_id)
    editor.select_module(before[1])
    dialog = editor.add_module()
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.title, "Resultatkjeden i praksis")
    dialog.hours.setValue(7.5)
    dialog.objectives.setPlainText("Forstå resultatkjeden\nBruke den i egen enhet")
    _ok(dialog)
    order = _order(demo_db, programme_id)
    assert len(order) == len(before) + 1
    new_id = order[2]  # placed after the selected module
    data = cur.get_module(demo_db, new_id)
    assert (data.title, data.hours, data.objectives) == (
        "Resultatkjeden i praksis",
        Decimal("7.50"),
        "Forstå resultatkjeden\nBruke den i egen enhet",
    )
    assert editor.current_module_id() == new_id and editor.model.rowCount() == len(order)
    editor.undo_action.trigger()
    assert _order(demo_db, programme_id) == before
    assert editor.model.rowCount() == len(before)
    editor.redo_action.trigger()
    assert _order(demo_db, programme_id) == order  # the same id comes back
    assert editor.undo_stack.undoText() == "Add module “Resultatkjeden i praksis”"


def test_a_refused_module_keeps_the_dialog_open_with_what_was_typed(qtbot, editor: CurriculumEditor, demo_db) -> None:
    before = _order(demo_db, _programme_id(demo_db))
    dialog = editor.add_module()
    qtbot.keyClicks(dialog.title, "   ")
    dialog.description.setPlainText("Om tillit og kontroll")
    _ok(dialog)
    assert dialog.isVisible()
    assert dialog.error_label.isVisible() and dialog.error_label.text() == "The module needs a title."
    assert dialog.description.toPlainText() == "Om tillit og kontroll"
    assert dialog.focusWidget() is dialog.title
    assert _order(demo_db, _programme_id(demo_db)) == before
    assert editor.undo_stack.count() == 0
    dialog.title.setText("Tillit og kontroll")
    _ok(dialog)
    assert not dialog.isVisible()
    assert len(_order(demo_db, _programme_id(demo_db))) == len(before) + 1


def test_ctrl_arrows_move_a_module_and_ctrl_z_takes_it_back(qtbot, editor: CurriculumEditor, demo_db) -> None:
    programme_id = _programme_id(demo_db)
    before = _order(demo_db, programme_id)
    editor.select_module(before[0])
    table = editor.modules.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    moved = [before[1], before[2], before[0], *before[3:]]
    assert _order(demo_db, programme_id) == moved
    assert editor.current_module_id() == before[0]  # the selection follows the module
    assert [editor.model.module_id(row) for row in range(3)] == moved[:3]
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _order(demo_db, programme_id) == [before[1], before[0], *before[2:]]
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _order(demo_db, programme_id) == before
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _order(demo_db, programme_id) == [before[1], before[0], *before[2:]]
    qtbot.keyClick(table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert _order(demo_db, programme_id) == moved
    editor.select_module(before[-1])
    assert not editor.move_down_action.isEnabled()  # nothing below the last: no dead control


def test_a_drop_moves_the_module_in_the_database_undoably(editor: CurriculumEditor, demo_db) -> None:
    programme_id = _programme_id(demo_db)
    before = _order(demo_db, programme_id)
    mime = editor.model.mimeData([editor.model.index(0, 0)])
    assert editor.model.dropMimeData(mime, Qt.DropAction.MoveAction, 4, 0, QModelIndex())
    assert _order(demo_db, programme_id) == [*before[1:4], before[0], *before[4:]]
    assert editor.model.module_id(3) == before[0]
    editor.undo_stack.undo()
    assert _order(demo_db, programme_id) == before
    editor.undo_stack.redo()
    assert _order(demo_db, programme_id) == [*before[1:4], before[0], *before[4:]]


def test_a_module_with_sessions_is_deleted_only_when_the_coordinator_agrees(editor: CurriculumEditor, demo_db) -> None:
    programme_id = _programme_id(demo_db)
    used = next(m for m in editor.model.view.modules if m.session_count)
    questions: list[str] = []
    answer = False
    editor.ask = lambda _parent, _title, text: questions.append(text) or answer
    editor.select_module(used.id)
    editor.delete_action.trigger()
    assert used.id in _order(demo_db, programme_id)
    assert f"used by {used.session_count} sessions" in questions[0]
    answer = True
    editor.delete_action.trigger()
    assert used.id not in _order(demo_db, programme_id)
    with demo_db.read() as s:
        assert s.scalar(select(Session.id).where(Session.module_id == used.id)) is None
    editor.undo_action.trigger()
    assert used.id in _order(demo_db, programme_id)
    with demo_db.read() as s:
        assert len(s.scalars(select(Session.id).where(Session.module_id == used.id)).all()) == used.session_count


def test_editing_a_module_and_a_refusal_without_a_dialog(editor: CurriculumEditor, demo_db) -> None:
    module = editor.model.module(0)
    editor.select_module(module.id)
    dialog = editor.edit_module()
    assert dialog.title.text() == module.data.title
    assert dialog.objectives.toPlainText() == module.data.objectives
    dialog.required.setChecked(not module.data.required)
    _ok(dialog)
    assert cur.get_module(demo_db, module.id).required is not module.data.required
    editor.undo_stack.undo()
    assert cur.get_module(demo_db, module.id) == module.data
    # A semester with modules is kept when the coordinator says no.
    editor.ask = lambda *_args: False
    editor.semesters.selectRow(0)
    editor.remove_semester_action.trigger()
    assert len(cur.load_curriculum(demo_db, _programme_id(demo_db)).semesters) == editor.semesters.rowCount()


def test_semesters_are_added_in_a_dialog_that_reports_overlaps(qtbot, editor: CurriculumEditor, demo_db) -> None:
    programme_id = _programme_id(demo_db)
    view = cur.load_curriculum(demo_db, programme_id)
    dialog = editor.add_semester()
    first = view.semesters[0].data
    dialog.start.setDate(first.start_date)
    dialog.end.setDate(first.end_date)
    _ok(dialog)
    assert dialog.isVisible() and "overlap semester 1" in dialog.error_label.text()
    assert len(cur.load_curriculum(demo_db, programme_id).semesters) == len(view.semesters)
    dialog.reject()


# --- the page in the main window -----------------------------------------------------------------------------


def test_new_and_duplicated_programmes_from_the_page_are_undoable(qtbot, opened_window: MainWindow) -> None:
    window = opened_window
    window.nav.setCurrentRow(0)
    page = window.page_at(0)
    qtbot.waitUntil(lambda: not page._stale and page.programmes.model is not None)
    db = window.db
    source_id = page.current_programme_id()
    assert page.duplicate_action.isEnabled()
    dialog = page.duplicate_programme()
    dialog.name.setText("Lederutvikling kull 2")
    dialog.start.setDate(date(2030, 1, 7))
    _ok(dialog)
    copy_id = page.current_programme_id()
    assert copy_id != source_id
    assert page.editor.programme_id == copy_id
    assert page.editor.model.rowCount() == len(cur.load_curriculum(db, source_id).modules)
    assert cur.get_programme(db, copy_id).start_date == date(2030, 1, 7)
    assert page.programmes.model.total == 2
    dialog = page.new_programme()
    dialog.name.setText("Chefsdagen")
    _ok(dialog)
    assert cur.get_programme(db, page.current_programme_id()).name == "Chefsdagen"
    assert page.editor.model.rowCount() == 0 and page.editor.modules.empty_label.isVisible()
    page.editor.undo_stack.undo()
    page.editor.undo_stack.undo()
    assert page.programmes.model.total == 1
    assert page.current_programme_id() == source_id == page.editor.programme_id
    page.editor.undo_stack.redo()
    assert page.programmes.model.total == 2 and page.current_programme_id() == copy_id


def test_an_undo_the_data_no_longer_allows_is_reported_and_the_history_cleared(
    qtbot, editor: CurriculumEditor, demo_db
) -> None:
    programme_id = _programme_id(demo_db)
    before = _order(demo_db, programme_id)
    unused = next(m for m in editor.model.view.modules if not m.session_count)
    editor.select_module(unused.id)
    table = editor.modules.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert unused.id not in _order(demo_db, programme_id)
    row = before.index(unused.id)
    assert editor.current_module_id() == _order(demo_db, programme_id)[min(row, len(before) - 2)]  # its neighbour
    # Meanwhile someone else fills the place: the undo cannot put the module back at its id.
    snapshot = editor.undo_stack.command(0).snapshot
    cur.restore_module(demo_db, snapshot)
    editor.undo_action.trigger()
    assert editor.message_label.isVisible() and editor.message_label.text()
    qtbot.waitUntil(lambda: editor.undo_stack.count() == 0)
    assert _order(demo_db, programme_id) == before
    assert not editor.undo_action.isEnabled()
