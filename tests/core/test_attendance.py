"""The attendance register: statuses, loading, writing, the summaries and the exports (no Qt)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import zipfile
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from tillitsleder import clock
from tillitsleder.attendance import register as att
from tillitsleder.attendance.export import export_register, neutralise
from tillitsleder.attendance.register import (
    Register,
    RegisterParticipant,
    RegisterSession,
    StatusInfo,
    load_register,
    set_attendance,
)
from tillitsleder.attendance.rules import SessionState, attendance_figures, weight_milli
from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.i18n import floor_share, set_language
from tillitsleder.model import (
    Attendance,
    AttendanceStatus,
    AuditEvent,
    Cohort,
    Enrolment,
    Municipality,
    Person,
    Programme,
    Session,
)

START = datetime(2026, 1, 5, 8, tzinfo=UTC)
NOW = datetime(2026, 3, 1, tzinfo=UTC)  # sessions 0–7 (weekly from START) are over by then


@pytest.fixture(autouse=True)
def _now():
    """Every test here runs on 1 March 2026 (the clock, not the real date)."""
    with clock.frozen_at(NOW):
        yield


def build(db, names=("Kari Nordmann", "Ola Hansen"), sessions=10, cancelled=(), held=None) -> dict:
    """A programme (minimum 80 %, the default statuses), a cohort with ``names`` and weekly sessions; the ids."""
    with db.session() as s:
        town = Municipality(name="Bydel Nordstrand")
        s.add(town)
        s.flush()
        programme = Programme(
            municipality_id=town.id, name="LUP", start_date=date(2026, 1, 1), end_date=date(2027, 12, 31)
        )
        s.add(programme)
        s.flush()
        cohort = Cohort(programme_id=programme.id, name="Kull 1", start_date=date(2026, 1, 1))
        s.add(cohort)
        s.flush()
        enrolments = []
        for name in names:
            first, last = name.split(" ", 1)
            person = Person(first_name=first, last_name=last)
            s.add(person)
            s.flush()
            enrolment = Enrolment(
                cohort_id=cohort.id, person_id=person.id, status_since=date(2026, 1, 1), enrolled_on=date(2026, 1, 1)
            )
            s.add(enrolment)
            s.flush()
            enrolments.append(enrolment.id)
        session_ids = []
        for i in range(sessions):
            start = START + timedelta(weeks=i)
            status = "cancelled" if i in cancelled else ("held" if held is not None and i < held else "planned")
            meeting = Session(
                cohort_id=cohort.id,
                title=f"Samling {i + 1}",
                session_type="temasamling",
                starts_at=start,
                ends_at=start + timedelta(hours=6),
                status=status,
                ical_uid=f"uid-{i}",
            )
            s.add(meeting)
            s.flush()
            session_ids.append(meeting.id)
    att.ensure_default_statuses(db, programme.id)  # written directly, as another tool might: no statuses yet
    statuses = {status.code: status.id for status in att.list_statuses(db, programme.id)}
    return {
        "programme": programme.id,
        "cohort": cohort.id,
        "enrolments": enrolments,
        "sessions": session_ids,
        **statuses,
    }


# --- statuses ---------------------------------------------------------------------------------------------


def test_a_programme_without_statuses_gets_the_defaults_from_a_write_path_never_from_reading(db) -> None:
    set_language("nb")  # the labels are written in the language in use when the programme is created
    ids = build(db)
    with db.session() as s:
        bare = Programme(
            municipality_id=1, name="Uten statuser", start_date=date(2026, 1, 1), end_date=date(2026, 12, 31)
        )
        s.add(bare)
        s.flush()
        s.add(Cohort(programme_id=bare.id, name="Kull U", start_date=date(2026, 1, 1)))

    def rows() -> tuple[int, int]:
        with db.read() as s:
            return s.scalar(select(func.count(AttendanceStatus.id))), s.scalar(select(func.count(AuditEvent.id)))

    before = rows()
    with db.read() as s:
        cohort = s.scalar(select(Cohort.id).where(Cohort.programme_id == bare.id))
    assert att.list_statuses(db, bare.id) == [] and load_register(db, cohort).statuses == []
    assert rows() == before  # reading wrote nothing
    assert att.ensure_default_statuses(db, bare.id) is True
    statuses = att.list_statuses(db, bare.id)
    assert [(s.code, s.label, s.weight) for s in statuses] == [
        ("present", "Til stede", Decimal("1")),
        ("late", "Forsinket", Decimal("0.75")),
        ("excused", "Gyldig fravær", Decimal("0")),
        ("absent", "Fravær", Decimal("0")),
        ("partial", "Delvis til stede", Decimal("0.5")),
    ]
    assert att.ensure_default_statuses(db, bare.id) is False  # only once
    set_language("en")
    assert [s.label for s in att.list_statuses(db, bare.id)][0] == "Present"  # a default follows the language
    with db.read() as s:  # … while the stored label stays as written
        assert s.scalar(select(AttendanceStatus.label).where(AttendanceStatus.code == "present")) == "Til stede"
    assert len(att.list_statuses(db, ids["programme"])) == 5


def test_editing_a_programme_without_statuses_gives_it_the_defaults(db) -> None:
    from tillitsleder.curriculum import get_programme, update_programme

    with db.session() as s:
        town = Municipality(name="Bydel Alna")
        s.add(town)
        s.flush()
        bare = Programme(municipality_id=town.id, name="LUP", start_date=date(2026, 1, 1), end_date=date(2026, 12, 31))
        s.add(bare)
    update_programme(db, bare.id, get_programme(db, bare.id))
    assert [s.code for s in att.list_statuses(db, bare.id)] == ["present", "late", "excused", "absent", "partial"]


def test_statuses_can_be_added_edited_reordered_and_deleted(db) -> None:
    ids = build(db)
    added = att.add_status(db, ids["programme"], " Digital ", "Deltok digitalt", "0.9")
    assert (added.code, added.weight) == ("digital", Decimal("0.9"))
    edited = att.edit_status(db, added.id, code="remote", label="Deltok på Teams", weight=Decimal("0.8"))
    assert (edited.code, edited.label, edited.weight) == ("remote", "Deltok på Teams", Decimal("0.8"))
    order = [s.id for s in att.list_statuses(db, ids["programme"])][::-1]
    att.reorder_statuses(db, ids["programme"], order)
    assert [s.id for s in att.list_statuses(db, ids["programme"])] == order
    att.delete_status(db, added.id)
    assert added.id not in [s.id for s in att.list_statuses(db, ids["programme"])]
    with db.read() as s:
        actions = list(s.scalars(select(AuditEvent.action).where(AuditEvent.action.like("attendance_status.%"))))
    assert {"attendance_status.added", "attendance_status.edited", "attendance_status.deleted"} <= set(actions)


def test_default_statuses_follow_the_language_until_renamed(db) -> None:
    set_language("nb")
    ids = build(db)  # the defaults are written in Norwegian
    with db.read() as s:
        stored = dict(s.execute(select(AttendanceStatus.code, AttendanceStatus.label)).all())
    assert stored["present"] == "Til stede"
    att.edit_status(db, ids["late"], code="late", label="Kom for seint", weight=Decimal("0.75"))
    set_language("en")
    shown = {status.code: status.label for status in att.list_statuses(db, ids["programme"])}
    assert shown == {
        "present": "Present",
        "late": "Kom for seint",  # the coordinator's own words stay
        "excused": "Excused absence",
        "absent": "Absent",
        "partial": "Partially attended",
    }
    labels = [status.label for status in att.load_register(db, ids["cohort"]).statuses]
    assert labels[:2] == ["Present", "Kom for seint"]
    set_language("nb")
    assert att.list_statuses(db, ids["programme"])[0].label == "Til stede"
    with db.read() as s:  # reading never rewrites the stored labels
        assert dict(s.execute(select(AttendanceStatus.code, AttendanceStatus.label)).all()) == {
            **stored, "late": "Kom for seint"}
    set_language("en")


@pytest.mark.parametrize(
    ("code", "label", "weight", "field"),
    [
        ("", "Til stede", "1", "code"),
        ("1st", "Første", "1", "code"),
        ("a b", "Med mellomrom", "1", "code"),
        ("x" * 33, "For lang", "1", "code"),
        ("present", "Finnes fra før", "1", "code"),
        ("ok", "  ", "1", "label"),
        ("ok", "Over", "1.5", "weight"),
        ("ok", "Under", "-0.1", "weight"),
        ("ok", "Tekst", "mye", "weight"),
        ("ok", "Fire desimaler", "0.1234", "weight"),
    ],
)
def test_invalid_statuses_are_refused(db, code, label, weight, field) -> None:
    ids = build(db)
    with pytest.raises(ValidationError) as caught:
        att.add_status(db, ids["programme"], code, label, weight)
    assert caught.value.fields["field"] == field
    assert len(att.list_statuses(db, ids["programme"])) == 5


def test_a_status_in_use_cannot_be_deleted_and_order_must_be_complete(db) -> None:
    ids = build(db)
    set_attendance(db, ids["cohort"], [(ids["enrolments"][0], ids["sessions"][0], ids["late"])])
    with pytest.raises(ValidationError, match="recorded in 1 register cells"):
        att.delete_status(db, ids["late"])
    assert ids["late"] in [s.id for s in att.list_statuses(db, ids["programme"])]
    with pytest.raises(ValidationError):
        att.reorder_statuses(db, ids["programme"], [ids["present"], ids["late"]])
    with pytest.raises(ValidationError):
        att.edit_status(db, ids["late"], code="present", label="Dobbel", weight=1)


# --- writing the register ---------------------------------------------------------------------------------


def test_set_attendance_writes_updates_and_clears_in_one_transaction(db) -> None:
    ids = build(db)
    a, b = ids["enrolments"]
    s0, s1 = ids["sessions"][:2]
    assert (
        set_attendance(db, ids["cohort"], [(a, s0, ids["present"]), (b, s0, ids["absent"]), (a, s1, ids["late"])]) == 3
    )
    with db.session() as s:  # a note on a cell survives a status change
        s.execute(Attendance.__table__.update().where(Attendance.enrolment_id == a).values(note="Sykt barn"))
    assert set_attendance(db, ids["cohort"], [(a, s0, ids["excused"]), (b, s0, None), (a, s1, ids["late"])]) == 2
    register = load_register(db, ids["cohort"], now=NOW)
    assert register.cells == {(a, s0): ids["excused"], (a, s1): ids["late"]}
    with db.read() as s:
        assert s.scalar(select(Attendance.note).where(Attendance.session_id == s0)) == "Sykt barn"
        events = list(s.scalars(select(AuditEvent.detail).where(AuditEvent.action == "attendance.recorded")))
    assert json.loads(events[-1]) == {"sessions": [s0, s1], "recorded": 1, "cleared": 1}


def test_set_attendance_refuses_everything_if_one_cell_is_wrong(db) -> None:
    ids = build(db, cancelled=(2,))
    other = build_other_cohort(db, ids)
    a = ids["enrolments"][0]
    good = (a, ids["sessions"][0], ids["present"])
    cases = {
        "cancelled": (a, ids["sessions"][2], ids["present"]),
        "session": (a, other["session"], ids["present"]),
        "enrolment": (other["enrolment"], ids["sessions"][0], ids["present"]),
        "status": (a, ids["sessions"][1], 999_999),
    }
    for field, bad in cases.items():
        with pytest.raises(ValidationError) as caught:
            set_attendance(db, ids["cohort"], [good, bad])
        assert caught.value.fields["field"] == ("session" if field == "cancelled" else field)
    with db.read() as s:
        assert s.scalar(select(func.count(Attendance.id))) == 0
    with pytest.raises(NotFound):
        set_attendance(db, 999_999, [good])


def build_other_cohort(db, ids) -> dict:
    with db.session() as s:
        cohort = Cohort(programme_id=ids["programme"], name="Kull 2", start_date=date(2026, 1, 1))
        person = Person(first_name="Per", last_name="Annen")
        s.add_all([cohort, person])
        s.flush()
        enrolment = Enrolment(
            cohort_id=cohort.id, person_id=person.id, status_since=date(2026, 1, 1), enrolled_on=date(2026, 1, 1)
        )
        meeting = Session(
            cohort_id=cohort.id,
            title="Annen",
            session_type="fagdag",
            starts_at=START,
            ends_at=START + timedelta(hours=2),
            ical_uid="uid-other",
        )
        s.add_all([enrolment, meeting])
        s.flush()
        return {"enrolment": enrolment.id, "session": meeting.id}


# --- loading and summarising ------------------------------------------------------------------------------


def test_register_summaries_and_the_at_risk_list(db) -> None:
    ids = build(db, sessions=10, cancelled=(9,))  # 9 planned sessions count; 8 are over at NOW
    kari, ola = ids["enrolments"]
    changes = [(kari, sid, ids["present"]) for sid in ids["sessions"][:8]]
    # Ola: absent 2, late 1, partial 1 of 8 held: 1 of the 9 left; best = (4.25 + 1) / 9 < 0.8.
    codes = ["absent", "absent", "late", "partial", "present", "present", "present", "present"]
    changes += [(ola, sid, ids[code]) for sid, code in zip(ids["sessions"][:8], codes, strict=True)]
    set_attendance(db, ids["cohort"], changes)  # recording marks the eight sessions held
    register = load_register(db, ids["cohort"], now=NOW)
    assert [p.name for p in register.participants] == ["Ola Hansen", "Kari Nordmann"]  # by last name
    assert [s.held for s in register.sessions] == [True] * 8 + [False, False]
    assert register.sessions[-1].cancelled and register.sessions[-2].state is SessionState.TO_COME
    good, bad = register.summary(kari), register.summary(ola)
    assert (good.held, good.planned) == (8, 9)
    assert good.share_so_far == 1 and good.share_of_planned == Fraction(8, 9)
    assert not good.cannot_reach_minimum
    assert bad.attended == Fraction("5.25") and bad.best_possible == Fraction("6.25") / 9
    assert bad.cannot_reach_minimum
    assert [p.enrolment_id for p in att.at_risk_participants(db, ids["cohort"], now=NOW)] == [ola]


def test_recording_marks_a_session_that_has_begun_held_and_nothing_else(db) -> None:
    ids = build(db, sessions=10)
    kari = ids["enrolments"][0]
    s0, s1, s8 = ids["sessions"][0], ids["sessions"][1], ids["sessions"][8]
    assert load_register(db, ids["cohort"]).to_be_registered == 8
    set_attendance(db, ids["cohort"], [(kari, s0, ids["present"]), (kari, s1, None), (kari, s8, ids["excused"])])
    register = load_register(db, ids["cohort"])
    states = {s.id: s.state for s in register.sessions}
    assert states[s0] is SessionState.HELD  # recorded, and begun
    assert states[s1] is SessionState.TO_BE_REGISTERED  # only cleared: still to be registered
    assert states[s8] is SessionState.TO_COME  # an absence registered in advance does not hold the session
    assert register.to_be_registered == 7
    # The excused absence at the session to come does not count; the one held session does.
    assert register.summary(kari).share_so_far == 1 and register.summary(kari).share_of_planned == Fraction(1, 10)
    with db.read() as s:
        assert s.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "session.held")) == 1
    copy = load_register(db, ids["cohort"])
    assert copy.apply([(kari, s1, ids["late"])]) is True and copy.sessions[1].held
    assert copy.apply([(kari, s8, ids["late"])]) is False and not copy.sessions[8].held


def test_the_register_loads_in_a_few_queries(db) -> None:
    from sqlalchemy import event

    ids = build(db, names=[f"Navn{i} Etternavn{i}" for i in range(30)], sessions=12)
    set_attendance(db, ids["cohort"], [(e, s, ids["present"]) for e in ids["enrolments"] for s in ids["sessions"]])
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    register = load_register(db, ids["cohort"])
    assert len(register.cells) == 360
    assert len([q for q in statements if q.lstrip().upper().startswith("SELECT")]) <= 6


def reference(weights: list[Fraction | None], held: int, minimum: Fraction) -> tuple[bool, Fraction | None]:
    """The rule written out plainly: attend every remaining session fully — still below the minimum?"""
    if not weights:
        return False, None
    done = sum((w or Fraction(0) for w in weights[:held]), Fraction(0))
    best = (done + (len(weights) - held)) / len(weights)
    return best < minimum, best


WEIGHTS = [Decimal("1"), Decimal("0.75"), Decimal("0"), Decimal("0.5"), Decimal("0.333")]


def milli(weight: Decimal | None) -> int | None:
    return weight_milli(weight) if weight is not None else None


@settings(max_examples=300, deadline=None)
@given(
    cells=st.lists(st.one_of(st.none(), st.sampled_from(WEIGHTS)), min_size=0, max_size=40),
    cancelled=st.sets(st.integers(0, 39)),
    unregistered=st.integers(0, 3),
    minimum=st.sampled_from([Decimal("0"), Decimal("0.5"), Decimal("0.8"), Decimal("0.875"), Decimal("1")]),
)
def test_the_flag_flips_exactly_when_the_last_chance_is_lost(cells, cancelled, unregistered, minimum) -> None:
    """Hold the sessions one by one: the flag matches the reference at every step and never goes back; the
    sessions over but not registered yet count as still attainable, so they never flag anyone."""
    kept = [w for i, w in enumerate(cells) if i not in cancelled]
    flagged_before = False
    for held in range(len(cells) + 1):
        states = [
            SessionState.CANCELLED
            if i in cancelled
            else SessionState.HELD
            if i < held
            else SessionState.TO_BE_REGISTERED
            if i < held + unregistered
            else SessionState.TO_COME
            for i in range(len(cells))
        ]
        figures = attendance_figures([(state, milli(w)) for state, w in zip(states, cells, strict=True)], minimum)
        held_kept = sum(1 for i in range(held) if i not in cancelled)
        expected, best = reference([Fraction(w) if w is not None else None for w in kept], held_kept, Fraction(minimum))
        assert figures.cannot_reach_minimum == expected
        assert figures.best_possible == best
        assert figures.held == held_kept and figures.planned == len(kept)
        assert not (flagged_before and not figures.cannot_reach_minimum)  # once lost, lost
        flagged_before = figures.cannot_reach_minimum


@given(cells=st.lists(st.tuples(st.sampled_from(SessionState), st.one_of(st.none(), st.sampled_from(WEIGHTS)))))
def test_the_shares_match_a_plain_computation(cells) -> None:
    figures = attendance_figures([(state, milli(w)) for state, w in cells], Decimal("0.8"))
    counted = [(state, Fraction(w or 0)) for state, w in cells if state is not SessionState.CANCELLED]
    held = [w for state, w in counted if state is SessionState.HELD]
    assert figures.share_so_far == (sum(held) / len(held) if held else None)
    assert figures.share_of_planned == (sum(held) / len(counted) if counted else None)
    assert figures.to_be_registered == sum(state is SessionState.TO_BE_REGISTERED for state, _w in cells)


def test_register_apply_and_flagged_ignore_those_who_left() -> None:
    statuses = [
        StatusInfo(1, 1, "present", "Til stede", Decimal(1), 0),
        StatusInfo(2, 1, "absent", "Fravær", Decimal(0), 1),
    ]
    sessions = [RegisterSession(i, f"S{i}", START, START, "held", SessionState.HELD) for i in range(4)]
    people = [RegisterParticipant(1, "A", "A", "active"), RegisterParticipant(2, "B", "B", "withdrawn")]
    register = Register(1, "K", 1, "Europe/Oslo", Decimal("0.8"), statuses, people, sessions)
    register.apply([(1, 0, 2), (2, 0, 2), (1, 1, 1)])
    register.apply([(1, 1, None)])
    assert register.cells == {(1, 0): 2, (2, 0): 2}
    assert register.flagged(people[0]) and not register.flagged(people[1])
    assert register.summary(2).cannot_reach_minimum


# --- exports ----------------------------------------------------------------------------------------------

HOSTILE = ('=HYPERLINK("http://x","klikk") Ola', "+4791234567 Kari", "-1 Per", "@SUM(A1) Lise")


def hostile_register(db) -> dict:
    ids = build(db, names=HOSTILE, sessions=4, cancelled=(3,))
    set_attendance(
        db,
        ids["cohort"],
        [(e, s, ids["present"]) for e in ids["enrolments"] for s in ids["sessions"][:2]]
        + [(ids["enrolments"][0], ids["sessions"][2], ids["partial"])],
    )
    return ids


def test_neutralise() -> None:
    assert [neutralise(t) for t in ("=1+1", "+47", "-1", "@SUM", "\tx", "\rx", "Ola", "")] == [
        "'=1+1", "'+47", "'-1", "'@SUM", "'\tx", "'\rx", "Ola", "",
    ]  # fmt: skip


def test_xlsx_export_reads_back_names_as_written_in_string_cells(db, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    ids = hostile_register(db)
    path = tmp_path / "register.xlsx"
    register = export_register(db, ids["cohort"], path)
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Participant" and rows[0][2].endswith("Samling 1") and rows[0][5].endswith("(cancelled)")
    assert rows[0][-3:] == ("Attended so far (%)", "Attended of all planned (%)", "Cannot reach the minimum")
    names = [row[0] for row in rows[1:]]
    assert sorted(names) == sorted(HOSTILE)  # no apostrophe: a string cell is never a formula
    assert all(sheet.cell(row=r, column=1).data_type == "s" for r in range(2, len(rows) + 1))
    for row, participant in zip(rows[1:], register.participants, strict=True):
        expected = [register.status(register.cell(participant.enrolment_id, s.id)) for s in register.sessions]
        assert [c or "" for c in row[2:6]] == [s.label if s else "" for s in expected]
        figures = register.summary(participant.enrolment_id)  # the figures rounded down to 0.1 %, as shown
        shown = (floor_share(figures.share_so_far), floor_share(figures.share_of_planned))
        assert (row[6], row[7]) == tuple(float(share) for share in shown)
        assert sheet.cell(row=2, column=7).number_format == "0.0%"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert sheet.freeze_panes == "C2"
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere in the file


def test_csv_export_is_excel_friendly(db, tmp_path: Path) -> None:
    ids = hostile_register(db)
    path = tmp_path / "register.csv"
    export_register(db, ids["cohort"], path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert len(rows) == 5 and all(len(row) == len(rows[0]) for row in rows)
    assert sorted(row[0] for row in rows[1:]) == sorted("'" + name for name in HOSTILE)
    first = next(row for row in rows if row[0].startswith("'=HYPERLINK"))
    assert first[2:6] == ["Present", "Present", "Partially attended", ""]
    assert first[6] == "83.3" and first[7] == "83.3"  # (1 + 1 + 0.5) / 3 held, 3 planned: 83.33… rounded down
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_export_refuses_unknown_formats_and_leaves_nothing(db, tmp_path: Path) -> None:
    ids = build(db)
    with pytest.raises(ValidationError, match=r"\.xlsx or \.csv"):
        export_register(db, ids["cohort"], tmp_path / "register.ods")
    assert list(tmp_path.iterdir()) == [] or all(p.suffix != ".ods" for p in tmp_path.iterdir())


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tillitsleder", "--lang", "en", *args], capture_output=True, text=True, timeout=60
    )


def test_cli_exports_attendance_by_cohort_name(db, db_target: str, tmp_path: Path) -> None:
    hostile_register(db)
    db.close()
    out = tmp_path / "kull.csv"
    done = run_cli("export", "attendance", "--cohort", "kull 1", "-o", str(out), "--db", db_target)
    assert done.returncode == 0, done.stderr
    assert "4 participants" in done.stdout and out.read_bytes().startswith(b"\xef\xbb\xbf")
    wrong = run_cli("export", "attendance", "--cohort", "1", "-o", str(tmp_path / "x.pdf"), "--db", db_target)
    assert wrong.returncode != 0 and "must end in .xlsx or .csv" in wrong.stderr and "Traceback" not in wrong.stderr
    missing = run_cli("export", "attendance", "--cohort", "Kull 9", "-o", str(out), "--db", db_target)
    assert missing.returncode != 0 and "no cohort" in missing.stderr and "Traceback" not in missing.stderr


@settings(max_examples=150, deadline=None)
@given(
    kinds=st.lists(st.sampled_from(["held", "planned", "cancelled"]), max_size=25),
    marks=st.lists(st.lists(st.one_of(st.none(), st.integers(0, 4)), min_size=25, max_size=25), min_size=1, max_size=5),
    enrolment=st.sampled_from(["active", "on_leave", "withdrawn", "completed"]),
)
def test_register_summaries_match_the_reference_for_random_registers(kinds, marks, enrolment) -> None:
    statuses = [StatusInfo(10 + i, 1, f"s{i}", f"S{i}", w, i) for i, w in enumerate(WEIGHTS)]
    states = {"held": SessionState.HELD, "planned": SessionState.TO_COME, "cancelled": SessionState.CANCELLED}
    sessions = [RegisterSession(i, f"S{i}", START, START, k, states[k]) for i, k in enumerate(kinds)]
    people = [RegisterParticipant(p, "A", f"B{p}", enrolment) for p in range(len(marks))]
    cells = {
        (p, i): 10 + mark
        for p, row in enumerate(marks)
        for i, mark in enumerate(row[: len(kinds)])
        if mark is not None and kinds[i] != "cancelled"
    }
    register = Register(1, "K", 1, "Europe/Oslo", Decimal("0.8"), statuses, people, sessions, cells)
    for person in people:
        counted = [(k, cells.get((person.enrolment_id, i))) for i, k in enumerate(kinds) if k != "cancelled"]
        held = [Fraction(WEIGHTS[sid - 10]) if sid else Fraction(0) for k, sid in counted if k == "held"]
        figures = register.summary(person.enrolment_id)
        lost = bool(counted) and (sum(held) + len(counted) - len(held)) / len(counted) < Fraction(8, 10)
        assert figures.cannot_reach_minimum == lost
        assert register.flagged(person) == (lost and enrolment in ("active", "on_leave"))
        assert figures.attended == sum(held)  # cells at sessions not held do not count
