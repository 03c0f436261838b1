"""Start-up benchmark: the app on the demo database against a bare PySide6 window, in the same run.

    python benchmarks/startup.py [--runs 7] [--platform offscreen|xcb]

Each run starts whole processes (interpreter start included) and reads, inside each, the moment since the
process started (on Linux from ``/proc``; see ``tillitsleder.startup_trace``) at which:

* the bare window (a ``QMainWindow`` with a ``QTableView``) is first painted — the baseline;
* the app's main window is first painted (``first paint`` in the app's start-up trace);
* the app's first area shows demo data (``first area shown``: the Programmes list and the first programme's
  curriculum, from the start-up snapshot that ``tillitsleder.first_screen`` reads with ``sqlite3``);
* the app has the database fully open and the area reloaded from it (``first page populated``).

It prints the medians and their ratios to the baseline, and the whole processes' wall times for
reference (those include the interpreter's exit and, for the app, waiting for the full open). Timings on
shared machines are noisy, so this is a script to read, not a test that fails.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
from tillitsleder import startup_trace

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            startup_trace.mark("first paint")
            QTimer.singleShot(0, app.quit)
        return False

app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QTableView())
window.resize(1280, 800)
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
sys.exit(app.exec())
"""

MARK = re.compile(r"^\[startup\] +([\d.]+) ms  (.+?)  \(", re.MULTILINE)


def timed(command: list[str], env: dict[str, str]) -> tuple[float, dict[str, float]]:
    """Wall seconds of the whole process, and its start-up marks (milliseconds since it started)."""
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{command[:3]} failed ({result.returncode}):\n{result.stderr}")
    marks: dict[str, float] = {}
    for match in MARK.finditer(result.stderr):
        marks.setdefault(match.group(2), float(match.group(1)))
    return elapsed, marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="tillitsleder-bench-"))
    env = dict(os.environ, QT_QPA_PLATFORM=args.platform, TILLITSLEDER_CONFIG_DIR=str(work / "config"))
    # Installed apps run from bytecode (pip and PyInstaller compile it); a checkout may not have any yet, and
    # PYTHONDONTWRITEBYTECODE would make every run compile every module again. Measure what users run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    root = Path(__file__).resolve().parent.parent
    for package in ("tillitsleder", "ui"):
        compileall.compile_dir(root / package, quiet=1)
    db = work / "demo.sqlite3"
    subprocess.run([sys.executable, "-m", "tillitsleder", "demo", "--db", str(db)], env=env, check=True,
                   capture_output=True)  # fmt: skip

    env["TILLITSLEDER_TRACE_STARTUP"] = "1"
    bare_cmd = [sys.executable, "-c", BARE_WINDOW]
    app_cmd = [sys.executable, "-m", "tillitsleder", "--db", str(db), "--lang", "nb", "--exit-after", "0"]
    commands = {"bare": bare_cmd, "app": app_cmd}
    for command in commands.values():
        timed(command, env)  # warm the file cache
    walls: dict[str, list[float]] = {name: [] for name in commands}
    marks: dict[str, list[float]] = {}
    for _ in range(args.runs):  # interleaved, so load changes hit all alike
        for name, command in commands.items():
            wall, found = timed(command, env)
            walls[name].append(wall)
            for step, ms in found.items():
                marks.setdefault(f"{name}: {step}", []).append(ms)

    def median(key: str) -> float:
        if key not in marks:
            raise SystemExit(f"no '{key}' mark in the start-up trace")
        return statistics.median(marks[key])

    bare = median("bare: first paint")
    paint, shown = median("app: first paint"), median("app: first area shown")
    full = median("app: first page populated")
    print(f"platform: {args.platform}, runs: {args.runs} (milliseconds since each process started, medians)")
    print(f"bare PySide6 window to first paint:           {bare:7.0f} ms")
    print(f"Tillitsleder main window to first paint:      {paint:7.0f} ms   ratio {paint / bare:5.2f}")
    print(f"Tillitsleder to first area with demo data:    {shown:7.0f} ms   ratio {shown / bare:5.2f}")
    print(f"  (database fully open, area reloaded:        {full:7.0f} ms   ratio {full / bare:5.2f})")
    bare_wall, app_wall = (statistics.median(walls[name]) * 1000 for name in commands)
    print(f"whole processes, wall: bare {bare_wall:.0f} ms, app {app_wall:.0f} ms (ratio {app_wall / bare_wall:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
