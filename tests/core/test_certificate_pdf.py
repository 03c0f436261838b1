"""Certificate templates and the rendered certificate: text extracted from the PDF equals what was typed, in the
certificate's language; hostile text prints literally; placeholders and images are checked."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from certificate_data import HOSTILE, built_target, full_names

from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.certificates.document import CertificateDesign, CertificateFacts, Signatory, render_certificate
from tillitsleder.certificates.placeholders import check_placeholders, fill
from tillitsleder.certificates.templates import (
    SignatoryValues,
    check_image,
    get_template,
    save_template,
)
from tillitsleder.errors import Forbidden, ValidationError
from tillitsleder.i18n import set_language
from tillitsleder.storage import open_database

pdftotext = shutil.which("pdftotext")
pytestmark = pytest.mark.skipif(pdftotext is None, reason="needs poppler-utils")


def text_of(pdf: bytes) -> str:
    result = subprocess.run([pdftotext, "-", "-"], input=pdf, check=True, capture_output=True)
    return " ".join(result.stdout.decode("utf-8").split())


def png(width: int = 40, height: int = 20) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (29, 53, 87)).save(buffer, "PNG")
    return buffer.getvalue()


def facts(name: str = "Kari Nordmann", **changes) -> CertificateFacts:
    base = CertificateFacts(
        name=name,
        programme="Lederutvikling i Nordstrand",
        cohort="Kull 2017",
        municipality="Bydel Nordstrand",
        start=date(2017, 1, 19),
        end=date(2018, 12, 13),
        issued_on=date(2026, 11, 30),
        code="7KQ4-MX2P-9HTW",
        modules=(("Tillitsbasert ledelse", Decimal("12")), ("Relasjonell kompetanse", Decimal("7.5"))),
    )
    return replace(base, **changes)


def design(language: str = "en", **changes) -> CertificateDesign:
    base = CertificateDesign(
        language=language,
        title="Certificate",
        intro="This is to certify that",
        body="has completed {programme} ({cohort}) from {start} to {end}: {hours} hours.",
        place="Oslo",
        logo=png(),
        signatories=(Signatory("Kari Direktør", "Director", png(60, 20)), Signatory("Ola Koordinator", "Coordinator")),
    )
    return replace(base, **changes)


@pytest.mark.parametrize("name", full_names())
def test_every_name_comes_back_exactly(name: str) -> None:
    text = text_of(render_certificate(design(), facts(name)))
    assert name in text
    assert "7KQ4-MX2P-9HTW" in text


def test_hostile_text_in_every_template_field_prints_literally() -> None:
    hostile = design(
        title=f"T {HOSTILE}",
        intro=f"I {HOSTILE}",
        body=f"B {HOSTILE} {{name}}",
        place=f"P {HOSTILE}",
        signatories=(Signatory(f"S {HOSTILE}"[:40], "x"),),
    )
    text = text_of(render_certificate(hostile, facts(HOSTILE, programme=HOSTILE)))
    for prefix in ("T", "I", "B", "P"):
        assert f"{prefix} {HOSTILE}" in text
    assert f"B {HOSTILE} {HOSTILE}" in text  # {name} filled with the hostile name, still literal
    assert "<img" in text and "&" in text


def test_dates_and_labels_follow_the_certificate_language_not_the_app_language() -> None:
    set_language("en")
    norwegian = text_of(render_certificate(design("nb"), facts()))
    assert "19. januar 2017" in norwegian and "13. desember 2018" in norwegian
    assert "Oslo, 30. november 2026" in norwegian
    assert "19,5 hours" in norwegian  # the number in Norwegian; the body text is the template's own
    set_language("nb")
    english = text_of(render_certificate(design("en"), facts()))
    assert "19 January 2017" in english and "Oslo, 30 November 2026" in english
    assert "Verification code" in english and "19.5 hours" in english


def test_the_modules_table_lists_hours_and_total() -> None:
    text = text_of(render_certificate(design(), facts()))
    assert "Tillitsbasert ledelse 12" in text and "Relasjonell kompetanse 7.5" in text
    assert "Total 19.5" in text
    assert "Tillitsbasert" not in text_of(render_certificate(design(show_modules=False), facts()))


def test_one_page_even_with_many_modules_and_long_text() -> None:
    many = tuple((f"Modul {n} med en ganske lang tittel om tillitsbasert ledelse", Decimal(6)) for n in range(30))
    pdf = render_certificate(design(body="Lang tekst. " * 120), facts(modules=many))
    pages = subprocess.run([pdftotext, "-", "-"], input=pdf, check=True, capture_output=True).stdout.split(b"\f")
    assert len([page for page in pages if page.strip()]) == 1
    text = text_of(pdf)
    assert "Modul 29" in text and "7KQ4-MX2P-9HTW" in text


def test_placeholders_have_names_in_each_language_and_the_store_keeps_the_keys() -> None:
    from tillitsleder.certificates.placeholders import PLACEHOLDERS, local_name, to_keys, to_local
    from tillitsleder.i18n import set_language

    stored = "{name} – {programme}, {{literal}} {hours}"
    set_language("nb")
    assert to_local(stored) == "{navn} – {program}, {{literal}} {timer}"
    assert to_keys(to_local(stored)) == stored
    assert len({local_name(key) for key in PLACEHOLDERS}) == len(PLACEHOLDERS)
    check_placeholders("{navn} {Programme} {dato}", "Body")  # a name of any language, or a key
    with pytest.raises(ValidationError, match=r"\{fornavn\}.*\{navn\}, \{program\}, \{kull\}"):
        check_placeholders("{fornavn}", "Body")
    assert fill("{navn}, {name}, {sted}", {"name": "Kari", "place": "Oslo"}) == "Kari, Kari, Oslo"
    set_language("en")
    assert to_local("{navn} {dato}") == "{name} {date}" and to_local("{broken") == "{broken"


def test_placeholders_are_checked_and_filled_without_format() -> None:
    check_placeholders("Hello {name}, {{literal}}", "Body")
    with pytest.raises(ValidationError, match=r"\{nmae\} is not a placeholder"):
        check_placeholders("Hello {nmae}", "Body")
    with pytest.raises(ValidationError, match="is not a placeholder"):
        check_placeholders("{name.__class__}", "Body")
    with pytest.raises(ValidationError, match="brace without its partner"):
        check_placeholders("Hello {name", "Body")
    assert fill("{name} {{x}} {cohort}", {"name": "{cohort}", "cohort": "K"}) == "{cohort} {x} K"


def test_images_must_be_png_or_jpeg_within_limits() -> None:
    check_image(png(), "logo")
    with pytest.raises(ValidationError, match="not a PNG or JPEG"):
        check_image(b"<svg></svg>", "logo")
    with pytest.raises(ValidationError, match="too large"):
        check_image(b"\x89PNG" + b"0" * 2_000_001, "logo")
    from PIL import Image

    gif = io.BytesIO()
    Image.new("RGB", (4, 4)).save(gif, "GIF")
    with pytest.raises(ValidationError, match="must be a PNG or JPEG"):
        check_image(gif.getvalue(), "signature")


def test_a_template_is_saved_per_programme_and_language(database_copy) -> None:
    target, ids = built_target(database_copy)
    db = open_database(target)
    default = get_template(db, ids["programme"], "en")
    assert not default.saved and default.place == "Bydel Nordstrand" and "{programme}" in default.body
    edited = replace(
        default,
        title="Kursbevis",
        body="{name} har fullført {programme}.",
        signatories=(SignatoryValues("Kari", "Direktør", png()), SignatoryValues("Ola", "Koordinator")),
        logo=png(),
    )
    save_template(db, replace(edited, language="nb"), actor=COORDINATOR)
    stored = get_template(db, ids["programme"], "nb")
    assert stored.saved and stored.title == "Kursbevis" and len(stored.signatories) == 2
    assert stored.signatories[0].image == png() and stored.logo == png()
    assert not get_template(db, ids["programme"], "en").saved
    with pytest.raises(ValidationError, match="is not a placeholder"):
        save_template(db, replace(stored, body="{navnet}"), actor=COORDINATOR)
    save_template(db, replace(stored, body="{navn} har fullført {program}."), actor=COORDINATOR)
    assert get_template(db, ids["programme"], "nb").body == "{name} har fullført {programme}."  # stable keys
    with pytest.raises(ValidationError, match="one or two signatures"):
        save_template(db, replace(stored, signatories=(SignatoryValues("a"),) * 3), actor=COORDINATOR)
    with pytest.raises(Forbidden):
        save_template(db, stored, actor=Actor.participant(1))
    assert get_template(db, ids["programme"], "nb").body == "{name} har fullført {programme}."
    db.close()


def test_preview_marks_the_page() -> None:
    plain = text_of(render_certificate(design(), facts()))
    marked = text_of(render_certificate(design(), facts(), preview=True))
    letters = sorted(marked.replace(" ", ""))
    for letter in plain.replace(" ", ""):
        letters.remove(letter)
    assert sorted(letters) == sorted("PREVIEW")  # the rotated word adds exactly its letters
