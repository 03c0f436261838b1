"""Jobs run off the GUI thread and report back on it; the progress dialog's Cancel reaches the worker."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from ui.workers import Job, run_job, run_with_progress


def test_a_job_runs_on_a_worker_and_answers_on_the_gui_thread(qtbot) -> None:
    threads: dict[str, object] = {}

    def work(_ctx) -> int:
        threads["worker"] = QThread.currentThread()
        return 42

    def done(value: int) -> None:
        threads["callback"] = QThread.currentThread()
        threads["value"] = value

    job = run_job(work, on_success=done)
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    gui = QApplication.instance().thread()
    assert threads["worker"] is not gui
    assert threads["callback"] is gui
    assert threads["value"] == 42


def test_failures_arrive_as_exceptions(qtbot) -> None:
    def work(_ctx) -> None:
        raise ValueError("boom")

    job = Job(work)
    with qtbot.waitSignal(job.failed, timeout=10_000) as blocker:
        job.start()
    assert isinstance(blocker.args[0], ValueError)
    assert not job.running


def test_progress_and_cancel_through_the_dialog(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    started = threading.Event()

    def work(ctx) -> str:
        for step in range(1000):
            ctx.progress(step, 1000)
            started.set()
            if ctx.cancelled():
                return "stopped"
            time.sleep(0.005)  # not a timed lock wait: those hang under faketime (see scripts/bootstrap.sh)
        return "ran to the end"

    results: list[str] = []
    job, dialog = run_with_progress(parent, work, title="T", label="Working", on_success=results.append)
    qtbot.waitUntil(started.is_set)
    qtbot.waitUntil(lambda: dialog.maximum() == 1000)
    dialog.findChild(QPushButton).click()
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    assert results == ["stopped"]


def test_the_dialog_is_gone_before_the_callers_failure_message(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    visible_when_told: list[bool] = []

    def work(_ctx) -> None:
        time.sleep(0.6)  # long enough for the dialog to show itself
        raise RuntimeError("no")

    job, dialog = run_with_progress(
        parent,
        work,
        title="T",
        label="Working",
        on_failure=lambda _error: visible_when_told.append(dialog.isVisible()),
        cancellable=False,
    )
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    assert visible_when_told == [False]
