"""Cycles are collected on the GUI thread only (``ui.garbage``): a worker that allocates never collects."""

from __future__ import annotations

import gc
import threading

from ui import garbage


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def _collections_by_thread(work) -> list[str]:
    seen: list[str] = []

    def note(phase: str, _info: dict) -> None:
        if phase == "start":
            seen.append(threading.current_thread().name)

    gc.callbacks.append(note)
    try:
        work()
    finally:
        gc.callbacks.remove(note)
    return seen


def _allocate_cycles_in_a_worker() -> None:
    def allocate() -> None:
        for _ in range(50_000):
            _Cycle()

    worker = threading.Thread(target=allocate, name="worker")
    worker.start()
    worker.join()


def test_a_worker_that_makes_cycles_never_collects_while_the_collector_runs(qapp) -> None:
    assert garbage.running()  # started for the UI tests as run_gui starts it for the app
    assert not gc.isenabled()
    assert _collections_by_thread(_allocate_cycles_in_a_worker) == []
    collector = garbage.collect_on_gui_thread(qapp)
    assert collector.check() >= 1  # the cycles were left for the GUI thread, and found there
    assert gc.get_count()[0] < gc.get_threshold()[0]


def test_without_it_the_interpreter_would_collect_on_the_worker(qapp) -> None:
    gc.enable()
    try:
        threads = _collections_by_thread(_allocate_cycles_in_a_worker)
    finally:
        gc.disable()
    assert "worker" in threads  # what the collector prevents


def test_the_timer_collects_when_the_event_loop_runs(qtbot) -> None:
    for _ in range(50_000):
        _Cycle()
    assert gc.get_count()[0] > gc.get_threshold()[0]
    qtbot.waitUntil(lambda: gc.get_count()[0] < gc.get_threshold()[0], timeout=5_000)
