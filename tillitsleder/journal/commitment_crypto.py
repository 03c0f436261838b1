"""Sealing commitments: the description and follow-up under the owner's key hierarchy, and grants to coaches.

The same shape as a journal entry (``journal.sharing``): the text is one JSON payload, padded and sealed with a
random content key; the content key is sealed with the owner's data key and wrapped to each current coach's
X25519 public key (``CommitmentGrant``). Every associated data names the purpose, the commitment and the owner.

Revision 0008 met commitments in plaintext but no keys (they come from passphrases). It seals each one to its
owner's *public* key instead (``seal_pending``: the owner's private key, unlocked with the passphrase, opens it)
— so no plaintext stays in the file — and ``refresh`` seals it the ordinary way on the owner's next unlock. Until
then nobody but the owner can read it (coaches hold no grant for it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder import crypto as jc
from tillitsleder.journal.sharing import coach_profiles
from tillitsleder.model import Commitment, CommitmentGrant
from tillitsleder.profiles import UnlockedProfile
from tillitsleder.storage.database import Database


@dataclass(frozen=True)
class Text:
    """What a commitment's sealed content holds."""

    description: str
    follow_up: str


def commitment_aad(purpose: str, commitment_id: int, owner_id: int) -> bytes:
    return jc.aad(purpose, commitment=commitment_id, owner=owner_id)


def grant_aad(commitment_id: int, owner_id: int, reader_profile_id: int) -> bytes:
    return jc.aad("grant-commitment", commitment=commitment_id, owner=owner_id, reader=reader_profile_id)


def encode(description: str, follow_up: str) -> bytes:
    return json.dumps({"description": description, "follow_up": follow_up}, ensure_ascii=False).encode("utf-8")


def decode(raw: bytes) -> Text:
    values = json.loads(raw.decode("utf-8"))
    return Text(values["description"], values["follow_up"])


def seal_pending(public_key: bytes, commitment_id: int, owner_id: int, description: str, follow_up: str):
    """(ephemeral public key, blob): the text sealed so only the owner's private key opens it (revision 0008).
    The payload is padded before it is wrapped, so the blob's length shows only the bucket."""
    return jc.wrap_to(
        public_key,
        jc.pad(encode(description, follow_up)),
        commitment_aad("commitment-pending", commitment_id, owner_id),
    )


def seal_commitment(
    s: OrmSession, row: Commitment, data_key: bytes, description: str, follow_up: str, today: date
) -> None:
    """Seal the text into the flushed ``row`` with a fresh content key and rewrite its grants to the owner's
    coaches of ``today``. A fresh key on every save: a coach whose grant is gone cannot read later changes."""
    content_key = jc.random_key()
    row.content = jc.seal_padded(
        content_key, encode(description, follow_up), commitment_aad("commitment-content", row.id, row.person_id)
    )
    row.content_key = jc.seal(data_key, content_key, commitment_aad("commitment-key", row.id, row.person_id))
    row.pending_key = None
    s.flush()
    write_grants(s, row, content_key, today)


def write_grants(s: OrmSession, row: Commitment, content_key: bytes, today: date) -> None:
    s.execute(delete(CommitmentGrant).where(CommitmentGrant.commitment_id == row.id))
    for profile in coach_profiles(s, row.person_id, today):
        ephemeral, wrapped = jc.wrap_to(
            profile.public_key or b"", content_key, grant_aad(row.id, row.person_id, profile.id)
        )
        s.add(
            CommitmentGrant(commitment_id=row.id, profile_id=profile.id, ephemeral_key=ephemeral, wrapped_key=wrapped)
        )
    s.flush()


def open_own(me: UnlockedProfile, row: Commitment) -> Text:
    """The owner's commitment opened with their keys: pending ones with the private key, the rest with the data key."""
    if row.content_key is None:
        associated = commitment_aad("commitment-pending", row.id, row.person_id)
        raw = jc.unwrap_from(me.private_key(), row.pending_key or b"", row.content, associated)
        try:
            return decode(jc.unpad(raw))
        except ValueError:
            raise jc.damaged_error(associated) from None
    content_key = jc.open_sealed(
        me.data_key(), row.content_key, commitment_aad("commitment-key", row.id, row.person_id)
    )
    return _open_content(content_key, row)


def open_granted(me: UnlockedProfile, row: Commitment, grant: CommitmentGrant) -> Text:
    """A coach's reading of a commitment through their grant."""
    associated = grant_aad(row.id, row.person_id, grant.profile_id)
    content_key = jc.unwrap_from(me.private_key(), grant.ephemeral_key, grant.wrapped_key, associated)
    return _open_content(content_key, row)


def _open_content(content_key: bytes, row: Commitment) -> Text:
    raw = jc.open_sealed(content_key, row.content, commitment_aad("commitment-content", row.id, row.person_id))
    return decode(raw)


def refresh(db: Database, me: UnlockedProfile, today: date) -> int:
    """Seal my pending commitments and re-grant those whose coaches changed; returns how many were written.
    A commitment that does not open is left as it is (listed as damaged)."""
    person_id = me.person_id
    written = 0
    with db.session() as s:
        rows = s.scalars(select(Commitment).where(Commitment.person_id == person_id).order_by(Commitment.id)).all()
        if not rows:
            return 0
        wanted = {profile.id for profile in coach_profiles(s, person_id, today)}
        granted: dict[int, set[int]] = {}
        for commitment_id, profile_id in s.execute(
            select(CommitmentGrant.commitment_id, CommitmentGrant.profile_id).where(
                CommitmentGrant.commitment_id.in_([row.id for row in rows])
            )
        ):
            granted.setdefault(commitment_id, set()).add(profile_id)
        for row in rows:
            pending = row.content_key is None
            if not pending and granted.get(row.id, set()) == wanted:
                continue
            try:
                if pending:
                    text = open_own(me, row)
                    seal_commitment(s, row, me.data_key(), text.description, text.follow_up, today)
                else:
                    key = jc.open_sealed(
                        me.data_key(), row.content_key or b"", commitment_aad("commitment-key", row.id, row.person_id)
                    )
                    write_grants(s, row, key, today)
            except jc.CiphertextError:
                continue
            written += 1
    return written
