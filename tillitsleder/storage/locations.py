"""Where the database lives: ``--db PATH`` beats ``$TILLITSLEDER_DB`` beats the local data folder.

Either may name a PostgreSQL server instead (``postgresql://…``): ``resolve_database_target`` keeps that a URL.

The default is the user's *local*, non-roaming data folder (``%LOCALAPPDATA%`` on Windows), because roaming
profiles and redirected folders on network shares are a poor home for a SQLite file.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tillitsleder import APP_NAME

ENV_VAR = "TILLITSLEDER_DB"
DEFAULT_FILENAME = "tillitsleder.sqlite3"


def data_dir() -> Path:
    """The per-user local data folder (created on demand by callers that write)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False, roaming=False)


def default_database_path() -> Path:
    return data_dir() / DEFAULT_FILENAME


def resolve_database_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    env_value = os.environ.get(ENV_VAR)
    if env_value:
        return Path(env_value).expanduser()
    return default_database_path()


SERVER_SCHEMES = ("postgresql:", "postgresql+", "postgres:")


def is_server_target(target: str | os.PathLike[str] | None) -> bool:
    """Whether ``target`` (what ``--db`` or ``$TILLITSLEDER_DB`` gave) names a database server, not a file."""
    return target is not None and str(target).startswith(SERVER_SCHEMES)


def database_target(value: str | os.PathLike[str]) -> Path | str:
    """What ``open_database`` takes for ``value``: a server URL as it is, anything else as a file's path."""
    return str(value) if is_server_target(value) else Path(value).expanduser()


def resolve_database_target(cli_value: str | os.PathLike[str] | None = None) -> Path | str:
    """Like ``resolve_database_path``, but a server URL (``--db postgresql://…``) stays a URL."""
    for value in (cli_value, os.environ.get(ENV_VAR)):
        if value:
            return database_target(value)
    return default_database_path()


def is_probably_network_path(path: Path) -> bool:
    """True for UNC paths (``\\\\server\\share``) and, on Windows, drives mapped to a network share."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32" and len(text) >= 2 and text[1] == ":":
        import ctypes

        drive_remote = 4
        return ctypes.windll.kernel32.GetDriveTypeW(text[:2] + "\\") == drive_remote  # type: ignore[attr-defined]
    return False
