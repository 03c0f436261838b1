"""``tillitsleder copy``: the command line end to end, in-process and as its own process, on the test's engine."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import postgresql_server as pg
import pytest
from cli_run import run_cli
from sqlalchemy import select, update

from tillitsleder.model import JournalEntry
from tillitsleder.storage import open_database


@pytest.fixture
def demo_file(demo_for_day: Callable[[date], Path], clock_day: date, tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_for_day(clock_day), path)
    return path


@pytest.fixture
def target(engine_name: str, tmp_path: Path) -> Iterator[str]:
    """A new database on the test's engine: a file not made yet, or an empty server database."""
    if engine_name == "sqlite":
        yield str(tmp_path / "copy" / "copy.sqlite3")
        return
    name = pg.unique_name("copy")
    yield pg.create_database(name)
    pg.drop_database(name)


def test_copy_there_refuse_replace_and_verify(capsys, demo_file: Path, target: str) -> None:
    code, out, err = run_cli(capsys, "copy", "--from", str(demo_file), "--to", target)
    assert code == 0, err
    assert "100% copied" in err and "Copied rows:" in out
    assert "journal_entry" in out and "Both hold the same" in out and "all identical" in out
    lines = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.startswith("  ")}
    assert lines["person"][0] == "99" and len(lines["person"][1]) == 12

    code, out, err = run_cli(capsys, "copy", "--from", str(demo_file), "--to", target)
    assert code == 2 and "already holds data" in err and "--replace" in err and "Traceback" not in err

    code, out, err = run_cli(capsys, "copy", "--from", str(demo_file), "--to", target, "--replace")
    assert code == 0, err
    assert "was replaced" in out and "Both hold the same" in out

    code, out, _ = run_cli(capsys, "copy", "--verify-only", "--from", str(demo_file), "--to", target)
    assert code == 0 and "Both hold the same" in out


def test_verify_only_finds_a_difference(capsys, demo_file: Path, target: str) -> None:
    assert run_cli(capsys, "copy", "--from", str(demo_file), "--to", target)[0] == 0
    db = open_database(target)
    try:
        with db.session() as s:
            first = s.scalar(select(JournalEntry.id).order_by(JournalEntry.id))
            s.execute(update(JournalEntry).where(JournalEntry.id == first).values(content=b"\x00tampered"))
    finally:
        db.close()
    code, out, _ = run_cli(capsys, "copy", "--verify-only", "--from", str(demo_file), "--to", target)
    assert code == 1
    assert "The two databases differ in: journal_entry." in out and "differs: the other side has" in out


def test_refusals_are_one_sentence_each(capsys, demo_file: Path, tmp_path: Path) -> None:
    code, _, err = run_cli(capsys, "copy", "--from", str(demo_file), "--to", str(demo_file), "--replace")
    assert code == 2 and "cannot be copied onto itself" in err
    code, _, err = run_cli(capsys, "copy", "--from", str(tmp_path / "none.sqlite3"), "--to", str(tmp_path / "x"))
    assert code == 5 and "There is no Tillitsleder database" in err
    unreachable = f"postgresql://someone:hemmelig@/tillitsleder?host={tmp_path / 'no-server'}"
    code, _, err = run_cli(capsys, "copy", "--from", str(demo_file), "--to", unreachable)
    assert code == 5 and "Cannot reach the database" in err and "hemmelig" not in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_copy_as_its_own_process_there_and_back(demo_file: Path, target: str, tmp_path: Path) -> None:
    env = {**os.environ, "TILLITSLEDER_LANG": "nb"}
    back = tmp_path / "back.sqlite3"
    for source, destination in ((str(demo_file), target), (target, str(back))):
        result = subprocess.run(
            [sys.executable, "-m", "tillitsleder", "copy", "--from", source, "--to", destination],
            capture_output=True,
            text=True,
            timeout=300,
            env=env,
        )
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr and "journal_entry" in result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "tillitsleder", "copy", "--verify-only", "--from", str(demo_file), "--to", str(back)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "Begge inneholder det samme" in result.stdout
