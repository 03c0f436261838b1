"""Event-loop latency benchmark: how long the GUI stalls while big areas load, against an idle event loop.

    QT_QPA_PLATFORM=offscreen python benchmarks/event_loop_latency.py [--runs 3]

Builds the demo database plus a cohort of 400 participants × 60 sessions (the attendance benchmark's generator),
opens the main window on it offscreen, and while a 10 ms ``QTimer`` ticks, measures the worst gap between ticks
(the longest stall of the event loop) during: the attendance register of the big cohort, the completion tab of
the big cohort, a completion sign-off there, and a coach's Journal area (what participants shared with them).
The baseline is the same timer on an idle event loop in the same run. Target: every stall under 100 ms (the
work itself runs on worker threads through ``ui.operations``). Timings on shared machines are noisy: a script
to read, not a test that fails.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

TICK_MS = 10
TARGET_MS = 100


class StallMeter:
    """A 10 ms timer; ``worst`` is the longest time between two ticks since ``start``."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self.worst = 0

    def start(self) -> None:
        self.worst = 0
        self.clock.start()
        self.timer.start()

    def _tick(self) -> None:
        self.worst = max(self.worst, self.clock.restart())

    def stop(self) -> int:
        self.timer.stop()
        self._tick()
        return self.worst


def wait_until(app: QApplication, done: Callable[[], bool], timeout_s: float = 120) -> None:
    ends = time.perf_counter() + timeout_s
    while not done():
        if time.perf_counter() > ends:
            raise SystemExit("timed out")
        app.processEvents()
        time.sleep(0.001)


def measure(app: QApplication, meter: StallMeter, start: Callable[[], object], done: Callable[[], bool]) -> int:
    meter.start()
    start()
    wait_until(app, done)
    return meter.stop()


def settle(app: QApplication) -> None:
    from PySide6.QtCore import QThreadPool

    for _ in range(3):
        QThreadPool.globalInstance().waitForDone()
        ends = time.perf_counter() + 0.3
        wait_until(app, lambda e=ends: time.perf_counter() > e)


def measure_operation(app: QApplication, meter: StallMeter, start: Callable[[], object]) -> int:
    """The worst stall from ``start()`` (which returns an ``Operation``) until the operation has finished."""
    meter.start()
    operation = start()
    wait_until(app, lambda: not operation.running)
    return meter.stop()


def build(folder: Path) -> tuple[Path, int]:
    from attendance_grid_benchmark import build_database

    from tillitsleder.demo.builder import create_demo_database

    path = folder / "big.sqlite3"
    create_demo_database(path)
    return path, build_database(path)  # the big cohort, beside the demo's


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tillitsleder-latency-"))
    os.environ.setdefault("TILLITSLEDER_CONFIG_DIR", str(folder / "config"))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    print("building the database (demo + 400 × 60)…", flush=True)
    path, cohort_id = build(folder)

    from tillitsleder import profiles
    from tillitsleder.completion.evaluation import evaluate_cohort
    from tillitsleder.demo.journal import DEMO_PASSPHRASE
    from tillitsleder.enums import Role
    from tillitsleder.journal import shared_with_me
    from ui.main_window import MainWindow
    from ui.pages.attendance import AttendancePage
    from ui.pages.certificates import CertificatesPage
    from ui.pages.journal import JournalPage
    from ui.translator import LanguageSwitcher

    LanguageSwitcher(app).install("en")
    window = MainWindow(interactive=False)
    window.resize(1280, 800)
    window.show()
    opened: list[object] = []
    window.databaseOpened.connect(opened.append)
    window.open_database_path(path)
    wait_until(app, lambda: bool(opened))
    meter = StallMeter()
    results: dict[str, list[int]] = {"idle event loop (baseline)": [], "attendance register 400 × 60": [],
                                     "completion tab 400 × 60": [], "completion sign-off": [],
                                     "coach's journal area": []}  # fmt: skip
    register = window.page_of(AttendancePage)
    certificates = window.page_of(CertificatesPage)
    journal = window.page_of(JournalPage)
    coach_info = max(
        profiles.list_profiles(window.db, role=Role.FACILITATOR),
        key=lambda info: len(shared_with_me.shared_with_me(window.db, profiles.unlock(window.db, info.id,
                                                                                      DEMO_PASSPHRASE))),
    )  # fmt: skip
    candidates = [row.enrolment_id for row in evaluate_cohort(window.db, cohort_id)]  # signed off, or refused
    tab = certificates.completion
    loads: list[int] = []
    tab.loaded.connect(lambda: loads.append(1))

    for run in range(args.runs):
        settle(app)  # reloads started by the previous run (a profile switch reloads the shown area) are done
        idle_until = time.perf_counter() + 0.5
        results["idle event loop (baseline)"].append(measure(app, meter, lambda: None,
                                                             lambda u=idle_until: time.perf_counter() > u))  # fmt: skip
        window.selection.select(cohort_id)
        window.nav.setCurrentRow(window.row_of(AttendancePage))
        wait_until(app, lambda: register.register is not None)
        settle(app)
        results["attendance register 400 × 60"].append(
            measure_operation(app, meter, lambda: register.register.load(window.db, cohort_id))
        )
        window.nav.setCurrentRow(window.row_of(CertificatesPage))
        certificates.tabs.setCurrentWidget(tab)
        settle(app)
        loads.clear()
        results["completion tab 400 × 60"].append(measure(app, meter, lambda: tab.load(window.db, cohort_id),
                                                          lambda: bool(loads)))  # fmt: skip
        settle(app)
        tab.select_enrolment(candidates[run % len(candidates)])
        results["completion sign-off"].append(measure_operation(app, meter, tab.sign_off_selected))
        coach = profiles.unlock(window.db, coach_info.id, DEMO_PASSPHRASE)  # the key derivation is not measured
        window.profiles.adopt(coach)  # the Journal area is hidden: it reads when shown
        settle(app)
        results["coach's journal area"].append(measure(
            app, meter, lambda: window.nav.setCurrentRow(window.row_of(JournalPage)),
            lambda c=coach: journal.coach_view is not None and journal.coach_view.me is c,
        ))  # fmt: skip
        window.nav.setCurrentRow(window.row_of(CertificatesPage))
        window.profiles.adopt(profiles.unlock_coordinator(window.db))

    print(f"worst event-loop stall per load, ms (median of {args.runs} runs; a {TICK_MS} ms timer; "
          f"target under {TARGET_MS} ms):")  # fmt: skip
    baseline = statistics.median(results["idle event loop (baseline)"])
    for name, values in results.items():
        if not values:
            continue
        worst = statistics.median(values)
        verdict = "" if name.startswith("idle") else ("  ok" if worst < TARGET_MS else "  OVER TARGET")
        print(f"  {name:32} {worst:6.0f}   (runs: {', '.join(str(v) for v in values)}){verdict}")
    print(f"  baseline: {baseline:.0f} ms")
    window.close_database()
    return 0


if __name__ == "__main__":
    sys.exit(main())
