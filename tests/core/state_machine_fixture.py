"""The small world the core state machine (``test_core_state_machine``) runs in, built once per test run.

One programme of a municipality with two departments and three units, two modules (one required), two cohorts
with a few weekly sessions around ``T0``, made through the services (departments and units directly: no service
makes them, HR lists name them); each example copies the file. Also the participant lists the machine imports,
written as real CSV and Excel files.
"""

from __future__ import annotations

import atexit
import csv
import functools
import io
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import openpyxl
from hypothesis import strategies as st
from state_machine_model import PersonState, SessionRecord

from tillitsleder import clock
from tillitsleder.attendance.register import list_statuses
from tillitsleder.curriculum import ProgrammeData, create_programme
from tillitsleder.curriculum.modules import add_module
from tillitsleder.curriculum.values import ModuleData
from tillitsleder.enrolment.cohorts import create_cohort
from tillitsleder.model import Department, Programme, Unit
from tillitsleder.model import Session as SessionRow
from tillitsleder.sessions.scheduling import SessionPlan, schedule_session
from tillitsleder.storage import open_database

T0 = datetime(2026, 3, 2, 12, tzinfo=UTC)  # a Monday, noon; a week passes at a time, sessions are on Wednesdays
LAST_DAY = T0 + timedelta(weeks=3)  # every session is over by then
# Weeks (from T0) of each cohort's sessions; the marked ones belong to the required module.
SESSIONS = {"Kull A": ((-1, False), (0, True), (1, False)), "Kull B": ((-1, True), (1, False))}
UNITS = {"Oppvekst": ("Sentrum skole", "Nordbyen barnehage"), "Helse": ("Legevakta",)}
HEADERS = {
    "nb": ["Fornavn", "Etternavn", "E-post", "Ansattnummer", "Enhet"],
    "sv": ["Förnamn", "Efternamn", "E-post", "Anställningsnummer", "Enhet"],
    "en": ["First name", "Last name", "E-mail", "Employee number", "Unit"],
}
NAME = (
    st.text("abcdefghijklmnopqrstuvwxyzæøåäöéšABCDEFGHIJKLMNOPRSTUVWYÆØÅÄÖČŊ-' ", min_size=1, max_size=14)
    .map(str.strip)
    .filter(bool)
)
# Each example's database lives in memory-backed /dev/shm where there is one (a real file system, but commits and
# backups do not wait for a disk); elsewhere in the temporary folder.
SCRATCH = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None


# --- the fixture: one small programme, built once per test run through the services ---------------------------


@dataclass(frozen=True)
class Fixture:
    path: Path
    programme: int
    required_module: int
    cohorts: tuple[int, ...]
    sessions: tuple[SessionRecord, ...]
    weights: dict[int, int]  # status id → thousandths
    present: int  # the status id of "present"
    units: dict[str, int]  # unit name → id


@functools.cache
def template() -> Fixture:
    """A migrated database with a programme (two modules, one required), two cohorts and their sessions."""
    folder = Path(tempfile.mkdtemp(prefix="core-machine-template-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "template.sqlite3"
    with clock.frozen_at(T0):
        db = open_database(path)
        try:
            data = ProgrammeData("Tillitsbasert ledelse", date(2026, 1, 1), date(2026, 12, 31),
                                 municipality_name="Tromsø kommune")  # fmt: skip
            programme = create_programme(db, data)
            required = add_module(db, programme, ModuleData("Tillit og relasjoner", required=True))
            optional = add_module(db, programme, ModuleData("Endringsledelse", required=False))
            units = {}
            with db.session() as s:  # no service creates departments and units: HR lists name them
                municipality = s.get(Programme, programme).municipality_id
                for department_name, unit_names in UNITS.items():
                    department = Department(municipality_id=municipality, name=department_name)
                    s.add(department)
                    s.flush()
                    for unit_name in unit_names:
                        unit = Unit(department_id=department.id, name=unit_name)
                        s.add(unit)
                        s.flush()
                        units[unit_name] = unit.id
            cohorts, sessions = [], []
            for name, plan in SESSIONS.items():
                cohort = create_cohort(db, programme, name, date(2026, 1, 1))
                cohorts.append(cohort)
                for week, in_required in plan:
                    day = T0.date() + timedelta(days=2 + 7 * week)
                    module = required if in_required else optional
                    (session_id,) = schedule_session(
                        db, SessionPlan(cohort, day, time(9), time(12), module_id=module)
                    ).session_ids
                    with db.read() as s:
                        row = s.get(SessionRow, session_id)
                        sessions.append(SessionRecord(session_id, cohort, row.starts_at, row.ends_at, in_required))
            statuses = list_statuses(db, programme)
        finally:
            db.close()
    weights = {status.id: int(status.weight * 1000) for status in statuses}
    present = next(status.id for status in statuses if status.code == "present")
    return Fixture(path, programme, required, tuple(cohorts), tuple(sessions), weights, present, units)


def write_list(folder: Path, kind: str, rows: list[list[str]], serial: int) -> Path:
    """A participant list as a real file: ``kind`` is ``xlsx``, ``csv;`` (UTF-8) or ``csv,`` (UTF-8 with BOM)."""
    if kind == "xlsx":
        path = folder / f"list-{serial}.xlsx"
        workbook = openpyxl.Workbook()
        for row in rows:
            workbook.active.append(row)
        workbook.save(path)
        return path
    path = folder / f"list-{serial}.csv"
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=kind[-1], lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig" if kind == "csv," else "utf-8"))
    return path


def faulty_rows(fault: str | None, serial: int, enrolled: PersonState | None) -> list[list[str]]:
    """Rows with one kind of problem, which makes the whole import refused (``None``: no such rows). "enrolled":
    someone already in the cohort (``enrolled``; without one, an unknown unit instead)."""
    if fault == "enrolled" and enrolled is not None:
        return [[enrolled.first_name, enrolled.last_name, enrolled.email or "", "", ""]]
    if fault in ("enrolled", "unit"):
        return [["Ukjent", "Enhet", f"u{serial}@example.no", "", "Finnes ikke"]]
    if fault == "email":
        return [["Feil", "Adresse", f"ikke-en-adresse-{serial}", "", ""]]
    if fault == "name":
        return [["Uten", "", f"n{serial}@example.no", "", ""]]
    if fault == "twice":  # the same address twice, in other letter case
        return [["To", "Ganger", f"t{serial}@example.no", "", ""], ["Tre", "Ganger", f"T{serial}@example.no", "", ""]]
    return []
