"""The read audit: reads of personal data by someone else leave one append-only row each, written by the core
functions that hand the data out (so the CLI and the desktop app leave the same trail), never with content."""

from __future__ import annotations

import inspect
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import DatabaseError

from tillitsleder import clock
from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.attendance.export import export_register
from tillitsleder.audit import audit_read, record_read
from tillitsleder.cli import main
from tillitsleder.enums import ReadKind, Role
from tillitsleder.errors import Forbidden, ValidationError
from tillitsleder.model import (
    Enrolment,
    Facilitator,
    Person,
    ReadEvent,
    ReadEventSubject,
    Session,
    session_facilitator,
)
from tillitsleder.privacy import read_audit
from tillitsleder.privacy.read_audit import ReadFilter, list_reads
from tillitsleder.reports.progress import ReportKind, ReportRequest, render_report
from tillitsleder.sessions.calendar_file import cohort_calendar
from tillitsleder.table_day.table_lists import export_table_lists


def cohort_people(db, cohort_id: int) -> set[int]:
    with db.read() as s:
        return set(s.scalars(select(Enrolment.person_id).where(Enrolment.cohort_id == cohort_id)))


def test_the_table_refuses_update_and_delete(db) -> None:
    record_read(db, ReadKind.REPORT, "cohort", 1, [7, 8])
    for statement in (
        "UPDATE read_event SET kind = 'x'",
        "DELETE FROM read_event",
        "UPDATE read_event_subject SET person_id = 9",
        "DELETE FROM read_event_subject",
    ):
        with pytest.raises(DatabaseError, match="append-only"), db.session() as s:
            s.execute(select(1))
            s.connection().exec_driver_sql(statement)
    with db.read() as s:
        assert s.scalar(select(ReadEvent.kind)) == "report"
        assert sorted(s.scalars(select(ReadEventSubject.person_id))) == [7, 8]


def test_the_viewer_has_no_way_to_change_the_trail() -> None:
    names = [name for name, value in inspect.getmembers(read_audit, inspect.isfunction)]
    assert not [name for name in names if any(word in name for word in ("delete", "update", "remove", "edit"))]


def test_a_cohort_report_records_who_read_about_whom(demo_db) -> None:
    before = clock.now()
    render_report(demo_db, ReportRequest(ReportKind.COHORT, 1))
    (row,) = list_reads(demo_db)
    assert (row.kind, row.entity, row.entity_id, row.actor_role, row.actor_id) == (
        ReadKind.REPORT, "cohort", 1, Role.COORDINATOR, None,
    )  # fmt: skip
    assert set(row.subject_ids) == cohort_people(demo_db, 1)
    assert before - timedelta(minutes=1) <= row.occurred_at <= clock.now()
    assert row.actor_name == "Programme coordinator"
    assert row.what == "Progress report (cohort 1)"


def test_a_participant_reading_their_own_report_is_not_a_read_by_another(demo_db) -> None:
    with demo_db.read() as s:
        enrolment = s.scalars(select(Enrolment).where(Enrolment.cohort_id == 1)).first()
        enrolment_id, person_id = enrolment.id, enrolment.person_id
    request = ReportRequest(ReportKind.PARTICIPANT, 1, enrolment_id)
    render_report(demo_db, request, actor=Actor.participant(person_id))
    assert list_reads(demo_db) == []
    render_report(demo_db, request)  # the coordinator printing it is one
    (row,) = list_reads(demo_db)
    assert row.subject_ids == (person_id,)


def test_exports_and_calendars_with_names_are_recorded(demo_db, tmp_path: Path) -> None:
    export_register(demo_db, 2, tmp_path / "attendance.csv")
    cohort_calendar(demo_db, 1)
    from tillitsleder.table_day import plans

    view = plans.propose_table_day(demo_db, plans.TableDayRequest("Fagdag", 6, None, 1, (), ()))
    export_table_lists(demo_db, view, tmp_path / "tables.pdf")
    kinds = {row.kind: row for row in list_reads(demo_db)}
    assert set(kinds) == {ReadKind.ATTENDANCE_EXPORT, ReadKind.CALENDAR, ReadKind.PARTICIPANT_LIST}
    assert set(kinds[ReadKind.ATTENDANCE_EXPORT].subject_ids) == cohort_people(demo_db, 2)
    with demo_db.read() as s:
        named = set(
            s.scalars(
                select(Facilitator.person_id)
                .join(session_facilitator, session_facilitator.c.facilitator_id == Facilitator.id)
                .join(Session, Session.id == session_facilitator.c.session_id)
                .where(Session.cohort_id == 1)
            )
        )
    assert named and set(kinds[ReadKind.CALENDAR].subject_ids) == named  # the facilitators the sessions name
    assert set(kinds[ReadKind.PARTICIPANT_LIST].subject_ids) >= {m.person_id for t in view.tables for m in t.members}


def test_filters_by_person_actor_kind_and_days(demo_db, tmp_path: Path) -> None:
    someone = min(cohort_people(demo_db, 2))
    coach = Actor.facilitator(999_001)
    record_read(demo_db, ReadKind.SHARED_JOURNAL, "journal_entry", 5, [someone], actor=coach)
    export_register(demo_db, 2, tmp_path / "attendance.xlsx")
    render_report(demo_db, ReportRequest(ReportKind.COHORT, 1))
    assert len(list_reads(demo_db)) == 3
    assert [r.kind for r in list_reads(demo_db, ReadFilter(person_id=someone))] == [
        ReadKind.ATTENDANCE_EXPORT, ReadKind.SHARED_JOURNAL,
    ]  # fmt: skip
    (by_coach,) = list_reads(demo_db, ReadFilter(actor_id=999_001))
    assert (by_coach.actor_role, by_coach.actor_name) == (Role.FACILITATOR, "person 999001")
    assert len(list_reads(demo_db, ReadFilter(coordinator_only=True))) == 2
    assert [r.kind for r in list_reads(demo_db, ReadFilter(kind=ReadKind.REPORT))] == [ReadKind.REPORT]
    today = clock.today()
    assert len(list_reads(demo_db, ReadFilter(since=today, until=today))) == 3
    assert list_reads(demo_db, ReadFilter(since=today + timedelta(days=2))) == []
    assert list_reads(demo_db, ReadFilter(until=today - timedelta(days=2))) == []
    with pytest.raises(ValidationError):
        ReadFilter(since=today, until=today - timedelta(days=1))
    with pytest.raises(Forbidden):
        list_reads(demo_db, actor=Actor.facilitator(someone))
    people = read_audit.audit_people(demo_db)
    assert someone in {o.id for o in people} and 999_001 in {o.id for o in people}


def test_the_cli_lists_and_filters_the_trail(demo_db, demo_target, capsys, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("TILLITSLEDER_LANG", "en")
    render_report(demo_db, ReportRequest(ReportKind.COHORT, 1))
    export_register(demo_db, 2, tmp_path / "a.csv")
    with demo_db.read() as s:
        person = s.scalars(
            select(Person)
            .join(Enrolment, Enrolment.person_id == Person.id)
            .where(Enrolment.cohort_id == 1, Person.email.is_not(None))
        ).first()
        email, name = person.email, person.full_name
    db = demo_target
    assert main(["privacy", "audit", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Progress report (cohort 1)" in out and "Attendance export (cohort 2)" in out and "2 reads." in out
    assert main(["privacy", "audit", "--person", email, "--kind", "report", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "1 read." in out and name in out and "Attendance export" not in out
    assert main(["privacy", "audit", "--since", "2001-01-01", "--until", "2001-01-02", "--db", db]) == 0
    assert "No reads match." in capsys.readouterr().out
    assert main(["privacy", "audit", "--since", "yesterday", "--db", db]) == 2
    assert "is not a date" in capsys.readouterr().err


def test_a_coach_reading_a_shared_entry_is_recorded_without_its_text(db) -> None:
    from journal_testdata import PASS, build_world

    from tillitsleder import profiles
    from tillitsleder.journal import entries as journal
    from tillitsleder.journal.entries import EntryDraft
    from tillitsleder.journal.shared_with_me import read_shared_entry, shared_with_me
    from tillitsleder.model.enums import JournalSharing, PromptTemplate
    try:
        world = build_world(db)
        me = profiles.unlock(db, world.profile["p1"], PASS["p1"])
        draft = EntryDraft(clock.today(), "Hemmelig til coachen", PromptTemplate.FREE, (), JournalSharing.COACH, "")
        entry = journal.create_entry(db, me, draft)
        assert list_reads(db) == []  # writing your own is no read by another
        coach = profiles.unlock(db, world.profile["c1"], PASS["c1"])
        read_shared_entry(db, coach, entry.id)
        shared_with_me(db, coach)
        rows = list_reads(db)
        assert [(r.kind, r.actor_id, r.subject_ids) for r in rows] == [
            (ReadKind.SHARED_JOURNAL, world.person["c1"], (world.person["p1"],)),
            (ReadKind.SHARED_JOURNAL, world.person["c1"], (world.person["p1"],)),
        ]
        assert {r.entity_id for r in rows} == {entry.id, None}
        with db.read() as s:  # every column of the trail, as text
            columns = [select(*table.__table__.columns) for table in (ReadEvent, ReadEventSubject)]
            trail = [str(tuple(row)) for query in columns for row in s.execute(query)]
        assert trail and not any("Hemmelig" in line for line in trail)
    finally:
        db.close()


def test_a_facilitator_opening_group_notes_is_recorded_and_the_coordinators_meta_view_is_not(demo_db) -> None:
    from tillitsleder.group_notes.meetings import load_meeting
    from tillitsleder.model import GroupMeeting, ReflectionGroup, group_member

    with demo_db.read() as s:
        meeting = s.scalars(select(GroupMeeting).where(GroupMeeting.facilitator_id.is_not(None))).first()
        facilitator = s.get(Facilitator, meeting.facilitator_id).person_id
        group = s.get(ReflectionGroup, meeting.group_id)
        members = set(
            s.scalars(
                select(Enrolment.person_id)
                .join(group_member, group_member.c.enrolment_id == Enrolment.id)
                .where(group_member.c.group_id == group.id)
            )
        )
        meeting_id = meeting.id
    load_meeting(demo_db, COORDINATOR, meeting_id)
    assert list_reads(demo_db) == []
    view = load_meeting(demo_db, Actor.facilitator(facilitator), meeting_id)
    assert view.access.sees_content
    (row,) = list_reads(demo_db)
    assert (row.kind, row.actor_id, row.entity, row.entity_id) == (
        ReadKind.GROUP_NOTES, facilitator, "group_meeting", meeting_id,
    )  # fmt: skip
    assert set(row.subject_ids) == members - {facilitator}


def test_a_city_of_people_in_the_trail_is_listed_in_a_few_queries(db) -> None:
    """More people than one PostgreSQL statement takes bound parameters (65,535; a default SQLite build takes
    32,766): their names and a read's subjects are joined in SQL, not sent back to the database as a list of ids."""
    with db.session() as s:
        s.add(Person(first_name="Kari", last_name="Nordmann", email="kari@example.org"))
    with db.read() as s:
        kari = s.scalar(select(Person.id).where(Person.email == "kari@example.org"))
    people = [kari, *range(100_001, 170_001)]  # Kari and 70,000 people erased since (they show as their ids)
    record_read(db, ReadKind.REPORT, "cohort", 1, people)
    record_read(db, ReadKind.ATTENDANCE_EXPORT, "cohort", 2, [kari])
    options = read_audit.audit_people(db)
    assert len(options) == len(people) and {o.id for o in options} == set(people)
    assert next(o.label for o in options if o.id == kari) == "Kari Nordmann"
    newest, oldest = list_reads(db)
    assert (newest.kind, newest.subject_ids) == (ReadKind.ATTENDANCE_EXPORT, (kari,))
    assert newest.subject_names == ("Kari Nordmann",)
    assert oldest.subject_ids == tuple(sorted(people)) and oldest.subject_names[0] == "Kari Nordmann"
    assert oldest.subject_names[-1].endswith("170000")
    assert [row.id for row in list_reads(db, ReadFilter(limit=1))] == [newest.id]


def test_the_trail_is_counted_and_read_a_page_at_a_time(db) -> None:
    """The viewer shows how many reads match in all and loads them 200 at a time as the list scrolls: the pages
    follow on from each other, newest first, with nothing repeated or left out."""
    with db.session() as s:
        for n in range(450):
            kind = ReadKind.REPORT if n % 3 else ReadKind.ATTENDANCE_EXPORT
            audit_read(s, kind, "cohort", n, [1000 + n % 7, 2000])
    everything = list_reads(db, ReadFilter(limit=1000))
    assert len(everything) == read_audit.count_reads(db) == 450
    pages = [list_reads(db, ReadFilter(limit=200, offset=offset)) for offset in (0, 200, 400, 600)]
    assert [len(page) for page in pages] == [200, 200, 50, 0]
    assert [row.id for page in pages for row in page] == [row.id for row in everything]
    assert everything[0].entity_id == 449 and everything[-1].entity_id == 0
    assert everything[0].subject_ids == (1001, 2000) and everything[0].subject_names == ("person 1001", "person 2000")
    exports = ReadFilter(kind=ReadKind.ATTENDANCE_EXPORT, limit=100, offset=100)
    assert read_audit.count_reads(db, exports) == 150
    assert [row.entity_id for row in list_reads(db, exports)] == list(range(147, -1, -3))[:50]
    assert read_audit.count_reads(db, ReadFilter(person_id=1003)) == len(range(3, 450, 7))
    with pytest.raises(Forbidden):
        read_audit.count_reads(db, actor=Actor.facilitator(5))


def test_the_cli_says_when_it_lists_only_the_newest(demo_db, demo_target, capsys, monkeypatch) -> None:
    with demo_db.session() as s:
        for n in range(read_audit.DEFAULT_LIMIT + 5):
            audit_read(s, ReadKind.REPORT, "cohort", n, [1000 + n % 7])
    monkeypatch.setenv("TILLITSLEDER_LANG", "en")
    assert main(["privacy", "audit", "--db", demo_target]) == 0
    out = capsys.readouterr().out
    assert out.count("Progress report (cohort") == read_audit.DEFAULT_LIMIT
    assert out.rstrip().endswith("The newest 2,000 of 2,005 reads.")
    monkeypatch.setenv("TILLITSLEDER_LANG", "nb")
    assert main(["privacy", "audit", "--kind", "attendance_export", "--db", demo_target]) == 0
    assert capsys.readouterr().out.strip() == "Ingen lesinger passer."
    assert main(["privacy", "audit", "--db", demo_target]) == 0
    assert capsys.readouterr().out.rstrip().endswith("De 2\u00a0000 nyeste av 2\u00a0005 lesinger.")
