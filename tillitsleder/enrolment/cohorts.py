"""Cohorts and enrolment: create a cohort of a programme, enrol people, change and read enrolment status.

An enrolment keeps a snapshot of the unit and position a person had when enrolled (people move; the cohort's
records should not). Status changes (active, on leave, withdrawn, completed) carry the date they take effect
and an optional reason, and are kept as history. Lists and their filters are the ``ENROLMENTS`` and
``COHORTS`` specs in ``listings``; this module validates and writes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from tillitsleder import clock
from tillitsleder.audit import audit
from tillitsleder.enrolment.units import create_unit
from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.i18n import N_, format_date
from tillitsleder.lookups import Option
from tillitsleder.model import (
    Cohort,
    Department,
    Enrolment,
    EnrolmentStatusChange,
    Person,
    Programme,
    Unit,
)
from tillitsleder.model.enums import EnrolmentStatus
from tillitsleder.storage.database import Database
from tillitsleder.versions import check_seen, saving

EMAIL_PATTERN = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\]]{2,}$")
NAME_LIMIT, POSITION_LIMIT, EMAIL_LIMIT, EMPLOYEE_NUMBER_LIMIT, COHORT_NAME_LIMIT = 100, 200, 254, 50, 200
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


@dataclass(frozen=True)
class NewPerson:
    """Someone not yet known to the app. ``unit_id`` and ``position`` are also the enrolment's snapshot."""

    first_name: str
    last_name: str
    email: str | None = None
    employee_number: str | None = None
    unit_id: int | None = None
    position: str | None = None


@dataclass(frozen=True)
class StatusChange:
    status: EnrolmentStatus
    effective_on: date
    reason: str
    changed_at: datetime


@dataclass(frozen=True)
class EnrolmentInfo:
    id: int
    cohort_id: int
    person_id: int
    name: str
    unit: str
    department: str
    position: str
    status: EnrolmentStatus
    status_since: date
    enrolled_on: date
    version: int = 1  # handed back to ``change_status`` as ``seen_version``


@dataclass(frozen=True)
class UnitOption:
    id: int
    name: str
    department_id: int
    department: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.department})"


def valid_email(text: str) -> bool:
    return len(text) <= EMAIL_LIMIT and EMAIL_PATTERN.match(text) is not None




_MISSING = {
    "cohort_name": N_("Fill in the cohort's name."),
    "first_name": N_("Fill in the first name."),
    "last_name": N_("Fill in the last name."),
}
_TOO_LONG = {
    "cohort_name": N_("The cohort's name is longer than {limit} characters."),
    "first_name": N_("The first name is longer than {limit} characters."),
    "last_name": N_("The last name is longer than {limit} characters."),
    "email": N_("The e-mail address is longer than {limit} characters."),
    "employee_number": N_("The employee number is longer than {limit} characters."),
    "position": N_("The position is longer than {limit} characters."),
}


def _text(value: str | None, limit: int, field: str, *, required: bool = False) -> str | None:
    """``value`` stripped (``None`` if blank); ``field`` is a key of ``_TOO_LONG``."""
    value = (value or "").strip()
    if not value:
        if required:
            raise ValidationError(_MISSING[field], field=field)
        return None
    if len(value) > limit:
        raise ValidationError(_TOO_LONG[field], field=field, limit=limit)
    return value


# --- Cohorts ------------------------------------------------------------------------------------------------


def create_cohort(db: Database, programme_id: int, name: str, start_date: date, end_date: date | None = None) -> int:
    """A new cohort of a programme; the name is unique (ignoring case) and the dates overlap the programme's."""
    name = _text(name, COHORT_NAME_LIMIT, "cohort_name", required=True) or ""
    for day in (start_date, end_date):
        if day is not None and not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
            raise ValidationError(N_("The date {date} is not a sensible date for a cohort."), date=format_date(day))
    if end_date is not None and end_date < start_date:
        raise ValidationError(N_("A cohort cannot end before it starts."))
    with db.session() as session:
        programme = session.get(Programme, programme_id)
        if programme is None:
            raise NotFound(N_("The programme no longer exists."))
        if start_date > programme.end_date or (end_date or start_date) < programme.start_date:
            raise ValidationError(
                N_("The cohort's dates must overlap the programme's period ({start} – {end})."),
                start=format_date(programme.start_date),
                end=format_date(programme.end_date),
            )
        taken = session.scalar(select(Cohort.id).where(func.lower(Cohort.name) == name.lower()))
        if taken is not None:
            raise ValidationError(N_("There is already a cohort named “{name}”."), name=name)
        cohort_id = session.execute(
            insert(Cohort).returning(Cohort.id),
            {"programme_id": programme_id, "name": name, "start_date": start_date, "end_date": end_date},
        ).scalar_one()
        audit(session, "cohort.created", "cohort", cohort_id, programme_id=programme_id)
    return cohort_id


def cohort_municipality(session: Session, cohort_id: int) -> int:
    municipality_id = session.scalar(
        select(Programme.municipality_id)
        .join(Cohort, Cohort.programme_id == Programme.id)
        .where(Cohort.id == cohort_id)
    )
    if municipality_id is None:
        raise NotFound(N_("The cohort no longer exists."))
    return municipality_id


def unit_options(db: Database, cohort_id: int) -> list[UnitOption]:
    """Units of the municipality that runs the cohort's programme, by department and name."""
    with db.read() as session:
        municipality_id = cohort_municipality(session, cohort_id)
        rows = session.execute(
            select(Unit.id, Unit.name, Department.id, Department.name)
            .join(Department, Department.id == Unit.department_id)
            .where(Department.municipality_id == municipality_id)
            .order_by(Department.name, Unit.name)
        )
        return [UnitOption(*row) for row in rows]


def department_options(db: Database, cohort_id: int) -> list[Option]:
    with db.read() as session:
        municipality_id = cohort_municipality(session, cohort_id)
        rows = session.execute(
            select(Department.id, Department.name)
            .where(Department.municipality_id == municipality_id)
            .order_by(Department.name)
        )
        return [Option(row.id, row.name) for row in rows]


# --- Enrolment ----------------------------------------------------------------------------------------------


def find_people(db: Database, cohort_id: int, text: str, limit: int = 50) -> list[Option]:
    """People not yet in the cohort whose name, e-mail or employee number contains every word of ``text``."""
    query = select(Person.id, Person.first_name, Person.last_name, Person.email).where(
        Person.id.not_in(select(Enrolment.person_id).where(Enrolment.cohort_id == cohort_id))
    )
    for word in text.lower().split():
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        haystack = (
            Person.first_name
            + " "
            + Person.last_name
            + " "
            + func.coalesce(Person.email, "")
            + " "
            + func.coalesce(Person.employee_number, "")
        )
        query = query.where(func.lower(haystack).like(pattern, escape="\\"))
    with db.read() as session:
        rows = session.execute(query.order_by(Person.last_name, Person.first_name).limit(limit))
        return [
            Option(row.id, f"{row.first_name} {row.last_name}" + (f" <{row.email}>" if row.email else ""))
            for row in rows
        ]


def _check_unit(session: Session, cohort_id: int, unit_id: int | None) -> None:
    if unit_id is None:
        return
    department = session.scalar(
        select(Department.municipality_id).join(Unit, Unit.department_id == Department.id).where(Unit.id == unit_id)
    )
    if department != cohort_municipality(session, cohort_id):
        raise ValidationError(N_("The unit does not belong to the municipality that runs this programme."))


def _create_person(session: Session, person: NewPerson) -> int:
    first = _text(person.first_name, NAME_LIMIT, "first_name", required=True)
    last = _text(person.last_name, NAME_LIMIT, "last_name", required=True)
    email = _text(person.email, EMAIL_LIMIT, "email")
    number = _text(person.employee_number, EMPLOYEE_NUMBER_LIMIT, "employee_number")
    position = _text(person.position, POSITION_LIMIT, "position")
    if email is not None and not valid_email(email):
        raise ValidationError(N_("“{email}” is not a valid e-mail address."), email=email)
    if email is not None:
        other = session.execute(
            select(Person.first_name, Person.last_name).where(func.lower(Person.email) == email.lower())
        ).first()
        if other is not None:
            raise ValidationError(
                N_("{name} already has the e-mail address “{email}”; enrol that person instead."),
                name=f"{other.first_name} {other.last_name}",
                email=email,
            )
    if number is not None:
        other = session.execute(
            select(Person.first_name, Person.last_name).where(Person.employee_number == number)
        ).first()
        if other is not None:
            raise ValidationError(
                N_("{name} already has the employee number {number}; enrol that person instead."),
                name=f"{other.first_name} {other.last_name}",
                number=number,
            )
    values = {
        "first_name": first,
        "last_name": last,
        "email": email,
        "employee_number": number,
        "unit_id": person.unit_id,
        "position": position,
    }
    return session.execute(insert(Person).returning(Person.id), values).scalar_one()


NewEnrolment = tuple[int, int | None, str | None]  # person id, and their unit and position to keep on the enrolment


def insert_enrolments(session: Session, cohort_id: int, new: Sequence[NewEnrolment], enrolled_on: date) -> list[int]:
    """Write enrolments of ``cohort_id``, active from ``enrolled_on``, with the first entry of their status history,
    in the caller's transaction; their ids in order. The one writer of new enrolments (``enrol``, the import)."""
    active = EnrolmentStatus.ACTIVE.value
    values = [
        {"cohort_id": cohort_id, "person_id": person, "unit_id": unit, "position": position, "status": active,
         "status_since": enrolled_on, "enrolled_on": enrolled_on}
        for person, unit, position in new
    ]  # fmt: skip
    if not values:
        return []
    statement = insert(Enrolment).returning(Enrolment.id, sort_by_parameter_order=True)
    ids = list(session.execute(statement, values).scalars())
    history = [{"enrolment_id": i, "status": active, "effective_on": enrolled_on} for i in ids]
    session.execute(insert(EnrolmentStatusChange), history)
    return ids


def enrol(
    db: Database,
    cohort_id: int,
    person: int | NewPerson,
    *,
    unit_id: int | None = None,
    position: str | None = None,
    enrolled_on: date | None = None,
    new_unit: tuple[int, str] | None = None,
) -> int:
    """Enrol an existing person (by id) or a new one; returns the enrolment id.

    The enrolment's unit and position are ``unit_id``/``position`` if given, else the person's current ones.
    ``new_unit`` (department id, name) creates that unit in the same transaction and uses it as ``unit_id``
    (and as a new person's unit).
    """
    enrolled_on = enrolled_on or clock.today()
    with db.session() as session:
        if session.get(Cohort, cohort_id) is None:
            raise NotFound(N_("The cohort no longer exists."))
        if new_unit is not None:
            unit_id = create_unit(session, cohort_municipality(session, cohort_id), *new_unit)
            if isinstance(person, NewPerson):
                person = replace(person, unit_id=unit_id)
        if isinstance(person, NewPerson):
            _check_unit(session, cohort_id, person.unit_id)
            person_id = _create_person(session, person)
            unit_id = unit_id if unit_id is not None else person.unit_id
            position = position if position is not None else person.position
        else:
            person_id = person
            known = session.get(Person, person_id)
            if known is None:
                raise NotFound(N_("That person no longer exists."))
            unit_id = unit_id if unit_id is not None else known.unit_id
            position = position if position is not None else known.position
        _check_unit(session, cohort_id, unit_id)
        position = _text(position, POSITION_LIMIT, "position")
        already = session.scalar(
            select(Enrolment.id).where(Enrolment.cohort_id == cohort_id, Enrolment.person_id == person_id)
        )
        if already is not None:
            raise ValidationError(N_("This person is already enrolled in the cohort."))
        (enrolment_id,) = insert_enrolments(session, cohort_id, [(person_id, unit_id, position)], enrolled_on)
        audit(session, "enrolment.created", "enrolment", enrolment_id, cohort_id=cohort_id, person_id=person_id)
    return enrolment_id


# --- Status -------------------------------------------------------------------------------------------------


def change_status(
    db: Database,
    enrolment_id: int,
    status: EnrolmentStatus | str,
    effective_on: date,
    reason: str = "",
    *,
    seen_version: int | None = None,
) -> None:
    """Set an enrolment's status from ``effective_on`` and add the change to its history.

    The date may not precede the enrolment or the latest change already recorded (history stays in order).
    Refused (``ChangedElsewhere``) if the enrolment was saved elsewhere since ``seen_version`` was read.
    """
    try:
        new = EnrolmentStatus(status)
    except ValueError:
        raise ValidationError(N_("“{status}” is not an enrolment status."), status=str(status)) from None
    reason = (reason or "").strip()
    if not EARLIEST_YEAR <= effective_on.year <= LATEST_YEAR:
        raise ValidationError(N_("The date {date} is not a sensible date."), date=format_date(effective_on))
    with saving(db, Enrolment, enrolment_id, entity="enrolment") as session:
        enrolment = session.get(Enrolment, enrolment_id)
        if enrolment is None:
            raise NotFound(N_("The enrolment no longer exists."))
        check_seen(session, enrolment, seen_version, entity="enrolment")
        if enrolment.status == new.value:
            raise ValidationError(N_("The enrolment is already “{status}”."), status=new.label())
        latest = session.scalar(
            select(func.max(EnrolmentStatusChange.effective_on)).where(
                EnrolmentStatusChange.enrolment_id == enrolment_id
            )
        )
        earliest = max(day for day in (enrolment.enrolled_on, latest) if day is not None)
        if effective_on < earliest:
            raise ValidationError(
                N_("The change cannot take effect before {date}, the date of the latest change."),
                date=format_date(earliest),
            )
        old = enrolment.status
        enrolment.status = new.value
        enrolment.status_since = effective_on
        session.execute(
            insert(EnrolmentStatusChange),
            {"enrolment_id": enrolment_id, "status": new.value, "effective_on": effective_on, "reason": reason},
        )
        audit(session, "enrolment.status_changed", "enrolment", enrolment_id, to=new.value, **{"from": old})


def status_history(db: Database, enrolment_id: int) -> list[StatusChange]:
    """The enrolment's status changes, oldest first."""
    with db.read() as session:
        rows = session.execute(
            select(
                EnrolmentStatusChange.status,
                EnrolmentStatusChange.effective_on,
                EnrolmentStatusChange.reason,
                EnrolmentStatusChange.changed_at,
            )
            .where(EnrolmentStatusChange.enrolment_id == enrolment_id)
            .order_by(EnrolmentStatusChange.effective_on, EnrolmentStatusChange.changed_at, EnrolmentStatusChange.id)
        )
        return [StatusChange(EnrolmentStatus(r.status), r.effective_on, r.reason, r.changed_at) for r in rows]


def enrolment_info(db: Database, enrolment_id: int) -> EnrolmentInfo:
    with db.read() as session:
        row = session.execute(
            select(
                Enrolment.id,
                Enrolment.cohort_id,
                Enrolment.person_id,
                Person.first_name,
                Person.last_name,
                func.coalesce(Unit.name, ""),
                func.coalesce(Department.name, ""),
                func.coalesce(Enrolment.position, ""),
                Enrolment.status,
                Enrolment.status_since,
                Enrolment.enrolled_on,
                Enrolment.version,
            )
            .join(Person, Person.id == Enrolment.person_id)
            .outerjoin(Unit, Unit.id == Enrolment.unit_id)
            .outerjoin(Department, Department.id == Unit.department_id)
            .where(Enrolment.id == enrolment_id)
        ).first()
    if row is None:
        raise NotFound(N_("The enrolment no longer exists."))
    ident, cohort, person, first, last, unit, department, position, status, since, enrolled, version = row
    return EnrolmentInfo(
        ident, cohort, person, f"{first} {last}", unit, department, position, EnrolmentStatus(status), since, enrolled,
        version,
    )  # fmt: skip
