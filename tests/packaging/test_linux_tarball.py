"""``installer/build.py --linux``: the tarball unpacks into a temporary HOME, its install.sh puts the program and a
valid menu entry under ~/.local, the installed program opens a demo (offscreen, with an exit timer), and
``install.sh --remove`` takes the program away and leaves the user's data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from tillitsleder import APP_ID, __version__

ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = ROOT / "installer" / "build.py"
TOP = f"{APP_ID}-{__version__}-linux-x86_64"

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux tarball")]


@pytest.fixture(scope="module")
def tarball(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tarball")
    command = [sys.executable, str(BUILD_SCRIPT), "--linux", "--payload", str(bundle), "--out", str(out)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    target = out / f"{TOP}.tar.gz"
    assert f"Linux tarball: {target} (" in result.stdout
    print(f"\n[measure] {result.stdout.strip()}")
    return target


def validate(desktop_file: Path) -> None:
    if shutil.which("desktop-file-validate") is None:
        if os.environ.get("CI"):
            pytest.fail("desktop-file-validate is not on PATH (apt install desktop-file-utils)")
        pytest.skip("desktop-file-validate is not on PATH (apt install desktop-file-utils)")
    result = subprocess.run(["desktop-file-validate", str(desktop_file)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr  # no hints either


def test_tarball_installs_for_the_user_and_runs(tarball: Path, tmp_path: Path, clean_env: dict[str, str]) -> None:
    home = Path(clean_env["HOME"])
    home.mkdir(parents=True)
    env = {**clean_env, "XDG_DATA_HOME": str(home / ".local" / "share")}
    with tarfile.open(tarball) as tar:
        names = tar.getnames()
        assert {f"{TOP}/{name}" for name in ("install.sh", "INSTALL.txt", f"{APP_ID}.desktop", f"{APP_ID}.svg")} <= set(
            names
        )
        assert f"{TOP}/{APP_ID}/{APP_ID}" in names
        tar.extractall(home / "Downloads", filter="tar")
    unpacked = home / "Downloads" / TOP
    validate(unpacked / f"{APP_ID}.desktop")
    assert "~/.local/share/Tillitsleder" in (unpacked / "INSTALL.txt").read_text(encoding="utf-8")

    started = time.monotonic()
    install = subprocess.run(["sh", str(unpacked / "install.sh")], env=env, capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stderr
    print(f"\n[measure] install.sh: {time.monotonic() - started:.1f} s")
    program = home / ".local" / "opt" / APP_ID / APP_ID
    entry = home / ".local" / "share" / "applications" / f"{APP_ID}.desktop"
    icon = home / ".local" / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert program.is_file() and os.access(program, os.X_OK)
    assert icon.is_file()
    validate(entry)
    assert f"Exec={program}\n" in entry.read_text(encoding="utf-8")

    shutil.rmtree(unpacked)  # the installed copy stands on its own
    work = tmp_path / "elsewhere"
    work.mkdir()
    gui = subprocess.run(
        [str(program), "--demo", "--exit-after", "300"], cwd=work, env=env, capture_output=True, text=True, timeout=300
    )
    assert gui.returncode == 0, gui.stdout[-2000:] + gui.stderr[-3000:]
    assert "Traceback" not in gui.stderr

    data = home / ".local" / "share" / "Tillitsleder"
    data.mkdir(parents=True, exist_ok=True)
    (data / "tillitsleder.sqlite3").write_bytes(b"the user's database")
    installed_copy = home / ".local" / "opt" / APP_ID / "install.sh"
    assert not installed_copy.exists()
    remove = subprocess.run(
        ["sh", "-c", f'cd "{tmp_path}" && tar -xzf "{tarball}" "{TOP}/install.sh" && sh "{TOP}/install.sh" --remove'],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert remove.returncode == 0, remove.stderr
    assert not program.exists() and not entry.exists() and not icon.exists()
    assert (data / "tillitsleder.sqlite3").read_bytes() == b"the user's database"
    assert str(data) in remove.stdout
