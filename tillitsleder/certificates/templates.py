"""Certificate templates: one per programme and language, edited by the coordinator, previewed as a PDF.

A programme without a saved template in a language gets a default one (text in that language, the municipality
as the place, one signatory line for the director), so certificates can be issued at once. Images (logo,
background, signatures) are PNG or JPEG within size limits; text fields may only use the known placeholders.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace

from sqlalchemy import select

from tillitsleder.access import Actor
from tillitsleder.certificates.document import CertificateDesign, Signatory
from tillitsleder.certificates.placeholders import check_placeholders, to_keys
from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.i18n import LANGUAGES, N_, _
from tillitsleder.model import (
    CertificateSignatory,
    CertificateTemplate,
    Cohort,
    Enrolment,
    Municipality,
    Person,
    Programme,
)
from tillitsleder.model.enums import Role
from tillitsleder.storage.database import Database
from tillitsleder.versions import acting, check_seen, touch

MAX_IMAGE_BYTES = {"logo": 2_000_000, "background": 6_000_000, "signature": 1_000_000}
MAX_IMAGE_PIXELS = 6000
IMAGE_FORMATS = {"PNG", "JPEG"}

DEFAULT_TITLE = N_("Certificate")
DEFAULT_INTRO = N_("This is to certify that")
DEFAULT_BODY = N_(
    "has completed the leadership development programme {programme} with the cohort {cohort}, "
    "from {start} to {end}: {hours} hours in all."
)
DEFAULT_SIGNATORY_TITLE = N_("Director")


@dataclass(frozen=True)
class SignatoryValues:
    name: str = ""
    title: str = ""
    image: bytes | None = None


@dataclass(frozen=True)
class TemplateValues:
    """A template as the editor shows and saves it. ``saved`` is False for a not yet saved default."""

    programme_id: int
    language: str
    title: str
    intro: str = ""
    body: str = ""
    place: str = ""
    show_modules: bool = True
    logo: bytes | None = None
    background: bytes | None = None
    signatories: tuple[SignatoryValues, ...] = field(default=())
    saved: bool = False
    # The version the editor read (0: none saved yet, the default); ``save_template`` refuses a save over a newer
    # one (``ChangedElsewhere``). None: not checked (the command line).
    version: int | None = field(default=None, compare=False)

    def design(self) -> CertificateDesign:
        return CertificateDesign(
            language=self.language,
            title=self.title,
            intro=self.intro,
            body=self.body,
            place=self.place,
            show_modules=self.show_modules,
            logo=self.logo,
            background=self.background,
            signatories=tuple(Signatory(s.name, s.title, s.image) for s in self.signatories),
        )


def _in_language(language: str):
    from tillitsleder.certificates.document import translations_for

    return translations_for(language).gettext


def default_template(db: Database, programme_id: int, language: str) -> TemplateValues:
    """The template a programme gets in ``language`` until one is saved."""
    _check_language(language)
    with db.read() as s:
        programme = s.get(Programme, programme_id)
        if programme is None:
            raise NotFound(N_("There is no programme with id {id}."), id=programme_id)
        municipality = s.scalar(select(Municipality.name).where(Municipality.id == programme.municipality_id))
    tr = _in_language(language)
    return TemplateValues(
        programme_id=programme_id,
        language=language,
        title=tr(DEFAULT_TITLE),
        intro=tr(DEFAULT_INTRO),
        body=tr(DEFAULT_BODY),
        place=municipality or "",
        signatories=(SignatoryValues("", tr(DEFAULT_SIGNATORY_TITLE)),),
        version=0,
    )


def get_template(db: Database, programme_id: int, language: str) -> TemplateValues:
    """The saved template of a programme in ``language``, or its default."""
    _check_language(language)
    with db.read() as s:
        row = s.scalar(
            select(CertificateTemplate).where(
                CertificateTemplate.programme_id == programme_id, CertificateTemplate.language == language
            )
        )
        if row is not None:
            return TemplateValues(
                programme_id=programme_id,
                language=language,
                title=row.title,
                intro=row.intro,
                body=row.body,
                place=row.place,
                show_modules=row.show_modules,
                logo=row.logo,
                background=row.background,
                signatories=tuple(SignatoryValues(x.name, x.title, x.image) for x in row.signatories),
                saved=True,
                version=row.version,
            )
    return default_template(db, programme_id, language)


def validate_template(values: TemplateValues) -> TemplateValues:
    """Raise ``ValidationError`` for the first problem; returns the values with text trimmed and placeholders
    written as their stable keys (a name in any language, ``{navn}``, is stored as ``{name}``)."""
    _check_language(values.language)
    values = replace(
        values,
        title=to_keys(values.title.strip()),
        intro=to_keys(values.intro.strip()),
        body=to_keys(values.body.strip()),
        place=to_keys(values.place.strip()),
        signatories=tuple(
            SignatoryValues(s.name.strip(), s.title.strip(), s.image or None)
            for s in values.signatories
            if s.name.strip() or s.title.strip() or s.image
        ),
    )
    if not values.title:
        raise ValidationError(N_("Give the certificate a title."), field="title")
    for text, label, limit in (
        (values.title, N_("Title"), 200),
        (values.intro, N_("Introduction"), 1000),
        (values.body, N_("Body text"), 4000),
        (values.place, N_("Place"), 200),
    ):
        if len(text) > limit:
            raise ValidationError(N_("{field} is too long: at most {limit} characters."), field=_(label), limit=limit)
        check_placeholders(text, _(label))
    if not 1 <= len(values.signatories) <= 2:
        raise ValidationError(N_("A certificate has one or two signatures."), field="signatories")
    for signatory in values.signatories:
        if len(signatory.name) > 200 or len(signatory.title) > 200:
            raise ValidationError(N_("A signatory's name and title have at most 200 characters each."))
        check_image(signatory.image, "signature")
    check_image(values.logo, "logo")
    check_image(values.background, "background")
    return values


def check_image(data: bytes | None, kind: str) -> None:
    """Raise ``ValidationError`` unless ``data`` is empty or a PNG/JPEG image within the limits for ``kind``."""
    if not data:
        return
    labels = {"logo": N_("The logo"), "background": N_("The background image"), "signature": N_("The signature")}
    what = _(labels[kind])
    if len(data) > MAX_IMAGE_BYTES[kind]:
        raise ValidationError(
            N_("{image} is too large: at most {limit} MB."), image=what, limit=MAX_IMAGE_BYTES[kind] // 1_000_000
        )
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            kind_found, size = image.format, image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(N_("{image} is not a PNG or JPEG image that can be read."), image=what) from None
    if kind_found not in IMAGE_FORMATS:
        raise ValidationError(N_("{image} must be a PNG or JPEG image."), image=what)
    if max(size) > MAX_IMAGE_PIXELS or min(size) < 1:
        raise ValidationError(
            N_("{image} is too large: at most {limit} pixels wide and high."), image=what, limit=MAX_IMAGE_PIXELS
        )


def save_template(db: Database, values: TemplateValues, *, actor: Actor) -> TemplateValues:
    """Save (create or replace) the programme's template in its language. Coordinator only."""
    actor.require(Role.COORDINATOR)
    seen, values = values.version, validate_template(values)
    with db.session() as s:
        acting(s, actor.person_id)
        if s.get(Programme, values.programme_id) is None:
            raise NotFound(N_("There is no programme with id {id}."), id=values.programme_id)
        row = s.scalar(
            select(CertificateTemplate).where(
                CertificateTemplate.programme_id == values.programme_id,
                CertificateTemplate.language == values.language,
            )
        )
        if row is None:
            row = CertificateTemplate(programme_id=values.programme_id, language=values.language)
            s.add(row)
        else:
            check_seen(s, row, seen, entity="certificate_template")
            touch(row)  # the signatories are rows of their own: the template's version follows them too
        row.title, row.intro, row.body, row.place = values.title, values.intro, values.body, values.place
        row.show_modules = values.show_modules
        row.logo, row.background = values.logo, values.background
        row.signatories.clear()
        s.flush()
        for position, signatory in enumerate(values.signatories, start=1):
            row.signatories.append(
                CertificateSignatory(
                    position=position, name=signatory.name, title=signatory.title, image=signatory.image
                )
            )
        s.flush()
        version = row.version
    return replace(values, saved=True, version=version)


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValidationError(
            N_("“{language}” is not a certificate language; use one of {languages}."),
            language=language,
            languages=", ".join(LANGUAGES),
        )


SAMPLE_NAME = "Áile Márjá Čeavča-Łukasiewicz"
SAMPLE_CODE = "2345-6789-ABCD"


def programme_of_cohort(db: Database, cohort_id: int) -> tuple[int, str]:
    """The programme (id, name) a cohort belongs to: its certificates use that programme's templates."""
    with db.read() as s:
        row = s.execute(
            select(Programme.id, Programme.name)
            .join(Cohort, Cohort.programme_id == Programme.id)
            .where(Cohort.id == cohort_id)
        ).first()
    if row is None:
        raise NotFound(N_("There is no cohort with id {id}."), id=cohort_id)
    return row.id, row.name


def preview_certificate(db: Database, values: TemplateValues, cohort_id: int) -> bytes:
    """The certificate ``values`` would give, for the cohort's first participant (or a sample name), marked as a
    preview. Raises ``ValidationError`` for a template that cannot be saved either."""
    from tillitsleder.certificates.document import CertificateRenderer
    from tillitsleder.certificates.facts import facts_for, with_code

    values = validate_template(values)
    with db.read() as s:
        first = s.scalar(
            select(Enrolment.id)
            .join(Person, Person.id == Enrolment.person_id)
            .where(Enrolment.cohort_id == cohort_id)
            .order_by(Person.last_name, Person.first_name)
            .limit(1)
        )
        sample = _sample_facts(s, cohort_id) if first is None else facts_for(s, [first])[first]
    return CertificateRenderer(values.design()).render(with_code(sample, SAMPLE_CODE), preview=True)


def _sample_facts(s, cohort_id: int):
    from tillitsleder.certificates.document import CertificateFacts
    from tillitsleder.certificates.facts import local_today, modules_of

    cohort = s.get(Cohort, cohort_id)
    if cohort is None:
        raise NotFound(N_("There is no cohort with id {id}."), id=cohort_id)
    programme = cohort.programme
    town = s.scalar(select(Municipality.name).where(Municipality.id == programme.municipality_id)) or ""
    return CertificateFacts(
        name=SAMPLE_NAME,
        programme=programme.name,
        cohort=cohort.name,
        municipality=town,
        start=cohort.start_date,
        end=cohort.end_date or programme.end_date,
        issued_on=local_today(programme.timezone),
        code=SAMPLE_CODE,
        modules=modules_of(s, programme.id),
    )
