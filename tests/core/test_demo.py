"""The demo database: complete and consistent, deterministic, and never written over an existing file — in every
language it is built in (Bokmål, Nynorsk, Swedish, Danish), each with its own municipality, time zone and texts."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import postgresql_server as pg
import pytest
from sqlalchemy import func, select

from tillitsleder import i18n
from tillitsleder.demo import builder as demo_module
from tillitsleder.demo.builder import DemoSummary, create_demo_database
from tillitsleder.demo.content import DEMO_LANGUAGES, content_for
from tillitsleder.demo.dates import programme_start
from tillitsleder.errors import ValidationError
from tillitsleder.model import (
    Attendance,
    AttendanceStatus,
    Enrolment,
    EnrolmentStatusChange,
    Facilitator,
    FacilitatorPool,
    GroupMeeting,
    GroupNote,
    JournalEntry,
    Person,
    ReflectionGroup,
    RoleAssignment,
    Session,
    group_member,
)
from tillitsleder.model.enums import DialogueStep, EnrolmentStatus, Role, SessionStatus
from tillitsleder.storage import Database, open_database
from tillitsleder.storage.health import database_health

TODAY = date(2026, 11, 22)
# Letters each demo's names show (its own, a minority's, an immigrant's), so every one meets the folding and sorting.
NAME_LETTERS = {
    "nb": ("[æøå]", "[áŋ]", "[łşćđž]"),
    "nn": ("[æøå]", "[áŋ]", "[łşćđž]"),
    "sv": ("[åäö]", "[áŋ]", "[łşćđž]"),
    "da": ("[æøå]", "[á]", "[łşćđž]"),
}
# DemoSummary field → table it counts.
COUNTED = {
    "people": "person",
    "departments": "department",
    "units": "unit",
    "modules": "module",
    "enrolments": "enrolment",
    "sessions": "session",
    "attendance": "attendance",
    "facilitators": "facilitator",
    "reflection_groups": "reflection_group",
    "group_meetings": "group_meeting",
    "group_notes": "group_note",
    "group_actions": "group_action",
    "journal_entries": "journal_entry",
    "commitments": "commitment",
    "audit_events": "audit_event",
}


@pytest.fixture(scope="module", params=DEMO_LANGUAGES)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, engine_name: str
) -> Iterator[tuple[DemoSummary, Database]]:
    """The demo in each language, built once per module on each engine (a new file, or an empty server database)."""
    server_database = None
    if engine_name == "sqlite":
        target: Path | str = tmp_path_factory.mktemp(f"demo-{request.param}") / "demo.sqlite3"
    else:
        server_database = pg.unique_name(f"demo_{request.param}")
        target = pg.create_database(server_database)
    summary = create_demo_database(target, today=TODAY, language=request.param)
    db = open_database(target, create=False)
    yield summary, db
    db.close()
    if server_database is not None:
        pg.drop_database(server_database)


@pytest.fixture
def demo_language(request: pytest.FixtureRequest, demo) -> str:
    """The language of the demo a test is given."""
    return request.node.callspec.params["demo"]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_database_is_healthy_and_its_counts_match_the_summary(demo) -> None:
    summary, db = demo
    health = database_health(db)
    assert health.healthy, health
    assert {name: health.row_counts[table] for name, table in COUNTED.items()} == {
        name: getattr(summary, name) for name in COUNTED
    }
    current = Session.cohort_id == summary.cohort_id  # the demo also holds a finished earlier cohort
    with db.read() as s:
        held = s.scalar(select(func.count()).where(Session.status == SessionStatus.HELD.value, current))
        sessions = s.scalar(select(func.count()).select_from(Session).where(current))
        enrolled = s.scalar(select(func.count()).select_from(Enrolment).where(Enrolment.cohort_id == summary.cohort_id))
    assert summary.held_sessions == held
    assert (enrolled, summary.reflection_groups, summary.journal_entries) == (40, 6, 60)
    assert 18 <= sessions <= 24 and 10 <= summary.modules <= 12
    assert summary.programme_start == date(2025, 9, 1)


def test_sessions_are_ordered_in_local_time_on_working_days_and_held_only_in_the_past(demo, demo_language: str) -> None:
    _, db = demo
    from tillitsleder.sessions.working_days import is_day_off

    text = content_for(demo_language)
    zone = ZoneInfo(text.TIMEZONE)
    with db.read() as s:
        sessions = s.scalars(select(Session).order_by(Session.starts_at)).all()
        assert len({session.ical_uid for session in sessions}) == len(sessions)
        statuses = Counter(session.status for session in sessions)
        assert statuses[SessionStatus.CANCELLED.value] == 1 and statuses[SessionStatus.PLANNED.value] >= 1
        for session in sessions:
            assert session.ends_at > session.starts_at
            assert session.starts_at.utcoffset() == timedelta(0)
            local = session.starts_at.astimezone(zone)
            assert local.strftime("%H:%M") in {"09:00", "12:30"} and not is_day_off(local.date(), text.COUNTRY)
            assert re.fullmatch(r"session-[0-9a-f-]{36}@tillitsleder", session.ical_uid)
            assert (local.date() < TODAY) == (session.status != SessionStatus.PLANNED.value)
            if session.status == SessionStatus.CANCELLED.value:
                assert session.cancel_reason and session.sequence == 1
            else:
                assert not session.cancel_reason and session.sequence == 0
        assert len({session.venue_id for session in sessions}) >= 4


def test_attendance_covers_held_sessions_and_shows_some_participants_at_risk(demo, demo_language: str) -> None:
    summary, db = demo
    current = Session.cohort_id == summary.cohort_id
    with db.read() as s:
        statuses = {row.code: (row.label, float(row.weight)) for row in s.scalars(select(AttendanceStatus))}
        rows = s.execute(
            select(Attendance.enrolment_id, Session.status, AttendanceStatus.weight, Enrolment.status)
            .join(Session, Session.id == Attendance.session_id)
            .join(AttendanceStatus, AttendanceStatus.id == Attendance.status_id)
            .join(Enrolment, Enrolment.id == Attendance.enrolment_id)
            .where(current)
        ).all()
        held = s.scalar(select(func.count()).where(Session.status == SessionStatus.HELD.value, current))
    assert statuses == {
        code: (label, float(weight)) for code, label, weight in content_for(demo_language).ATTENDANCE_STATUSES
    }
    if demo_language == "nb":
        assert statuses["excused"] == ("Gyldig fravær", 0.0)
    assert {row[1] for row in rows} == {SessionStatus.HELD.value}
    weighted: Counter[int] = Counter()
    for enrolment_id, _, weight, status in rows:
        if status == EnrolmentStatus.ACTIVE.value:
            weighted[enrolment_id] += float(weight) / held
    assert len(weighted) == 37  # every active participant has a register line
    at_risk = sorted(share for share in weighted.values() if share < 0.8)
    assert 2 <= len(at_risk) <= 4 and at_risk[0] < 0.7
    assert sorted(weighted.values())[len(weighted) // 2] >= 0.9


def test_enrolments_people_and_roles_fit_together(demo, demo_language: str) -> None:
    summary, db = demo
    with db.read() as s:
        enrolled = s.scalar(select(func.count(func.distinct(Enrolment.person_id))))
        enrolments = s.scalars(select(Enrolment).where(Enrolment.cohort_id == summary.cohort_id)).all()
        people = {person.id: person for person in s.scalars(select(Person))}
        history = s.execute(
            select(EnrolmentStatusChange.enrolment_id, EnrolmentStatusChange.status).order_by(
                EnrolmentStatusChange.enrolment_id, EnrolmentStatusChange.effective_on
            )
        ).all()
        roles = Counter(s.scalars(select(RoleAssignment.role)))
        pools = dict(
            s.execute(
                select(FacilitatorPool.code, func.count(Facilitator.id))
                .join(Facilitator, Facilitator.pool_id == FacilitatorPool.id)
                .group_by(FacilitatorPool.code)
            ).all()
        )
        assert all(enrolment.person_id in people for enrolment in enrolments)
        assert Counter(e.status for e in enrolments) == {"active": 37, "on_leave": 2, "withdrawn": 1}
        last_status = {enrolment_id: status for enrolment_id, status in history}
        assert all(last_status[e.id] == e.status for e in enrolments)
        assert roles == {Role.PARTICIPANT.value: enrolled, Role.COORDINATOR.value: 1, Role.FACILITATOR.value: 26}
        text = content_for(demo_language)
        assert pools == dict(zip((pool[0] for pool in text.POOLS), (16, 7, 5), strict=True))
        emails = [person.email for person in people.values()]
        assert len(set(emails)) == len(emails)
        assert all(email.isascii() and email.endswith(f"@{text.EMAIL_DOMAIN}") for email in emails)
        names = " ".join(f"{p.first_name} {p.last_name}" for p in people.values())
        assert all(re.search(letters, names) for letters in NAME_LETTERS[demo_language])
        leaders = [people[e.person_id] for e in enrolments]
        assert {p.leader_level for p in leaders} <= {2, 3, 4} and all(p.unit_id for p in leaders)


def test_reflection_groups_follow_the_three_steps(demo, demo_language: str) -> None:
    _, db = demo
    with db.read() as s:
        sizes = s.execute(select(func.count()).select_from(group_member).group_by(group_member.c.group_id)).scalars()
        meetings = s.execute(select(func.count(GroupMeeting.id)).group_by(GroupMeeting.group_id)).scalars()
        notes = s.scalars(select(GroupNote)).all()
        facilitated = s.scalar(select(func.count()).where(ReflectionGroup.facilitator_id.is_not(None)))
        assert sorted(sizes) == [6, 6, 7, 7, 7, 7]
        assert all(3 <= count <= 5 for count in meetings)
        assert facilitated == 6
        steps = Counter(note.step for note in notes)
        assert steps[DialogueStep.OWN_REFLECTION.value] == steps[DialogueStep.LARGE_GROUP.value] == len(notes) // 3
        own = [note for note in notes if note.step == DialogueStep.OWN_REFLECTION.value]
        assert all(note.time_box_minutes == 5 and note.prompt for note in own)
        shareable = {note.theme for note in notes if note.theme_shareable}
        scripted = {theme for *_, themes in content_for(demo_language).GROUP_SCRIPTS for theme, ok in themes if ok}
        assert shareable and shareable <= scripted and len(scripted) == 7


def journal_texts(db: Database) -> list[tuple]:
    """Every demo entry decrypted by its author's profile (the README's demo passphrase), in id order."""
    from tillitsleder import profiles
    from tillitsleder.demo.journal import DEMO_PASSPHRASE
    from tillitsleder.journal import entries as journal

    texts = []
    for profile in profiles.list_profiles(db, role=Role.PARTICIPANT):
        me = profiles.unlock(db, profile.id, DEMO_PASSPHRASE)
        texts += [(e.id, e.author_id, e.written_on, e.text, e.tags, e.summary) for e in journal.list_entries(db, me)]
    return sorted(texts)


def test_journal_entries_are_sealed_and_open_for_their_authors(demo) -> None:
    _, db = demo
    with db.read() as s:
        entries = s.scalars(select(JournalEntry)).all()
        assert all(entry.written_on < TODAY for entry in entries)
        sharing = Counter(entry.sharing for entry in entries)
        assert sharing["private"] > len(entries) / 2 and sharing["coach"] >= 1
    texts = journal_texts(db)
    assert len(texts) == len(entries) and all(text.strip() and tags for _, _, _, text, tags, _ in texts)


def test_same_seed_and_day_give_the_same_database(tmp_path: Path) -> None:
    def snapshot(path: Path) -> tuple:
        create_demo_database(path, seed=7, today=TODAY)
        db = open_database(path, create=False)
        try:
            with db.read() as s:
                names = s.execute(select(Person.first_name, Person.last_name).order_by(Person.id)).all()
                times = s.execute(
                    select(Session.starts_at, Session.ends_at, Session.ical_uid).order_by(Session.id)
                ).all()
            bodies = journal_texts(db)  # keys and nonces are random; the texts are not
        finally:
            db.close()
        return names, times, bodies

    first, second = snapshot(tmp_path / "a.sqlite3"), snapshot(tmp_path / "b.sqlite3")
    assert first == second
    other = create_demo_database(tmp_path / "c.sqlite3", seed=8, today=TODAY)
    db = open_database(other.path, create=False)
    with db.read() as s:
        names = s.execute(select(Person.first_name, Person.last_name).order_by(Person.id)).all()
    db.close()
    assert names != first[0]


@pytest.mark.parametrize("content", [b"", b"not a database", None], ids=["empty", "other file", "demo"])
def test_an_existing_file_is_refused_and_left_untouched(tmp_path: Path, content: bytes | None) -> None:
    i18n.set_language("en")
    path = tmp_path / "existing.sqlite3"
    if content is None:
        create_demo_database(path, today=TODAY)
    else:
        path.write_bytes(content)
    before, files = digest(path), sorted(tmp_path.iterdir())
    with pytest.raises(ValidationError) as raised:
        create_demo_database(path, today=TODAY)
    assert str(raised.value) == f"“{path}” already exists; the demo is only written to a new file."
    assert digest(path) == before and sorted(tmp_path.iterdir()) == files


def test_a_failure_half_way_leaves_no_file_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(self) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo_module._DemoBuilder, "_journal", fail)
    with pytest.raises(RuntimeError):
        create_demo_database(tmp_path / "demo.sqlite3", today=TODAY)
    assert list(tmp_path.iterdir()) == []


def test_the_parent_folder_is_created(tmp_path: Path) -> None:
    summary = create_demo_database(tmp_path / "new" / "folder" / "demo.sqlite3", today=TODAY)
    assert summary.path.is_file()


@pytest.mark.parametrize("today", [date(2026, 3, 3), date(2027, 2, 28), date(2030, 6, 15), date(2031, 1, 2)])
def test_the_programme_is_about_a_year_in_whatever_the_day(tmp_path: Path, today: date) -> None:
    start = programme_start(today)
    assert start.month == 9 and start.weekday() == 0 and start.day <= 7
    assert 180 <= (today - start).days <= 550
    summary = create_demo_database(tmp_path / "demo.sqlite3", today=today)
    assert summary.programme_start == start and 0 < summary.held_sessions < summary.sessions
