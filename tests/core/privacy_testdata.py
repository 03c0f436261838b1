"""Helpers for the privacy tests: a person of the demo with a profile, a journal and group meetings, and an issued
certificate for them."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from sqlalchemy import select

from tillitsleder.model import Certificate, Enrolment, Person
from tillitsleder.storage import Database

# Ćiril Đorđević of the demo: a participant with a profile, journal entries shared with a coach, a reflection
# group with notes, and a name and e-mail that occur nowhere else in the demo.
PERSON_ID = 2


def person_texts(db: Database, person_id: int = PERSON_ID) -> tuple[str, str, str]:
    """(first name, last name, e-mail) of the person."""
    with db.read() as s:
        person = s.get(Person, person_id)
        assert person is not None and person.email
        return person.first_name, person.last_name, person.email


def issue_certificate(db: Database, person_id: int = PERSON_ID, *, language: str = "nb", version: int = 1) -> int:
    """A certificate row as ``certificates.issuing`` writes it, with a PDF that names the holder in its bytes."""
    with db.session() as s:
        person = s.get(Person, person_id)
        assert person is not None
        enrolment_id = s.scalar(select(Enrolment.id).where(Enrolment.person_id == person_id).limit(1))
        pdf = b"%PDF-1.4\n% certificate for " + person.full_name.encode("utf-8") + f" v{version}\n".encode()
        earlier = s.scalar(select(Certificate.id).where(Certificate.enrolment_id == enrolment_id))
        certificate = Certificate(
            enrolment_id=enrolment_id,
            version=version,
            verification_code=f"TEST{person_id:04d}V{version}",
            language=language,
            pdf=pdf,
            sha256=hashlib.sha256(pdf).hexdigest(),
            holder_name=person.full_name,
            supersedes_id=earlier,
            status="valid",
        )
        s.add(certificate)
        s.flush()
        return certificate.id


def read_export(path: Path) -> tuple[dict, dict[str, bytes]]:
    """The JSON document and every file of an access export."""
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    return json.loads(files["personal-data.json"]), files


def file_bytes(db: Database) -> bytes:
    """The database file and its WAL, as they are on disk now."""
    assert db.path is not None
    wal = db.path.with_name(db.path.name + "-wal")
    return db.path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
