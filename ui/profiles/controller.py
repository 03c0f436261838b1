"""The profile the app acts as: the "Profile" menu, the status-bar badge, unlocking, locking and what is shown.

On opening a database file the app acts as the programme coordinator — at once when the coordinator has no
passphrase, after asking for it when one is set. On a shared server database the profile follows from the login
(``tillitsleder.server.identity``): the coordinator's at once, a participant's or coach's after their passphrase
unlocks their keys; "Open as…" and setting up profiles for others are for files only, and the badge and the window
title say who is signed in. "Open as…" chooses another profile and unlocks it; "Lock" saves
drafts, drops the keys and returns to the chooser. Adopting a profile hands the unlocked profile to the pages
that need keys (``set_profile``), then sets ``CohortSelection.actor`` so every page re-filters, and hides the
areas the role has no use for. Dialogs are opened window-modal with ``open()`` (not ``exec()``): the event loop
keeps running, which is what tests and the unlock worker thread need.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QListWidget, QMenu, QMenuBar, QStackedWidget, QStatusBar, QToolButton

from tillitsleder.enums import Role
from tillitsleder.i18n import _
from ui.profiles import visibility
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.access import Actor
    from tillitsleder.facilitators.own_world import OwnWorld
    from tillitsleder.profiles import ProfileInfo, UnlockedProfile
    from tillitsleder.server.identity import SignedIn
    from tillitsleder.storage import Database
    from ui.pages.areas import Area
    from ui.widgets.cohort_picker import CohortSelection


class ProfileHost(Protocol):
    """What the controller needs of the main window (which passes itself)."""

    db: Database | None
    areas: Sequence[Area]
    nav: QListWidget
    stack: QStackedWidget
    area_actions: list[QAction]
    selection: CohortSelection
    help_menu: QMenu
    databaseOpened: Any  # noqa: N815 - Signal(OpenedDatabase)

    @property
    def pages(self) -> list[Any]: ...  # the pages built so far

    def menuBar(self) -> QMenuBar: ...  # noqa: N802

    def statusBar(self) -> QStatusBar: ...  # noqa: N802


class ProfileMenu(Retranslating, QMenu):
    def __init__(self, controller: ProfileController, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("profileMenu")
        self.action_open_as = QAction(self)
        self.action_open_as.setObjectName("openAs")
        self.action_lock = QAction(self)
        self.action_lock.setObjectName("lockProfile")
        # Set by the window after its first paint, with its own (see ``MainWindow._set_shortcuts``).
        self.shortcuts: list[tuple[QAction, str]] = [
            (self.action_open_as, "Ctrl+Shift+O"),
            (self.action_lock, "Ctrl+L"),
        ]
        self.action_change = QAction(self)
        self.action_change.setObjectName("changePassphrase")
        self.action_new_profile = QAction(self)
        self.action_new_profile.setObjectName("newProfile")
        self.action_my_profile = QAction(self)  # signed in to a server without a profile yet
        self.action_my_profile.setObjectName("setUpMyProfile")
        self.addActions([self.action_open_as, self.action_lock])
        self.addSeparator()
        self.addActions([self.action_change, self.action_new_profile, self.action_my_profile])
        self.action_open_as.triggered.connect(controller.open_as)
        self.action_lock.triggered.connect(controller.lock)
        self.action_change.triggered.connect(controller.change_passphrase)
        self.action_new_profile.triggered.connect(controller.new_profile)
        self.action_my_profile.triggered.connect(controller.set_up_my_profile)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("&Profile"))
        self.action_open_as.setText(_("&Open as…"))
        self.action_open_as.setStatusTip(
            _("Use Tillitsleder as another person: a participant, a coach or the coordinator.")
        )
        self.action_lock.setText(_("&Lock"))
        self.action_lock.setStatusTip(_("Save what you are writing, lock your journal and return to the profile list."))
        self.action_change.setText(_("&Change passphrase…"))
        self.action_new_profile.setText(_("&Set up a profile for someone…"))
        self.action_new_profile.setStatusTip(
            _("Let a participant or coach choose their passphrase, and print their recovery key.")
        )
        self.action_my_profile.setText(_("&Set up your profile…"))
        self.action_my_profile.setStatusTip(_("Choose your passphrase for your journal, and print your recovery key."))


class ProfileBadge(Retranslating, QToolButton):
    """The status bar's "who am I": the profile's name and role; clicking it opens the Profile menu."""

    def __init__(self, menu: QMenu, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("profileBadge")
        self.setAutoRaise(True)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(menu)
        self.profile: ProfileInfo | None = None
        self.login: str | None = None  # on a server database: the login signed in
        self.retranslate()

    def show_profile(self, profile: ProfileInfo | None, login: str | None = None) -> None:
        self.profile, self.login = profile, login
        self.retranslate()

    def retranslate(self) -> None:
        profile = self.profile
        if profile is None:
            self.setText(_("Locked"))
            self.setToolTip(_("No profile is open. Choose Profile → Open as…"))
        elif profile.role is Role.COORDINATOR:
            self.setText(_("Programme coordinator"))
            self.setToolTip(visibility.explanation(profile.role))
        else:
            self.setText(_("{name} · {role}").format(name=profile.name, role=profile.role.label()))
            self.setToolTip(visibility.explanation(profile.role))
        if self.login is not None:
            signed_in = _("Signed in to the server as {login}.").format(login=self.login)
            self.setToolTip(f"{signed_in}\n{self.toolTip()}" if profile is not None else signed_in)


class ProfileController(QObject):
    profileChanged = Signal(object)  # noqa: N815 - UnlockedProfile | None

    def __init__(self, window: ProfileHost) -> None:
        super().__init__(window)  # type: ignore[arg-type] - the window is a QMainWindow
        self.window = window
        self.current: UnlockedProfile | None = None
        self.world: OwnWorld | None = None  # the status bar's figures of a participant or facilitator
        self._scoped = False  # the pickers offer a participant's or facilitator's cohorts, not all
        self.dialog: Any = None  # the dialog open now (tests and screenshots reach it here)
        self.signed_in: SignedIn | None = None  # on a server database: the login the profile follows from
        self.menu = ProfileMenu(self, window)
        window.menuBar().insertMenu(window.help_menu.menuAction(), self.menu)
        self.badge = ProfileBadge(self.menu)
        window.statusBar().insertPermanentWidget(0, self.badge)
        window.databaseOpened.connect(lambda _opened: self._on_database_opened())
        self._update_actions()

    # --- what the window shows ---------------------------------------------------------------------------

    @property
    def role(self) -> Role | None:
        return self.current.info.role if self.current is not None else None

    def apply_visibility(self) -> None:
        window = self.window
        rows = visibility.visible_rows(window.areas, self.role if window.db is not None else Role.COORDINATOR)
        for row, visible in enumerate(rows):
            window.nav.setRowHidden(row, not visible)
            window.area_actions[row].setEnabled(visible)
            window.area_actions[row].setVisible(visible)
        window.stack.setVisible(any(rows))
        if rows and any(rows) and not rows[max(0, window.nav.currentRow())]:
            home = visibility.home_area(self.role)
            names = [area.class_name for area in window.areas]
            row = names.index(home) if home in names and rows[names.index(home)] else rows.index(True)
            window.nav.setCurrentRow(row)

    def _update_actions(self) -> None:
        has_db = self.window.db is not None
        server = self.signed_in is not None  # the login decides: no choosing, no profiles set up for others
        self.menu.action_open_as.setEnabled(has_db and not server)
        self.menu.action_open_as.setVisible(not server)
        has_keys = self.current is not None and self.current.profile_id is not None
        self.menu.action_lock.setEnabled(has_db and self.current is not None and (not server or has_keys))
        writable = has_db and not getattr(self.window.db, "read_only", False)
        self.menu.action_change.setEnabled(writable and self.current is not None and (not server or has_keys))
        self.menu.action_new_profile.setEnabled(writable and self.role is Role.COORDINATOR and not server)
        self.menu.action_new_profile.setVisible((self.role is Role.COORDINATOR or self.current is None) and not server)
        without_keys = server and self.current is not None and not has_keys and self.role is not Role.COORDINATOR
        self.menu.action_my_profile.setVisible(without_keys)
        self.menu.action_my_profile.setEnabled(without_keys and writable)
        self.badge.setVisible(has_db)

    def flush_pages(self) -> None:
        for page in self.window.pages:
            flush = getattr(page, "flush_drafts", None)
            if flush is not None:
                flush()

    # --- adopting and dropping a profile -----------------------------------------------------------------

    def adopt(self, unlocked: UnlockedProfile) -> None:
        """Act as ``unlocked`` from now on (the previous profile's keys are dropped)."""
        old = self.current
        self.flush_pages()
        self.current = unlocked
        for page in self.window.pages:
            if hasattr(page, "set_profile"):
                page.set_profile(unlocked)
        self.window.selection.profile = unlocked
        if self.window.db is not None:
            from tillitsleder.versions import act_as

            act_as(self.window.db, unlocked.actor.person_id)  # its saves say who saved them
        self._scope_to(unlocked.actor)  # the pickers offer the profile's own cohorts before the pages re-filter
        self.window.selection.set_actor(unlocked.actor)
        if old is not None and old is not unlocked:
            old.lock()
            self.window.statusBar().clearMessage()  # nothing said to the previous profile stays on screen
        self.badge.show_profile(unlocked.info, self.signed_in.login if self.signed_in is not None else None)
        self.apply_visibility()
        self._update_actions()
        self.profileChanged.emit(unlocked)
        if unlocked.info.role is Role.PARTICIPANT and self.window.db is not None:
            self.refresh_shares(self.window.db, unlocked)

    def _scope_to(self, actor: Actor) -> None:
        """Offer ``actor``'s own cohorts in every picker and keep the status bar's figures for them."""
        from tillitsleder.facilitators.own_world import own_cohort_options, own_world

        db = self.window.db
        if db is None:
            return
        self.world = own_world(db, actor)
        if self._scoped or not actor.is_coordinator:
            self.window.selection.set_options(own_cohort_options(db, actor))
        self._scoped = not actor.is_coordinator

    def refresh_shares(self, db: Database, unlocked: UnlockedProfile) -> Any:
        """Off the GUI thread: grant the participant's shared entries to readers who arrived since (a new coach, a
        group member with a new profile) and withdraw them from readers who left; returns the operation."""
        from ui.errors import error_text
        from ui.operations import Changed, announce, run

        def work(_ctx: object) -> int:
            from tillitsleder.journal.shared_with_me import refresh_shares

            return refresh_shares(db, unlocked)

        def done(changed: int) -> None:
            if changed:
                announce(Changed.JOURNAL)

        def failed(error: BaseException) -> None:
            if self.current is unlocked:
                self.window.statusBar().showMessage(error_text(error), 15000)

        return run(work, on_success=done, on_failure=failed, key="refresh-shares", name="refresh-shares")

    def drop(self) -> None:
        """Save drafts, forget the profile and its keys; nothing is shown until another profile is adopted."""
        self.flush_pages()
        old, self.current = self.current, None
        self.world = None
        for page in self.window.pages:
            if hasattr(page, "set_profile"):
                page.set_profile(None)
        if old is not None:
            old.lock()
        self.badge.show_profile(None, self.signed_in.login if self.signed_in is not None else None)
        self.window.statusBar().clearMessage()
        self.apply_visibility()
        self._update_actions()
        self.profileChanged.emit(None)

    def _on_database_opened(self) -> None:
        from tillitsleder import profiles

        self.signed_in = None
        self.drop()
        self._scoped = False  # the window has just offered every cohort of the new database
        self.world = None
        db = self.window.db
        if db is None:
            return
        if db.engine.dialect.name == "postgresql":
            self.sign_in_from_login(db)
            return
        if profiles.coordinator_has_passphrase(db):
            self.unlock_profile(profiles.coordinator_profile(db))
        else:
            self.adopt(profiles.unlock_coordinator(db))

    def sign_in_from_login(self, db: Database) -> None:
        """On a server database: act as the login's profile (its keys unlocked by the person's passphrase)."""
        from tillitsleder import profiles
        from tillitsleder.errors import TillitslederError
        from tillitsleder.server.identity import signed_in
        from ui.errors import error_text

        try:
            who = signed_in(db)
        except TillitslederError as error:  # a login this database does not list: nothing is shown
            self.signed_in = None
            self._update_actions()
            self.window.statusBar().showMessage(error_text(error))
            return
        assert who is not None
        self.signed_in = who
        if who.role is Role.COORDINATOR:
            self.adopt(
                profiles.UnlockedProfile(profiles.ProfileInfo(None, Role.COORDINATOR, None, who.role.label(), False))
            )
            if who.person_id is not None:  # a coordinator's login names its person: "Changed by …" says who
                from tillitsleder.versions import act_as

                act_as(db, who.person_id)
            return
        assert who.person_id is not None
        info = profiles.profile_for(db, who.person_id, who.role)
        if info is None:  # no keys yet: what needs none is shown; the journal asks for a profile
            self.adopt(
                profiles.UnlockedProfile(
                    profiles.ProfileInfo(None, who.role, who.person_id, who.name or who.login, False)
                )
            )
        else:
            self.badge.show_profile(None, who.login)
            self._update_actions()
            self.unlock_profile(info)

    # --- the dialogs -------------------------------------------------------------------------------------

    def open_as(self) -> None:
        """Show the profile chooser; choosing one goes on to unlocking it."""
        from tillitsleder import profiles
        from ui.profiles.chooser import ProfileChooser

        db = self.window.db
        if db is None or self.signed_in is not None:  # on a server the login decides the profile
            return
        choices = profiles.list_profiles(db)
        if not any(p.role is Role.COORDINATOR for p in choices):
            choices.insert(0, profiles.coordinator_profile(db))
        me = self.current.info if self.current else None
        if me is not None and me.role is not Role.COORDINATOR:
            # A participant or coach does not see who else has a profile: the coordinator and their own profiles
            # (someone else locks first, which shows everyone).
            choices = [p for p in choices if p.role is Role.COORDINATOR or p.person_id == me.person_id]
        chooser = ProfileChooser(choices, me, self.window, everyone=me is None or me.role is Role.COORDINATOR)
        chooser.accepted.connect(lambda: self.unlock_profile(chooser.chosen))
        self._show(chooser)

    def lock(self) -> None:
        """Save, drop the keys, and go back to the chooser (the coordinator without a passphrase stays usable)."""
        from tillitsleder import profiles

        db = self.window.db
        if db is None:
            return
        self.drop()
        if self.signed_in is not None:  # on a server the login stays: unlock the same profile again
            self.sign_in_from_login(db)
            return
        if not profiles.coordinator_has_passphrase(db):
            self.adopt(profiles.unlock_coordinator(db))
        self.open_as()

    def unlock_profile(self, info: ProfileInfo | None) -> None:
        from tillitsleder import profiles
        from ui.profiles.unlock_dialog import UnlockDialog

        db = self.window.db
        if db is None or info is None:
            return
        if info.role is Role.COORDINATOR and not info.has_passphrase:
            self.adopt(profiles.unlock_coordinator(db))
            return
        if info.role is Role.COORDINATOR:
            unlock = lambda secret: profiles.unlock_coordinator(db, secret)  # noqa: E731
            recover = None
        else:
            assert info.id is not None
            profile_id = info.id
            unlock = lambda secret: profiles.unlock(db, profile_id, secret)  # noqa: E731
            recover = lambda key, new: profiles.unlock_with_recovery_key(db, profile_id, key, new)  # noqa: E731
        dialog = UnlockDialog(info.name, info.role.label(), unlock, recover, self.window)
        dialog.accepted.connect(lambda: self.adopt(dialog.unlocked))
        self._show(dialog)

    def change_passphrase(self) -> None:
        from ui.profiles.passphrase_dialogs import ChangePassphraseDialog

        if self.window.db is None or self.current is None:
            return
        dialog = ChangePassphraseDialog(self.window.db, self.current.info, self.window)
        dialog.recoveryKeyCreated.connect(lambda key: self.show_recovery_key(self.current.info.name, key))
        self._show(dialog)

    def new_profile(self) -> None:
        from ui.profiles.passphrase_dialogs import NewProfileDialog

        if self.window.db is None or self.role is not Role.COORDINATOR:
            return
        dialog = NewProfileDialog(self.window.db, self.window)
        dialog.created.connect(lambda new: self.show_recovery_key(new.profile.name, new.recovery_key))
        self._show(dialog)

    def set_up_my_profile(self) -> None:
        """Signed in to a server without a profile: choose a passphrase, see the recovery key, then unlock."""
        from ui.profiles.passphrase_dialogs import NewProfileDialog

        who, current = self.signed_in, self.current
        if self.window.db is None or who is None or current is None or who.person_id is None:
            return
        myself = (who.person_id, current.info.name, who.role)
        dialog = NewProfileDialog(self.window.db, self.window, myself=myself)

        def created(new: Any) -> None:
            recovery = self.show_recovery_key(new.profile.name, new.recovery_key)
            recovery.finished.connect(lambda _result: self.unlock_profile(new.profile))

        dialog.created.connect(created)
        self._show(dialog)

    def show_recovery_key(self, name: str, key: str) -> Any:
        from ui.profiles.recovery_dialog import RecoveryKeyDialog

        dialog = RecoveryKeyDialog(name, key, self.window)
        self._show(dialog)
        return dialog

    def _show(self, dialog: Any) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._forget_dialog(dialog))
        dialog.open()

    def _forget_dialog(self, dialog: Any) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
