"""Drawing helpers for the certificate: a centred picture and rule, a QR code drawn as one
path, text shortened to fit, and images prepared once for a batch of documents."""

from __future__ import annotations

import copy
import hashlib
import io
import itertools

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

GOLD = colors.HexColor("#a8864f")


class Picture(Flowable):
    """A cached image scaled into max_width × max_height, centred in the frame."""

    def __init__(self, image: CachedImage, max_width: float, max_height: float) -> None:
        super().__init__()
        width, height = image.getSize()
        scale = min(max_width / width, max_height / height)
        self.image, self.w, self.h = image, width * scale, height * scale

    def wrap(self, available_width, available_height):
        self._frame_width = available_width
        return available_width, self.h

    def draw(self) -> None:
        self.image.draw(self.canv, (self._frame_width - self.w) / 2, 0, self.w, self.h)


class Rule(Paragraph):
    """A short gold rule under the title."""

    def __init__(self) -> None:
        super().__init__("", ParagraphStyle("rule"))

    def wrap(self, available_width, available_height):
        self._width = available_width
        return available_width, 2

    def draw(self) -> None:
        self.canv.setStrokeColor(GOLD)
        self.canv.setLineWidth(1.2)
        self.canv.line(self._width / 2 - 22 * mm, 1, self._width / 2 + 22 * mm, 1)


def draw_qr(canvas: Canvas, value: str, x: float, y: float, size: float) -> None:
    """A QR code (error correction M) as one filled path: a run of dark modules in a row is one rectangle."""
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(value)
    qr.make()
    count = qr.getModuleCount()
    box = size / count
    path = canvas.beginPath()
    for row_number, row in enumerate(qr.modules):
        column = 0
        for dark, run in itertools.groupby(bool(cell) for cell in row):
            length = len(list(run))
            if dark:
                path.rect(x + column * box, y + size - (row_number + 1) * box, length * box, box)
            column += length
    canvas.saveState()
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis so it fits ``width`` on one line."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


class CachedImage:
    """An image decoded and compressed once, then embedded into each certificate's PDF as it is.

    ``Canvas.drawImage`` decodes, hashes and compresses an image again for every document; a batch shares the
    same few images, so this keeps the finished image object and registers a copy with each new document.
    """

    def __init__(self, data: bytes) -> None:
        reader = ImageReader(io.BytesIO(data))
        self.size = reader.getSize()
        self.name = "tl" + hashlib.sha1(data).hexdigest()
        self.xobject = pdfdoc.PDFImageXObject(self.name, reader, mask="auto")
        self.smask = self.xobject.__dict__.pop("_smask", None)
        if self.smask is not None:
            self.smask.name = self.name + "m"

    def getSize(self) -> tuple[int, int]:  # noqa: N802 - as ReportLab's ImageReader
        return self.size

    def draw(self, canvas: Canvas, x: float, y: float, width: float, height: float) -> None:
        document = canvas._doc
        registered = document.getXObjectName(self.name)
        if document.idToObject.get(registered) is None:
            image = copy.copy(self.xobject)
            canvas._setXObjects(image)
            document.Reference(image, registered)
            document.addForm(self.name, image)
            if self.smask is not None:
                mask = copy.copy(self.smask)
                canvas._setXObjects(mask)
                image.smask = document.Reference(mask, document.getXObjectName(mask.name))
        canvas._currentPageHasImages = 1
        canvas.saveState()
        canvas.translate(x, y)
        canvas.scale(width, height)
        canvas._code.append(f"/{registered} Do")
        canvas.restoreState()
        canvas._formsinuse.append(self.name)


def cached_image(data: bytes | None) -> CachedImage | None:
    return CachedImage(data) if data else None
