"""Certificate templates (per programme and language, with one or two signatories) and, on issued certificates,
the name as printed, the reason for a reissue and when the status last changed.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 11:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "certificate_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("intro", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("show_modules", sa.Boolean(), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("background", sa.LargeBinary(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_certificate_template_title_not_blank")),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_certificate_template_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_template")),
        sa.UniqueConstraint("programme_id", "language", name=op.f("uq_certificate_template_programme_id_language")),
    )
    op.create_table(
        "certificate_signatory",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("image", sa.LargeBinary(), nullable=True),
        sa.CheckConstraint("position BETWEEN 1 AND 2", name=op.f("ck_certificate_signatory_position_range")),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["certificate_template.id"],
            name=op.f("fk_certificate_signatory_template_id_certificate_template"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_signatory")),
        sa.UniqueConstraint("template_id", "position", name=op.f("uq_certificate_signatory_template_id_position")),
    )
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.add_column(sa.Column("holder_name", sa.String(length=200), server_default="", nullable=False))
        batch_op.add_column(sa.Column("issue_reason", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("status_changed_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_column("status_changed_at")
        batch_op.drop_column("issue_reason")
        batch_op.drop_column("holder_name")
    op.drop_table("certificate_signatory")
    op.drop_table("certificate_template")
