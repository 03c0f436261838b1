"""Completion rules and states: exact boundaries, the reasons in words, journal-count consent, sign-off (no Qt)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from sqlalchemy import LargeBinary, event, insert, select

from tillitsleder.access import Actor
from tillitsleder.attendance import register as att
from tillitsleder.completion.evaluation import CompletionState, evaluate_cohort, evaluate_participant
from tillitsleder.completion.rules import read_rules, save_rules
from tillitsleder.completion.sign_off import sign_off, withdraw_sign_off
from tillitsleder.errors import Forbidden, ValidationError
from tillitsleder.model import (
    Cohort,
    CompletionSignOff,
    Enrolment,
    JournalEntry,
    Module,
    Municipality,
    Person,
    Programme,
    RoleAssignment,
    Session,
)

START = datetime(2026, 1, 5, 8, tzinfo=UTC)  # eight weekly sessions: 5 Jan … 23 Feb 2026
AFTER = date(2026, 3, 2)  # every session is over
MIDWAY = date(2026, 1, 31)  # sessions 0–3 are over, 4–7 to come
CANARY = "KANARIFUGL-hemmelig-dagbok"


def build(db, people: int = 1, *, min_attendance: str = "0.75", end: date = date(2026, 2, 28)) -> dict:
    """Modules A (sessions 0, 1) and B (2, 3) required, C (4–7) optional; ``people`` participants."""
    with db.session() as s:
        town = Municipality(name="Norrköpings kommun", country="SE")
        s.add(town)
        s.flush()
        programme = Programme(
            municipality_id=town.id,
            name="Chefsutveckling",
            start_date=date(2026, 1, 1),
            end_date=date(2026, 12, 31),
            min_attendance=Decimal(min_attendance),
        )
        s.add(programme)
        s.flush()
        modules = []
        for position, (title, required) in enumerate((("Tillit", True), ("Relationer", True), ("Valfri", False))):
            module = Module(programme_id=programme.id, title=title, position=position, required=required)
            s.add(module)
            s.flush()
            modules.append(module.id)
        cohort = Cohort(programme_id=programme.id, name="Omgång 1", start_date=date(2026, 1, 1), end_date=end)
        s.add(cohort)
        s.flush()
        enrolments, persons = [], []
        for i in range(people):
            person = Person(first_name="Åsa", last_name=f"Čuđić {i:02d}")
            s.add(person)
            s.flush()
            enrolment = Enrolment(
                cohort_id=cohort.id, person_id=person.id, status_since=date(2026, 1, 1), enrolled_on=date(2026, 1, 1)
            )
            s.add(enrolment)
            s.flush()
            enrolments.append(enrolment.id)
            persons.append(person.id)
        sessions = []
        for i in range(8):
            meeting = Session(
                cohort_id=cohort.id,
                module_id=modules[0] if i < 2 else modules[1] if i < 4 else modules[2],
                title=f"Träff {i + 1}",
                session_type="temasamling",
                starts_at=START + timedelta(weeks=i),
                ends_at=START + timedelta(weeks=i, hours=6),
                status="planned",
                ical_uid=f"uid-{i}",
            )
            s.add(meeting)
            s.flush()
            sessions.append(meeting.id)
    att.ensure_default_statuses(db, programme.id)
    statuses = {status.code: status.id for status in att.list_statuses(db, programme.id)}
    return {
        "programme": programme.id,
        "cohort": cohort.id,
        "modules": modules,
        "enrolments": enrolments,
        "persons": persons,
        "sessions": sessions,
        **statuses,
    }


def record(db, ids, enrolment: int, codes: str, on: date = AFTER) -> None:
    """One letter per session: P present, L late, H half, E excused, A absent, . nothing recorded; recorded
    on ``on``, so the sessions recorded (all begun by then) are marked held."""
    names = {"P": "present", "L": "late", "H": "partial", "E": "excused", "A": "absent"}
    changes = [
        (enrolment, session, ids[names[code]])
        for session, code in zip(ids["sessions"], codes, strict=False)
        if code != "."
    ]
    att.set_attendance(db, ids["cohort"], changes, now=datetime.combine(on, time(12), tzinfo=UTC))


def rules(db, ids, *, journal: int = 0, sign_off_needed: bool = True, minimum: str = "0.75") -> None:
    save_rules(
        db,
        ids["programme"],
        min_attendance=minimum,
        required_module_ids=ids["modules"][:2],
        min_journal_entries=journal,
        requires_sign_off=sign_off_needed,
    )


def write_journal(db, person_id: int, days: list[date]) -> None:
    """Journal rows with the canary in every opaque column (whatever the journal service calls them)."""
    table = JournalEntry.__table__
    blobs = [c.name for c in table.columns if isinstance(c.type, LargeBinary) and not c.nullable]
    with db.session() as s:
        for day in days:
            s.execute(insert(table).values(author_id=person_id, written_on=day, **{b: CANARY.encode() for b in blobs}))


def one(db, ids, today=AFTER, index=0):
    return evaluate_participant(db, ids["enrolments"][index], today=today)


# --- attendance -------------------------------------------------------------------------------------------


def test_exactly_the_minimum_waits_for_sign_off_then_completes(db) -> None:
    ids = build(db)
    rules(db, ids)
    record(db, ids, ids["enrolments"][0], "PPPPPPAA")  # 6 of 8 = 75 %
    result = one(db, ids)
    assert result.state is CompletionState.ON_TRACK and not result.eligible
    assert result.reasons == ["Waiting for the coordinator's sign-off."]
    assert result.attendance == Fraction(3, 4)
    sign_off(db, ids["enrolments"][0], today=AFTER)
    result = one(db, ids)
    assert result.state is CompletionState.COMPLETED and result.eligible and result.reasons == []
    assert result.signed_off_at is not None


def test_just_below_the_minimum_cannot_complete_with_the_share_in_words(db) -> None:
    ids = build(db)
    rules(db, ids)
    record(db, ids, ids["enrolments"][0], "PPPPPLAA")  # 5.75 of 8 = 71.875 %
    result = one(db, ids)
    assert result.state is CompletionState.CANNOT_COMPLETE
    assert result.reasons == ["Attendance 71.8% of planned sessions; the minimum is 75%."]
    with pytest.raises(ValidationError, match="cannot be signed off yet: Attendance 71.8%"):
        sign_off(db, ids["enrolments"][0], today=AFTER)


def test_cancelled_sessions_do_not_count(db) -> None:
    ids = build(db)
    rules(db, ids)
    with db.session() as s:
        s.get(Session, ids["sessions"][7]).status = "cancelled"
    record(db, ids, ids["enrolments"][0], "PPPPPAP")  # 6 of 7 planned
    assert one(db, ids).attendance == Fraction(6, 7)


def test_midway_the_exact_last_chance_is_at_risk_one_less_cannot_complete(db) -> None:
    ids = build(db, 2)
    rules(db, ids)
    first, second = ids["enrolments"]
    record(db, ids, first, "PAPA")  # 2 of 4 held; best possible (2 + 4) / 8 = 75 %
    record(db, ids, second, "PAAA")  # best possible 5 / 8 = 62.5 %, and nothing of “Relationer”
    a, b = evaluate_cohort(db, ids["cohort"], today=MIDWAY)
    assert a.state is CompletionState.AT_RISK
    assert a.reasons[0] == "Attendance 50% of the sessions held so far; the minimum is 75%."
    assert "4 planned sessions still to come." in a.reasons
    assert b.state is CompletionState.CANNOT_COMPLETE
    assert b.reasons == [
        "Attendance can reach at most 62.5% of planned sessions; the minimum is 75%.",
        "Required module “Relationer” not attended.",
    ]


def test_on_track_midway_says_what_is_outstanding(db) -> None:
    ids = build(db)
    rules(db, ids)
    record(db, ids, ids["enrolments"][0], "PPLP")
    result = one(db, ids, MIDWAY)
    assert result.state is CompletionState.ON_TRACK
    assert result.reasons == ["4 planned sessions still to come."]


def test_sessions_to_be_registered_flag_nobody_and_keep_the_cohort_open(db) -> None:
    ids = build(db, 2)
    rules(db, ids)
    first, second = ids["enrolments"]
    record(db, ids, first, "PPPP", on=MIDWAY)  # sessions 4–7 are over at AFTER but nobody registered them
    record(db, ids, second, "AAAA", on=MIDWAY)  # 0 of 4 held: lost only if the four unregistered count as missed
    a, b = evaluate_cohort(db, ids["cohort"], today=AFTER)
    assert (a.attendance_so_far, a.attendance) == (1, Fraction(1, 2))
    assert a.state is CompletionState.ON_TRACK  # not completed while sessions are to be registered
    assert a.reasons == ["4 sessions are over but their attendance is not registered yet."]
    assert b.state is CompletionState.CANNOT_COMPLETE  # best possible (0 + 4) / 8 = 50 % < 75 %
    assert b.reasons[0] == "Attendance can reach at most 50% of planned sessions; the minimum is 75%."
    rules(db, ids, minimum="0.5")
    b = evaluate_participant(db, second, today=AFTER)
    assert b.state is CompletionState.AT_RISK and "Attendance 0% of the sessions held so far" in b.reasons[0]


# --- required modules, withdrawal ---------------------------------------------------------------------------


def test_a_required_module_missed_is_named(db) -> None:
    ids = build(db)
    rules(db, ids)
    record(db, ids, ids["enrolments"][0], "PPEAPPPP")  # 75 %, but nothing of “Relationer”
    result = one(db, ids)
    assert result.state is CompletionState.CANNOT_COMPLETE
    assert result.reasons == ["Required module “Relationer” not attended."]
    assert result.modules_missing == ("Relationer",)


def test_a_required_module_missed_while_the_cohort_runs_is_a_risk_not_the_end(db) -> None:
    ids = build(db)
    rules(db, ids, minimum="0.5")
    record(db, ids, ids["enrolments"][0], "PPAA")  # “Relationer” is over, four sessions of “Valfri” to come
    result = one(db, ids, MIDWAY)
    assert result.state is CompletionState.AT_RISK
    assert result.reasons[0] == "Required module “Relationer” not attended."


def test_a_module_that_is_no_longer_required_does_not_count(db) -> None:
    ids = build(db)
    save_rules(
        db,
        ids["programme"],
        min_attendance="0.75",
        required_module_ids=[ids["modules"][0]],
        min_journal_entries=0,
        requires_sign_off=False,
    )
    record(db, ids, ids["enrolments"][0], "PPEAPPPP")
    assert one(db, ids).state is CompletionState.COMPLETED  # no sign-off asked for


def test_half_attendance_counts_as_attending_the_module(db) -> None:
    ids = build(db)
    rules(db, ids, minimum="0.5")
    record(db, ids, ids["enrolments"][0], "PAHAPPPA")
    assert one(db, ids).reasons == ["Waiting for the coordinator's sign-off."]


def test_withdrawn_cannot_complete(db) -> None:
    ids = build(db)
    rules(db, ids)
    record(db, ids, ids["enrolments"][0], "PPPPPPPP")
    with db.session() as s:
        enrolment = s.get(Enrolment, ids["enrolments"][0])
        enrolment.status, enrolment.status_since = "withdrawn", date(2026, 2, 20)
    result = one(db, ids)
    assert result.state is CompletionState.CANNOT_COMPLETE
    assert result.reasons == ["Withdrew from the programme on 20 Feb 2026."]


# --- journal entries: a count, only with consent ------------------------------------------------------------


def test_journal_entries_are_counted_only_with_consent(db) -> None:
    ids = build(db, 3)
    rules(db, ids, journal=2)
    for enrolment in ids["enrolments"]:
        record(db, ids, enrolment, "PPPPPPPP")
    shares, short, private = ids["persons"]
    write_journal(db, shares, [date(2026, 1, 10), date(2026, 2, 1), date(2025, 12, 1)])  # one before enrolment
    write_journal(db, short, [date(2026, 1, 10), date(2026, 3, 15)])  # one after the cohort ended
    write_journal(db, private, [date(2026, 1, 10), date(2026, 1, 11), date(2026, 1, 12)])
    with db.session() as s:
        for enrolment in ids["enrolments"][:2]:
            s.get(Enrolment, enrolment).journal_count_visible = True
    a, b, c = evaluate_cohort(db, ids["cohort"], today=AFTER)
    assert (a.journal_entries, a.state) == (2, CompletionState.ON_TRACK)
    assert (b.journal_entries, b.state) == (1, CompletionState.CANNOT_COMPLETE)
    assert b.reasons == ["1 journal entry written of 2 needed."]
    assert c.journal_entries is None and c.state is CompletionState.AT_RISK
    assert c.reasons == ["The journal entries cannot be counted: the participant has not allowed it; 2 are needed."]


def test_behind_the_journal_pace_midway_is_at_risk(db) -> None:
    ids = build(db, 2)
    rules(db, ids, journal=4)  # half the sessions held: two entries expected by now
    for enrolment in ids["enrolments"]:
        record(db, ids, enrolment, "PPPP")
    write_journal(db, ids["persons"][0], [date(2026, 1, 6), date(2026, 1, 20)])
    write_journal(db, ids["persons"][1], [date(2026, 1, 6)])
    with db.session() as s:
        for enrolment in ids["enrolments"]:
            s.get(Enrolment, enrolment).journal_count_visible = True
    on_pace, behind = evaluate_cohort(db, ids["cohort"], today=MIDWAY)
    assert on_pace.state is CompletionState.ON_TRACK
    assert "2 journal entries written of 4 needed." in on_pace.reasons
    assert behind.state is CompletionState.AT_RISK
    assert behind.reasons[0] == "1 journal entry written of 4 needed."


def test_completion_never_reads_journal_content(db) -> None:
    ids = build(db)
    rules(db, ids, journal=1)
    write_journal(db, ids["persons"][0], [date(2026, 1, 10)])
    with db.session() as s:
        s.get(Enrolment, ids["enrolments"][0]).journal_count_visible = True
    blobs = {c.name for c in JournalEntry.__table__.columns if isinstance(c.type, LargeBinary)}
    statements: list[str] = []

    def remember(conn, cursor, statement, *args) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", remember)
    try:
        evaluate_cohort(db, ids["cohort"], today=AFTER)
    finally:
        event.remove(db.engine, "before_cursor_execute", remember)
    touching = [sql for sql in statements if "journal_entry" in sql]
    assert touching, "the count must come from the journal table"
    for sql in touching:
        assert not any(f"journal_entry.{blob}" in sql for blob in blobs), sql


# --- rules and sign-off -------------------------------------------------------------------------------------


def test_rules_are_saved_together_and_refused_together(db) -> None:
    ids = build(db)
    before = read_rules(db, ids["programme"])
    assert (before.min_journal_entries, before.requires_sign_off) == (0, True)  # the defaults without a row
    rules(db, ids, journal=3, minimum="0.8")
    after = read_rules(db, ids["programme"])
    assert after.min_attendance == Decimal("0.8") and after.min_journal_entries == 3
    assert after.required_module_ids == tuple(ids["modules"][:2])
    for bad in ({"minimum": "1.5"}, {"journal": -1}):
        with pytest.raises(ValidationError):
            rules(db, ids, **{"journal": 9, "minimum": "0.5", **bad})
    assert read_rules(db, ids["programme"]) == after
    with pytest.raises(Forbidden):
        save_rules(
            db,
            ids["programme"],
            min_attendance="0.5",
            required_module_ids=[],
            min_journal_entries=0,
            requires_sign_off=False,
            actor=Actor.participant(ids["persons"][0]),
        )


def test_sign_off_records_the_coordinator_and_can_be_withdrawn(db) -> None:
    ids = build(db)
    rules(db, ids)
    with db.session() as s:
        coordinator = Person(first_name="Ingrid", last_name="Solberg")
        s.add(coordinator)
        s.flush()
        s.add(RoleAssignment(person_id=coordinator.id, role="coordinator"))
    record(db, ids, ids["enrolments"][0], "PPPP", on=MIDWAY)
    with pytest.raises(ValidationError, match="cannot be signed off yet"):
        sign_off(db, ids["enrolments"][0], today=MIDWAY)
    record(db, ids, ids["enrolments"][0], "....PPPP")
    sign_off(db, ids["enrolments"][0], today=AFTER)
    assert one(db, ids).signed_off_by == "Ingrid Solberg"
    with pytest.raises(ValidationError, match="already signed off"):
        sign_off(db, ids["enrolments"][0], today=AFTER)
    withdraw_sign_off(db, ids["enrolments"][0])
    with db.read() as s:
        assert s.scalar(select(CompletionSignOff.id)) is None
    assert one(db, ids).state is CompletionState.ON_TRACK


def test_participants_see_only_their_own_completion(db) -> None:
    ids = build(db, 2)
    me = Actor.participant(ids["persons"][0])
    assert [r.enrolment_id for r in evaluate_cohort(db, ids["cohort"], today=AFTER, actor=me)] == ids["enrolments"][:1]
    with pytest.raises(Forbidden):
        evaluate_participant(db, ids["enrolments"][1], today=AFTER, actor=me)
    with pytest.raises(Forbidden):
        sign_off(db, ids["enrolments"][0], actor=me)


