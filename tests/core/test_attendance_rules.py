"""One definition per rule: the attendance rules and their SQL twin agree on random registers in a real database,
one formatter shows every share (rounded down), one check guards the minimum, and on the demo every place that
shows a participant's attendance shows the same figure (no Qt)."""

from __future__ import annotations

import ast
import csv
import dataclasses
import itertools
import shutil
import subprocess
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select

from tillitsleder import clock
from tillitsleder.attendance import rules_sql
from tillitsleder.attendance.export import export_register
from tillitsleder.attendance.register import load_register, sessions_to_register
from tillitsleder.attendance.rules import clean_min_attendance
from tillitsleder.completion.evaluation import evaluate_cohort
from tillitsleder.completion.rules import save_rules
from tillitsleder.curriculum import ProgrammeData, create_programme, get_programme, update_programme
from tillitsleder.errors import ValidationError
from tillitsleder.i18n import floor_share, format_share, set_language
from tillitsleder.lists.areas import ENROLMENTS
from tillitsleder.lists.tables import fetch_rows, format_cell
from tillitsleder.model import Attendance, AttendanceStatus, Cohort, Enrolment, Municipality, Person, Programme, Session

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
WEIGHTS = (Decimal("0"), Decimal("0.5"), Decimal("1"), Decimal("0.75"), Decimal("0.333"))
KINDS = ("held", "over", "to_come", "cancelled")  # "over": planned and ended, i.e. to be registered
ENROLMENT_STATUSES = ("active", "on_leave", "withdrawn", "completed")
_serial = itertools.count()


# --- the SQL twin and the Python rules agree ----------------------------------------------------------------


def write_register(db, minimum: Decimal, kinds: list[tuple[str, int]], marks: list[list[int | None]], people) -> int:
    """A programme with the five weights, a cohort, its sessions and cells written straight to the database;
    cells are written at every kind of session (a pre-registered absence, a cell at a session later cancelled)."""
    n = next(_serial)
    with db.session() as s:
        town = Municipality(name=f"Kommune {n}")
        s.add(town)
        s.flush()
        programme = Programme(
            municipality_id=town.id, name="LUP", start_date=date(2026, 1, 1), end_date=date(2027, 12, 31),
            min_attendance=minimum,
        )  # fmt: skip
        s.add(programme)
        s.flush()
        statuses = [
            AttendanceStatus(programme_id=programme.id, code=f"s{i}", label=f"S{i}", weight=w, position=i)
            for i, w in enumerate(WEIGHTS)
        ]
        cohort = Cohort(programme_id=programme.id, name=f"Kull {n}", start_date=date(2026, 1, 1))
        s.add_all([*statuses, cohort])
        s.flush()
        sessions = []
        for i, (kind, minutes) in enumerate(kinds):
            # Held and "over" sessions end at or before NOW (0 minutes: exactly at NOW), the others after it.
            past = kind in ("held", "over")
            ends = NOW - timedelta(minutes=minutes) if past else NOW + timedelta(minutes=1 + minutes)
            status = {"held": "held", "cancelled": "cancelled"}.get(kind, "planned")
            sessions.append(
                Session(
                    cohort_id=cohort.id, title=f"Samling {i}", session_type="temasamling", status=status,
                    starts_at=ends - timedelta(hours=3), ends_at=ends, ical_uid=f"uid-{n}-{i}",
                )  # fmt: skip
            )
        s.add_all(sessions)
        s.flush()
        for p, (row, enrolment_status) in enumerate(zip(marks, people, strict=False)):
            person = Person(first_name="Deltaker", last_name=f"Nr {n}-{p}")
            s.add(person)
            s.flush()
            enrolment = Enrolment(
                cohort_id=cohort.id, person_id=person.id, status=enrolment_status,
                status_since=date(2026, 1, 1), enrolled_on=date(2026, 1, 1),
            )  # fmt: skip
            s.add(enrolment)
            s.flush()
            cells = [
                {"enrolment_id": enrolment.id, "session_id": session.id, "status_id": statuses[mark].id}
                for session, mark in zip(sessions, row, strict=False)
                if mark is not None
            ]
            if cells:
                s.execute(insert(Attendance), cells)
        return cohort.id


def shown(share: Fraction | None) -> Decimal | None:
    return floor_share(share) if share is not None else None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    minimum=st.integers(0, 1000).map(lambda n: Decimal(n) / 1000),
    kinds=st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 3)), max_size=12),
    marks=st.lists(st.lists(st.one_of(st.none(), st.integers(0, len(WEIGHTS) - 1)), min_size=12, max_size=12),
                   min_size=1, max_size=4),  # fmt: skip
    people=st.lists(st.sampled_from(ENROLMENT_STATUSES), min_size=4, max_size=4),
)
def test_the_sql_twin_and_the_rules_agree_on_random_registers(db, minimum, kinds, marks, people) -> None:
    cohort = write_register(db, minimum, kinds, marks, people)
    register = load_register(db, cohort, now=NOW)
    column = ENROLMENTS.column("attendance")
    index = ENROLMENTS.columns.index(column)
    listed = {row[-1]: row[index] for row in fetch_rows(db, ENROLMENTS, {"cohort_id": cohort}, limit=100)}
    with db.read() as s:
        twin = {
            row.id: row
            for row in s.execute(
                select(
                    Enrolment.id,
                    rules_sql.attendance_of_planned().label("planned"),
                    rules_sql.cannot_reach_minimum().label("lost"),
                ).where(Enrolment.cohort_id == cohort)
            )
        }
        count = s.scalar(select(rules_sql.to_be_registered_count(NOW)).where(Cohort.id == cohort))
        per_session = dict(
            s.execute(select(Session.id, rules_sql.is_to_be_registered(NOW)).where(Session.cohort_id == cohort)).all()
        )
    # "To be registered": per session and as the cohort's count, in both.
    assert {s.id: s.to_be_registered for s in register.sessions} == {k: bool(v) for k, v in per_session.items()}
    expected_count = sum(kind == "over" for kind, _minutes in kinds)
    assert count == register.to_be_registered == expected_count
    assert ((cohort, register.cohort_name, count) in sessions_to_register(db, now=NOW)) == (count > 0)
    # The shares and the flag, for every participant, exactly as shown.
    counted = [kind for kind, _minutes in kinds if kind != "cancelled"]
    held = [i for i, (kind, _minutes) in enumerate(kinds) if kind == "held"]
    assert len(register.participants) == len(marks)
    for participant in register.participants:
        figures = register.summary(participant.enrolment_id)
        row = marks[int(participant.last_name.split("-")[1])]
        attended = sum((Fraction(WEIGHTS[row[i]]) for i in held if row[i] is not None), Fraction(0))
        assert figures.share_so_far == (attended / len(held) if held else None)  # the plain reference
        assert figures.share_of_planned == (attended / len(counted) if counted else None)
        assert figures.cannot_reach_minimum == (
            bool(counted) and attended + len(counted) - len(held) < minimum * len(counted)
        )
        assert listed[participant.enrolment_id] == shown(figures.share_so_far)  # the Participants list
        assert format_cell(column, listed[participant.enrolment_id]) == format_share(figures.share_so_far)
        assert twin[participant.enrolment_id].planned == shown(figures.share_of_planned)
        assert bool(twin[participant.enrolment_id].lost) == figures.cannot_reach_minimum


# --- one formatter for shares -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("share", "nb", "en"),
    [
        (Decimal("0.7996"), "79,9\xa0%", "79.9%"),  # never "80 %" against a minimum of 80 %
        (0.7996, "79,9\xa0%", "79.9%"),
        (Fraction(2, 3), "66,6\xa0%", "66.6%"),
        (Decimal("0.8"), "80\xa0%", "80%"),
        (Fraction(4, 5), "80\xa0%", "80%"),
        (0.974, "97,4\xa0%", "97.4%"),
        (Fraction(2921, 3000), "97,3\xa0%", "97.3%"),  # 97.366… rounded down, not to 97.4
        (1, "100\xa0%", "100%"),
        (0, "0\xa0%", "0%"),
        (Decimal("0.99999"), "99,9\xa0%", "99.9%"),
    ],
)
def test_format_share_rounds_down_to_one_decimal_in_each_language(share, nb, en) -> None:
    set_language("nb")
    assert format_share(share) == nb
    set_language("en")
    assert format_share(share) == en


def test_format_share_shows_nothing_or_the_placeholder_for_none() -> None:
    assert format_share(None) == "" and format_share(None, "–") == "–"
    assert floor_share(Fraction(7996, 10000)) == Decimal("0.799") and floor_share(0.29) == Decimal("0.29")


def _calls(name: str) -> list[str]:
    """Modules of the app that call ``name`` (an attribute or a plain name), by path."""
    found = []
    for package in ("tillitsleder", "ui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call):
                    called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                    if called == name:
                        found.append(str(path.relative_to(ROOT)))
    return sorted(set(found))


def test_there_is_one_percent_formatter_and_one_writer_of_new_enrolments() -> None:
    assert _calls("format_percent") == ["tillitsleder/i18n.py"]  # Babel's, inside ``format_share``
    assert _calls("percent") == []
    writers = [path for path in _calls("insert") if "demo" not in path]
    enrolment_writers = []
    for path in writers:
        source = (ROOT / path).read_text(encoding="utf-8")
        if "insert(Enrolment)" in source:
            enrolment_writers.append(path)
    assert enrolment_writers == ["tillitsleder/enrolment/cohorts.py"]
    importer = (ROOT / "tillitsleder/enrolment/participant_list/importer.py").read_text(encoding="utf-8")
    assert "insert_enrolments(" in importer


# --- one check for the minimum ------------------------------------------------------------------------------


def test_the_minimum_is_checked_by_one_rule_where_a_programme_is_written_and_where_rules_are_saved(db) -> None:
    assert clean_min_attendance("0.805") == Decimal("0.805")
    data = ProgrammeData(
        name="LUP", start_date=date(2026, 1, 1), end_date=date(2026, 12, 31), municipality_name="Bydel Alna"
    )
    programme = create_programme(db, data)
    for bad, message in (("0.8005", "at most one decimal"), ("1.5", "between 0 and 100"), ("x", "between 0")):
        with pytest.raises(ValidationError, match=message):
            clean_min_attendance(bad)
        with pytest.raises(ValidationError, match=message):
            create_programme(db, dataclasses.replace(data, name="Annen", min_attendance=bad))
        with pytest.raises(ValidationError, match=message):
            update_programme(db, programme, dataclasses.replace(data, min_attendance=bad))
        with pytest.raises(ValidationError, match=message):
            save_rules(db, programme, min_attendance=bad, required_module_ids=[], min_journal_entries=0,
                       requires_sign_off=True)  # fmt: skip
    update_programme(db, programme, dataclasses.replace(data, min_attendance=Decimal("0.805")))
    assert get_programme(db, programme).min_attendance == Decimal("0.805")


# --- end to end: the demo a few days after its day ----------------------------------------------------------



def _overview_figures(pdf: bytes, tmp_path: Path, names: list[str]) -> dict[str, str]:
    """Each participant's attendance so far as the cohort overview PDF prints it (the number before its "%")."""
    path = tmp_path / "overview.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    found: dict[str, str] = {}
    for line in text.splitlines():
        for name in names:
            if line.strip().startswith(name) and "%" in line:
                found[name] = line[: line.rindex("%")].split()[-1]
    return found


def test_every_place_shows_the_same_figure_for_every_participant(demo_db, clock_day: date, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from tillitsleder.reports.progress import ReportKind, ReportRequest, render_report

    set_language("nb")
    with demo_db.read() as s:
        cohort = s.scalar(select(Cohort.id).where(Cohort.end_date > clock_day))
        first_open = s.scalar(
            select(Session.ends_at)
            .where(Session.cohort_id == cohort, Session.status == "planned")
            .order_by(Session.starts_at)
        )
    day = first_open.date() + timedelta(days=2)
    assert day > clock_day  # after the demo's day: the coordinator has not registered that session yet
    with clock.frozen_at(datetime.combine(day, time(10), tzinfo=UTC)):
        register = load_register(demo_db, cohort)
        assert register.to_be_registered == 1
        xlsx = tmp_path / "register.xlsx"
        export_register(demo_db, cohort, xlsx)
        sheet = load_workbook(xlsx).active
        exported = {row[0]: row[-3:-1] for row in sheet.iter_rows(min_row=2, values_only=True)}
        csv_path = tmp_path / "register.csv"
        export_register(demo_db, cohort, csv_path)
        with open(csv_path, encoding="utf-8-sig") as handle:
            csv_rows = {row[0]: row[-3:-1] for row in list(csv.reader(handle, delimiter=";"))[1:]}
        column = ENROLMENTS.column("attendance")
        index = ENROLMENTS.columns.index(column)
        rows = fetch_rows(demo_db, ENROLMENTS, {"cohort_id": cohort}, limit=1000)
        listed = {row[-1]: format_cell(column, row[index]) for row in rows}
        completions = {c.enrolment_id: c for c in evaluate_cohort(demo_db, cohort)}
        pdf = render_report(demo_db, ReportRequest(ReportKind.COHORT, cohort))
    names = [p.name for p in register.participants]
    printed = _overview_figures(pdf, tmp_path, names) if shutil.which("pdftotext") else None
    flagged = 0
    for participant in register.participants:
        figures = register.summary(participant.enrolment_id)
        so_far, of_planned = format_share(figures.share_so_far, "–"), format_share(figures.share_of_planned, "–")
        completion = completions[participant.enrolment_id]
        assert format_share(completion.attendance_so_far, "–") == so_far  # the completion tab and its reasons
        assert format_share(completion.attendance, "–") == of_planned
        assert listed[participant.enrolment_id] == so_far  # the Participants list
        cells = exported[participant.name]
        assert [format_share(Decimal(repr(v)), "–") if v is not None else "–" for v in cells] == [so_far, of_planned]
        assert csv_rows[participant.name] == [
            so_far.replace("\xa0%", ""), of_planned.replace("\xa0%", "")
        ]  # the CSV: the same figure as a number (the heading says "%")
        if printed is not None:
            assert printed[participant.name] == so_far.split("\xa0")[0]  # the cohort overview PDF
        if register.flagged(participant, figures):
            flagged += 1  # completion says why in the same figures: best possible, then the minimum
            best, minimum = format_share(figures.best_possible), format_share(figures.minimum)
            assert best in completion.reasons[0] and minimum in completion.reasons[0]
    assert flagged  # the demo has participants who can no longer reach the minimum
