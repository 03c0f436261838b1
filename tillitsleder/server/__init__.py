"""A shared deployment on PostgreSQL: each person signs in as themselves and the database enforces who sees what.

- ``rules``: for every table of the model, what each group role (coordinator, facilitator, participant) may select,
  insert, update and delete, and which rows — the "who sees what" of the domain notes and ``access.py``, written
  once as data; a test fails when a table of the model has no rule.
- ``postgresql_ddl``: the PostgreSQL-only DDL made from those rules: group roles, helper functions, grants, row-level
  security policies. Nothing else in the core writes engine-specific DDL for access.
- ``setup``: ``server init`` — migrate, then (re)apply the DDL; idempotent, re-run after every upgrade.
- ``logins``: ``server add-user``, ``list-users``, ``remove-user``: one LOGIN role per person, in a group role.
- ``identity``: the app's profile taken from the connected login (``actor_for_connection``).
"""
