"""Reflection group rounds remember the size bounds and seed they were composed with.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 11:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("group_round", schema=None) as batch_op:
        batch_op.add_column(sa.Column("min_size", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("max_size", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("seed", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("group_round", schema=None) as batch_op:
        batch_op.drop_column("seed")
        batch_op.drop_column("max_size")
        batch_op.drop_column("min_size")
