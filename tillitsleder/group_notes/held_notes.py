"""A meeting's notes that could not reach the server, kept on this PC until they can be saved.

When saving a meeting fails because the database server cannot be reached (``ConnectionLost``), the editor hands
the whole ``MeetingDraft`` here: ``hold_meeting`` seals it (AES-GCM, ``crypto.seal_padded``) with this
installation's key (``storage.held_text.install_key``) and stores it in the local data folder. The key is not a
passphrase's: a held file copied away on its own, or a search of the disk for words, shows nothing, but whoever
can read this user's whole data folder can read the key as well (see ``storage/held_text.py``). Coordinators
write without a profile key, which is why this key exists; the associated data binds a file to its database,
its writer (role and person) and its meeting, so it opens only for them.

``held_meeting`` gives the kept notes of one meeting back (the editor offers them when it shows that meeting
again, also after a restart); ``save_held_meetings`` saves every kept meeting of the writer when the connection
is back and deletes their files.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from tillitsleder import clock, crypto
from tillitsleder.access import Actor
from tillitsleder.group_notes.meeting_edits import ActionDraft, MeetingDraft, StepDraft, save_meeting
from tillitsleder.storage import held_text
from tillitsleder.storage.database import Database

log = logging.getLogger(__name__)

PURPOSE = "held-meeting-notes"


@dataclass(frozen=True)
class HeldMeeting:
    group_id: int
    meeting_id: int | None
    draft: MeetingDraft
    saved_at: datetime
    path: Path


def _owner(db: Database, actor: Actor) -> str:
    where = make_url(db.url).render_as_string(hide_password=True) if "://" in db.url else db.url
    return f"{where}|{actor.role.value}={actor.person_id}"


def _slot(group_id: int, meeting_id: int | None) -> str:
    return f"meeting:{group_id}:{meeting_id if meeting_id is not None else 'new'}"


def _sealing(db: Database, actor: Actor, folder: Path) -> tuple[bytes, bytes]:
    key = crypto.derived_key(held_text.install_key(folder), PURPOSE)
    return key, f"tillitsleder/{PURPOSE}|{_owner(db, actor)}".encode()


def _encode(draft: MeetingDraft) -> dict:
    def plain(value):
        return value.isoformat() if isinstance(value, date) else getattr(value, "value", value)

    return {
        "held_on": plain(draft.held_on),
        "attendee_ids": list(draft.attendee_ids),
        "facilitator_id": draft.facilitator_id,
        "notes": None if draft.notes is None else [{k: plain(v) for k, v in asdict(n).items()} for n in draft.notes],
        "actions": None
        if draft.actions is None
        else [{k: plain(v) for k, v in asdict(a).items()} for a in draft.actions],
    }


def _decode(values: dict) -> MeetingDraft:
    def day(text: str | None) -> date | None:
        return date.fromisoformat(text) if text else None

    notes = values["notes"]
    actions = values["actions"]
    return MeetingDraft(
        held_on=day(values["held_on"]),
        attendee_ids=tuple(values["attendee_ids"]),
        facilitator_id=values["facilitator_id"],
        notes=None if notes is None else tuple(StepDraft(**n) for n in notes),
        actions=None if actions is None else tuple(ActionDraft(**{**a, "due_on": day(a["due_on"])}) for a in actions),
    )


def hold_meeting(
    db: Database,
    actor: Actor,
    group_id: int,
    meeting_id: int | None,
    draft: MeetingDraft,
    *,
    folder: Path | None = None,
) -> Path:
    """Keep ``draft`` sealed on this PC (replacing what was kept for the same meeting before)."""
    folder = folder or held_text.held_folder()
    key, associated = _sealing(db, actor, folder)
    payload = {
        "group_id": group_id,
        "meeting_id": meeting_id,
        "draft": _encode(draft),
        "saved_at": clock.now().isoformat(),
    }
    blob = crypto.seal_padded(key, json.dumps(payload, ensure_ascii=False).encode("utf-8"), associated)
    return held_text.keep(folder, held_text.file_name(_owner(db, actor), _slot(group_id, meeting_id)), blob)


def held_meetings(db: Database, actor: Actor, *, folder: Path | None = None) -> list[HeldMeeting]:
    """Every meeting ``actor`` has kept on this PC for ``db``, oldest first."""
    folder = folder or held_text.held_folder()
    if not folder.is_dir():
        return []
    key, associated = _sealing(db, actor, folder)
    found: list[HeldMeeting] = []
    for item in held_text.blobs(folder):
        try:
            payload = json.loads(crypto.open_sealed(key, item.blob, associated).decode("utf-8"))
        except (crypto.CiphertextError, ValueError):
            continue  # another writer's, another database's, or a journal draft
        found.append(
            HeldMeeting(
                group_id=payload["group_id"],
                meeting_id=payload["meeting_id"],
                draft=_decode(payload["draft"]),
                saved_at=datetime.fromisoformat(payload["saved_at"]),
                path=item.path,
            )
        )
    return sorted(found, key=lambda held: held.saved_at)


def held_meeting(
    db: Database, actor: Actor, group_id: int, meeting_id: int | None, *, folder: Path | None = None
) -> HeldMeeting | None:
    """The notes of this meeting ``actor`` kept on this PC, if any."""
    for held in held_meetings(db, actor, folder=folder):
        if (held.group_id, held.meeting_id) == (group_id, meeting_id):
            return held
    return None


def forget_meeting(db: Database, actor: Actor, group_id: int, meeting_id: int | None, *, folder: Path | None = None):
    """Delete what was kept for this meeting (it was saved, or the writer threw it away)."""
    folder = folder or held_text.held_folder()
    held_text.drop(folder / held_text.file_name(_owner(db, actor), _slot(group_id, meeting_id)))


def save_held_meetings(db: Database, actor: Actor, *, folder: Path | None = None) -> list[int]:
    """Save every meeting ``actor`` kept on this PC and delete its file; the saved meetings' ids. Stops at the
    first failure (the server went away again, or the meeting was refused): what was not saved stays kept."""
    saved: list[int] = []
    for held in held_meetings(db, actor, folder=folder):
        saved.append(save_meeting(db, actor, held.group_id, held.draft, held.meeting_id))
        held_text.drop(held.path)
    if saved:
        log.info("Saved %d meeting(s) kept on this PC", len(saved))
    return saved
