"""The unlock dialog: the passphrase of one profile, or its printed recovery key instead.

Deriving the key from a passphrase takes a noticeable moment by design (Argon2id), so the check runs on a worker
thread while the dialog says "Unlocking…". A wrong passphrase gives one translated sentence and an empty field.
The passphrase is never logged or kept: the field is cleared as soon as it has been handed to the core, and the
dialog keeps only what the core returned (the unlocked profile).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from tillitsleder.i18n import _
from ui.operations import Operation
from ui.widgets.retranslate import Retranslating

UnlockFn = Callable[[str], Any]
RecoverFn = Callable[[str, str], Any]  # (recovery key, new passphrase)


class UnlockDialog(Retranslating, QDialog):
    """Ask for the passphrase of ``name`` (``role`` is its translated role); ``unlocked`` holds the result."""

    def __init__(
        self,
        name: str,
        role: str,
        unlock: UnlockFn,
        recover: RecoverFn | None = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.setModal(True)
        self._name = name
        self._role = role
        self._unlock = unlock
        self._recover = recover
        self.using_recovery_key = False
        self.unlocked: Any = None
        self.job: Operation | None = None

        self.heading = QLabel()
        self.heading.setObjectName("unlockHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        self.role_label = QLabel()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setFixedWidth(412)  # a fixed measure lets the dialog size itself to the wrapped sentence
        self.field_label = QLabel()
        self.field = QLineEdit()
        self.field.setObjectName("passphraseField")
        self.field.setMinimumWidth(380)

        self.field_label.setBuddy(self.field)
        # With the recovery key a new passphrase is chosen at the same time (the forgotten one stops working).
        self.new_label, self.repeat_label = QLabel(), QLabel()
        self.new_field, self.repeat_field = QLineEdit(), QLineEdit()
        self.new_field.setObjectName("newPassphraseField")
        self.repeat_field.setObjectName("repeatPassphraseField")
        for label, field in ((self.new_label, self.new_field), (self.repeat_label, self.repeat_field)):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            label.setBuddy(field)
        self.error_label = QLabel()
        self.error_label.setObjectName("warning")
        self.error_label.setWordWrap(True)
        self.error_label.setFixedWidth(412)
        self.error_label.hide()
        self.recovery_button = QPushButton()
        self.recovery_button.setObjectName("useRecoveryKey")
        self.recovery_button.setFlat(True)
        self.recovery_button.setStyleSheet(
            "QPushButton#useRecoveryKey { border: none; padding: 2px 0; color: palette(link);"
            " text-decoration: underline; }"
        )
        self.recovery_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.recovery_button.setVisible(recover is not None)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.unlock_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)  # grows with wrapped text and mode switches
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.role_label)
        layout.addSpacing(6)
        layout.addWidget(self.intro)
        layout.addSpacing(4)
        layout.addWidget(self.field_label)
        layout.addWidget(self.field)
        for widget in (self.new_label, self.new_field, self.repeat_label, self.repeat_field):
            layout.addWidget(widget)
        layout.addWidget(self.error_label)
        layout.addWidget(self.recovery_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self._try_unlock)
        self.buttons.rejected.connect(self.reject)
        self.recovery_button.clicked.connect(lambda: self.set_recovery_mode(not self.using_recovery_key))
        for field in (self.field, self.new_field, self.repeat_field):
            field.textEdited.connect(lambda _text: self.error_label.hide())
        self._apply_mode()
        self.retranslate()

    def set_recovery_mode(self, on: bool) -> None:
        self.using_recovery_key = on and self._recover is not None
        for field in (self.field, self.new_field, self.repeat_field):
            field.clear()
        self.error_label.hide()
        self._apply_mode()
        self.retranslate()
        self.field.setFocus()

    def _apply_mode(self) -> None:
        for widget in (self.new_label, self.new_field, self.repeat_label, self.repeat_field):
            widget.setVisible(self.using_recovery_key)
        if self.using_recovery_key:
            self.field.setEchoMode(QLineEdit.EchoMode.Normal)  # typed from paper: the writer needs to see it
            self.field.setFont(QFont("DejaVu Sans Mono"))
        else:
            self.field.setEchoMode(QLineEdit.EchoMode.Password)
            self.field.setFont(QFont())

    def retranslate(self) -> None:
        self.setWindowTitle(_("Unlock profile"))
        self.heading.setText(self._name)
        self.role_label.setText(self._role)
        self.unlock_button.setText(_("&Unlock"))
        if self.using_recovery_key:
            self.intro.setText(
                _(
                    "Type the recovery key you printed when the profile was made (capital letters, spaces and "
                    "dashes do not matter), and choose a new passphrase."
                )
            )
            self.field_label.setText(_("&Recovery key:"))
            self.new_label.setText(_("&New passphrase:"))
            self.repeat_label.setText(_("Re&peat the new passphrase:"))
            self.recovery_button.setText(_("Use my passphrase instead"))
        else:
            self.intro.setText(_("Your journal is locked with your passphrase. Type it to open your profile."))
            self.field_label.setText(_("&Passphrase:"))
            self.recovery_button.setText(_("Forgot the passphrase? Use the recovery key"))

    def _try_unlock(self) -> None:
        secret = self.field.text()
        if not secret:
            self._show_problem(_("Type the recovery key.") if self.using_recovery_key else _("Type your passphrase."))
            return
        if self.using_recovery_key:
            new, repeat = self.new_field.text(), self.repeat_field.text()
            if new != repeat:
                self.repeat_field.clear()
                self._show_problem(_("The two new passphrases are not the same."), self.repeat_field)
                return
            recover = self._recover
            assert recover is not None
            work = lambda _ctx: recover(secret, new)  # noqa: E731
        else:
            unlock = self._unlock
            work = lambda _ctx: unlock(secret)  # noqa: E731
        for field in (self.field, self.new_field, self.repeat_field):
            field.clear()  # the dialog does not keep secrets
        self._set_busy(True)
        self.job = Operation(
            work, parent=self, on_success=self._on_unlocked, on_failure=self._on_failed, name="unlock"
        ).start()

    def _on_unlocked(self, unlocked: Any) -> None:
        self._set_busy(False)
        self.unlocked = unlocked
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        from ui.errors import error_text

        self._set_busy(False)
        self._show_problem(error_text(error))

    def _show_problem(self, text: str, focus: QLineEdit | None = None) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        (focus or self.field).setFocus()

    def _set_busy(self, busy: bool) -> None:
        for field in (self.field, self.new_field, self.repeat_field):
            field.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.recovery_button.setEnabled(not busy)
        self.unlock_button.setText(_("Unlocking…") if busy else _("&Unlock"))
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def reject(self) -> None:
        if self.job is not None and self.job.running:
            return  # the check finishes in a moment; closing now would drop its answer
        for field in (self.field, self.new_field, self.repeat_field):
            field.clear()
        super().reject()
