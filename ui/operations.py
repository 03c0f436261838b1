"""One road from the UI to the core: run a core call off the GUI thread and hear back on it.

``Operation(fn, parent=…, title=…)`` runs ``fn(context)`` on ``QThreadPool.globalInstance()``;
``context.progress(done, total)`` and ``context.cancelled()`` are what the core's long functions take as
``progress=`` and ``cancelled=``. Success and failure are handled on the GUI thread:

- ``on_success(result)`` runs, then the operation announces the ``changes`` it made (a ``Changed`` flag) on the
  one change signal (``change_bus().changed``), so only the areas that show those kinds reload.
- Every failure takes one path: an unexpected exception's traceback is written to the log, then ``on_failure``
  runs if given (it shows ``ui.errors.error_text`` inline), else ``ui.errors.show_error`` shows the translated
  message. A cancelled operation shows nothing. A database-driver error ("database is locked" …) is turned into
  the core's ``StorageError`` first (``tillitsleder.storage.failures``): one sentence, its SQL only in the log.
  A lost server connection (``ConnectionLost``) is reported to ``ui.connection``, whose banner says so and
  retries; it shows no dialog besides (``on_failure`` still runs).

``progress=label`` adds a window-modal ``QProgressDialog`` that appears only when the work takes longer than
``PROGRESS_DELAY_MS``; its Cancel sets the cancel flag. ``key=`` makes an operation replace an earlier one of
the same parent and key (the earlier one is cancelled and its result dropped): a reload that outlives its
question is never shown. Results for a parent widget that is gone are dropped too. Modelled on Anki's
``CollectionOp``/``QueryOp`` (``aqt/operations``).

A worker runs Python beside the GUI thread, and both need the GIL: every call from Qt into Python on the GUI
thread (a layout's ``heightForWidth``, a model's ``data()``, a timer's slot) waits until the worker lets go of it,
by default up to 5 ms each, and one layout pass makes dozens of such calls. The first operation therefore sets
the interpreter's switch interval to ``GIL_SWITCH_INTERVAL_S`` (the GUI thread then waits at most that long per
call; a worker alone runs as fast as before, it only switches when the GUI thread asks).
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
from collections.abc import Callable
from enum import Flag, auto
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 300
GIL_SWITCH_INTERVAL_S = 0.0005  # Python's default is 0.005


class Changed(Flag):
    """The kinds of data an operation changed; a page's ``shows`` says which kinds it displays."""

    NONE = 0
    CURRICULUM = auto()
    ENROLMENT = auto()
    SESSIONS = auto()
    ATTENDANCE = auto()
    COMPLETION = auto()
    CERTIFICATES = auto()
    GROUPS = auto()
    GROUP_NOTES = auto()
    FACILITATORS = auto()
    JOURNAL = auto()
    TABLE_DAY = auto()
    PROFILES = auto()
    ORGANISATION = auto()


EVERYTHING = Changed(sum(kind.value for kind in Changed))


class ChangeBus(QObject):
    """Carries ``changed(kinds, source)``: ``source`` (a widget or ``None``) has already shown the change."""

    changed = Signal(object, object)


_bus: ChangeBus | None = None


def change_bus() -> ChangeBus:
    global _bus
    if _bus is None or not shiboken6.isValid(_bus):
        _bus = ChangeBus()
    return _bus


def announce(kinds: Changed, source: QObject | None = None) -> None:
    """Tell every area that ``kinds`` of data changed (on the GUI thread)."""
    if kinds:
        change_bus().changed.emit(kinds, source)


class OpContext:
    """What the worker function gets: a progress reporter and a cancel flag to pass to the core."""

    def __init__(self, op: Operation) -> None:
        self._op = op

    def progress(self, done: int, total: int) -> None:
        _emit(self._op._progress, int(done), int(total))

    def cancelled(self) -> bool:
        return self._op._cancel.is_set()


def _emit(signal: Any, *args: object) -> None:
    """Emit from the worker; if the operation's QObject is already gone (the app is closing), drop the report."""
    try:
        signal.emit(*args)
    except RuntimeError:
        log.debug("An operation's report was dropped: its receiver no longer exists")


def _readable(exc: BaseException) -> BaseException:
    """A database-driver error as the ``StorageError`` a user can read (its SQL and rows only in the log)."""
    from tillitsleder.storage.failures import as_storage_error

    return as_storage_error(exc) or exc


class _Runnable(QRunnable):
    def __init__(self, op: Operation) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._op = op

    def run(self) -> None:
        op = self._op
        try:
            result = op._fn(OpContext(op))
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI thread
            _emit(op._error, _readable(exc))
        else:
            _emit(op._result, result)


# Operations in flight (so Python keeps them while a worker reports to them), and the latest one per key.
_running: set[Operation] = set()
_latest: dict[tuple[int, str], Operation] = {}


class Operation(QObject):
    """One call into the core on a worker thread; build it on the GUI thread, then ``start()``."""

    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    progressed = Signal(int, int)
    finished = Signal()

    _result = Signal(object)
    _error = Signal(object)
    _progress = Signal(int, int)

    def __init__(
        self,
        fn: Callable[[OpContext], Any],
        *,
        parent: QWidget | None = None,
        title: str = "",
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        changes: Changed = Changed.NONE,
        source: QObject | None = None,
        progress: str | None = None,
        cancellable: bool = True,
        key: str = "",
        name: str = "",
    ) -> None:
        super().__init__()
        self.setObjectName(name or key or getattr(fn, "__name__", "operation"))
        self._fn = fn
        self._parent = parent
        self.title = title
        self._on_success = on_success
        self._on_failure = on_failure
        self.changes = changes
        self._source = source if source is not None else parent
        self._key = (id(parent), key) if key else None
        self._cancel = threading.Event()
        self.dialog: QProgressDialog | None = None
        self.running = False
        self.result: Any = None
        self.error: BaseException | None = None
        from PySide6.QtCore import Qt  # here, not at import: making Qt's namespace costs the first window ~20 ms

        self._result.connect(self._on_result, Qt.ConnectionType.QueuedConnection)
        self._error.connect(self._on_error, Qt.ConnectionType.QueuedConnection)
        self._progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        if progress is not None:
            self.dialog = _progress_dialog(parent, title, progress, cancellable)
            self.dialog.canceled.connect(self.cancel)

    def start(self, pool: QThreadPool | None = None) -> Operation:
        if self._key is not None:
            earlier = _latest.get(self._key)
            if earlier is not None:
                earlier.cancel()
            _latest[self._key] = self
        _running.add(self)
        self.running = True
        _share_the_gil()
        if self.dialog is not None:
            self.dialog.setValue(0)  # starts the timer that shows the dialog after PROGRESS_DELAY_MS
        (pool or QThreadPool.globalInstance()).start(_Runnable(self))
        return self

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    # --- back on the GUI thread -----------------------------------------------------------------------------

    def _current(self) -> bool:
        """Whether the result still has somewhere to go (not replaced by a newer operation, parent alive)."""
        if self._key is not None and _latest.get(self._key) is not self:
            return False
        return self._parent is None or shiboken6.isValid(self._parent)

    def _finish(self) -> bool:
        current = self._current()
        self.running = False
        _running.discard(self)
        if self._key is not None and _latest.get(self._key) is self:
            del _latest[self._key]
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
        self.dialog = None
        return current

    @Slot(object)
    def _on_result(self, result: object) -> None:
        self.result = result
        if self._finish():
            if self._on_success is not None:
                self._on_success(result)
            announce(self.changes, self._source)
            self.succeeded.emit(result)
        self.finished.emit()

    @Slot(object)
    def _on_error(self, error: BaseException) -> None:
        from tillitsleder.errors import Cancelled
        from ui.connection import connection_watch, is_connection_lost
        from ui.errors import log_unexpected, show_error

        self.error = error
        log_unexpected(error)  # a bug is logged even when nobody is left to tell
        lost = is_connection_lost(error)
        if lost:
            connection_watch().report_lost()
        if self._finish():
            if self._on_failure is not None:
                self._on_failure(error)
            elif not isinstance(error, Cancelled) and not lost:
                show_error(self._parent, self.title, error)
            self.failed.emit(error)
        self.finished.emit()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if not self.running:
            return
        if self.dialog is not None and total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))
        self.progressed.emit(done, total)


_prepared = False


def _share_the_gil() -> None:
    """Let the GUI thread have the GIL back quickly while workers run, and keep the collector's full passes short
    (see the module's docstring); once, when the first operation starts."""
    global _prepared
    if _prepared:
        return
    _prepared = True
    if sys.getswitchinterval() > GIL_SWITCH_INTERVAL_S:
        sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
    gc.freeze()


def _progress_dialog(parent: QWidget | None, title: str, label: str, cancellable: bool) -> QProgressDialog:
    from PySide6.QtCore import Qt

    dialog = QProgressDialog(parent)  # keeps Qt's own, translated "Cancel" button
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setRange(0, 0)  # a busy bar until the first progress report
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(PROGRESS_DELAY_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    return dialog


def run(fn: Callable[[OpContext], Any], **options: Any) -> Operation:
    """Build and start an ``Operation`` (see its arguments)."""
    return Operation(fn, **options).start()
