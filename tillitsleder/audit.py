"""The audit trails: one row for each change a service makes, written in the service's own transaction; and one
for each read of personal data by another person (reports, exports, calendars with names, a coach reading a shared
journal entry, a facilitator opening group notes) with the people it concerned — ``audit_read``/``record_read``.

``detail`` holds ids, codes and counts only, never text someone typed (names, reasons, notes, journal content);
it is stored as JSON with sorted keys.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import insert
from sqlalchemy.orm import Session as OrmSession

from tillitsleder import clock
from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.enums import ReadKind
from tillitsleder.model import AuditEvent, ReadEvent, ReadEventSubject
from tillitsleder.storage.database import Database


def audit(
    s: OrmSession, action: str, entity: str, entity_id: int | None, *, actor_id: int | None = None, **detail: object
) -> None:
    """Record ``action`` (e.g. ``"session.cancelled"``) on ``entity``/``entity_id`` in the open transaction."""
    s.execute(
        insert(AuditEvent).values(
            actor_id=actor_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            detail=json.dumps(detail, default=str, sort_keys=True),
        )
    )


def audit_read(
    s: OrmSession,
    kind: ReadKind,
    entity: str,
    entity_id: int | None,
    subjects: Iterable[int],
    *,
    actor: Actor = COORDINATOR,
) -> None:
    """Record in the open transaction that ``actor`` read personal data of ``subjects`` (person ids): a report,
    an export, a shared journal entry, a group's notes. Only ids and the kind, never what was read; the actor's
    own data is not a read by another, so the actor is left out of the subjects. The rows cannot be changed or
    deleted afterwards (triggers in the database refuse it)."""
    people = sorted({int(person) for person in subjects} - {actor.person_id})
    if not people:
        return
    event_id = s.execute(
        insert(ReadEvent)
        .values(
            occurred_at=clock.now(),
            actor_id=actor.person_id,
            actor_role=actor.role.value,
            kind=ReadKind(kind).value,
            entity=entity,
            entity_id=entity_id,
        )
        .returning(ReadEvent.id)
    ).scalar_one()
    s.execute(insert(ReadEventSubject), [{"event_id": event_id, "person_id": person} for person in people])


def record_read(
    db: Database,
    kind: ReadKind,
    entity: str,
    entity_id: int | None,
    subjects: Iterable[int],
    *,
    actor: Actor = COORDINATOR,
) -> None:
    """``audit_read`` in a transaction of its own, for services whose reading happens in read-only sessions.
    Called before the data leaves the service: if the trail cannot be written, nothing is handed out."""
    with db.session() as s:
        audit_read(s, kind, entity, entity_id, subjects, actor=actor)
