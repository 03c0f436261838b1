"""Entry script of the PyInstaller bundle: the same as the ``tillitsleder`` console command.

PyInstaller runs this file as ``__main__`` inside the frozen bundle (see ``tillitsleder.spec``); it only
starts :func:`tillitsleder.cli.main` and exits with its return code.
"""

from __future__ import annotations

import multiprocessing
import os
import sys


def _ensure_streams() -> None:
    """A windowed Windows build has no console: ``sys.stdout``/``sys.stderr`` are ``None`` there, and code
    that writes to them directly (rather than through ``print``) would raise. Send such output nowhere."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # kept open for the life of the app


def run() -> int:
    from tillitsleder.cli import main

    return main()


if __name__ == "__main__":
    # Must come first: a frozen child process started by multiprocessing re-enters here and is taken over.
    multiprocessing.freeze_support()
    _ensure_streams()
    sys.exit(run())
