"""Opening the app as a profile: coordinator by default, "Open as…" → chooser → unlock, areas per role, Lock."""

from __future__ import annotations

from journal_ui_helpers import a_coach, act_as, busiest_participant, journal_row, show_journal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tillitsleder import profiles
from tillitsleder.access import COORDINATOR
from tillitsleder.demo.journal import DEMO_PASSPHRASE
from tillitsleder.model.enums import Role
from ui.profiles.chooser import ProfileChooser
from ui.profiles.unlock_dialog import UnlockDialog


def visible_areas(window) -> list[str]:
    return [area.class_name for row, area in enumerate(window.areas) if not window.nav.isRowHidden(row)]


def test_a_database_opens_as_the_coordinator_with_every_area(opened_window) -> None:
    window = opened_window
    assert window.selection.actor == COORDINATOR
    assert window.profiles.current.info.role is Role.COORDINATOR
    assert len(visible_areas(window)) == len(window.areas)
    assert window.profiles.badge.text() == "Programme coordinator"
    assert window.profiles.menu.action_new_profile.isEnabled()


def test_open_as_a_participant_asks_the_passphrase_and_says_when_it_is_wrong(qtbot, opened_window) -> None:
    window = opened_window
    participant = busiest_participant(window.db)
    window.profiles.menu.action_open_as.trigger()
    chooser = window.profiles.dialog
    assert isinstance(chooser, ProfileChooser) and chooser.isVisible()
    chooser.filter.setText(participant.name)
    chooser.select_profile(Role.PARTICIPANT, participant.person_id)
    qtbot.mouseClick(chooser.open_button, Qt.MouseButton.LeftButton)

    dialog = window.profiles.dialog
    assert isinstance(dialog, UnlockDialog) and dialog.isVisible()
    assert participant.name in dialog.heading.text()
    assert dialog.field.echoMode() is QLineEdit.EchoMode.Password
    qtbot.keyClicks(dialog.field, "not the passphrase")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10_000)
    assert dialog.error_label.text() == "That passphrase is not right. Try again."
    assert dialog.field.text() == ""  # the dialog keeps no passphrase
    assert window.selection.actor == COORDINATOR

    with qtbot.waitSignal(window.selection.actorChanged, timeout=10_000):
        qtbot.keyClicks(dialog.field, DEMO_PASSPHRASE)
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert window.selection.actor.role is Role.PARTICIPANT
    assert window.selection.actor.person_id == participant.person_id
    assert participant.name in window.profiles.badge.text()
    assert visible_areas(window) == ["GroupsPage", "JournalPage", "CertificatesPage", "SettingsPage"]
    assert not window.area_actions[0].isEnabled()
    assert window.nav.currentRow() == journal_row(window)


def test_the_recovery_key_path_sets_a_new_passphrase(qtbot, opened_window) -> None:
    window = opened_window
    participant = busiest_participant(window.db)
    window.profiles.unlock_profile(participant)
    dialog = window.profiles.dialog
    qtbot.mouseClick(dialog.recovery_button, Qt.MouseButton.LeftButton)
    assert dialog.using_recovery_key and dialog.new_field.isVisible()
    qtbot.keyClicks(dialog.field, "ABCDE-12345-ABCDE-12345-ABCDE-12345-ABCDE-12345")
    qtbot.keyClicks(dialog.new_field, "en helt ny passfrase")
    qtbot.keyClicks(dialog.repeat_field, "en helt ny passfrase")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10_000)
    assert "recovery key does not open" in dialog.error_label.text()
    assert window.selection.actor == COORDINATOR


def test_a_coach_sees_their_areas_and_the_journal_explains(qtbot, opened_window) -> None:
    window = opened_window
    act_as(window, a_coach(window.db))
    assert window.selection.actor.role is Role.FACILITATOR
    assert "JournalPage" in visible_areas(window)
    assert "ParticipantsPage" not in visible_areas(window)
    page = show_journal(window)
    qtbot.waitUntil(lambda: page.coach_view is not None and page.views.currentWidget() is page.coach_view)
    assert page.coach_view.tabs.tabText(0) == "Shared with me"
    shared = page.coach_view.shared
    assert shared.model.rowCount() > 0
    assert shared.reader.isReadOnly() and shared.reader.toPlainText()
    assert not page.picker.isVisible()
    assert "facilitator or coach" in window.profiles.badge.toolTip()


def test_lock_drops_the_keys_and_returns_to_the_chooser(qtbot, opened_window) -> None:
    window = opened_window
    me = act_as(window, busiest_participant(window.db))
    page = show_journal(window)
    qtbot.waitUntil(lambda: page.workspace is not None and page.workspace.model.rowCount() > 0)
    window.profiles.menu.action_lock.trigger()
    assert me.locked
    assert window.selection.actor == COORDINATOR  # this coordinator has no passphrase
    assert isinstance(window.profiles.dialog, ProfileChooser)
    assert page.workspace.model.rowCount() == 0 and page.workspace.backend is None
    window.profiles.dialog.reject()


def test_a_coordinator_passphrase_is_asked_when_the_database_opens(qtbot, window, demo_db_path) -> None:
    from tillitsleder.storage import open_database

    db = open_database(demo_db_path)
    profiles.set_coordinator_passphrase(db, "kontor-passfrase-1")
    db.close()
    with qtbot.waitSignal(window.databaseOpened, timeout=30_000):
        window.open_database_path(demo_db_path)
    dialog = window.profiles.dialog
    assert isinstance(dialog, UnlockDialog)
    assert visible_areas(window) == []  # nothing shows until the passphrase is given
    assert window.profiles.current is None
    with qtbot.waitSignal(window.profiles.profileChanged, timeout=10_000):
        qtbot.keyClicks(dialog.field, "kontor-passfrase-1")
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert window.profiles.current.info.role is Role.COORDINATOR
    assert len(visible_areas(window)) == len(window.areas)


def test_changing_the_passphrase_rewraps_the_key(qtbot, opened_window) -> None:
    from ui.profiles.passphrase_dialogs import ChangePassphraseDialog

    window = opened_window
    info = busiest_participant(window.db)
    act_as(window, info)
    window.profiles.menu.action_change.trigger()
    dialog = window.profiles.dialog
    assert isinstance(dialog, ChangePassphraseDialog)
    qtbot.keyClicks(dialog.current, DEMO_PASSPHRASE)
    qtbot.keyClicks(dialog.new, "ny og lengre passfrase")
    qtbot.keyClicks(dialog.repeat, "ny og annerledes")
    dialog.ok_button.click()
    assert dialog.error_label.text() == "The two new passphrases are not the same."
    qtbot.keyClicks(dialog.repeat, "ny og lengre passfrase")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.ok_button.click()
    assert profiles.unlock(window.db, info.id, "ny og lengre passfrase").person_id == info.person_id


def test_setting_up_a_profile_shows_the_recovery_key_once(qtbot, opened_window) -> None:
    from ui.profiles.passphrase_dialogs import NewProfileDialog
    from ui.profiles.recovery_dialog import RecoveryKeyDialog

    window = opened_window
    window.profiles.menu.action_new_profile.trigger()
    dialog = window.profiles.dialog
    assert isinstance(dialog, NewProfileDialog)
    if dialog.person_combo.count() == 0:
        dialog.role_combo.setCurrentIndex(1)  # every demo participant has a profile: a facilitator then
    assert dialog.person_combo.count() > 0
    person_id, role = dialog.person_combo.currentData(), dialog.role()
    qtbot.keyClicks(dialog.new, "mitt eget passord")
    qtbot.keyClicks(dialog.repeat, "mitt eget passord")
    with qtbot.waitSignal(dialog.created, timeout=10_000) as created:
        dialog.ok_button.click()
    shown = window.profiles.dialog
    assert isinstance(shown, RecoveryKeyDialog)
    key = created.args[0].recovery_key
    assert shown.key_label.text().replace("\n", "") == key
    assert not shown.close_button.isEnabled()
    shown.reject()  # Escape does not close it before the key is kept
    assert shown.isVisible()
    shown.confirm.setChecked(True)
    shown.close_button.click()
    assert not shown.isVisible()
    new = profiles.profile_for(window.db, person_id, role)
    assert new is not None and new.has_passphrase
