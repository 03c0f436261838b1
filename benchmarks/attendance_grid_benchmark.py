"""Attendance grid benchmark: 400 participants × 60 sessions, against a bare ``QTableView`` in the same run.

    QT_QPA_PLATFORM=offscreen python benchmarks/attendance_grid_benchmark.py [--repaints 50] [--runs 3]

Builds a database with a cohort of 400 participants, 60 sessions and a status in every held cell, then measures
(medians of ``--runs``): loading the register (``load_register``) and building the grid's model, against
fetching the same cells with the bare ``sqlite3`` module; and ``--repaints`` full repaints of the grid view
of the register widget's grid and totals while scrolling (a step down and right each time, ``repaint()`` forces
the paint), against the same over a bare ``QTableView`` (same size, row height and column width) whose model
returns a constant string. Prints the times and the ratios. Timings on shared machines
are noisy: a script to read, not a test that fails.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _timing import timed  # noqa: E402
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView  # noqa: E402

PARTICIPANTS = 400
SESSIONS = 60


def build_database(path: Path) -> int:
    """A cohort of 400 × 60 with attendance in every held session; returns the cohort id."""
    from sqlalchemy import insert

    from tillitsleder import clock
    from tillitsleder.attendance.register import ensure_default_statuses, list_statuses
    from tillitsleder.model import Attendance, Cohort, Enrolment, Municipality, Person, Programme, Session
    from tillitsleder.storage import open_database

    rng = random.Random(2017)
    db = open_database(path)
    with db.session() as s:
        town = Municipality(name="Bydel Nordstrand")
        s.add(town)
        s.flush()
        programme = Programme(
            municipality_id=town.id, name="LUP", start_date=date(2025, 1, 1), end_date=date(2027, 12, 31)
        )
        s.add(programme)
        s.flush()
        cohort = Cohort(programme_id=programme.id, name="Kull stor", start_date=date(2025, 1, 1))
        s.add(cohort)
        s.flush()
        ids = (programme.id, cohort.id)
    ensure_default_statuses(db, ids[0])  # written directly: reading the statuses no longer creates them
    statuses = [status.id for status in list_statuses(db, ids[0])]
    now = clock.now()
    start = now - timedelta(weeks=40)
    with db.session() as s:
        people = [{"first_name": f"Fornavn{i}", "last_name": f"Etternavn{i:03d}"} for i in range(PARTICIPANTS)]
        person_ids = s.scalars(insert(Person).returning(Person.id), people).all()
        enrolments = [
            {"cohort_id": ids[1], "person_id": pid, "status_since": date(2025, 1, 1), "enrolled_on": date(2025, 1, 1)}
            for pid in person_ids
        ]
        enrolment_ids = s.scalars(insert(Enrolment).returning(Enrolment.id), enrolments).all()
        sessions = []
        for i in range(SESSIONS):
            begins = start + timedelta(weeks=i)
            sessions.append({
                "cohort_id": ids[1], "title": f"Samling {i + 1}", "session_type": "temasamling",
                "starts_at": begins, "ends_at": begins + timedelta(hours=6),
                "status": "held" if begins < now else "planned", "ical_uid": f"bench-{i}",
            })  # fmt: skip
        session_ids = s.scalars(insert(Session).returning(Session.id), sessions).all()
        held = [sid for sid, row in zip(session_ids, sessions, strict=True) if row["status"] == "held"]
        cells = [
            {"enrolment_id": e, "session_id": sid, "status_id": rng.choices(statuses, (80, 6, 6, 4, 4))[0]}
            for e in enrolment_ids
            for sid in held
        ]
        s.execute(insert(Attendance), cells)
    db.close()
    return ids[1]


class BareModel(QAbstractTableModel):
    def __init__(self, rows: int, columns: int) -> None:
        super().__init__()
        self.rows, self.columns = rows, columns

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return self.rows

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return self.columns

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return "Pr" if role == Qt.ItemDataRole.DisplayRole else None


def raw_fetch(path: Path, cohort_id: int) -> list[list[int | None]]:
    """The baseline for loading: the same cells with the ``sqlite3`` module, into a participants × sessions list."""
    connection = sqlite3.connect(path)
    try:
        people = [r[0] for r in connection.execute("SELECT id FROM enrolment WHERE cohort_id = ?", (cohort_id,))]
        sessions = [
            r[0]
            for r in connection.execute("SELECT id FROM session WHERE cohort_id = ? ORDER BY starts_at", (cohort_id,))
        ]
        cells = {
            (e, s): status
            for e, s, status in connection.execute(
                "SELECT a.enrolment_id, a.session_id, a.status_id FROM attendance a "
                "JOIN session s ON s.id = a.session_id WHERE s.cohort_id = ?",
                (cohort_id,),
            )
        }
    finally:
        connection.close()
    return [[cells.get((e, s)) for s in sessions] for e in people]


def scroll_and_repaint(views: list[QTableView], repaints: int) -> float:
    """Scroll the first view (the others follow it) and repaint all of them, ``repaints`` times."""
    app = QApplication.instance()
    vertical, horizontal = views[0].verticalScrollBar(), views[0].horizontalScrollBar()
    vertical.setValue(0)
    horizontal.setValue(0)
    app.processEvents()
    began = time.perf_counter()
    for step in range(repaints):
        vertical.setValue(vertical.maximum() * step // max(1, repaints - 1))
        horizontal.setValue(horizontal.maximum() * step // max(1, repaints - 1))
        for view in views:
            view.viewport().repaint()
    app.processEvents()
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repaints", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app = QApplication(sys.argv)
    from tillitsleder import i18n
    from tillitsleder.attendance.register import load_register
    from tillitsleder.storage import open_database
    from ui.attendance.register_model import FIRST_SESSION, RegisterModel
    from ui.attendance.register_widget import RegisterWidget

    i18n.set_language("nb")
    folder = Path(tempfile.mkdtemp(prefix="tillitsleder-grid-bench-"))
    began = time.perf_counter()
    cohort_id = build_database(folder / "grid.sqlite3")
    print(f"database: {PARTICIPANTS} participants × {SESSIONS} sessions built in {time.perf_counter() - began:.2f} s")
    db = open_database(folder / "grid.sqlite3")
    load_register(db, cohort_id)  # warm up imports and Babel

    load_time, register = timed(lambda: load_register(db, cohort_id), args.runs)
    model_time, model = timed(lambda: RegisterModel(register), args.runs)
    bare_time, bare = timed(lambda: BareModel(PARTICIPANTS, SESSIONS + FIRST_SESSION), args.runs)
    raw_time, _rows = timed(lambda: raw_fetch(folder / "grid.sqlite3", cohort_id), args.runs)
    print(f"{len(register.cells)} cells")

    widget = RegisterWidget()  # the grid and the totals beside it, as the page shows them
    widget.load(db, cohort_id)
    widget.resize(1280, 800)
    grid = widget.view
    plain = QTableView()
    plain.setModel(bare)
    plain.resize(1280, 800)
    # The same geometry, so both paint the same number of cells.
    plain.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    plain.verticalHeader().setDefaultSectionSize(grid.verticalHeader().defaultSectionSize())
    plain.horizontalHeader().setDefaultSectionSize(grid.horizontalHeader().defaultSectionSize())
    plain.verticalHeader().setFixedWidth(grid.verticalHeader().sizeHint().width())
    widget.show()
    plain.show()
    app.processEvents()
    grid_paint = statistics.median(scroll_and_repaint([grid, widget.totals], args.repaints) for _ in range(args.runs))
    bare_paint = statistics.median(scroll_and_repaint([plain], args.repaints) for _ in range(args.runs))
    db.close()

    build = load_time + model_time
    print(f"load register:            {load_time * 1000:8.1f} ms")
    print(f"raw sqlite3 fetch:        {raw_time * 1000:8.1f} ms")
    print(f"build grid model:         {model_time * 1000:8.1f} ms")
    print(f"build bare model:         {bare_time * 1000:8.3f} ms")
    print(f"load + model (absolute):  {build * 1000:8.1f} ms")
    for name, seconds in (("grid", grid_paint), ("bare view", bare_paint)):
        each = seconds / args.repaints * 1000
        print(f"{args.repaints} repaints, {name + ':':10} {seconds * 1000:8.1f} ms ({each:.2f} ms each)")
    print(f"ratio repaint grid / bare QTableView: {grid_paint / bare_paint:.2f}")
    print(f"ratio load register / raw sqlite3 fetch: {load_time / raw_time:.2f}")
    print(f"ratio (load + model) / raw sqlite3 fetch: {build / raw_time:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
