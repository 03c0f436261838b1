"""``DeletionDialog``: asks before a cohort or a programme is deleted, saying what will be lost with counts.

The counts come from ``privacy.deletion`` (``cohort_contents``/``programme_contents``). When certificates were
issued in it, Delete stays disabled until "Also delete the issued certificates" is ticked — the core refuses
otherwise too. Deleting runs as an operation (the core backs up first); ``deleted`` carries the report.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from tillitsleder.i18n import _, format_number, ngettext
from ui.operations import EVERYTHING, run
from ui.widgets.retranslate import Retranslating


class DeletionDialog(Retranslating, QDialog):
    """Confirm and delete ``entity`` ("cohort" or "programme") ``entity_id``."""

    deleted = Signal(object)  # the DeletionReport

    def __init__(self, db, entity: str, entity_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from tillitsleder.privacy import deletion

        self.db, self.entity, self.entity_id = db, entity, entity_id
        read = deletion.cohort_contents if entity == "cohort" else deletion.programme_contents
        self.contents = read(db, entity_id)
        self.operation = None
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.losses = QLabel()
        self.losses.setTextFormat(Qt.TextFormat.PlainText)
        self.losses.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.certificates = QCheckBox()
        self.certificates.setVisible(self.contents.certificates > 0)
        self.error_label = QLabel()
        self.error_label.setObjectName("warning")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.delete_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.buttons.rejected.connect(self.reject)
        self.delete_button.clicked.connect(self.delete)
        self.certificates.toggled.connect(lambda _on: self._update())
        layout = QVBoxLayout(self)
        for widget in (self.question, self.losses, self.certificates, self.note, self.error_label):
            layout.addWidget(widget)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        name = self.contents.name
        if self.entity == "cohort":
            self.setWindowTitle(_("Delete cohort"))
            self.question.setText(_("Delete the cohort “{name}”? This deletes:").format(name=name))
        else:
            self.setWindowTitle(_("Delete programme"))
            self.question.setText(
                _("Delete the programme “{name}” and all its cohorts? This deletes:").format(name=name)
            )
        self.losses.setText("\n".join(f"• {loss}" for loss in self.contents.losses()))
        count = self.contents.certificates
        self.certificates.setText(
            ngettext(
                "Also delete the {n} issued certificate (it can no longer be verified)",
                "Also delete the {n} issued certificates (they can no longer be verified)",
                count,
            ).format(n=format_number(count))
        )
        self.note.setText(
            _(
                "The people stay, with their journals. A backup of the database is made first, in the "
                "“backups” folder beside it."
            )
        )
        self.delete_button.setText(_("&Delete"))

    def _update(self) -> None:
        blocked = self.contents.certificates > 0 and not self.certificates.isChecked()
        self.delete_button.setEnabled(not blocked and self.operation is None)

    def delete(self) -> None:
        from tillitsleder.privacy import deletion

        remove = deletion.delete_cohort if self.entity == "cohort" else deletion.delete_programme_and_cohorts
        db, entity_id, include = self.db, self.entity_id, self.certificates.isChecked()

        def done(report) -> None:
            self.operation = None
            self.deleted.emit(report)
            self.accept()

        def failed(error: BaseException) -> None:
            from ui.errors import error_text

            self.operation = None
            self.error_label.setText(error_text(error))
            self.error_label.show()
            self._update()

        self.operation = run(
            lambda _ctx: remove(db, entity_id, include_certificates=include), parent=self, title=self.windowTitle(),
            on_success=done, on_failure=failed, changes=EVERYTHING, name=f"delete-{self.entity}",
        )  # fmt: skip
        self._update()
