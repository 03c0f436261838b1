"""Operations run off the GUI thread, answer on it, take one error path and announce what they changed."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from tillitsleder.errors import ValidationError
from tillitsleder.i18n import N_
from ui.operations import Changed, Operation, change_bus, run


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def shown(monkeypatch) -> list[QMessageBox]:
    """Every error box ``show_error`` would show (not shown: exec() is replaced)."""
    boxes: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box) or 0)
    return boxes


def test_the_work_runs_on_a_worker_and_the_callback_on_the_gui_thread(qtbot, parent) -> None:
    threads: dict[str, object] = {}

    def work(_ctx) -> int:
        threads["worker"] = QThread.currentThread()
        return 42

    def done(value: int) -> None:
        threads["callback"] = QThread.currentThread()
        threads["value"] = value

    op = Operation(work, parent=parent, on_success=done)
    with qtbot.waitSignal(op.finished, timeout=10_000):
        op.start()
    gui = QApplication.instance().thread()
    assert threads["worker"] is not gui
    assert threads["callback"] is gui
    assert threads["value"] == 42
    assert not op.running


def test_a_domain_error_shows_its_own_message(qtbot, parent, shown) -> None:
    def work(_ctx) -> None:
        raise ValidationError(N_("The cohort “{name}” has ended."), name="Kull 2019")

    op = Operation(work, parent=parent, title="Sign off")
    with qtbot.waitSignal(op.failed, timeout=10_000):
        op.start()
    assert len(shown) == 1
    assert shown[0].windowTitle() == "Sign off"
    assert shown[0].text() == "The cohort “Kull 2019” has ended."


def test_an_unexpected_error_shows_one_sentence_and_logs_the_traceback(qtbot, parent, shown, caplog) -> None:
    def work(_ctx) -> None:
        raise KeyError("Kari Nordmann, 12 03 85 12345")  # personal data must not reach the dialog

    op = Operation(work, parent=parent, title="Load")
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(op.failed, timeout=10_000):
        op.start()
    text = shown[0].text() + shown[0].detailedText() + shown[0].informativeText()
    assert text.startswith("Something went wrong. The details were written to the log file at")
    assert "tillitsleder.log" in text
    assert "Traceback" not in text and "Kari" not in text and "KeyError" not in text
    logged = [record for record in caplog.records if record.exc_info]
    assert len(logged) == 1 and logged[0].exc_info[0] is KeyError
    assert "work" in caplog.text  # the traceback names the function that failed


def test_a_failure_callback_replaces_the_dialog_and_the_dialog_is_gone_first(qtbot, parent, shown) -> None:
    visible_when_told: list[bool] = []

    def work(_ctx) -> None:
        time.sleep(0.6)  # long enough for the progress dialog (a timed lock wait would hang under faketime)
        raise ValidationError(N_("No."))

    op = Operation(work, parent=parent, progress="Working", cancellable=False,
                   on_failure=lambda _error: visible_when_told.append(op.dialog is not None))  # fmt: skip
    dialog = op.dialog
    op.start()
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    assert visible_when_told == [False] and not dialog.isVisible()
    assert shown == []


def test_cancel_in_the_progress_dialog_reaches_the_worker(qtbot, parent, shown) -> None:
    started = threading.Event()

    def work(ctx) -> str:
        for step in range(1000):
            ctx.progress(step, 1000)
            started.set()
            if ctx.cancelled():
                return "stopped"
            time.sleep(0.005)
        return "ran to the end"

    results: list[str] = []
    op = run(work, parent=parent, title="T", progress="Working", on_success=results.append)
    qtbot.waitUntil(started.is_set)
    qtbot.waitUntil(lambda: op.dialog is not None and op.dialog.maximum() == 1000)
    op.dialog.findChild(QPushButton).click()
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    assert results == ["stopped"]


def test_a_newer_operation_with_the_same_key_replaces_the_older(qtbot, parent) -> None:
    release = threading.Event()
    results: list[str] = []

    def slow(ctx) -> str:
        for _ in range(1000):  # up to 5 s; polled, since a timed wait on a lock hangs under faketime
            if release.is_set():
                break
            time.sleep(0.005)
        return "old" if not ctx.cancelled() else "old, cancelled"

    first = run(slow, parent=parent, on_success=results.append, key="load")
    second = run(lambda _ctx: "new", parent=parent, on_success=results.append, key="load")
    with qtbot.waitSignal(second.finished, timeout=10_000):
        pass
    release.set()
    with qtbot.waitSignal(first.finished, timeout=10_000):
        pass
    assert results == ["new"]
    assert first.is_cancelled


def test_success_announces_the_changed_kinds_once(qtbot, parent) -> None:
    heard: list[tuple[Changed, object]] = []
    change_bus().changed.connect(lambda kinds, source: heard.append((kinds, source)))
    op = run(lambda _ctx: None, parent=parent, changes=Changed.ATTENDANCE | Changed.COMPLETION)
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    failing = run(lambda _ctx: 1 / 0, parent=parent, changes=Changed.GROUPS, on_failure=lambda _e: None)
    with qtbot.waitSignal(failing.finished, timeout=10_000):
        pass
    assert heard == [(Changed.ATTENDANCE | Changed.COMPLETION, parent)]


def test_changed_kinds_reload_only_the_areas_that_show_them(qtbot, opened_window) -> None:
    from ui.pages.programmes import ProgrammesPage
    from ui.pages.sessions import SessionsPage

    window = opened_window
    programmes = window.page_of(ProgrammesPage)
    sessions = window.page_of(SessionsPage)
    window.nav.setCurrentRow(window.row_of(SessionsPage))
    qtbot.waitUntil(lambda: sessions.isVisible() and not sessions._stale)
    before = (sessions.reloads, programmes.reloads)

    op = run(lambda _ctx: None, changes=Changed.CERTIFICATES)  # neither shows certificates
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    assert (sessions.reloads, programmes.reloads) == before and not programmes._stale

    op = run(lambda _ctx: None, changes=Changed.ATTENDANCE)  # the sessions list shows attendance counts
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    assert sessions.reloads == before[0] + 1  # visible: at once
    assert programmes.reloads == before[1] and not programmes._stale

    op = run(lambda _ctx: None, changes=Changed.CURRICULUM)  # both show it; the hidden one waits
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    assert programmes._stale and programmes.reloads == before[1]
    window.nav.setCurrentRow(window.row_of(ProgrammesPage))
    qtbot.waitUntil(lambda: programmes.reloads == before[1] + 1)


def test_areas_are_built_the_first_time_they_are_shown(qtbot, window) -> None:
    from ui.pages.certificates import CertificatesPage

    current = window.nav.currentRow()
    qtbot.waitUntil(lambda: window.is_built(current))  # right after the window's first paint
    assert [window.is_built(row) for row in range(len(window.areas))] == [
        row == current for row in range(len(window.areas))
    ]
    row = window.row_of(CertificatesPage)
    assert not window.findChildren(CertificatesPage)
    window.nav.setCurrentRow(row)
    assert window.is_built(row)
    page = window.stack.currentWidget()
    assert isinstance(page, CertificatesPage) and window.findChildren(CertificatesPage) == [page]
    assert window.nav.item(row).text() == page.title()


def test_the_first_operation_lets_the_gui_thread_have_the_gil_back_quickly(qtbot) -> None:
    """A worker running Python must not hold the GUI thread's calls into Python for 5 ms each."""
    import sys

    from ui.operations import GIL_SWITCH_INTERVAL_S, run

    operation = run(lambda _ctx: 1)
    with qtbot.waitSignal(operation.finished, timeout=5_000):
        pass
    assert sys.getswitchinterval() <= GIL_SWITCH_INTERVAL_S
