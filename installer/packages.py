"""The packages around a bundle folder: the NSIS per-user installer, the MSI (wixl) and the Linux tarball.

Used by ``installer/build.py``; each function takes a finished bundle folder and writes one file into ``out``,
named with the version from ``tillitsleder/__init__.py``. The tools (``makensis``, ``wixl``) are found on PATH;
a missing one raises ``ToolMissing`` with what to install.
"""

from __future__ import annotations

import ast
import io
import re
import shutil
import subprocess
import tarfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

INSTALLER_DIR = Path(__file__).resolve().parent
ROOT = INSTALLER_DIR.parent
NSIS_SCRIPT = INSTALLER_DIR / "tillitsleder.nsi"
WIX_SOURCE = INSTALLER_DIR / "tillitsleder.wxs"
ICON_SVG = ROOT / "resources" / "icons" / "tillitsleder.svg"
# Component GUIDs of the generated file list are derived from each file's path inside the bundle, so the same
# file keeps its component from one version to the next (what Windows Installer's component rules ask for).
COMPONENT_NAMESPACE = uuid.UUID("0b8f7a5e-3f0c-4c52-a7f1-6d3e2b9c41d7")
# The suffix for packages whose payload is not a Windows bundle (the Linux bundle, packaged only for tests).
TEST_PAYLOAD_SUFFIX = "linux-payload-for-testing"


class ToolMissing(RuntimeError):
    """A packaging tool is not on PATH."""


@dataclass(frozen=True)
class Product:
    """Names and version, read from ``tillitsleder/__init__.py`` (not imported: the build needs no app code)."""

    name: str
    version: str
    app_id: str

    @classmethod
    def from_package(cls, init_file: Path = ROOT / "tillitsleder" / "__init__.py") -> Product:
        values: dict[str, str] = {}
        for node in ast.parse(init_file.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                for target in node.targets:
                    if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                        values[target.id] = node.value.value
        return cls(values["APP_NAME"], values["__version__"], values["APP_ID"])

    @property
    def numeric_version(self) -> str:
        """``x.y.z`` for MSI and the Windows version resource (``0.2.0.dev1`` → ``0.2.0``)."""
        parts = re.findall(r"\d+", self.version.split("+")[0])[:3]
        return ".".join((parts + ["0", "0", "0"])[:3])


@dataclass(frozen=True)
class Payload:
    """A bundle folder to package: a Windows bundle, or (tests on Linux) the Linux bundle, named as such."""

    folder: Path
    exe_name: str
    is_windows: bool

    @classmethod
    def of(cls, folder: Path, app_id: str) -> Payload:
        if (folder / f"{app_id}.exe").is_file():
            return cls(folder, f"{app_id}.exe", True)
        if (folder / app_id).is_file():
            return cls(folder, app_id, False)
        raise FileNotFoundError(f"No {app_id}.exe or {app_id} program in {folder}")

    def file_stem(self, product: Product) -> str:
        stem = f"{product.name}-{product.version}"
        return stem if self.is_windows else f"{stem}-{TEST_PAYLOAD_SUFFIX}"


def find_tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ToolMissing(f"{name} is not on PATH: install {package}")
    return found


# --- NSIS ------------------------------------------------------------------------------------------------


def nsis_target(makensis: str) -> str | None:
    """``amd64-unicode`` when this NSIS has 64-bit stubs (Debian's nsis: a 64-bit installer runs under a
    64-bit-only Wine), else ``None`` (the script's default, x86-unicode, as in the official Windows NSIS)."""
    info = subprocess.run([makensis, "-HDRINFO"], capture_output=True, text=True, check=False).stdout
    for item in info.replace("\n", ",").split(","):
        if item.strip().startswith("NSISDIR="):
            if (Path(item.strip().split("=", 1)[1]) / "Stubs" / "zlib-amd64-unicode").is_file():
                return "amd64-unicode"
    return None


def build_nsis(payload: Payload, product: Product, out: Path, *, compressor: str | None = None) -> Path:
    """The per-user installer ``<Name>-<version>[-linux-payload-for-testing]-setup.exe``. ``compressor``
    ("none", "zlib", "lzma") overrides the script's solid LZMA (the tests use "none": made in seconds)."""
    makensis = find_tool("makensis", "NSIS 3 (Debian: nsis; Windows: choco install nsis)")
    target = out / f"{payload.file_stem(product)}-setup.exe"
    defines = {
        "APP_NAME": product.name,
        "APP_VERSION": product.numeric_version,
        "PAYLOAD": str(payload.folder),
        "EXE_NAME": payload.exe_name,
        "OUTFILE": str(target),
        "DATA_FOLDER": product.name,  # platformdirs' local data folder: %LOCALAPPDATA%\<APP_NAME>
    }
    command = [makensis, "-V2", "-INPUTCHARSET", "UTF8"]
    command += [f"-D{key}={value}" for key, value in defines.items()]
    if compressor:
        command.append(f"-DCOMPRESSOR={compressor}")
    target_cpu = nsis_target(makensis)
    if target_cpu:
        command.append(f"-DTARGET={target_cpu}")
    command.append(str(NSIS_SCRIPT))
    subprocess.run(command, check=True)
    return target


# --- MSI -------------------------------------------------------------------------------------------------


def _wix_id(prefix: str, relative: str) -> str:
    return prefix + uuid.uuid5(COMPONENT_NAMESPACE, relative).hex.upper()


def bundle_files_wxs(payload: Payload) -> str:
    """The WiX fragment with one component per file of the bundle (the program itself is in the main source),
    in the component group ``BundleFiles`` under ``INSTALLDIR``; sources relative to the bundle folder."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">']
    lines.append("  <Fragment>")
    components: list[str] = []

    def emit(folder: Path, depth: int) -> None:
        pad = "  " * depth
        for entry in sorted(folder.iterdir(), key=lambda p: (p.is_dir() and not p.is_symlink(), p.name)):
            relative = entry.relative_to(payload.folder).as_posix()
            if entry.is_dir() and not entry.is_symlink():
                lines.append(f"{pad}<Directory Id={quoteattr(_wix_id('d', relative))} Name={quoteattr(entry.name)}>")
                emit(entry, depth + 1)
                lines.append(f"{pad}</Directory>")
            elif entry.is_file() and relative != payload.exe_name:
                component = _wix_id("c", relative)
                components.append(component)
                guid = str(uuid.uuid5(COMPONENT_NAMESPACE, relative)).upper()
                lines.append(f"{pad}<Component Id={quoteattr(component)} Guid={quoteattr(guid)}>")
                lines.append(
                    f"{pad}  <File Id={quoteattr(_wix_id('f', relative))} Name={quoteattr(entry.name)} "
                    f'KeyPath="yes" Source={quoteattr(relative)} />'
                )
                lines.append(f"{pad}</Component>")

    lines.append('    <DirectoryRef Id="INSTALLDIR">')
    emit(payload.folder, 3)
    lines.append("    </DirectoryRef>")
    lines.append("  </Fragment>")
    lines.append("  <Fragment>")
    lines.append('    <ComponentGroup Id="BundleFiles">')
    lines += [f"      <ComponentRef Id={quoteattr(component)} />" for component in components]
    lines.append("    </ComponentGroup>")
    lines.append("  </Fragment>")
    lines.append("</Wix>")
    return "\n".join(lines) + "\n"


def build_msi(payload: Payload, product: Product, out: Path, work: Path) -> Path:
    """The MSI ``<Name>-<version>[-linux-payload-for-testing].msi`` from ``tillitsleder.wxs`` and the
    generated file list (kept in ``work`` as ``bundle-files.wxs``)."""
    wixl = find_tool("wixl", "msitools' wixl (Debian: wixl)")
    work.mkdir(parents=True, exist_ok=True)
    files = work / "bundle-files.wxs"
    files.write_text(bundle_files_wxs(payload), encoding="utf-8")
    target = out / f"{payload.file_stem(product)}.msi"
    defines = {
        "AppName": product.name,
        "Version": product.numeric_version,
        "Payload": ".",  # wixl finds relative sources from its working folder (absolute ones fail)
        "ExeName": payload.exe_name,
    }
    command = [wixl, "--arch", "x64", "-o", str(target)]
    for key, value in defines.items():
        command += ["-D", f"{key}={value}"]
    command += [str(WIX_SOURCE), str(files)]
    subprocess.run(command, check=True, cwd=payload.folder)
    return target


# --- Linux -----------------------------------------------------------------------------------------------

DESKTOP_ENTRY = """[Desktop Entry]
Type=Application
Version=1.0
Name={name}
GenericName=Leadership programmes
GenericName[nb]=Lederutviklingsprogram
GenericName[nn]=Leiarutviklingsprogram
GenericName[sv]=Ledarutvecklingsprogram
GenericName[da]=Lederudviklingsprogrammer
Comment=Trust-based leadership development programmes
Comment[nb]=Tillitsbaserte lederutviklingsprogram
Comment[nn]=Tillitsbaserte leiarutviklingsprogram
Comment[sv]=Tillitsbaserade ledarutvecklingsprogram
Comment[da]=Tillidsbaserede lederudviklingsprogrammer
Exec={exec}
Icon={icon}
Terminal=false
Categories=Office;ProjectManagement;
StartupWMClass={name}
"""

INSTALL_SCRIPT = """#!/bin/sh
# Install {name} {version} for the current user (no root): the program to ~/.local/opt/{app_id}, a menu
# entry and its icon under ~/.local/share. Run it from the unpacked folder. Uninstall: ./install.sh --remove
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${{XDG_DATA_HOME:-$HOME/.local/share}}
opt=$HOME/.local/opt/{app_id}
entry=$data/applications/{app_id}.desktop
icon=$data/icons/hicolor/scalable/apps/{app_id}.svg
if [ "${{1:-}}" = --remove ]; then
  rm -rf "$opt" "$entry" "$icon"
  echo "{name} removed. Your data is still in $data/{name}."
  exit 0
fi
rm -rf "$opt"
mkdir -p "$opt" "$(dirname "$entry")" "$(dirname "$icon")"
cp -a "$here/{app_id}/." "$opt/"
cp "$here/{app_id}.svg" "$icon"
sed "s|^Exec=.*|Exec=$opt/{app_id}|; s|^Icon=.*|Icon={app_id}|" "$here/{app_id}.desktop" >"$entry"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
echo "{name} installed in $opt; it is in the applications menu."
"""

INSTALL_NOTE = """{name} {version} for Linux (x86-64)

Unpack anywhere, then either
  ./install.sh                 install for you (no root): ~/.local/opt/{app_id} and a menu entry
  ./{app_id}/{app_id}          or run it straight from here

./install.sh --remove takes the program and the menu entry away again. Neither touches your data: the
databases, their backups and the logs are in ~/.local/share/{name} (or $XDG_DATA_HOME/{name}).
The program needs the usual desktop libraries (X11 or Wayland, fontconfig, EGL/GL).
Command line: ./{app_id}/{app_id} --help
"""


def build_linux_tarball(bundle: Path, product: Product, out: Path) -> Path:
    """``<app_id>-<version>-linux-x86_64.tar.gz``: the bundle, a .desktop file, the icon, install.sh and a
    note (INSTALL.txt), all in one top folder of the same name."""
    top = f"{product.app_id}-{product.version}-linux-x86_64"
    target = out / f"{top}.tar.gz"
    fields = {"name": product.name, "version": product.version, "app_id": product.app_id}
    texts = {
        f"{product.app_id}.desktop": DESKTOP_ENTRY.format(
            name=product.name, exec=f"{product.app_id}", icon=product.app_id
        ),
        "install.sh": INSTALL_SCRIPT.format(**fields),
        "INSTALL.txt": INSTALL_NOTE.format(**fields),
    }
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=f"{top}/{product.app_id}")
        tar.add(ICON_SVG, arcname=f"{top}/{product.app_id}.svg")
        for name, text in texts.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(f"{top}/{name}")
            info.size = len(data)
            info.mode = 0o755 if name.endswith(".sh") else 0o644
            tar.addfile(info, io.BytesIO(data))
    return target
