"""The group board: propose off the GUI thread, move by keyboard and by drop, live warnings, save, late joiners,
rename and delete a saved round (delete asks first)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QLabel, QMessageBox, QPushButton

from tillitsleder.access import Actor
from tillitsleder.enrolment.cohorts import enrol
from tillitsleder.groups import rounds as groups
from tillitsleder.lookups import cohort_options
from tillitsleder.model import (
    Cohort,
    Department,
    Enrolment,
    GroupMeeting,
    GroupNote,
    Municipality,
    Person,
    Programme,
    ReflectionGroup,
    Unit,
)
from tillitsleder.storage import Database, open_database
from ui.groups.board_widget import GroupBoardTab
from ui.groups.group_card import member_mime
from ui.groups.move_dialog import MoveDialog
from ui.pages.groups import GroupsPage
from ui.widgets.cohort_picker import CohortSelection

UNITS = ["Ljabru barnehage", "Helsestasjon", "NAV Nordstrand", "Boligkontoret"]


def build(path: Path) -> None:
    """16 participants, four from each of four units in two departments, leader levels 1-4."""
    database = open_database(path)
    with database.session() as s:
        town = Municipality(name="Bydel Nordstrand")
        s.add(town)
        s.flush()
        units = []
        for name in UNITS:
            department = s.query(Department).filter_by(name="Oppvekst" if len(units) < 2 else "Velferd").first()
            if department is None:
                department = Department(municipality_id=town.id, name="Oppvekst" if len(units) < 2 else "Velferd")
                s.add(department)
                s.flush()
            unit = Unit(department_id=department.id, name=name)
            s.add(unit)
            s.flush()
            units.append(unit.id)
        programme = Programme(municipality_id=town.id, name="LUP", start_date=date(2025, 1, 1),
                              end_date=date(2026, 12, 31))  # fmt: skip
        s.add(programme)
        s.flush()
        cohort = Cohort(programme_id=programme.id, name="Kull 1", start_date=date(2025, 1, 1))
        s.add(cohort)
        s.flush()
        for i in range(16):
            person = Person(first_name=f"Áslat{i:02d}", last_name=f"Hætta{i:02d}", unit_id=units[i % 4],
                            leader_level=1 + (i // 4) % 4)  # fmt: skip
            s.add(person)
            s.flush()
            s.add(Enrolment(cohort_id=cohort.id, person_id=person.id, unit_id=units[i % 4],
                            status_since=date(2025, 1, 1), enrolled_on=date(2025, 1, 1)))  # fmt: skip
    database.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("board") / "board.sqlite3"
    build(path)
    return path


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "board.sqlite3"
    shutil.copyfile(template, path)
    database = open_database(path)
    yield database
    database.close()


@pytest.fixture
def tab(qtbot, db) -> GroupBoardTab:
    return board_tab(qtbot, db)


def board_tab(qtbot, db: Database) -> GroupBoardTab:
    """The group board on ``db``'s first cohort, shown at 1200×800."""
    selection = CohortSelection()
    selection.set_options(cohort_options(db))
    widget = GroupBoardTab(selection)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show_cohort(db, selection.current)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def propose(qtbot, tab: GroupBoardTab, low: int = 4, high: int = 4, seed: int = 0) -> None:
    tab.min_size.setValue(low)
    tab.max_size.setValue(high)
    tab.seed = seed
    with qtbot.waitSignal(tab.boardShown, timeout=10_000):
        tab.propose_button.click()
        assert not tab.propose_button.isEnabled()  # composing runs off the GUI thread
    assert tab.board is not None and tab.board.round_id is None


def test_try_another_arrangement_composes_the_same_sizes_another_way(qtbot, tab) -> None:
    """No seed for the coordinator: a button composes again, differently, and only developer words are gone."""
    propose(qtbot, tab)
    first = [list(group.members) for group in tab.board.groups]
    texts = [widget.text() for widget in tab.findChildren(QLabel)] + [b.text() for b in tab.findChildren(QPushButton)]
    assert not any("seed" in text.lower() or "penalty" in text.lower() for text in texts)
    assert tab.another_button.text().replace("&", "") == "Try another arrangement"
    with qtbot.waitSignal(tab.boardShown, timeout=10_000):
        tab.another_button.click()
    assert tab.seed == 1 and tab.board.round_id is None
    assert [list(group.members) for group in tab.board.groups] != first
    assert all(len(group.members) == 4 for group in tab.board.groups)


def warnings(tab: GroupBoardTab) -> list[str]:
    return [tab.warnings.item(row).text() for row in range(tab.warnings.count())]


def member_names(tab: GroupBoardTab, card: int) -> list[str]:
    members = tab.cards[card].members
    return [members.item(row).text().split("\n")[0] for row in range(members.count())]


def test_propose_shows_cards_with_members_units_and_scores(qtbot, tab) -> None:
    assert tab.empty.isVisible() and "Propose" in tab.empty.text()
    assert tab.rounds.currentText() == "No saved rounds yet" and not tab.save_button.isEnabled()
    propose(qtbot, tab)
    board = tab.board
    assert len(tab.cards) == 4 and tab.scroll.isVisible() and not tab.empty.isVisible()
    for card, group in zip(tab.cards, board.groups, strict=True):
        assert member_names(tab, tab.cards.index(card)) == [board.people[m].name for m in group.members]
        assert card.heading.text().endswith("· 4 people") and "Well mixed" in card.score_label.text()
        units = {board.people[m].unit for m in group.members}
        assert units == set(UNITS)  # one from each unit
    first_card = [tab.cards[0].members.item(row).text() for row in range(4)]
    assert any(text.endswith("\nLjabru barnehage · Oppvekst") for text in first_card)
    assert warnings(tab) == ["No warnings: every group is within size, without same-unit pairs or repeats."]
    assert tab.summary.text() == "16 participants in 4 groups · same-unit pairs: 0 · repeated pairs: 0"
    assert tab.rounds.currentText() == "New proposal (not saved)" and tab.save_button.isEnabled()


def test_move_with_the_keyboard_action_warns_live(qtbot, tab) -> None:
    propose(qtbot, tab)
    source = tab.cards[0].members
    source.setFocus()
    source.setCurrentRow(0)
    mover = source.current_enrolment()
    QTest.keyClick(source, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    dialog = tab.findChild(MoveDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.target.count() == 3  # the other groups
    assert dialog.target.itemText(0).endswith("– suggested")
    assert dialog.why.text().startswith("In this group: someone from the same unit is already there")
    dialog.choose(2)
    assert dialog.target.currentText().startswith("Group 3 (4 people)")
    with qtbot.waitSignal(tab.boardShown):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert tab.board.group_of(mover) == 2
    texts = warnings(tab)
    unit = tab.board.people[mover].unit
    assert "Group 1: 3 people, wanted 4." in texts and "Group 3: 5 people, wanted 4." in texts
    assert f"Group 3: 2 people from {unit}." in texts
    assert "Too large: 5 people, at most 4 wanted." in tab.cards[2].reasons.text()
    assert tab.cards[2].members.currentItem().data(Qt.ItemDataRole.UserRole) == mover  # focus follows the member
    assert tab.cards[2].members.currentItem().toolTip().endswith(".")
    assert "Same unit as" in tab.cards[2].members.currentItem().toolTip()


def test_a_drop_moves_the_member_and_a_refused_drop_changes_nothing(qtbot, tab) -> None:
    propose(qtbot, tab)
    mover = tab.board.groups[3].members[1]
    target = tab.cards[1].members
    mime = member_mime(mover)  # the event does not own it: keep it alive
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction  # what a member list's drag offers
    event = QDropEvent(QPointF(10, 10), actions, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)  # fmt: skip
    with qtbot.waitSignal(tab.boardShown):
        target.dropEvent(event)
    assert event.isAccepted() and event.dropAction() == Qt.DropAction.CopyAction
    assert tab.board.group_of(mover) == 1
    assert [len(g.members) for g in tab.board.groups] == [4, 5, 4, 3]
    assert len(warnings(tab)) == 3  # two sizes and one same-unit pair
    # Something that is not a member is refused, and nothing moves.
    text = QMimeData()
    text.setText(str(mover))
    refused = QDropEvent(QPointF(10, 10), actions, text, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    tab.cards[0].members.dropEvent(refused)
    qtbot.wait(20)
    assert not refused.isAccepted() and tab.board.group_of(mover) == 1
    assert tab.move(mover, -1) is False and tab.board.group_of(mover) == 1


def test_save_as_round_then_moves_are_stored(qtbot, tab, db) -> None:
    propose(qtbot, tab, seed=5)
    proposed = [list(g.members) for g in tab.board.groups]
    assert tab.save_as_round("Runde 1 – høst")
    assert tab.board.round_id is not None and tab.rounds.currentText().startswith("Runde 1 – høst · ")
    assert not tab.save_button.isEnabled() and "Saved as “Runde 1 – høst”." in tab.summary.text()
    (saved,) = groups.list_rounds(db, tab.cohort_id)
    assert [g.members for g in groups.load_round(db, saved.id).groups] == proposed
    mover = proposed[0][0]
    with qtbot.waitSignal(tab.boardShown):
        tab.move(mover, 3)
    assert mover in groups.load_round(db, saved.id).groups[3].members
    # The next proposal knows the saved round's pairs; browsing back shows the saved round again.
    propose(qtbot, tab, seed=6)
    assert tab.rounds.count() == 2 and tab.board.previous
    tab.rounds.setCurrentIndex(1)
    tab.rounds.activated.emit(1)
    assert tab.board.round_id == saved.id


def test_a_refused_save_says_why(qtbot, tab) -> None:
    propose(qtbot, tab)
    tab.board.groups[1].name = tab.board.groups[0].name
    assert tab.save_as_round("") is False
    assert tab.message.text() == "Two groups are called “Group 1”; give each group its own name."


def test_a_late_joiner_gets_a_card_and_a_suggested_group(qtbot, tab, db) -> None:
    propose(qtbot, tab)
    assert tab.save_as_round("")
    with db.read() as s:
        person_unit = s.query(Unit.id).filter_by(name="Boligkontoret").scalar()
    late = enrol(db, tab.cohort_id, s_person(db, person_unit), enrolled_on=date(2025, 3, 1))
    tab.reload(tab.board.round_id)
    assert tab.board.unplaced == [late]
    joiners = tab.cards[-1]
    assert joiners.group_index == -1 and "Not in a group yet" in joiners.heading.text()
    assert not joiners.members.acceptDrops()
    dialog = tab.ask_move(late)
    assert dialog.target.count() == 4 and dialog.target.itemText(0).endswith("– suggested")
    with qtbot.waitSignal(tab.boardShown):
        dialog.accept()
    assert tab.board.unplaced == [] and tab.board.group_of(late) is not None
    assert all(card.group_index >= 0 for card in tab.cards)


def s_person(db, unit_id: int) -> int:
    with db.session() as s:
        person = Person(first_name="Máret", last_name="Sara", unit_id=unit_id, leader_level=2)
        s.add(person)
        s.flush()
        return person.id


def test_the_page_hosts_the_board_as_a_tab(qtbot, db) -> None:
    selection = CohortSelection()
    page = GroupsPage(selection)
    qtbot.addWidget(page)
    selection.set_options(cohort_options(db))
    page.set_database(db)
    page.show()
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())][:2] == ["Overview", "Group board"]
    assert page.panels() == page.overview.list_panels
    assert page.board._stale
    page.tabs.setCurrentWidget(page.board)
    qtbot.waitUntil(lambda: not page.board._stale)
    assert page.board.cohort_id == selection.current and page.board.empty.isVisible()


def test_a_saved_round_is_renamed_and_deleted_after_a_confirmation(qtbot, tab, db, monkeypatch) -> None:
    actions = tab.round_actions
    propose(qtbot, tab, seed=1)
    assert not actions.rename_button.isEnabled() and not actions.delete_button.isEnabled()  # not saved yet
    assert tab.save_as_round("Høst")
    propose(qtbot, tab, seed=2)
    assert tab.save_as_round("Vår")
    assert actions.rename_button.isEnabled() and actions.delete_button.isEnabled()

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("  Vår 2026 ", True)))
    actions.rename_button.click()
    assert [r.name for r in groups.list_rounds(db, tab.cohort_id)] == ["Vår 2026", "Høst"]
    assert tab.rounds.currentText().startswith("Vår 2026 · ") and "Renamed to “Vår 2026”." in tab.summary.text()
    assert actions.rename("høst") is False
    assert tab.message.text() == "This cohort already has a round called “høst”."

    with db.session() as s:
        group_id = s.query(ReflectionGroup.id).filter_by(round_id=tab.board.round_id).order_by(ReflectionGroup.id)[0][0]
        meeting = GroupMeeting(group_id=group_id, held_on=date(2025, 3, 4))
        s.add(meeting)
        s.flush()
        s.add_all([GroupNote(meeting_id=meeting.id, step="own_reflection", content="Hva vi lærte") for _ in "ab"])
    asked: list[tuple[str, str]] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def warning(parent, title, text, buttons, default):
        assert default == QMessageBox.StandardButton.No  # Enter does not delete
        asked.append((title, text))
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    actions.delete_button.click()
    assert len(groups.list_rounds(db, tab.cohort_id)) == 2  # "No" deletes nothing
    title, text = asked[0]
    assert title == "Delete round" and text.startswith("Delete “Vår 2026”? This deletes:")
    assert "• 4 groups and the places of 16 participants in them" in text
    assert "• 1 meeting with 2 notes and 0 agreed actions" in text and "cannot be recovered" in text
    with qtbot.waitSignal(tab.boardShown):
        actions.delete_button.click()
    (left,) = groups.list_rounds(db, tab.cohort_id)
    assert left.name == "Høst" and tab.board.round_id == left.id and tab.rounds.count() == 1
    assert "Deleted “Vår 2026”." in tab.summary.text()
    with db.read() as s:
        assert s.query(GroupMeeting).count() == 0 and s.query(GroupNote).count() == 0


def test_another_profile_may_not_use_the_board(qtbot, tab) -> None:
    propose(qtbot, tab)
    tab.selection.set_actor(Actor.facilitator(1))
    assert tab.board is None and tab.proposal is None
    assert tab.message.text() == "Your profile may not do this."
    assert not tab.round_actions.rename_button.isEnabled() and not tab.round_actions.delete_button.isEnabled()
    tab.propose_button.click()
    qtbot.waitUntil(lambda: tab.propose_button.isEnabled())
    assert tab.board is None and tab.message.text() == "Your profile may not do this."
