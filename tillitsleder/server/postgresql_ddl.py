"""PostgreSQL-only DDL for a shared deployment: the group roles, the helper functions, the grants and the row-level
security policies made from ``rules.TABLE_RULES``. The one place in the core that writes access DDL for PostgreSQL.

``statements(schema, owners)`` returns the whole set in order; ``setup.init_server`` runs it in one transaction, so
re-running it (after an upgrade added tables) replaces every grant and policy as one change:

1. the NOLOGIN group roles, created once (roles belong to the whole cluster);
2. the helper functions, ``SECURITY DEFINER`` with a fixed ``search_path``: ``tillitsleder_person_id()`` and
   ``tillitsleder_role()`` look the connected ``session_user`` up in ``server_login``, the others list the rows a
   login is linked to (its groups, its profiles, the entries granted to it …). Policies call them instead of
   querying each other's tables, which keeps policies from recursing into one another;
3. per table: every privilege of the group roles revoked, then granted as the rules say (with the columns where
   they are limited) and sequences for the tables a role inserts into; row-level security enabled and FORCEd; the
   policies dropped and made again: one per grant and command, plus one letting the table's owner (who migrates)
   see everything.
"""

from __future__ import annotations

from collections.abc import Iterable

from tillitsleder.model.enums import Role
from tillitsleder.server.rules import (
    DELETE,
    INSERT,
    SELECT,
    TABLE_RULES,
    UNMODELLED_READABLE,
    UPDATE,
    Grant,
    effective_columns,
)

GROUP_ROLES: dict[Role, str] = {
    Role.COORDINATOR: "tillitsleder_coordinator",
    Role.FACILITATOR: "tillitsleder_facilitator",
    Role.PARTICIPANT: "tillitsleder_participant",
}
POLICY_PREFIX = "tillitsleder_"

_ME = "tillitsleder_person_id()"
_ROLE = "tillitsleder_role()"

# name → (return type, body). Every body runs as the function's owner (the administrator who ran ``server init``).
HELPER_FUNCTIONS: dict[str, tuple[str, str]] = {
    "tillitsleder_person_id": ("integer", "SELECT person_id FROM server_login WHERE login = session_user"),
    "tillitsleder_role": ("text", "SELECT role FROM server_login WHERE login = session_user"),
    "tillitsleder_profile_ids": (
        "SETOF integer",
        "SELECT p.id FROM profile p JOIN server_login l ON l.person_id = p.person_id AND l.role = p.role "
        "WHERE l.login = session_user",
    ),
    "tillitsleder_facilitator_ids": (
        "SETOF integer",
        f"SELECT id FROM facilitator WHERE person_id = {_ME} AND {_ROLE} = 'facilitator'",
    ),
    "tillitsleder_enrolment_ids": (
        "SETOF integer",
        f"SELECT id FROM enrolment WHERE person_id = {_ME} AND {_ROLE} = 'participant'",
    ),
    "tillitsleder_group_ids": (
        "SETOF integer",
        "SELECT id FROM reflection_group WHERE facilitator_id IN (SELECT tillitsleder_facilitator_ids()) "
        "UNION SELECT group_id FROM facilitator_assignment "
        "WHERE kind = 'group' AND facilitator_id IN (SELECT tillitsleder_facilitator_ids()) "
        "UNION SELECT group_id FROM group_member WHERE enrolment_id IN (SELECT tillitsleder_enrolment_ids())",
    ),
    "tillitsleder_meeting_ids": (
        "SETOF integer",
        "SELECT id FROM group_meeting WHERE group_id IN (SELECT tillitsleder_group_ids())",
    ),
    "tillitsleder_coachee_ids": (
        "SETOF integer",
        "SELECT person_id FROM facilitator_assignment "
        "WHERE kind = 'leader' AND facilitator_id IN (SELECT tillitsleder_facilitator_ids())",
    ),
    "tillitsleder_coach_ids": (
        "SETOF integer",
        "SELECT f.person_id FROM facilitator f JOIN facilitator_assignment a ON a.facilitator_id = f.id "
        f"WHERE a.kind = 'leader' AND a.person_id = {_ME} AND {_ROLE} = 'participant'",
    ),
    "tillitsleder_group_facilitator_ids": (
        "SETOF integer",
        "SELECT f.person_id FROM facilitator f JOIN reflection_group g ON g.facilitator_id = f.id "
        "WHERE g.id IN (SELECT tillitsleder_group_ids())",
    ),
    "tillitsleder_record_enrolment_ids": (
        "SETOF integer",
        "SELECT tillitsleder_enrolment_ids() "
        "UNION SELECT enrolment_id FROM group_member "
        f"WHERE {_ROLE} = 'facilitator' AND group_id IN (SELECT tillitsleder_group_ids()) "
        "UNION SELECT id FROM enrolment WHERE person_id IN (SELECT tillitsleder_coachee_ids())",
    ),
    "tillitsleder_visible_enrolment_ids": (
        "SETOF integer",
        "SELECT tillitsleder_record_enrolment_ids() "
        "UNION SELECT enrolment_id FROM group_member WHERE group_id IN (SELECT tillitsleder_group_ids())",
    ),
    "tillitsleder_known_person_ids": (
        "SETOF integer",
        f"SELECT {_ME} "
        "UNION SELECT person_id FROM enrolment WHERE id IN (SELECT tillitsleder_visible_enrolment_ids()) "
        "UNION SELECT tillitsleder_coachee_ids() UNION SELECT tillitsleder_coach_ids() "
        "UNION SELECT tillitsleder_group_facilitator_ids()",
    ),
    "tillitsleder_reader_profile_ids": (
        "SETOF integer",
        f"SELECT p.id FROM profile p WHERE {_ROLE} = 'participant' AND ("
        "(p.role = 'facilitator' AND p.person_id IN "
        "(SELECT tillitsleder_coach_ids() UNION SELECT tillitsleder_group_facilitator_ids())) "
        "OR (p.role = 'participant' AND p.person_id IN (SELECT e.person_id FROM enrolment e "
        "JOIN group_member m ON m.enrolment_id = e.id WHERE m.group_id IN (SELECT tillitsleder_group_ids()))))",
    ),
    "tillitsleder_granted_entry_ids": (
        "SETOF integer",
        "SELECT entry_id FROM journal_grant WHERE profile_id IN (SELECT tillitsleder_profile_ids())",
    ),
    "tillitsleder_own_entry_ids": (
        "SETOF integer",
        f"SELECT id FROM journal_entry WHERE author_id = {_ME} AND {_ROLE} = 'participant'",
    ),
    "tillitsleder_granted_commitment_ids": (
        "SETOF integer",
        "SELECT commitment_id FROM commitment_grant WHERE profile_id IN (SELECT tillitsleder_profile_ids())",
    ),
    "tillitsleder_own_commitment_ids": (
        "SETOF integer",
        f"SELECT id FROM commitment WHERE person_id = {_ME} AND {_ROLE} = 'participant'",
    ),
}


def quote(identifier: str) -> str:
    """``identifier`` as a PostgreSQL quoted identifier."""
    return '"' + identifier.replace('"', '""') + '"'


def group_role_statements() -> list[str]:
    statements = []
    for name in GROUP_ROLES.values():
        statements.append(
            "DO $$ BEGIN "
            f"IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '{name}') THEN "
            f"CREATE ROLE {quote(name)} NOLOGIN; END IF; END $$"
        )
    return statements


def function_statements(schema: str) -> list[str]:
    roles = ", ".join(quote(name) for name in GROUP_ROLES.values())
    statements = []
    for name, (returns, body) in HELPER_FUNCTIONS.items():
        statements.append(
            f"CREATE OR REPLACE FUNCTION {quote(schema)}.{name}() RETURNS {returns} LANGUAGE sql STABLE "
            f"SECURITY DEFINER SET search_path = {quote(schema)}, pg_temp AS $fn$ {body} $fn$"
        )
        statements.append(f"REVOKE ALL ON FUNCTION {quote(schema)}.{name}() FROM PUBLIC")
        statements.append(f"GRANT EXECUTE ON FUNCTION {quote(schema)}.{name}() TO {roles}")
    return statements


def _policy_clause(command: str, rows: str) -> str:
    if command == SELECT or command == DELETE:
        return f"USING ({rows})"
    if command == INSERT:
        return f"WITH CHECK ({rows})"
    assert command == UPDATE
    return f"USING ({rows}) WITH CHECK ({rows})"


def _grant_statement(table: str, role: str, command: str, grant: Grant) -> str:
    names = effective_columns(table, grant)
    limited = command in (SELECT, UPDATE) and names is not None
    columns = f" ({', '.join(quote(c) for c in names or ())})" if limited else ""
    return f"GRANT {command}{columns} ON {quote(table)} TO {quote(role)}"


def table_statements(table: str, owners: Iterable[str], existing_policies: Iterable[str]) -> list[str]:
    """Grants and policies of one table, replacing whatever ``server init`` made before."""
    rule = TABLE_RULES[table]
    roles = ", ".join(quote(name) for name in GROUP_ROLES.values())
    statements = [f"REVOKE ALL ON {quote(table)} FROM PUBLIC, {roles}"]
    statements += [f"DROP POLICY IF EXISTS {quote(name)} ON {quote(table)}" for name in existing_policies]
    statements.append(f"ALTER TABLE {quote(table)} ENABLE ROW LEVEL SECURITY")
    statements.append(f"ALTER TABLE {quote(table)} FORCE ROW LEVEL SECURITY")
    for owner in sorted(set(owners)):
        statements.append(
            f"CREATE POLICY {quote(POLICY_PREFIX + 'owner_' + owner)} ON {quote(table)} TO {quote(owner)} "
            "USING (true) WITH CHECK (true)"
        )
    for role, group in GROUP_ROLES.items():
        for number, grant in enumerate(rule.grants(role), start=1):
            for command in grant.commands:
                statements.append(_grant_statement(table, group, command, grant))
                name = f"{POLICY_PREFIX}{role.value}_{command.lower()}_{number}"
                # A login acts only in the database that lists it: group roles belong to the whole cluster.
                rows = f"(SELECT tillitsleder_role()) = '{role.value}' AND ({grant.rows})"
                statements.append(
                    f"CREATE POLICY {quote(name)} ON {quote(table)} FOR {command} TO {quote(group)} "
                    + _policy_clause(command, rows)
                )
    return statements


def sequence_statements(sequences: dict[str, list[str]]) -> list[str]:
    """USAGE on the sequences behind ``table`` (name → sequences) for each role that inserts into it."""
    statements = []
    for table, names in sorted(sequences.items()):
        rule = TABLE_RULES.get(table)
        if rule is None:
            continue
        for role, group in GROUP_ROLES.items():
            if INSERT in rule.commands(role):
                statements += [f"GRANT USAGE ON SEQUENCE {quote(name)} TO {quote(group)}" for name in names]
    return statements


def schema_statements(schema: str) -> list[str]:
    roles = ", ".join(quote(name) for name in GROUP_ROLES.values())
    # Logins create nothing: no table or function of theirs can stand beside ours (PostgreSQL before 15 let PUBLIC).
    statements = [
        f"REVOKE CREATE ON SCHEMA {quote(schema)} FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA {quote(schema)} TO {roles}",
    ]
    statements += [f"GRANT SELECT ON {quote(table)} TO {roles}" for table in UNMODELLED_READABLE]
    return statements
