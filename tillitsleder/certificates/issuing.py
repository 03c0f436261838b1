"""Issuing certificates: a batch for every eligible participant of a cohort, one person, a reissue, a revocation.

An issued certificate is frozen: its PDF bytes are stored with their SHA-256 and a unique verification code, and
nothing later (a renamed person, an edited template) changes them. A reissue renders a new version from today's
data and marks the old one superseded, with a reason; a revocation keeps the certificate, with a reason.

Rendering happens outside any transaction (a batch of hundreds takes a while and may be cancelled); the writing is
one short transaction that checks again that nothing changed meanwhile. Cancelling leaves the database untouched.
Only the coordinator issues, reissues and revokes; reading and verifying are in ``certificate_register``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder import clock
from tillitsleder.access import Actor
from tillitsleder.audit import audit
from tillitsleder.certificates.document import CertificateRenderer
from tillitsleder.certificates.facts import facts_for, new_code, with_code
from tillitsleder.certificates.register import CertificateInfo, certificate_info, certificate_infos
from tillitsleder.certificates.templates import get_template
from tillitsleder.errors import Cancelled, NotFound, ValidationError
from tillitsleder.i18n import N_, current_language
from tillitsleder.model import Certificate, Cohort, Enrolment
from tillitsleder.model.enums import CertificateStatus, Role
from tillitsleder.storage.database import Database

Progress = Callable[[int, int], None]
CancelFlag = Callable[[], bool]


@dataclass(frozen=True)
class NotEligible:
    enrolment_id: int
    name: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class BatchResult:
    issued: list[CertificateInfo]
    already_issued: int  # eligible participants who hold a valid certificate already
    not_eligible: list[NotEligible] = field(default_factory=list)


@dataclass(frozen=True)
class _Rendered:
    enrolment_id: int
    holder_name: str
    language: str
    code: str
    pdf: bytes
    sha256: str


def issue_for_cohort(
    db: Database,
    cohort_id: int,
    *,
    actor: Actor,
    language: str | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    cancelled: CancelFlag | None = None,
) -> BatchResult:
    """A certificate for every eligible participant of the cohort who has no valid one yet."""
    actor.require(Role.COORDINATOR)
    from tillitsleder.completion.evaluation import evaluate_cohort

    programme_id = _programme_of_cohort(db, cohort_id)
    completions = evaluate_cohort(db, cohort_id, today=today)
    eligible = [c.enrolment_id for c in completions if c.eligible]
    not_eligible = [NotEligible(c.enrolment_id, c.name, tuple(c.reasons)) for c in completions if not c.eligible]
    holding = _holding_valid(db, eligible)
    todo = [enrolment_id for enrolment_id in eligible if enrolment_id not in holding]
    rendered = _render(db, programme_id, todo, language, today, progress, cancelled)
    with db.session() as s:
        if _holding_valid_in(s, todo):
            raise ValidationError(N_("Certificates were issued for this cohort meanwhile; issue again to see them."))
        ids = [_store(s, item, reason="") for item in rendered]
        audit(s, "certificates.issue", "cohort", cohort_id, certificates=len(ids))
    return BatchResult(
        issued=certificate_infos(db, ids),
        already_issued=len(holding),
        not_eligible=not_eligible,
    )


def issue_certificate(
    db: Database, enrolment_id: int, *, actor: Actor, language: str | None = None, today: date | None = None
) -> CertificateInfo:
    """A certificate for one participant who completed and holds no valid certificate."""
    actor.require(Role.COORDINATOR)
    from tillitsleder.completion.evaluation import evaluate_participant

    completion = evaluate_participant(db, enrolment_id, today=today)
    if not completion.eligible:
        raise ValidationError(
            N_("{name} may not receive a certificate yet: {reasons}"),
            name=completion.name,
            reasons=" ".join(completion.reasons),
        )
    if _holding_valid(db, [enrolment_id]):
        raise ValidationError(
            N_("{name} already holds a valid certificate; reissue it to change it."), name=completion.name
        )
    programme_id = _programme_of_cohort(db, _cohort_of(db, enrolment_id))
    (item,) = _render(db, programme_id, [enrolment_id], language, today, None, None)
    with db.session() as s:
        if _holding_valid_in(s, [enrolment_id]):
            raise ValidationError(N_("A certificate was issued to {name} meanwhile."), name=completion.name)
        certificate_id = _store(s, item, reason="")
        audit(s, "certificate.issue", "certificate", certificate_id, enrolment_id=enrolment_id)
    return certificate_info(db, certificate_id)


def reissue(
    db: Database,
    certificate_id: int,
    reason: str,
    *,
    actor: Actor,
    language: str | None = None,
    today: date | None = None,
) -> CertificateInfo:
    """A new version of a valid certificate from today's names and template; the old one becomes superseded."""
    actor.require(Role.COORDINATOR)
    reason = _reason(reason)
    old = certificate_info(db, certificate_id)
    if old.status is not CertificateStatus.VALID:
        raise ValidationError(
            N_("Only a valid certificate can be reissued; this one is {status}."), status=old.status.label().lower()
        )
    programme_id = _programme_of_cohort(db, old.cohort_id)
    (item,) = _render(db, programme_id, [old.enrolment_id], language or old.language, today, None, None)
    with db.session() as s:
        row = s.get(Certificate, certificate_id)
        if row is None or row.status != CertificateStatus.VALID.value:
            raise ValidationError(N_("The certificate was changed meanwhile; look at it again."))
        row.status = CertificateStatus.SUPERSEDED.value
        row.status_reason = reason
        row.status_changed_at = clock.now()
        s.flush()
        new_id = _store(s, item, reason=reason, supersedes=certificate_id)
        audit(s, "certificate.reissue", "certificate", new_id, supersedes=certificate_id)
    return certificate_info(db, new_id)


def revoke(db: Database, certificate_id: int, reason: str, *, actor: Actor) -> CertificateInfo:
    """Mark a valid certificate revoked; it stays in the register with the reason."""
    actor.require(Role.COORDINATOR)
    reason = _reason(reason)
    with db.session() as s:
        row = s.get(Certificate, certificate_id)
        if row is None:
            raise NotFound(N_("There is no certificate with id {id}."), id=certificate_id)
        if row.status != CertificateStatus.VALID.value:
            status = CertificateStatus(row.status).label().lower()
            raise ValidationError(N_("Only a valid certificate can be revoked; this one is {status}."), status=status)
        row.status = CertificateStatus.REVOKED.value
        row.status_reason = reason
        row.status_changed_at = clock.now()
        audit(s, "certificate.revoke", "certificate", certificate_id)
    return certificate_info(db, certificate_id)


# --- helpers -----------------------------------------------------------------------------------------------


def _render(
    db: Database,
    programme_id: int,
    enrolment_ids: list[int],
    language: str | None,
    today: date | None,
    progress: Progress | None,
    cancelled: CancelFlag | None,
) -> list[_Rendered]:
    language = language or current_language()
    renderer = CertificateRenderer(get_template(db, programme_id, language).design())
    with db.read() as s:
        facts = facts_for(s, enrolment_ids, issued_on=today)
        taken = set(s.scalars(select(Certificate.verification_code)))
    rendered: list[_Rendered] = []
    total = len(enrolment_ids)
    if progress:
        progress(0, total)
    for done, enrolment_id in enumerate(enrolment_ids, start=1):
        if cancelled is not None and cancelled():
            raise Cancelled(N_("Issuing was cancelled; no certificates were issued."))
        code = new_code()
        while code in taken:
            code = new_code()
        taken.add(code)
        item = with_code(facts[enrolment_id], code)
        pdf = renderer.render(item)
        rendered.append(_Rendered(enrolment_id, item.name, language, code, pdf, hashlib.sha256(pdf).hexdigest()))
        if progress:
            progress(done, total)
    if cancelled is not None and cancelled():
        raise Cancelled(N_("Issuing was cancelled; no certificates were issued."))
    return rendered


def _store(s: OrmSession, item: _Rendered, *, reason: str, supersedes: int | None = None) -> int:
    version = (
        s.scalar(select(func.max(Certificate.version)).where(Certificate.enrolment_id == item.enrolment_id)) or 0
    ) + 1
    row = Certificate(
        enrolment_id=item.enrolment_id,
        version=version,
        verification_code=item.code,
        issued_at=clock.now(),
        language=item.language,
        pdf=item.pdf,
        sha256=item.sha256,
        status=CertificateStatus.VALID.value,
        status_reason="",
        supersedes_id=supersedes,
        holder_name=item.holder_name,
        issue_reason=reason,
    )
    s.add(row)
    s.flush()
    return row.id


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(N_("Give a reason; it is kept with the certificate."), field="reason")
    if len(reason) > 1000:
        raise ValidationError(N_("The reason is too long: at most 1000 characters."), field="reason")
    return reason


def _holding_valid(db: Database, enrolment_ids: list[int]) -> set[int]:
    with db.read() as s:
        return _holding_valid_in(s, enrolment_ids)


def _holding_valid_in(s: OrmSession, enrolment_ids: list[int]) -> set[int]:
    if not enrolment_ids:
        return set()
    query = select(Certificate.enrolment_id).where(
        Certificate.enrolment_id.in_(enrolment_ids), Certificate.status == CertificateStatus.VALID.value
    )
    return set(s.scalars(query))


def _programme_of_cohort(db: Database, cohort_id: int) -> int:
    with db.read() as s:
        programme_id = s.scalar(select(Cohort.programme_id).where(Cohort.id == cohort_id))
    if programme_id is None:
        raise NotFound(N_("There is no cohort with id {id}."), id=cohort_id)
    return programme_id


def _cohort_of(db: Database, enrolment_id: int) -> int:
    with db.read() as s:
        cohort_id = s.scalar(select(Enrolment.cohort_id).where(Enrolment.id == enrolment_id))
    if cohort_id is None:
        raise NotFound(N_("The enrolment no longer exists (id {id})."), id=enrolment_id)
    return cohort_id

