"""Table day (e.g. Norrköping's Chefsdag): seat a cohort, or everyone in chosen units, at named round tables mixed
across units, each with a table leader from a facilitator pool or a chosen list; store and read the seating.

``propose_table_day`` writes nothing; ``save_table_day`` stores a proposal in one transaction. The size of the
tables is given as seats per table (``table_size``) or as a number of tables (``table_count``: the seats follow);
``seed`` gives other tablemates with the same mix (see ``seating``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from math import ceil

from sqlalchemy import delete, func, select

from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.audit import audit
from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.i18n import N_, _
from tillitsleder.lookups import Option
from tillitsleder.model import (
    Cohort,
    DaySeat,
    DayTable,
    Enrolment,
    Facilitator,
    Person,
    TableDay,
    Unit,
)
from tillitsleder.model.enums import EnrolmentStatus
from tillitsleder.storage.database import Database
from tillitsleder.table_day import seating

MAX_TABLE_SIZE = 30


@dataclass(frozen=True)
class TableDayRequest:
    name: str
    table_size: int
    held_on: date | None = None
    cohort_id: int | None = None
    unit_ids: tuple[int, ...] = ()
    table_names: tuple[str, ...] = ()
    leader_pool_id: int | None = None
    leader_person_ids: tuple[int, ...] = ()
    table_count: int | None = None  # when set, the tables seat as many as it takes, at most ``table_size``
    seed: int = 0


@dataclass(frozen=True)
class TableDaySummary:
    id: int
    name: str
    held_on: date | None
    tables: int
    people: int


@dataclass(frozen=True)
class Seated:
    person_id: int
    name: str
    unit: str
    unit_id: int | None


@dataclass(frozen=True)
class TableView:
    name: str
    leader: Seated | None
    members: tuple[Seated, ...]


@dataclass(frozen=True)
class TableDayView:
    id: int | None
    name: str
    held_on: date | None
    cohort_id: int | None
    table_size: int
    tables: tuple[TableView, ...]

    @property
    def people(self) -> int:
        return sum(len(t.members) for t in self.tables)

    @property
    def same_unit_pairs(self) -> int:
        return seating.same_unit_pairs([m.unit_id for m in t.members] for t in self.tables)

    @property
    def without_leader(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.tables if t.leader is None)

    def where_do_i_sit(self) -> list[tuple[Seated, str, bool]]:
        """Everyone (leaders too) with their table and whether they lead it, in alphabetical order."""
        rows = [(m, t.name, False) for t in self.tables for m in t.members]
        rows += [(t.leader, t.name, True) for t in self.tables if t.leader is not None]
        return sorted(rows, key=lambda r: (*name_key(r[0].name), r[0].person_id))


_NORDIC = {"æ": "~0", "ä": "~0", "ø": "~1", "ö": "~1", "å": "~2"}  # after z, in Norwegian order


def name_key(name: str) -> tuple[str, str]:
    """Sort key for lists of people: last name, then the whole name. Accents fold to their letter (Á → a,
    Č → c); the Nordic letters sort after z as in Norwegian (æ/ä, ø/ö, å)."""
    folded = "".join(
        _NORDIC.get(c, c) if c in _NORDIC else unicodedata.normalize("NFKD", c)[0]
        for c in name.casefold().replace("đ", "d").replace("ŧ", "t")
    )
    return folded.rsplit(" ", 1)[-1], folded


def _people(s, ids: set[int]) -> dict[int, Seated]:
    rows = s.execute(
        select(Person.id, Person.first_name, Person.last_name, Person.unit_id, Unit.name)
        .outerjoin(Unit, Unit.id == Person.unit_id)
        .where(Person.id.in_(ids))
    )
    return {r.id: Seated(r.id, f"{r.first_name} {r.last_name}", r.name or "", r.unit_id) for r in rows}


def _check(request: TableDayRequest) -> TableDayRequest:
    if not request.name.strip():
        raise ValidationError(N_("Give the table day a name."), field="name")
    if not 2 <= request.table_size <= MAX_TABLE_SIZE:
        raise ValidationError(N_("A table seats from 2 to {most} people."), field="table_size", most=MAX_TABLE_SIZE)
    if request.table_count is not None and request.table_count < 1:
        raise ValidationError(N_("Give at least one table."), field="table_count")
    if (request.cohort_id is None) == (not request.unit_ids):
        raise ValidationError(N_("Choose a cohort or one or more units to seat."), field="who")
    names = tuple(n.strip() for n in request.table_names if n.strip())
    if len({n.casefold() for n in names}) != len(names):
        raise ValidationError(N_("Two tables have the same name."), field="table_names")
    return replace(request, name=request.name.strip(), table_names=names)


def propose_table_day(db: Database, request: TableDayRequest, *, actor: Actor = COORDINATOR) -> TableDayView:
    """Seat the chosen people (see ``seating``); writes nothing."""
    actor.require(COORDINATOR.role)
    request = _check(request)
    with db.read() as s:
        if request.cohort_id is not None:
            if s.get(Cohort, request.cohort_id) is None:
                raise NotFound(N_("There is no cohort “{cohort}”."), cohort=str(request.cohort_id))
            rows = s.execute(
                select(Person.id, Person.last_name, Person.first_name, func.coalesce(Enrolment.unit_id, Person.unit_id))
                .join(Enrolment, Enrolment.person_id == Person.id)
                .where(Enrolment.cohort_id == request.cohort_id, Enrolment.status == EnrolmentStatus.ACTIVE.value)
            ).all()
        else:
            rows = s.execute(
                select(Person.id, Person.last_name, Person.first_name, Person.unit_id).where(
                    Person.unit_id.in_(request.unit_ids)
                )
            ).all()
        guests = [seating.Guest(r[0], " ".join(name_key(f"{r[2]} {r[1]}")), r[3]) for r in rows]
        leader_ids = set(request.leader_person_ids)
        if request.leader_pool_id is not None:
            leader_ids |= set(
                s.scalars(
                    select(Facilitator.person_id).where(
                        Facilitator.pool_id == request.leader_pool_id, Facilitator.active.is_(True)
                    )
                )
            )
        people = _people(s, {g.person_id for g in guests} | leader_ids)
    if not guests:
        raise ValidationError(N_("There is nobody to seat."), field="who")
    leaders = [
        seating.Guest(p.person_id, " ".join(name_key(p.name)), p.unit_id)
        for p in (people[i] for i in sorted(leader_ids) if i in people)
    ]
    size = request.table_size
    if request.table_count is not None:
        seated = len({g.person_id for g in guests} - {p.person_id for p in leaders})
        size = ceil(seated / request.table_count) if seated else 2
        if seated and seated // request.table_count < 2:
            raise ValidationError(
                N_("{people} people cannot fill {tables} tables with at least two at each."),
                field="table_count", people=seated, tables=request.table_count,
            )  # fmt: skip
        if size > request.table_size:
            raise ValidationError(
                N_("{tables} tables would seat {size} at a table; a table seats at most {most}."),
                field="table_count", tables=request.table_count, size=size, most=request.table_size,
            )  # fmt: skip
    planned = seating.seat(guests, size, leaders, seed=request.seed, tables=request.table_count)
    names = list(request.table_names)
    names += [_("Table {number}").format(number=i + 1) for i in range(len(names), len(planned))]
    tables = tuple(
        TableView(
            names[t.position],
            people[t.leader_id] if t.leader_id is not None else None,
            tuple(people[i] for i in t.guest_ids),
        )
        for t in planned
    )
    return TableDayView(None, request.name, request.held_on, request.cohort_id, size, tables)


def save_table_day(db: Database, view: TableDayView, *, actor: Actor = COORDINATOR) -> int:
    """Store a proposed seating as a new table day; returns its id."""
    actor.require(COORDINATOR.role)
    if not view.tables:
        raise ValidationError(N_("There is nobody to seat."), field="who")
    with db.session() as s:
        day = TableDay(name=view.name, held_on=view.held_on, cohort_id=view.cohort_id, table_size=view.table_size)
        s.add(day)
        s.flush()
        seats = []
        for position, table in enumerate(view.tables):
            row = DayTable(
                table_day_id=day.id,
                position=position,
                name=table.name,
                leader_person_id=table.leader.person_id if table.leader else None,
            )
            s.add(row)
            s.flush()
            seats += [DaySeat(table_day_id=day.id, table_id=row.id, person_id=m.person_id) for m in table.members]
        s.add_all(seats)
        audit(s, "table_day.saved", "table_day", day.id, tables=len(view.tables), people=len(seats))
        return day.id


def table_day_options(db: Database) -> list[Option]:
    with db.read() as s:
        rows = s.execute(select(TableDay.id, TableDay.name).order_by(TableDay.created_at.desc(), TableDay.id.desc()))
        return [Option(r.id, r.name) for r in rows]


def table_day_summaries(db: Database) -> list[TableDaySummary]:
    """The saved table days, newest first, with how many tables and people each has."""
    tables = select(func.count(DayTable.id)).where(DayTable.table_day_id == TableDay.id).scalar_subquery()
    people = select(func.count(DaySeat.id)).where(DaySeat.table_day_id == TableDay.id).scalar_subquery()
    with db.read() as s:
        rows = s.execute(
            select(TableDay.id, TableDay.name, TableDay.held_on, tables, people).order_by(
                TableDay.created_at.desc(), TableDay.id.desc()
            )
        )
        return [TableDaySummary(*row) for row in rows]


def find_table_day(db: Database, id_or_name: str | int) -> Option:
    """A table day named by its id or its (case-insensitive) name — the newest of that name —, as the CLI takes it."""
    text = " ".join(str(id_or_name).split())
    with db.read() as s:
        rows = s.execute(select(TableDay.id, TableDay.name).order_by(TableDay.created_at.desc(), TableDay.id.desc()))
        days = [Option(*row) for row in rows]
    # By id first; names compared in Python, as SQLite's lower() leaves Æ, Ø and Å alone.
    found = next((d for d in days if text.isdigit() and d.id == int(text)), None)
    found = found or next((d for d in days if d.label.casefold() == text.casefold()), None)
    if found is None:
        raise NotFound(N_("There is no table day “{day}”."), day=text)
    return found


def get_table_day(db: Database, table_day_id: int) -> TableDayView:
    with db.read() as s:
        day = s.get(TableDay, table_day_id)
        if day is None:
            raise NotFound(N_("There is no table day with id {id}."), id=table_day_id)
        seats = s.execute(select(DaySeat.table_id, DaySeat.person_id).where(DaySeat.table_day_id == day.id)).all()
        ids = {p for _t, p in seats} | {t.leader_person_id for t in day.tables if t.leader_person_id}
        people = _people(s, ids)
        by_table: dict[int, list[Seated]] = {t.id: [] for t in day.tables}
        for table_id, person_id in seats:
            by_table[table_id].append(people[person_id])
        tables = tuple(
            TableView(
                t.name,
                people.get(t.leader_person_id) if t.leader_person_id else None,
                tuple(sorted(by_table[t.id], key=lambda p: (*name_key(p.name), p.person_id))),
            )
            for t in day.tables
        )
        return TableDayView(day.id, day.name, day.held_on, day.cohort_id, day.table_size, tables)


def delete_table_day(db: Database, table_day_id: int, *, actor: Actor = COORDINATOR) -> None:
    actor.require(COORDINATOR.role)
    with db.session() as s:
        if s.get(TableDay, table_day_id) is None:
            raise NotFound(N_("There is no table day with id {id}."), id=table_day_id)
        s.execute(delete(TableDay).where(TableDay.id == table_day_id))
        audit(s, "table_day.deleted", "table_day", table_day_id)
