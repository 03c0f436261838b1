"""A journal draft that could not reach the server, kept on this PC, sealed with the writer's own key.

When autosaving a draft fails because the database server cannot be reached (``ConnectionLost``), the writing
view hands the draft here: ``hold_draft`` seals it with a key derived from the unlocked profile's data key
(AES-GCM, ``crypto.derived_key``) and stores it in the local data folder (``storage/held_text.py``). Without the
passphrase nobody opens it — not the coordinator, not another profile on the same PC. ``save_held_drafts`` puts
every held draft of this profile and database into the database as an ordinary draft (then offered back by the
draft banner) and deletes the file: when the connection returns, and after the next unlock. Nothing here logs
text; a held file that does not open with this profile's key belongs to someone else and is left alone.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from tillitsleder import clock, crypto
from tillitsleder.journal import entries as journal
from tillitsleder.journal.entries import EntryDraft
from tillitsleder.profiles import UnlockedProfile
from tillitsleder.storage import held_text
from tillitsleder.storage.database import Database

log = logging.getLogger(__name__)

PURPOSE = "held-journal-draft"


@dataclass(frozen=True)
class HeldDraft:
    """A draft kept on this PC: ``token`` names the writing session it came from."""

    token: str
    draft: EntryDraft
    entry_id: int | None
    draft_id: int | None
    saved_at: datetime
    path: Path


def _owner(db: Database, me: UnlockedProfile) -> str:
    where = make_url(db.url).render_as_string(hide_password=True) if "://" in db.url else db.url
    return f"{where}|profile={me.profile_id}"


def _key_and_aad(db: Database, me: UnlockedProfile) -> tuple[bytes, bytes]:
    key = crypto.derived_key(me.data_key(), PURPOSE)
    return key, f"tillitsleder/{PURPOSE}|{_owner(db, me)}".encode()


def hold_draft(
    db: Database,
    me: UnlockedProfile,
    token: str,
    draft: EntryDraft,
    *,
    entry_id: int | None = None,
    draft_id: int | None = None,
    folder: Path | None = None,
) -> Path:
    """Keep ``draft`` sealed on this PC (replacing what the same writing session kept before)."""
    key, associated = _key_and_aad(db, me)
    payload = {
        "token": token,
        "draft": json.loads(journal._encode_draft(draft, entry_id)),
        "entry_id": entry_id,
        "draft_id": draft_id,
        "saved_at": clock.now().isoformat(),
    }
    blob = crypto.seal_padded(key, json.dumps(payload, ensure_ascii=False).encode("utf-8"), associated)
    name = held_text.file_name(_owner(db, me), f"journal:{token}")
    return held_text.keep(folder or held_text.held_folder(), name, blob)


def held_drafts(db: Database, me: UnlockedProfile, *, folder: Path | None = None) -> list[HeldDraft]:
    """This profile's drafts kept on this PC for this database, oldest first."""
    key, associated = _key_and_aad(db, me)
    found: list[HeldDraft] = []
    for item in held_text.blobs(folder or held_text.held_folder()):
        try:
            payload = json.loads(crypto.open_sealed(key, item.blob, associated).decode("utf-8"))
        except (crypto.CiphertextError, ValueError):
            continue  # someone else's, or another database's
        found.append(
            HeldDraft(
                token=payload["token"],
                draft=journal._decode_draft(json.dumps(payload["draft"]).encode("utf-8")),
                entry_id=payload["entry_id"],
                draft_id=payload["draft_id"],
                saved_at=datetime.fromisoformat(payload["saved_at"]),
                path=item.path,
            )
        )
    return sorted(found, key=lambda held: held.saved_at)


def save_held_drafts(db: Database, me: UnlockedProfile, *, folder: Path | None = None) -> dict[str, int]:
    """Save every held draft of ``me`` into ``db`` as a draft and delete its file; returns token → draft id.

    Stops at the first failure (the server went away again): what was not saved stays held."""
    saved: dict[str, int] = {}
    for held in held_drafts(db, me, folder=folder):
        saved[held.token] = journal.save_draft(db, me, held.draft, draft_id=held.draft_id, entry_id=held.entry_id)
        held_text.drop(held.path)
    if saved:
        log.info("Saved %d journal draft(s) kept on this PC", len(saved))
    return saved
