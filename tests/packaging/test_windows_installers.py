"""The Windows packages, made and tried here on Linux: Debian's NSIS compiles ``installer/tillitsleder.nsi`` and
wixl ``installer/tillitsleder.wxs`` (checked table by table with ``msiinfo``), and the NSIS installer installs
and uninstalls silently under Debian's 64-bit Wine in a throwaway prefix.

The payload is the Linux bundle (PyInstaller cannot cross-build; the real Windows bundle is made by
.github/workflows/windows.yml), so the packages are named ``…-linux-payload-for-testing…`` and the installed
program is not started here (the Windows workflow starts it).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tillitsleder import APP_NAME, __version__

ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = ROOT / "installer" / "build.py"
UPGRADE_CODE = "{6A0E3C1B-7D52-4C8E-9B1F-2F4D8A6C5E31}"
STEM = f"{APP_NAME}-{__version__}-linux-payload-for-testing"
UNINSTALL_KEY = r"[Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Tillitsleder]"

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="Linux tools (Wine, wixl)")]


def need(*tools: str) -> None:
    """Skip without the tools on a developer's machine; in CI (CI=true) a missing tool fails."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        message = f"not on PATH: {', '.join(missing)} (apt install nsis wixl msitools wine64)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def packages(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    need("makensis", "wixl")
    out = tmp_path_factory.mktemp("installers")
    command = [sys.executable, str(BUILD_SCRIPT), "--windows-installer", "--payload", str(bundle)]
    command += ["--out", str(out), "--work", str(out / "work"), "--nsis-compressor", "none"]
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    print(f"\n[measure] packaging (NSIS uncompressed + MSI): {time.monotonic() - started:.0f} s")
    print(result.stdout)
    made = {"nsis": out / f"{STEM}-setup.exe", "msi": out / f"{STEM}.msi"}
    for path in made.values():
        assert path.is_file(), result.stdout
        assert re.search(rf"{re.escape(str(path))} \(\d+\.\d MB, \d+ s\)", result.stdout)  # size and time shown
    return made


def test_the_build_names_a_missing_tool(bundle: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PATH": str(tmp_path)}  # neither makensis nor wixl there
    command = [sys.executable, str(BUILD_SCRIPT), "--windows-installer", "--payload", str(bundle)]
    result = subprocess.run(command + ["--out", str(tmp_path)], capture_output=True, text=True, env=env)
    assert result.returncode == 2
    assert "makensis is not on PATH" in result.stderr


def msi_table(msi: Path, table: str) -> list[list[str]]:
    """The rows of one MSI table (``msiinfo export``: a header of three lines, then tab-separated rows)."""
    text = subprocess.run(["msiinfo", "export", str(msi), table], capture_output=True, text=True, check=True).stdout
    return [line.split("\t") for line in text.splitlines()[3:]]


def test_msi_tables(packages: dict[str, Path], bundle: Path) -> None:
    need("msiinfo")
    msi = packages["msi"]
    tables = subprocess.run(["msiinfo", "tables", str(msi)], capture_output=True, text=True, check=True).stdout
    for table in ("File", "Component", "Shortcut", "Upgrade", "Property", "Directory", "FeatureComponents"):
        assert table in tables.split()

    files = msi_table(msi, "File")
    bundle_files = [path for path in bundle.rglob("*") if path.is_file()]
    assert len(files) == len(bundle_files)  # every file of the bundle, once
    names = {row[2].split("|")[-1] for row in files}
    assert {"tillitsleder", "base_library.zip"} <= names
    components = msi_table(msi, "Component")
    assert len(components) == len(files) and all(re.fullmatch(r"\{[0-9A-F-]{36}\}", row[1]) for row in components)

    (shortcut,) = msi_table(msi, "Shortcut")
    assert shortcut[1:3] == ["ProgramMenuFolder", APP_NAME]

    upgrade = msi_table(msi, "Upgrade")
    assert {row[0] for row in upgrade} == {UPGRADE_CODE}
    assert {row[-1] for row in upgrade} == {"WIX_UPGRADE_DETECTED", "WIX_DOWNGRADE_DETECTED"}  # MajorUpgrade

    properties = {row[0]: row[1] for row in msi_table(msi, "Property")}
    assert properties["UpgradeCode"] == UPGRADE_CODE
    assert properties["ALLUSERS"] == "2"  # dual-purpose: per machine, or per user with MSIINSTALLPERUSER=1
    assert "MSIINSTALLPERUSER" not in properties
    assert properties["ProductVersion"] == __version__
    assert properties["ARPNOMODIFY"] == "1" and properties["ARPNOREPAIR"] == "1"
    directories = {row[0]: row for row in msi_table(msi, "Directory")}
    assert directories["INSTALLDIR"][1:] == ["ProgramFiles64Folder", APP_NAME]


# --- the NSIS installer under Wine ---------------------------------------------------------------------------


class Wine:
    """A throwaway 64-bit Wine prefix under ``home`` (nothing of the user's own Wine is touched)."""

    def __init__(self, home: Path) -> None:
        self.prefix = home / "wine"
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("WINE", "DISPLAY", "WAYLAND"))},
            "HOME": str(home),
            "WINEPREFIX": str(self.prefix),
            "WINEDEBUG": "-all",
            "WINEDLLOVERRIDES": "mscoree,mshtml=",  # no Mono/Gecko install prompts
        }
        home.mkdir(parents=True, exist_ok=True)

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run and wait until every process of the prefix has ended (the uninstaller re-starts itself)."""
        result = subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=300)
        subprocess.run(["wineserver", "-w"], env=self.env, timeout=300, check=True)
        return result

    def user_folder(self) -> Path:
        (user,) = [p for p in (self.prefix / "drive_c" / "users").iterdir() if p.name != "Public"]
        return user

    def registry_key(self, key: str) -> dict[str, str]:
        """The values of one HKEY_CURRENT_USER key, read from ``user.reg`` (empty if the key is not there)."""
        text = (self.prefix / "user.reg").read_text(encoding="utf-8", errors="replace")
        values: dict[str, str] = {}
        inside = False
        for line in text.splitlines():
            if line.startswith("["):
                inside = line.split("] ")[0] + "]" == key
            elif inside and line.startswith(('"', "@=")):
                name, value = line.split("=", 1)  # the names here have no "=" in them
                values[name.strip('"')] = value
        return values


def test_nsis_installs_and_uninstalls_under_wine(packages: dict[str, Path], bundle: Path, tmp_path: Path) -> None:
    need("wine", "wineboot", "wineserver")
    wine = Wine(tmp_path / "home")
    started = time.monotonic()
    boot = wine.run("wineboot", "-i")
    assert boot.returncode == 0, boot.stderr[-2000:]
    booted = time.monotonic()

    installed = wine.run("wine", str(packages["nsis"]), "/S")
    assert installed.returncode == 0, installed.stderr[-2000:]
    install_seconds = time.monotonic() - booted
    user = wine.user_folder()
    local = user / "AppData" / "Local"
    program_dir = local / "Programs" / APP_NAME
    assert (program_dir / "tillitsleder").is_file()
    assert (program_dir / "uninstall.exe").is_file()

    def files(folder: Path) -> list[str]:
        return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())

    assert files(program_dir) == sorted([*files(bundle), "uninstall.exe"])  # the whole bundle, nothing else
    start_menu = user / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs"
    assert (start_menu / f"{APP_NAME}.lnk").is_file()
    # The desktop shortcut is a component, off by default (Wine links Desktop to $HOME: the path is followed).
    assert (user / "Desktop").exists() and not (user / "Desktop" / f"{APP_NAME}.lnk").exists()

    key = wine.registry_key(UNINSTALL_KEY)
    install_location = r"C:\\users\\" + user.name + r"\\AppData\\Local\\Programs\\Tillitsleder"
    assert key["DisplayName"] == f'"{APP_NAME}"'
    assert key["DisplayVersion"] == f'"{__version__}"'
    assert key["Publisher"] == '"Tillitsleder"'
    assert key["InstallLocation"] == f'"{install_location}"'
    assert key["UninstallString"] == rf'"\"{install_location}\\uninstall.exe\""'
    assert key["QuietUninstallString"] == rf'"\"{install_location}\\uninstall.exe\" /S"'
    assert key["NoModify"] == key["NoRepair"] == "dword:00000001"
    assert int(key["EstimatedSize"].removeprefix("dword:"), 16) > 10_000  # KB
    open_with = wine.registry_key(r"[Software\\Classes\\.sqlite3\\OpenWithProgids]")
    assert "Tillitsleder.Database" in open_with
    assert wine.registry_key(r"[Software\\Classes\\.sqlite3]").get("@") is None  # the default is not taken

    # The user's data, as the app keeps it in %LOCALAPPDATA%\Tillitsleder (storage/locations.py).
    data = local / APP_NAME
    (data / "backups").mkdir(parents=True)
    (data / "tillitsleder.sqlite3").write_bytes(b"the user's database")
    (data / "backups" / "tillitsleder.close-20260101T120000Z.sqlite3").write_bytes(b"a backup")

    before_uninstall = time.monotonic()
    removed = wine.run("wine", str(program_dir / "uninstall.exe"), "/S")
    assert removed.returncode == 0, removed.stderr[-2000:]
    uninstall_seconds = time.monotonic() - before_uninstall
    assert not program_dir.exists()
    assert not (start_menu / f"{APP_NAME}.lnk").exists()
    assert wine.registry_key(UNINSTALL_KEY) == {}
    assert wine.registry_key(r"[Software\\Classes\\Applications\\tillitsleder]") == {}
    assert "Tillitsleder.Database" not in wine.registry_key(r"[Software\\Classes\\.sqlite3\\OpenWithProgids]")
    assert (data / "tillitsleder.sqlite3").read_bytes() == b"the user's database"
    assert (data / "backups" / "tillitsleder.close-20260101T120000Z.sqlite3").read_bytes() == b"a backup"
    print(
        f"\n[measure] wine: prefix {booted - started:.0f} s, install {install_seconds:.1f} s, "
        f"uninstall {uninstall_seconds:.1f} s, total {time.monotonic() - started:.0f} s; "
        f"installer {packages['nsis'].stat().st_size / 1e6:.1f} MB (uncompressed payload)"
    )
