"""Whether the database server can be reached now, as the whole UI knows it: one ``ConnectionWatch``.

An operation that fails with ``ConnectionLost`` reports it here (``ui.operations``); the window's banner then
shows and retries (``ui.connection_banner``), and reports the connection back. Widgets that write on the GUI
thread (the journal's draft autosave) ask ``is_down()`` to keep text on this PC at once instead of trying the
server on every keystroke batch, and listen to ``restored`` to save what they kept.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Signal


class ConnectionWatch(QObject):
    lost = Signal()
    restored = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.down = False

    def report_lost(self) -> None:
        if not self.down:
            self.down = True
            self.lost.emit()

    def report_restored(self) -> None:
        if self.down:
            self.down = False
            self.restored.emit()


_watch: ConnectionWatch | None = None


def connection_watch() -> ConnectionWatch:
    global _watch
    if _watch is None or not shiboken6.isValid(_watch):
        _watch = ConnectionWatch()
    return _watch


def is_down() -> bool:
    return connection_watch().down


def is_connection_lost(error: BaseException) -> bool:
    from tillitsleder.errors import ConnectionLost

    return isinstance(error, ConnectionLost)
