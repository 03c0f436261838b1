"""“Export personal data…”: write one person's access export to a zip file, off the GUI thread with progress."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tillitsleder.i18n import LANGUAGES, _, format_number
from ui import operations
from ui.errors import error_text
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.privacy.people import PersonRef
    from tillitsleder.storage import Database


def suggested_path(db: Database, person: PersonRef) -> Path:
    folder = db.path.parent if db.path is not None else Path.home()
    return folder / f"personal-data-{person.id}.zip"


class ExportDialog(Retranslating, QDialog):
    exported = Signal(object)  # the ExportResult

    def __init__(self, db: Database, person: PersonRef, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("privacyExportDialog")
        self.setMinimumWidth(560)
        self._db, self.person = db, person
        self.operation: operations.Operation | None = None
        self.result = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.path = QLineEdit(str(suggested_path(db, person)))
        self.browse = QPushButton()
        path_row = QWidget()
        row = QHBoxLayout(path_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.language = QComboBox()
        self.language.addItem("", None)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.form = QFormLayout()
        self.path_label, self.language_label = QLabel(), QLabel()
        self.path_label.setBuddy(self.path)
        self.language_label.setBuddy(self.language)
        self.form.addRow(self.path_label, path_row)
        self.form.addRow(self.language_label, self.language)
        self.journal_note = QLabel()
        self.journal_note.setWordWrap(True)
        self.journal_note.setObjectName("hint")
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.journal_note)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)
        self.browse.clicked.connect(self.choose_file)
        self.path.textChanged.connect(self._update)
        self.export_button.clicked.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Export personal data: {name}").format(name=self.person.name))
        self.intro.setText(
            _(
                "Everything the database holds about {name} (person {id}) — enrolments, status history, attendance, "
                "groups, assignments, certificates with their PDFs and the audit trail about them — is written to a "
                "zip file with a readable summary in PDF."
            ).format(name=self.person.name, id=self.person.id)
        )
        self.browse.setText(_("&Browse…"))
        self.path_label.setText(_("&File:"))
        self.language_label.setText(_("&Summary in:"))
        self.language.setItemText(0, _("The person's language"))
        self.journal_note.setText(
            _(
                "The learning journal is not included: only the participant can read it, and they export it "
                "themselves from their own profile."
            )
        )
        self.export_button.setText(_("&Export"))

    def _update(self, *_args: object) -> None:
        running = self.operation is not None and self.operation.running
        self.export_button.setEnabled(bool(self.path.text().strip()) and not running)

    def choose_file(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Export personal data"), self.path.text(), _("Zip files (*.zip)")
        )
        if chosen:
            self.path.setText(chosen if chosen.lower().endswith(".zip") else chosen + ".zip")

    def export(self) -> None:
        from tillitsleder.privacy.access_export import export_person

        target = Path(self.path.text().strip())
        language = self.language.currentData()
        db, person_id = self._db, self.person.id
        self.outcome.hide()
        self.operation = operations.run(
            lambda context: export_person(
                db, person_id, target, language=language, progress=context.progress, cancelled=context.cancelled
            ),
            parent=self,
            title=_("Export personal data"),
            progress=_("Writing the personal data…"),
            on_success=self._done,
            on_failure=self._failed,
            name="privacyExport",
        )
        self._update()

    def _done(self, result) -> None:
        self.result = result
        rows = sum(result.rows.values())
        self.outcome.setText(
            _("Saved to “{path}”: {rows} rows and {files} certificate files.").format(
                path=result.path, rows=format_number(rows), files=format_number(result.certificate_files)
            )
        )
        self.outcome.setObjectName("")
        self.outcome.show()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Close"))
        self._update()
        self.adjustSize()
        self.exported.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.outcome.setObjectName("warning")
        self.outcome.setText(error_text(error))
        self.outcome.show()
        self._update()
