"""Small look-ups for pickers and headers: programmes, cohorts and units by id and name."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.i18n import N_
from tillitsleder.model import Cohort, Enrolment, Programme, Unit
from tillitsleder.storage.database import Database


@dataclass(frozen=True)
class Option:
    id: int
    label: str


def programme_options(db: Database) -> list[Option]:
    with db.read() as session:
        rows = session.execute(select(Programme.id, Programme.name).order_by(Programme.start_date.desc()))
        return [Option(row.id, row.name) for row in rows]


def cohort_options(db: Database, programme_id: int | None = None) -> list[Option]:
    query = select(Cohort.id, Cohort.name).order_by(Cohort.start_date.desc(), Cohort.name)
    if programme_id is not None:
        query = query.where(Cohort.programme_id == programme_id)
    with db.read() as session:
        return [Option(row.id, row.name) for row in session.execute(query)]


def find_cohort(db: Database, id_or_name: str | int) -> Option:
    """A cohort named by its id or its (case-insensitive) name, as the CLI accepts them."""
    text = str(id_or_name).strip()
    conditions = [func.lower(Cohort.name) == text.lower()]
    if text.isdigit():
        conditions.append(Cohort.id == int(text))
    with db.read() as session:
        rows = session.execute(select(Cohort.id, Cohort.name).where(or_(*conditions)).order_by(Cohort.id)).all()
    if not rows:
        raise NotFound(N_("There is no cohort “{cohort}”."), cohort=text)
    if text.isdigit():
        rows.sort(key=lambda row: row.id != int(text))
    return Option(rows[0].id, rows[0].name)


def find_programme(db: Database, id_or_name: str | int) -> Option:
    """A programme named by its id or its (case-insensitive) name, as the CLI accepts them."""
    text = " ".join(str(id_or_name).split())
    options = programme_options(db)
    found = [o for o in options if text.isdigit() and o.id == int(text)]
    found = found or [o for o in options if o.label.casefold() == text.casefold()]
    if not found:
        raise NotFound(N_("There is no programme “{programme}”."), programme=text)
    return found[0]


def find_unit(db: Database, id_or_name: str | int) -> Option:
    """A unit named by its id or its name (ignoring case), as the CLI accepts them; a name that several units
    share is refused, with a hint to give the id."""
    text = " ".join(str(id_or_name).split())
    with db.read() as session:
        units = [Option(*row) for row in session.execute(select(Unit.id, Unit.name).order_by(Unit.id))]
    by_id = [u for u in units if text.isdigit() and u.id == int(text)]
    named = by_id or [u for u in units if u.label.casefold() == text.casefold()]
    if not named:
        raise NotFound(N_("There is no unit “{unit}”."), unit=text)
    if len(named) > 1:
        raise ValidationError(N_("Several units are called “{unit}”; give the unit's id instead."), unit=text)
    return named[0]


def participant_count(db: Database) -> int:
    """People enrolled in any cohort (each counted once), for the status bar."""
    with db.read() as session:
        return int(session.scalar(select(func.count(func.distinct(Enrolment.person_id)))) or 0)
