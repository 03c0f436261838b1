"""``tillitsleder server init``: a PostgreSQL database made ready for many people, each signed in as themselves.

``init_server(url)`` migrates the database (``open_database``), then, in one transaction, creates the group roles
and helper functions and (re)applies every grant and row-level security policy of ``rules.TABLE_RULES``
(``postgresql_ddl``); a transaction the server breaks off is run again. Running it again is safe and is how an
upgrade's new tables get their grants and policies: run it after every upgrade of the app.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
import psycopg.sql

from tillitsleder.errors import StorageError
from tillitsleder.i18n import N_
from tillitsleder.model import Base
from tillitsleder.server import postgresql_ddl as ddl
from tillitsleder.server.connection import BrokenOff, admin_transaction, require_server_url
from tillitsleder.server.rules import TABLE_RULES
from tillitsleder.storage.database import open_database

ATTEMPTS = 3  # a transaction the server broke off (a deadlock, a restart) is planned and run again, this often


@dataclass(frozen=True)
class InitSummary:
    tables: int
    policies: int
    roles: tuple[str, ...]


def init_server(url: str) -> InitSummary:
    """Migrate the database at ``url`` and apply roles, grants and policies; returns what was applied."""
    require_server_url(url)
    missing = sorted(set(Base.metadata.tables) - set(TABLE_RULES))
    if missing:  # a programming error the tests catch first; never apply half the rules
        raise StorageError(
            N_("This version has no access rules for some tables; nothing was changed."), detail=", ".join(missing)
        )
    open_database(url).close()
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with admin_transaction(url) as connection:
                statements = plan(connection)
                for statement in statements:
                    connection.execute(statement)  # type: ignore[arg-type] - our own DDL, no parameters
            break
        except BrokenOff:  # nothing was kept: plan again from what is there
            if attempt == ATTEMPTS:
                raise
    policies = sum(1 for s in statements if s.startswith("CREATE POLICY"))
    return InitSummary(len(TABLE_RULES), policies, tuple(ddl.GROUP_ROLES.values()))


def plan(connection: psycopg.Connection) -> list[str]:
    """Every statement ``init_server`` runs on this database, in order."""
    schema = connection.execute("SELECT current_schema()").fetchone()[0]  # type: ignore[index]
    owners = dict(
        connection.execute("SELECT tablename, tableowner FROM pg_catalog.pg_tables WHERE schemaname = %s", (schema,))
    )
    current_user = connection.execute("SELECT current_user").fetchone()[0]  # type: ignore[index]
    policies: dict[str, list[str]] = {}
    for table, name in connection.execute(
        "SELECT tablename, policyname FROM pg_catalog.pg_policies WHERE schemaname = %s AND policyname LIKE %s",
        (schema, ddl.POLICY_PREFIX + "%"),
    ):
        policies.setdefault(table, []).append(name)
    sequences: dict[str, list[str]] = {}
    for sequence, table in connection.execute(
        "SELECT s.relname, t.relname FROM pg_catalog.pg_class s "
        "JOIN pg_catalog.pg_depend d ON d.objid = s.oid AND d.classid = 'pg_catalog.pg_class'::regclass "
        "JOIN pg_catalog.pg_class t ON t.oid = d.refobjid "
        "JOIN pg_catalog.pg_namespace n ON n.oid = s.relnamespace "
        "WHERE s.relkind = 'S' AND d.deptype IN ('a', 'i') AND n.nspname = %s",
        (schema,),
    ):
        sequences.setdefault(table, []).append(sequence)
    statements = ddl.group_role_statements() + ddl.function_statements(schema) + ddl.schema_statements(schema)
    for table in sorted(TABLE_RULES):
        table_owners = {owners.get(table, current_user), current_user}
        statements += ddl.table_statements(table, table_owners, policies.get(table, []))
    statements += ddl.sequence_statements(sequences)
    statements += _planner_statements(connection)
    return statements


# The planner's default cost of a random read (4) assumes spinning disks; with it, PostgreSQL scans the whole session
# table once per participant for the list's attendance column (170 ms on the Oslo-scale benchmark instead of 40).
# 1.1 is the usual setting for SSDs. Only the database's owner (or a superuser) may set it; others are left alone.
RANDOM_PAGE_COST = "1.1"


def _planner_statements(connection: psycopg.Connection) -> list[str]:
    database, may = connection.execute(
        "SELECT current_database(), pg_catalog.pg_has_role(current_user, d.datdba, 'MEMBER') "
        "OR (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) "
        "FROM pg_catalog.pg_database d WHERE d.datname = current_database()"
    ).fetchone()  # type: ignore[misc]
    if not may:
        return []
    quoted = psycopg.sql.Identifier(database).as_string(connection)
    return [f"ALTER DATABASE {quoted} SET random_page_cost = {RANDOM_PAGE_COST}"]
