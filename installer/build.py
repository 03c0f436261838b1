"""Build the Tillitsleder desktop bundle with PyInstaller (one folder: ``<dist>/tillitsleder/``).

Run it with the project's virtualenv, from any folder (it works the same on Windows, macOS and Linux)::

    python installer/build.py                      # → installer/dist/tillitsleder/
    python installer/build.py --dist DIR --work DIR
    python installer/build.py --windows-installer  # the bundle, then Tillitsleder-X.Y.Z-setup.exe and .msi
    python installer/build.py --linux              # the bundle, then tillitsleder-X.Y.Z-linux-x86_64.tar.gz
    python installer/build.py --windows-installer --payload DIR   # package an existing folder, no PyInstaller
    python installer/build.py --windows-installer --only msi --payload DIR   # one of the two

The bundle's program is ``tillitsleder`` (``tillitsleder.exe`` on Windows, where it is a windowed program);
it takes the same arguments as the ``tillitsleder`` command. PyInstaller must be installed (it is in the
``test`` extra). What goes into the bundle is described in ``installer/tillitsleder.spec``.

``--windows-installer`` wraps the bundle in the per-user NSIS installer (``installer/tillitsleder.nsi``,
``makensis`` on PATH) and the MSI for IT (``installer/tillitsleder.wxs``, ``wixl`` on PATH); ``--linux`` makes a
tarball with a .desktop file, the icon and install.sh (``installer/packages.py``). PyInstaller cannot
cross-build: the Windows bundle is made on Windows (.github/workflows/windows.yml). ``--payload DIR`` packages a
folder that already exists; a folder without ``tillitsleder.exe`` (the Linux bundle, for the tests here) gives
files named ``…-linux-payload-for-testing…``, never mistaken for a real Windows installer. Names and version
come from ``tillitsleder/__init__.py``; the packages go to ``--out`` (default: the dist folder).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import packages  # installer/packages.py, beside this script

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


def make_packages(args: argparse.Namespace, bundle: Path) -> list[Path]:
    """The packages asked for, around ``bundle``; each reported with its size and the time it took."""
    product = packages.Product.from_package()
    out = (args.out or bundle.parent).resolve()
    out.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []

    def timed(label: str, make: Callable[[], Path]) -> None:
        started = time.monotonic()
        path = make()
        seconds = time.monotonic() - started
        print(f"{label}: {path} ({path.stat().st_size / 1_000_000:.1f} MB, {seconds:.0f} s)")
        made.append(path)

    if args.windows_installer:
        payload = packages.Payload.of(bundle, product.app_id)
        compressor = args.nsis_compressor
        if args.only in (None, "nsis"):
            timed("NSIS installer", lambda: packages.build_nsis(payload, product, out, compressor=compressor))
        if args.only in (None, "msi"):
            timed("MSI", lambda: packages.build_msi(payload, product, out, args.work.resolve() / "msi"))
    if args.linux:
        timed("Linux tarball", lambda: packages.build_linux_tarball(bundle, product, out))
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the Tillitsleder bundle with PyInstaller, and packages.")
    parser.add_argument(
        "--dist", type=Path, default=INSTALLER_DIR / "dist", help="where the bundle goes (default: installer/dist)"
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=INSTALLER_DIR / "build",
        help="PyInstaller's working folder (default: installer/build)",
    )
    parser.add_argument(
        "--windows-installer", action="store_true", help="then make the NSIS installer and the MSI (makensis, wixl)"
    )
    parser.add_argument("--linux", action="store_true", help="then make the Linux tarball (.desktop file, icon)")
    parser.add_argument(
        "--payload", type=Path, help="package this existing bundle folder instead of running PyInstaller"
    )
    parser.add_argument(
        "--only",
        choices=("nsis", "msi"),
        help="with --windows-installer: only this one (the Windows workflow makes the MSI on Linux)",
    )
    parser.add_argument("--out", type=Path, help="where the packages go (default: beside the bundle)")
    parser.add_argument("--nsis-compressor", choices=("none", "zlib", "lzma"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.payload is not None:
        bundle = args.payload.resolve()
        if not (args.windows_installer or args.linux):
            parser.error("--payload needs --windows-installer or --linux")
    else:
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
    try:
        make_packages(args, bundle)
    except packages.ToolMissing as error:
        print(f"Cannot make the packages: {error}", file=sys.stderr)
        return 2
    except (subprocess.CalledProcessError, FileNotFoundError) as error:
        print(f"Packaging failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
