"""Crash-safe autosave of the draft being written: no keystroke older than about a second is ever only in memory.

``DraftAutosaver`` is told about every change (``changed()``) and calls its ``save`` callback, which hands the whole
draft to the core's draft call (one small transaction, durable on return). Two timers decide when:

- ``IDLE_MS`` after typing stops (each change restarts it), so a pause is saved at once;
- at the latest ``MAX_MS`` after the first unsaved change, so steady typing is saved about every second too.

``flush()`` saves now if anything is unsaved: the writing view calls it on close, when the window closes, before
the database changes and before locking. A failed save keeps the draft marked unsaved and is retried on the next
change or flush; the failure is reported once through ``failed``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from tillitsleder import clock

log = logging.getLogger(__name__)

IDLE_MS = 600
MAX_MS = 800  # plus the save itself: well inside "at most the last second of typing is lost"


class DraftAutosaver(QObject):
    saved = Signal(float)  # the clock's time of the save (seconds since the epoch)
    failed = Signal(object)  # the exception of a failed save
    dirtyChanged = Signal(bool)  # noqa: N815

    def __init__(self, save: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._dirty = False
        self._failing = False
        self.saves = 0  # how many saves were made (for tests and the status line)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_MS)
        self._idle.timeout.connect(self.flush)
        self._max = QTimer(self)
        self._max.setSingleShot(True)
        self._max.setInterval(MAX_MS)
        self._max.timeout.connect(self.flush)

    @property
    def dirty(self) -> bool:
        return self._dirty

    def changed(self) -> None:
        """The draft changed: save within ``IDLE_MS`` of the last change, and within ``MAX_MS`` of the first."""
        if not self._dirty:
            self._dirty = True
            self.dirtyChanged.emit(True)
        self._idle.start()
        if not self._max.isActive():
            self._max.start()

    def discard(self) -> None:
        """Forget unsaved changes without saving (the entry was saved or thrown away by the user)."""
        self._idle.stop()
        self._max.stop()
        if self._dirty:
            self._dirty = False
            self.dirtyChanged.emit(False)

    def flush(self) -> bool:
        """Save now if there are unsaved changes; ``False`` only when a save was needed and failed."""
        self._idle.stop()
        self._max.stop()
        if not self._dirty:
            return True
        try:
            self._save()
        except Exception as error:  # noqa: BLE001 - reported to the view; the draft stays marked unsaved
            log.warning("Saving the journal draft failed: %s", type(error).__name__)  # never the content
            if not self._failing:
                self._failing = True
                self.failed.emit(error)
            return False
        self._failing = False
        self._dirty = False
        self.saves += 1
        self.dirtyChanged.emit(False)
        self.saved.emit(clock.now().timestamp())
        return True
