"""The certificate register: who holds which certificate, their PDFs, and verifying a code or a file.

The coordinator and facilitators read a cohort's register; a participant reads only their own certificates.
Verifying answers for anyone who holds a code or a file: valid and current, superseded (by which code), revoked
(and why) or unknown, and for whom the certificate was issued. A file is recognised by its SHA-256 only, so a
changed byte makes it unknown.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from tillitsleder.access import Actor
from tillitsleder.certificates.facts import normalise_code, safe_file_stem
from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.i18n import N_, _, format_date
from tillitsleder.model import Certificate, Cohort, Enrolment, Programme
from tillitsleder.model.enums import CertificateStatus, LabelledEnum, Role
from tillitsleder.storage.database import Database
from tillitsleder.storage.private_files import write_private_bytes


@dataclass(frozen=True)
class CertificateInfo:
    id: int
    enrolment_id: int
    person_id: int
    cohort_id: int
    holder_name: str
    programme: str
    cohort: str
    version: int
    code: str
    status: CertificateStatus
    status_reason: str
    issue_reason: str
    issued_at: datetime
    status_changed_at: datetime | None
    language: str
    sha256: str
    supersedes_id: int | None

    def file_name(self) -> str:
        return f"{safe_file_stem(self.holder_name)}-v{self.version}-{self.code}.pdf"


def _columns():
    return (
        Certificate.id,
        Certificate.enrolment_id,
        Enrolment.person_id,
        Enrolment.cohort_id,
        Certificate.holder_name,
        Programme.name,
        Cohort.name,
        Certificate.version,
        Certificate.verification_code,
        Certificate.status,
        Certificate.status_reason,
        Certificate.issue_reason,
        Certificate.issued_at,
        Certificate.status_changed_at,
        Certificate.language,
        Certificate.sha256,
        Certificate.supersedes_id,
    )


def _query():
    return (
        select(*_columns())
        .join(Enrolment, Enrolment.id == Certificate.enrolment_id)
        .join(Cohort, Cohort.id == Enrolment.cohort_id)
        .join(Programme, Programme.id == Cohort.programme_id)
    )


def _info(row) -> CertificateInfo:
    values = list(row)
    values[9] = CertificateStatus(values[9])
    return CertificateInfo(*values)


def certificate_info(db: Database, certificate_id: int, *, actor: Actor | None = None) -> CertificateInfo:
    with db.read() as s:
        row = s.execute(_query().where(Certificate.id == certificate_id)).first()
    if row is None:
        raise NotFound(N_("There is no certificate with id {id}."), id=certificate_id)
    info = _info(row)
    if actor is not None and actor.role is Role.PARTICIPANT:
        actor.require_person(info.person_id)
    return info


def certificate_infos(db: Database, certificate_ids: list[int]) -> list[CertificateInfo]:
    """Several certificates in one query, in the order of ``certificate_ids``."""
    with db.read() as s:
        rows = s.execute(_query().where(Certificate.id.in_(certificate_ids))).all() if certificate_ids else []
    by_id = {row[0]: _info(row) for row in rows}
    return [by_id[certificate_id] for certificate_id in certificate_ids]


def list_certificates(db: Database, cohort_id: int, *, actor: Actor) -> list[CertificateInfo]:
    """The cohort's certificates by name and version; a participant gets only their own."""
    query = _query().where(Enrolment.cohort_id == cohort_id)
    if actor.role is Role.PARTICIPANT:
        query = query.where(Enrolment.person_id == actor.person_id)
    with db.read() as s:
        rows = s.execute(query.order_by(Certificate.holder_name, Certificate.version)).all()
    return [_info(row) for row in rows]


def certificate_pdf(db: Database, certificate_id: int, *, actor: Actor) -> bytes:
    """The frozen PDF bytes, exactly as issued."""
    certificate_info(db, certificate_id, actor=actor)
    return _pdf(db, certificate_id)


def certificate_pdfs(db: Database, certificate_ids: list[int], *, actor: Actor) -> dict[int, bytes]:
    """Several certificates' frozen PDF bytes in one query, by id; a participant may ask for their own only."""
    if not certificate_ids:
        return {}
    with db.read() as s:
        rows = s.execute(
            select(Certificate.id, Enrolment.person_id, Certificate.pdf)
            .join(Enrolment, Enrolment.id == Certificate.enrolment_id)
            .where(Certificate.id.in_(certificate_ids))
        ).all()
    if actor.role is Role.PARTICIPANT:
        for row in rows:
            actor.require_person(row.person_id)
    return {row.id: row.pdf for row in rows}


def _pdf(db: Database, certificate_id: int) -> bytes:
    with db.read() as s:
        pdf = s.scalar(select(Certificate.pdf).where(Certificate.id == certificate_id))
    if pdf == b"":  # the holder's data was erased: only the register row is kept (``privacy.erasure``)
        raise NotFound(
            N_("This certificate's PDF was deleted when its holder's data was erased; its register row is kept.")
        )
    return pdf


def save_copy(db: Database, certificate_id: int, target: Path, *, actor: Actor) -> Path:
    """Write the certificate's PDF to ``target`` (a file, or a folder to put it in under its own name)."""
    info = certificate_info(db, certificate_id, actor=actor)
    path = target / info.file_name() if target.is_dir() else target
    try:
        write_private_bytes(path, _pdf(db, certificate_id))
    except OSError as error:
        raise ValidationError(
            N_("Cannot write “{path}”: {reason}"), path=str(path), reason=error.strerror or str(error)
        ) from error
    return path


# --- verification ------------------------------------------------------------------------------------------


class VerificationState(LabelledEnum):
    VALID = "valid", N_("Valid and current")
    SUPERSEDED = "superseded", N_("Superseded by a newer version")
    REVOKED = "revoked", N_("Revoked")
    UNKNOWN = "unknown", N_("Unknown")


@dataclass(frozen=True)
class Verification:
    state: VerificationState
    certificate: CertificateInfo | None = None
    current_code: str | None = None  # for a superseded certificate: the valid version's code, if any

    @property
    def is_valid(self) -> bool:
        return self.state is VerificationState.VALID

    def message(self) -> str:
        """One or two sentences for a person, in the current language."""
        c = self.certificate
        if c is None:
            return _("No certificate with this code or file was issued here. A changed file is not recognised.")
        values = {
            "name": c.holder_name,
            "programme": c.programme,
            "cohort": c.cohort,
            "version": c.version,
            "code": c.code,
            "issued": format_date(c.issued_at.date(), "long"),
            "changed": format_date(c.status_changed_at.date(), "long") if c.status_changed_at else "",
            "reason": c.status_reason,
        }
        if self.state is VerificationState.VALID:
            text = _("Valid and current: issued to {name} for {programme} ({cohort}) on {issued}, version {version}.")
        elif self.state is VerificationState.REVOKED:
            text = _(
                "Revoked on {changed}: the certificate issued to {name} for {programme} ({cohort}). Reason: “{reason}”"
            )
        else:
            text = _(
                "Superseded on {changed}: version {version} of the certificate issued to {name} for {programme} "
                "({cohort}). Reason: “{reason}”"
            )
            if self.current_code:
                text += " " + _("The current version has the code {current}.")
        return text.format(current=self.current_code or "", **values)


def verify_code(db: Database, text: str) -> Verification:
    code = normalise_code(text)
    if code is None:
        return Verification(VerificationState.UNKNOWN)
    return _verify(db, Certificate.verification_code == code)


def verify_pdf(db: Database, data: bytes) -> Verification:
    return _verify(db, Certificate.sha256 == hashlib.sha256(data).hexdigest())


def verify_file(db: Database, path: Path) -> Verification:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ValidationError(
            N_("Cannot read “{path}”: {reason}"), path=str(path), reason=error.strerror or str(error)
        ) from error
    return verify_pdf(db, data)


def _verify(db: Database, condition) -> Verification:
    with db.read() as s:
        row = s.execute(_query().where(condition)).first()
        if row is None:
            return Verification(VerificationState.UNKNOWN)
        info = _info(row)
        current = None
        if info.status is CertificateStatus.SUPERSEDED:
            current = s.scalar(
                select(Certificate.verification_code).where(
                    Certificate.enrolment_id == info.enrolment_id, Certificate.status == CertificateStatus.VALID.value
                )
            )
    return Verification(VerificationState(info.status.value), info, current)
