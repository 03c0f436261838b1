"""Shared fixtures for packaging tests: a clean environment for child processes, and the PyInstaller bundle
(built once per run by ``installer/build.py``: the bundle tests and the installer tests share it)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = ROOT / "installer" / "build.py"


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle folder ``dist/tillitsleder`` made by ``installer/build.py`` (this platform's bundle)."""
    out = tmp_path_factory.mktemp("bundle")
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--dist", str(out / "dist"), "--work", str(out / "work")],
        capture_output=True,
        text=True,
        timeout=15 * 60,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    folder = out / "dist" / "tillitsleder"
    assert str(folder) in result.stdout  # the script reports where the bundle is …
    assert re.search(r"Size: \d+(\.\d)? MB", result.stdout)  # … and how big it is
    return folder


@pytest.fixture
def clean_env(tmp_path: Path) -> dict[str, str]:
    """Environment for a child process: offscreen Qt, English, no inherited Python paths."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", TILLITSLEDER_LANG="en", HOME=str(tmp_path / "home"))
    env["XDG_DATA_HOME"] = str(tmp_path / "home" / "data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "home" / "config")
    env["TILLITSLEDER_CONFIG_DIR"] = str(tmp_path / "home" / "tl-config")
    return env
