"""Logging set-up: warnings to stderr for the CLI, and a small rotating log file for the desktop app.

Logs keep technical detail for support. They never receive journal text, group-note content or other free
text that people wrote: services log ids and actions only; database errors are logged without their bound
parameters. The log folder is created readable only by the user (0700 on POSIX) and the log files too (0600),
since a traceback may still name a file or a table. The console shows one line per warning, never a traceback:
that belongs in the log file.
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


FILE_MODE = 0o600
FOLDER_MODE = 0o700


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log whose files only their owner may read, including the ones made when it rotates."""

    def _open(self):  # type: ignore[no-untyped-def]
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
        _restrict(Path(self.baseFilename), FILE_MODE)
        return os.fdopen(descriptor, "a", encoding=self.encoding, errors=self.errors)


class _OneLineFormatter(logging.Formatter):
    """For the console: the message only, without exception text or stack."""

    def format(self, record: logging.LogRecord) -> str:
        record.message = record.getMessage()
        if self.usesTime():
            record.asctime = self.formatTime(record, self.datefmt)
        return self.formatMessage(record)


def _restrict(path: Path, mode: int) -> None:
    """``chmod`` on POSIX (an existing file or folder may have been made with looser rights)."""
    if os.name == "posix":
        try:
            path.chmod(mode)
        except OSError:
            pass


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
    console.setFormatter(_OneLineFormatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(console)
    if not to_file:
        return None
    try:
        folder = log_dir()
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        _restrict(folder, FOLDER_MODE)
        path = folder / LOG_FILE_NAME
        handler = PrivateRotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None  # a read-only profile must not stop the app
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    return path
