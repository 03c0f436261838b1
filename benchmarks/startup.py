"""Start-up benchmark: the app to a usable main window on the demo database, against a bare PySide6 window.

    python benchmarks/startup.py [--runs 7] [--platform offscreen|xcb]

All are measured in the same run as whole processes (interpreter start included), from launch until a window
is painted: the bare window; the app's main window (what the user sees first, before any database code is
loaded); and the app until the database is open and the first area shows its rows (the hidden
``--exit-after 0`` option quits right then). Prints medians and ratios against the bare window. Timings on shared
machines are noisy, so this is a script to read, not a test that fails.
"""

from __future__ import annotations

import argparse
import compileall
import os
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

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
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


APP_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from ui.app import create_application
from ui.translator import LanguageSwitcher

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False

app = create_application()
LanguageSwitcher(app).install("nb")
from ui.main_window import MainWindow
window = MainWindow(interactive=False)
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
sys.exit(app.exec())
"""


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{command[:3]} failed ({result.returncode}):\n{result.stderr}")
    return elapsed


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

    bare_cmd = [sys.executable, "-c", BARE_WINDOW]
    window_cmd = [sys.executable, "-c", APP_WINDOW]
    app_cmd = [sys.executable, "-m", "tillitsleder", "--db", str(db), "--lang", "nb", "--exit-after", "0"]
    commands = {"bare": bare_cmd, "window": window_cmd, "app": app_cmd}
    for command in commands.values():
        timed(command, env)  # warm the file cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):  # interleaved, so load changes hit all alike
        for name, command in commands.items():
            times[name].append(timed(command, env))
    bare, window, app = (statistics.median(times[name]) for name in commands)
    print(f"platform: {args.platform}, runs: {args.runs}")
    print(f"bare PySide6 window to first paint:           {bare * 1000:7.0f} ms (median)")
    print(f"Tillitsleder main window to first paint:      {window * 1000:7.0f} ms   ratio {window / bare:5.2f}")
    print(f"Tillitsleder to first area with demo data:    {app * 1000:7.0f} ms   ratio {app / bare:5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
