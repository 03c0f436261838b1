"""Read audit and retention: an append-only trail of reads of personal data by others (``read_event`` with one
``read_event_subject`` row per person concerned; triggers refuse UPDATE and DELETE), a retention rule per
programme (``programme.retention_months``) and when it was applied to a cohort (``cohort.retention_applied_at``).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 14:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# Written out here, not imported from the model: a migration stays as it was when it shipped.
TABLES = ("read_event", "read_event_subject")


def _triggers(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        for verb in ("UPDATE", "DELETE")
    ]


# PostgreSQL (added with issue 16, before any server database existed): the same refusal, as a trigger function.
_PG_FUNCTION = (
    "CREATE OR REPLACE FUNCTION tillitsleder_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || ' is append-only'; END $$"
)


def _pg_triggers(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION tillitsleder_append_only()"
        for verb in ("UPDATE", "DELETE")
    ]


def upgrade() -> None:
    op.create_table(
        "read_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_role", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("length(trim(kind)) > 0", name=op.f("ck_read_event_kind_not_blank")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_read_event")),
    )
    with op.batch_alter_table("read_event", schema=None) as batch_op:
        batch_op.create_index("ix_read_event_actor", ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_read_event_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_read_event_occurred_at"), ["occurred_at"], unique=False)
    op.create_table(
        "read_event_subject",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["read_event.id"], name=op.f("fk_read_event_subject_event_id_read_event"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("event_id", "person_id", name=op.f("pk_read_event_subject")),
    )
    with op.batch_alter_table("read_event_subject", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_read_event_subject_person_id"), ["person_id"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        for table in TABLES:
            for statement in _triggers(table):
                op.execute(statement)
    elif op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        for table in TABLES:
            for statement in _pg_triggers(table):
                op.execute(statement)

    # Plain ADD COLUMN: a batch copy of ``programme`` or ``cohort`` would trip the foreign keys that point at them.
    op.add_column(
        "programme",
        sa.Column(
            "retention_months",
            sa.Integer(),
            sa.CheckConstraint(
                "retention_months IS NULL OR retention_months BETWEEN 1 AND 120",
                name=op.f("ck_programme_retention_range"),
            ),
            nullable=True,
        ),
    )
    op.add_column("cohort", sa.Column("retention_applied_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    op.drop_column("cohort", "retention_applied_at")
    op.drop_column("programme", "retention_months")
    if op.get_bind().dialect.name == "sqlite":
        for table in TABLES:
            for verb in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
    elif op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            for verb in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS tillitsleder_append_only()")
    op.drop_table("read_event_subject")
    op.drop_table("read_event")
