"""The core never imports PySide6 (or the ui package): statically, and at run time."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import tillitsleder

CORE = Path(tillitsleder.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_core_module_imports_qt_or_the_ui() -> None:
    offenders = {
        str(path.relative_to(CORE)): sorted(
            name for name in _imported_modules(path) if name.split(".")[0] in {"PySide6", "shiboken6", "ui"}
        )
        for path in CORE.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_loading_every_core_module_and_running_check_leaves_qt_unloaded(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    script = f"""
import importlib, pkgutil, sys
import tillitsleder
for info in pkgutil.walk_packages(tillitsleder.__path__, "tillitsleder."):
    if ".migrations" in info.name or info.name == "tillitsleder.__main__":
        continue
    importlib.import_module(info.name)
from tillitsleder.cli import main
from tillitsleder.storage import open_database
open_database({str(db)!r}).close()
code = main(["check", "--db", {str(db)!r}])
assert code == 0, code
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "ui"))
print("QT:", bad)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "QT: []" in result.stdout
