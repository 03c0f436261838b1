"""``python -m ui.screenshots OUT --languages nb,nn,sv``: shots in the languages asked for, for the README."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.screenshots import DEFAULT_LANGUAGES, language_list


def test_the_languages_option_takes_codes_of_the_one_list() -> None:
    assert DEFAULT_LANGUAGES == ("nb", "en")
    assert language_list("nb,nn,sv") == ("nb", "nn", "sv")
    assert language_list(" da , en ") == ("da", "en")
    for wrong in ("fi", "nb,de", ""):
        with pytest.raises(argparse.ArgumentTypeError):
            language_list(wrong)


def test_the_screenshot_tool_draws_the_main_window_in_swedish_and_nynorsk(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "QT_SCALE_FACTOR"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    command = [sys.executable, "-m", "ui.screenshots", str(tmp_path), "--languages", "sv,nn"]
    root = Path(__file__).parents[2]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env, cwd=root)
    assert result.returncode == 0, result.stderr[-3000:]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["main-nn.png", "main-sv.png"]
    bad = subprocess.run(command[:-1] + ["sv,fi"], capture_output=True, text=True, timeout=120, env=env, cwd=root)
    assert bad.returncode == 2 and "fi" in bad.stderr
