"""Retention rules: how long a programme keeps its participants' journals and identifiable enrolments.

A programme's rule is a number of months (``Programme.retention_months``; none: no rule). A cohort is *due* on the
day its end date lies that many months back; on applying, for each due cohort:

- its enrolments are anonymised: the position and unit recorded at enrolment, the journal-count permission and the
  reasons typed into the status history are cleared (attendance, status and completion stay, for statistics);
- each participant whose every enrolment is in a due or already handled cohort is *erased* through ``erase``
  (their journal and what else the erasure service removes); a participant still in another cohort — or who is also
  a facilitator or coordinator — is *held back* and erased when their last cohort is due;
- the cohort is marked handled (``Cohort.retention_applied_at``), so it is never due again.

``preview_retention`` says who is due without changing anything. ``apply_retention`` backs the database up first
(``backup_before``), then does all of it in one transaction, audited with ids and counts, and reports what it did.
Issued certificates are kept: they are proof for the person, and verifying one needs it.

The erasure is an interface (``Erase``): a function that erases one person within the open transaction. By
default each due person is erased as ``privacy.erasure`` erases one (``erase_in_transaction``: journal keys and
entries, name and contact details, keeping issued certificates' register rows); the file is scrubbed once at
the end, so no freed page keeps a name.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session as OrmSession

from tillitsleder import clock
from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.audit import audit
from tillitsleder.enums import Role
from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.i18n import N_
from tillitsleder.model import (
    Cohort,
    Enrolment,
    EnrolmentStatusChange,
    Facilitator,
    JournalEntry,
    Person,
    Programme,
    RoleAssignment,
)
from tillitsleder.privacy.erasure import erase_in_transaction, scrub
from tillitsleder.storage.backups import backup_before
from tillitsleder.storage.database import Database

MIN_MONTHS, MAX_MONTHS = 1, 120

Erase = Callable[[OrmSession, int], object]
"""Erases one person (by id) within the open transaction; must not commit."""


# --- The rule -----------------------------------------------------------------------------------------------


def clean_retention_months(value: object) -> int | None:
    """The rule as stored: ``None`` (no rule) for an empty value, else whole months from 1 to 120."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        months = int(str(value).strip())
    except ValueError:
        raise ValidationError(N_("Give the retention period in whole months."), field="retention_months") from None
    if not MIN_MONTHS <= months <= MAX_MONTHS:
        raise ValidationError(
            N_("Keep the data from {min} to {max} months after a cohort ends, or set no rule."),
            field="retention_months",
            min=MIN_MONTHS,
            max=MAX_MONTHS,
        )
    return months


@dataclass(frozen=True)
class RetentionRule:
    programme_id: int
    programme_name: str
    months: int | None


def list_rules(db: Database, *, actor: Actor = COORDINATOR) -> list[RetentionRule]:
    """Every programme with its rule, by name."""
    actor.require(Role.COORDINATOR)
    with db.read() as s:
        rows = s.execute(select(Programme.id, Programme.name, Programme.retention_months).order_by(Programme.name))
        return [RetentionRule(*row) for row in rows]


def set_rule(db: Database, programme_id: int, months: object, *, actor: Actor = COORDINATOR) -> int | None:
    """Set (or with an empty value remove) the programme's rule; returns the months stored."""
    actor.require(Role.COORDINATOR)
    cleaned = clean_retention_months(months)
    with db.session() as s:
        programme = s.get(Programme, programme_id)
        if programme is None:
            raise NotFound(N_("There is no programme “{programme}”."), programme=str(programme_id))
        if programme.retention_months != cleaned:
            programme.retention_months = cleaned
            audit(s, "programme.retention_set", "programme", programme_id, months=cleaned)
    return cleaned


def due_on(end: date, months: int) -> date:
    """``end`` plus ``months`` calendar months (the last day of a shorter month when the day is missing)."""
    total = end.month - 1 + months
    year, month = end.year + total // 12, total % 12 + 1
    return date(year, month, min(end.day, calendar.monthrange(year, month)[1]))


# --- Who is due ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DueCohort:
    cohort_id: int
    name: str
    programme_name: str
    ended_on: date
    due_on: date
    enrolments: int


@dataclass(frozen=True)
class DuePerson:
    person_id: int
    name: str
    journal_entries: int
    held_back: bool  # still in a cohort that is not due, or also a facilitator or coordinator


@dataclass(frozen=True)
class RetentionPreview:
    today: date
    cohorts: tuple[DueCohort, ...]
    people: tuple[DuePerson, ...]

    @property
    def to_erase(self) -> tuple[DuePerson, ...]:
        return tuple(p for p in self.people if not p.held_back)

    @property
    def held_back(self) -> tuple[DuePerson, ...]:
        return tuple(p for p in self.people if p.held_back)

    @property
    def enrolments(self) -> int:
        return sum(c.enrolments for c in self.cohorts)

    @property
    def journal_entries(self) -> int:
        return sum(p.journal_entries for p in self.to_erase)


def _preview(s: OrmSession, today: date) -> RetentionPreview:
    rows = s.execute(
        select(Cohort.id, Cohort.name, Programme.name, Cohort.end_date, Programme.retention_months)
        .join(Programme, Programme.id == Cohort.programme_id)
        .where(
            Programme.retention_months.is_not(None), Cohort.end_date.is_not(None), Cohort.retention_applied_at.is_(None)
        )
        .order_by(Cohort.end_date, Cohort.id)
    ).all()
    due = [(row, due_on(row[3], row[4])) for row in rows if due_on(row[3], row[4]) <= today]
    due_ids = [row[0] for row, _day in due]
    counts = dict(
        s.execute(
            select(Enrolment.cohort_id, func.count(Enrolment.id))
            .where(Enrolment.cohort_id.in_(due_ids))
            .group_by(Enrolment.cohort_id)
        ).all()
    )
    cohorts = tuple(DueCohort(row[0], row[1], row[2], row[3], day, int(counts.get(row[0], 0))) for row, day in due)
    people_ids = select(Enrolment.person_id).where(Enrolment.cohort_id.in_(due_ids))
    # Held back: enrolled in a cohort that is neither due now nor handled before, or with another role.
    elsewhere = set(
        s.scalars(
            select(Enrolment.person_id)
            .join(Cohort, Cohort.id == Enrolment.cohort_id)
            .where(
                Enrolment.person_id.in_(people_ids),
                Cohort.id.not_in(due_ids),
                Cohort.retention_applied_at.is_(None),
            )
        )
    )
    elsewhere |= set(s.scalars(select(Facilitator.person_id).where(Facilitator.person_id.in_(people_ids))))
    elsewhere |= set(
        s.scalars(
            select(RoleAssignment.person_id).where(
                RoleAssignment.person_id.in_(people_ids), RoleAssignment.role != Role.PARTICIPANT.value
            )
        )
    )
    entries = dict(
        s.execute(
            select(JournalEntry.author_id, func.count(JournalEntry.id))
            .where(JournalEntry.author_id.in_(people_ids))
            .group_by(JournalEntry.author_id)
        ).all()
    )
    people = tuple(
        DuePerson(row.id, f"{row.first_name} {row.last_name}", int(entries.get(row.id, 0)), row.id in elsewhere)
        for row in s.execute(
            select(Person.id, Person.first_name, Person.last_name)
            .where(Person.id.in_(people_ids))
            .order_by(Person.last_name, Person.first_name, Person.id)
        )
    )
    return RetentionPreview(today, cohorts, people)


def preview_retention(db: Database, *, today: date | None = None, actor: Actor = COORDINATOR) -> RetentionPreview:
    """The cohorts due on ``today`` (default: the clock's) and their participants; changes nothing."""
    actor.require(Role.COORDINATOR)
    with db.read() as s:
        return _preview(s, today or clock.today())


# --- Applying ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionReport:
    preview: RetentionPreview  # what was due when it was applied
    backup: Path | None
    applied_at: datetime

    @property
    def cohorts(self) -> int:
        return len(self.preview.cohorts)

    @property
    def erased(self) -> int:
        return len(self.preview.to_erase)


def apply_retention(
    db: Database, *, today: date | None = None, erase: Erase | None = None, actor: Actor = COORDINATOR
) -> RetentionReport:
    """Back up, then apply every due cohort's rule in one transaction (see the module's description)."""
    actor.require(Role.COORDINATOR)
    if erase is None:  # the full erasure of one person, keeping issued certificates' register rows

        def erase(s: OrmSession, person_id: int) -> object:
            return erase_in_transaction(s, db, person_id)

    day = today or clock.today()
    if not preview_retention(db, today=day, actor=actor).cohorts:
        return RetentionReport(RetentionPreview(day, (), ()), None, clock.now())
    backup = backup_before(db, "retention")
    moment = clock.now()
    with db.session() as s:
        preview = _preview(s, day)  # again, inside the transaction: exactly what is applied
        cohort_ids = [c.cohort_id for c in preview.cohorts]
        enrolments = select(Enrolment.id).where(Enrolment.cohort_id.in_(cohort_ids))
        s.execute(
            update(Enrolment)
            .where(Enrolment.cohort_id.in_(cohort_ids))
            .values(position=None, unit_id=None, journal_count_visible=False)
        )
        s.execute(
            update(EnrolmentStatusChange).where(EnrolmentStatusChange.enrolment_id.in_(enrolments)).values(reason="")
        )
        for person in preview.to_erase:
            erase(s, person.person_id)
        s.execute(update(Cohort).where(Cohort.id.in_(cohort_ids)).values(retention_applied_at=moment))
        for cohort in preview.cohorts:
            audit(s, "cohort.retention_applied", "cohort", cohort.cohort_id, enrolments=cohort.enrolments)
        audit(
            s, "retention.applied", "cohort", None, cohorts=len(cohort_ids),
            erased=[p.person_id for p in preview.to_erase], held_back=[p.person_id for p in preview.held_back],
        )  # fmt: skip
    if preview.to_erase:
        scrub(db)  # no freed page keeps an erased name
    return RetentionReport(preview, backup, moment)
