"""Where the database lives by default: the user's local data folder, on Windows %LOCALAPPDATA%, never the
roaming profile (a SQLite file does not belong on a redirected or synchronised folder)."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import platformdirs.windows as windows
import pytest

from tillitsleder.storage import locations


def test_windows_data_folder_is_local_appdata_not_roaming(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # platformdirs' own Windows rules, with the folders read from the environment (its fallback when the
    # Windows API is not there): what %LOCALAPPDATA% and %APPDATA% are on a coordinator's PC.
    monkeypatch.setattr(platformdirs, "PlatformDirs", windows.Windows)
    monkeypatch.setattr(windows, "get_win_folder", windows.get_win_folder_from_env_vars)
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "AppData" / "Local"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "AppData" / "Roaming"))

    assert locations.data_dir() == tmp_path / "AppData" / "Local" / "Tillitsleder"
    assert locations.default_database_path() == tmp_path / "AppData" / "Local" / "Tillitsleder" / "tillitsleder.sqlite3"
    assert "Roaming" not in locations.data_dir().parts


def test_database_path_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(locations.ENV_VAR, str(tmp_path / "from-env.sqlite3"))
    assert locations.resolve_database_path(tmp_path / "given.sqlite3") == tmp_path / "given.sqlite3"
    assert locations.resolve_database_path(None) == tmp_path / "from-env.sqlite3"
    monkeypatch.delenv(locations.ENV_VAR)
    assert locations.resolve_database_path(None) == locations.default_database_path()
