"""Where the app keeps its own preferences: one INI file, never the Windows registry.

``QSettings`` in ``IniFormat`` at ``<user config folder>/Tillitsleder/tillitsleder.ini`` (the folder can be
moved with ``$TILLITSLEDER_CONFIG_DIR``, which the tests use). It remembers window geometry and state, the
sidebar's width and whether it shows icons only, the last area shown, the last database opened and the chosen language.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from tillitsleder import APP_NAME

CONFIG_ENV_VAR = "TILLITSLEDER_CONFIG_DIR"
SETTINGS_FILE = "tillitsleder.ini"

KEY_GEOMETRY = "window/geometry"
KEY_STATE = "window/state"
KEY_AREA = "window/area"
KEY_SPLITTER = "window/splitter"
KEY_NAV_COMPACT = "window/nav_compact"
KEY_LAST_DATABASE = "database/last_path"
KEY_LANGUAGE = "ui/language"


def config_dir() -> Path:
    override = os.environ.get(CONFIG_ENV_VAR)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


def app_settings() -> QSettings:
    """A fresh ``QSettings`` on the INI file (cheap; Qt shares the parsed file between instances)."""
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)


def last_database_path() -> Path | None:
    """The database opened last time, if any (for a launcher that has no ``--db`` or ``$TILLITSLEDER_DB``)."""
    value = app_settings().value(KEY_LAST_DATABASE, "")
    return Path(str(value)) if value else None


def remember_database(path: Path) -> None:
    settings = app_settings()
    settings.setValue(KEY_LAST_DATABASE, str(path))
    settings.sync()


def saved_language() -> str | None:
    value = app_settings().value(KEY_LANGUAGE, "")
    return str(value) if value else None


def remember_language(code: str) -> None:
    settings = app_settings()
    settings.setValue(KEY_LANGUAGE, code)
    settings.sync()


def read_bytes(settings: QSettings, key: str) -> QByteArray | None:
    value = settings.value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def read_int(settings: QSettings, key: str, default: int = 0) -> int:
    try:
        return int(settings.value(key, default))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
