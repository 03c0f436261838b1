"""The role matrix: on a shared PostgreSQL database the database itself refuses what a role may not do.

The demo goes onto a server database, ``server init`` runs, and a participant, a facilitator and a coordinator
login are made with ``add_user``. Each then connects through plain psycopg with the printed password — not through
the app — and tries every table × SELECT/INSERT/UPDATE/DELETE:

- a command the rules give the role no grant for is refused (permission denied), on every row;
- a command granted for some rows touches none of the others: rows it cannot see stay invisible, an UPDATE or
  DELETE of them affects 0 rows, an INSERT of a copy of one of them violates row-level security;
- a column a role may not read (journal ciphertext for the coordinator …) is refused.

The positive side checks the rows each role sees against the administrator's view of what is theirs.
PostgreSQL only: skipped without the test server, unless TILLITSLEDER_REQUIRE_POSTGRESQL=1.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import psycopg
import pytest
import server_deployment
from psycopg import sql
from psycopg.rows import dict_row

from tillitsleder.model import Base
from tillitsleder.model.enums import Role
from tillitsleder.server.rules import DELETE, INSERT, SELECT, TABLE_RULES, UPDATE, effective_columns

ROLES = (Role.PARTICIPANT, Role.FACILITATOR, Role.COORDINATOR)
DENIED = "denied"
SAMPLE = 25  # hidden rows tried per table and command

# What each role may do at all, written here from the domain notes' "who sees what" independently of the rules
# (``tillitsleder.server.rules``), so a rule that grants too much fails below. Everything not listed as writable
# must be refused; tables listed as unreadable must refuse SELECT too.
IUD = {INSERT, UPDATE, DELETE}
AUDIT = ("audit_event", "read_event", "read_event_subject")
WRITABLE: dict[Role, dict[str, set[str]]] = {
    Role.PARTICIPANT: {
        **{t: IUD for t in ("journal_entry", "journal_grant", "journal_draft", "commitment", "commitment_grant")},
        "profile": IUD,
        **{t: {INSERT} for t in AUDIT},
    },
    Role.FACILITATOR: {
        **{t: IUD for t in ("group_meeting", "group_meeting_attendee", "group_note", "group_action")},
        "facilitator_unavailability": IUD,
        "profile": IUD,
        **{t: {INSERT} for t in AUDIT},
    },
    Role.COORDINATOR: {
        **{t: IUD for t in TABLE_RULES},
        # journal, commitments and profiles: deleted by erasure and retention, never written
        **{t: {DELETE} for t in ("journal_entry", "journal_grant", "journal_draft", "commitment", "commitment_grant")},
        "profile": {DELETE},
        **{t: set() for t in ("group_note", "group_action")},  # content is the group's; meetings' dates are theirs
        "server_login": {DELETE},  # logins are the administrator's; erasing a person deletes theirs
        "erasure_log": {INSERT, UPDATE},
        **{t: {INSERT} for t in AUDIT},
    },
}
PRIVATE_TO_COORDINATOR = ("unit_alias", "erasure_log", "table_day", "table_day_table", "table_day_seat")
UNREADABLE: dict[Role, set[str]] = {
    Role.PARTICIPANT: {*PRIVATE_TO_COORDINATOR, "facilitator_unavailability"},
    Role.FACILITATOR: {*PRIVATE_TO_COORDINATOR, "journal_draft"},
    Role.COORDINATOR: set(),
}


def expected_commands(table: str, role: Role) -> set[str]:
    readable = set() if table in UNREADABLE[role] else {SELECT}
    return readable | WRITABLE[role].get(table, set())


def test_the_rules_grant_no_more_than_the_domain_allows():
    for role in ROLES:
        for table, rule in TABLE_RULES.items():
            assert rule.commands(role) <= expected_commands(table, role), (role.value, table)


@pytest.fixture(scope="module")
def deployment(suite_day: date) -> Iterator[server_deployment.Deployment]:
    yield from server_deployment.for_module(suite_day)


@pytest.fixture(scope="module")
def connections(deployment) -> Iterator[dict[Role, psycopg.Connection]]:
    opened = {role: deployment.connect(role) for role in ROLES}
    yield opened
    for connection in opened.values():
        connection.close()


@pytest.fixture(scope="module")
def admin(deployment) -> Iterator[psycopg.Connection]:
    with deployment.admin() as connection:
        yield connection


def attempt(connection: psycopg.Connection, statement, params=()) -> str | int:
    """Run ``statement`` in a transaction that is always rolled back: ``DENIED`` or the rows it affected."""
    try:
        with connection.transaction():
            count = connection.execute(statement, params).rowcount
            raise psycopg.Rollback
    except psycopg.errors.InsufficientPrivilege:  # also "new row violates row-level security policy"
        return DENIED
    return count


def key_columns(table: str) -> list[str]:
    return [column.name for column in Base.metadata.tables[table].primary_key.columns]


def keys(connection: psycopg.Connection, table: str) -> set[tuple]:
    columns = sql.SQL(", ").join(sql.Identifier(c) for c in key_columns(table))
    with connection.transaction():
        return {
            tuple(row)
            for row in connection.execute(sql.SQL("SELECT {} FROM {}").format(columns, sql.Identifier(table)))
        }


def where_key(table: str, key: tuple) -> tuple[sql.Composable, tuple]:
    parts = [sql.SQL("{} = %s").format(sql.Identifier(c)) for c in key_columns(table)]
    return sql.SQL(" AND ").join(parts), key


def update_column(table: str, role: Role) -> str:
    for grant in TABLE_RULES[table].grants(role):
        if UPDATE in grant.commands and grant.columns:
            return grant.columns[0]
    return key_columns(table)[0]


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value)
@pytest.mark.parametrize("table", sorted(TABLE_RULES))
def test_every_table_refuses_what_the_role_may_not_do(table, role, connections, admin):
    connection, allowed = connections[role], expected_commands(table, role)
    every = keys(admin, table)
    name = sql.Identifier(table)
    # SELECT: refused, or only rows that exist (the positive tests say which).
    if SELECT in allowed:
        visible = keys(connection, table)
        assert visible <= every
    else:
        assert attempt(connection, sql.SQL("SELECT 1 FROM {}").format(name)) == DENIED
        visible = set()
    hidden = sorted(every - visible)[:SAMPLE]
    # UPDATE and DELETE: refused outright, or 0 rows among those the role cannot see.
    column = sql.Identifier(update_column(table, role))
    for command, statement in (
        (UPDATE, sql.SQL("UPDATE {} SET {} = {}").format(name, column, column)),
        (DELETE, sql.SQL("DELETE FROM {}").format(name)),
    ):
        if command not in allowed:
            assert attempt(connection, statement) == DENIED, f"{role.value} may {command} {table}"
            continue
        for key in hidden:
            condition, params = where_key(table, key)
            affected = attempt(connection, sql.SQL("{} WHERE {}").format(statement, condition), params)
            assert affected in (0, DENIED), f"{role.value} {command} on a hidden {table} row {key}"
    # INSERT: refused outright, or a copy of a row the role cannot see violates row-level security.
    if INSERT not in allowed:
        assert attempt(connection, sql.SQL("INSERT INTO {} DEFAULT VALUES").format(name)) == DENIED
    for key in hidden[:5] if INSERT in allowed else ():
        assert attempt(connection, *copy_of(admin, table, key)) == DENIED, f"{role.value} inserted into {table}"


def copy_of(admin: psycopg.Connection, table: str, key: tuple) -> tuple[sql.Composable, tuple]:
    """An INSERT of a copy of the row ``key`` (a fresh id where the key is a generated id)."""
    condition, params = where_key(table, key)
    with admin.cursor(row_factory=dict_row) as cursor:
        row = cursor.execute(
            sql.SQL("SELECT * FROM {} WHERE {}").format(sql.Identifier(table), condition), params
        ).fetchone()
    assert row is not None
    if key_columns(table) == ["id"] and Base.metadata.tables[table].c.id.autoincrement in (True, "auto"):
        row.pop("id")
    columns = sql.SQL(", ").join(sql.Identifier(c) for c in row)
    values = sql.SQL(", ").join(sql.Placeholder() for _ in row)
    return sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(sql.Identifier(table), columns, values), tuple(
        row.values()
    )


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value)
def test_columns_a_role_may_not_read_are_refused(role, connections):
    checked = 0
    for table, rule in TABLE_RULES.items():
        grants = [g for g in rule.grants(role) if SELECT in g.commands]
        if not grants or any(g.columns is None for g in grants):
            continue
        readable = {c for g in grants for c in effective_columns(table, g) or ()}
        for column in Base.metadata.tables[table].columns:
            statement = sql.SQL("SELECT {} FROM {}").format(sql.Identifier(column.name), sql.Identifier(table))
            expected = 0 if column.name in readable else DENIED
            assert (attempt(connections[role], statement) != DENIED) == (expected == 0), f"{table}.{column.name}"
            checked += 1
    assert checked > 0 or role is not Role.COORDINATOR


# --- What each role sees ----------------------------------------------------------------------------------------


def count(connection: psycopg.Connection, query: str, params=()) -> int:
    with connection.transaction():
        return connection.execute(query, params).fetchone()[0]  # type: ignore[index]


def test_the_participant_sees_their_own_records_and_journal_only(deployment, connections, admin):
    me, own = deployment.person(Role.PARTICIPANT), connections[Role.PARTICIPANT]
    own_enrolments = "SELECT id FROM enrolment WHERE person_id = %s"
    entries = count(admin, "SELECT count(*) FROM journal_entry WHERE author_id = %s", (me,))
    assert entries > 0
    assert count(own, "SELECT count(*) FROM journal_entry") == entries
    assert count(own, "SELECT count(*) FROM journal_entry WHERE author_id <> %s", (me,)) == 0
    for table in ("attendance", "enrolment_status_change", "certificate", "completion_sign_off"):
        expected = count(admin, f"SELECT count(*) FROM {table} WHERE enrolment_id IN ({own_enrolments})", (me,))
        assert count(own, f"SELECT count(*) FROM {table}") == expected, table
    assert count(admin, f"SELECT count(*) FROM attendance WHERE enrolment_id IN ({own_enrolments})", (me,)) > 0
    assert count(own, "SELECT count(*) FROM commitment") == count(
        admin, "SELECT count(*) FROM commitment WHERE person_id = %s", (me,)
    )
    # Their own enrolments, and no one's outside their reflection groups.
    assert count(own, "SELECT count(*) FROM enrolment WHERE person_id = %s", (me,)) == count(
        admin, "SELECT count(*) FROM enrolment WHERE person_id = %s", (me,)
    )
    assert count(own, "SELECT count(*) FROM enrolment") < count(admin, "SELECT count(*) FROM enrolment")
    # Their own profile with its keys; others' only as far as sharing needs (never every profile).
    assert count(own, "SELECT count(*) FROM profile WHERE person_id = %s AND passphrase_wrap IS NOT NULL", (me,)) == 1
    assert count(own, "SELECT count(*) FROM profile") < count(admin, "SELECT count(*) FROM profile")
    assert count(own, "SELECT count(*) FROM server_login") == 1
    assert count(own, "SELECT count(*) FROM audit_event") == 0


def test_the_facilitator_sees_their_groups_and_what_is_shared_with_them(deployment, connections, admin):
    me, own = deployment.person(Role.FACILITATOR), connections[Role.FACILITATOR]
    mine = "SELECT id FROM facilitator WHERE person_id = %s"
    groups = (
        f"SELECT id FROM reflection_group WHERE facilitator_id IN ({mine}) UNION "
        f"SELECT group_id FROM facilitator_assignment WHERE kind = 'group' AND facilitator_id IN ({mine})"
    )
    assert count(own, "SELECT count(*) FROM reflection_group") == count(
        admin, f"SELECT count(*) FROM ({groups}) g", (me, me)
    )
    notes = (
        f"SELECT count(*) FROM group_note n JOIN group_meeting m ON m.id = n.meeting_id WHERE m.group_id IN ({groups})"
    )
    assert count(own, "SELECT count(*) FROM group_note") == count(admin, notes, (me, me))
    granted = (
        "SELECT count(DISTINCT g.entry_id) FROM journal_grant g JOIN profile p ON p.id = g.profile_id "
        "WHERE p.person_id = %s AND p.role = 'facilitator'"
    )
    shared = count(admin, granted, (me,))
    assert shared > 0
    assert count(own, "SELECT count(*) FROM journal_entry") == shared
    # Shared with them to read, never to change.
    assert attempt(own, "UPDATE journal_entry SET sharing = sharing") == DENIED
    assert attempt(own, "DELETE FROM journal_grant") == DENIED
    assert count(own, "SELECT count(*) FROM commitment") == count(
        admin,
        "SELECT count(DISTINCT g.commitment_id) FROM commitment_grant g JOIN profile p ON p.id = g.profile_id "
        "WHERE p.person_id = %s AND p.role = 'facilitator'",
        (me,),
    )


def test_the_coordinator_reads_programme_data_but_no_journal_content(connections, admin):
    own = connections[Role.COORDINATOR]
    for table in ("enrolment", "attendance", "person", "session", "certificate", "enrolment_status_change"):
        assert count(own, f"SELECT count(*) FROM {table}") == count(admin, f"SELECT count(*) FROM {table}"), table
    # Dates and ids for counts, retention and erasure — never the ciphertext or a wrapped key.
    assert count(own, "SELECT count(id) FROM journal_entry") == count(admin, "SELECT count(*) FROM journal_entry")
    for column in ("content", "content_key", "summary", "summary_key"):
        assert attempt(own, f"SELECT {column} FROM journal_entry") == DENIED
    assert attempt(own, "SELECT wrapped_key FROM journal_grant") == DENIED
    assert attempt(own, "SELECT passphrase_wrap FROM profile") == DENIED
    assert attempt(own, "SELECT content FROM commitment") == DENIED
    # Group notes: only the themes marked shareable, without their content.
    assert count(own, "SELECT count(*) FROM group_note") == count(
        admin, "SELECT count(*) FROM group_note WHERE theme_shareable"
    )
    assert attempt(own, "SELECT content FROM group_note") == DENIED
    # Programme data is theirs to change.
    assert attempt(own, "UPDATE session SET title = title") == count(admin, "SELECT count(*) FROM session")


def test_a_login_sees_nothing_in_a_database_that_does_not_list_it(deployment, admin):
    """Group roles belong to the whole cluster: a login without a row here acts in no role here."""
    login = deployment.logins[Role.COORDINATOR].login
    row = admin.execute(
        "SELECT login, person_id, role, created_at FROM server_login WHERE login = %s", (login,)
    ).fetchone()
    admin.execute("DELETE FROM server_login WHERE login = %s", (login,))
    try:
        with deployment.connect(Role.COORDINATOR) as stranger:
            assert count(stranger, "SELECT count(*) FROM person") == 0
            assert count(stranger, "SELECT count(*) FROM session") == 0
    finally:
        admin.execute("INSERT INTO server_login (login, person_id, role, created_at) VALUES (%s, %s, %s, %s)", row)
