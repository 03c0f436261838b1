"""Show PDF bytes (rendered in memory, never written to a temporary file) in a ``QPdfDocument``."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject
from PySide6.QtPdf import QPdfDocument


def load_pdf_bytes(document: QPdfDocument, pdf: bytes, owner: QObject, previous: QBuffer | None) -> QBuffer:
    """Load ``pdf`` into ``document`` from a buffer owned by ``owner``; the ``previous`` buffer is released.
    Keep the returned buffer while the document shows it (the document reads from it lazily)."""
    document.close()
    buffer = QBuffer(owner)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if previous is not None:
        previous.deleteLater()
    return buffer
