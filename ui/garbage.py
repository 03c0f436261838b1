"""Python's cyclic garbage collector runs on the GUI thread only.

Python collects cycles in whichever thread happens to allocate when a generation's threshold is passed. With
operations running core calls on worker threads (``ui.operations``), that is often a worker: a cycle holding a
Qt wrapper (a widget and a lambda connected to it, a dialog and its model) is then destroyed off the GUI thread,
and Qt objects must be deleted in the thread they live in, so the process can crash (a segmentation fault
inside "Garbage-collecting" while a worker compiled a query). PyQt's and Anki's answer, used here: switch the
automatic collector off and let a timer on the GUI thread collect when the generations' counts say so, the same
rule the interpreter applies, only in the right thread.

Plain reference counting still frees everything not in a cycle at once, in any thread; only cycles wait for the
timer, at most ``CHECK_INTERVAL_MS``.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_INTERVAL_MS = 500


class MainThreadCollector(QObject):
    """Collects cycles on the thread it lives on (the GUI thread) when a generation's threshold is passed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        """Turn the automatic collector off for the whole process and collect from the timer instead."""
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Stop the timer and collect once more here; the automatic collector stays off (the caller decides)."""
        self._timer.stop()
        gc.collect()

    def check(self) -> int:
        """Collect the oldest generation whose count passed its threshold (as the interpreter would); returns
        the number of objects found unreachable, 0 when nothing was due."""
        threshold0, threshold1, threshold2 = gc.get_threshold()
        count0, count1, count2 = gc.get_count()
        if threshold2 and count2 > threshold2:
            return gc.collect(2)
        if threshold1 and count1 > threshold1:
            return gc.collect(1)
        if threshold0 and count0 > threshold0:
            return gc.collect(0)
        return 0


_collector: MainThreadCollector | None = None


def running() -> bool:
    """Whether the collector has been started in this process."""
    return _collector is not None


def collect_on_gui_thread(parent: QObject) -> MainThreadCollector:
    """Start the one collector (idempotent), owned by ``parent`` (the application); call it on the GUI thread."""
    global _collector
    if _collector is None:
        _collector = MainThreadCollector(parent)
        _collector.start()
    return _collector
