"""``run_gui`` end to end in a subprocess: a lean start, the smoke-test exit, refusal codes, quiet stdout."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

HEAVY = ("sqlalchemy", "alembic", "reportlab", "openpyxl", "babel")


def run_python(code: str, tmp_path: Path, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TILLITSLEDER_CONFIG_DIR=str(tmp_path / "config"))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, env=env)


def test_the_first_window_is_built_without_the_database_stack(tmp_path: Path) -> None:
    code = f"""
import sys
import time
from PySide6.QtWidgets import QApplication
from ui.app import create_application
from ui.translator import LanguageSwitcher
app = create_application()
LanguageSwitcher(app).install("nb")
from ui.main_window import MainWindow
window = MainWindow()
window.show()
for _ in range(200):  # the shown area is built right after the window's first paint
    app.processEvents()
    if window.is_built(window.nav.currentRow()):
        break
    time.sleep(0.01)
print(sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r})))
print(sorted(m for m in sys.modules if m.startswith("ui.pages.") and m not in ("ui.pages.areas", "ui.pages.base")))
"""
    result = run_python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    heavy, pages = result.stdout.strip().splitlines()
    assert heavy == "[]"
    assert pages == "['ui.pages.programmes']"  # only the area shown is imported and built


def test_run_gui_opens_quits_after_the_first_page_and_prints_nothing(tmp_path: Path, demo_db_path: Path) -> None:
    code = f"""
import sys
from pathlib import Path
from ui.app import run_gui
code = run_gui(Path({str(demo_db_path)!r}), "nb", exit_after_ms=50)
heavy = sorted({{m.split(".")[0] for m in sys.modules}} & {{"reportlab", "openpyxl", "alembic"}})
sys.stderr.write(f"EXIT={{code}} HEAVY={{heavy}}\\n")
sys.exit(code)
"""
    result = run_python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "EXIT=0 HEAVY=[]" in result.stderr
    settings = (tmp_path / "config" / "tillitsleder.ini").read_text(encoding="utf-8")
    assert str(demo_db_path) in settings


def test_run_gui_opens_the_file_once_while_qt_starts_and_traces_the_steps_on_request(
    tmp_path: Path, demo_db_path: Path
) -> None:
    code = f"""
import gc
import sys
from pathlib import Path
from tillitsleder.storage import database
opened = []
real_open = database.open_database
database.open_database = lambda *args, **kwargs: opened.append(args) or real_open(*args, **kwargs)
from ui.app import run_gui
code = run_gui(Path({str(demo_db_path)!r}), "nb", exit_after_ms=0)
from ui import garbage
sys.stderr.write(f"OPENED={{len(opened)}} GC={{gc.isenabled()}} COLLECTOR={{garbage.running()}}\\n")
sys.exit(code)
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TILLITSLEDER_CONFIG_DIR=str(tmp_path / "config"))
    env["TILLITSLEDER_TRACE_STARTUP"] = "1"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    # one open for the early thread and the window; cycles collected from the GUI thread's timer, not automatically
    assert "OPENED=1 GC=False COLLECTOR=True" in result.stderr
    steps = [m.group(1) for m in re.finditer(r"^\[startup\] +[\d.]+ ms  (.+?)  \(", result.stderr, re.MULTILINE)]
    # The snapshot is read while Qt starts; SQLAlchemy loads only once the first area shows it.
    expected = ["QApplication made", "window built", "first paint", "first area shown", "database open started",
                "database surveyed", "first page populated"]  # fmt: skip
    assert [step for step in steps if step in expected] == expected
    assert steps.index("first screen read") < steps.index("first area shown")
    assert "first page built (ProgrammesPage)" in steps


def test_run_gui_on_a_foreign_file_exits_non_zero_and_leaves_it_alone(tmp_path: Path) -> None:
    foreign = tmp_path / "budget.sqlite3"
    foreign.write_bytes(b"This is a spreadsheet export, not SQLite.\n" * 20)
    before = hashlib.sha256(foreign.read_bytes()).hexdigest()
    code = f"""
import sys
from pathlib import Path
from ui.app import run_gui
sys.exit(run_gui(Path({str(foreign)!r}), "en", exit_after_ms=50))
"""
    result = run_python(code, tmp_path)
    assert result.returncode == 5  # StorageError.exit_code
    assert result.stdout == ""
    assert "is not a Tillitsleder database" in result.stderr
    assert hashlib.sha256(foreign.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "config") == ["budget.sqlite3"]


def test_without_db_or_lang_the_app_reopens_what_it_remembers(tmp_path: Path, demo_db_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TILLITSLEDER_CONFIG_DIR=str(tmp_path / "config"))
    env.pop("TILLITSLEDER_DB", None)
    env.pop("TILLITSLEDER_LANG", None)
    first = subprocess.run(
        [sys.executable, "-m", "tillitsleder", "--db", str(demo_db_path), "--lang", "en", "--exit-after", "0"],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    settings = tmp_path / "config" / "tillitsleder.ini"
    assert str(demo_db_path) in settings.read_text(encoding="utf-8")
    # No --db: the remembered file opens (not a new default database in the data folder).
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    again = subprocess.run(
        [sys.executable, "-m", "tillitsleder", "--exit-after", "0"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert again.returncode == 0, again.stderr
    assert not (tmp_path / "data").exists()


def test_the_first_frame_leaves_qts_namespace_alone(tmp_path: Path) -> None:
    """Python's view of Qt's namespace (``from PySide6.QtCore import Qt``) costs 20–30 ms to build: the window up to
    its first paint must not need it (its menus' keys, the Actions menu and the tooltip filter come right after)."""
    code = """
import PySide6.QtCore as QtCore
from ui.app import create_application
from ui.translator import LanguageSwitcher
app = create_application(icon=False)
LanguageSwitcher(app).install("nb")
from ui.main_window import MainWindow
window = MainWindow()
print("before", "Qt" in vars(QtCore))
window.show()
for _ in range(50):
    app.processEvents()
print("after", "Qt" in vars(QtCore), window.area_menu is not None)
"""
    result = run_python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["before", "False", "after", "True", "True"]
