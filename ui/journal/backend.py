"""The journal widgets' one door to the core: ``JournalBackend`` binds the open database to an unlocked profile.

Every method is one call of ``tillitsleder.services.journal`` (each owns its transaction); the widgets never hold
a session, never see keys, and get plain values back. Nothing here logs or keeps entry text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tillitsleder.storage import Database


@dataclass
class EntryForm:
    """What the writing view shows and edits: one entry (``entry_id`` None until first saved) or a draft."""

    entry_id: int | None
    written_on: date
    template: str
    link: tuple[str, int] | None  # ("session", id) or ("module", id)
    tags: list[str] = field(default_factory=list)
    sharing: str = "private"
    text: str = ""


@dataclass(frozen=True)
class LinkOption:
    kind: str  # "session" or "module"
    id: int
    label: str


class JournalBackend:
    """The journal of the unlocked profile ``unlocked`` in ``db``."""

    def __init__(self, db: Database, unlocked: Any) -> None:
        self.db = db
        self.unlocked = unlocked

    @property
    def actor(self):
        return self.unlocked.actor

    def link_options(self) -> list[LinkOption]:
        return []

    def save_draft(self, form: EntryForm) -> None:
        raise NotImplementedError

    def load_draft(self) -> EntryForm | None:
        return None

    def discard_draft(self) -> None:
        pass

    def save_entry(self, form: EntryForm) -> int:
        raise NotImplementedError
