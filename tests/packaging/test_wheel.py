"""A wheel built from the checkout, installed into a fresh virtualenv, finds its resources and works."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tillitsleder.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    (built,) = out.glob("tillitsleder-*.whl")
    return built


def test_wheel_contains_both_packages_resources_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "tillitsleder/cli.py" in names
    assert "ui/app.py" in names
    for language in LANGUAGES:
        assert f"tillitsleder/resources/i18n/{language}/LC_MESSAGES/tillitsleder.mo" in names
    assert "tillitsleder/resources/icons/tillitsleder.svg" in names
    assert "tillitsleder/storage/migrations/env.py" in names
    assert any(n.startswith("tillitsleder/storage/migrations/versions/0001_") for n in names)
    assert not any(n.startswith("tests/") for n in names)


def test_installed_wheel_runs_demo_check_and_gui(wheel: Path, tmp_path: Path, clean_env: dict[str, str]) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True, timeout=300)
    # The heavy dependencies (Qt, SQLAlchemy …) come from this test's environment, appended after the
    # new venv's own site-packages, so the code under test is the wheel's and nothing else.
    child_site = Path(
        subprocess.check_output(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True
        ).strip()
    )
    (child_site / "zz_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    work = tmp_path / "elsewhere"
    work.mkdir()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=work, env=clean_env, capture_output=True, text=True, timeout=300)

    where = run(
        str(python), "-c", "import tillitsleder.resources as r, ui; print(r.resources_dir()); print(ui.__file__)"
    )
    assert where.returncode == 0, where.stderr
    resources, ui_file = where.stdout.split()
    assert Path(resources).is_relative_to(env_dir) and Path(ui_file).is_relative_to(env_dir)

    script = env_dir / "bin" / "tillitsleder"
    db = work / "demo.sqlite3"
    demo = run(str(script), "demo", "--db", str(db))
    assert demo.returncode == 0, demo.stderr
    check = run(str(script), "check", "--db", str(db), "--lang", "nb")
    assert check.returncode == 0, check.stderr
    assert "Integritet: ok" in check.stdout  # the Norwegian catalog was found inside the installed package
    gui = run(str(script), "--db", str(db), "--exit-after", "300")
    assert gui.returncode == 0, gui.stderr
