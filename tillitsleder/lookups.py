"""Small look-ups for pickers and headers: programmes and cohorts by id and name."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from tillitsleder.errors import NotFound
from tillitsleder.i18n import N_
from tillitsleder.model import Cohort, Enrolment, Programme
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


def participant_count(db: Database) -> int:
    """People enrolled in any cohort (each counted once), for the status bar."""
    with db.read() as session:
        return int(session.scalar(select(func.count(func.distinct(Enrolment.person_id)))) or 0)
