"""The audit trail: one row for each change a service makes, written in the service's own transaction.

``detail`` holds ids, codes and counts only, never text someone typed (names, reasons, notes, journal content);
it is stored as JSON with sorted keys.
"""

from __future__ import annotations

import json

from sqlalchemy import insert
from sqlalchemy.orm import Session as OrmSession

from tillitsleder.model import AuditEvent


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
