"""Journal metadata: commitments sealed, journal times kept to the minute.

Commitments (description and follow-up) were plaintext. A migration has no user keys — they come from passphrases —
so each commitment is sealed to its owner's participant profile's *public* key (X25519, like a grant; its text
padded to a 256-byte bucket): it is then ciphertext in the file, and only the owner's private key, unlocked with
their passphrase, opens it. It stays *pending* (``pending_key`` set, ``content_key`` empty) until the owner's next
unlock seals it the ordinary way and grants it to their coaches (``journal.commitment_crypto.refresh``); until
then no one else reads it. A commitment whose owner has no participant profile has no key to be sealed to: it is
removed, as revision 0007 removed plaintext journal entries (the app only lets an unlocked participant profile
write commitments, so only data written by other tools can be in that state).

The plaintext columns are dropped with ``secure_delete`` on (freed pages are overwritten), and the database is
vacuumed and checkpointed after the upgrade (``storage.database``), so the text is gone from the file and the
WAL. The backup taken before migrating still holds it, until backup thinning removes it.

Journal entries' and drafts' times are cut to the minute.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 14:00:00
"""

import logging

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)

_MINUTE = "strftime('%Y-%m-%d %H:%M:00.000000', {column})"


def upgrade() -> None:
    from tillitsleder.journal.commitment_crypto import seal_pending

    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        op.execute("PRAGMA secure_delete = ON")

    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("content", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("content_key", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("pending_key", sa.LargeBinary(), nullable=True))

    rows = bind.execute(
        sa.text(
            "SELECT c.id, c.person_id, c.description, c.follow_up, p.public_key FROM commitment c "
            "LEFT JOIN profile p ON p.person_id = c.person_id AND p.role = 'participant' ORDER BY c.id"
        )
    ).all()
    removed = 0
    for commitment_id, person_id, description, follow_up, public_key in rows:
        if not public_key:
            bind.execute(sa.text("DELETE FROM commitment WHERE id = :id"), {"id": commitment_id})
            removed += 1
            continue
        ephemeral, blob = seal_pending(public_key, commitment_id, person_id, description or "", follow_up or "")
        bind.execute(
            sa.text("UPDATE commitment SET content = :blob, pending_key = :eph, description = '-', follow_up = '' "
                    "WHERE id = :id"),
            {"blob": blob, "eph": ephemeral, "id": commitment_id},
        )  # fmt: skip
    if removed:
        log.warning("Revision 0008 removed %d commitment(s) whose owner has no participant profile", removed)

    with op.batch_alter_table("commitment", schema=None, recreate="always") as batch_op:
        batch_op.drop_constraint(op.f("ck_commitment_description_not_blank"), type_="check")
        batch_op.drop_column("description")
        batch_op.drop_column("follow_up")
        batch_op.alter_column("content", existing_type=sa.LargeBinary(), nullable=False)
        batch_op.create_check_constraint(
            op.f("ck_commitment_sealed_or_pending"), "(content_key IS NULL) <> (pending_key IS NULL)"
        )

    op.create_table(
        "commitment_grant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("ephemeral_key", sa.LargeBinary(), nullable=False),
        sa.Column("wrapped_key", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commitment_id"], ["commitment.id"], name=op.f("fk_commitment_grant_commitment_id_commitment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["profile_id"], ["profile.id"], name=op.f("fk_commitment_grant_profile_id_profile"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment_grant")),
        sa.UniqueConstraint("commitment_id", "profile_id", name=op.f("uq_commitment_grant_commitment_id_profile_id")),
    )  # fmt: skip
    with op.batch_alter_table("commitment_grant", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commitment_grant_commitment_id"), ["commitment_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_commitment_grant_profile_id"), ["profile_id"], unique=False)

    if sqlite:
        for table, columns in (("journal_entry", ("created_at", "updated_at")), ("journal_draft", ("updated_at",))):
            sets = ", ".join(f"{column} = {_MINUTE.format(column=column)}" for column in columns)
            op.execute(f"UPDATE {table} SET {sets}")


def downgrade() -> None:
    with op.batch_alter_table("commitment_grant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitment_grant_profile_id"))
        batch_op.drop_index(batch_op.f("ix_commitment_grant_commitment_id"))
    op.drop_table("commitment_grant")
    # Sealed text cannot go back to the plaintext columns: the commitments are removed.
    op.execute("DELETE FROM commitment")
    with op.batch_alter_table("commitment", schema=None, recreate="always") as batch_op:
        batch_op.drop_constraint(op.f("ck_commitment_sealed_or_pending"), type_="check")
        batch_op.drop_column("pending_key")
        batch_op.drop_column("content_key")
        batch_op.drop_column("content")
        batch_op.add_column(sa.Column("description", sa.Text(), nullable=False))
        batch_op.add_column(sa.Column("follow_up", sa.Text(), nullable=False, server_default=""))
        batch_op.create_check_constraint(op.f("ck_commitment_description_not_blank"), "length(trim(description)) > 0")
