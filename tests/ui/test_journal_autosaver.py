"""``DraftAutosaver``: saves soon after typing stops, at least about every second while typing, at once on flush,
and keeps a failed save marked unsaved."""

from __future__ import annotations

import time

from ui.journal import autosave
from ui.journal.autosave import DraftAutosaver


def test_steady_typing_is_saved_at_least_every_max_interval(qtbot) -> None:
    saves: list[float] = []
    saver = DraftAutosaver(lambda: saves.append(time.monotonic()))
    started = time.monotonic()
    while time.monotonic() - started < 1.9:  # a key every 50 ms: the idle timer alone would never fire
        saver.changed()
        qtbot.wait(50)
    assert len(saves) >= 2
    gaps = [b - a for a, b in zip([started, *saves], saves, strict=False)]
    assert max(gaps) < (autosave.MAX_MS + 300) / 1000


def test_a_pause_is_saved_and_nothing_unchanged_is_saved_again(qtbot) -> None:
    saves: list[int] = []
    saver = DraftAutosaver(lambda: saves.append(1))
    saver.changed()
    assert saver.dirty
    qtbot.waitUntil(lambda: saves == [1], timeout=autosave.IDLE_MS + 500)
    assert not saver.dirty
    qtbot.wait(autosave.MAX_MS + 200)
    assert saves == [1]


def test_flush_saves_at_once_and_a_failure_stays_unsaved(qtbot) -> None:
    outcomes = [OSError("disk full"), None]
    failures: list[BaseException] = []

    def save() -> None:
        outcome = outcomes.pop(0)
        if outcome is not None:
            raise outcome

    saver = DraftAutosaver(save)
    saver.failed.connect(failures.append)
    saver.changed()
    assert saver.flush() is False
    assert saver.dirty and len(failures) == 1
    assert saver.flush() is True
    assert not saver.dirty and saver.saves == 1
    assert saver.flush() is True and saver.saves == 1  # nothing left to save
