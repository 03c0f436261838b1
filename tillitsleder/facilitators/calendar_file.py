"""One facilitator's assignments as an iCalendar file, with the same rules as the cohort calendar
(``calendar_export``: METHOD:PUBLISH, stable UIDs, SEQUENCE, VTIMEZONE, cancelled sessions marked).

It holds every session of the person — in any of their pools — whether they were put on it when it was
scheduled (the session's facilitator list) or by an assignment (the roster), each once; and the reflection-group
meetings they facilitate (the meeting's facilitator, or a group assignment covering the meeting's date). A
meeting has a date but no time, so it is an all-day event; its UID is built from the meeting's id and its
round's creation time, which never change, so importing again updates it. Cancellation notices
(METHOD:CANCEL) stay per session, from ``calendar_export.cancellation_calendar``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event, vText
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from tillitsleder import clock
from tillitsleder.errors import NotFound
from tillitsleder.i18n import N_, _
from tillitsleder.model import (
    Facilitator,
    FacilitatorAssignment,
    GroupMeeting,
    GroupRound,
    Municipality,
    ReflectionGroup,
    Session,
    session_facilitator,
)
from tillitsleder.model.enums import AssignmentKind
from tillitsleder.sessions.calendar_file import PRODID, CalendarFile, _event, _load, vtimezone, write_calendar
from tillitsleder.storage.database import Database


def _meeting_event(meeting: GroupMeeting, stamp: datetime) -> Event:
    group = meeting.group
    created = group.round.created_at.astimezone(UTC).strftime("%Y%m%dT%H%M%S")
    event = Event()
    event.add("UID", f"group-meeting-{meeting.id}-{created}@tillitsleder")
    event.add("DTSTAMP", stamp)
    event.add("SEQUENCE", 0)
    event.add("DTSTART", meeting.held_on)
    event.add("DTEND", meeting.held_on + timedelta(days=1))
    event.add("SUMMARY", _("Reflection group: {name}").format(name=group.name))
    event.add("DESCRIPTION", _("Cohort: {name}").format(name=group.round.cohort.name))
    event.add("STATUS", "CONFIRMED")
    event.add("TRANSP", "TRANSPARENT")
    return event


def facilitator_assignments_calendar(db: Database, facilitator_id: int, *, organizer: str | None = None) -> bytes:
    """Sessions and reflection-group meetings of the person behind ``facilitator_id``, as one PUBLISH calendar."""
    with db.read() as s:
        facilitator = s.get(Facilitator, facilitator_id)
        if facilitator is None:
            raise NotFound(N_("There is no facilitator “{facilitator}”."), facilitator=str(facilitator_id))
        memberships = list(s.scalars(select(Facilitator.id).where(Facilitator.person_id == facilitator.person_id)))
        linked = select(session_facilitator.c.session_id).where(session_facilitator.c.facilitator_id.in_(memberships))
        assigned = select(FacilitatorAssignment.session_id).where(
            FacilitatorAssignment.facilitator_id.in_(memberships), FacilitatorAssignment.session_id.is_not(None)
        )
        rows, zones = _load(s, or_(Session.id.in_(linked), Session.id.in_(assigned)))
        groups = s.execute(
            select(
                FacilitatorAssignment.group_id, FacilitatorAssignment.starts_on, FacilitatorAssignment.ends_on
            ).where(
                FacilitatorAssignment.facilitator_id.in_(memberships),
                FacilitatorAssignment.kind == AssignmentKind.GROUP.value,
            )
        ).all()
        meetings = list(
            s.scalars(
                select(GroupMeeting)
                .where(
                    or_(
                        GroupMeeting.facilitator_id.in_(memberships),
                        GroupMeeting.group_id.in_([g.group_id for g in groups]),
                    )
                )
                .options(
                    selectinload(GroupMeeting.group).selectinload(ReflectionGroup.round).selectinload(GroupRound.cohort)
                )
                .order_by(GroupMeeting.held_on, GroupMeeting.id)
            )
        )
        spans = [(g.group_id, g.starts_on, g.ends_on or date.max) for g in groups]
        meetings = [
            m
            for m in meetings
            if m.facilitator_id in memberships
            or (m.facilitator_id is None and any(gid == m.group_id and a <= m.held_on <= b for gid, a, b in spans))
        ]
        zone = s.scalar(select(Municipality.timezone).order_by(Municipality.id).limit(1)) or "Europe/Oslo"
        cal = Calendar()
        cal.add("PRODID", PRODID)
        cal.add("VERSION", "2.0")
        cal.add("CALSCALE", "GREGORIAN")
        cal.add("METHOD", "PUBLISH")
        cal.add("X-WR-CALNAME", vText(_("Assignments of {name}").format(name=facilitator.person.full_name)))
        used = sorted(set(zones.values())) or [zone]
        cal.add("X-WR-TIMEZONE", used[0])
        for name in used:
            days = [r.starts_at.date() for r in rows if zones[r.id] == name] + [m.held_on for m in meetings]
            first, last = (min(days), max(days)) if days else (clock.today(), clock.today())
            cal.add_component(vtimezone(name, first, last))
        stamp = clock.now().replace(microsecond=0)
        for row in rows:
            cal.add_component(_event(row, zones[row.id], stamp, organizer))
        for meeting in meetings:
            cal.add_component(_meeting_event(meeting, stamp))
        return cal.to_ical()


def export_facilitator_assignments(
    db: Database, facilitator_id: int, path: Path, *, organizer: str | None = None
) -> CalendarFile:
    return write_calendar(facilitator_assignments_calendar(db, facilitator_id, organizer=organizer), path)
