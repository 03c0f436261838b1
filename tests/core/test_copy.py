"""Moving over: ``copy_database`` from a SQLite file to the test's engine (a PostgreSQL server when there is one)
and back, all or nothing, verified by row counts, content hashes and the journal's ciphertext byte for byte."""

from __future__ import annotations

import hashlib
import logging
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import postgresql_server as pg
import pytest
from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from tillitsleder.attendance.register import load_register
from tillitsleder.errors import Cancelled, DatabaseMissing, MigrationNeeded, NotATillitslederDatabase, StorageError
from tillitsleder.lists.areas import ENROLMENTS
from tillitsleder.lists.tables import fetch_rows, format_row
from tillitsleder.model import Certificate, Cohort, Enrolment, JournalEntry, Person
from tillitsleder.storage import Database, open_database
from tillitsleder.storage.copy import (
    CopyDiffers,
    SameDatabase,
    TargetNotEmpty,
    compare_databases,
    copy_database,
)
from tillitsleder.storage.copy.digest import canonical, journal_tables


@pytest.fixture
def demo_file(demo_for_day: Callable[[date], Path], clock_day: date, tmp_path: Path) -> Path:
    """A private copy of the demo database as a SQLite file (the source of every copy here)."""
    path = tmp_path / "source" / "demo.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(demo_for_day(clock_day), path)
    return path


@pytest.fixture
def new_target(engine_name: str, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Names of new, empty databases on the test's engine: a file not made yet, or an empty server database."""
    made: list[str] = []

    def make() -> str:
        if engine_name == "sqlite":
            made.append("")
            return str(tmp_path / f"copy-{len(made)}.sqlite3")
        name = pg.unique_name("copy")
        made.append(name)
        return pg.create_database(name)

    yield make
    if engine_name == "postgresql":
        for name in made:
            pg.drop_database(name)


def _journal_bytes(target: str | Path) -> list[tuple[int, bytes, bytes, bytes | None, bytes | None]]:
    db = open_database(target, create=False)
    try:
        with db.read() as s:
            rows = s.execute(
                select(
                    JournalEntry.id,
                    JournalEntry.content,
                    JournalEntry.content_key,
                    JournalEntry.summary,
                    JournalEntry.summary_key,
                ).order_by(JournalEntry.id)
            )
            return [tuple(row) for row in rows]  # type: ignore[misc]
    finally:
        db.close()


def _figures(target: str | Path) -> tuple[list, list]:
    """What the coordinator sees: the Participants list and every participant's attendance figures."""
    db = open_database(target, create=False)
    try:
        with db.read() as s:
            cohort_ids = list(s.scalars(select(Cohort.id).order_by(Cohort.id)))
        params = {"cohort_id": cohort_ids[0]}
        listed = sorted(format_row(ENROLMENTS, row) for row in fetch_rows(db, ENROLMENTS, params, limit=10_000))
        now = datetime(2026, 1, 1, tzinfo=UTC)
        shares = [[str(summary) for summary in load_register(db, cohort, now=now).summaries()] for cohort in cohort_ids]
        return listed, shares
    finally:
        db.close()


@contextmanager
def _writing(target: str | Path) -> Iterator[Session]:
    db = open_database(target, create=False)
    try:
        with db.session() as s:
            yield s
    finally:
        db.close()


def _all_equal(a: str | Path, b: str | Path) -> list:
    tables = compare_databases(a, b)
    assert [table.table for table in tables if not table.equal] == []
    return tables


def test_demo_round_trip_is_lossless(demo_file: Path, new_target, tmp_path: Path) -> None:
    middle = new_target()
    there = copy_database(demo_file, middle)
    assert there.equal and there.rows > 2000
    assert {table.table: table.source.rows for table in there.tables}["journal_entry"] > 0
    back_path = tmp_path / "back" / "demo.sqlite3"
    back = copy_database(middle, back_path)
    assert back.equal and back.rows == there.rows
    # Every step holds the same: counts and hashes, table by table, and the same hashes all the way round.
    assert [(t.table, t.source) for t in there.tables] == [(t.table, t.target) for t in back.tables]
    tables = _all_equal(demo_file, back_path)
    journal = [table for table in tables if table.table in journal_tables()]
    assert sum(table.binary_values for table in journal) > 100
    original = _journal_bytes(demo_file)
    assert original and _journal_bytes(middle) == original and _journal_bytes(back_path) == original
    # The app opens each copy, and what it shows is the same.
    assert _figures(middle) == _figures(demo_file) == _figures(back_path)


def test_a_non_empty_target_is_refused_and_left_unchanged(demo_file: Path, demo_target: str) -> None:
    before = compare_databases(demo_target, demo_target)
    with pytest.raises(TargetNotEmpty) as refused:
        copy_database(demo_file, demo_target)
    assert "already holds data" in refused.value.user_message()
    assert compare_databases(demo_target, demo_target) == before
    # Replacing is asked for: the target then holds exactly the source.
    with _writing(demo_file) as s:  # the source now differs from the target
        s.execute(update(Person).where(Person.id == s.scalar(select(func.min(Person.id)))).values(first_name="Åse"))
    report = copy_database(demo_file, demo_target, replace=True)
    assert report.equal and report.replaced_rows > 0
    _all_equal(demo_file, demo_target)


def test_a_cancelled_copy_leaves_the_target_empty(demo_file: Path, db_target: str, db: Database) -> None:
    """``db`` made the target: an empty database at this version's schema."""
    calls: list[int] = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 12  # after a dozen batches (several tables are written by then)

    with pytest.raises(Cancelled):
        copy_database(demo_file, db_target, cancel=cancel)
    assert len(calls) > 12
    assert all(table.target.rows == 0 for table in compare_databases(demo_file, db_target))


def test_a_failed_copy_into_a_new_file_leaves_no_file(demo_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "new" / "copy.sqlite3"
    with pytest.raises(Cancelled):
        copy_database(demo_file, target, cancel=lambda: True)
    assert not target.exists()


def test_new_rows_get_fresh_ids_after_a_copy(demo_file: Path, new_target) -> None:
    target = new_target()
    copy_database(demo_file, target)
    db = open_database(target)
    try:
        with db.session() as s:
            highest = s.scalar(select(func.max(Person.id)))
            person = Person(first_name="Ny", last_name="Person", email="ny.person@example.org")
            s.add(person)
            s.flush()
            assert person.id == highest + 1
    finally:
        db.close()


def test_a_row_may_refer_to_a_later_row_of_its_own_table(demo_file: Path, new_target) -> None:
    with _writing(demo_file) as s:
        enrolment_id = s.scalar(select(func.min(Enrolment.id)))
        values = {"enrolment_id": enrolment_id, "language": "nb", "pdf": b"%PDF-\x00\xff", "holder_name": "X"}
        for number, code in ((1, "A"), (2, "B")):
            sha = hashlib.sha256(code.encode()).hexdigest()
            s.execute(
                insert(Certificate).values(id=10 + number, version=number, verification_code=code, sha256=sha, **values)
            )
        s.execute(update(Certificate).where(Certificate.id == 11).values(supersedes_id=12))
    target = new_target()
    assert copy_database(demo_file, target).equal


def test_a_source_from_an_older_version_is_refused_and_not_changed(demo_file: Path, tmp_path: Path) -> None:
    import sqlite3

    with sqlite3.connect(demo_file) as con:
        con.execute("UPDATE alembic_version SET version_num = '0012'")
    con.close()
    before = demo_file.read_bytes()
    with pytest.raises(MigrationNeeded) as refused:
        copy_database(demo_file, tmp_path / "copy.sqlite3")
    assert "upgrade it first" in refused.value.user_message()
    assert demo_file.read_bytes() == before and not (tmp_path / "copy.sqlite3").exists()


def test_a_missing_source_is_named(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissing):
        copy_database(tmp_path / "nothing.sqlite3", tmp_path / "copy.sqlite3")
    assert not (tmp_path / "copy.sqlite3").exists()


def test_a_database_is_not_copied_onto_itself(demo_target: str, tmp_path: Path) -> None:
    with pytest.raises(SameDatabase):
        copy_database(demo_target, demo_target, replace=True)
    if "://" in demo_target:  # another spelling of the same server database
        other = demo_target.replace("postgresql://", "postgres://", 1).replace("?host=", "?connect_timeout=9&host=")
        with pytest.raises(SameDatabase):
            copy_database(demo_target, other, replace=True)
    else:
        link = tmp_path / "other-name.sqlite3"
        link.symlink_to(demo_target)
        with pytest.raises(SameDatabase):
            copy_database(demo_target, link, replace=True)
    assert all(table.equal and table.source.rows for table in compare_databases(demo_target, demo_target)[1:2])


def test_an_unreachable_target_is_one_sentence_without_the_password(demo_file: Path, tmp_path: Path) -> None:
    url = f"postgresql://someone:secret-word@/tillitsleder?host={tmp_path / 'no-server'}"
    with pytest.raises(StorageError) as refused:
        copy_database(demo_file, url)
    message = refused.value.user_message()
    assert message.startswith("Cannot reach the database") and "secret-word" not in message and "***" in message


def test_a_changed_byte_of_ciphertext_is_found(demo_file: Path, new_target) -> None:
    target = new_target()
    copy_database(demo_file, target)
    with _writing(target) as s:
        entry_id, content = s.execute(select(JournalEntry.id, JournalEntry.content).order_by(JournalEntry.id)).first()
        changed = bytes([content[0] ^ 1]) + content[1:]
        s.execute(update(JournalEntry).where(JournalEntry.id == entry_id).values(content=changed))
    differing = [table for table in compare_databases(demo_file, target) if not table.equal]
    assert [table.table for table in differing] == ["journal_entry"]
    assert differing[0].binary_differences == 1 and differing[0].first_difference == 1
    assert differing[0].source.rows == differing[0].target.rows and differing[0].source != differing[0].target


def test_the_copy_is_verified_against_the_source(demo_file: Path, new_target, monkeypatch) -> None:
    """A copy that does not hold what the source holds is reported, with the tables concerned."""
    from tillitsleder.storage.copy import transfer

    original = transfer._copy_table

    def lose_the_last_row(reader, writer, table, done, total, progress, cancel):  # noqa: ANN001
        done = original(reader, writer, table, done, total, progress, cancel)
        if table.name == "group_note":
            writer.execute(table.delete().where(table.c.id == select(func.max(table.c.id)).scalar_subquery()))
        return done

    monkeypatch.setattr(transfer, "_copy_table", lose_the_last_row)
    with pytest.raises(CopyDiffers) as differs:
        copy_database(demo_file, new_target())
    assert differs.value.report.differing == ["group_note"]
    assert "group_note" in differs.value.user_message()


def test_values_have_one_canonical_form_whichever_engine_gave_them() -> None:
    oslo = timezone(timedelta(hours=1))
    assert canonical(Decimal("0.750")) == canonical(Decimal("0.75")) == ["decimal", "0.75"]
    assert canonical(Decimal("8.00")) == ["decimal", "8"] and canonical(Decimal("1E+2")) == ["decimal", "100"]
    assert canonical(datetime(2026, 3, 1, 13, 0, tzinfo=oslo)) == canonical(datetime(2026, 3, 1, 12, 0, tzinfo=UTC))
    assert canonical(b"\x00\xff") == canonical(memoryview(b"\x00\xff")) == ["bytes", "00ff"]
    assert canonical(True) != canonical(1) and canonical("1") != canonical(1) and canonical(None) is None
    assert canonical(date(2026, 3, 1)) == ["date", "2026-03-01"]


def test_a_row_the_target_refuses_stops_the_whole_copy(demo_file: Path, new_target, engine_name: str) -> None:
    """SQLite keeps a name longer than its column allows; PostgreSQL refuses it, and then nothing is copied."""
    with _writing(demo_file) as s:
        s.execute(update(Person).where(Person.id == s.scalar(select(func.max(Person.id)))).values(first_name="A" * 150))
    target = new_target()
    if engine_name == "sqlite":
        assert copy_database(demo_file, target).equal
        return
    with pytest.raises(StorageError) as refused:
        copy_database(demo_file, target)
    assert "“person” could not be copied" in refused.value.user_message()
    assert "AAAA" not in refused.value.user_message()
    assert all(table.target.rows == 0 for table in compare_databases(demo_file, target))


def _schema(target: str | Path) -> list[tuple]:
    """The target's foreign keys as the engine keeps them (each one's exact definition)."""
    db = open_database(target, create=False)
    try:
        with db.read() as s:
            if db.engine.dialect.name == "sqlite":
                return list(s.execute(text("SELECT name, sql FROM sqlite_master ORDER BY name")))
            return list(
                s.execute(
                    text(
                        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                        "WHERE contype = 'f' ORDER BY 1, 2"
                    )
                )
            )
    finally:
        db.close()


def test_the_targets_foreign_keys_are_as_before_after_a_copy(demo_file: Path, db_target: str, db: Database) -> None:
    before = _schema(db_target)
    assert len(before) > 40
    copy_database(demo_file, db_target)
    assert _schema(db_target) == before


def test_a_reference_to_a_missing_row_stops_the_copy(demo_file: Path, db_target: str, db: Database) -> None:
    """A source file written with SQLite's foreign keys off may refer to rows that are not there: nothing is copied."""
    import sqlite3

    con = sqlite3.connect(demo_file)
    try:
        con.execute("PRAGMA foreign_keys = OFF")
        con.execute("UPDATE attendance SET session_id = 999999 WHERE id = (SELECT max(id) FROM attendance)")
        con.commit()
    finally:
        con.close()
    before = _schema(db_target)
    with pytest.raises(StorageError) as refused:
        copy_database(demo_file, db_target)
    assert "“attendance” could not be copied" in refused.value.user_message()
    assert all(table.target.rows == 0 for table in compare_databases(demo_file, db_target))
    assert _schema(db_target) == before


def test_a_login_that_may_not_alter_the_tables_still_copies(demo_file: Path, engine_name: str, caplog) -> None:
    """Its foreign keys cannot be set aside, so each row is checked as it is written; the copy is the same."""
    if engine_name != "postgresql":
        pytest.skip("logins are PostgreSQL's")
    name, role = pg.unique_name("copy"), pg.unique_name("copier")
    admin_url = pg.create_database(name)
    try:
        open_database(admin_url).close()
        with pg.admin_connection(name) as connection:
            connection.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'copier-pw'")
            connection.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}")
            connection.execute(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role}")
        with caplog.at_level(logging.INFO, logger="tillitsleder.storage.copy"):
            report = copy_database(demo_file, pg.url_for(name, user=role, password="copier-pw"))
        assert report.equal
        assert "foreign keys checked row by row" in caplog.text and "copier-pw" not in caplog.text
        _all_equal(demo_file, admin_url)
        with _writing(admin_url) as s:
            highest = s.scalar(select(func.max(Person.id)))
            person = Person(first_name="Ny", last_name="Person")
            s.add(person)
            s.flush()
            assert person.id == highest + 1
    finally:
        pg.drop_database(name)
        with pg.admin_connection() as connection:
            connection.execute(f"DROP ROLE IF EXISTS {role}")


def test_another_applications_database_is_never_a_target(demo_file: Path, tmp_path: Path, engine_name: str) -> None:
    import sqlite3

    if engine_name == "sqlite":
        target: str = str(tmp_path / "other.sqlite3")
        with sqlite3.connect(target) as con:
            con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER)")
        con.close()
    else:
        name = pg.unique_name("other")
        target = pg.create_database(name)
        with pg.admin_connection(name) as connection:
            connection.execute("CREATE TABLE invoices (id integer PRIMARY KEY, amount integer)")
    try:
        with pytest.raises(NotATillitslederDatabase):
            copy_database(demo_file, target, replace=True)
        if engine_name == "postgresql":
            with pg.admin_connection(name) as connection:
                tables = [
                    row[0] for row in connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                ]
            assert tables == ["invoices"]
    finally:
        if engine_name == "postgresql":
            pg.drop_database(name)
