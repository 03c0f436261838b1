"""The throwaway PostgreSQL server the tests use, when one is given: databases made and dropped per test.

``scripts/postgresql_cluster.sh start`` (run by ``scripts/bootstrap.sh test``) starts a cluster on a Unix socket and
exports ``TILLITSLEDER_TEST_POSTGRESQL``, an admin URL. Without it the tests run on SQLite only; with
``TILLITSLEDER_REQUIRE_POSTGRESQL=1`` (CI) a missing server is an error instead.

Each test gets its own database, copied from a template (``CREATE DATABASE … TEMPLATE``, a file copy, so a
migrated or demo database costs a few milliseconds instead of a migration or a demo build). Names carry the pytest
process's id, so the suites CI runs side by side never meet.
"""

from __future__ import annotations

import itertools
import os
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ADMIN_URL = os.environ.get("TILLITSLEDER_TEST_POSTGRESQL", "")
REQUIRED = os.environ.get("TILLITSLEDER_REQUIRE_POSTGRESQL") == "1"
_counter = itertools.count(1)


def available() -> bool:
    if not ADMIN_URL:
        if REQUIRED:
            raise RuntimeError("TILLITSLEDER_REQUIRE_POSTGRESQL=1 but TILLITSLEDER_TEST_POSTGRESQL is not set")
        return False
    return True


def url_for(database: str, *, user: str | None = None, password: str | None = None) -> str:
    """The admin URL pointed at ``database`` (optionally as another login, with its password)."""
    parts = urlsplit(ADMIN_URL)
    netloc = parts.netloc
    if user is not None:
        host = netloc.split("@", 1)[1] if "@" in netloc else netloc
        credentials = user if password is None else f"{user}:{password}"
        netloc = f"{credentials}@{host}"
    return urlunsplit((parts.scheme, netloc, f"/{database}", parts.query, ""))


def admin_connection(database: str = "postgres") -> psycopg.Connection:
    return psycopg.connect(url_for(database), autocommit=True)


def unique_name(kind: str) -> str:
    return f"tl_{os.getpid()}_{kind}_{next(_counter)}"


def create_database(name: str, *, template: str | None = None) -> str:
    """Create ``name`` (empty, or a copy of ``template``) and return its URL."""
    with admin_connection() as connection:
        if template is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        else:
            connection.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {} STRATEGY FILE_COPY").format(
                    sql.Identifier(name), sql.Identifier(template)
                )
            )
    return url_for(name)


def drop_database(name: str) -> None:
    with admin_connection() as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def drop_leftovers() -> None:
    """Drop every database this process made (at the end of its test session)."""
    prefix = f"tl_{os.getpid()}_"
    with admin_connection() as connection:
        names = [
            row[0]
            for row in connection.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", (prefix + "%",))
        ]
    for name in names:
        drop_database(name)
