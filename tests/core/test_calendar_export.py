"""iCalendar export: round-trips through ``icalendar.Calendar.from_ical``, VTIMEZONE rules, CANCEL notices, CLI."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlalchemy import select

from tillitsleder import model as m
from tillitsleder.cli import main
from tillitsleder.errors import ValidationError
from tillitsleder.facilitators.calendar_file import facilitator_calendar
from tillitsleder.sessions import calendar_file as ics
from tillitsleder.sessions import scheduling as svc

OSLO = ZoneInfo("Europe/Oslo")


def cohort_id(db) -> int:
    with db.read() as s:
        return s.scalar(select(m.Cohort.id))


def events(content: bytes) -> dict[str, object]:
    return {str(e["UID"]): e for e in Calendar.from_ical(content).walk("VEVENT")}


def stored(db, cohort: int) -> dict[str, tuple]:
    with db.read() as s:
        rows = s.execute(
            select(
                m.Session.ical_uid, m.Session.starts_at, m.Session.ends_at, m.Session.sequence, m.Session.status
            ).where(m.Session.cohort_id == cohort)
        ).all()
    return {row[0]: tuple(row[1:]) for row in rows}


def test_cohort_calendar_round_trips_every_session(demo_db) -> None:
    cohort = cohort_id(demo_db)
    content = ics.cohort_calendar(demo_db, cohort)
    calendar = Calendar.from_ical(content)
    assert str(calendar["METHOD"]) == "PUBLISH" and str(calendar["VERSION"]) == "2.0"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    parsed, expected = events(content), stored(demo_db, cohort)
    assert set(parsed) == set(expected) and len(parsed) == 23
    for uid, (starts, ends, sequence, status) in expected.items():
        event = parsed[uid]
        assert event["DTSTART"].params["TZID"] == "Europe/Oslo"
        assert event.start.tzinfo.key == "Europe/Oslo"  # type: ignore[union-attr]
        assert event.start == starts and event.end == ends
        assert event.start.hour == starts.astimezone(OSLO).hour
        assert int(event["SEQUENCE"]) == sequence
        assert str(event["STATUS"]) == ("CANCELLED" if status == "cancelled" else "CONFIRMED")
        assert event["LAST-MODIFIED"].dt.tzinfo is not None and "DTSTAMP" in event
    cancelled = [e for e in parsed.values() if str(e["STATUS"]) == "CANCELLED"]
    assert len(cancelled) == 1
    assert str(cancelled[0]["SUMMARY"]).startswith("Cancelled: ") and str(cancelled[0]["TRANSP"]) == "TRANSPARENT"
    assert "Facilitators: " in str(next(iter(parsed.values()))["DESCRIPTION"])


def test_a_moved_session_keeps_its_uid_with_a_higher_sequence(demo_db) -> None:
    cohort = cohort_id(demo_db)
    with demo_db.read() as s:
        session_id = s.scalar(
            select(m.Session.id).where(m.Session.cohort_id == cohort, m.Session.status == "planned").limit(1)
        )
    before = events(ics.cohort_calendar(demo_db, cohort))
    details = svc.session_details(demo_db, session_id)
    moved = svc.SessionPlan(**{**details.plan.__dict__, "day": details.plan.day + timedelta(days=1)})
    svc.reschedule_session(demo_db, session_id, moved)
    after = events(ics.cohort_calendar(demo_db, cohort))
    assert set(after) == set(before)
    old, new = before[details.ical_uid], after[details.ical_uid]
    assert int(new["SEQUENCE"]) == int(old["SEQUENCE"]) + 1
    assert new.start == old.start + timedelta(days=1)
    svc.cancel_session(demo_db, session_id, "Lokalet er stengt")
    cancelled = events(ics.cohort_calendar(demo_db, cohort))[details.ical_uid]
    assert int(cancelled["SEQUENCE"]) == int(new["SEQUENCE"]) + 1 and str(cancelled["STATUS"]) == "CANCELLED"
    assert "Lokalet er stengt" in str(cancelled["DESCRIPTION"])


def test_text_is_escaped_by_the_library_and_comes_back_intact(demo_db) -> None:
    cohort = cohort_id(demo_db)
    title = 'Dag 2; "kontroll, tillit" og\\ refleksjon'
    svc.schedule_session(
        demo_db, svc.SessionPlan(cohort, date(2026, 12, 1), time(9), time(11), title=title, venue_name="Rom; 3, B")
    )
    content = ics.cohort_calendar(demo_db, cohort)
    assert b'Dag 2\\; "kontroll\\, tillit" og\\\\ refleksjon' in content
    match = [e for e in events(content).values() if str(e["SUMMARY"]) == title]
    assert len(match) == 1 and str(match[0]["LOCATION"]) == "Rom; 3, B"


def test_vtimezone_uses_yearly_rules_that_agree_with_zoneinfo() -> None:
    component = ics.vtimezone("Europe/Oslo", date(2026, 1, 1), date(2027, 12, 31))
    text = component.to_ical().decode()
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in text and "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in text
    assert "RDATE" not in text
    component["TZID"] = "Test/Oslo-copy"  # make icalendar build the zone from our rules, not look up its name
    tz = component.to_tz(lookup_tzid=False)
    for moment in (
        datetime(2026, 3, 27, 9),
        datetime(2026, 3, 30, 9),
        datetime(2027, 10, 30, 9),
        datetime(2027, 11, 2, 9),
    ):
        assert moment.replace(tzinfo=tz).utcoffset() == moment.replace(tzinfo=OSLO).utcoffset()
    stockholm = ics.vtimezone("Europe/Stockholm", date(2026, 1, 1), date(2026, 12, 31)).to_ical().decode()
    assert "TZID:Europe/Stockholm" in stockholm
    reykjavik = ics.vtimezone("Atlantic/Reykjavik", date(2026, 1, 1), date(2026, 12, 31)).to_ical().decode()
    assert "BEGIN:STANDARD" in reykjavik and "DAYLIGHT" not in reykjavik


def test_cancellation_notice_is_method_cancel_for_one_session(demo_db, tmp_path) -> None:
    cohort = cohort_id(demo_db)
    with demo_db.read() as s:
        cancelled = s.execute(select(m.Session.id, m.Session.ical_uid).where(m.Session.status == "cancelled")).one()
        planned = s.scalar(select(m.Session.id).where(m.Session.status == "planned").limit(1))
    calendar = Calendar.from_ical(ics.cancellation_calendar(demo_db, cancelled.id))
    assert str(calendar["METHOD"]) == "CANCEL"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == cancelled.ical_uid and str(event["STATUS"]) == "CANCELLED"
    assert str(event["ORGANIZER"]).startswith("mailto:") and calendar.walk("VTIMEZONE")
    with pytest.raises(ValidationError):
        ics.cancellation_calendar(demo_db, planned)
    written = ics.export_cancellations(demo_db, cohort, tmp_path, stem="kull")
    assert [p.name for p in written] == [f"kull-{event.start.astimezone(UTC).date().isoformat()}-{cancelled.id}.ics"]


def test_facilitator_calendar_covers_all_their_cohorts_and_pools(demo_db) -> None:
    with demo_db.session() as s:
        person_id, facilitator_id = s.execute(
            select(m.Facilitator.person_id, m.Facilitator.id)
            .join(m.session_facilitator, m.session_facilitator.c.facilitator_id == m.Facilitator.id)
            .limit(1)
        ).one()
        programme_id = s.scalar(select(m.Programme.id))
        other = m.Cohort(programme_id=programme_id, name="Kull 2", start_date=date(2026, 8, 1))
        s.add(other)
        s.flush()
        other_id = other.id
    new = svc.schedule_session(
        demo_db,
        svc.SessionPlan(other_id, date(2026, 12, 3), time(9), time(12), title="Kull 2 start",
                        facilitator_ids=(facilitator_id,)),
    )  # fmt: skip
    calendar = Calendar.from_ical(facilitator_calendar(demo_db, facilitator_id))
    with demo_db.read() as s:
        mine = select(m.Facilitator.id).where(m.Facilitator.person_id == person_id)
        linked = select(m.session_facilitator.c.session_id).where(m.session_facilitator.c.facilitator_id.in_(mine))
        assigned = select(m.FacilitatorAssignment.session_id).where(m.FacilitatorAssignment.facilitator_id.in_(mine))
        expected = set(
            s.scalars(select(m.Session.ical_uid).where(m.Session.id.in_(linked) | m.Session.id.in_(assigned)))
        )
        new_uid = s.get(m.Session, new.session_ids[0]).ical_uid
    sessions = {str(e["UID"]) for e in calendar.walk("VEVENT") if not str(e["UID"]).startswith("group-meeting-")}
    assert sessions == expected and new_uid in expected


@pytest.fixture
def english(monkeypatch) -> None:
    monkeypatch.setenv("TILLITSLEDER_LANG", "en")


def test_cli_export_ics_by_cohort_name_and_by_facilitator_email(
    demo_db, demo_target, tmp_path, capsys, english
) -> None:
    path = demo_target
    target = tmp_path / "kull.ics"
    assert main(["export", "ics", "--cohort", "KULL 1 – NORDSTRAND", "-o", str(target), "--db", path,
                 "--cancellations"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "23 sessions" in out and "1 cancelled session is marked as cancelled." in out
    assert len(events(target.read_bytes())) == 23
    assert len(list(tmp_path.glob("kull-cancelled-*.ics"))) == 1
    with demo_db.read() as s:
        email = s.scalar(
            select(m.Person.email)
            .join(m.Facilitator, m.Facilitator.person_id == m.Person.id)
            .join(m.session_facilitator, m.session_facilitator.c.facilitator_id == m.Facilitator.id)
            .limit(1)
        )
    assert main(["export", "ics", "--facilitator", email.upper(), "-o", str(tmp_path / "f.ics"), "--db", path]) == 0
    assert events((tmp_path / "f.ics").read_bytes())


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--cohort", "Kull 9"], 3, "There is no cohort “Kull 9”."),
        (["--facilitator", "nobody@example.no"], 3, "There is no facilitator “nobody@example.no”."),
    ],
)
def test_cli_export_ics_mistakes_are_one_sentence(
    demo_db, demo_target, tmp_path, capsys, english, args, code, message
) -> None:
    target = tmp_path / "x.ics"
    assert main(["export", "ics", *args, "-o", str(target), "--db", demo_target]) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and err.strip().count("\n") == 0
    assert not target.exists()


def test_cli_export_ics_refuses_a_missing_folder_and_a_missing_database(
    tmp_path, capsys, english, demo_db, demo_target
) -> None:
    assert (
        main(["export", "ics", "--cohort", "1", "-o", str(tmp_path / "no" / "x.ics"), "--db", demo_target]) == 2
    )
    assert "does not exist" in capsys.readouterr().err
    assert main(["export", "ics", "--cohort", "1", "-o", str(tmp_path / "x.ics"), "--db", str(tmp_path / "n.db")]) == 5
    assert not (tmp_path / "n.db").exists()
