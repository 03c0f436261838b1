"""Reading the read audit: who read whose personal data, when, and what kind of read it was.

The rows are written where the reading happens (``tillitsleder.audit.record_read``, called by the reports, the
exports, the calendars, the shared journal and the group notes), so the desktop app and the command line leave the
same trail. This module only reads them back, for the coordinator: filtered by the person concerned, the person who
read, the kind of read and a date range, newest first. The trail holds ids and kinds, never content; names are
looked up when it is shown (an erased person shows as their id).

There is no function to change or delete a row, and the database refuses it too (triggers, migration 0010).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

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


def _name(person: tuple[str, str] | None, person_id: int) -> str:
    return f"{person[0]} {person[1]}" if person else _("person {id}").format(id=person_id)


def list_reads(db: Database, where: ReadFilter = ReadFilter(), *, actor: Actor = COORDINATOR) -> list[ReadRow]:
    """The reads matching ``where``, newest first (at most ``where.limit``). The coordinator's view only."""
    actor.require(Role.COORDINATOR)
    query = (
        select(
            ReadEvent.id,
            ReadEvent.occurred_at,
            ReadEvent.actor_id,
            ReadEvent.actor_role,
            ReadEvent.kind,
            ReadEvent.entity,
            ReadEvent.entity_id,
        )
        .order_by(ReadEvent.occurred_at.desc(), ReadEvent.id.desc())
        .limit(where.limit)
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
    shown = query.subquery()
    # Subjects and names are joined in SQL rather than passed back as lists of ids: at a city's scale those lists
    # run to thousands of bound parameters (slow to plan, and past SQLite's limit of 32,766 for the people).
    subjects_query = (
        select(ReadEventSubject.event_id, ReadEventSubject.person_id)
        .join(shown, shown.c.id == ReadEventSubject.event_id)
        .order_by(ReadEventSubject.person_id)
    )
    named = (
        select(ReadEventSubject.person_id.label("id"))
        .join(shown, shown.c.id == ReadEventSubject.event_id)
        .union(select(shown.c.actor_id).where(shown.c.actor_id.is_not(None)))
        .subquery()
    )
    with db.read() as s:
        events = s.execute(select(shown).order_by(shown.c.occurred_at.desc(), shown.c.id.desc())).all()
        subjects: dict[int, list[int]] = defaultdict(list)
        for event_id, person_id in s.execute(subjects_query):
            subjects[event_id].append(person_id)
        names = {row.id: (row.first_name, row.last_name) for row in s.execute(
            select(Person.id, Person.first_name, Person.last_name).join(named, named.c.id == Person.id)
        )}  # fmt: skip
    rows = []
    for event in events:
        role = Role(event.actor_role)
        who = role.label() if event.actor_id is None else _name(names.get(event.actor_id), event.actor_id)
        people = tuple(subjects[event.id])
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
                tuple(_name(names.get(p), p) for p in people),
            )  # fmt: skip
        )
    return rows


def audit_people(db: Database, *, actor: Actor = COORDINATOR) -> list[Option]:
    """Everyone who appears in the read audit (as reader or as the one read about), by name, for the filters."""
    actor.require(Role.COORDINATOR)
    appearing = (
        select(ReadEventSubject.person_id.label("id"))
        .union(select(ReadEvent.actor_id).where(ReadEvent.actor_id.is_not(None)))
        .subquery()
    )
    with db.read() as s:  # one query: the ids with their names (none for an erased person), no list of ids sent back
        rows = s.execute(
            select(appearing.c.id, Person.first_name, Person.last_name).outerjoin(Person, Person.id == appearing.c.id)
        ).all()
        ids = {row.id for row in rows}
        named = {row.id: (row.first_name, row.last_name) for row in rows if row.first_name is not None}
    options = [Option(person_id, _name(named.get(person_id), person_id)) for person_id in ids]
    return sorted(options, key=lambda o: (o.label.casefold(), o.id))


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
