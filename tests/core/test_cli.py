"""The command line: demo, check, version, and one translated sentence (no traceback) for mistakes."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tillitsleder import __version__
from tillitsleder.cli import main
from tillitsleder.storage.sqlite_file import head_revision


@pytest.fixture(autouse=True)
def _english_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI speaks Norwegian unless told otherwise; these tests read its English."""
    monkeypatch.setenv("TILLITSLEDER_LANG", "en")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:  # argparse's --version/--help/usage errors
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.strip() == f"Tillitsleder {__version__}"


def test_demo_then_check_is_healthy(capsys, tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    code, out, err = run(capsys, "demo", "--db", str(db))
    assert code == 0, err
    assert "participants" in out
    code, out, err = run(capsys, "check", "--db", str(db))
    assert code == 0, err
    assert f"Schema revision: {head_revision()} (this version: {head_revision()})" in out
    assert "Integrity: ok" in out
    counts = dict(line.split() for line in out.splitlines() if line.startswith("  "))
    assert int(counts["enrolment"].replace(",", "")) >= 35
    assert int(counts["session"].replace(",", "")) >= 15
    assert out.rstrip().endswith("Healthy.")


def test_demo_refuses_to_overwrite(capsys, tmp_path: Path) -> None:
    db = tmp_path / "existing.sqlite3"
    db.write_bytes(b"keep me")
    code, _, err = run(capsys, "demo", "--db", str(db))
    assert code != 0
    assert "already exists" in err and "Traceback" not in err
    assert db.read_bytes() == b"keep me"


def test_demo_needs_a_path(capsys) -> None:
    code, _, err = run(capsys, "demo")
    assert code == 2 and "--db" in err


def test_check_refuses_foreign_file_with_one_sentence(capsys, tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    path.write_bytes(b"PK\x03\x04 not a database")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    code, out, err = run(capsys, "check", "--db", str(path))
    assert code == 5
    assert err.strip().count("\n") == 0 and "is not a Tillitsleder database" in err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_check_missing_file(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "check", "--db", str(tmp_path / "nope.sqlite3"))
    assert code == 5 and "There is no Tillitsleder database" in err
    assert not (tmp_path / "nope.sqlite3").exists()


def test_check_reports_unhealthy_database(capsys, tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    assert run(capsys, "demo", "--db", str(db))[0] == 0
    con = sqlite3.connect(db)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("INSERT INTO department (municipality_id, name) VALUES (9999, 'Foreldreløs')")
    con.commit()
    con.close()
    code, out, _ = run(capsys, "check", "--db", str(db))
    assert code == 1 and "Foreign-key problems: 1" in out and "Not healthy." in out


def test_messages_in_norwegian(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "check", "--lang", "nb", "--db", str(tmp_path / "nope.sqlite3"))
    assert code == 5 and "Tillitsleder" in err and "There is no" not in err


def test_unknown_option_is_one_translated_sentence(capsys) -> None:
    code, _, err = run(capsys, "--lang", "nb", "--bogus")
    assert code == 2
    assert err.count("\n") == 1 and "--bogus" in err and "--help" in err
    assert "unrecognized" not in err  # argparse's own phrase came from our Norwegian catalog


def test_console_script_module_entry_point(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tillitsleder", "check", "--db", str(tmp_path / "none.sqlite3")],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "TILLITSLEDER_LANG": "en"},
    )
    assert result.returncode == 5
    assert "Traceback" not in result.stderr


def test_options_before_the_subcommand_count_and_after_it_win(capsys, tmp_path: Path) -> None:
    db = tmp_path / "first.sqlite3"
    code, out, err = run(capsys, "--db", str(db), "--lang", "sv", "demo")
    assert code == 0, err
    assert db.exists() and "Demodatabas skapad" in out
    code, out, _ = run(capsys, "--lang", "sv", "--db", str(tmp_path / "elsewhere.sqlite3"), "check", "--db", str(db))
    assert code == 0 and "Integritet: ok" in out
    code, out, _ = run(capsys, "--lang", "sv", "check", "--db", str(db), "--lang", "da")
    assert code == 0 and "Database:" in out and "Databas:" not in out


def test_a_mistyped_language_is_reported_in_the_users_language(capsys, monkeypatch) -> None:
    monkeypatch.setenv("TILLITSLEDER_LANG", "sv")
    code, _out, err = run(capsys, "--lang", "xx", "check")
    assert code == 2
    assert "ogiltigt val: 'xx'" in err and "'nb', 'nn', 'sv', 'da', 'en'" in err
