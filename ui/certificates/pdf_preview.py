"""A live PDF preview: ``request(make_pdf)`` renders off the GUI thread after a short pause in typing and shows the
newest result with Qt's PDF viewer; older renders that finish late are dropped."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QBuffer, Qt, QTimer, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from tillitsleder.i18n import _
from ui.operations import run
from ui.widgets.pdf_bytes import load_pdf_bytes
from ui.widgets.retranslate import Retranslating

DEBOUNCE_MS = 350


class PdfPreview(Retranslating, QWidget):
    """Shows the PDF bytes a function returns; says why when it raises."""

    rendered = Signal()  # a new PDF is shown
    failed = Signal(str)  # the message shown instead

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.SinglePage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.message = QLabel()
        self.message.setObjectName("emptyState")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.view)
        self.status = QLabel()
        self.status.setObjectName("rowCount")
        self.status.setWordWrap(True)  # a long note wraps instead of widening the window
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        self._buffer: QBuffer | None = None
        self._pending: Callable[[], bytes] | None = None
        self._generation = 0
        self._shown = 0
        self._busy = False
        self.pdf_bytes: bytes | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._start)
        self._message_text = ""
        self.retranslate()

    def request(self, make_pdf: Callable[[], bytes]) -> None:
        """Render ``make_pdf()`` (called on a worker thread) once the requests stop for a moment."""
        self._pending = make_pdf
        self._timer.start()

    def show_message(self, text: str) -> None:
        self._message_text = text
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def _start(self) -> None:
        if self._pending is None:
            return
        if self._busy:  # one render at a time; the newest request runs when this one ends
            self._timer.start()
            return
        make_pdf, self._pending = self._pending, None
        self._generation += 1
        generation = self._generation
        self._busy = True
        self.status.setText(_("Updating the preview…"))
        run(
            lambda _ctx: make_pdf(),
            parent=self,
            on_success=lambda pdf: self._show(generation, pdf),
            on_failure=lambda error: self._fail(generation, error),
            name="certificate-preview",
        )

    def _show(self, generation: int, pdf: bytes) -> None:
        if not shiboken6.isValid(self.document):  # the preview was closed while drawing
            return
        self._busy = False
        if generation != self._generation:
            return
        self._buffer = load_pdf_bytes(self.document, pdf, self, self._buffer)
        self.pdf_bytes = pdf
        self._shown = generation
        self.stack.setCurrentWidget(self.view)
        self.status.setText(_("Preview of a certificate with these settings; it is not issued."))
        self.rendered.emit()

    def _fail(self, generation: int, error: BaseException) -> None:
        from ui.errors import error_text

        if not shiboken6.isValid(self.document):
            return
        self._busy = False
        if generation != self._generation:
            return
        text = error_text(error)
        self.status.setText(_("The preview shows the last version that could be drawn."))
        if self._shown == 0:
            self.show_message(text)
        self.failed.emit(text)

    def retranslate(self) -> None:
        if self.pdf_bytes is not None:
            self.status.setText(_("Preview of a certificate with these settings; it is not issued."))
