"""Verify a certificate: type (or scan) its code, or choose its PDF file; the answer says valid and current,
superseded, revoked or unknown, and for whom."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from tillitsleder.i18n import _
from ui import recolour
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.certificates.register import Verification
    from tillitsleder.storage import Database


class VerifyDialog(Retranslating, QDialog):
    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.result: Verification | None = None
        self.prompt = QLabel()
        self.code = QLineEdit()
        self.code.setClearButtonEnabled(True)
        self.prompt.setBuddy(self.code)
        self.check_button = QPushButton()
        self.file_button = QPushButton()
        self.state = QLabel()
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.answer = QLabel()
        self.answer.setWordWrap(True)
        self.answer.setTextFormat(Qt.TextFormat.PlainText)
        self.answer.setMinimumWidth(460)
        self.answer.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.answer.setMinimumHeight(self.answer.fontMetrics().lineSpacing() * 4)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addLayout(row)
        layout.addWidget(self.file_button)
        layout.addWidget(self.state)
        layout.addWidget(self.answer)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(lambda: self.verify_code(self.code.text()))
        self.code.returnPressed.connect(lambda: self.verify_code(self.code.text()))
        self.file_button.clicked.connect(self.choose_file)
        self.retranslate()

    def verify_code(self, text: str) -> Verification:
        from tillitsleder.certificates.register import verify_code

        return self._show(verify_code(self.db, text))

    def verify_file(self, path: Path) -> Verification | None:
        from tillitsleder.certificates.register import verify_file
        from ui.errors import error_text

        try:
            return self._show(verify_file(self.db, path))
        except Exception as error:  # noqa: BLE001 - one sentence for the user; the log has the rest
            self.state.clear()
            self.answer.setText(error_text(error))
            return None

    def choose_file(self) -> None:
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name, _selected = QFileDialog.getOpenFileName(
            self, _("Choose a certificate"), start or str(Path.home()), _("PDF files (*.pdf)")
        )
        if name:
            self.verify_file(Path(name))

    def _show(self, result: Verification) -> Verification:
        self.result = result
        recolour.style_label(self.state, f"verify.{result.state.value}", "font-weight: 600;")
        self.state.setText(result.state.label())
        self.answer.setText(result.message())
        self.adjustSize()
        return result

    def retranslate(self) -> None:
        self.setWindowTitle(_("Verify a certificate"))
        self.prompt.setText(_("The verification code printed on the certificate (or scanned from its QR code):"))
        self.code.setPlaceholderText(_("XXXX-XXXX-XXXX"))  # the shape of a code; kept as is in nb
        self.check_button.setText(_("&Check"))
        self.file_button.setText(_("Check a PDF &file…"))
        if self.result is not None:
            self._show(self.result)
