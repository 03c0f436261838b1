"""Certificate batch benchmark: 500 certificates issued through the service, against bare ReportLab drawing the same
pages in the same run.

    python benchmarks/certificate_batch_benchmark.py [--count 500] [--runs 3]

Builds a database with a finished cohort of ``--count`` participants (names with Sami and other letters) and a
template with a logo, a background and two signatures, then measures (medians of ``--runs``):

- the service: ``certificates.issue_for_cohort`` — reading the facts, rendering every certificate, hashing it and
  storing all of them in one transaction (eligibility is stubbed to "everyone completed", so this measures the
  certificates, not the completion rules);
- the baseline: plain ReportLab canvas code drawing the same page for the same people (frame, images, title,
  name, body paragraph, modules table, place and date, signatures, QR code and code), each to PDF bytes, with the
  images and fonts loaded the obvious way, once per page.

Prints both times and the ratio (target ≤ 1.5×). The service keeps the template's images decoded and compressed
across the batch, which the baseline does not; ``--no-images`` leaves the images out of both, so the ratio shows
what the service adds around the drawing (facts, template, hashing, storing). Timings on shared machines are
noisy: a script to read, not a test that fails.
"""

from __future__ import annotations

import argparse
import io
import itertools
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

MODULES = [
    ("Tillitsbasert ledelse", "12"),
    ("Relasjonell kompetanse", "12"),
    ("Medarbeiderskap", "7.5"),
    ("Lean og kontinuerlig forbedring", "12"),
    ("Innovasjon i tjenestene", "7.5"),
    ("Ledergruppeutvikling", "14"),
    ("Refleksjonsgrupper", "18"),
    ("Resultatkjeden", "6"),
]
FIRST = ["Áilu", "Łukasz", "Doğan", "Åse", "Ŋuolla", "Kari", "Şahin", "Ćwik", "Đuođa", "Žaneta"]
LAST = ["Čeavča", "Šiellá", "Kılıç", "Østlund", "Ŧuoma", "Nordmann", "Ærlig", "Ćwikliński", "Berg", "Haugen"]


def image(width: int, height: int, kind: str) -> bytes:
    from PIL import Image, ImageDraw

    picture = Image.new("RGBA" if kind == "PNG" else "RGB", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(picture)
    draw.ellipse((4, 4, height - 4, height - 4), fill=(29, 53, 87))
    draw.line([(height, height // 2), (width - 4, height // 3)], fill=(168, 134, 79), width=6)
    buffer = io.BytesIO()
    picture.save(buffer, kind)
    return buffer.getvalue()


def build(path: Path, count: int, images: bool = True):
    from tillitsleder.access import COORDINATOR
    from tillitsleder.certificates.templates import SignatoryValues, get_template, save_template
    from tillitsleder.model import Cohort, Enrolment, Module, Municipality, Person, Programme
    from tillitsleder.storage import open_database

    db = open_database(path)
    with db.session() as s:
        town = Municipality(name="Bydel Nordstrand")
        s.add(town)
        s.flush()
        programme = Programme(municipality_id=town.id, name="Lederutvikling", start_date=date(2017, 1, 1),
                              end_date=date(2018, 12, 31))  # fmt: skip
        s.add(programme)
        s.flush()
        for position, (title, hours) in enumerate(MODULES):
            s.add(Module(programme_id=programme.id, position=position, title=title, hours=Decimal(hours)))
        cohort = Cohort(programme_id=programme.id, name="Kull 2017", start_date=date(2017, 1, 19),
                        end_date=date(2018, 12, 13))  # fmt: skip
        s.add(cohort)
        s.flush()
        names = itertools.product(FIRST, LAST, range(count))
        for n, (first, last, _i) in zip(range(count), names, strict=False):
            person = Person(first_name=f"{first} {n}", last_name=last)
            s.add(person)
            s.flush()
            s.add(Enrolment(cohort_id=cohort.id, person_id=person.id, status_since=date(2017, 1, 19),
                            enrolled_on=date(2017, 1, 1)))  # fmt: skip
        ids = programme.id, cohort.id
    template = get_template(db, ids[0], "nb")
    from dataclasses import replace

    template = replace(
        template,
        place="Oslo",
        logo=image(600, 160, "PNG") if images else None,
        background=image(1240, 1754, "JPEG") if images else None,
        signatories=(
            SignatoryValues("Kari Direktør", "Bydelsdirektør", image(400, 120, "PNG") if images else None),
            SignatoryValues("Ola Koordinator", "Programkoordinator", image(400, 120, "PNG") if images else None),
        ),
    )
    save_template(db, template, actor=COORDINATOR)
    return db, ids[1], template


def stub_eligibility() -> None:
    from tillitsleder.completion import evaluation as completion
    from tillitsleder.model import Enrolment, Person

    def everyone(db, cohort_id, *, today=None, actor=None):
        with db.read() as s:
            rows = (
                s.query(Enrolment.id, Enrolment.person_id, Person.first_name, Person.last_name)
                .join(Person, Person.id == Enrolment.person_id)
                .filter(Enrolment.cohort_id == cohort_id)
                .all()
            )
        state = completion.CompletionState.COMPLETED
        return [completion.ParticipantCompletion(r[0], r[1], f"{r[2]} {r[3]}", state, [], True) for r in rows]

    completion.evaluate_cohort = everyone


def run_service(db, cohort_id: int) -> float:
    from sqlalchemy import delete

    from tillitsleder.access import COORDINATOR
    from tillitsleder.certificates import issuing as certificates
    from tillitsleder.model import Certificate

    with db.session() as s:
        s.execute(delete(Certificate))
    start = time.perf_counter()
    result = certificates.issue_for_cohort(db, cohort_id, actor=COORDINATOR, language="nb", today=date(2026, 11, 30))
    elapsed = time.perf_counter() - start
    assert len(result.issued) > 0
    return elapsed


def run_baseline(db, cohort_id: int, template) -> float:
    """The same page drawn with plain ReportLab calls, one PDF per participant."""
    from babel.dates import format_date
    from babel.numbers import format_decimal
    from reportlab.graphics.barcode import qrencoder
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Frame, KeepInFrame, Paragraph, Spacer, Table, TableStyle

    from tillitsleder.model import Enrolment, Person
    from tillitsleder.pdf.fonts import SANS, SANS_BOLD, SERIF, SERIF_BOLD, register_fonts

    register_fonts()
    with db.read() as s:
        names = [f"{f} {la}" for f, la in s.query(Person.first_name, Person.last_name).join(
            Enrolment, Enrolment.person_id == Person.id).filter(Enrolment.cohort_id == cohort_id)]  # fmt: skip
    w, h = A4
    navy, gold = colors.HexColor("#1d3557"), colors.HexColor("#a8864f")
    title = ParagraphStyle("t", fontName=SERIF_BOLD, fontSize=30, leading=36, alignment=TA_CENTER, textColor=navy)
    intro = ParagraphStyle("i", fontName=SERIF, fontSize=13, leading=18, alignment=TA_CENTER)
    big = ParagraphStyle("n", fontName=SERIF_BOLD, fontSize=25, leading=31, alignment=TA_CENTER)
    body = ParagraphStyle("b", fontName=SERIF, fontSize=12.5, leading=18, alignment=TA_CENTER)
    cell = ParagraphStyle("c", fontName=SANS, fontSize=9, leading=11.5)
    start = time.perf_counter()
    for n, name in enumerate(names):
        buffer = io.BytesIO()
        c = Canvas(buffer, pagesize=A4, pageCompression=1)
        if template.background:
            c.drawImage(ImageReader(io.BytesIO(template.background)), 0, 0, w, h, mask="auto")
        c.setStrokeColor(navy)
        c.setLineWidth(1.6)
        c.rect(12 * mm, 12 * mm, w - 24 * mm, h - 24 * mm)
        c.setStrokeColor(gold)
        c.setLineWidth(0.6)
        c.rect(14.5 * mm, 14.5 * mm, w - 29 * mm, h - 29 * mm)
        if template.logo:
            logo = ImageReader(io.BytesIO(template.logo))
            c.drawImage(logo, w / 2 - 45 * mm, h - 54 * mm, 90 * mm, 24 * mm, mask="auto")
        text = (f"har fullført Lederutvikling i Kull 2017 fra {format_date(date(2017, 1, 19), 'long', locale='nb_NO')}"
                f" til {format_date(date(2018, 12, 13), 'long', locale='nb_NO')}, til sammen 89 timer.")  # fmt: skip
        rows = [["Modul", "Timer"]] + [[Paragraph(t, cell), format_decimal(Decimal(hrs), locale="nb_NO")]
                                       for t, hrs in MODULES] + [["Sum", "89"]]  # fmt: skip
        table = Table(rows, colWidths=[105 * mm, 22 * mm])
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SANS, 9), ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                                   ("LINEBELOW", (0, 0), (-1, 0), 0.8, navy)]))  # fmt: skip
        story = [Paragraph("Kursbevis", title), Spacer(1, 10 * mm), Paragraph("Dette bekrefter at", intro),
                 Paragraph(name, big), Paragraph(text, body), Spacer(1, 8 * mm), table]  # fmt: skip
        frame = Frame(28 * mm, 100 * mm, w - 56 * mm, h - 162 * mm, 0, 0, 0, 0)
        frame.addFromList([KeepInFrame(w - 56 * mm, h - 162 * mm, story, mode="shrink")], c)
        c.setFont(SERIF, 12)
        c.drawCentredString(w / 2, 88 * mm, "Oslo, " + format_date(date(2026, 11, 30), "long", locale="nb_NO"))
        for i, signatory in enumerate(template.signatories):
            x = w / 2 + (i * 2 - 1) * 45 * mm
            if signatory.image:
                signature = ImageReader(io.BytesIO(signatory.image))
                c.drawImage(signature, x - 28 * mm, 63 * mm, 56 * mm, 17 * mm, mask="auto")
            c.line(x - 31 * mm, 62 * mm, x + 31 * mm, 62 * mm)
            c.setFont(SANS_BOLD, 10)
            c.drawCentredString(x, 57 * mm, signatory.name)
            c.setFont(SANS, 9)
            c.drawCentredString(x, 52.5 * mm, signatory.title)
        code = f"BASE-{n:04d}-LINE"
        qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        qr.addData(code)
        qr.make()
        box = 22 * mm / qr.getModuleCount()
        path = c.beginPath()
        for r, row in enumerate(qr.modules):
            for col, dark in enumerate(row):
                if dark:
                    path.rect(22 * mm + col * box, 42 * mm - (r + 1) * box, box, box)
        c.drawPath(path, stroke=0, fill=1)
        c.setFont(SANS, 8)
        c.drawString(49 * mm, 38 * mm, "Kontrollkode")
        c.setFont(SANS_BOLD, 12)
        c.drawString(49 * mm, 32 * mm, code)
        c.showPage()
        c.save()
        assert buffer.getvalue()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-images", action="store_true", help="a template without logo, background or signatures")
    args = parser.parse_args()
    from tillitsleder.i18n import set_language

    set_language("nb")
    stub_eligibility()
    with tempfile.TemporaryDirectory() as folder:
        db, cohort_id, template = build(Path(folder) / "bench.sqlite3", args.count, not args.no_images)
        service, baseline = [], []
        for _ in range(args.runs):
            baseline.append(run_baseline(db, cohort_id, template))
            service.append(run_service(db, cohort_id))
        db.close()
    s, b = statistics.median(service), statistics.median(baseline)
    images = "without images" if args.no_images else "with logo, background and two signature images"
    print(f"{args.count} certificates {images}, median of {args.runs} runs")
    print(f"  service (render + hash + store): {s:7.2f} s  ({s / args.count * 1000:.1f} ms each)")
    print(f"  bare ReportLab, same pages:      {b:7.2f} s  ({b / args.count * 1000:.1f} ms each)")
    print(f"  ratio: {s / b:.2f}× (target ≤ 1.5×)")


if __name__ == "__main__":
    main()
