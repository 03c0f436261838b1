"""Run the command line in-process, in English, the way a test reads it: (exit code, stdout, stderr).

argparse's own exits (``--help``, usage errors) become their exit code instead of ending the test.
"""

from __future__ import annotations

import pytest

from tillitsleder.cli import main


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(["--lang", "en", *args])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
