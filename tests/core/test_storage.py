"""Storage: pragmas, migrations, refusal of foreign/newer/damaged files, backups before migration."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from tillitsleder.errors import DatabaseDamaged, DatabaseTooNew, NotATillitslederDatabase, StorageError
from tillitsleder.model import Base, Municipality, Programme
from tillitsleder.storage import open_database, resolve_database_path
from tillitsleder.storage.backup import backup_database
from tillitsleder.storage.engine import make_engine, sqlite_url
from tillitsleder.storage.migrate import script_head
from tillitsleder.storage.sqlite_file import APPLICATION_ID, head_revision, inspect_database_file


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_connection_has_the_safety_pragmas(file_db) -> None:
    db = file_db
    with db.engine.connect() as connection:
        values = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout", "application_id")
        }
    assert values == {
        "journal_mode": "wal",
        "synchronous": 2,  # FULL
        "foreign_keys": 1,
        "busy_timeout": 5000,
        "application_id": APPLICATION_ID,
    }


def test_application_id_is_in_the_file_header(file_db, db_path: Path) -> None:
    db = file_db
    db.close()
    header = db_path.read_bytes()[:100]
    assert int.from_bytes(header[68:72], "big") == APPLICATION_ID


def test_migrating_an_empty_file_reaches_head_and_matches_the_model(db) -> None:
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
        differences = compare_metadata(
            MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata
        )
        if connection.dialect.name == "sqlite":
            differences = [d for d in differences if not _inline_updated_by_key(d)]
    assert differences == []


def _inline_updated_by_key(difference) -> bool:
    """Revision 0014 adds ``updated_by_id`` on SQLite with a column constraint (SQLite cannot add a table
    constraint), whose name and ON DELETE SQLAlchemy's reflection does not read; the test below checks them."""
    kind, constraint = difference[0], difference[1]
    return kind in ("add_fk", "remove_fk") and [c.name for c in constraint.columns] == ["updated_by_id"]


def test_updated_by_keys_added_by_0014_are_named_and_set_null_on_sqlite(db) -> None:
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL reflects these keys; the test above compares them")
    tables = [t.name for t in Base.metadata.sorted_tables if "updated_by_id" in t.c]
    assert "session" in tables and "attendance" in tables
    with db.engine.connect() as connection:
        for table in tables:
            keys = connection.exec_driver_sql(f"PRAGMA foreign_key_list({table})").all()
            keys = [k for k in keys if k[3] == "updated_by_id"]
            assert [(k[2], k[4], k[6]) for k in keys] == [("person", "id", "SET NULL")], table
            sql = connection.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).scalar()
            assert f"CONSTRAINT fk_{table}_updated_by_id_person REFERENCES person (id) ON DELETE SET NULL" in sql


def test_cheap_revision_list_agrees_with_alembic() -> None:
    assert head_revision() == script_head()


def test_up_to_date_database_opens_without_backup(file_db, db_path: Path) -> None:
    db = file_db
    db.close()
    again = open_database(db_path)
    assert again.backup_made is None
    again.close()
    assert not (db_path.parent / "backups").exists()


def test_foreign_keys_and_checks_are_enforced_by_the_database(db) -> None:
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(Programme(municipality_id=999, name="X", start_date=date(2025, 1, 1), end_date=date(2026, 1, 1)))
    with pytest.raises(IntegrityError), db.session() as session:
        municipality = Municipality(name="Bydel Nordstrand")
        session.add(municipality)
        session.flush()
        session.add(
            Programme(municipality_id=municipality.id, name="Y", start_date=date(2026, 1, 1), end_date=date(2025, 1, 1))
        )
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(Municipality(name="   "))


def test_a_failed_unit_of_work_leaves_nothing_behind(db) -> None:
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(Municipality(name="Norrköpings kommun"))
        session.flush()
        session.add(Municipality(name="Norrköpings kommun"))
    with db.read() as session:
        assert session.query(Municipality).count() == 0


def test_text_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("Dette er ikke en database.\n" * 20, encoding="utf-8")
    before = digest(path)
    with pytest.raises(NotATillitslederDatabase) as caught:
        open_database(path)
    assert "is not a Tillitsleder database" in str(caught.value)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]


def test_other_applications_sqlite_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contacts (name TEXT)")
    con.execute("INSERT INTO contacts VALUES ('Kari')")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(NotATillitslederDatabase):
        open_database(path)
    assert digest(path) == before


def test_database_from_a_newer_version_is_refused_and_untouched(file_db, db_path: Path) -> None:
    db = file_db
    with db.session() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.close()
    before = digest(db_path)
    with pytest.raises(DatabaseTooNew) as caught:
        open_database(db_path)
    assert "newer version" in str(caught.value)
    assert digest(db_path) == before


def test_a_newer_revision_is_refused_on_either_engine(db, db_target: str) -> None:
    with db.session() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.close()
    with pytest.raises(DatabaseTooNew) as caught:
        open_database(db_target)
    assert "newer version" in str(caught.value)
    engine = make_engine(db_target if "://" in db_target else sqlite_url(Path(db_target)))
    try:
        with engine.connect() as connection:  # not migrated, not touched
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999"
    finally:
        engine.dispose()


def test_damaged_database_is_refused_and_untouched(file_db, db_path: Path) -> None:
    db = file_db
    with db.session() as session:
        session.add_all(Municipality(name=f"Kommune {i}") for i in range(2000))
    db.close()
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    # Scribble over the middle of the file: b-tree pages become garbage.
    for offset in range(page_size * 3, min(len(data), page_size * 8), 7):
        data[offset] = 0x5A
    db_path.write_bytes(bytes(data))
    before = digest(db_path)
    with pytest.raises(DatabaseDamaged):
        open_database(db_path)
    assert digest(db_path) == before


SECOND_REVISION = """
from alembic import op
import sqlalchemy as sa

revision = "NEXT"
down_revision = "HEAD"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("municipality") as batch:
        batch.add_column(sa.Column("slogan", sa.String(100), nullable=False, server_default=""))
    BODY


def downgrade():
    pass
"""


@pytest.fixture
def newer_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """This version of the app plus one more revision (a slogan column) — as if the user installed an update."""
    import tillitsleder.storage.migrate as migrate
    import tillitsleder.storage.sqlite_file as sqlite_file
    from tillitsleder.resources import migrations_dir

    def install(body: str = "pass") -> Path:
        folder = tmp_path / "migrations"
        shutil.copytree(migrations_dir(), folder, ignore=shutil.ignore_patterns("__pycache__"))
        head = head_revision()
        following = f"{int(head) + 1:04d}"
        script = SECOND_REVISION.replace("BODY", body).replace("NEXT", following).replace("HEAD", head)
        (folder / "versions" / f"{following}_add_slogan.py").write_text(script)
        monkeypatch.setattr(sqlite_file, "migrations_dir", lambda: folder)
        monkeypatch.setattr(migrate, "migrations_dir", lambda: folder)
        sqlite_file.known_revisions.cache_clear()
        return folder

    yield install
    sqlite_file.known_revisions.cache_clear()


def _database_at_current_head(path: Path) -> None:
    database = open_database(path)
    with database.session() as session:
        session.add(Municipality(name="Bydel Nordstrand"))
    database.close()


def test_database_behind_head_is_backed_up_then_migrated(db_path: Path, newer_app) -> None:
    _database_at_current_head(db_path)
    old_head = head_revision()
    newer_app()
    database = open_database(db_path)
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
        assert head_revision() != old_head
        assert connection.execute(text("SELECT name, slogan FROM municipality")).all() == [("Bydel Nordstrand", "")]
    database.close()
    assert database.backup_made is not None and database.backup_made.parent == db_path.parent / "backups"
    con = sqlite3.connect(database.backup_made)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (old_head,)
    assert con.execute("SELECT name FROM municipality").fetchall() == [("Bydel Nordstrand",)]
    con.close()


def test_failed_migration_leaves_the_file_as_it_was(db_path: Path, newer_app) -> None:
    _database_at_current_head(db_path)
    old_head = head_revision()
    newer_app(body='raise RuntimeError("disk full")')
    with pytest.raises(StorageError) as caught:
        open_database(db_path)
    assert "left as it was" in str(caught.value)
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (old_head,)
    assert [row[1] for row in con.execute("PRAGMA table_info(municipality)")] == ["id", "name", "country", "timezone"]
    con.close()
    assert len(list((db_path.parent / "backups").iterdir())) == 1


def test_inspecting_a_missing_file_reports_it_new(tmp_path: Path) -> None:
    state = inspect_database_file(tmp_path / "nope.sqlite3")
    assert state.is_new and not state.exists


def test_empty_file_becomes_a_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    path.touch()
    database = open_database(path)
    database.close()
    assert inspect_database_file(path).is_current


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StorageError):
        open_database(tmp_path)


def test_backup_is_a_consistent_copy_and_cancel_leaves_nothing(file_db, db_path: Path, tmp_path: Path) -> None:
    db = file_db
    with db.session() as session:
        session.add_all(Municipality(name=f"Kommune {i}") for i in range(3000))
    copy = backup_database(db_path, tmp_path / "copy.sqlite3")
    con = sqlite3.connect(copy)
    assert con.execute("SELECT count(*) FROM municipality").fetchone() == (3000,)
    assert con.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    con.close()
    seen: list[tuple[int, int]] = []
    from tillitsleder.errors import Cancelled

    with pytest.raises(Cancelled):
        backup_database(db_path, tmp_path / "cancelled.sqlite3", progress=lambda d, t: seen.append((d, t)),
                        cancelled=lambda: True)  # fmt: skip
    assert seen
    assert not any(p.name.startswith("cancelled") for p in tmp_path.iterdir())
    with pytest.raises(StorageError):
        backup_database(db_path, copy)


def test_database_location_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    default = resolve_database_path(None)
    assert default.name == "tillitsleder.sqlite3"
    monkeypatch.setenv("TILLITSLEDER_DB", str(tmp_path / "env.sqlite3"))
    assert resolve_database_path(None) == tmp_path / "env.sqlite3"
    assert resolve_database_path(str(tmp_path / "cli.sqlite3")) == tmp_path / "cli.sqlite3"


def test_every_revision_upgrades_a_populated_database_from_the_first(db_path: Path) -> None:
    """Real data at revision 0001 survives each later revision; a backup of the 0001 file is kept."""
    from alembic import command

    from tillitsleder.storage.engine import make_engine, sqlite_url
    from tillitsleder.storage.migrate import alembic_config

    engine = make_engine(sqlite_url(db_path))
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.exec_driver_sql(
            "INSERT INTO municipality (id, name, country, timezone) VALUES (1, 'Norrköpings kommun', 'SE', "
            "'Europe/Stockholm')"
        )
        connection.exec_driver_sql(
            "INSERT INTO programme (id, municipality_id, name, description, start_date, end_date, timezone, "
            "min_attendance, created_at) VALUES (1, 1, 'Chefsutveckling', '', '2026-01-01', '2027-12-31', "
            "'Europe/Stockholm', 0.8, '2026-01-01 00:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO cohort (id, programme_id, name, start_date) VALUES (1, 1, 'Omgång 1', '2026-01-01')"
        )
        connection.exec_driver_sql(
            "INSERT INTO session (id, cohort_id, title, session_type, starts_at, ends_at, status, cancel_reason,"
            " ical_uid, sequence) VALUES (1, 1, 'Chefsdagen', 'fagdag', '2026-03-05 08:00:00', "
            "'2026-03-05 15:00:00', 'planned', '', 'uid-1@tillitsleder', 0)"
        )
    engine.dispose()
    database = open_database(db_path)
    with database.read() as session:
        from tillitsleder.model import Session

        (chefsdagen,) = session.query(Session).all()
        assert chefsdagen.title == "Chefsdagen" and chefsdagen.updated_at is not None
    database.close()
    assert database.backup_made is not None
    con = sqlite3.connect(database.backup_made)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    con.close()
