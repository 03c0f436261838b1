"""An image chosen from a file (logo, background, signature): what is chosen, "Choose…" and "Remove"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from tillitsleder.i18n import _
from ui.widgets.retranslate import Retranslating

THUMB_HEIGHT = 28


class ImageField(Retranslating, QWidget):
    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.data: bytes | None = None
        self.thumb = QLabel()
        self.thumb.setFixedHeight(THUMB_HEIGHT)
        self.thumb.setMinimumWidth(60)
        self.choose_button = QPushButton()
        self.remove_button = QPushButton()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.thumb, 1)
        layout.addWidget(self.choose_button)
        layout.addWidget(self.remove_button)
        self.choose_button.clicked.connect(self.choose)
        self.remove_button.clicked.connect(lambda: self.set_data(None, notify=True))
        self.retranslate()

    def set_data(self, data: bytes | None, *, notify: bool = False) -> None:
        self.data = data or None
        self._show()
        if notify:
            self.changed.emit()

    def choose(self) -> None:
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation) or str(Path.home())
        name, _selected = QFileDialog.getOpenFileName(
            self, _("Choose an image"), start, _("Images (*.png *.jpg *.jpeg)")
        )
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError as error:
            self.thumb.setText(_("Cannot read “{name}”: {reason}").format(name=path.name, reason=error.strerror))
            return
        self.set_data(data, notify=True)

    def _show(self) -> None:
        self.remove_button.setEnabled(self.data is not None)
        if self.data is None:
            self.thumb.setPixmap(QPixmap())
            self.thumb.setText(_("No image"))
            return
        pixmap = QPixmap()
        if pixmap.loadFromData(self.data):
            self.thumb.setPixmap(pixmap.scaledToHeight(THUMB_HEIGHT))
        else:
            self.thumb.setText(_("An image that cannot be shown"))

    def retranslate(self) -> None:
        self.choose_button.setText(_("Choose…"))
        self.remove_button.setText(_("Remove"))
        self._show()
