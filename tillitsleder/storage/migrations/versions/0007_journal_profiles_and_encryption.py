"""Journal profiles and encryption: sign-in profiles with wrapped keys; journal content, tags and summaries
sealed per entry; grants to coaches and reflection groups; encrypted autosave drafts.

Journal rows written before this revision hold plaintext that cannot be encrypted without their authors'
passphrases. No release has shipped with them (only demo and test data), so they are deleted — with
``secure_delete`` on, so their pages are overwritten — together with the plaintext tag table.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 11:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA secure_delete = ON")
    op.execute("DELETE FROM journal_entry_tag")
    op.execute("DELETE FROM journal_entry")
    op.drop_table("journal_entry_tag")

    op.create_table(
        "profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("kdf", sa.Text(), nullable=False),
        sa.Column("salt", sa.LargeBinary(), nullable=True),
        sa.Column("passphrase_wrap", sa.LargeBinary(), nullable=True),
        sa.Column("recovery_wrap", sa.LargeBinary(), nullable=True),
        sa.Column("public_key", sa.LargeBinary(), nullable=True),
        sa.Column("private_key_wrap", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("passphrase_changed_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "role = 'coordinator' OR (passphrase_wrap IS NOT NULL AND public_key IS NOT NULL)",
            name=op.f("ck_profile_keys_unless_coordinator"),
        ),
        sa.CheckConstraint(
            "role = 'coordinator' OR person_id IS NOT NULL", name=op.f("ck_profile_person_unless_coordinator")
        ),
        sa.CheckConstraint("role IN ('coordinator', 'participant', 'facilitator')", name=op.f("ck_profile_role_valid")),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_profile_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile")),
        sa.UniqueConstraint("person_id", "role", name=op.f("uq_profile_person_id_role")),
    )
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_profile_person_id"), ["person_id"], unique=False)

    with op.batch_alter_table("journal_entry", schema=None) as batch_op:
        batch_op.drop_column("body")
        batch_op.add_column(sa.Column("content", sa.LargeBinary(), nullable=False))
        batch_op.add_column(sa.Column("content_key", sa.LargeBinary(), nullable=False))
        batch_op.add_column(sa.Column("summary", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("summary_key", sa.LargeBinary(), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_journal_entry_summary_only_when_shared"), "summary IS NULL OR sharing = 'group_summary'"
        )
        batch_op.create_check_constraint(
            op.f("ck_journal_entry_summary_has_key"), "(summary IS NULL) = (summary_key IS NULL)"
        )

    op.create_table(
        "journal_grant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=10), nullable=False),
        sa.Column("ephemeral_key", sa.LargeBinary(), nullable=False),
        sa.Column("wrapped_key", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint("purpose IN ('coach', 'group')", name=op.f("ck_journal_grant_purpose_valid")),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["journal_entry.id"], name=op.f("fk_journal_grant_entry_id_journal_entry"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["profile_id"], ["profile.id"], name=op.f("fk_journal_grant_profile_id_profile"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal_grant")),
        sa.UniqueConstraint(
            "entry_id", "profile_id", "purpose", name=op.f("uq_journal_grant_entry_id_profile_id_purpose")
        ),
    )
    with op.batch_alter_table("journal_grant", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_journal_grant_entry_id"), ["entry_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_journal_grant_profile_id"), ["profile_id"], unique=False)

    op.create_table(
        "journal_draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=True),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["journal_entry.id"], name=op.f("fk_journal_draft_entry_id_journal_entry"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["profile_id"], ["profile.id"], name=op.f("fk_journal_draft_profile_id_profile"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal_draft")),
    )
    with op.batch_alter_table("journal_draft", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_journal_draft_profile_id"), ["profile_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("journal_draft", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journal_draft_profile_id"))
    op.drop_table("journal_draft")
    with op.batch_alter_table("journal_grant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journal_grant_profile_id"))
        batch_op.drop_index(batch_op.f("ix_journal_grant_entry_id"))
    op.drop_table("journal_grant")
    # Encrypted content cannot go back to the plaintext column: the entries are removed.
    op.execute("DELETE FROM journal_entry")
    with op.batch_alter_table("journal_entry", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_journal_entry_summary_has_key"), type_="check")
        batch_op.drop_constraint(op.f("ck_journal_entry_summary_only_when_shared"), type_="check")
        batch_op.drop_column("summary_key")
        batch_op.drop_column("summary")
        batch_op.drop_column("content_key")
        batch_op.drop_column("content")
        batch_op.add_column(sa.Column("body", sa.LargeBinary(), nullable=False))
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_profile_person_id"))
    op.drop_table("profile")
    op.create_table(
        "journal_entry_tag",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["journal_entry.id"],
            name=op.f("fk_journal_entry_tag_entry_id_journal_entry"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entry_id", "tag", name=op.f("pk_journal_entry_tag")),
    )
