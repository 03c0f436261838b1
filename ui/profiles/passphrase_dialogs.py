"""Changing one's passphrase, and setting up a profile for a participant or a coach.

Both derive keys (Argon2id, a deliberate moment) on a worker thread. The fields are cleared as soon as their
text is handed to the core; a mistake (the current passphrase is wrong, the new ones differ, too short) is one
translated sentence in the dialog, which stays open. Setting up a profile ends with its recovery key, which the
caller shows once (``RecoveryKeyDialog``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
)

from tillitsleder.enums import Role
from tillitsleder.i18n import _
from ui.operations import Changed, Operation
from ui.widgets.retranslate import Retranslating

TEXT_WIDTH = 480

if TYPE_CHECKING:
    from tillitsleder.profiles import ProfileInfo
    from tillitsleder.storage import Database


def password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumWidth(300)
    return field


class _KeyDialog(Retranslating, QDialog):
    """Shared frame: a form, an error line, OK/Cancel, and the work on a worker thread."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setFixedWidth(TEXT_WIDTH)  # a fixed measure lets the dialog size itself to the wrapped text
        self.form = QFormLayout()
        self.error_label = QLabel()
        self.error_label.setObjectName("warning")
        self.error_label.setWordWrap(True)
        self.error_label.setFixedWidth(TEXT_WIDTH)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(12)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.job: Operation | None = None

    def fields(self) -> list[QLineEdit]:
        return []

    def _submit(self) -> None:
        raise NotImplementedError

    def show_problem(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def run(self, work: Any, on_success: Any) -> None:
        for field in self.fields():
            field.clear()
        self.ok_button.setEnabled(False)
        self.error_label.hide()

        def done(result: object) -> None:
            self.ok_button.setEnabled(True)
            on_success(result)
            self.accept()

        def failed(error: BaseException) -> None:
            from ui.errors import error_text

            self.ok_button.setEnabled(True)
            self.show_problem(error_text(error))

        self.job = Operation(
            lambda _ctx: work(), parent=self, on_success=done, on_failure=failed, changes=Changed.PROFILES,
            name="profile-keys",
        ).start()

    def new_passphrase(self, new: QLineEdit, repeat: QLineEdit) -> str | None:
        if new.text() != repeat.text():
            repeat.clear()
            self.show_problem(_("The two new passphrases are not the same."))
            repeat.setFocus()
            return None
        return new.text()

    def reject(self) -> None:
        if self.job is not None and self.job.running:
            return
        for field in self.fields():
            field.clear()
        super().reject()


class ChangePassphraseDialog(_KeyDialog):
    """The open profile's passphrase: current, new, repeat. For the coordinator, the current one may be empty
    (no passphrase yet); the first one set brings a recovery key (``recoveryKeyCreated``)."""

    recoveryKeyCreated = Signal(str)  # noqa: N815

    def __init__(self, db: Database, info: ProfileInfo, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("changePassphraseDialog")
        self.db, self.info = db, info
        self.current = password_field("currentPassphrase")
        self.new = password_field("newPassphrase")
        self.repeat = password_field("repeatPassphrase")
        self.labels = [QLabel(), QLabel(), QLabel()]
        for label, field in zip(self.labels, (self.current, self.new, self.repeat), strict=True):
            self.form.addRow(label, field)
            label.setBuddy(field)
        self._first_passphrase = info.role is Role.COORDINATOR and not _coordinator_has_passphrase(db)
        self.form.setRowVisible(self.current, not self._first_passphrase)
        self.retranslate()

    def fields(self) -> list[QLineEdit]:
        return [self.current, self.new, self.repeat]

    def _submit(self) -> None:
        from tillitsleder import profiles

        new = self.new_passphrase(self.new, self.repeat)
        if new is None:
            return
        db, info, current = self.db, self.info, self.current.text()
        if info.role is Role.COORDINATOR:
            self.run(
                lambda: profiles.set_coordinator_passphrase(db, new, current=current or None),
                lambda key: self.recoveryKeyCreated.emit(key) if key else None,
            )
        else:
            assert info.id is not None
            profile_id = info.id
            self.run(lambda: profiles.change_passphrase(db, profile_id, current, new), lambda _r: None)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Change passphrase"))
        if self._first_passphrase:
            self.intro.setText(
                _(
                    "Set a passphrase for the coordinator profile: the app will ask for it when this database is "
                    "opened. Journal content stays unreadable to the coordinator either way."
                )
            )
        else:
            self.intro.setText(
                _(
                    "Choose a new passphrase. Your entries stay as they are, and your printed recovery key keeps "
                    "working."
                )
            )
        texts = (_("&Current passphrase:"), _("&New passphrase:"), _("Re&peat the new passphrase:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.new.setPlaceholderText(_("At least 8 characters"))


def _coordinator_has_passphrase(db: Database) -> bool:
    from tillitsleder import profiles

    return profiles.coordinator_has_passphrase(db)


class NewProfileDialog(_KeyDialog):
    """Set up a participant or coach profile: the person chooses their own passphrase at the coordinator's desk —
    or, signed in to a server (``myself``: person id, name, role), at their own."""

    created = Signal(object)  # noqa: N815 - profiles.NewProfile

    def __init__(self, db: Database, parent=None, *, myself: tuple[int, str, Role] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newProfileDialog")
        self.db = db
        self.myself = myself
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("profileRole")
        for role in (Role.PARTICIPANT, Role.FACILITATOR) if myself is None else (myself[2],):
            self.role_combo.addItem("", role.value)
        self.person_combo = QComboBox()
        self.person_combo.setObjectName("profilePerson")
        self.person_combo.setMinimumContentsLength(28)
        self.new = password_field("newPassphrase")
        self.repeat = password_field("repeatPassphrase")
        self.labels = [QLabel() for _i in range(4)]
        for label, field in zip(self.labels, (self.role_combo, self.person_combo, self.new, self.repeat), strict=True):
            self.form.addRow(label, field)
            label.setBuddy(field)
        self.role_combo.currentIndexChanged.connect(lambda _i: self._fill_people())
        self._fill_people()
        self.retranslate()

    def fields(self) -> list[QLineEdit]:
        return [self.new, self.repeat]

    def role(self) -> Role:
        return Role(self.role_combo.currentData())

    def _fill_people(self) -> None:
        from tillitsleder import profiles

        self.person_combo.clear()
        if self.myself is not None:
            self.person_combo.addItem(self.myself[1], self.myself[0])
        else:
            for option in profiles.eligible_people(self.db, self.role()):
                self.person_combo.addItem(option.label, option.id)
        self.ok_button.setEnabled(self.person_combo.count() > 0)

    def _submit(self) -> None:
        from tillitsleder import profiles

        person_id = self.person_combo.currentData()
        if person_id is None:
            return
        new = self.new_passphrase(self.new, self.repeat)
        if new is None:
            return
        db, role = self.db, self.role()
        self.run(lambda: profiles.create_profile(db, int(person_id), role, new), self.created.emit)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Set up a profile"))
        self.intro.setText(
            _(
                "Let the person type a passphrase only they know. Their journal is locked with it; nobody else, "
                "not even the coordinator, can open it. Next you will see their recovery key, once, for printing."
            )
        )
        texts = (_("&Role:"), _("&Person:"), _("&Passphrase:"), _("Re&peat the passphrase:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        for index in range(self.role_combo.count()):
            self.role_combo.setItemText(index, Role(self.role_combo.itemData(index)).label())
        self.new.setPlaceholderText(_("At least 8 characters"))
        if self.myself is not None:
            self.setWindowTitle(_("Set up your profile"))
            self.intro.setText(
                _(
                    "Choose a passphrase only you know. Your journal is locked with it; nobody else, not even the "
                    "coordinator, can open it. Next you will see your recovery key, once, for printing."
                )
            )
