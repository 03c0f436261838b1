"""Facilitator rosters and table day: a table day with its named tables, their leaders and the seating.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 11:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "table_day",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("cohort_id", sa.Integer(), nullable=True),
        sa.Column("table_size", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_table_day_name_not_blank")),
        sa.CheckConstraint("table_size >= 2", name=op.f("ck_table_day_table_size_min")),
        sa.ForeignKeyConstraint(
            ["cohort_id"], ["cohort.id"], name=op.f("fk_table_day_cohort_id_cohort"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_table_day")),
    )
    op.create_table(
        "table_day_table",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_day_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("leader_person_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_table_day_table_name_not_blank")),
        sa.ForeignKeyConstraint(
            ["table_day_id"],
            ["table_day.id"],
            name=op.f("fk_table_day_table_table_day_id_table_day"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["leader_person_id"],
            ["person.id"],
            name=op.f("fk_table_day_table_leader_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_table_day_table")),
        sa.UniqueConstraint("table_day_id", "name", name=op.f("uq_table_day_table_table_day_id_name")),
    )
    with op.batch_alter_table("table_day_table", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_table_day_table_table_day_id"), ["table_day_id"], unique=False)
    op.create_table(
        "table_day_seat",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_day_id", sa.Integer(), nullable=False),
        sa.Column("table_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["table_day_id"],
            ["table_day.id"],
            name=op.f("fk_table_day_seat_table_day_id_table_day"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["table_id"],
            ["table_day_table.id"],
            name=op.f("fk_table_day_seat_table_id_table_day_table"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_table_day_seat_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_table_day_seat")),
        sa.UniqueConstraint("table_day_id", "person_id", name=op.f("uq_table_day_seat_table_day_id_person_id")),
    )
    with op.batch_alter_table("table_day_seat", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_table_day_seat_table_id"), ["table_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_table_day_seat_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("table_day_seat", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_table_day_seat_person_id"))
        batch_op.drop_index(batch_op.f("ix_table_day_seat_table_id"))
    op.drop_table("table_day_seat")
    with op.batch_alter_table("table_day_table", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_table_day_table_table_day_id"))
    op.drop_table("table_day_table")
    op.drop_table("table_day")
