"""The erasure log: ids and timestamps of erased people, re-applied when an older backup is restored.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 14:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erasure_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=False),
        sa.Column("include_certificates", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure_log")),
        sa.UniqueConstraint(
            "person_id", "include_certificates", name=op.f("uq_erasure_log_person_id_include_certificates")
        ),
    )
    with op.batch_alter_table("erasure_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_erasure_log_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("erasure_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_erasure_log_person_id"))
    op.drop_table("erasure_log")
