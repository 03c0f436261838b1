"""The PyInstaller bundle built by ``installer/build.py`` carries its resources, migrations and Qt plugins,
leaves the unneeded Qt modules out, and runs the CLI and the GUI on its own."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tillitsleder.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
IS_WINDOWS = sys.platform == "win32"
# The Windows program is windowed: it has no stdout/stderr, so only its exit codes can be checked.
HAS_CONSOLE = not IS_WINDOWS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def program(bundle: Path) -> Path:
    exe = bundle / ("tillitsleder.exe" if IS_WINDOWS else "tillitsleder")
    assert exe.is_file()
    return exe


def _files(bundle: Path) -> list[str]:
    return [path.relative_to(bundle).as_posix() for path in bundle.rglob("*") if path.is_file()]


def test_bundle_carries_resources_migrations_and_babel_data(bundle: Path) -> None:
    files = _files(bundle)

    def has(suffix: str) -> bool:
        return any(name.endswith(suffix) for name in files)

    for language in LANGUAGES:
        assert has(f"/resources/i18n/{language}/LC_MESSAGES/tillitsleder.mo")
    for language in ("nn", "sv", "da"):  # Qt's own strings in the languages Qt translates
        assert has(f"/translations/qtbase_{language}.qm")
    assert has("/resources/icons/tillitsleder.svg")
    # Alembic reads its scripts from files: they must be data next to the frozen package, not only bytecode.
    assert has("/tillitsleder/storage/migrations/env.py")
    assert has("/tillitsleder/storage/migrations/script.py.mako")
    assert any(re.search(r"/tillitsleder/storage/migrations/versions/0001_\w+\.py$", name) for name in files)
    assert not any("/tillitsleder/storage/migrations/" in name and "__pycache__" in name for name in files)
    assert has("/babel/global.dat")
    assert has("/babel/locale-data/nb_NO.dat") and has("/babel/locale-data/en_GB.dat")


def test_bundle_has_qt_plugins_and_leaves_unneeded_qt_out(bundle: Path) -> None:
    files = _files(bundle)
    names = [name.rsplit("/", 1)[-1] for name in files]
    plugin = "{}.dll" if IS_WINDOWS else "lib{}.so"
    platforms = ["qoffscreen", "qwindows"] if IS_WINDOWS else ["qoffscreen", "qxcb", "qwayland"]
    for name in platforms:
        assert any(f.endswith(f"/plugins/platforms/{plugin.format(name)}") for f in files), name
    assert any(f.endswith(f"/plugins/imageformats/{plugin.format('qsvg')}") for f in files)
    assert any(f.endswith(f"/plugins/iconengines/{plugin.format('qsvgicon')}") for f in files)
    assert any(re.match(r"(lib)?Qt6Pdf\b", name) for name in names)

    unwanted = re.compile(r"Qt6?(Qml|Quick|WebEngine|Multimedia|3D|Designer)", re.IGNORECASE)
    assert [f for f in files if unwanted.search(f.rsplit("/", 1)[-1])] == []
    for module in ("tkinter", "pytest", "hypothesis"):
        assert not any(f.split("/")[1:2] == [module] or f"/{module}/" in f for f in files), module


def test_bundle_runs_demo_check_and_gui(program: Path, tmp_path: Path, clean_env: dict[str, str]) -> None:
    work = tmp_path / "elsewhere"  # not the checkout: everything must come from the bundle
    work.mkdir()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(program), *args], cwd=work, env=clean_env, capture_output=True, text=True, timeout=300
        )

    db = work / "demo.sqlite3"
    demo = run("demo", "--db", str(db))
    assert demo.returncode == 0, demo.stderr
    assert db.is_file()  # created through the bundled Alembic migrations

    check = run("check", "--db", str(db), "--lang", "en")
    assert check.returncode == 0, check.stdout + check.stderr
    if HAS_CONSOLE:
        assert "Integrity: ok" in check.stdout

    check_nb = run("check", "--db", str(db), "--lang", "nb")
    assert check_nb.returncode == 0, check_nb.stdout + check_nb.stderr
    if HAS_CONSOLE:
        assert "Integritet: ok" in check_nb.stdout  # the Norwegian catalog was found inside the bundle

    gui = run("--db", str(db), "--exit-after", "500")  # offscreen: QT_QPA_PLATFORM comes from clean_env
    assert gui.returncode == 0, gui.stdout + gui.stderr
    if HAS_CONSOLE:
        assert "Traceback" not in gui.stderr
