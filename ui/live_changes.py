"""Open pages follow what other people change on a shared server, within about half a second.

``LiveChanges`` runs the core's ``ChangeListener`` (``tillitsleder/storage/notifications.py``) for a PostgreSQL
database: its worker thread hands the kinds it heard to a Qt signal (queued onto the GUI thread); they are
collected for ``DEBOUNCE_MS`` — a burst of commits makes one refresh — and then announced like any operation's
changes (``ui.operations.announce``), so exactly the pages that show those kinds reload (at once if visible).
The database's own commits are not heard again: the operation that made them has announced them already.
SQLite needs none of this: one PC, one app. A listener that lost its connection reconnects by itself, and the
connection banner's success makes it try at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from ui.connection import connection_watch
from ui.operations import Changed, announce

if TYPE_CHECKING:
    from tillitsleder.storage import Database
    from tillitsleder.storage.notifications import ChangeListener

DEBOUNCE_MS = 300


def as_changed(kinds: frozenset[str]) -> Changed:
    """The ``Changed`` flags named by the core's kinds (``storage/change_kinds.py``: the same names)."""
    flags = Changed.NONE
    for kind in kinds:
        member = Changed.__members__.get(kind.upper())
        if member is not None:
            flags |= member
    return flags


class LiveChanges(QObject):
    heard = Signal(object)  # a frozenset of kinds, emitted from the listener's thread

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from tillitsleder.storage.notifications import ChangeListener

        self.pending = Changed.NONE
        self.announced = 0  # refreshes announced (tests count them)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._announce)
        self.heard.connect(self._collect, Qt.ConnectionType.QueuedConnection)
        own = db.notifier.own_pids if db.notifier is not None else None
        self.listener: ChangeListener = ChangeListener(db.url, self._from_thread, own_pids=own)
        connection_watch().restored.connect(self.listener.retry_now)
        self.listener.start()

    def _from_thread(self, kinds: frozenset[str]) -> None:
        self.heard.emit(kinds)

    def _collect(self, kinds: frozenset[str]) -> None:
        self.pending |= as_changed(kinds)
        if not self._debounce.isActive():
            self._debounce.start()

    def _announce(self) -> None:
        kinds, self.pending = self.pending, Changed.NONE
        if kinds:
            self.announced += 1
            announce(kinds)

    def stop(self) -> None:
        """Stop listening (returns at once; the thread ends at its next poll)."""
        self._debounce.stop()
        self.listener.stop()
        try:
            connection_watch().restored.disconnect(self.listener.retry_now)
        except (RuntimeError, TypeError):
            pass
