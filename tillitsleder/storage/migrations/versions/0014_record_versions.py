"""Several people edit at once: a version on every record people edit in forms, and who saved it last and when.

``version`` (integer, not null, default 1) is the mapper's ``version_id_col`` (``tillitsleder.model.versioned``):
every UPDATE says ``… WHERE version = :seen`` and bumps it, so a save over someone else's newer change is refused
(``tillitsleder.versions``). ``updated_by_id`` is a foreign key to ``person`` (ON DELETE SET NULL), not a copied
display name: a name copied into a column would outlive the person's erasure and their renames, while the key is
cleared by erasure (``privacy/references.py`` lists it) and always shows the current name. The coordinator's
desktop profile is no person, so its saves leave ``updated_by_id`` empty and read "a coordinator".

The records, and why:

* ``programme``, ``semester``, ``module`` — the programme and curriculum editor;
* ``cohort`` — cohort name and dates; ``enrolment`` — status, unit, position, the journal-count choice;
* ``session`` — the session form (it already had ``updated_at``: only ``version`` and ``updated_by_id`` are new);
* ``attendance`` — each register cell, merged per cell with its own version and timestamp;
* ``reflection_group``, ``group_meeting`` — group names and facilitators; a meeting with its notes and actions,
  which are saved with it as one form (the meeting's version covers them, so ``group_note``/``group_action`` get
  none of their own);
* ``facilitator``, ``facilitator_assignment`` — pool membership, capacity, skills; assignments;
* ``certificate_template`` — the template editor (it already had ``updated_at``);
* ``journal_entry``, ``commitment`` — only ``version``: only their author edits them, from two PCs at most, and
  ``updated_by`` would add nothing but metadata about a private journal (``journal_entry`` has ``updated_at``);
* ``unit`` — the organisation register's rename, code and validity; ``version`` and ``updated_at`` only, since
  ``person.unit_id`` refers to ``unit`` and a key back to ``person`` would make the two tables a cycle.

Plain ADD COLUMN throughout (no batch copies): a copy of a table others refer to would fire their ON DELETE rules.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 19:30:00
"""

import sqlalchemy as sa
from alembic import op

from tillitsleder.model.base import UTCDateTime

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# table → (adds updated_by_id, adds updated_at)
TABLES: dict[str, tuple[bool, bool]] = {
    "programme": (True, True),
    "semester": (True, True),
    "module": (True, True),
    "cohort": (True, True),
    "enrolment": (True, True),
    "session": (True, False),
    "attendance": (True, True),
    "reflection_group": (True, True),
    "group_meeting": (True, True),
    "facilitator": (True, True),
    "facilitator_assignment": (True, True),
    "certificate_template": (True, False),
    "journal_entry": (False, False),
    "commitment": (False, False),
    "unit": (False, True),
}


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, (by, at) in TABLES.items():
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        if at:
            op.add_column(table, sa.Column("updated_at", UTCDateTime(), nullable=True))
        if by:
            _add_updated_by(table, sqlite)


def _add_updated_by(table: str, sqlite: bool) -> None:
    """``updated_by_id`` with its foreign key. SQLite cannot add a constraint to a table, only a column that
    carries one (its own DDL, SQLite only); PostgreSQL adds the column and then the named constraint."""
    name = f"fk_{table}_updated_by_id_person"
    if sqlite:
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN updated_by_id INTEGER "
            f"CONSTRAINT {name} REFERENCES person (id) ON DELETE SET NULL"
        )
        return
    op.add_column(table, sa.Column("updated_by_id", sa.Integer(), nullable=True))
    op.create_foreign_key(op.f(name), table, "person", ["updated_by_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    for table, (by, at) in TABLES.items():
        with op.batch_alter_table(table) as batch:
            if by:
                batch.drop_constraint(batch.f(f"fk_{table}_updated_by_id_person"), type_="foreignkey")
                batch.drop_column("updated_by_id")
            if at:
                batch.drop_column("updated_at")
            batch.drop_column("version")
