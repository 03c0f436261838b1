"""The page layout every printed document shares: A4, margins, styles in the shipped font, a running header and a
"page x of y" footer, and tables whose header row repeats on each page.

User-typed text never reaches ReportLab's paragraph markup unescaped: build paragraphs with ``para(text)``, which
escapes ``<``, ``>`` and ``&``; only strings written by this code may carry markup (``para_markup``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from tillitsleder.i18n import _
from tillitsleder.pdf.fonts import SANS, SANS_BOLD, register_fonts

MARGIN = 18 * mm
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
RULE = colors.HexColor("#cbd2d9")
HEADER_FILL = colors.HexColor("#e4e7eb")


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle


def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle("body", fontName=SANS, fontSize=10, leading=13.5, textColor=INK)
    return Styles(
        title=ParagraphStyle("title", parent=body, fontName=SANS_BOLD, fontSize=18, leading=23, spaceAfter=6),
        heading=ParagraphStyle(
            "heading", parent=body, fontName=SANS_BOLD, fontSize=12.5, leading=16, spaceBefore=10, spaceAfter=4
        ),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=MUTED),
        cell=ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5),
        cell_bold=ParagraphStyle("cell_bold", parent=body, fontName=SANS_BOLD, fontSize=8.5, leading=10.5),
    )


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (typed by a user or from the database): markup characters are escaped and
    line breaks kept."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def para_markup(markup: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph whose markup was written by this code; escape every user value put into it with ``escape``."""
    return Paragraph(markup, style)


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str | Flowable]],
    col_widths: Sequence[float] | None = None,
    *,
    s: Styles | None = None,
) -> Table:
    """A table with a bold header row repeated on every page it splits across; str cells become escaped paragraphs."""
    s = s or styles()

    def cell(value, bold: bool = False):
        return para(value, s.cell_bold if bold else s.cell) if isinstance(value, str) else value

    data = [[cell(h, True) for h in header]] + [[cell(v) for v in row] for row in rows]
    table = Table(data, colWidths=col_widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def build_document(
    target: str | IO[bytes],
    story: list[Flowable],
    *,
    title: str,
    header: str = "",
    footer: str = "",
    wide: bool = False,
    author: str = "Tillitsleder",
    page_text: Callable[[int, int], str] | None = None,
    language: str | None = None,
) -> None:
    """Lay out ``story`` on A4 (landscape when ``wide``) with a running header and "page x of y" footer
    (``page_text(number, total)`` words it in a document's own language; by default the app's). The PDF is
    PDF/A-2b in ``language`` (by default the app's; see ``pdf.archival``)."""
    from reportlab.pdfgen.canvas import Canvas

    from tillitsleder.pdf.archival import ArchivalCanvas

    register_fonts()
    pagesize = landscape(A4) if wide else A4

    class NumberedCanvas(ArchivalCanvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, language=language, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                _decorate(self, number, total)
                Canvas.showPage(self)
            ArchivalCanvas.save(self)

    def _decorate(canvas: Canvas, number: int, total: int) -> None:
        width, height = pagesize
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setStrokeColor(RULE)
        canvas.setFont(SANS, 8)
        if header:
            canvas.drawString(MARGIN, height - MARGIN + 6 * mm, header)
            canvas.line(MARGIN, height - MARGIN + 4.5 * mm, width - MARGIN, height - MARGIN + 4.5 * mm)
        canvas.line(MARGIN, MARGIN - 5 * mm, width - MARGIN, MARGIN - 5 * mm)
        if footer:
            canvas.drawString(MARGIN, MARGIN - 9 * mm, footer)
        if page_text is not None:
            page = page_text(number, total)
        else:
            page = _("Page {number} of {total}").format(number=number, total=total)
        canvas.drawRightString(width - MARGIN, MARGIN - 9 * mm, page)
        canvas.restoreState()

    doc = SimpleDocTemplate(
        target,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=author,
        creator="Tillitsleder",
    )
    doc.build(story, canvasmaker=NumberedCanvas)
