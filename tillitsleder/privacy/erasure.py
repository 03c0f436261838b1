"""Erasure (GDPR art. 17): plan what erasing a person does, then do it in one transaction.

``plan_erasure`` reads only; ``erase_person`` backs the database up into ``<db folder>/backups/``, then in one
transaction deletes what only concerns the person (sign-in profiles and their keys — which crypto-shreds the
journal — the journal's ciphertext, commitments, roles, absences), clears the free text of what the statistics
keep (enrolments, status history, attendance, facilitator memberships), reduces the ``person`` row to the
placeholder "— #id", keeps issued certificates as a minimal register row (``LEGAL_BASIS``) unless they are
included, and logs the erasure (ids only, see ``erasure_records``). Afterwards the file is vacuumed and the WAL
truncated with ``secure_delete`` on, so the name and e-mail are gone from the database's bytes
(``residue`` counts what is left; ``storage.scrubbing`` says why there is nothing to do on PostgreSQL). Group
notes that may mention the person are listed for review by meeting — never read or edited here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session as OrmSession

from tillitsleder import clock
from tillitsleder.audit import audit
from tillitsleder.errors import NotFound
from tillitsleder.i18n import N_
from tillitsleder.model import (
    Certificate,
    GroupAction,
    GroupMeeting,
    GroupNote,
    GroupRound,
    Person,
    ReflectionGroup,
    group_meeting_attendee,
    group_member,
)
from tillitsleder.privacy import erasure_records
from tillitsleder.privacy.people import PLACEHOLDER_FIRST_NAME, is_placeholder, placeholder_last_name
from tillitsleder.privacy.references import PERSON_IDENTIFYING, REFERENCES, Erase, owned_ids, table
from tillitsleder.storage import scrubbing
from tillitsleder.storage.backups import make_backup
from tillitsleder.storage.database import Database

ProgressCallback = Callable[[int, int], None]
log = logging.getLogger(__name__)

LEGAL_BASIS = N_(
    "Kept under GDPR article 17(3)(b) and (e): the municipality must keep issued certificates in its archive "
    "(Archives Act, arkivlova § 6). Only the register row is kept — name, programme, date, version, verification "
    "code and checksum — so a certificate can still be verified; its PDF copy is deleted."
)


@dataclass(frozen=True)
class PlanLine:
    table: str
    action: Erase
    rows: int


@dataclass(frozen=True)
class ReviewMeeting:
    """A reflection-group meeting with notes or actions that may mention the person: to be reviewed by the
    group's facilitator. Its content is not read here."""

    meeting_id: int
    group: str
    round: str
    held_on: date
    notes: int
    actions: int


@dataclass(frozen=True)
class KeptCertificate:
    id: int
    verification_code: str
    version: int
    issued_at: datetime


@dataclass(frozen=True)
class ErasurePlan:
    person_id: int
    name: str
    email: str | None
    include_certificates: bool
    already_erased: bool
    lines: tuple[PlanLine, ...]
    kept_certificates: tuple[KeptCertificate, ...]
    review: tuple[ReviewMeeting, ...]
    journal_entries: int
    profiles: int
    # The byte strings ``residue`` looks for: the e-mail, the name as shown, and the name as SQLite stores it in
    # the row (first + last) and in the name index (last + first), with nothing between them.
    identifiers: tuple[str, ...] = ()

    def rows(self, action: Erase) -> int:
        return sum(line.rows for line in self.lines if line.action is action)

    def lines_for(self, action: Erase) -> list[PlanLine]:
        return [line for line in self.lines if line.action is action and line.rows]


@dataclass(frozen=True)
class ErasureReport:
    plan: ErasurePlan
    erased_at: datetime
    backup: Path | None
    deleted: int
    anonymised: int
    residue: dict[str, int] = field(default_factory=dict)  # file name → occurrences of the name or e-mail
    scrubbed: bool = True  # False: the file was in use and could not be rewritten (see ``scrub``)


def plan_erasure(db: Database, person_id: int, include_certificates: bool = False) -> ErasurePlan:
    """What erasing ``person_id`` would delete, anonymise and keep; nothing is changed."""
    with db.read() as s:
        return _plan(s, person_id, include_certificates)


def _plan(s: OrmSession, person_id: int, include_certificates: bool) -> ErasurePlan:
    person = s.get(Person, person_id)
    if person is None:
        raise NotFound(N_("There is no person with the id or e-mail address “{value}”."), value=person_id)
    ids = owned_ids(s, person_id)
    lines = [PlanLine("person", Erase.ANONYMISE, 1)]
    for (name, action), conditions in _conditions(ids, include_certificates).items():
        t = table(name)
        lines.append(PlanLine(name, action, s.scalar(select(func.count()).select_from(t).where(or_(*conditions)))))
    kept = ()
    if not include_certificates and ids["certificate"]:
        kept = tuple(
            KeptCertificate(c.id, c.verification_code, c.version, c.issued_at)
            for c in s.scalars(
                select(Certificate).where(Certificate.id.in_(ids["certificate"])).order_by(Certificate.id)
            )
        )
    return ErasurePlan(
        person_id=person_id,
        name=person.full_name,
        email=person.email,
        include_certificates=include_certificates,
        already_erased=is_placeholder(person)
        and not ids["profile"]
        and not ids["journal_entry"]
        and not (include_certificates and ids["certificate"]),
        lines=tuple(line for line in lines if line.rows),
        kept_certificates=kept,
        review=tuple(_review(s, ids)),
        journal_entries=len(ids["journal_entry"]),
        profiles=len(ids["profile"]),
        identifiers=tuple(
            text
            for text in (
                person.email,
                person.full_name,
                person.first_name + person.last_name,
                person.last_name + person.first_name,
            )
            if text and not is_placeholder(person)
        ),
    )


def _conditions(ids: dict[str, list[int]], include_certificates: bool) -> dict[tuple[str, Erase], list]:
    """The WHERE conditions of each (table, action), grouped so a row named by two references counts once."""
    found: dict[tuple[str, Erase], list] = {}
    for ref in REFERENCES:
        if not ids[ref.owner]:
            continue
        action = ref.erase
        if action is Erase.REGISTER and include_certificates:
            action = Erase.DELETE
        condition = table(ref.table).c[ref.column].in_(ids[ref.owner])
        found.setdefault((ref.table, action), []).append(condition)
    return found


def _review(s: OrmSession, ids: dict[str, list[int]]) -> list[ReviewMeeting]:
    enrolments, facilitators = ids["enrolment"], ids["facilitator"]
    member_groups = select(group_member.c.group_id).where(group_member.c.enrolment_id.in_(enrolments))
    attended = select(group_meeting_attendee.c.meeting_id).where(group_meeting_attendee.c.enrolment_id.in_(enrolments))
    led = select(ReflectionGroup.id).where(ReflectionGroup.facilitator_id.in_(facilitators))
    notes = select(func.count()).where(GroupNote.meeting_id == GroupMeeting.id).scalar_subquery()
    actions = select(func.count()).where(GroupAction.meeting_id == GroupMeeting.id).scalar_subquery()
    rows = s.execute(
        select(GroupMeeting.id, ReflectionGroup.name, GroupRound.name, GroupMeeting.held_on, notes, actions)
        .join(ReflectionGroup, ReflectionGroup.id == GroupMeeting.group_id)
        .join(GroupRound, GroupRound.id == ReflectionGroup.round_id)
        .where(
            GroupMeeting.group_id.in_(member_groups)
            | GroupMeeting.id.in_(attended)
            | GroupMeeting.group_id.in_(led)
            | GroupMeeting.facilitator_id.in_(facilitators)
        )
        .order_by(GroupMeeting.held_on, GroupMeeting.id)
    ).all()
    return [ReviewMeeting(*row) for row in rows if row[4] or row[5]]


def erase_person(
    db: Database,
    plan_or_person: ErasurePlan | int,
    *,
    include_certificates: bool | None = None,
    backup: bool = True,
    progress: ProgressCallback | None = None,
    logged_at: datetime | None = None,
    scrub_file: bool = True,
) -> ErasureReport:
    """Erase the person (see the module's docstring). Give the ``ErasurePlan`` the user confirmed, or a person id
    (then ``include_certificates`` decides, default no). ``backup=False`` only where a backup was just restored;
    ``logged_at`` keeps the original time when the log is re-applied. Erasing many people at once (retention),
    pass ``backup=False, scrub_file=False`` after one backup of your own and call ``scrub(db)`` once at the end."""
    if isinstance(plan_or_person, ErasurePlan):
        person_id = plan_or_person.person_id
        include = plan_or_person.include_certificates if include_certificates is None else include_certificates
    else:
        person_id, include = plan_or_person, bool(include_certificates)
    plan = plan_erasure(db, person_id, include)
    made = None
    if backup and db.path is not None:
        made = make_backup(db.path, "before-erase", progress=progress)
    erased_at = logged_at or clock.now()
    with db.session() as s:
        deleted, anonymised = erase_in_transaction(s, db, person_id, include_certificates=include, erased_at=erased_at)
    scrubbed = scrub(db) if scrub_file else True
    return ErasureReport(plan, erased_at, made, deleted, anonymised, residue(db, list(plan.identifiers)), scrubbed)


def erase_in_transaction(
    s: OrmSession,
    db: Database,
    person_id: int,
    *,
    include_certificates: bool = False,
    erased_at: datetime | None = None,
) -> tuple[int, int]:
    """The erasure itself, inside the caller's transaction (``erase_person``, and retention for each due person):
    deletes and anonymises, audits and logs it. Returns (rows deleted, rows anonymised). No backup, no scrub."""
    scrubbing.secure_delete(s)
    deleted, anonymised = _erase(s, person_id, include_certificates)
    audit(s, "person.erased", "person", person_id, deleted=deleted, anonymised=anonymised,
          certificates=include_certificates)  # fmt: skip
    erasure_records.record(s, db, erasure_records.Erased(person_id, include_certificates, erased_at or clock.now()))
    return deleted, anonymised


def _erase(s: OrmSession, person_id: int, include_certificates: bool) -> tuple[int, int]:
    ids = owned_ids(s, person_id)
    deleted = anonymised = 0
    certificates = ids["certificate"]
    if certificates and include_certificates:
        s.execute(update(Certificate).where(Certificate.id.in_(certificates)).values(supersedes_id=None))
        deleted += s.execute(delete(Certificate).where(Certificate.id.in_(certificates))).rowcount
    elif certificates:
        s.execute(
            update(Certificate)
            .where(Certificate.id.in_(certificates))
            .values(pdf=b"", status_reason="", issue_reason="")
        )
        anonymised += len(certificates)
    # Leaves first (grants and drafts, absences), then the rows they hang from.
    deletions = sorted((r for r in REFERENCES if r.erase is Erase.DELETE), key=lambda r: r.owner == "person")
    for ref in deletions:
        if ids[ref.owner]:
            t = table(ref.table)
            deleted += s.execute(delete(t).where(t.c[ref.column].in_(ids[ref.owner]))).rowcount
    for ref in REFERENCES:
        if ref.erase is Erase.ANONYMISE and ids[ref.owner] and ref.clear:
            t = table(ref.table)
            values = {name: (None if t.c[name].nullable else "") for name in ref.clear}
            if ref.table == "facilitator":
                values["active"] = False
            anonymised += s.execute(update(t).where(t.c[ref.column].in_(ids[ref.owner])).values(**values)).rowcount
    cleared = {name: None for name in PERSON_IDENTIFYING}
    s.execute(
        update(Person)
        .where(Person.id == person_id)
        .values(first_name=PLACEHOLDER_FIRST_NAME, last_name=placeholder_last_name(person_id), **cleared)
    )
    return deleted, anonymised + 1


def scrub(db: Database, *, attempts: int = 3) -> bool:
    """Leave no bytes of the erased values in the database file (``storage.scrubbing.scrub``: vacuum and empty the
    WAL on SQLite; nothing to do on a server). False when another connection kept the WAL in use."""
    return scrubbing.scrub(db.engine, attempts=attempts)


def residue(db: Database, needles: list[str]) -> dict[str, int]:
    """How often each needle's UTF-8 bytes occur in the database file and its WAL (0 for a missing file)."""
    if db.path is None:
        return {}
    counts = {}
    for path in (db.path, db.path.with_name(db.path.name + "-wal")):
        data = path.read_bytes() if path.exists() else b""
        counts[path.name] = sum(data.count(needle.encode("utf-8")) for needle in needles)
    return counts
