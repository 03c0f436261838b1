"""Start-up benchmark: the app to a usable main window on the demo database, against a bare PySide6 window.

    python benchmarks/startup.py [--runs 7] [--platform offscreen|xcb]

Both are measured in the same run as whole processes (interpreter start included), from launch until the
window is painted — for the app, until the database is open and the first area shows its rows (the hidden
``--exit-after 0`` option quits right then). Prints medians and the ratio app / bare window. Timings on shared
machines are noisy, so this is a script to read, not a test that fails.
"""

from __future__ import annotations

import argparse
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
    db = work / "demo.sqlite3"
    subprocess.run([sys.executable, "-m", "tillitsleder", "demo", "--db", str(db)], env=env, check=True,
                   capture_output=True)  # fmt: skip

    bare_cmd = [sys.executable, "-c", BARE_WINDOW]
    app_cmd = [sys.executable, "-m", "tillitsleder", "--db", str(db), "--lang", "nb", "--exit-after", "0"]
    timed(bare_cmd, env), timed(app_cmd, env)  # warm the file cache for both
    bare, app = [], []
    for _ in range(args.runs):  # interleaved, so load changes hit both alike
        bare.append(timed(bare_cmd, env))
        app.append(timed(app_cmd, env))
    bare_median, app_median = statistics.median(bare), statistics.median(app)
    print(f"platform: {args.platform}, runs: {args.runs}")
    print(f"bare PySide6 window to first paint:        {bare_median * 1000:7.0f} ms (median)")
    print(f"Tillitsleder to first area on demo data:   {app_median * 1000:7.0f} ms (median)")
    print(f"ratio app / bare window:                   {app_median / bare_median:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
