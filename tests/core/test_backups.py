"""Automatic backups: when they are made, the thinning rule (and a year of daily use), permissions, read-only files,
``check`` that never changes a file, ``migrate``, and backups surviving ``kill -9``."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import stat
import time
from datetime import UTC, date, datetime, timedelta
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
from hypothesis import given, settings
from hypothesis import strategies as st

from tillitsleder import clock
from tillitsleder.errors import MigrationNeeded, ReadOnlyDatabase
from tillitsleder.model import Municipality
from tillitsleder.storage import backups, open_database
from tillitsleder.storage.sqlite_file import head_revision, known_revisions
from tillitsleder.storage.thinning import KEEP_LAST, backups_to_keep

POSIX = os.name == "posix"


# --- the thinning rule -----------------------------------------------------------------------------------------

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
moments = st.lists(
    st.integers(min_value=-3 * 365 * 24 * 60, max_value=0).map(lambda minutes: NOW + timedelta(minutes=minutes)),
    max_size=120,
)


@settings(max_examples=300, deadline=None)
@given(moments)
def test_thinning_keeps_the_last_ten_and_one_per_day_week_and_month(times: list[datetime]) -> None:
    keep = backups_to_keep(times, NOW)
    assert keep <= set(times)
    assert set(sorted(set(times), reverse=True)[:KEEP_LAST]) <= keep
    for period, bucket in (
        (timedelta(days=14), lambda m: m.date()),
        (timedelta(weeks=8), lambda m: m.isocalendar()[:2]),
        (timedelta(days=365), lambda m: (m.year, m.month)),
    ):
        recent = [m for m in times if NOW - m < period]
        for key in {bucket(m) for m in recent}:
            newest = max(m for m in recent if bucket(m) == key)
            assert newest in keep
    # Nothing else: the newest ten, and the newest of a day, week or month within its window.
    assert len(keep) <= KEEP_LAST + 15 + 9 + 13
    assert all(NOW - m < timedelta(days=365) for m in keep - set(sorted(set(times), reverse=True)[:KEEP_LAST]))
    # Thinning again keeps the same; thinning later never brings a deleted backup back.
    assert backups_to_keep(keep, NOW) == keep
    later = NOW + timedelta(days=3)
    assert backups_to_keep(keep, later) == backups_to_keep(times, later) & keep


def test_a_backup_from_the_future_is_never_thinned() -> None:
    future = NOW + timedelta(days=30)
    times = [NOW - timedelta(hours=hours) for hours in range(40)] + [future]
    assert future in backups_to_keep(times, NOW)


def test_a_year_of_daily_use_keeps_a_bounded_number_of_backups(tmp_path: Path, capsys) -> None:
    """Every working day for a year the database is opened, changed and closed (a backup each time, plus one
    before an import each Monday); the folder is thinned after each backup."""
    path = tmp_path / "daily.sqlite3"
    start = date(2026, 1, 1)
    backups.enable_backups_on_close()
    try:
        for offset in range(365):
            day = start + timedelta(days=offset)
            with clock.frozen_at(datetime(day.year, day.month, day.day, 15, 30, tzinfo=UTC)):
                db = open_database(path)
                if day.weekday() == 0:
                    backups.backup_before(db, "import")
                with db.session() as session:
                    session.add(Municipality(name=f"Kommune {offset}"))
                db.close()
    finally:
        backups.enable_backups_on_close(False)
    kept = backups.list_backups(path)
    with capsys.disabled():
        print(f"\nA year of daily use (365 closes, 53 imports): {len(kept)} backups kept")
    assert 30 <= len(kept) <= KEEP_LAST + 15 + 9 + 13
    newest = kept[0].made_at
    assert newest.date() == start + timedelta(days=364)
    assert sorted(b.path.name for b in kept) == sorted(p.name for p in backups.backup_folder(path).iterdir())


# --- when backups are made ---------------------------------------------------------------------------------------


def test_closing_a_changed_database_backs_it_up_and_an_unchanged_one_not(db_path: Path) -> None:
    write_something(db_path)
    backups.enable_backups_on_close()
    try:
        db = open_database(db_path)
        with db.read() as session:
            assert session.query(Municipality).count() == 1
        with db.engine.begin() as connection:  # a transaction that writes nothing
            connection.exec_driver_sql("SELECT 1")
        db.close()
        assert backups.list_backups(db_path) == []
        db = open_database(db_path)
        with db.session() as session:
            session.add(Municipality(name="Bydel Sørstrand"))
        assert db.changed
        db.close()
    finally:
        backups.enable_backups_on_close(False)
    (made,) = backups.list_backups(db_path)
    assert made.reason == "on-close"
    con = sqlite3.connect(made.path)
    assert con.execute("SELECT count(*) FROM municipality").fetchone() == (2,)
    assert con.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    con.close()


def test_a_command_that_writes_backs_up_when_it_closes(tmp_path: Path, capsys, monkeypatch) -> None:
    path = tmp_path / "cli.sqlite3"
    write_something(path)
    from tillitsleder import profiles

    monkeypatch.setenv("TILLITSLEDER_NEW_PASSPHRASE", "en lang og god passfrase")
    code, _out, err = cli(capsys, "passphrase", "--db", str(path))
    assert code == 0, err
    assert [b.reason for b in backups.list_backups(path)] == ["on-close"]
    assert not backups.backups_on_close()  # switched off again once the command returned
    assert profiles is not None


def test_the_participant_import_backs_up_first(file_demo_db) -> None:
    demo_db = file_demo_db
    from tillitsleder.enrolment.participant_list.files import RawTable
    from tillitsleder.enrolment.participant_list.importer import import_participants
    from tillitsleder.lookups import cohort_options

    cohort = cohort_options(demo_db)[0]
    table = RawTable(
        "hr.csv", ["Fornavn", "Etternavn", "E-post"], [(2, ["Ingrid", "Bakke", "ingrid.bakke@example.org"])]
    )
    import_participants(demo_db, cohort.id, table)
    (made,) = backups.list_backups(demo_db.path)
    assert made.reason == "before-import"
    con = sqlite3.connect(made.path)
    assert con.execute("SELECT count(*) FROM person WHERE email = 'ingrid.bakke@example.org'").fetchone() == (0,)
    con.close()


def test_backup_before_accepts_a_path_and_skips_what_cannot_change(tmp_path: Path, db_path: Path) -> None:
    write_something(db_path)
    made = backups.backup_before(db_path, "retention")
    assert made is not None and made.name.startswith("test.before-retention-")
    assert backups.backup_before(tmp_path / "missing.sqlite3", "erase") is None
    backup = open_database(made)
    assert backup.read_only and backups.backup_before(backup, "erase") is None
    backup.close()


def test_backups_in_one_second_get_their_own_names(db_path: Path) -> None:
    write_something(db_path)
    with clock.frozen_at(datetime(2026, 3, 2, 9, 0, tzinfo=UTC)):
        made = [backups.make_backup(db_path, "manual") for _ in range(3)]
    assert len({p.name for p in made}) == 3
    assert [b.path for b in backups.list_backups(db_path)][0] == made[-1]


def test_migrating_backs_up_first_and_thins_the_folder(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    folder = backups.backup_folder(path)
    folder.mkdir()
    with clock.frozen_at(datetime(2025, 1, 1, 8, 0, tzinfo=UTC)) as start:
        for day in range(30):  # thirty old on-close backups, a month apart each
            with clock.frozen_at(start + timedelta(days=30 * day)):
                (folder / backups.new_backup_path(path, "on-close").name).write_bytes(b"")
    older_database(path)
    db = open_database(path)
    db.close()
    assert db.backup_made is not None and db.backup_made.name.startswith(f"old.before-{head_revision()}-")
    assert revision_of(db.backup_made) == known_revisions()[-2]
    assert len(backups.list_backups(path)) <= KEEP_LAST + 12 + 1


# --- permissions ---------------------------------------------------------------------------------------------------


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
def test_new_databases_backups_and_folders_are_private(tmp_path: Path) -> None:
    os.umask(0o022)
    path = tmp_path / "new" / "private.sqlite3"
    db = open_database(path)
    with db.session() as session:
        session.add(Municipality(name="Bydel Nordstrand"))
    wal, shm = path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")
    assert wal.exists() and shm.exists()
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (path, wal, shm)}
    made = backups.make_backup(path, "manual")
    db.close()
    assert set(modes.values()) == {0o600}, modes
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
def test_opening_a_world_readable_database_makes_it_private(db_path: Path) -> None:
    write_something(db_path)
    os.chmod(db_path, 0o644)
    open_database(db_path).close()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


# --- read-only files -------------------------------------------------------------------------------------------


def test_a_file_in_a_backups_folder_opens_read_only_and_refuses_writes(db_path: Path) -> None:
    write_something(db_path)
    made = backups.make_backup(db_path, "manual")
    before = digest(made)
    db = open_database(made)
    assert db.read_only and db.read_only_reason == "backup"
    with db.read() as session:
        assert session.query(Municipality).count() == 1
    with pytest.raises(ReadOnlyDatabase) as caught:
        with db.session() as session:
            session.add(Municipality(name="Bydel Sørstrand"))
    assert "read-only" in str(caught.value) and "Sørstrand" not in str(caught.value)
    with pytest.raises(Exception, match="readonly|read-only|query_only"):  # SQLite refuses too
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DELETE FROM municipality")
    db.close()
    assert digest(made) == before
    assert not (made.parent / "backups").exists()


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
def test_a_file_without_write_permission_opens_read_only(db_path: Path) -> None:
    write_something(db_path)
    os.chmod(db_path, 0o444)
    try:
        db = open_database(db_path)
        assert db.read_only and db.read_only_reason == "permission"
        with pytest.raises(ReadOnlyDatabase):
            with db.session():
                pass
        db.close()
    finally:
        os.chmod(db_path, 0o600)


def test_an_older_backup_is_not_migrated_but_refused_in_one_sentence(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    path = folder / "old.before-0007-20260101T000000Z.sqlite3"
    older_database(path)
    before = digest(path)
    with pytest.raises(MigrationNeeded) as caught:
        open_database(path)
    message = str(caught.value)
    assert "older version" in message and "restore it" in message and message.count(". ") == 0
    assert digest(path) == before
    assert not (folder / "backups").exists()


# --- check and migrate -----------------------------------------------------------------------------------------


def test_check_never_changes_an_older_file_and_says_a_migration_is_due(tmp_path: Path, capsys) -> None:
    path = tmp_path / "old.sqlite3"
    older = older_database(path)
    before = digest(path)
    code, out, err = cli(capsys, "check", "--db", str(path))
    assert code != 0
    assert "needs a migration" in err and "migrate" in err and "Traceback" not in err
    assert digest(path) == before and revision_of(path) == older
    assert not (tmp_path / "backups").exists()


def test_check_of_a_backup_changes_nothing(db_path: Path, capsys) -> None:
    write_something(db_path)
    made = backups.make_backup(db_path, "manual")
    before = digest(made)
    code, out, _err = cli(capsys, "check", "--db", str(made))
    assert code == 0 and out.rstrip().endswith("Healthy.")
    assert digest(made) == before
    assert sorted(p.name for p in made.parent.iterdir()) == [made.name]


def test_migrate_backs_up_and_upgrades(tmp_path: Path, capsys) -> None:
    path = tmp_path / "old.sqlite3"
    older_database(path)
    code, out, err = cli(capsys, "migrate", "--db", str(path))
    assert code == 0, err
    assert revision_of(path) == head_revision()
    (made,) = backups.list_backups(path)
    assert str(made.path) in out and revision_of(made.path) == known_revisions()[-2]
    code, out, _ = cli(capsys, "migrate", "--db", str(path))
    assert code == 0 and "up to date" in out


def test_backup_command_and_its_list(db_path: Path, capsys) -> None:
    write_something(db_path)
    code, out, err = cli(capsys, "backup", "--db", str(db_path))
    assert code == 0, err
    (made,) = backups.list_backups(db_path)
    assert str(made.path) in out
    code, out, _ = cli(capsys, "backup", "--list", "--db", str(db_path))
    assert code == 0 and str(made.path) in out and "kB" in out
    target = db_path.parent / "elsewhere.sqlite3"
    code, _out, _err = cli(capsys, "backup", "--db", str(db_path), "--to", str(target))
    assert code == 0 and target.exists()


# --- kill -9 during backups ------------------------------------------------------------------------------------


def kill_backups(path: Path, iterations: int, seed: int) -> int:
    rng = random.Random(seed)
    prepared_for_killing(path)
    folder = backups.backup_folder(path)
    mid_copy = 0
    for _ in range(iterations):
        process = start_worker("backup", str(path))
        time.sleep(rng.uniform(0, 0.4))
        process.send_signal(signal.SIGKILL)
        process.wait()
        partials = list(folder.glob("*.partial")) if folder.exists() else []
        mid_copy += bool(partials)
        for partial in partials:  # what the next backup's thinning removes once it is an hour old
            partial.unlink()
        check_sound(path)
        for backup in backups.list_backups(path):
            check_sound(backup.path)
    print(f"\nkill -9 during backups: {iterations} kills, {mid_copy} in the middle of a copy")
    return len(backups.list_backups(path))


def test_kill_during_backups_leaves_only_sound_files(db_path: Path) -> None:
    assert kill_backups(db_path, iterations=8, seed=1) > 0


@pytest.mark.slow
def test_kill_during_backups_many_times(db_path: Path) -> None:
    assert kill_backups(db_path, iterations=150, seed=2) > 0


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
def test_exports_written_by_the_app_are_private(demo_db, tmp_path: Path) -> None:
    from tillitsleder.attendance.export import export_register
    from tillitsleder.lookups import cohort_options
    from tillitsleder.sessions.calendar_file import write_calendar
    from tillitsleder.storage.private_files import write_private_bytes

    os.umask(0o022)
    cohort = cohort_options(demo_db)[0]
    export_register(demo_db, cohort.id, tmp_path / "register.csv")
    write_calendar(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", tmp_path / "sessions.ics")
    (tmp_path / "report.pdf").write_bytes(b"old, world-readable")
    write_private_bytes(tmp_path / "report.pdf", b"%PDF-1.4")
    for name in ("register.csv", "sessions.ics", "report.pdf"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name
    assert (tmp_path / "report.pdf").read_bytes() == b"%PDF-1.4"


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
def test_a_write_to_a_read_only_file_ends_in_one_sentence(db_path: Path, capsys, monkeypatch) -> None:
    write_something(db_path, "Kari Nordmann")
    os.chmod(db_path, 0o444)
    monkeypatch.setenv("TILLITSLEDER_NEW_PASSPHRASE", "en lang og god passfrase")
    try:
        code, _out, err = cli(capsys, "passphrase", "--db", str(db_path))
    finally:
        os.chmod(db_path, 0o600)
    assert code != 0
    assert err.strip() == f"“{db_path}” is open read-only: nothing can be changed in it."
    assert "Traceback" not in err and "Kari" not in err
