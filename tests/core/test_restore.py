"""Restoring a backup: checks first, a copy of the current file, an atomic replacement, the after-restore hook, the
refusals, and the file always old or new under ``kill -9``."""

from __future__ import annotations

import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from backup_testdata import (
    check_sound,
    cli,
    digest,
    older_database,
    prepared_for_killing,
    revision_of,
    start_worker,
    write_something,
)

from tillitsleder.errors import DatabaseDamaged, DatabaseTooNew, NotATillitslederDatabase, StorageError
from tillitsleder.model import Municipality
from tillitsleder.storage import backups, open_database
from tillitsleder.storage.restore import (
    TEMPORARY_SUFFIX,
    RestoreResult,
    register_after_restore,
    restore_backup,
    unregister_after_restore,
)
from tillitsleder.storage.sqlite_file import head_revision


def names(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [row[0] for row in con.execute("SELECT name FROM municipality ORDER BY id")]
    finally:
        con.close()


@pytest.fixture
def with_backup(db_path: Path) -> Path:
    """``db_path`` holds Nordstrand and Sørstrand; the returned backup only Nordstrand."""
    write_something(db_path, "Bydel Nordstrand")
    made = backups.make_backup(db_path, "manual")
    write_something(db_path, "Bydel Sørstrand")
    return made


def test_restore_puts_the_backup_back_and_keeps_the_current_file(db_path: Path, with_backup: Path) -> None:
    seen: list[RestoreResult] = []
    result = restore_backup(with_backup, db_path, after_restore=seen.append)
    assert names(db_path) == ["Bydel Nordstrand"]
    assert result.previous_copy is not None and names(result.previous_copy) == ["Bydel Nordstrand", "Bydel Sørstrand"]
    assert seen == [result] and result.path == db_path and result.restored_from == with_backup
    assert not any(p.name.endswith(TEMPORARY_SUFFIX) for p in db_path.parent.iterdir())
    db = open_database(db_path)
    assert not db.read_only
    with db.session() as session:
        session.add(Municipality(name="Bydel Vest"))
    db.close()
    assert names(db_path) == ["Bydel Nordstrand", "Bydel Vest"]


def test_registered_after_restore_callbacks_run_once_the_file_is_in_place(db_path: Path, with_backup: Path) -> None:
    """The hook the erasure log uses: it sees the restored file, before anyone opens it."""
    seen: list[list[str]] = []

    def reapply(result: RestoreResult) -> None:
        seen.append(names(result.path))

    register_after_restore(reapply)
    try:
        restore_backup(with_backup, db_path)
    finally:
        unregister_after_restore(reapply)
    assert seen == [["Bydel Nordstrand"]]
    restore_backup(with_backup, db_path)
    assert len(seen) == 1


def test_an_older_backup_is_restored_and_migrated_when_opened(db_path: Path, tmp_path: Path) -> None:
    write_something(db_path)
    old = tmp_path / "old.sqlite3"
    older_database(old)
    result = restore_backup(old, db_path)
    assert result.revision == revision_of(db_path) != head_revision()
    db = open_database(db_path)
    db.close()
    assert revision_of(db_path) == head_revision()


def test_a_damaged_backup_is_refused_and_nothing_changes(db_path: Path, with_backup: Path) -> None:
    con = sqlite3.connect(with_backup)
    con.executemany("INSERT INTO municipality (name, country, timezone) VALUES (?, 'NO', 'Europe/Oslo')",
                    [(f"Kommune {i}",) for i in range(3000)])  # fmt: skip
    con.commit()
    con.close()
    data = bytearray(with_backup.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for offset in range(page * 3, min(len(data), page * 8), 7):
        data[offset] = 0x5A
    with_backup.write_bytes(bytes(data))
    before = digest(db_path)
    with pytest.raises(DatabaseDamaged):
        restore_backup(with_backup, db_path)
    assert digest(db_path) == before
    assert [b.path for b in backups.list_backups(db_path)] == [with_backup]


def test_foreign_and_newer_backups_are_refused(db_path: Path, with_backup: Path, tmp_path: Path) -> None:
    before = digest(db_path)
    text = tmp_path / "notes.sqlite3"
    text.write_text("ikke en database\n" * 50)
    with pytest.raises(NotATillitslederDatabase):
        restore_backup(text, db_path)
    con = sqlite3.connect(with_backup)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    with pytest.raises(DatabaseTooNew):
        restore_backup(with_backup, db_path)
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    with pytest.raises(StorageError, match="not a Tillitsleder backup"):
        restore_backup(empty, db_path)
    assert digest(db_path) == before


def test_restore_is_refused_while_another_program_has_the_database_open(db_path: Path, with_backup: Path) -> None:
    other = open_database(db_path)
    with other.session() as session:  # a writer, now idle but still connected
        session.add(Municipality(name="Bydel Vest"))
    try:
        with pytest.raises(StorageError, match="in use by another program"):
            restore_backup(with_backup, db_path)
        reader = sqlite3.connect(db_path)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM municipality").fetchone()
        other.close()
        with pytest.raises(StorageError, match="in use by another program"):
            restore_backup(with_backup, db_path)
        reader.close()
    finally:
        other.close()
    assert names(db_path) == ["Bydel Nordstrand", "Bydel Sørstrand", "Bydel Vest"]
    restore_backup(with_backup, db_path)
    assert names(db_path) == ["Bydel Nordstrand"]


def test_a_leftover_temporary_file_is_replaced(db_path: Path, with_backup: Path) -> None:
    leftover = db_path.with_name(f".{db_path.name}{TEMPORARY_SUFFIX}")
    leftover.write_bytes(b"half a copy")
    restore_backup(with_backup, db_path)
    assert not leftover.exists() and names(db_path) == ["Bydel Nordstrand"]


def test_restore_command(db_path: Path, with_backup: Path, capsys) -> None:
    code, out, err = cli(capsys, "restore", str(with_backup), "--db", str(db_path))
    assert code == 0, err
    assert "Restored" in out and names(db_path) == ["Bydel Nordstrand"]
    code, _out, err = cli(capsys, "restore", str(db_path), "--db", str(db_path))
    assert code != 0 and "Traceback" not in err


# --- kill -9 -------------------------------------------------------------------------------------------------------


def marks(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM kill_marks").fetchone()[0]
    finally:
        con.close()


def kill_restores(path: Path, iterations: int, seed: int) -> tuple[int, int]:
    """Restore two backups in turn in a worker killed at random moments; after each kill the database must be
    sound and one of the two. Returns how often each backup was found in place; prints how often the kill came
    in the middle of a copy (a temporary file was left)."""
    rng = random.Random(seed)
    prepared_for_killing(path)
    first = backups.make_backup(path, "manual", thin=False)
    con = sqlite3.connect(path)
    con.execute("DELETE FROM kill_marks WHERE n % 2 = 0")
    con.commit()
    con.close()
    second = backups.make_backup(path, "manual", thin=False)
    keep = path.parent / "keep"
    keep.mkdir()
    first, second = first.rename(keep / "first.sqlite3"), second.rename(keep / "second.sqlite3")
    expected = {marks(first): "first", marks(second): "second"}
    found = {"first": 0, "second": 0}
    temporary = path.with_name(f".{path.name}{TEMPORARY_SUFFIX}")
    mid_copy = 0
    for _ in range(iterations):
        process = start_worker("restore", str(path), str(first), str(second))
        time.sleep(rng.uniform(0, 0.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
        mid_copy += temporary.exists()
        check_sound(path)
        found[expected[marks(path)]] += 1
    print(f"\nkill -9 during restore: {iterations} kills, {mid_copy} in the middle of a copy, {found}")
    return found["first"], found["second"]


def test_kill_during_restore_leaves_the_old_or_the_new_file(db_path: Path) -> None:
    first, second = kill_restores(db_path, iterations=8, seed=3)
    assert first + second == 8


@pytest.mark.slow
def test_kill_during_restore_many_times(db_path: Path) -> None:
    first, second = kill_restores(db_path, iterations=150, seed=4)
    assert first + second == 150 and first and second
