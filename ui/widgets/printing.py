"""Print a PDF through the system print dialog: each page drawn by Qt's PDF renderer onto the printer."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

MAX_DPI = 300  # enough for text and thin rules; keeps each page image small


def ask_and_print(parent: QWidget, document: QPdfDocument, title: str) -> bool:
    """Show the print dialog and print ``document`` if the user accepts; returns whether it printed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    landscape = document.pageCount() > 0 and _is_landscape(document.pagePointSize(0))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)
    dialog = QPrintDialog(printer, parent)
    dialog.setMinMax(1, max(1, document.pageCount()))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    return print_document(document, printer)


def print_document(document: QPdfDocument, printer: QPrinter) -> bool:
    """Draw every page (or the range chosen in the dialog) scaled to the printable area, keeping proportions."""
    count = document.pageCount()
    if count == 0:
        return False
    first, last = printer.fromPage(), printer.toPage()
    pages = range(first - 1, last) if first > 0 and last >= first else range(count)
    pages = [index for index in pages if 0 <= index < count]
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        dpi = min(printer.resolution(), MAX_DPI)
        for position, index in enumerate(pages):
            if position:
                printer.newPage()
            points = document.pagePointSize(index)
            image = document.render(index, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72)))
            area = printer.pageLayout().paintRectPixels(printer.resolution())
            target = _fit(QSizeF(image.size()), QSizeF(area.width(), area.height()))
            painter.drawImage(target, image)
    finally:
        painter.end()
    return True


def _fit(source: QSizeF, area: QSizeF) -> QRectF:
    scale = min(area.width() / source.width(), area.height() / source.height())
    size = source * scale
    return QRectF((area.width() - size.width()) / 2, (area.height() - size.height()) / 2, size.width(), size.height())


def _is_landscape(size: QSizeF) -> bool:
    return size.width() > size.height()
