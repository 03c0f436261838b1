"""Cancel a session: the reason is required (it goes into the calendar's description), OK only once given."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from tillitsleder.i18n import _, format_date, format_time
from tillitsleder.sessions import scheduling as svc
from tillitsleder.storage import Database
from ui.errors import error_text
from ui.widgets.retranslate import Retranslating


class CancelDialog(Retranslating, QDialog):
    def __init__(self, db: Database, session_id: int, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("cancelSessionDialog")
        self.db, self.session_id = db, session_id
        self.details = svc.session_details(db, session_id)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.reason_label = QLabel()
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setMaximumHeight(110)
        self.reason_label.setBuddy(self.reason_edit)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("warning")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("confirmCancel")
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        for widget in (self.about, self.reason_label, self.reason_edit, self.note, self.problem, self.buttons):
            layout.addWidget(widget)
        self.resize(480, 300)
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        plan = self.details.plan
        self.setWindowTitle(_("Cancel session"))
        self.about.setText(
            _("Cancel “{title}” on {date} at {time}?").format(
                title=plan.title, date=format_date(plan.day, "full"), time=format_time(plan.start)
            )
        )
        self.reason_label.setText(_("&Reason (required; shown in the calendar):"))
        self.note.setText(_("Export the calendar again afterwards so that Outlook shows the session as cancelled."))
        self.ok_button.setText(_("Cancel session"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Keep session"))

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.reason_edit.toPlainText().strip()))

    def confirm(self) -> None:
        try:
            svc.cancel_session(self.db, self.session_id, self.reason_edit.toPlainText())
        except Exception as error:  # noqa: BLE001 - one sentence for the user; the log has the rest
            self.problem.setText(error_text(error))
            self.problem.show()
            return
        self.accept()


def cancel_with_reason(parent: QWidget, db: Database, session_id: int) -> bool:
    dialog = CancelDialog(db, session_id, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return accepted
