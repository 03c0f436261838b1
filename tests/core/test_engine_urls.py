"""Database URLs: PostgreSQL always through psycopg 3, and what people see of a URL never carries a login."""

from __future__ import annotations

from pathlib import Path

import pytest

from tillitsleder.storage import open_database
from tillitsleder.storage.engine import describe_url, is_server_url, normalise_url


@pytest.mark.parametrize(
    ("given", "driver"),
    [
        ("postgresql://kari@db/tillit", "postgresql+psycopg://"),
        ("postgres://kari@db/tillit", "postgresql+psycopg://"),
        ("postgresql+psycopg://kari@db/tillit", "postgresql+psycopg://"),
        ("sqlite:///x.sqlite3", "sqlite://"),
    ],
)
def test_postgresql_urls_take_psycopg_3(given: str, driver: str) -> None:
    assert normalise_url(given).startswith(driver)


def test_a_password_in_the_url_survives_for_connecting() -> None:
    assert "s3cret" in normalise_url("postgresql://kari:s3cret@db/tillit")


def test_what_people_see_of_a_server_url_has_no_login_or_password() -> None:
    shown = describe_url("postgresql+psycopg://kari.nordmann:s3cret@db.oslo.kommune.no:5433/tillit")
    assert shown == "tillit @ db.oslo.kommune.no:5433"
    assert describe_url("postgresql://kari@/tillit?host=/var/run/postgresql") == "tillit @ /var/run/postgresql"


def test_paths_are_not_server_urls(tmp_path: Path) -> None:
    assert not is_server_url(tmp_path / "postgresql.sqlite3")
    assert not is_server_url(str(tmp_path / "postgresql.sqlite3"))
    assert is_server_url("postgresql://db/tillit")


def test_an_open_database_says_where_it_is(db, db_target: str) -> None:
    if db.path is not None:
        assert db.location == str(Path(db_target))
    else:
        assert db.location.startswith(db.engine.url.database + " @ ")
        assert "tillitsleder_admin" not in db.location


def test_a_file_named_like_a_url_is_still_a_file(tmp_path: Path) -> None:
    path = tmp_path / "postgresql:" / "x.sqlite3"
    database = open_database(path)
    try:
        assert database.path == path
    finally:
        database.close()


def test_a_write_through_a_reading_session_is_refused_and_a_writer_after_it_may_write(db) -> None:
    from sqlalchemy import func, insert, select
    from sqlalchemy.exc import DBAPIError

    from tillitsleder.errors import StorageError
    from tillitsleder.model import Municipality

    with pytest.raises((DBAPIError, StorageError)):  # SQLite's query_only / PostgreSQL's READ ONLY transaction
        with db.read() as session:
            session.execute(insert(Municipality).values(name="Lesebydel"))
    with db.session() as session:  # the same pooled connection, now writing
        session.execute(insert(Municipality).values(name="Skrivebydel"))
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Municipality)) == 1
