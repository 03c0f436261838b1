"""Sessions as iCalendar (.ics) files that Outlook imports correctly, built with the ``icalendar`` package.

Every calendar the app writes goes through ``calendar_content`` (the one writer) from ``CalendarItem``s: a
cohort's sessions here, a facilitator's sessions, group meetings and table days in
``tillitsleder.facilitators.calendar_file``.

**What Outlook does, and the choice made here.** Outlook reads an iCalendar object by its METHOD:

- ``METHOD:PUBLISH`` is a calendar to import: every VEVENT becomes an appointment, and an appointment whose
  UID is already in the calendar is updated instead of added again — provided its SEQUENCE is not lower. So
  the normal export (a cohort's or a facilitator's sessions) is one PUBLISH file with every session,
  stable UIDs, SEQUENCE raised on every change, and cancelled sessions *included* with
  ``STATUS:CANCELLED``. Importing it again after a session was moved moves the appointment. A PUBLISH
  import never deletes anything, so a cancelled session stays visible; it is marked the way Outlook marks
  its own cancelled meetings: "Cancelled: …" in front of the title, shown as free time
  (``TRANSP:TRANSPARENT``, ``X-MICROSOFT-CDO-BUSYSTATUS:FREE``), and the reason in the description.
- ``METHOD:CANCEL`` is a scheduling message, not a calendar: Outlook opens it as *one* meeting
  cancellation, matched to the appointment by UID, with a "Remove from calendar" button. Outlook does not
  accept a CANCEL object holding several different events (RFC 5546 ties one message to one UID too), so
  a combined "cancel calendar" would not work. Instead ``cancellation_calendar`` writes one small
  CANCEL file per cancelled session (``export_cancellations`` writes one for each in a cohort), to send to
  the people concerned or open locally to remove the appointment.

Times are written in the programme's zone (``DTSTART;TZID=Europe/Oslo``) with a VTIMEZONE in the file.
Outlook turns a VTIMEZONE into a Windows time-zone rule and only understands yearly ``RRULE`` rules (not
the ``RDATE`` lists ``icalendar.Timezone.from_tzid`` writes), so ``vtimezone`` writes RRULE rules derived
from zoneinfo, falling back to ``Timezone.from_tzid`` for a zone whose rule changed within the period.
"""

from __future__ import annotations

import calendar as month_calendar
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress, vText
from sqlalchemy import or_, select
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import selectinload

import tillitsleder
from tillitsleder import clock
from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.audit import record_read
from tillitsleder.errors import Cancelled, NotFound, StorageError, ValidationError
from tillitsleder.i18n import N_, _
from tillitsleder.model import Cohort, Facilitator, Person, Programme, RoleAssignment, Session, session_facilitator
from tillitsleder.model.enums import ReadKind, Role, SessionStatus, SessionType
from tillitsleder.storage.database import Database
from tillitsleder.storage.private_files import write_private_bytes

PRODID = f"-//Tillitsleder//Tillitsleder {tillitsleder.__version__}//EN"
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class CalendarFile:
    path: Path
    events: int
    cancelled: int


# --- VTIMEZONE ---------------------------------------------------------------------------------------------


def _transitions(tz: ZoneInfo, year: int) -> list[tuple[datetime, timedelta, timedelta, str]]:
    """(local wall time just before, offset before, offset after, name after) of each change in ``year``."""
    found = []
    moment = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    offset = moment.astimezone(tz).utcoffset()
    while moment < end:
        nxt = moment + timedelta(days=1)
        if nxt.astimezone(tz).utcoffset() != offset:
            hour = moment
            while (hour + timedelta(hours=1)).astimezone(tz).utcoffset() == offset:
                hour += timedelta(hours=1)
            change = hour + timedelta(hours=1)
            after = change.astimezone(tz)
            found.append(((change + offset).replace(tzinfo=None), offset, after.utcoffset(), after.tzname() or ""))
            offset = after.utcoffset()
        moment = nxt
    return found


def _rule(local: datetime) -> tuple[int, str, int, int]:
    """(month, BYDAY, hour, minute) of a transition, with BYDAY like ``-1SU`` (last) or ``2SU``."""
    last = local.day + 7 > month_calendar.monthrange(local.year, local.month)[1]
    nth = -1 if last else (local.day - 1) // 7 + 1
    return local.month, f"{nth}{_WEEKDAYS[local.weekday()]}", local.hour, local.minute


def vtimezone(zone: str, first: date, last: date) -> Timezone:
    """A VTIMEZONE for ``zone`` valid from ``first`` to ``last``, with yearly RRULEs when the rule is stable."""
    tz = ZoneInfo(zone)
    years = range(first.year - 1, last.year + 1)  # a year early: the rules must start before the first event
    per_year = [_transitions(tz, year) for year in years]
    component = Timezone()
    component.add("TZID", zone)
    if not any(per_year):
        standard = TimezoneStandard()
        offset = datetime(first.year, 1, 1, tzinfo=tz).utcoffset()
        standard.add("DTSTART", datetime(1970, 1, 1))
        standard.add("TZOFFSETFROM", offset)
        standard.add("TZOFFSETTO", offset)
        standard.add("TZNAME", datetime(first.year, 1, 1, tzinfo=tz).tzname() or zone)
        component.add_component(standard)
        return component
    shapes = {tuple((_rule(t[0]), t[1], t[2], t[3]) for t in year) for year in per_year}
    if len(shapes) != 1 or len(per_year[0]) != 2:
        return Timezone.from_tzid(zone, first_date=first, last_date=last)
    for local, before, after, name in per_year[0]:
        month, byday, _hour, _minute = _rule(local)
        part = TimezoneDaylight() if after > before else TimezoneStandard()
        part.add("DTSTART", local)
        part.add("RRULE", {"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": byday})
        part.add("TZNAME", name)
        part.add("TZOFFSETFROM", before)
        part.add("TZOFFSETTO", after)
        component.add_component(part)
    return component


# --- events ------------------------------------------------------------------------------------------------


class ItemKind(StrEnum):
    SESSION = "session"
    GROUP_MEETING = "group_meeting"
    TABLE_DAY = "table_day"


@dataclass(frozen=True)
class CalendarItem:
    """One VEVENT, whatever it comes from: a session (timed, in ``zone``) or a day's work with a date but no time
    (a group meeting, a table day: an all-day event, ``zone`` None). ``uid`` never changes for the same thing and
    ``sequence`` rises with each change, so importing the file again updates the appointment."""

    kind: ItemKind
    source_id: int
    uid: str
    summary: str
    starts: datetime | date
    ends: datetime | date
    zone: str | None = None
    sequence: int = 0
    cancelled: bool = False
    description: str = ""
    location: str = ""
    last_modified: datetime | None = None

    @property
    def day(self) -> date:
        return self.starts.date() if isinstance(self.starts, datetime) else self.starts


def session_item(row: Session, zone: str) -> CalendarItem:
    """A session as a calendar item; a cancelled one is marked the way Outlook marks its own."""
    tz = ZoneInfo(zone)
    cancelled = row.status == SessionStatus.CANCELLED.value
    location = ""
    if row.venue is not None:
        address = row.venue.address.strip()
        location = f"{row.venue.name}, {address}" if address else row.venue.name
    return CalendarItem(
        kind=ItemKind.SESSION,
        source_id=row.id,
        uid=row.ical_uid,
        summary=_("Cancelled: {title}").format(title=row.title) if cancelled else row.title,
        starts=row.starts_at.astimezone(tz),
        ends=row.ends_at.astimezone(tz),
        zone=zone,
        sequence=row.sequence,
        cancelled=cancelled,
        description=_description(row),
        location=location,
        last_modified=row.updated_at.astimezone(UTC),
    )


def _event(item: CalendarItem, stamp: datetime, organizer: str | None) -> Event:
    free = item.cancelled or item.zone is None  # an all-day item marks the day, it does not block it
    event = Event()
    event.add("UID", item.uid)
    event.add("DTSTAMP", stamp)
    event.add("SEQUENCE", item.sequence)
    if item.last_modified is not None:
        event.add("LAST-MODIFIED", item.last_modified)
    event.add("DTSTART", item.starts)
    event.add("DTEND", item.ends)
    event.add("SUMMARY", item.summary)
    if item.location:
        event.add("LOCATION", item.location)
    if item.description:
        event.add("DESCRIPTION", item.description)
    event.add("STATUS", "CANCELLED" if item.cancelled else "CONFIRMED")
    event.add("TRANSP", "TRANSPARENT" if free else "OPAQUE")
    event.add("X-MICROSOFT-CDO-BUSYSTATUS", "FREE" if free else "BUSY")
    if organizer:
        event.add("ORGANIZER", vCalAddress(f"mailto:{organizer}"))
    return event


def _label(session_type: str) -> str:
    try:
        return SessionType(session_type).label()
    except ValueError:
        return session_type


def _description(row: Session) -> str:
    lines = []
    if row.status == SessionStatus.CANCELLED.value:
        lines.append(_("Cancelled: {reason}").format(reason=row.cancel_reason))
    lines.append(_("Cohort: {name}").format(name=row.cohort.name))
    if row.module is not None:
        lines.append(_("Module: {title}").format(title=row.module.title))
    lines.append(_("Session type: {type}").format(type=_label(row.session_type)))
    names = sorted({f.person.full_name for f in row.facilitators})
    if names:
        lines.append(_("Facilitators: {names}").format(names=", ".join(names)))
    return "\n".join(lines)


def calendar_content(
    method: str, name: str, items: Sequence[CalendarItem], *, organizer: str | None = None,
    zone: str = "Europe/Oslo",
) -> bytes:  # fmt: skip
    """The one writer: ``items`` as an iCalendar object with ``method`` (PUBLISH or CANCEL), a VTIMEZONE for every
    zone the timed items use (``zone`` when there are none) and DTSTAMP from the app's clock."""
    cal = Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", method)
    cal.add("X-WR-CALNAME", vText(name))
    used = sorted({item.zone for item in items if item.zone}) or [zone]
    cal.add("X-WR-TIMEZONE", used[0])
    for name_ in used:
        days = [item.day for item in items if item.zone in (name_, None)]
        first, last = (min(days), max(days)) if days else (clock.today(), clock.today())
        cal.add_component(vtimezone(name_, first, last))
    stamp = clock.now().astimezone(UTC).replace(microsecond=0)
    for item in items:
        cal.add_component(_event(item, stamp, organizer))
    return cal.to_ical()


def session_items(s: OrmSession, *conditions) -> list[CalendarItem]:
    """The sessions matching ``conditions`` as calendar items, in the order they start."""
    rows = list(
        s.scalars(
            select(Session)
            .where(*conditions)
            .options(
                selectinload(Session.venue),
                selectinload(Session.module),
                selectinload(Session.cohort),
                selectinload(Session.facilitators).selectinload(Facilitator.person),
            )
            .order_by(Session.starts_at, Session.id)
        )
    )
    zones = dict(
        s.execute(
            select(Session.id, Programme.timezone)
            .join(Cohort, Cohort.id == Session.cohort_id)
            .join(Programme, Programme.id == Cohort.programme_id)
            .where(Session.id.in_([r.id for r in rows]))
        ).all()
    )
    return [session_item(row, zones.get(row.id) or "Europe/Oslo") for row in rows]


def cohort_calendar(db: Database, cohort_id: int, *, organizer: str | None = None, actor: Actor = COORDINATOR) -> bytes:
    """All the cohort's sessions (cancelled ones marked) as one METHOD:PUBLISH calendar."""
    with db.read() as s:
        cohort = s.get(Cohort, cohort_id)
        if cohort is None:
            raise NotFound(N_("There is no cohort “{cohort}”."), cohort=str(cohort_id))
        items = session_items(s, Session.cohort_id == cohort_id)
        content = calendar_content("PUBLISH", cohort.name, items, organizer=organizer)
        named = people_named(s, [item.source_id for item in items])
    record_read(db, ReadKind.CALENDAR, "cohort", cohort_id, named, actor=actor)
    return content


def cancellation_calendar(
    db: Database, session_id: int, *, organizer: str | None = None, actor: Actor = COORDINATOR
) -> bytes:
    """A METHOD:CANCEL message for one cancelled session (its UID, its raised SEQUENCE)."""
    with db.read() as s:
        row = s.get(Session, session_id)
        if row is None:
            raise NotFound(N_("There is no session with id {id}."), id=session_id)
        if row.status != SessionStatus.CANCELLED.value:
            raise ValidationError(N_("Only a cancelled session has a cancellation notice."))
        organizer = organizer or _coordinator_email(s, row.cohort.programme_id)
        content = calendar_content("CANCEL", row.title, session_items(s, Session.id == session_id), organizer=organizer)
        named = people_named(s, [session_id])
    record_read(db, ReadKind.CALENDAR, "session", session_id, named, actor=actor)
    return content


def people_named(s: OrmSession, session_ids: Sequence[int]) -> set[int]:
    """The people a calendar of these sessions names (their facilitators), for the read audit."""
    return set(
        s.scalars(
            select(Facilitator.person_id)
            .join(session_facilitator, session_facilitator.c.facilitator_id == Facilitator.id)
            .where(session_facilitator.c.session_id.in_(session_ids))
        )
    )


def _coordinator_email(s: OrmSession, programme_id: int) -> str | None:
    """The e-mail of the programme's coordinator (or any coordinator), for ORGANIZER of a cancellation."""
    return s.scalar(
        select(Person.email)
        .join(RoleAssignment, RoleAssignment.person_id == Person.id)
        .where(
            RoleAssignment.role == Role.COORDINATOR.value,
            or_(RoleAssignment.programme_id == programme_id, RoleAssignment.programme_id.is_(None)),
            Person.email.is_not(None),
        )
        .order_by(RoleAssignment.programme_id.is_(None), Person.id)
        .limit(1)
    )


# --- files -------------------------------------------------------------------------------------------------


def write_calendar(content: bytes, path: Path) -> CalendarFile:
    """Write ``content`` to ``path`` through a temporary file, so a failure leaves no half-written file."""
    path = Path(path)
    temporary = path.with_name(path.name + ".part")
    try:
        write_private_bytes(temporary, content)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise StorageError(N_("Cannot write “{path}”: {reason}"), path=str(path), reason=exc.strerror) from exc
    parsed = Calendar.from_ical(content)
    cancelled = sum(1 for e in parsed.walk("VEVENT") if str(e.get("STATUS", "")) == "CANCELLED")
    return CalendarFile(path, len(parsed.walk("VEVENT")), cancelled)


def export_cohort(db: Database, cohort_id: int, path: Path, *, organizer: str | None = None) -> CalendarFile:
    return write_calendar(cohort_calendar(db, cohort_id, organizer=organizer), path)


def export_cancellations(
    db: Database,
    cohort_id: int,
    folder: Path,
    *,
    stem: str = "cancelled",
    organizer: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Path]:
    """One METHOD:CANCEL file per cancelled session of the cohort, named ``<stem>-<date>-<id>.ics``."""
    with db.read() as s:
        ids = list(
            s.scalars(
                select(Session.id)
                .where(Session.cohort_id == cohort_id, Session.status == SessionStatus.CANCELLED.value)
                .order_by(Session.starts_at)
            )
        )
    return export_cancellation_notices(
        db, ids, folder, stem=stem, organizer=organizer, progress=progress, cancelled=cancelled
    )


def export_cancellation_notices(
    db: Database,
    session_ids: Sequence[int],
    folder: Path,
    *,
    stem: str = "cancelled",
    organizer: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Path]:
    """One METHOD:CANCEL file per session of ``session_ids`` (all cancelled), named ``<stem>-<date>-<id>.ics``;
    every notice is made before the first file is written."""
    with db.read() as s:
        starts = dict(s.execute(select(Session.id, Session.starts_at).where(Session.id.in_(session_ids))).all())
    ids = [i for i in session_ids if i in starts]
    days = {i: starts[i].date().isoformat() for i in ids}
    contents = []
    for done, session_id in enumerate(ids):
        if cancelled is not None and cancelled():
            raise Cancelled(N_("The export was cancelled; no files were written."))
        contents.append(cancellation_calendar(db, session_id, organizer=organizer))
        if progress is not None:
            progress(done + 1, len(ids))
    written = []
    for session_id, content in zip(ids, contents, strict=True):
        path = Path(folder) / f"{stem}-{days[session_id]}-{session_id}.ics"
        written.append(write_calendar(content, path).path)
    return written
