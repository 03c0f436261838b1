"""The server's access rules against the model: every table has a decision, and the DDL made from them is whole.

A table added by a later migration fails here until ``tillitsleder/server/rules.py`` says who may do what with it
(and ``server init``, run again after the upgrade, applies it). No database needed.
"""

from __future__ import annotations

import re

from tillitsleder.model import Base
from tillitsleder.model.enums import Role
from tillitsleder.server import postgresql_ddl as ddl
from tillitsleder.server.rules import COMMANDS, DELETE, SELECT, TABLE_RULES, UPDATE


def test_every_table_of_the_model_has_a_rule_and_every_rule_a_table():
    tables = set(Base.metadata.tables)
    assert tables - set(TABLE_RULES) == set(), "tables without an access rule"
    assert set(TABLE_RULES) - tables == set(), "rules for tables the model does not have"


def test_rules_name_real_columns_and_commands():
    for table, rule in TABLE_RULES.items():
        columns = set(Base.metadata.tables[table].columns.keys())
        for role in Role:
            for grant in rule.grants(role):
                assert set(grant.commands) <= set(COMMANDS), (table, grant)
                assert set(grant.columns or ()) <= columns, (table, grant.columns)
                if grant.columns is not None:
                    assert set(grant.commands) <= {SELECT, UPDATE}, "only SELECT and UPDATE take columns"


def test_policies_call_only_the_helper_functions_there_are():
    used = {
        name
        for rule in TABLE_RULES.values()
        for role in Role
        for grant in rule.grants(role)
        for name in re.findall(r"\b(tillitsleder_\w+)\(", grant.rows)
    }
    assert used
    assert used <= set(ddl.HELPER_FUNCTIONS)


def test_the_audit_trails_are_insert_only_for_everyone():
    for table in ("audit_event", "read_event", "read_event_subject"):
        for role in Role:
            assert not TABLE_RULES[table].commands(role) & {UPDATE, DELETE}, (table, role)


def test_nobody_but_the_author_reads_journal_ciphertext():
    for table, secret in (("journal_entry", "content"), ("journal_draft", "content"), ("commitment", "content")):
        for grant in TABLE_RULES[table].coordinator:
            if SELECT in grant.commands:
                assert grant.columns is not None and secret not in grant.columns, table


def test_every_table_gets_forced_row_level_security_and_the_owner_policy():
    for table in TABLE_RULES:
        statements = ddl.table_statements(table, ["admin"], ["tillitsleder_old_policy"])
        assert f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY' in statements
        assert f'DROP POLICY IF EXISTS "tillitsleder_old_policy" ON "{table}"' in statements
        assert any(s.startswith('CREATE POLICY "tillitsleder_owner_admin"') for s in statements)
        # Every role policy first checks that the login is listed in this database in that role.
        for statement in statements:
            if statement.startswith('CREATE POLICY "tillitsleder_') and "owner" not in statement:
                assert "(SELECT tillitsleder_role()) = '" in statement


def test_column_limited_grants_carry_the_bookkeeping_columns_a_table_has():
    from tillitsleder.server.rules import Grant, effective_columns

    # Journal entries carry a version and a time of change, but not who changed them (only the author edits).
    assert effective_columns("journal_entry", Grant(("SELECT",), columns=("id",))) == ("id", "version", "updated_at")
    status = effective_columns("enrolment", Grant(("UPDATE",), columns=("status",)))
    assert status == ("status", "version", "updated_by_id", "updated_at")
    assert effective_columns("enrolment", Grant(("SELECT",))) is None
