"""Every kind of printed document is PDF/A-2b: all fonts embedded, an sRGB output intent with its ICC profile,
XMP metadata naming PDF/A-2 conformance B, the title and the language (checked by parsing the PDF with pypdf;
a full validator such as veraPDF is not part of the suite)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from tillitsleder.certificates.document import CertificateDesign, CertificateFacts, Signatory, render_certificate
from tillitsleder.completion.evaluation import evaluate_cohort
from tillitsleder.i18n import set_language
from tillitsleder.model import Cohort
from tillitsleder.reports.progress import ReportKind, ReportRequest, render_report
from tillitsleder.table_day import plans as td
from tillitsleder.table_day.table_lists import write_table_lists

pypdf = pytest.importorskip("pypdf")
from pypdf.generic import IndirectObject  # noqa: E402

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
}


def resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def fonts_of(resources, seen: set[int]) -> Iterator[tuple[str, object]]:
    """Every font named in ``resources``, also inside form XObjects and Type0 fonts' descendants."""
    resources = resolve(resources) or {}
    for name, font in (resolve(resources.get("/Font")) or {}).items():
        font = resolve(font)
        yield name, font
        for descendant in resolve(font.get("/DescendantFonts")) or []:
            yield name, resolve(descendant)
    for xobject in (resolve(resources.get("/XObject")) or {}).values():
        if isinstance(xobject, IndirectObject) and xobject.idnum in seen:
            continue
        if isinstance(xobject, IndirectObject):
            seen.add(xobject.idnum)
        xobject = resolve(xobject)
        if xobject.get("/Subtype") == "/Form":
            yield from fonts_of(xobject.get("/Resources"), seen)


def check_archival(pdf: bytes, *, title: str, language: str) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"].get_object()

    # Every font is embedded: a FontFile, FontFile2 or FontFile3 in its descriptor (Type0 fonts: their descendant).
    fonts = [(name, font) for page in reader.pages for name, font in fonts_of(page.get("/Resources"), set())]
    assert fonts
    for name, font in fonts:
        if font.get("/Subtype") == "/Type0":
            continue
        descriptor = resolve(font.get("/FontDescriptor"))
        assert descriptor is not None, f"{name} {font.get('/BaseFont')} has no descriptor: it is not embedded"
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), f"{font.get('/BaseFont')} not embedded"

    # An sRGB output intent with its ICC profile embedded.
    intents = [resolve(intent) for intent in resolve(catalog["/OutputIntents"])]
    intent = next(i for i in intents if i["/S"] == "/GTS_PDFA1")
    profile = resolve(intent["/DestOutputProfile"])
    icc = profile.get_data()
    assert profile["/N"] == 3 and icc[36:40] == b"acsp" and icc[16:20] == b"RGB "
    assert int.from_bytes(icc[:4], "big") == len(icc)
    assert "sRGB" in intent["/OutputConditionIdentifier"]

    # XMP metadata, unfiltered, that says PDF/A-2B, the title and the language, as do the catalog and Info.
    metadata = resolve(catalog["/Metadata"])
    assert metadata["/Type"] == "/Metadata" and metadata["/Subtype"] == "/XML" and "/Filter" not in metadata
    xmp = ET.fromstring(metadata.get_data().decode("utf-8").split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
    description = xmp.find("rdf:RDF/rdf:Description", NS)
    assert description.findtext("pdfaid:part", namespaces=NS) == "2"
    assert description.findtext("pdfaid:conformance", namespaces=NS) == "B"
    assert description.findtext("dc:title/rdf:Alt/rdf:li", namespaces=NS) == title
    assert description.findtext("dc:language/rdf:Bag/rdf:li", namespaces=NS) == language
    assert catalog["/Lang"] == language
    info = reader.trailer["/Info"].get_object()
    assert info["/Title"] == title
    assert description.findtext("pdf:Producer", namespaces=NS) == info["/Producer"]
    assert description.findtext("xmp:CreatorTool", namespaces=NS) == info["/Creator"]
    assert description.findtext("dc:creator/rdf:Seq/rdf:li", namespaces=NS) == info["/Author"]
    assert all(str(value) for value in info.values())  # no empty entry without its twin in the XMP


# --- each kind of document -------------------------------------------------------------------------------


@pytest.fixture
def clock_day() -> date:
    return date(2026, 11, 22)


@pytest.fixture
def finished_cohort(demo_db, clock_day: date) -> int:
    with demo_db.read() as s:
        return s.scalar(select(Cohort.id).where(Cohort.end_date < clock_day))


@pytest.mark.parametrize("kind", list(ReportKind))
def test_progress_reports_are_pdf_a(demo_db, finished_cohort: int, kind: ReportKind) -> None:
    enrolment = evaluate_cohort(demo_db, finished_cohort)[0].enrolment_id if kind is ReportKind.PARTICIPANT else None
    pdf = render_report(demo_db, ReportRequest(kind, finished_cohort, enrolment))
    title = pypdf.PdfReader(io.BytesIO(pdf)).metadata.title
    assert title and ("Kull" in title or "Progress report – " in title)
    check_archival(pdf, title=title, language="en")


def test_reports_say_the_language_they_are_written_in(demo_db, finished_cohort: int) -> None:
    set_language("nb")
    pdf = render_report(demo_db, ReportRequest(ReportKind.COHORT, finished_cohort))
    title = pypdf.PdfReader(io.BytesIO(pdf)).metadata.title
    check_archival(pdf, title=title, language="nb")


def png_with_alpha() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGBA", (60, 20), (29, 53, 87, 128)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("preview", [False, True])
def test_certificates_are_pdf_a_in_their_own_language(preview: bool) -> None:
    design = CertificateDesign(
        language="nb",
        title="Kursbevis",
        intro="Dette bekrefter at",
        body="har fullført {programme} ({cohort}).",
        place="Oslo",
        logo=png_with_alpha(),
        signatories=(Signatory("Kari Direktør", "Direktør", png_with_alpha()), Signatory("Ola Nilsen", "Koordinator")),
    )
    facts = CertificateFacts(
        name="Áilu Ŋuolja-Čeavččageađge", programme="Lederutvikling", cohort="Kull 2017",
        municipality="Bydel Nordstrand", start=date(2017, 1, 19), end=date(2018, 12, 13),
        issued_on=date(2026, 11, 30), code="7KQ4-MX2P-9HTW", modules=(("Tillitsbasert ledelse", Decimal("12")),),
    )  # fmt: skip
    pdf = render_certificate(design, facts, preview=preview)
    check_archival(pdf, title="Kursbevis – Áilu Ŋuolja-Čeavččageađge", language="nb")


def test_table_lists_are_pdf_a(demo_db, finished_cohort: int, tmp_path) -> None:
    request = td.TableDayRequest(name="Chefsdagen", table_size=6, cohort_id=finished_cohort, table_names=("Eldkvarn",))
    view = td.propose_table_day(demo_db, request)
    target = tmp_path / "tables.pdf"
    write_table_lists(view, target)
    check_archival(target.read_bytes(), title="Table lists: Chefsdagen", language="en")


def test_the_check_fails_on_a_plain_reportlab_pdf() -> None:
    """The check can fail: ReportLab's own canvas names Helvetica without embedding it and has no output intent."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setTitle("Plain")
    canvas.drawString(72, 720, "Hei")
    canvas.showPage()
    canvas.save()
    with pytest.raises(AssertionError, match="not embedded"):
        check_archival(buffer.getvalue(), title="Plain", language="en")

