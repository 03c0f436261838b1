"""The certificate (kursbevis) as a one-page A4 PDF: a framed page in the shipped serif font with an optional
background and logo, the title, the participant's name, the body text, the modules with their hours, place and
date, one or two signatures and a verification code with its QR code.

Everything a user typed (names, template text, signatory names) is plain text: it is escaped before it reaches a
ReportLab paragraph and drawn with ``drawString`` elsewhere, so ``<b>`` or ``&`` print as typed. Dates, numbers and
the few fixed labels are in the certificate's language, whatever language the app itself shows.

``CertificateRenderer`` prepares what every certificate of a batch shares (styles, decoded images, the modules
table) once; ``render(facts)`` then draws one certificate.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, KeepInFrame, Spacer, Table, TableStyle

from tillitsleder.certificates.drawing import GOLD, CachedImage, Picture, Rule, cached_image, draw_qr, fit_text
from tillitsleder.certificates.placeholders import fill
from tillitsleder.i18n import DOMAIN, LANGUAGES, N_, format_date, format_number
from tillitsleder.pdf.archival import ArchivalCanvas
from tillitsleder.pdf.fonts import SANS, SANS_BOLD, SERIF, SERIF_BOLD, register_fonts
from tillitsleder.pdf.layout import para
from tillitsleder.resources import resource_path

NAVY = colors.HexColor("#1d3557")

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#5f6b7a")
PAGE_W, PAGE_H = A4
SIDE = 28 * mm  # left and right edge of the text
CONTENT_TOP = PAGE_H - 30 * mm
CONTENT_BOTTOM = 100 * mm  # above place/date, signatures and the verification block

LABEL_MODULE = N_("Module")
LABEL_HOURS = N_("Hours")
LABEL_TOTAL = N_("Total")
LABEL_CODE = N_("Verification code")
LABEL_HOW_TO_VERIFY = N_("Check that this certificate is valid in Tillitsleder with the code or the QR code.")
LABEL_PREVIEW = N_("Preview")


@dataclass(frozen=True)
class Signatory:
    name: str
    title: str
    image: bytes | None = None


@dataclass(frozen=True)
class CertificateDesign:
    """A template as plain values; text fields may hold placeholders (see ``placeholders``)."""

    language: str
    title: str
    intro: str = ""
    body: str = ""
    place: str = ""
    show_modules: bool = True
    logo: bytes | None = None
    background: bytes | None = None
    signatories: tuple[Signatory, ...] = ()


@dataclass(frozen=True)
class CertificateFacts:
    """What one certificate says about one participant."""

    name: str
    programme: str
    cohort: str
    municipality: str
    start: date
    end: date
    issued_on: date
    code: str
    modules: tuple[tuple[str, Decimal], ...] = field(default=())

    @property
    def hours(self) -> Decimal:
        return sum((hours for _title, hours in self.modules), Decimal(0))


@cache
def translations_for(language: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, localedir=str(resource_path("i18n")), languages=[language], fallback=True)


class CertificateRenderer:
    """Draws certificates of one design; reuse one renderer for a batch."""

    def __init__(self, design: CertificateDesign) -> None:
        register_fonts()
        self.design = design
        self.language = design.language if design.language in LANGUAGES else "en"
        self._ = translations_for(design.language).gettext
        self.logo = cached_image(design.logo)
        self.background = cached_image(design.background)
        self.signature_images = [cached_image(s.image) for s in design.signatories[:2]]
        self._modules_key: tuple | None = None
        self._modules_table: Table | None = None
        self.title_style = ParagraphStyle(
            "certTitle", fontName=SERIF_BOLD, fontSize=30, leading=36, alignment=TA_CENTER, textColor=NAVY
        )
        self.intro_style = ParagraphStyle(
            "certIntro", fontName=SERIF, fontSize=13, leading=18, alignment=TA_CENTER, textColor=MUTED
        )
        self.name_style = ParagraphStyle(
            "certName", fontName=SERIF_BOLD, fontSize=25, leading=31, alignment=TA_CENTER, textColor=INK
        )
        self.body_style = ParagraphStyle(
            "certBody",
            fontName=SERIF,
            fontSize=12.5,
            leading=18,
            alignment=TA_CENTER,
            textColor=INK,
            leftIndent=6 * mm,
            rightIndent=6 * mm,
        )
        self.cell_style = ParagraphStyle("certCell", fontName=SANS, fontSize=9, leading=11.5, textColor=INK)
        self.cell_bold = ParagraphStyle("certCellBold", parent=self.cell_style, fontName=SANS_BOLD)

    # --- formatting in the certificate's language ------------------------------------------------------

    def date_text(self, value: date) -> str:
        return format_date(value, "long", language=self.language)

    def number_text(self, value: Decimal) -> str:
        return format_number(value.normalize() if value == value.to_integral() else value, language=self.language)

    def values(self, facts: CertificateFacts) -> dict[str, str]:
        return {
            "name": facts.name,
            "programme": facts.programme,
            "cohort": facts.cohort,
            "municipality": facts.municipality,
            "start": self.date_text(facts.start),
            "end": self.date_text(facts.end),
            "hours": self.number_text(facts.hours),
            "modules": ", ".join(title for title, _hours in facts.modules),
            "date": self.date_text(facts.issued_on),
            "place": self.design.place,
        }

    # --- drawing ---------------------------------------------------------------------------------------

    def render(self, facts: CertificateFacts, *, preview: bool = False) -> bytes:
        buffer = io.BytesIO()
        values = self.values(facts)
        canvas = ArchivalCanvas(buffer, pagesize=A4, pageCompression=1, language=self.design.language)
        canvas.setTitle(f"{fill(self.design.title, values)} – {facts.name}")
        canvas.setAuthor(facts.municipality)
        canvas.setCreator("Tillitsleder")
        canvas.setSubject(f"{facts.programme} · {facts.code}")
        self._draw_page(canvas, facts, values)
        if preview:
            self._draw_preview_mark(canvas)
        canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    def _draw_page(self, canvas: Canvas, facts: CertificateFacts, values: dict[str, str]) -> None:
        if self.background is not None:
            self.background.draw(canvas, 0, 0, PAGE_W, PAGE_H)
        self._draw_frame(canvas)
        top = CONTENT_TOP
        story: list = []
        if self.logo is not None:
            story += [Picture(self.logo, 70 * mm, 24 * mm), Spacer(1, 8 * mm)]
        story += [para(fill(self.design.title, values), self.title_style), Spacer(1, 3 * mm)]
        story.append(Rule())
        if self.design.intro.strip():
            story += [Spacer(1, 7 * mm), para(fill(self.design.intro, values), self.intro_style)]
        story += [Spacer(1, 4 * mm), para(facts.name, self.name_style)]
        if self.design.body.strip():
            story += [Spacer(1, 5 * mm), para(fill(self.design.body, values), self.body_style)]
        if self.design.show_modules and facts.modules:
            story += [Spacer(1, 8 * mm), self._modules(facts.modules)]
        width, room = PAGE_W - 2 * SIDE, top - CONTENT_BOTTOM
        content = KeepInFrame(width, room, story, mode="shrink")
        _w, used = content.wrapOn(canvas, width, room)
        room -= min(max(room - used, 0) * 0.3, 22 * mm)  # short content sits a little lower, not under the title
        frame = Frame(SIDE, CONTENT_BOTTOM, width, room, 0, 0, 0, 0, showBoundary=0)
        frame.addFromList([content], canvas)
        self._draw_place_and_date(canvas, values)
        self._draw_signatures(canvas)
        self._draw_verification(canvas, facts.code)

    def _draw_frame(self, canvas: Canvas) -> None:
        canvas.saveState()
        canvas.setStrokeColor(NAVY)
        canvas.setLineWidth(1.6)
        canvas.rect(12 * mm, 12 * mm, PAGE_W - 24 * mm, PAGE_H - 24 * mm)
        canvas.setStrokeColor(GOLD)
        canvas.setLineWidth(0.6)
        canvas.rect(14.5 * mm, 14.5 * mm, PAGE_W - 29 * mm, PAGE_H - 29 * mm)
        canvas.restoreState()

    def _modules(self, modules: Sequence[tuple[str, Decimal]]) -> Table:
        key = tuple(modules)
        if self._modules_table is not None and self._modules_key == key:
            return self._modules_table
        _ = self._
        rows = [[para(_(LABEL_MODULE), self.cell_bold), _(LABEL_HOURS)]]
        rows += [[para(title, self.cell_style), self.number_text(hours)] for title, hours in modules]
        total = sum((hours for _t, hours in modules), Decimal(0))
        rows.append([para(_(LABEL_TOTAL), self.cell_bold), self.number_text(total)])
        table = Table(rows, colWidths=[105 * mm, 22 * mm], hAlign="CENTER")
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (1, 0), (1, -1), SANS, 9),
                    ("FONT", (1, 0), (1, 0), SANS_BOLD, 9),
                    ("FONT", (1, -1), (1, -1), SANS_BOLD, 9),
                    ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                    ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, NAVY),
                    ("LINEBELOW", (0, 1), (-1, -3), 0.3, colors.HexColor("#d5d9de")),
                    ("LINEABOVE", (0, -1), (-1, -1), 0.8, NAVY),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        self._modules_key, self._modules_table = key, table
        return table

    def _draw_place_and_date(self, canvas: Canvas, values: dict[str, str]) -> None:
        place = self.design.place.strip()
        text = f"{place}, {values['date']}" if place else values["date"]
        canvas.setFont(SERIF, 12)
        canvas.setFillColor(INK)
        canvas.drawCentredString(PAGE_W / 2, 88 * mm, text)

    def _draw_signatures(self, canvas: Canvas) -> None:
        signatories = self.design.signatories[:2]
        if not signatories:
            return
        line_y = 62 * mm
        width = 62 * mm
        centres = [PAGE_W / 2] if len(signatories) == 1 else [PAGE_W / 2 - 45 * mm, PAGE_W / 2 + 45 * mm]
        for signatory, image, centre in zip(signatories, self.signature_images, centres, strict=False):
            if image is not None:
                self._draw_fitted(canvas, image, centre, line_y + 1 * mm, width - 6 * mm, 17 * mm)
            canvas.setStrokeColor(INK)
            canvas.setLineWidth(0.6)
            canvas.line(centre - width / 2, line_y, centre + width / 2, line_y)
            canvas.setFillColor(INK)
            canvas.setFont(SANS_BOLD, 10)
            canvas.drawCentredString(centre, line_y - 5 * mm, fit_text(signatory.name, SANS_BOLD, 10, width))
            canvas.setFillColor(MUTED)
            canvas.setFont(SANS, 9)
            canvas.drawCentredString(centre, line_y - 9.5 * mm, fit_text(signatory.title, SANS, 9, width))

    def _draw_verification(self, canvas: Canvas, code: str) -> None:
        size = 22 * mm
        x, y = 22 * mm, 20 * mm
        draw_qr(canvas, code, x, y, size)
        text_x = x + size + 5 * mm
        canvas.setFillColor(MUTED)
        canvas.setFont(SANS, 8)
        canvas.drawString(text_x, y + size - 4 * mm, self._(LABEL_CODE))
        canvas.setFillColor(INK)
        canvas.setFont(SANS_BOLD, 12)
        canvas.drawString(text_x, y + size - 10 * mm, code)
        canvas.setFillColor(MUTED)
        canvas.setFont(SANS, 7.5)
        canvas.drawString(
            text_x, y + 1 * mm, fit_text(self._(LABEL_HOW_TO_VERIFY), SANS, 7.5, PAGE_W - text_x - 22 * mm)
        )

    def _draw_preview_mark(self, canvas: Canvas) -> None:
        canvas.saveState()
        canvas.setFillColor(colors.Color(0.75, 0.2, 0.2, alpha=0.12))
        canvas.setFont(SANS_BOLD, 90)
        canvas.translate(PAGE_W / 2, PAGE_H / 2)
        canvas.rotate(50)
        canvas.drawCentredString(0, -30, self._(LABEL_PREVIEW).upper())
        canvas.restoreState()

    @staticmethod
    def _draw_fitted(canvas: Canvas, image: CachedImage, centre_x: float, y: float, max_w: float, max_h: float) -> None:
        """Draw ``image`` scaled into max_w × max_h, centred on ``centre_x``, standing on ``y``."""
        width, height = image.getSize()
        scale = min(max_w / width, max_h / height)
        w, h = width * scale, height * scale
        image.draw(canvas, centre_x - w / 2, y, w, h)


def render_certificate(design: CertificateDesign, facts: CertificateFacts, *, preview: bool = False) -> bytes:
    """One certificate as PDF bytes (for a batch, keep one ``CertificateRenderer``)."""
    return CertificateRenderer(design).render(facts, preview=preview)
