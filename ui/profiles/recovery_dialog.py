"""The recovery key, shown once for printing: it opens the journal when the passphrase is forgotten.

Tillitsleder keeps no copy of the key, so the dialog asks the person to print it (or write it down) and to tick
that they have, before it can be closed. Printing goes through the system print dialog; the printed page says
whose key it is and what it is for. The key is not put on the clipboard.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFrame, QLabel, QLayout, QPushButton, QVBoxLayout

from tillitsleder import clock
from tillitsleder.i18n import _, format_date
from ui.widgets.retranslate import Retranslating

TEXT_WIDTH = 580


def two_lines(key: str) -> str:
    """The key's groups on two lines (the first ends with its dash), large enough to copy by hand."""
    groups = key.split("-")
    half = (len(groups) + 1) // 2
    return "-".join(groups[:half]) + ("-\n" + "-".join(groups[half:]) if groups[half:] else "")


class RecoveryKeyDialog(Retranslating, QDialog):
    def __init__(self, name: str, key: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyDialog")
        self.setModal(True)
        self._name = name
        self._key = key
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.key_label = QLabel(two_lines(key))
        self.key_label.setObjectName("recoveryKey")
        self.key_label.setTextFormat(Qt.TextFormat.PlainText)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(17)
        self.key_label.setFont(font)
        self.key_label.setFrameShape(QFrame.Shape.Box)
        self.key_label.setMargin(14)
        self.key_label.setMinimumHeight(self.key_label.fontMetrics().height() + 40)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.print_button = QPushButton()
        self.print_button.setObjectName("printRecoveryKey")
        self.confirm = QCheckBox()
        self.confirm.setObjectName("recoveryKeyKept")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setEnabled(False)
        for label in (self.intro, self.advice, self.key_label):
            label.setFixedWidth(TEXT_WIDTH)  # a fixed measure lets the dialog size itself to the wrapped text
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(self.intro)
        layout.addWidget(self.key_label)
        layout.addWidget(self.advice)
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.confirm)
        layout.addWidget(self.buttons)
        self.print_button.clicked.connect(self.print_key)
        self.confirm.toggled.connect(self.close_button.setEnabled)
        self.buttons.rejected.connect(self._close_if_kept)
        self.retranslate()

    def _close_if_kept(self) -> None:
        if self.confirm.isChecked():
            self.accept()

    def reject(self) -> None:  # Escape closes only once the key is kept
        self._close_if_kept()

    def printable_html(self) -> str:
        return (
            f"<h2>{html.escape(_('Tillitsleder recovery key'))}</h2>"
            f"<p>{html.escape(_('For: {name}').format(name=self._name))}<br>"
            f"{html.escape(_('Printed: {date}').format(date=format_date(clock.today(), 'long')))}</p>"
            f"<p style='font-family: monospace; font-size: 18pt;'>"
            f"{'<br>'.join(html.escape(line) for line in two_lines(self._key).splitlines())}</p>"
            f"<p>{html.escape(self.advice.text())}</p>"
        )

    def print_key(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        document = QTextDocument()
        document.setHtml(self.printable_html())
        document.print_(printer)
        self.confirm.setChecked(True)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Your recovery key"))
        self.intro.setText(
            _(
                "This is the recovery key for {name}. If the passphrase is ever forgotten, this key opens the "
                "journal again. It is shown only now: Tillitsleder keeps no copy."
            ).format(name=self._name)
        )
        self.advice.setText(
            _(
                "Print it or write it down, and keep it somewhere safe at home — not next to the computer. "
                "Anyone with this key and the database can read the journal."
            )
        )
        self.print_button.setText(_("&Print…"))
        self.confirm.setText(_("I have printed or written down the recovery key"))
