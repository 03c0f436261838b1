"""Server logins: which PostgreSQL login is which person in which role (``server_login``; empty on SQLite).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 19:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "server_login",
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "role IN ('coordinator', 'participant', 'facilitator')", name=op.f("ck_server_login_role_valid")
        ),
        sa.CheckConstraint(
            "role = 'coordinator' OR person_id IS NOT NULL", name=op.f("ck_server_login_person_unless_coordinator")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_server_login_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("login", name=op.f("pk_server_login")),
    )
    with op.batch_alter_table("server_login") as batch:
        batch.create_index(batch.f("ix_server_login_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    op.drop_table("server_login")
