"""The attendance register grid: the model alone, keyboard filling on the view, the page and its dialog."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from tillitsleder import lookups
from tillitsleder.attendance.register import (
    Register,
    RegisterParticipant,
    RegisterSession,
    StatusInfo,
    load_register,
)
from tillitsleder.attendance.rules import SessionState
from tillitsleder.errors import ValidationError
from ui.attendance.register_display import short_codes
from ui.attendance.register_model import FIRST_SESSION, RegisterModel
from ui.attendance.register_view import RegisterView

T = datetime(2026, 1, 5, 8, tzinfo=UTC)
STATUSES = [
    StatusInfo(11, 1, "present", "Til stede", Decimal(1), 0),
    StatusInfo(12, 1, "late", "Forsinket", Decimal("0.75"), 1),
    StatusInfo(13, 1, "excused", "Gyldig fravær", Decimal(0), 2),
    StatusInfo(14, 1, "absent", "Fravær", Decimal(0), 3),
    StatusInfo(15, 1, "partial", "Delvis til stede", Decimal("0.5"), 4),
]


def small_register() -> Register:
    states = [SessionState.HELD, SessionState.HELD, SessionState.CANCELLED, SessionState.TO_COME]
    status = {SessionState.HELD: "held", SessionState.CANCELLED: "cancelled", SessionState.TO_COME: "planned"}
    sessions = [RegisterSession(100 + i, f"S{i}", T, T, status[state], state) for i, state in enumerate(states)]
    people = [RegisterParticipant(1 + i, f"P{i}", f"L{i}", "active") for i in range(3)]
    return Register(1, "Kull", 1, "Europe/Oslo", Decimal("0.8"), STATUSES, people, sessions, {(1, 100): 11})


class Recorder:
    def __init__(self, refuse: bool = False) -> None:
        self.calls: list[list] = []
        self.refuse = refuse

    def __call__(self, changes) -> None:
        if self.refuse:
            from tillitsleder.i18n import N_

            raise ValidationError(N_("Refused."), field="x")
        self.calls.append(list(changes))


def test_short_codes_are_unique_prefixes() -> None:
    assert short_codes(["Present", "Late", "Excused absence", "Absent", "Partially attended"]) == [
        "Pr", "L", "E", "A", "Pa"
    ]
    assert short_codes(["Til stede", "Forsinket", "Gyldig fravær", "Fravær", "Delvis til stede"]) == [
        "T", "Fo", "G", "Fr", "D"
    ]


def test_default_statuses_and_their_codes_follow_the_language_renamed_ones_stay(qapp) -> None:
    from dataclasses import replace

    from tillitsleder.i18n import set_language

    register = small_register()
    register = replace(register, statuses=[*register.statuses[:4], replace(register.statuses[4], label="Halv dag")])
    assert RegisterModel(register, save=Recorder()).short == ["P", "L", "E", "A", "H"]
    set_language("nb")
    model = RegisterModel(register, save=Recorder())
    assert model.short == ["T", "Fo", "G", "Fr", "H"]
    assert model.index(0, FIRST_SESSION).data(Qt.ItemDataRole.ToolTipRole) == "Til stede"


def test_model_data_flags_and_set_data(qapp) -> None:
    saved = Recorder()
    model = RegisterModel(small_register(), save=saved)
    assert (model.rowCount(), model.columnCount()) == (3, FIRST_SESSION + 4)
    first = model.index(0, FIRST_SESSION)
    # Default statuses stored in Norwegian read in the UI's language (English here) until renamed.
    assert first.data() == "Pr" and first.data(Qt.ItemDataRole.ToolTipRole) == "Present"
    assert first.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(0, 0).data() == "50%"  # present at 1 of 2 held
    assert model.index(0, FIRST_SESSION + 2).data() == "–"  # cancelled
    assert model.flags(first) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, FIRST_SESSION + 2)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert model.headerData(0, Qt.Orientation.Vertical) == "P0 L0"
    assert model.setData(model.index(0, FIRST_SESSION + 1), 11)
    assert saved.calls == [[(1, 101, 11)]]
    assert model.index(0, 0).data() == "100%"
    assert not model.setData(model.index(0, FIRST_SESSION + 1), 11)  # unchanged: nothing saved
    assert not model.setData(model.index(0, FIRST_SESSION + 2), 11)  # cancelled
    assert len(saved.calls) == 1
    # Three absences of four planned sessions (one cancelled, so three count): the minimum is out of reach.
    assert model.set_cells([(1, FIRST_SESSION, 14), (1, FIRST_SESSION + 1, 14)]) == 2
    assert model.headerData(1, Qt.Orientation.Vertical, Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(1, 1).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.DecorationRole) is None
    assert model.at_risk_count() == 2  # and P2, who has nothing at the two held sessions


def test_a_refused_save_changes_nothing_in_the_model(qapp) -> None:
    model = RegisterModel(small_register(), save=Recorder(refuse=True))
    with pytest.raises(ValidationError):
        model.set_cells([(0, FIRST_SESSION, 14)])
    assert model.index(0, FIRST_SESSION).data() == "Pr"


@pytest.fixture
def grid(qtbot):
    saved = Recorder()
    view = RegisterView()
    qtbot.addWidget(view)
    view.setModel(RegisterModel(small_register(), save=saved))
    view.resize(800, 300)
    view.show()
    qtbot.waitExposed(view)
    return view, saved


def test_keys_set_move_clear_and_cycle(grid) -> None:
    view, saved = grid
    model = view.model()
    view.setCurrentIndex(model.index(0, FIRST_SESSION + 1))
    QTest.keyClick(view, Qt.Key.Key_2)  # late, then down
    assert model.status_at(0, FIRST_SESSION + 1) == 12
    assert view.currentIndex().row() == 1
    QTest.keyClick(view, "a")  # absent by its code's first letter
    assert model.status_at(1, FIRST_SESSION + 1) == 14 and view.currentIndex().row() == 2
    QTest.keyClick(view, Qt.Key.Key_Up)
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert model.status_at(1, FIRST_SESSION + 1) is None
    QTest.keyClick(view, Qt.Key.Key_Space)
    QTest.keyClick(view, Qt.Key.Key_Space)
    assert model.status_at(1, FIRST_SESSION + 1) == 12  # empty → present → late
    assert view.currentIndex().row() == 1
    assert len(saved.calls) == 5 and all(len(call) == 1 for call in saved.calls)  # one save per action


def test_a_selection_is_filled_in_one_save(grid) -> None:
    view, saved = grid
    model = view.model()
    view.setCurrentIndex(model.index(0, FIRST_SESSION))
    QTest.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(view, Qt.Key.Key_3)
    assert saved.calls == [[(1, 100, 13), (1, 101, 13), (2, 100, 13), (2, 101, 13)]]
    assert view.currentIndex().row() == 1  # a block stays selected


def test_copy_and_paste_a_block(grid) -> None:
    view, saved = grid
    model = view.model()
    model.set_cells([(0, FIRST_SESSION + 1, 15)])
    view.setCurrentIndex(model.index(0, FIRST_SESSION))
    QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "Present\tPartially attended"
    QTest.keyClick(view, Qt.Key.Key_Down)
    QTest.keyClick(view, Qt.Key.Key_Down)
    QTest.keyClick(view, Qt.Key.Key_Left)
    assert view.selectionModel().selectedIndexes() == [model.index(2, FIRST_SESSION)]
    QTest.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert (model.status_at(2, FIRST_SESSION), model.status_at(2, FIRST_SESSION + 1)) == (11, 15)
    problems: list[str] = []
    view.problem.connect(problems.append)
    assert view.paste("nonsense") is None and "nonsense" in problems[0]
    select = view.selectionModel().SelectionFlag.ClearAndSelect
    view.selectionModel().setCurrentIndex(model.index(1, FIRST_SESSION + 2), select)  # a cancelled session
    QTest.keyClick(view, Qt.Key.Key_1)
    assert "cancelled" in problems[-1] and model.status_at(1, FIRST_SESSION + 2) is None


def visit_register(qtbot, window):
    from ui.pages.attendance import AttendancePage

    row = window.row_of(AttendancePage)
    window.nav.setCurrentRow(row)
    page = window.current_page()
    qtbot.waitUntil(lambda: page.isVisible() and page.register is not None and page.register.model is not None)
    return page


def test_filling_the_register_by_keyboard_changes_the_database(qtbot, opened_window) -> None:
    window = opened_window
    page = visit_register(qtbot, window)
    widget = page.register
    view, model = widget.view, widget.model
    cohort = lookups.cohort_options(window.db)[0].id
    register = model.register
    assert model.rowCount() == 40 and model.columnCount() == FIRST_SESSION + 23
    # The first planned (future) session: empty in the demo.
    column = FIRST_SESSION + next(i for i, s in enumerate(register.sessions) if not s.held and not s.cancelled)
    view.setFocus()
    view.setCurrentIndex(model.index(0, column))
    for key in (Qt.Key.Key_1, Qt.Key.Key_4, Qt.Key.Key_5):
        QTest.keyClick(view, key)
    fresh = load_register(window.db, cohort)
    session_id = register.sessions[column - FIRST_SESSION].id
    codes = {s.id: s.code for s in fresh.statuses}
    assert [codes.get(fresh.cell(p.enrolment_id, session_id)) for p in fresh.participants[:4]] == [
        "present", "absent", "partial", None,
    ]  # fmt: skip
    assert widget.note.text() == "1 cell saved."
    QTest.keyClick(view, Qt.Key.Key_Up)
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert load_register(window.db, cohort).cell(fresh.participants[2].enrolment_id, session_id) is None
    assert "cannot reach the minimum" in widget.summary.text()
    view.scrollToBottom()  # the totals beside the grid follow its rows
    assert widget.totals.verticalScrollBar().value() == view.verticalScrollBar().value() > 0


def test_export_buttons_write_files(qtbot, opened_window, tmp_path: Path) -> None:
    page = visit_register(qtbot, opened_window)
    widget = page.register
    assert widget.xlsx_button.isEnabled() and widget.csv_button.isEnabled()
    for name in ("register.xlsx", "register.csv"):
        with qtbot.waitSignal(widget.exported, timeout=20_000):
            widget.export_to(tmp_path / name)
        assert (tmp_path / name).stat().st_size > 0


def test_statuses_dialog_edits_and_refuses(qtbot, demo_db) -> None:
    from ui.attendance.statuses_dialog import StatusesDialog

    programme = lookups.programme_options(demo_db)[0].id
    dialog = StatusesDialog(demo_db, programme)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 5
    assert not dialog.delete_button.isEnabled()  # "present" is in use
    assert not dialog.save_button.isEnabled() and not dialog.up_button.isEnabled()
    dialog.code.setText("remote")
    dialog.label.setText("Deltok digitalt")
    dialog.weight.setValue(90)
    assert dialog.add()
    assert dialog.table.rowCount() == 6 and dialog.selected().code == "remote"
    assert dialog.delete_button.isEnabled()
    assert dialog.move(-1) and [s.code for s in dialog.statuses][4] == "remote"
    dialog.code.setText("late")
    assert not dialog.save()
    assert "already has a status" in dialog.message.text()
    dialog.code.setText("remote")
    assert dialog.delete()
    assert dialog.table.rowCount() == 5 and dialog.changed


def test_f2_opens_a_status_menu_that_sets_the_cell(grid, monkeypatch) -> None:
    from PySide6.QtWidgets import QMenu

    view, saved = grid
    model = view.model()
    opened: list[QMenu] = []
    monkeypatch.setattr(view, "open_menu", lambda menu, _position: opened.append(menu))
    view.setCurrentIndex(model.index(1, FIRST_SESSION))
    QTest.keyClick(view, Qt.Key.Key_F2)
    assert len(opened) == 1
    menu = view.status_menu(model.index(1, FIRST_SESSION))
    assert [a.text() for a in menu.actions()][:2] == ["&1  Pr – Present", "&2  L – Late"]
    assert menu.actions()[-1].text() == "Clear"
    menu.actions()[4].trigger()
    assert model.status_at(1, FIRST_SESSION) == 15 and saved.calls[-1] == [(2, 100, 15)]
    view.status_menu(model.index(1, FIRST_SESSION)).actions()[-1].trigger()
    assert model.status_at(1, FIRST_SESSION) is None


def test_a_language_switch_rebuilds_headers_and_keeps_the_cell(qtbot, opened_window, switcher) -> None:
    page = visit_register(qtbot, opened_window)
    widget = page.register
    widget.view.setCurrentIndex(widget.model.index(3, FIRST_SESSION + 2))
    english = widget.model.headerData(FIRST_SESSION, Qt.Orientation.Horizontal)
    switcher.switch("nb")
    qtbot.waitUntil(lambda: widget.model.headerData(FIRST_SESSION, Qt.Orientation.Horizontal) != english)
    assert "." in widget.model.headerData(FIRST_SESSION, Qt.Orientation.Horizontal)  # 11.09.2025
    assert (widget.view.currentIndex().row(), widget.view.currentIndex().column()) == (3, FIRST_SESSION + 2)
    assert widget.totals.model() is widget.model


def just_after_the_next_session(db, cohort_id: int) -> datetime:
    """A minute after the demo's first planned session has ended: that one session is to be registered."""
    from sqlalchemy import select

    from tillitsleder.model import Session

    with db.read() as s:
        ends = s.scalar(
            select(Session.ends_at)
            .where(Session.cohort_id == cohort_id, Session.status == "planned")
            .order_by(Session.starts_at)
            .limit(1)
        )
    return ends + timedelta(minutes=1)


def test_sessions_to_be_registered_are_counted_above_the_grid_and_on_the_start_area(
    qtbot, switcher, demo_db_path
) -> None:
    from tillitsleder import clock
    from tillitsleder.i18n import format_share
    from tillitsleder.storage import open_database
    from ui.attendance.register_widget import RegisterWidget
    from ui.pages.programmes import ProgrammesPage

    db = open_database(demo_db_path)
    try:
        cohort = lookups.cohort_options(db)[0].id
        with clock.frozen_at(just_after_the_next_session(db, cohort)):
            widget = RegisterWidget()
            qtbot.addWidget(widget)
            widget.show()
            widget.load(db, cohort)
            qtbot.waitUntil(widget.to_register.isVisible)
            assert widget.to_register.text().startswith("1 session to be registered")
            page = ProgrammesPage()
            qtbot.addWidget(page)
            page.show()
            page.set_database(db)
            cohort_name = widget.register.cohort_name
            qtbot.waitUntil(page.to_register.isVisible)
            assert page.to_register.text() == f"1 session to be registered in the attendance register ({cohort_name})."
            switcher.switch("nb")
            qtbot.waitUntil(lambda: widget.to_register.text().startswith("1 samling må registreres:"))
            qtbot.waitUntil(lambda: page.to_register.text().startswith("1 samling må registreres i oppmøtelisten"))
            switcher.switch("en")
            qtbot.waitUntil(lambda: widget.to_register.text().startswith("1 session"))
            # Recording attendance at that session registers it: it is held and counts for everyone.
            column = FIRST_SESSION + next(i for i, s in enumerate(widget.register.sessions) if s.to_be_registered)
            other = widget.register.participants[1].enrolment_id
            held_before = widget.register.summary(other).held
            widget.model.set_cells([(0, column, widget.model.status_ids[0])])
            assert not widget.to_register.isVisible() and widget.register.to_be_registered == 0
            assert load_register(db, cohort).to_be_registered == 0
            assert widget.register.summary(other).held == held_before + 1  # held now counts for the others too
            shown = format_share(widget.register.summary(other).share_so_far)
            assert widget.model.index(1, 0).data() == shown
            page._read_to_register()
            assert not page.to_register.isVisible()
    finally:
        db.close()
