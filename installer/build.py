"""Build the Tillitsleder desktop bundle with PyInstaller (one folder: ``<dist>/tillitsleder/``).

Run it with the project's virtualenv, from any folder (it works the same on Windows, macOS and Linux)::

    python installer/build.py                      # → installer/dist/tillitsleder/
    python installer/build.py --dist DIR --work DIR

The bundle's program is ``tillitsleder`` (``tillitsleder.exe`` on Windows, where it is a windowed program);
it takes the same arguments as the ``tillitsleder`` command. PyInstaller must be installed (it is in the
``test`` extra). What goes into the bundle is described in ``installer/tillitsleder.spec``.

The per-user Windows installer, which wraps this folder, comes later.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

INSTALLER_DIR = Path(__file__).resolve().parent
SPEC = INSTALLER_DIR / "tillitsleder.spec"
BUNDLE_NAME = "tillitsleder"


def folder_size(folder: Path) -> int:
    """Bytes in all files under ``folder`` (symbolic links not followed)."""
    return sum(path.lstat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def executable(bundle: Path) -> Path:
    """The program inside a built bundle folder."""
    return bundle / (f"{BUNDLE_NAME}.exe" if sys.platform == "win32" else BUNDLE_NAME)


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; returns the bundle folder. Raises ``CalledProcessError`` on failure."""
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
    ]
    subprocess.run(command, check=True)
    bundle = dist / BUNDLE_NAME
    if not executable(bundle).is_file():
        raise FileNotFoundError(f"PyInstaller finished but {executable(bundle)} is missing")
    return bundle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the Tillitsleder bundle with PyInstaller.")
    parser.add_argument(
        "--dist", type=Path, default=INSTALLER_DIR / "dist", help="where the bundle goes (default: installer/dist)"
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=INSTALLER_DIR / "build",
        help="PyInstaller's working folder (default: installer/build)",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        bundle = build(args.dist.resolve(), args.work.resolve())
    except (subprocess.CalledProcessError, FileNotFoundError) as error:
        print(f"Build failed: {error}", file=sys.stderr)
        return 1
    seconds = time.monotonic() - started
    size_mb = folder_size(bundle) / 1_000_000
    print(f"Bundle: {bundle}")
    print(f"Program: {executable(bundle)}")
    print(f"Size: {size_mb:.1f} MB ({seconds:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
