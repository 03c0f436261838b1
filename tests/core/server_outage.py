"""A server that stops answering, for the connection-loss tests: the test database refuses new connections
(``ALLOW_CONNECTIONS false``, which binds even the admin role) and every open session to it is ended, as when
the server restarts or the network drops; ``allow`` lets connections in again."""

from __future__ import annotations

import postgresql_server as pg
from psycopg import sql
from sqlalchemy.engine import make_url


def database_name(url: str) -> str:
    name = make_url(url).database
    assert name
    return name


def refuse(url: str) -> None:
    name = database_name(url)
    with pg.admin_connection() as connection:
        connection.execute(sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS false").format(sql.Identifier(name)))
        connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )


def allow(url: str) -> None:
    with pg.admin_connection() as connection:
        connection.execute(
            sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS true").format(sql.Identifier(database_name(url)))
        )
