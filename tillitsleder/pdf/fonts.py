"""The TrueType fonts shipped in ``resources/fonts`` (DejaVu, see its licence there), registered once.

DejaVu covers Norwegian, Swedish and Danish letters, Northern Sami (á č đ ŋ š ŧ ž) and the Latin letters of common
immigrant names (ł ć ğ ş …), so text extracted from a PDF equals what was typed. Fonts are embedded (subset) in
every PDF; nothing depends on the fonts installed on the office PC.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from tillitsleder.resources import resource_path

SANS = "TillitsSans"
SANS_BOLD = "TillitsSans-Bold"
SANS_ITALIC = "TillitsSans-Italic"
SANS_BOLD_ITALIC = "TillitsSans-BoldItalic"
SERIF = "TillitsSerif"
SERIF_BOLD = "TillitsSerif-Bold"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_ITALIC: "DejaVuSans-Oblique.ttf",
    SANS_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
    SERIF: "DejaVuSerif.ttf",
    SERIF_BOLD: "DejaVuSerif-Bold.ttf",
}


@cache
def register_fonts() -> None:
    """Register the shipped fonts with ReportLab (idempotent) and map bold/italic for ``<b>``/``<i>`` markup."""
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SANS_ITALIC)
    addMapping(SANS, 1, 1, SANS_BOLD_ITALIC)
    addMapping(SERIF, 0, 0, SERIF)
    addMapping(SERIF, 1, 0, SERIF_BOLD)
    addMapping(SERIF, 0, 1, SERIF)
    addMapping(SERIF, 1, 1, SERIF_BOLD)
