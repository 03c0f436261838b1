"""What goes on certificates: the facts per enrolment (read in a few queries for a whole batch), verification codes
and file names for saved copies."""

from __future__ import annotations

import re
import secrets
from dataclasses import replace
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder import clock
from tillitsleder.certificates.document import CertificateFacts
from tillitsleder.model import Cohort, Enrolment, Module, Municipality, Person, Programme

# No 0/O, 1/I/L, and no U (avoids accidental words): codes are read aloud and typed from paper.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS = 3
CODE_GROUP_LENGTH = 4
_CODE_PATTERN = re.compile(
    r"(?<![0-9A-Z])([" + CODE_ALPHABET + r"]{4})[-\s]?([" + CODE_ALPHABET + r"]{4})[-\s]?([" + CODE_ALPHABET + r"]{4})"
    r"(?![0-9A-Z])"
)


def new_code() -> str:
    """A random verification code such as ``7KQ4-MX2P-9HTW`` (30¹² ≈ 5·10¹⁷ possibilities)."""
    groups = ("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH)) for _ in range(CODE_GROUPS))
    return "-".join(groups)


def normalise_code(text: str) -> str | None:
    """The code in ``text`` as stored (upper case, with hyphens), also when typed in lower case, with spaces or
    inside a sentence; ``None`` if there is none."""
    match = _CODE_PATTERN.search(text.upper())
    return "-".join(match.groups()) if match else None


def safe_file_stem(text: str) -> str:
    """``text`` usable as a file name on Windows, macOS and Linux (letters such as á or ł are kept)."""
    stem = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', "", text).strip().replace(" ", "_")
    return stem.strip(".")[:120] or "certificate"


def local_today(timezone: str) -> date:
    """Today in the programme's time zone (by the app's clock)."""
    return clock.today(timezone)


def modules_of(s: OrmSession, programme_id: int) -> tuple[tuple[str, Decimal], ...]:
    rows = s.execute(
        select(Module.title, Module.hours).where(Module.programme_id == programme_id).order_by(Module.position)
    )
    return tuple((title, Decimal(hours or 0)) for title, hours in rows)


def facts_for(s: OrmSession, enrolment_ids: list[int], *, issued_on: date | None = None) -> dict[int, CertificateFacts]:
    """Facts for each enrolment (the code is left empty: ``with_code`` sets it)."""
    if not enrolment_ids:
        return {}
    rows = s.execute(
        select(
            Enrolment.id,
            Person.first_name,
            Person.last_name,
            Cohort.name,
            Cohort.start_date,
            Cohort.end_date,
            Programme.id,
            Programme.name,
            Programme.end_date,
            Programme.timezone,
            Municipality.name,
        )
        .join(Person, Person.id == Enrolment.person_id)
        .join(Cohort, Cohort.id == Enrolment.cohort_id)
        .join(Programme, Programme.id == Cohort.programme_id)
        .join(Municipality, Municipality.id == Programme.municipality_id)
        .where(Enrolment.id.in_(enrolment_ids))
    ).all()
    modules: dict[int, tuple[tuple[str, Decimal], ...]] = {}
    facts: dict[int, CertificateFacts] = {}
    for row in rows:
        (enrolment_id, first, last, cohort, start, end, programme_id, programme, programme_end, zone, town) = row
        if programme_id not in modules:
            modules[programme_id] = modules_of(s, programme_id)
        facts[enrolment_id] = CertificateFacts(
            name=f"{first} {last}",
            programme=programme,
            cohort=cohort,
            municipality=town,
            start=start,
            end=end or programme_end,
            issued_on=issued_on or local_today(zone),
            code="",
            modules=modules[programme_id],
        )
    return facts


def with_code(facts: CertificateFacts, code: str) -> CertificateFacts:
    return replace(facts, code=code)
