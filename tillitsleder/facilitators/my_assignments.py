"""A facilitator's own work: their assignments in every pool they belong to, and their calendar.

Facilitators and coaches see this about themselves only; the coordinator plans everyone's in the roster and
pools services. A person may belong to several pools (F16 and the change agents, say), so everything here is
gathered over all their memberships.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from tillitsleder.access import Actor
from tillitsleder.enums import Role
from tillitsleder.errors import NotFound
from tillitsleder.facilitators.pools import AssignmentView, list_assignments
from tillitsleder.i18n import N_
from tillitsleder.model import Facilitator, FacilitatorPool
from tillitsleder.sessions.calendar_file import CalendarFile
from tillitsleder.storage.database import Database


@dataclass(frozen=True)
class MyAssignment:
    pool: str  # the pool's code, e.g. "F16"
    assignment: AssignmentView


def my_memberships(db: Database, actor: Actor) -> list[tuple[int, str]]:
    """(facilitator id, pool code) of the acting facilitator's pool memberships; empty for other roles."""
    actor.require(Role.FACILITATOR, Role.COORDINATOR)
    if actor.person_id is None:
        return []
    with db.read() as s:
        rows = s.execute(
            select(Facilitator.id, FacilitatorPool.code)
            .join(FacilitatorPool, FacilitatorPool.id == Facilitator.pool_id)
            .where(Facilitator.person_id == actor.person_id)
            .order_by(FacilitatorPool.code)
        ).all()
    return [(facilitator_id, code) for facilitator_id, code in rows]


def my_assignments(db: Database, actor: Actor) -> list[MyAssignment]:
    """Every assignment of the acting facilitator, newest first."""
    found = [
        MyAssignment(code, assignment)
        for facilitator_id, code in my_memberships(db, actor)
        for assignment in list_assignments(db, facilitator_id)
    ]
    return sorted(found, key=lambda item: (item.assignment.starts_on, item.assignment.id), reverse=True)


def export_my_calendar(db: Database, actor: Actor, path: Path) -> CalendarFile:
    """The acting facilitator's calendar (``facilitators.calendar_file``, all pools) as one iCalendar file."""
    from tillitsleder.facilitators.calendar_file import export_facilitator_calendar

    memberships = my_memberships(db, actor)
    if not memberships:
        raise NotFound(N_("Your profile is not a member of any facilitator pool."))
    return export_facilitator_calendar(db, memberships[0][0], path, actor=actor)
