"""Run every benchmark in this folder, one after another, and print each one's report.

    QT_QPA_PLATFORM=offscreen python benchmarks/run_all.py [--quick]

Each benchmark measures the app's path and a bare baseline in the same run and prints the ratio between them
(start-up vs a bare PySide6 window, import vs raw ``sqlite3``, the attendance grid vs a bare ``QTableView``, …);
timings on shared machines are noisy, so these are scripts to read, not tests. ``--quick`` passes ``--runs 1``
to benchmarks that take it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run per benchmark where supported")
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    failed = []
    for script in sorted(HERE.glob("*.py")):
        if script.name == Path(__file__).name or script.name.startswith("_"):
            continue
        command = [sys.executable, str(script)]
        if args.quick and "--runs" in script.read_text(encoding="utf-8"):
            command += ["--runs", "1"]
        print(f"=== {script.name}", flush=True)
        started = time.perf_counter()
        result = subprocess.run(command, env=env, cwd=HERE.parent)
        print(f"--- {script.name}: {time.perf_counter() - started:.1f} s, exit {result.returncode}\n", flush=True)
        if result.returncode:
            failed.append(script.name)
    if failed:
        print("failed: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
