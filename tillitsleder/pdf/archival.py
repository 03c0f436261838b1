"""PDF/A-2b: the pieces that make every printed document one an archive accepts.

Municipal archives (Noark, the Swedish e-arkiv) take PDF/A. ``ArchivalCanvas`` is a ReportLab ``Canvas`` that
writes PDF/A-2b on ``save()``:

- every font embedded: ReportLab starts each page in its initial font, Helvetica (not embedded), and its tables
  switch to Helvetica before each cell, so the page's resources named it even where no text used it; the canvas
  starts in the shipped sans font and draws a standard font's name in its shipped twin;
- an sRGB output intent (``/OutputIntents`` with ``/S /GTS_PDFA1`` and the ICC profile embedded), so the
  device-RGB colours of the layout have a defined meaning; the profile is Pillow's built-in sRGB (little CMS);
- XMP metadata (``/Metadata``, unfiltered) with ``pdfaid:part 2`` and ``pdfaid:conformance B``, the title
  (``dc:title``), the language (``dc:language``, also the catalog's ``/Lang``) and the same author, subject,
  creator, producer and dates as the document information dictionary, which carries only non-empty entries.

The shared layout (``pdf.layout.build_document``) and the certificate renderer draw on this canvas; a domain that
draws its own canvas uses it the same way.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import PDFArray, PDFCatalog, PDFDictionary, PDFInfo, PDFName, PDFStream, PDFString
from reportlab.pdfbase.pdfdoc import format as pdf_format
from reportlab.pdfgen.canvas import Canvas

from tillitsleder.i18n import current_language
from tillitsleder.pdf.fonts import SANS, SANS_BOLD, SANS_BOLD_ITALIC, SANS_ITALIC, SERIF, SERIF_BOLD, register_fonts

PDFA_PART = 2
PDFA_CONFORMANCE = "B"
OUTPUT_CONDITION = "sRGB IEC61966-2.1"
EMBEDDED_TWIN = {
    "Helvetica": SANS,
    "Helvetica-Bold": SANS_BOLD,
    "Helvetica-Oblique": SANS_ITALIC,
    "Helvetica-BoldOblique": SANS_BOLD_ITALIC,
    "Times-Roman": SERIF,
    "Times-Bold": SERIF_BOLD,
}
_CATALOG_KEYS = [*PDFCatalog.__NoDefault__, "OutputIntents"]


@cache
def srgb_profile() -> bytes:
    """An sRGB ICC profile (display class, RGB), made by Pillow's little CMS: the same bytes every time."""
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


class ArchivalCanvas(Canvas):
    """A ``Canvas`` that saves PDF/A-2b in ``language`` (a BCP 47 tag such as ``nb`` or ``en``; by default the
    app's language). Its initial font is the shipped sans, so no unembedded standard font is ever named."""

    def __init__(self, *args: Any, language: str | None = None, **kwargs: Any) -> None:
        register_fonts()
        kwargs["initialFontName"] = SANS
        super().__init__(*args, **kwargs)
        self.archival_language = language or current_language()

    def setFont(self, psfontname: str, size: float, leading: float | None = None) -> None:  # noqa: N802, N803
        """ReportLab's tables switch to their cell font (Helvetica unless a style says otherwise) before every
        cell, even one holding a paragraph: a standard font becomes its shipped twin, which is embedded."""
        super().setFont(EMBEDDED_TWIN.get(psfontname, psfontname), size, leading)

    def save(self) -> None:
        make_archival(self._doc, self.archival_language)
        super().save()


def make_archival(doc: Any, language: str) -> None:
    """Add the output intent, the XMP metadata and the language to ReportLab's ``PDFDocument`` ``doc``, and make
    its information dictionary leave out empty entries (each entry must have its twin in the XMP)."""
    catalog = doc.Catalog
    catalog.__NoDefault__ = _CATALOG_KEYS  # ReportLab's catalog writes only the keys it knows
    catalog.Lang = PDFString(language)
    profile = PDFStream(PDFDictionary({"N": 3}), srgb_profile())
    catalog.OutputIntents = PDFArray(
        [
            PDFDictionary(
                {
                    "Type": PDFName("OutputIntent"),
                    "S": PDFName("GTS_PDFA1"),
                    "OutputConditionIdentifier": PDFString(OUTPUT_CONDITION),
                    "Info": PDFString(OUTPUT_CONDITION),
                    "RegistryName": PDFString("http://www.color.org"),
                    "DestOutputProfile": doc.Reference(profile),
                }
            )
        ]
    )
    info = _NonEmptyInfo()
    info.__dict__.update(doc.info.__dict__)
    doc.info = info
    catalog.Metadata = _UnfilteredStream(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
        xmp_packet(info, doc._timeStamp, language).encode("utf-8"),
    )


class _UnfilteredStream(PDFStream):
    """A stream written as it is, with no ``/Filter`` (ReportLab would compress it, or write ``/Filter []``):
    archives read the XMP metadata without decoding it."""

    def format(self, document: Any) -> bytes:
        dictionary = PDFDictionary(self.dictionary.dict.copy())
        content = document.encrypt.encode(self.content)
        dictionary["Length"] = len(content)
        return pdf_format(dictionary, document) + b"\nstream\n" + pdf_format(content, document) + b"endstream\n"


class _NonEmptyInfo(PDFInfo):
    """ReportLab's information dictionary without the entries it would write empty."""

    def format(self, document: Any) -> bytes:
        formatted = PDFDictionary(
            {key: value for key, value in _info_entries(self, document).items() if value is not None}
        )
        return formatted.format(document)


def _info_entries(info: PDFInfo, document: Any) -> dict[str, Any]:
    from reportlab.pdfbase.pdfdoc import PDFDate

    date = PDFDate(ts=document._timeStamp, dateFormatter=info._dateFormatter)

    def text(value: str | None) -> PDFString | None:
        return PDFString(value) if value else None

    return {
        "Title": text(info.title),
        "Author": text(info.author),
        "Subject": text(info.subject),
        "Keywords": text(info.keywords),
        "Creator": text(info.creator),
        "Producer": text(info.producer),
        "CreationDate": date,
        "ModDate": date,
        "Trapped": PDFName(info.trapped) if info.trapped else None,
    }


def _xmp_date(stamp: Any) -> str:
    year, month, day, hour, minute, second = stamp.YMDhms
    sign = "-" if stamp.dhh < 0 else "+"
    return (
        f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"
        f"{sign}{abs(stamp.dhh):02d}:{abs(stamp.dmm):02d}"
    )


def xmp_packet(info: PDFInfo, stamp: Any, language: str) -> str:
    """The XMP metadata: PDF/A identification, Dublin Core title/creator/description/language and the PDF and XMP
    basic properties, each equal to its entry in the information dictionary."""

    def alt(value: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li></rdf:Alt>'

    dc = [f"<dc:title>{alt(info.title or '')}</dc:title>", "<dc:format>application/pdf</dc:format>"]
    if info.author:
        dc.append(f"<dc:creator><rdf:Seq><rdf:li>{escape(info.author)}</rdf:li></rdf:Seq></dc:creator>")
    if info.subject:
        dc.append(f"<dc:description>{alt(info.subject)}</dc:description>")
    dc.append(f"<dc:language><rdf:Bag><rdf:li>{escape(language)}</rdf:li></rdf:Bag></dc:language>")
    pdf = [f"<pdf:Producer>{escape(info.producer or '')}</pdf:Producer>"]
    if info.keywords:
        pdf.append(f"<pdf:Keywords>{escape(info.keywords)}</pdf:Keywords>")
    date = _xmp_date(stamp)
    xmp = [f"<xmp:CreateDate>{date}</xmp:CreateDate>", f"<xmp:ModifyDate>{date}</xmp:ModifyDate>"]
    if info.creator:
        xmp.append(f"<xmp:CreatorTool>{escape(info.creator)}</xmp:CreatorTool>")
    lines = "\n   ".join([*dc, *pdf, *xmp])
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <pdfaid:part>{PDFA_PART}</pdfaid:part>
   <pdfaid:conformance>{PDFA_CONFORMANCE}</pdfaid:conformance>
   {lines}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
