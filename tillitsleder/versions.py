"""Several people editing the same records: refusing a save over someone else's newer change.

A form loads a record with its ``version`` (``model.versioned``) and hands it back when it saves; the service
calls ``check_seen`` in its transaction, and ``saving`` turns the race the check cannot see (another connection
commits between this transaction's read and its UPDATE, which then matches no row: SQLAlchemy's
``StaleDataError``) into the same refusal. Either way the user gets ``ChangedElsewhere``: "Changed by Kari
Nordmann at 14:32 — your changes were not saved; the newer values are shown.", carrying the record's values now.

``seen=None`` skips the check: the command line and older callers save as before (the last save wins, but never
half of one: the ORM's version check still refuses a save that raced another).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import LargeBinary, inspect, select
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm.exc import StaleDataError

from tillitsleder import clock
from tillitsleder.errors import ChangedElsewhere
from tillitsleder.i18n import N_, _, format_datetime, format_time
from tillitsleder.model import Person
from tillitsleder.model.versioned import ACTING_PERSON, UpdatedBy
from tillitsleder.storage.database import CHANGED_ELSEWHERE, Database

CHANGED_BY = N_("Changed by {name} at {time} — your changes were not saved; the newer values are shown.")
CHANGED_AT = N_("Changed elsewhere at {time} — your changes were not saved; the newer values are shown.")
REMOVED = N_("Removed elsewhere meanwhile — your changes were not saved.")
# Who saved when the row names no person: the coordinator's desktop profile (or the CLI) is no person.
A_COORDINATOR = N_("a coordinator")

Values = Callable[[Any], dict[str, Any]]


def act_as(db: Database, person_id: int | None) -> None:
    """Every later save through ``db`` is this person's (``None``: the coordinator's desktop profile, no person):
    the app calls it when a profile is adopted, so "Changed by …" names who saved."""
    db.session_info[ACTING_PERSON] = person_id


def acting(s: OrmSession, person_id: int | None) -> None:
    """Record ``person_id`` as the one saving in this session (stamped as ``updated_by_id`` at the flush)."""
    if person_id is not None:
        s.info[ACTING_PERSON] = person_id


def check_seen(s: OrmSession, row: Any, seen: int | None, *, entity: str, values: Values | None = None) -> None:
    """Refuse (``ChangedElsewhere``) when ``row`` is no longer at the version ``seen`` the user's form showed."""
    if seen is not None and row.version != seen:
        raise changed_elsewhere(s, row, entity=entity, values=values)


def touch(row: Any) -> None:
    """Make the flush write ``row`` (and so bump its version) when only what hangs off it changed — a meeting's
    notes, a template's signatories — so the next save of the same form sees the change."""
    row.updated_at = clock.now()


@contextmanager
def saving(
    db: Database, model: type, entity_id: int, *, entity: str, values: Values | None = None
) -> Iterator[OrmSession]:
    """``db.session()`` for saving one ``model`` row: a ``StaleDataError`` (the row changed between this
    transaction's read and its write) becomes ``ChangedElsewhere`` with the newer values, read afresh."""
    try:
        with db.session() as s:
            yield s
    except StaleDataError as exc:
        raise newer_of(db, model, entity_id, entity=entity, values=values) from exc
    except ChangedElsewhere as exc:
        if exc.entity != "record":  # already told by check_seen
            raise
        raise newer_of(db, model, entity_id, entity=entity, values=values) from exc


def newer_of(
    db: Database, model: type, entity_id: int, *, entity: str, values: Values | None = None
) -> ChangedElsewhere:
    """The refusal for ``model`` row ``entity_id`` as it is now (or removed)."""
    with db.read() as s:
        row = s.get(model, entity_id)
        if row is None:
            return ChangedElsewhere(REMOVED, entity=entity, entity_id=entity_id)
        return changed_elsewhere(s, row, entity=entity, values=values)


def changed_elsewhere(s: OrmSession, row: Any, *, entity: str, values: Values | None = None) -> ChangedElsewhere:
    """The refusal naming who saved ``row`` last and when, with its values now."""
    newer = values(row) if values is not None else plain_values(row)
    moment = getattr(row, "updated_at", None)
    common = {"entity": entity, "entity_id": getattr(row, "id", None), "newer": newer, "version": row.version}
    if isinstance(row, UpdatedBy) and moment is not None:
        return ChangedElsewhere(CHANGED_BY, name=saved_by(s, row.updated_by_id), time=when(moment), **common)
    if moment is not None:
        return ChangedElsewhere(CHANGED_AT, time=when(moment), **common)
    return ChangedElsewhere(CHANGED_ELSEWHERE, **common)


def saved_by(s: OrmSession, person_id: int | None) -> str:
    """The name of the person who saved (``A_COORDINATOR`` when the save names nobody)."""
    if person_id is not None:
        found = s.execute(select(Person.first_name, Person.last_name).where(Person.id == person_id)).first()
        if found is not None:
            return f"{found.first_name} {found.last_name}"
    return _(A_COORDINATOR)


def when(moment: datetime) -> str:
    """The moment in this PC's time zone: the time alone today ("14:32"), else with the date."""
    local = moment.astimezone()
    if local.date() == clock.now().astimezone().date():
        return format_time(local)
    return format_datetime(local)


def plain_values(row: Any) -> dict[str, Any]:
    """``row``'s column values by attribute name, without binary columns (ciphertext, images) or the bookkeeping."""
    mapper = inspect(row).mapper
    skip = {"version", "updated_at", "updated_by_id"}
    return {
        attr.key: getattr(row, attr.key)
        for attr in mapper.column_attrs
        if attr.key not in skip and not isinstance(attr.columns[0].type, LargeBinary)
    }
