"""The "Meetings and notes" panel shows each profile what the table allows, and nothing more."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from sqlalchemy import select

from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.group_notes.meeting_edits import ActionDraft, MeetingDraft, StepDraft, save_meeting
from tillitsleder.group_notes.meetings import load_meeting
from tillitsleder.lookups import cohort_options
from tillitsleder.model import Enrolment, Facilitator, GroupMeeting, ReflectionGroup, group_member
from tillitsleder.model.enums import ActionStatus
from tillitsleder.storage import Database, open_database
from ui.group_notes.meetings_panel import MeetingsPanel
from ui.widgets.cohort_picker import CohortSelection

CANARY = "KANARI-4471-hemmelig"


def all_texts(root: QWidget) -> str:
    """Every text a person could read in ``root``'s widget tree, hidden widgets included."""
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        texts.append(widget.toolTip())
        if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QListWidget):
            texts += [widget.item(i).text() for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QListWidget) and widget.model():
            model = widget.model()
            for row in range(model.rowCount(QModelIndex())):
                for column in range(model.columnCount(QModelIndex())):
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        texts.append(str(model.data(model.index(row, column), role) or ""))
    return "\n".join(texts)


@pytest.fixture
def db(demo_db_path: Path) -> Iterator[Database]:
    database = open_database(demo_db_path)
    yield database
    database.close()


@pytest.fixture
def secret(db: Database) -> dict:
    """The first group's latest meeting gets the canary in a note and an action; returns the people around it."""
    with db.read() as s:
        group = s.scalars(select(ReflectionGroup).order_by(ReflectionGroup.id)).first()
        facilitator = s.scalar(select(Facilitator.person_id).where(Facilitator.id == group.facilitator_id))
        meeting = s.scalar(
            select(GroupMeeting.id).where(GroupMeeting.group_id == group.id).order_by(GroupMeeting.held_on.desc())
        )
        member = s.scalar(
            select(Enrolment.person_id)
            .join(group_member, group_member.c.enrolment_id == Enrolment.id)
            .where(group_member.c.group_id == group.id)
        )
        cohort, group_id = group.round.cohort_id, group.id
    actor = Actor.facilitator(facilitator)
    view = load_meeting(db, actor, meeting)
    notes = tuple(
        StepDraft(n.step, n.prompt, n.time_box_minutes, n.content, n.theme, n.theme_shareable) for n in view.notes
    )
    notes = (StepDraft(notes[0].step, notes[0].prompt, 5, f"Skrev ned: {CANARY}"), *notes[1:])
    owner = view.group.members[0].enrolment_id
    action = ActionDraft(f"Følge opp {CANARY}", owner, view.held_on + timedelta(days=21), ActionStatus.OPEN)
    draft = MeetingDraft(view.held_on, tuple(view.attendee_ids), view.facilitator_id, notes, (action,))
    save_meeting(db, actor, group_id, draft, meeting)
    return {"group": group_id, "meeting": meeting, "facilitator": facilitator, "member": member, "cohort": cohort}


@pytest.fixture
def panel(qtbot, db: Database, secret: dict, clock_day: date) -> MeetingsPanel:
    selection = CohortSelection()
    selection.set_options(cohort_options(db))
    selection.select(secret["cohort"])
    widget = MeetingsPanel(selection, today=clock_day)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.set_database(db)
    widget.show()
    return widget


def test_coordinator_never_sees_note_content(panel: MeetingsPanel, secret: dict) -> None:
    assert panel.selection.actor == COORDINATOR
    assert panel.group_combo.count() >= 2  # every group, as meta
    panel.group_combo.setCurrentIndex(panel.group_combo.findData(secret["group"]))
    assert panel.editor.view is not None and panel.editor.view.id == secret["meeting"]
    assert CANARY not in all_texts(panel)
    assert not panel.editor.steps[0].isVisibleTo(panel) and not panel.editor.actions_box.isVisibleTo(panel)
    assert panel.editor.hidden_note.isVisibleTo(panel)
    assert panel.shared_box.isVisibleTo(panel) and panel.shared_list.count() > 0
    assert panel.editor.attendee_boxes and all(box.isEnabled() for box in panel.editor.attendee_boxes.values())


def test_facilitator_sees_and_edits_the_note(qtbot, panel: MeetingsPanel, db: Database, secret: dict) -> None:
    panel.selection.set_actor(Actor.facilitator(secret["facilitator"]))
    assert panel.group_combo.count() == 1 and panel.current_group().id == secret["group"]
    assert not panel.shared_box.isVisibleTo(panel)
    editor = panel.editor
    assert CANARY in editor.steps[0].content.toPlainText()
    assert any(CANARY in row.description for row in editor.actions.rows)
    assert not editor.steps[0].content.isReadOnly()
    editor.steps[2].content.setPlainText("Oppsummert av fasilitatoren")
    editor.steps[2].theme.setText("Delt tema fra testen")
    editor.steps[2].shareable.setChecked(True)
    status = editor.actions.index(len(editor.actions.rows) - 1, 3)
    assert editor.actions.setData(status, ActionStatus.DONE.value)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.message.text() == ""
    stored = load_meeting(db, Actor.facilitator(secret["facilitator"]), secret["meeting"])
    assert stored.notes[2].content == "Oppsummert av fasilitatoren"
    assert stored.actions[-1].status is ActionStatus.DONE
    # Back to the coordinator: nothing of the facilitator's view is left, the shared theme is.
    panel.selection.set_actor(COORDINATOR)
    texts = all_texts(panel)
    assert CANARY not in texts and "Oppsummert av fasilitatoren" not in texts
    assert "Delt tema fra testen" in texts


def test_member_reads_but_cannot_edit(panel: MeetingsPanel, secret: dict) -> None:
    panel.selection.set_actor(Actor.participant(secret["member"]))
    editor = panel.editor
    assert [g.id for g in panel.groups] == [secret["group"]]
    assert CANARY in editor.steps[0].content.toPlainText()
    assert editor.steps[0].content.isReadOnly() and not editor.save_button.isVisibleTo(panel)
    assert not panel.new_button.isEnabled()


def test_facilitator_of_another_group_sees_nothing_of_it(panel: MeetingsPanel, db: Database, secret: dict) -> None:
    with db.read() as s:
        other = s.scalar(
            select(Facilitator.person_id)
            .join(ReflectionGroup, ReflectionGroup.facilitator_id == Facilitator.id)
            .where(ReflectionGroup.id != secret["group"], Facilitator.person_id != secret["facilitator"])
        )
    panel.selection.set_actor(Actor.facilitator(other))
    assert secret["group"] not in [g.id for g in panel.groups]
    assert CANARY not in all_texts(panel)


def test_a_new_meeting_shows_the_carried_over_actions(
    panel: MeetingsPanel, db: Database, secret: dict, clock_day: date
) -> None:
    panel.selection.set_actor(Actor.facilitator(secret["facilitator"]))
    before = panel.meeting_list.count()
    panel.start_new_meeting()
    editor = panel.editor
    assert editor.view is not None and editor.view.id is None
    carried = [row for row in editor.actions.rows if row.agreed_on is not None]
    assert any(CANARY in row.description for row in carried)
    editor.steps[0].content.setPlainText("Første runde")
    assert editor.save()
    assert panel.meeting_list.count() == before + 1
    assert panel.editor.view.id is not None and panel.editor.view.held_on == clock_day


def test_leaving_unsaved_changes_asks_first(monkeypatch, panel: MeetingsPanel, db: Database, secret: dict) -> None:
    panel.selection.set_actor(Actor.facilitator(secret["facilitator"]))
    answers: list[QMessageBox.StandardButton] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: answers.pop(0))
    editor = panel.editor
    editor.steps[1].content.setPlainText("Endret, ikke lagret")
    answers.append(QMessageBox.StandardButton.Cancel)
    panel.meeting_list.setCurrentRow(1)
    assert panel.meeting_list.currentRow() == 0 and editor.view.id == secret["meeting"]
    assert editor.steps[1].content.toPlainText() == "Endret, ikke lagret"
    answers.append(QMessageBox.StandardButton.Save)
    panel.meeting_list.setCurrentRow(1)
    assert editor.view.id != secret["meeting"] and not answers
    stored = load_meeting(db, Actor.facilitator(secret["facilitator"]), secret["meeting"])
    assert stored.notes[1].content == "Endret, ikke lagret"
    panel.meeting_list.setCurrentRow(0)  # nothing changed: no question (an empty answer list would raise)
    assert editor.view.id == secret["meeting"]


def test_the_reflection_groups_area_has_the_tab(qtbot, opened_window) -> None:
    from ui.pages.groups import GroupsPage

    window = opened_window
    row = window.row_of(GroupsPage)
    window.nav.setCurrentRow(row)
    page = window.page_at(row)
    page.tabs.setCurrentWidget(page.meeting_notes)
    panel = page.meeting_notes
    qtbot.waitUntil(lambda: panel.group_combo.count() > 0)
    assert page.tabs.tabText(page.tabs.currentIndex()) == "Meetings and notes"
    assert panel.editor.view is not None and panel.editor.view.notes == ()  # the coordinator: meta only
    assert panel.shared_list.count() > 0
