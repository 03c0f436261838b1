"""A facilitator's calendar — the one place that decides what is in it, used by the Sessions area, the Facilitators
area (the coordinator's pools tab and the facilitator's own “My assignments”) and ``tillitsleder export ics``.

``facilitator_calendar_items`` gathers everything with a date the person is assigned to, in any of their pools:

- every session they facilitate — put on it when it was scheduled (the session's facilitator list) or by an
  assignment (the roster), each once; a cancelled one stays in, marked cancelled (STATUS:CANCELLED), as in the
  cohort calendar, and ``export_facilitator_cancellations`` writes its METHOD:CANCEL notice;
- the reflection-group meetings they facilitate: the meeting's facilitator, or — when the meeting names none —
  the group's facilitator or a group assignment covering the meeting's date;
- the table days where they lead a table, once the day has a date.

A meeting or a table day has a date but no time, so it is an all-day event; its UID is built from its id and the
creation time of its round or day, which never change, so importing again updates it. Everything is written by
the one writer, ``sessions.calendar_file.calendar_content`` (METHOD:PUBLISH, stable UIDs, SEQUENCE, VTIMEZONE).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.audit import record_read
from tillitsleder.errors import NotFound
from tillitsleder.i18n import N_, _
from tillitsleder.model import (
    Cohort,
    DayTable,
    Facilitator,
    FacilitatorAssignment,
    GroupMeeting,
    GroupRound,
    Municipality,
    ReflectionGroup,
    Session,
    TableDay,
    session_facilitator,
)
from tillitsleder.model.enums import AssignmentKind, ReadKind
from tillitsleder.sessions.calendar_file import (
    CalendarFile,
    CalendarItem,
    ItemKind,
    calendar_content,
    export_cancellation_notices,
    people_named,
    session_items,
    write_calendar,
)
from tillitsleder.storage.database import Database


@dataclass(frozen=True)
class FacilitatorCalendar:
    """What a facilitator's calendar holds: ``items`` in date order; ``zone`` is the municipality's, for a
    calendar without sessions."""

    facilitator_id: int
    person_id: int
    name: str
    zone: str
    items: tuple[CalendarItem, ...]

    def of_kind(self, kind: ItemKind) -> list[CalendarItem]:
        return [item for item in self.items if item.kind == kind]


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%S")


def _all_day(kind: ItemKind, source_id: int, uid: str, day: date, summary: str, description: str) -> CalendarItem:
    return CalendarItem(kind, source_id, uid, summary, day, day + timedelta(days=1), description=description)


def _meetings(s, memberships: list[int]) -> list[CalendarItem]:
    spans = [
        (row.group_id, row.starts_on, row.ends_on or date.max)
        for row in s.execute(
            select(
                FacilitatorAssignment.group_id, FacilitatorAssignment.starts_on, FacilitatorAssignment.ends_on
            ).where(
                FacilitatorAssignment.facilitator_id.in_(memberships),
                FacilitatorAssignment.kind == AssignmentKind.GROUP.value,
            )
        )
    ]
    led = select(ReflectionGroup.id).where(ReflectionGroup.facilitator_id.in_(memberships))
    meetings = s.scalars(
        select(GroupMeeting)
        .where(
            or_(
                GroupMeeting.facilitator_id.in_(memberships),
                GroupMeeting.group_id.in_([gid for gid, _a, _b in spans]),
                GroupMeeting.group_id.in_(led),
            )
        )
        .options(selectinload(GroupMeeting.group).selectinload(ReflectionGroup.round).selectinload(GroupRound.cohort))
        .order_by(GroupMeeting.held_on, GroupMeeting.id)
    )
    items = []
    for meeting in meetings:
        group = meeting.group
        if meeting.facilitator_id is not None:
            mine = meeting.facilitator_id in memberships
        else:
            covered = any(gid == group.id and a <= meeting.held_on <= b for gid, a, b in spans)
            mine = covered or group.facilitator_id in memberships
        if mine:
            items.append(
                _all_day(
                    ItemKind.GROUP_MEETING,
                    meeting.id,
                    f"group-meeting-{meeting.id}-{_stamp(group.round.created_at)}@tillitsleder",
                    meeting.held_on,
                    _("Reflection group: {name}").format(name=group.name),
                    _("Cohort: {name}").format(name=group.round.cohort.name),
                )
            )
    return items


def _table_days(s, person_id: int) -> list[CalendarItem]:
    rows = s.execute(
        select(TableDay.id, TableDay.name, TableDay.held_on, TableDay.created_at, DayTable.name, Cohort.name)
        .join(DayTable, DayTable.table_day_id == TableDay.id)
        .outerjoin(Cohort, Cohort.id == TableDay.cohort_id)
        .where(DayTable.leader_person_id == person_id, TableDay.held_on.is_not(None))
        .order_by(TableDay.held_on, TableDay.id)
    ).all()
    items = []
    for day_id, name, held_on, created_at, table, cohort in rows:
        lines = [_("Table leader at {table}").format(table=table)]
        if cohort:
            lines.append(_("Cohort: {name}").format(name=cohort))
        items.append(
            _all_day(
                ItemKind.TABLE_DAY,
                day_id,
                f"table-day-{day_id}-{_stamp(created_at)}@tillitsleder",
                held_on,
                _("Table day: {name}").format(name=name),
                "\n".join(lines),
            )
        )
    return items


def facilitator_calendar_items(db: Database, facilitator_id: int) -> FacilitatorCalendar:
    """Everything with a date the person behind ``facilitator_id`` is assigned to, in all their pools."""
    with db.read() as s:
        facilitator = s.get(Facilitator, facilitator_id)
        if facilitator is None:
            raise NotFound(N_("There is no facilitator “{facilitator}”."), facilitator=str(facilitator_id))
        person = facilitator.person
        memberships = list(s.scalars(select(Facilitator.id).where(Facilitator.person_id == person.id)))
        linked = select(session_facilitator.c.session_id).where(session_facilitator.c.facilitator_id.in_(memberships))
        assigned = select(FacilitatorAssignment.session_id).where(
            FacilitatorAssignment.facilitator_id.in_(memberships), FacilitatorAssignment.session_id.is_not(None)
        )
        items = session_items(s, or_(Session.id.in_(linked), Session.id.in_(assigned)))
        items += _meetings(s, memberships) + _table_days(s, person.id)
        zone = s.scalar(select(Municipality.timezone).order_by(Municipality.id).limit(1)) or "Europe/Oslo"
        ordered = sorted(items, key=lambda item: (item.day, item.zone is not None, item.starts, item.uid))
        return FacilitatorCalendar(facilitator_id, person.id, person.full_name, zone, tuple(ordered))


def facilitator_calendar(
    db: Database, facilitator_id: int, *, organizer: str | None = None, actor: Actor = COORDINATOR
) -> bytes:
    """The facilitator's calendar as one METHOD:PUBLISH iCalendar object (a read of the people it names)."""
    calendar = facilitator_calendar_items(db, facilitator_id)
    name = _("Assignments of {name}").format(name=calendar.name)
    content = calendar_content("PUBLISH", name, calendar.items, organizer=organizer, zone=calendar.zone)
    with db.read() as s:
        named = people_named(s, [item.source_id for item in calendar.of_kind(ItemKind.SESSION)])
    record_read(db, ReadKind.CALENDAR, "facilitator", facilitator_id, named | {calendar.person_id}, actor=actor)
    return content


def export_facilitator_calendar(
    db: Database, facilitator_id: int, path: Path, *, organizer: str | None = None, actor: Actor = COORDINATOR
) -> CalendarFile:
    """Write the facilitator's calendar to ``path`` (through a temporary file)."""
    return write_calendar(facilitator_calendar(db, facilitator_id, organizer=organizer, actor=actor), path)


def export_facilitator_cancellations(
    db: Database, facilitator_id: int, folder: Path, *, stem: str = "cancelled", organizer: str | None = None
) -> list[Path]:
    """One METHOD:CANCEL notice per cancelled session in the facilitator's calendar, as for a cohort."""
    sessions = facilitator_calendar_items(db, facilitator_id).of_kind(ItemKind.SESSION)
    ids = [item.source_id for item in sessions if item.cancelled]
    return export_cancellation_notices(db, ids, folder, stem=stem, organizer=organizer)
