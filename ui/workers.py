"""Run a core call off the GUI thread and get its result back on the GUI thread.

``Job(fn)`` runs ``fn(context)`` on ``QThreadPool.globalInstance()``. ``context.progress(done, total)`` and
``context.cancelled()`` are what the core's long-running services take as ``progress=`` and ``cancelled=``.
The job's public signals (``succeeded``, ``failed``, ``progressed``, ``finished``) are always emitted on the
thread the job was created on (the GUI thread): the worker emits private signals that Qt queues to the job's
own slots, which re-emit them. ``run_with_progress`` adds a modal ``QProgressDialog`` with a working Cancel.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

# Jobs in flight, so Python does not collect them while a worker thread still reports to them.
_running: set[Job] = set()


class JobContext:
    """What the worker function gets: a progress reporter and a cancel flag to pass to services."""

    def __init__(self, job: Job) -> None:
        self._job = job

    def progress(self, done: int, total: int) -> None:
        _emit(self._job._progress, int(done), int(total))

    def cancelled(self) -> bool:
        return self._job._cancel.is_set()


class _Runnable(QRunnable):
    def __init__(self, job: Job, fn: Callable[[JobContext], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job = job
        self._fn = fn

    def run(self) -> None:
        job = self._job
        try:
            result = self._fn(JobContext(job))
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI thread
            log.debug("Job failed", exc_info=True)
            _emit(job._error, exc)
        else:
            _emit(job._result, result)


def _emit(signal: Signal, *args: object) -> None:
    """Emit from the worker; if the job's QObject is already gone (the app is closing), drop the report."""
    try:
        signal.emit(*args)
    except RuntimeError:
        log.debug("A job report was dropped: its receiver no longer exists")


class Job(QObject):
    """One piece of work for a worker thread; create it on the GUI thread, connect, then ``start()``."""

    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    progressed = Signal(int, int)
    finished = Signal()

    _result = Signal(object)
    _error = Signal(object)
    _progress = Signal(int, int)

    def __init__(self, fn: Callable[[JobContext], Any], *, name: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name or getattr(fn, "__name__", "job"))
        self._fn = fn
        self._cancel = threading.Event()
        self._result.connect(self._on_result, Qt.ConnectionType.QueuedConnection)
        self._error.connect(self._on_error, Qt.ConnectionType.QueuedConnection)
        self._progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self.running = False

    def start(self, pool: QThreadPool | None = None) -> Job:
        _running.add(self)
        self.running = True
        (pool or QThreadPool.globalInstance()).start(_Runnable(self, self._fn))
        return self

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    @Slot(object)
    def _on_result(self, result: object) -> None:
        self._finish()
        self.succeeded.emit(result)
        self.finished.emit()

    @Slot(object)
    def _on_error(self, error: object) -> None:
        self._finish()
        self.failed.emit(error)
        self.finished.emit()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self.running:
            self.progressed.emit(done, total)

    def _finish(self) -> None:
        self.running = False
        _running.discard(self)


def run_job(
    fn: Callable[[JobContext], Any],
    *,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    name: str = "",
) -> Job:
    """Start ``fn`` on a worker thread; the callbacks run on the GUI thread."""
    job = Job(fn, name=name)
    if on_success is not None:
        job.succeeded.connect(on_success)
    if on_failure is not None:
        job.failed.connect(on_failure)
    return job.start()


def run_with_progress(
    parent: QWidget,
    fn: Callable[[JobContext], Any],
    *,
    title: str,
    label: str,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    cancellable: bool = True,
    name: str = "",
) -> tuple[Job, QProgressDialog]:
    """Like ``run_job`` with a window-modal progress dialog; Cancel sets the job's cancel flag.

    The dialog shows a busy bar until the first progress report and closes itself when the job ends.
    """
    dialog = QProgressDialog(parent)  # keeps Qt's own, translated "Cancel" button
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setRange(0, 0)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.setValue(0)  # starts the timer that shows the dialog after the minimum duration
    job = Job(fn, name=name)

    def show_progress(done: int, total: int) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    def finish(*_args: object) -> None:
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()

    job.progressed.connect(show_progress)
    dialog.canceled.connect(job.cancel)
    # Connected before the caller's callbacks, so the dialog is gone before they show any message box.
    job.succeeded.connect(finish)
    job.failed.connect(finish)
    if on_success is not None:
        job.succeeded.connect(on_success)
    if on_failure is not None:
        job.failed.connect(on_failure)
    job.start()
    return job, dialog
