"""Organisation register: a unit's code (the HR system's org unit number) and validity (``valid_from``,
``valid_to``), what it was called and where it belonged before each rename or move (``unit_history``), and
when it was merged into another unit (``unit_merge``).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 14:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: a batch copy of ``unit`` would drop it, and its foreign keys would clear people's units.
    op.add_column("unit", sa.Column("code", sa.String(length=50), nullable=True))
    op.add_column("unit", sa.Column("valid_from", sa.Date(), nullable=True))
    op.add_column(
        "unit",
        sa.Column(
            "valid_to",
            sa.Date(),
            sa.CheckConstraint(
                "valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to", name=op.f("ck_unit_valid_range")
            ),
            nullable=True,
        ),
    )
    op.create_table(
        "unit_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_unit_history_name_not_blank")),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["department.id"],
            name=op.f("fk_unit_history_department_id_department"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_unit_history_unit_id_unit"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_history")),
    )
    op.create_index("ix_unit_history_unit_until", "unit_history", ["unit_id", "until"], unique=False)
    op.create_table(
        "unit_merge",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("into_id", sa.Integer(), nullable=False),
        sa.Column("merged_on", sa.Date(), nullable=False),
        sa.CheckConstraint("unit_id <> into_id", name=op.f("ck_unit_merge_not_itself")),
        sa.ForeignKeyConstraint(["into_id"], ["unit.id"], name=op.f("fk_unit_merge_into_id_unit"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_unit_merge_unit_id_unit"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("unit_id", name=op.f("pk_unit_merge")),
    )
    op.create_index(op.f("ix_unit_merge_into_id"), "unit_merge", ["into_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_unit_merge_into_id"), table_name="unit_merge")
    op.drop_table("unit_merge")
    op.drop_index("ix_unit_history_unit_until", table_name="unit_history")
    op.drop_table("unit_history")
    # SQLite drops a column only when no constraint names it: the check goes with the column it was declared on.
    op.drop_column("unit", "valid_to")
    op.drop_column("unit", "valid_from")
    op.drop_column("unit", "code")
