"""Shared fixture for packaging tests: a clean environment for child processes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture
def clean_env(tmp_path: Path) -> dict[str, str]:
    """Environment for a child process: offscreen Qt, English, no inherited Python paths."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", TILLITSLEDER_LANG="en", HOME=str(tmp_path / "home"))
    env["XDG_DATA_HOME"] = str(tmp_path / "home" / "data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "home" / "config")
    env["TILLITSLEDER_CONFIG_DIR"] = str(tmp_path / "home" / "tl-config")
    return env
