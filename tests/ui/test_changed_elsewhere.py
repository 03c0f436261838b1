"""Someone else saves between this user's load and save: the session dialog and the attendance grid refuse the save
with who and when, show the newer values, and save the user's other cells (the grid merges per cell)."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from tillitsleder import clock, lookups
from tillitsleder.attendance.register import load_register, set_attendance
from tillitsleder.i18n import format_time
from tillitsleder.model import Person, Session
from tillitsleder.sessions import scheduling as svc
from ui.attendance.register_model import FIRST_SESSION
from ui.pages.attendance import AttendancePage
from ui.sessions.session_dialog import Mode, SessionDialog

SHOTS = os.environ.get("TILLITSLEDER_SHOTS", "/tmp")


def at(hour: int, minute: int) -> datetime:
    day = clock.today()
    return datetime(day.year, day.month, day.day, hour, minute).astimezone()


def someone(db) -> tuple[int, str]:
    with db.read() as s:
        person = s.execute(select(Person.id, Person.first_name, Person.last_name).order_by(Person.id)).first()
    return person.id, f"{person.first_name} {person.last_name}"


def test_session_dialog_reloads_the_newer_values_and_says_who_saved_them(qtbot, demo_db) -> None:
    with demo_db.read() as s:
        session_id, cohort_id = s.execute(
            select(Session.id, Session.cohort_id).where(Session.status == "planned").order_by(Session.starts_at)
        ).first()
    dialog = SessionDialog(demo_db, cohort_id, Mode.RESCHEDULE, session_id=session_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.title_edit.setText("Min tittel")  # the user edits …
    other, name = someone(demo_db)
    seen = svc.session_details(demo_db, session_id)  # … while someone else saves the same session at 14:32
    with clock.frozen_at(at(14, 32)):
        svc.reschedule_session(
            demo_db, session_id, replace(seen.plan, title="Den andres tittel"), actor_id=other,
            seen_version=seen.version,
        )  # fmt: skip
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.outcome is None  # refused, still open
    expected = (
        f"Changed by {name} at {format_time(at(14, 32))} — your changes were not saved; the newer values are shown."
    )
    assert dialog.changed_label.isVisible() and dialog.changed_label.text() == expected
    assert dialog.form.title_edit.text() == "Den andres tittel"  # the newer values in the form
    dialog.grab().save(f"{SHOTS}/changed_elsewhere_session.png")
    qtbot.wait(400)  # the conflict check (its timer) has run again
    assert dialog.changed_label.isVisible()  # the re-check keeps the message
    dialog.form.title_edit.setText("Min tittel")  # saving again now saves over the newer values, knowingly
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome is not None
    after = svc.session_details(demo_db, session_id)
    assert after.plan.title == "Min tittel" and after.version == seen.version + 2


def visit_register(qtbot, window) -> AttendancePage:
    window.nav.setCurrentRow(window.row_of(AttendancePage))
    page = window.current_page()
    qtbot.waitUntil(lambda: page.isVisible() and page.register is not None and page.register.model is not None)
    return page


def test_attendance_grid_keeps_the_other_persons_mark_saves_the_rest_and_says_who(qtbot, opened_window) -> None:
    window = opened_window
    widget = visit_register(qtbot, window).register
    view, model = widget.view, widget.model
    cohort = lookups.cohort_options(window.db)[0].id
    register = model.register
    index = next(i for i, s in enumerate(register.sessions) if not s.held and not s.cancelled)
    column, session_id = FIRST_SESSION + index, register.sessions[index].id
    first, second = (register.participants[i].enrolment_id for i in (0, 1))
    codes = {status.code: status.id for status in register.statuses}
    other, name = someone(window.db)
    # Someone else marks the first participant "present" at 09:05, after this grid was read.
    with clock.frozen_at(at(9, 5)):
        change = [(first, session_id, codes["present"])]
        set_attendance(window.db, cohort, change, seen=load_register(window.db, cohort).seen(change), actor_id=other)
    # This user selects the first two participants' cells and presses 4 (absent): one save of two cells.
    view.setFocus()
    view.setCurrentIndex(model.index(0, column))
    view.selectionModel().select(model.index(1, column), view.selectionModel().SelectionFlag.Select)
    with qtbot.waitSignal(widget.loaded, timeout=20_000):  # the grid reloads to show the newer mark
        QTest.keyClick(view, Qt.Key.Key_4)
    fresh = load_register(window.db, cohort)
    assert fresh.cell(first, session_id) == codes["present"]  # the other person's mark stands
    assert fresh.cell(second, session_id) == codes["absent"]  # this user's other cell was saved
    model = widget.model
    assert model.status_at(0, column) == codes["present"] and model.status_at(1, column) == codes["absent"]
    assert widget.message.text() == (
        f"Changed by {name} at {format_time(at(9, 5))} — your changes were not saved; the newer values are shown."
    )
    widget.grab().save(f"{SHOTS}/changed_elsewhere_grid.png")
    # The reloaded grid knows the new versions: changing the cell again now saves.
    view.setCurrentIndex(model.index(0, column))
    QTest.keyClick(view, Qt.Key.Key_4)
    assert load_register(window.db, cohort).cell(first, session_id) == codes["absent"]


def test_module_dialog_fills_in_the_newer_values_and_an_undo_never_overwrites_a_later_change(qtbot, demo_db) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from tillitsleder import curriculum as cur
    from tillitsleder.model import Programme
    from ui.curriculum.editor import CurriculumEditor

    editor = CurriculumEditor()
    qtbot.addWidget(editor)
    editor.resize(1100, 600)
    editor.set_database(demo_db)
    with demo_db.read() as s:
        editor.show_programme(s.scalar(select(Programme.id)))
    editor.show()
    module = editor.model.module(0)
    editor.select_module(module.id)
    dialog = editor.edit_module()
    dialog.title.setText("Mitt navn på modulen")
    cur.update_module(demo_db, module.id, replace(cur.get_module(demo_db, module.id), title="Den andres navn"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and dialog.error_label.text().startswith("Changed by a coordinator at ")
    assert dialog.title.text() == "Den andres navn" and editor.undo_stack.count() == 0
    dialog.grab().save(f"{SHOTS}/changed_elsewhere_module.png")
    dialog.required.setChecked(not module.data.required)  # saving again builds on the newer values
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    saved = cur.get_module(demo_db, module.id)
    assert (saved.title, saved.required) == ("Den andres navn", not module.data.required)
    # Someone changes it again; the undo of this user's edit would overwrite that: refused and reported.
    cur.update_module(demo_db, module.id, replace(saved, objectives="Nye mål"))
    editor.undo_action.trigger()
    assert editor.message_label.text().startswith("Changed by a coordinator at ")
    qtbot.waitUntil(lambda: editor.undo_stack.count() == 0)
    assert cur.get_module(demo_db, module.id).objectives == "Nye mål"
