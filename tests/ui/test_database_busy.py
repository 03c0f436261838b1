"""A database kept locked by another program: the GUI says so in one translated sentence, never with SQL or rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import create_engine, select
from sqlalchemy.exc import OperationalError

from tillitsleder.enrolment.cohorts import NewPerson, enrol
from tillitsleder.model import Cohort
from ui.errors import error_text
from ui.main_window import MainWindow
from ui.operations import run

SENTENCE = "Another program is writing to the database; try again."


def hold_write_lock(path: Path) -> sqlite3.Connection:
    holder = sqlite3.connect(path, isolation_level=None, timeout=0)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_a_raw_locked_error_reads_as_one_sentence(demo_db_path: Path) -> None:
    holder = hold_write_lock(demo_db_path)
    engine = create_engine(f"sqlite:///{demo_db_path}", connect_args={"timeout": 0})
    try:
        with pytest.raises(OperationalError) as caught, engine.connect() as connection:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    finally:
        engine.dispose()
        holder.execute("ROLLBACK")
        holder.close()
    assert "database is locked" in str(caught.value)
    assert error_text(caught.value) == SENTENCE


def test_an_operation_blocked_by_another_writer_shows_the_sentence(qtbot, opened_window: MainWindow, tmp_path) -> None:
    window = opened_window
    with window.db.read() as session:
        cohort = session.scalar(select(Cohort.id))
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "errorBox":
            seen.append(box.text())
            seen.append(box.detailedText())
            box.grab().save(str(tmp_path.parent / "database-busy-box.png"))
            box.accept()
        else:
            QTimer.singleShot(50, answer)

    holder = hold_write_lock(window.db.path)
    try:
        QTimer.singleShot(0, answer)
        job = run(
            lambda _ctx: enrol(window.db, cohort, NewPerson("Kari", "Låst", email="kari.last@example.org")),
            parent=window,
            title="Enrol",
        )
        with qtbot.waitSignal(job.failed, timeout=30_000):
            pass
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert seen[0] == SENTENCE
    assert seen[1] == ""  # no details in the dialog: SQL and rows go to the log only
    assert "Kari" not in " ".join(seen) and "INSERT" not in " ".join(seen)
