"""Sessions: the repeating series they belong to, and when they last changed (for calendar exports).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 08:13:30.734155
"""

import sqlalchemy as sa
from alembic import op

from tillitsleder import clock

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("series_id", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_session_series_id"), ["series_id"], unique=False)
    now = sa.bindparam("now", clock.now().replace(tzinfo=None), type_=sa.DateTime())  # naive UTC, like every stamp
    op.execute(sa.text("UPDATE session SET updated_at = :now").bindparams(now))
    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.alter_column("updated_at", existing_type=sa.DateTime(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_series_id"))
        batch_op.drop_column("updated_at")
        batch_op.drop_column("series_id")
