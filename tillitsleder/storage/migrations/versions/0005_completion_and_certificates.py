"""Completion: a programme's completion rules (journal entries, sign-off) and the coordinator's sign-offs.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 11:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "completion_rules",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("min_journal_entries", sa.Integer(), nullable=False),
        sa.Column("requires_sign_off", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "min_journal_entries >= 0", name=op.f("ck_completion_rules_min_journal_entries_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_completion_rules_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("programme_id", name=op.f("pk_completion_rules")),
    )
    op.create_table(
        "completion_sign_off",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enrolment_id", sa.Integer(), nullable=False),
        sa.Column("signed_by_id", sa.Integer(), nullable=True),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["enrolment_id"],
            ["enrolment.id"],
            name=op.f("fk_completion_sign_off_enrolment_id_enrolment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["signed_by_id"],
            ["person.id"],
            name=op.f("fk_completion_sign_off_signed_by_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_completion_sign_off")),
        sa.UniqueConstraint("enrolment_id", name=op.f("uq_completion_sign_off_enrolment_id")),
    )


def downgrade() -> None:
    op.drop_table("completion_sign_off")
    op.drop_table("completion_rules")
