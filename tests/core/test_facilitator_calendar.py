"""A facilitator's calendar (``facilitators.calendar_file``): sessions, group meetings and table days gathered once,
written by the one writer, parsed back with ``icalendar``; the CLI writes the same events."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar
from sqlalchemy import select, update

from tillitsleder import clock
from tillitsleder import model as m
from tillitsleder.cli import main
from tillitsleder.errors import NotFound
from tillitsleder.facilitators.calendar_file import (
    export_facilitator_cancellations,
    facilitator_calendar,
    facilitator_calendar_items,
)
from tillitsleder.sessions import scheduling as svc
from tillitsleder.sessions.calendar_file import ItemKind
from tillitsleder.table_day import plans as td

NOON = datetime(2026, 11, 22, 11, 0, tzinfo=UTC)


def group_leader(db) -> tuple[int, int, int]:
    """(facilitator id, person id, group id) of the first group's meeting facilitator."""
    with db.read() as s:
        return s.execute(
            select(m.Facilitator.id, m.Facilitator.person_id, m.GroupMeeting.group_id)
            .join(m.GroupMeeting, m.GroupMeeting.facilitator_id == m.Facilitator.id)
            .order_by(m.GroupMeeting.group_id, m.GroupMeeting.id)
            .limit(1)
        ).one()


def events(content: bytes) -> dict[str, object]:
    return {str(e["UID"]): e for e in Calendar.from_ical(content).walk("VEVENT")}


def comparable(content: bytes) -> dict[str, tuple]:
    """What a calendar says about each event, without DTSTAMP (the moment it was written)."""
    return {
        uid: tuple(str(e.get(key, "")) for key in ("SEQUENCE", "SUMMARY", "STATUS", "DESCRIPTION", "LOCATION"))
        + (e.start, e.end)
        for uid, e in events(content).items()
    }


def test_sessions_meetings_and_table_days_of_every_pool_are_one_calendar(demo_db) -> None:
    facilitator_id, person_id, group_id = group_leader(demo_db)
    with demo_db.read() as s:
        meetings = list(s.scalars(select(m.GroupMeeting.held_on).where(m.GroupMeeting.group_id == group_id)))
        group_name = s.get(m.ReflectionGroup, group_id).name
        other_membership = s.scalar(
            select(m.Facilitator.id).where(m.Facilitator.person_id == person_id, m.Facilitator.id != facilitator_id)
        )
        cohort_id = s.scalar(select(m.Cohort.id))
    assert other_membership is not None  # the demo's group leader is in two pools
    day = td.propose_table_day(
        demo_db, td.TableDayRequest("Lederdagen", 6, date(2027, 3, 11), cohort_id, leader_person_ids=(person_id,))
    )
    td.save_table_day(demo_db, day)

    calendar = facilitator_calendar_items(demo_db, other_membership)
    assert calendar.person_id == person_id and [i.day for i in calendar.items] == sorted(i.day for i in calendar.items)
    assert [i.day for i in calendar.of_kind(ItemKind.GROUP_MEETING)] == meetings
    assert [i.summary for i in calendar.of_kind(ItemKind.TABLE_DAY)] == ["Table day: Lederdagen"]
    assert calendar.of_kind(ItemKind.SESSION)

    with clock.frozen_at(NOON):
        content = facilitator_calendar(demo_db, other_membership)
    parsed = Calendar.from_ical(content)
    assert str(parsed["METHOD"]) == "PUBLISH" and [str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")] == [
        "Europe/Oslo"
    ]
    found = events(content)
    assert len(found) == len(calendar.items)
    meeting = next(e for uid, e in found.items() if uid.startswith("group-meeting-"))
    assert str(meeting["SUMMARY"]) == f"Reflection group: {group_name}" and meeting.start == meetings[0]
    assert not isinstance(meeting.start, datetime) and str(meeting["TRANSP"]) == "TRANSPARENT"
    table_day = next(e for uid, e in found.items() if uid.startswith("table-day-"))
    assert table_day.start == date(2027, 3, 11) and "Table leader at " in str(table_day["DESCRIPTION"])
    assert {e["DTSTAMP"].dt for e in found.values()} == {NOON}
    with clock.frozen_at(NOON):
        assert facilitator_calendar(demo_db, facilitator_id) == content  # the same from either membership


def test_a_cancelled_session_is_marked_and_gets_a_cancel_notice(demo_db, tmp_path) -> None:
    facilitator_id, _person, _group = group_leader(demo_db)
    with demo_db.read() as s:
        planned = set(s.scalars(select(m.Session.id).where(m.Session.status == "planned")))
    sessions = facilitator_calendar_items(demo_db, facilitator_id).of_kind(ItemKind.SESSION)
    session = next(i for i in sessions if i.source_id in planned)
    before = comparable(facilitator_calendar(demo_db, facilitator_id))
    svc.cancel_session(demo_db, session.source_id, "Stengt")
    after = events(facilitator_calendar(demo_db, facilitator_id))
    assert set(after) == set(before)  # the same UIDs: importing again updates
    event = after[session.uid]
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == session.sequence + 1
    assert str(event["SUMMARY"]).startswith("Cancelled: ")
    written = export_facilitator_cancellations(demo_db, facilitator_id, tmp_path, stem="mine")
    notices = [Calendar.from_ical(path.read_bytes()) for path in written]
    assert session.uid in {str(n.walk("VEVENT")[0]["UID"]) for n in notices}
    assert all(str(n["METHOD"]) == "CANCEL" and len(n.walk("VEVENT")) == 1 for n in notices)


def test_a_meeting_without_a_facilitator_follows_the_groups_facilitator(demo_db) -> None:
    facilitator_id, _person, group_id = group_leader(demo_db)
    with demo_db.session() as s:
        s.execute(update(m.GroupMeeting).where(m.GroupMeeting.group_id == group_id).values(facilitator_id=None))
    assert facilitator_calendar_items(demo_db, facilitator_id).of_kind(ItemKind.GROUP_MEETING)
    with demo_db.session() as s:
        s.execute(update(m.ReflectionGroup).where(m.ReflectionGroup.id == group_id).values(facilitator_id=None))
        s.execute(m.FacilitatorAssignment.__table__.delete().where(m.FacilitatorAssignment.group_id == group_id))
    assert not facilitator_calendar_items(demo_db, facilitator_id).of_kind(ItemKind.GROUP_MEETING)
    with pytest.raises(NotFound, match="There is no facilitator"):
        facilitator_calendar_items(demo_db, 99_999)


def test_the_cli_writes_the_same_events_and_cancellation_notices(
    demo_db, demo_target, tmp_path, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("TILLITSLEDER_LANG", "en")
    facilitator_id, person_id, _group = group_leader(demo_db)
    with demo_db.read() as s:
        email = s.get(m.Person, person_id).email
    target = tmp_path / "mine.ics"
    with clock.frozen_at(NOON):
        code = main(["export", "ics", "--facilitator", email, "-o", str(target), "--cancellations",
                     "--db", demo_target])  # fmt: skip
        expected = facilitator_calendar(demo_db, facilitator_id)
    out = capsys.readouterr().out
    assert code == 0 and comparable(target.read_bytes()) == comparable(expected)
    count = len(events(expected))
    assert f"{count} events." in out
    cancelled = [e for e in events(expected).values() if str(e["STATUS"]) == "CANCELLED"]
    notices = sorted(tmp_path.glob("mine-cancelled-*.ics"))
    assert len(notices) == len(cancelled) and out.count("Cancellation notice: ") == len(cancelled)
