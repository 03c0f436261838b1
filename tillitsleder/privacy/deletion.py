"""Deleting a cohort, or a programme with all its cohorts, and everything that belongs to them.

What goes: the cohort's sessions and their attendance, its enrolments with their status history, completion
sign-offs and reflection groups (rounds, groups, meetings, notes, actions), facilitator assignments to those; for
a programme also its semesters, modules, attendance statuses, certificate templates and rules. What stays: the
people (they may be in other cohorts; erasing a person is ``privacy.erasure``), their journals (a session or
module they pointed at is cleared), table days (no longer tied to the cohort), and both audit trails.

``contents`` counts what would go, for the question the user is asked (``DeletionContents.losses()``). Issued
certificates are proof someone completed a programme: a deletion that would take certificates with it is
refused (``HasCertificates``, nothing changed) unless ``include_certificates=True``, which a caller passes only
after an explicit yes. Every deletion first makes a backup (``backup_before``), then deletes in one transaction,
audited with ids and counts only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session as OrmSession

from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.audit import audit
from tillitsleder.enums import Role
from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.i18n import N_, _, format_number, ngettext
from tillitsleder.model import (
    Attendance,
    Certificate,
    Cohort,
    Enrolment,
    GroupMeeting,
    GroupNote,
    GroupRound,
    Module,
    Programme,
    ReflectionGroup,
    Session,
)
from tillitsleder.storage.backups import backup_before
from tillitsleder.storage.database import Database


@dataclass(frozen=True)
class DeletionContents:
    """What deleting a cohort or a programme takes with it."""

    entity: str  # "cohort" or "programme"
    id: int
    name: str
    cohorts: int
    enrolments: int
    sessions: int
    attendance: int
    groups: int
    meetings: int
    notes: int
    certificates: int
    modules: int = 0

    def losses(self) -> list[str]:
        """One translated phrase per kind of thing that would be lost (kinds with none are left out)."""
        n = format_number
        phrases = [
            (self.cohorts if self.entity == "programme" else 0, ngettext("{n} cohort", "{n} cohorts", self.cohorts)),
            (self.modules, ngettext("{n} module", "{n} modules", self.modules)),
            (self.enrolments, ngettext("{n} enrolment", "{n} enrolments", self.enrolments)),
            (self.sessions, ngettext("{n} session", "{n} sessions", self.sessions)),
            (self.attendance, ngettext("{n} attendance record", "{n} attendance records", self.attendance)),
            (self.groups, ngettext("{n} reflection group", "{n} reflection groups", self.groups)),
            (self.meetings, ngettext("{n} group meeting", "{n} group meetings", self.meetings)),
            (self.notes, ngettext("{n} group note", "{n} group notes", self.notes)),
            (self.certificates, ngettext("{n} issued certificate", "{n} issued certificates", self.certificates)),
        ]
        lost = [phrase.format(n=n(count)) for count, phrase in phrases if count]
        return lost or [_("nothing but the name")]


@dataclass(frozen=True)
class DeletionReport:
    contents: DeletionContents
    backup: Path | None


class HasCertificates(ValidationError):
    """Certificates were issued in what is to be deleted; it needs ``include_certificates=True``."""

    def __init__(self, contents: DeletionContents) -> None:
        super().__init__(N_("Certificates were issued in “{name}”."), name=contents.name)
        self.contents = contents

    def user_message(self) -> str:
        count = self.contents.certificates
        return ngettext(
            "{n} certificate was issued in “{name}”; confirm that it is to be deleted too. Nothing was deleted.",
            "{n} certificates were issued in “{name}”; confirm that they are to be deleted too. Nothing was deleted.",
            count,
        ).format(n=format_number(count), name=self.contents.name)


def _count(s: OrmSession, query) -> int:
    return int(s.scalar(query) or 0)


def _contents(s: OrmSession, entity: str, id_: int, name: str, cohort_ids: list[int], modules: int) -> DeletionContents:
    enrolments = select(Enrolment.id).where(Enrolment.cohort_id.in_(cohort_ids))
    sessions = select(Session.id).where(Session.cohort_id.in_(cohort_ids))
    groups = select(ReflectionGroup.id).join(GroupRound).where(GroupRound.cohort_id.in_(cohort_ids))
    meetings = select(GroupMeeting.id).where(GroupMeeting.group_id.in_(groups))
    return DeletionContents(
        entity, id_, name,
        cohorts=len(cohort_ids),
        enrolments=_count(s, select(func.count()).select_from(enrolments.subquery())),
        sessions=_count(s, select(func.count()).select_from(sessions.subquery())),
        attendance=_count(s, select(func.count(Attendance.id)).where(Attendance.session_id.in_(sessions))),
        groups=_count(s, select(func.count()).select_from(groups.subquery())),
        meetings=_count(s, select(func.count()).select_from(meetings.subquery())),
        notes=_count(s, select(func.count(GroupNote.id)).where(GroupNote.meeting_id.in_(meetings))),
        certificates=_count(s, select(func.count(Certificate.id)).where(Certificate.enrolment_id.in_(enrolments))),
        modules=modules,
    )  # fmt: skip


def _cohort(s: OrmSession, cohort_id: int) -> Cohort:
    cohort = s.get(Cohort, cohort_id)
    if cohort is None:
        raise NotFound(N_("There is no cohort “{cohort}”."), cohort=str(cohort_id))
    return cohort


def _programme(s: OrmSession, programme_id: int) -> Programme:
    programme = s.get(Programme, programme_id)
    if programme is None:
        raise NotFound(N_("There is no programme “{programme}”."), programme=str(programme_id))
    return programme


def _programme_contents(s: OrmSession, programme: Programme) -> DeletionContents:
    cohorts = list(s.scalars(select(Cohort.id).where(Cohort.programme_id == programme.id)))
    modules = _count(s, select(func.count(Module.id)).where(Module.programme_id == programme.id))
    return _contents(s, "programme", programme.id, programme.name, cohorts, modules)


def cohort_contents(db: Database, cohort_id: int, *, actor: Actor = COORDINATOR) -> DeletionContents:
    """What deleting the cohort would take with it (to show before asking)."""
    actor.require(Role.COORDINATOR)
    with db.read() as s:
        cohort = _cohort(s, cohort_id)
        return _contents(s, "cohort", cohort.id, cohort.name, [cohort.id], 0)


def programme_contents(db: Database, programme_id: int, *, actor: Actor = COORDINATOR) -> DeletionContents:
    """What deleting the programme (with all its cohorts) would take with it."""
    actor.require(Role.COORDINATOR)
    with db.read() as s:
        return _programme_contents(s, _programme(s, programme_id))


def _delete_cohorts(s: OrmSession, cohort_ids: list[int]) -> None:
    enrolments = select(Enrolment.id).where(Enrolment.cohort_id.in_(cohort_ids))
    certificates = Certificate.enrolment_id.in_(enrolments)
    # A reissued certificate points at the one it replaced (RESTRICT): unlink the chain, then delete it.
    s.execute(update(Certificate).where(certificates).values(supersedes_id=None))
    s.execute(delete(Certificate).where(certificates))
    # Sessions, enrolments and rounds go by ON DELETE CASCADE, and with them attendance, status history,
    # sign-offs, groups, memberships, meetings, notes, actions and assignments; table days are only untied.
    s.execute(delete(Cohort).where(Cohort.id.in_(cohort_ids)))


def delete_cohort(
    db: Database, cohort_id: int, *, include_certificates: bool = False, actor: Actor = COORDINATOR
) -> DeletionReport:
    """Back up, then delete the cohort with everything in it in one transaction; returns what went and the
    backup. ``HasCertificates`` (nothing changed, no backup) when certificates were issued, unless
    ``include_certificates``."""
    contents = cohort_contents(db, cohort_id, actor=actor)
    if contents.certificates and not include_certificates:
        raise HasCertificates(contents)
    backup = backup_before(db, "deleting-cohort")
    with db.session() as s:
        contents = _contents(s, "cohort", cohort_id, _cohort(s, cohort_id).name, [cohort_id], 0)
        if contents.certificates and not include_certificates:  # issued since the question was asked
            raise HasCertificates(contents)
        _delete_cohorts(s, [cohort_id])
        audit(
            s, "cohort.deleted", "cohort", cohort_id, enrolments=contents.enrolments, sessions=contents.sessions,
            meetings=contents.meetings, certificates=contents.certificates,
        )  # fmt: skip
    return DeletionReport(contents, backup)


def delete_programme_and_cohorts(
    db: Database, programme_id: int, *, include_certificates: bool = False, actor: Actor = COORDINATOR
) -> DeletionReport:
    """Back up, then delete the programme with all its cohorts, curriculum, statuses and templates in one
    transaction. ``HasCertificates`` as for ``delete_cohort``."""
    contents = programme_contents(db, programme_id, actor=actor)
    if contents.certificates and not include_certificates:
        raise HasCertificates(contents)
    backup = backup_before(db, "deleting-programme")
    with db.session() as s:
        contents = _programme_contents(s, _programme(s, programme_id))
        if contents.certificates and not include_certificates:
            raise HasCertificates(contents)
        _delete_cohorts(s, list(s.scalars(select(Cohort.id).where(Cohort.programme_id == programme_id))))
        # Semesters, modules, statuses, templates, rules and programme roles go by ON DELETE CASCADE.
        s.execute(delete(Programme).where(Programme.id == programme_id))
        audit(
            s, "programme.deleted", "programme", programme_id, cohorts=contents.cohorts,
            enrolments=contents.enrolments, certificates=contents.certificates,
        )  # fmt: skip
    return DeletionReport(contents, backup)
