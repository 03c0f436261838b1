"""Logging set-up: warnings to stderr for the CLI, and a small rotating log file for the desktop app.

Logs keep technical detail for support. They never receive journal text, group-note content or other free
text that people wrote: services log ids and actions only.
"""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from tillitsleder import APP_NAME

LEVEL_ENV_VAR = "TILLITSLEDER_LOG"
LOG_FILE_NAME = "tillitsleder.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_dir() -> Path:
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, appauthor=False)


def log_file_path() -> Path:
    """Where the desktop app writes its log (the file a user can send to support)."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    return log_dir() / LOG_FILE_NAME


def configure_logging(*, to_file: bool) -> Path | None:
    """Set up the root logger once; returns the log file's path when one is used."""
    root = logging.getLogger()
    if getattr(configure_logging, "_done", False):
        return None
    configure_logging._done = True  # type: ignore[attr-defined]
    level = os.environ.get(LEVEL_ENV_VAR, "INFO" if to_file else "WARNING").upper()
    root.setLevel(level)
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(console)
    if not to_file:
        return None
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOG_FILE_NAME
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None  # a read-only profile must not stop the app
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    return path
