"""Reading the read audit: who read whose personal data, when, and what kind of read it was.

The rows are written where the reading happens (``tillitsleder.audit.record_read``, called by the reports, the
exports, the calendars, the shared journal and the group notes), so the desktop app and the command line leave the
same trail. This module only reads them back, for the coordinator: filtered by the person concerned, the person who
read, the kind of read and a date range, newest first. The trail holds ids and kinds, never content; names are
looked up when it is shown (an erased person shows as their id).

There is no function to change or delete a row, and the database refuses it too (triggers, migration 0010).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import groupby
from operator import attrgetter
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased

from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.enums import ReadKind, Role
from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.i18n import N_, _
from tillitsleder.lookups import Option
from tillitsleder.model import Person, ReadEvent, ReadEventSubject
from tillitsleder.storage.database import Database

DEFAULT_LIMIT = 2000
LOCAL_ZONE = ZoneInfo("Europe/Oslo")  # the day a reader means by "since 3 December" is the local one


@dataclass(frozen=True)
class ReadFilter:
    """Which reads to show; every field left ``None`` matches all. Dates are local days, both included."""

    person_id: int | None = None  # the person the read concerned
    actor_id: int | None = None  # the person who read (a facilitator, a coach)
    coordinator_only: bool = False  # only reads made by the coordinator's profile (which has no person)
    kind: ReadKind | None = None
    since: date | None = None
    until: date | None = None
    limit: int = DEFAULT_LIMIT
    offset: int = 0  # how many of the newest to skip (the next page of a list)

    def __post_init__(self) -> None:
        if self.since is not None and self.until is not None and self.until < self.since:
            raise ValidationError(N_("The end of the date range is before its start."), field="until")


@dataclass(frozen=True)
class ReadRow:
    """One read as the viewer shows it."""

    id: int
    occurred_at: datetime
    actor_id: int | None
    actor_role: Role
    actor_name: str
    kind: ReadKind
    entity: str
    entity_id: int | None
    subject_ids: tuple[int, ...]
    subject_names: tuple[str, ...]

    @property
    def what(self) -> str:
        """The kind of read and the record it was made from, e.g. "Attendance export (cohort 3)"."""
        label = self.kind.label()
        if self.entity_id is None:
            return label
        entity = _(ENTITY_LABELS[self.entity]) if self.entity in ENTITY_LABELS else self.entity
        return _("{kind} ({entity} {id})").format(kind=label, entity=entity, id=self.entity_id)


ENTITY_LABELS = {
    "cohort": N_("cohort"),
    "session": N_("session"),
    "facilitator": N_("facilitator"),
    "table_day": N_("table day"),
    "group_meeting": N_("group meeting"),
    "journal_entry": N_("journal entry"),
    "person": N_("person"),
}


def _bounds(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LOCAL_ZONE).astimezone(UTC)


def _name(first: str | None, last: str | None, person_id: int) -> str:
    """A person's name, or their id once they are erased (the trail outlives them)."""
    return f"{first} {last}" if first is not None else _("person {id}").format(id=person_id)


def _matching(where: ReadFilter) -> Select:
    """The ``read_event`` rows ``where`` matches, as a select of their listed columns (unordered, unlimited)."""
    query = select(
        ReadEvent.id,
        ReadEvent.occurred_at,
        ReadEvent.actor_id,
        ReadEvent.actor_role,
        ReadEvent.kind,
        ReadEvent.entity,
        ReadEvent.entity_id,
    )
    if where.person_id is not None:
        query = query.where(
            ReadEvent.id.in_(select(ReadEventSubject.event_id).where(ReadEventSubject.person_id == where.person_id))
        )
    if where.actor_id is not None:
        query = query.where(ReadEvent.actor_id == where.actor_id)
    if where.coordinator_only:
        query = query.where(ReadEvent.actor_role == Role.COORDINATOR.value)
    if where.kind is not None:
        query = query.where(ReadEvent.kind == ReadKind(where.kind).value)
    if where.since is not None:
        query = query.where(ReadEvent.occurred_at >= _bounds(where.since))
    if where.until is not None:
        query = query.where(ReadEvent.occurred_at < _bounds(where.until + timedelta(days=1)))
    return query


def count_reads(db: Database, where: ReadFilter = ReadFilter(), *, actor: Actor = COORDINATOR) -> int:
    """How many reads match ``where`` in all (``limit`` and ``offset`` aside). The coordinator's view only."""
    actor.require(Role.COORDINATOR)
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(_matching(where).subquery())) or 0


def list_reads(db: Database, where: ReadFilter = ReadFilter(), *, actor: Actor = COORDINATOR) -> list[ReadRow]:
    """The reads matching ``where``, newest first: at most ``where.limit`` of them, after skipping
    ``where.offset``. The coordinator's view only."""
    actor.require(Role.COORDINATOR)
    query = (
        _matching(where)
        .order_by(ReadEvent.occurred_at.desc(), ReadEvent.id.desc())
        .limit(where.limit)
        .offset(where.offset)
    )
    shown = query.subquery()
    # One statement: each shown read with its reader's name and one row per subject (and their name), joined in
    # SQL rather than sent back as lists of ids, which at a city's scale run to thousands of bound parameters (slow
    # to plan, and past SQLite's limit of 32,766 for the people). Executed on the connection: plain rows, no ORM.
    reader, subject = aliased(Person), aliased(Person)
    statement = (
        select(
            shown,
            reader.first_name.label("reader_first"),
            reader.last_name.label("reader_last"),
            ReadEventSubject.person_id.label("subject_id"),
            subject.first_name.label("subject_first"),
            subject.last_name.label("subject_last"),
        )
        .outerjoin(reader, reader.id == shown.c.actor_id)
        .outerjoin(ReadEventSubject, ReadEventSubject.event_id == shown.c.id)
        .outerjoin(subject, subject.id == ReadEventSubject.person_id)
        .order_by(shown.c.occurred_at.desc(), shown.c.id.desc(), ReadEventSubject.person_id)
    )
    with db.read() as s:
        joined = s.connection().execute(statement).all()
    role_labels = {role: role.label() for role in Role}
    rows = []
    for _event_id, group in groupby(joined, key=attrgetter("id")):
        lines = list(group)
        event = lines[0]
        role = Role(event.actor_role)
        if event.actor_id is None:
            who = role_labels[role]
        else:
            who = _name(event.reader_first, event.reader_last, event.actor_id)
        subjects = [line for line in lines if line.subject_id is not None]  # a read about nobody has one line
        people = tuple(line.subject_id for line in subjects)
        names = tuple(_name(line.subject_first, line.subject_last, line.subject_id) for line in subjects)
        rows.append(
            ReadRow(
                event.id,
                event.occurred_at,
                event.actor_id,
                role,
                who,
                ReadKind(event.kind),
                event.entity,
                event.entity_id,
                people,
                names,
            )
        )
    return rows


def read_page(
    db: Database, where: ReadFilter = ReadFilter(), *, actor: Actor = COORDINATOR
) -> tuple[int, list[ReadRow]]:
    """How many reads match ``where`` in all, and the page of them ``where`` asks for (``list_reads``). A page
    shorter than ``where.limit`` is the last one, so the count follows from it without a query of its own."""
    rows = list_reads(db, where, actor=actor)
    if len(rows) < where.limit and (rows or where.offset == 0):
        return where.offset + len(rows), rows
    return count_reads(db, where, actor=actor), rows


def audit_people(db: Database, *, actor: Actor = COORDINATOR) -> list[Option]:
    """Everyone who appears in the read audit (as reader or as the one read about), by name, for the filters."""
    actor.require(Role.COORDINATOR)
    appearing = (
        select(ReadEventSubject.person_id.label("id"))
        .union(select(ReadEvent.actor_id).where(ReadEvent.actor_id.is_not(None)))
        .subquery()
    )
    # One query on the connection (plain rows): the ids with their names (none for an erased person), no list of
    # ids sent back. The union has made the ids distinct.
    named = select(appearing.c.id, Person.first_name, Person.last_name).outerjoin(Person, Person.id == appearing.c.id)
    with db.read() as s:
        rows = s.connection().execute(named).all()
    options = [Option(person_id, _name(first, last, person_id)) for person_id, first, last in rows]
    options.sort(key=lambda o: (o.label.casefold(), o.id))
    return options


def find_person(db: Database, text: str) -> int:
    """A person named by id or e-mail (as ``privacy audit --person`` accepts them); an id need not exist any
    more, since the trail outlives erased people."""
    value = str(text).strip()
    if value.isdigit():
        return int(value)
    with db.read() as s:
        found = s.scalar(select(Person.id).where(func.lower(Person.email) == value.lower()))
    if found is None:
        raise NotFound(N_("There is no person with the e-mail “{email}”."), email=value)
    return found
