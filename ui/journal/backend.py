"""The journal widgets' one door to the core: ``JournalBackend`` binds the open database to an unlocked profile.

Every method is one call of the journal services (each owns its transaction); the widgets never hold a session,
never see keys, and get plain values back. The backend also remembers the id of the draft the writing view is
autosaving, so saving the entry removes that draft in the same transaction. Nothing here logs or keeps text —
except a draft that cannot reach the database server: it is kept on this PC, sealed with the profile's key
(``tillitsleder.journal.held_drafts``), and saved into the database when the connection is back or after the
next unlock (``save_held``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from tillitsleder.enums import JournalSharing, PromptTemplate

if TYPE_CHECKING:
    from tillitsleder.journal.entries import EntryDraft, JournalEntryView, LinkOption
    from tillitsleder.journal.restore import RestoreResult
    from tillitsleder.journal.search import SearchHit
    from tillitsleder.profiles import UnlockedProfile
    from tillitsleder.storage import Database


@dataclass
class EntryForm:
    """What the writing view shows and edits: a saved entry (``entry_id``) or a new one (``None``)."""

    entry_id: int | None
    written_on: date
    template: str = PromptTemplate.FREE.value
    session_id: int | None = None
    tags: list[str] = field(default_factory=list)
    sharing: str = JournalSharing.PRIVATE.value
    summary: str = ""
    text: str = ""

    def to_draft(self) -> EntryDraft:
        from tillitsleder.journal.entries import EntryDraft

        return EntryDraft(
            written_on=self.written_on,
            text=self.text,
            prompt_template=PromptTemplate(self.template),
            tags=tuple(self.tags),
            sharing=JournalSharing(self.sharing),
            summary=self.summary,
            session_id=self.session_id,
        )

    @classmethod
    def from_draft(cls, entry_id: int | None, draft: EntryDraft) -> EntryForm:
        return cls(
            entry_id=entry_id,
            written_on=draft.written_on,
            template=draft.prompt_template.value,
            session_id=draft.session_id,
            tags=list(draft.tags),
            sharing=draft.sharing.value,
            summary=draft.summary,
            text=draft.text,
        )


@dataclass(frozen=True)
class RecoveredDraft:
    """An autosaved draft found after unlocking (the app stopped, or the writer left without saving)."""

    draft_id: int
    form: EntryForm
    saved_at: datetime


class JournalBackend:
    """The journal of the unlocked participant profile ``me`` in ``db``."""

    def __init__(self, db: Database, me: UnlockedProfile) -> None:
        self.db = db
        self.me = me
        self.draft_id: int | None = None  # the draft the writing view autosaves into
        self.hold_token = uuid.uuid4().hex  # names this writing session's draft kept on this PC, if any
        self.held = False  # this writing session's draft is kept on this PC (the server could not be reached)

    @property
    def actor(self):
        return self.me.actor

    # --- entries ----------------------------------------------------------------------------------------

    def entries(self) -> list[JournalEntryView]:
        from tillitsleder.journal import entries as journal

        return journal.list_entries(self.db, self.me)

    def entry_form(self, entry_id: int) -> EntryForm:
        from tillitsleder.journal import entries as journal

        return EntryForm.from_draft(entry_id, journal.get_entry(self.db, self.me, entry_id).as_draft())

    def save_entry(self, form: EntryForm) -> int:
        """Create or update the entry; the autosaved draft goes in the same transaction."""
        from tillitsleder.journal import entries as journal

        if form.entry_id is None:
            view = journal.create_entry(self.db, self.me, form.to_draft(), draft_id=self.draft_id)
        else:
            view = journal.update_entry(self.db, self.me, form.entry_id, form.to_draft(), draft_id=self.draft_id)
        self.draft_id = None
        return view.id

    def delete_entry(self, entry_id: int) -> None:
        from tillitsleder.journal import entries as journal

        journal.delete_entry(self.db, self.me, entry_id)

    def restore_entry(self, entry_id: int) -> RestoreResult:
        """Put a damaged entry back from the newest backup holding an intact copy (``backup`` ``None``: none)."""
        from tillitsleder.journal import restore

        return restore.restore_entry(self.db, self.me, entry_id)

    def link_options(self) -> list[LinkOption]:
        from tillitsleder.journal import entries as journal

        return journal.link_options(self.db, self.me)

    @staticmethod
    def scaffold(template: str) -> str:
        from tillitsleder.journal import entries as journal

        return journal.prompt_scaffold(PromptTemplate(template))

    # --- drafts -----------------------------------------------------------------------------------------

    def start_editing(self, draft_id: int | None = None) -> None:
        """A new writing session: autosave into ``draft_id`` (a recovered draft) or a new draft."""
        self.draft_id = draft_id
        self.hold_token = uuid.uuid4().hex
        self.held = False

    def save_draft(self, form: EntryForm) -> bool:
        """Autosave into the database; ``False`` when the server cannot be reached and the draft was kept on
        this PC instead (sealed; ``save_held`` saves it later)."""
        from tillitsleder.errors import ConnectionLost
        from tillitsleder.journal import entries as journal
        from ui.connection import connection_watch, is_down

        if not is_down():
            try:
                if self.held:
                    self.save_held()
                self.draft_id = journal.save_draft(
                    self.db, self.me, form.to_draft(), draft_id=self.draft_id, entry_id=form.entry_id
                )
                return True
            except ConnectionLost:
                connection_watch().report_lost()
        from tillitsleder.journal.held_drafts import hold_draft

        hold_draft(self.db, self.me, self.hold_token, form.to_draft(), entry_id=form.entry_id, draft_id=self.draft_id)
        self.held = True
        return False

    def save_held(self) -> int:
        """Save every draft of this profile kept on this PC into the database; how many there were. Raises
        ``ConnectionLost`` while the server is still away (what was not saved stays kept)."""
        from tillitsleder.journal.held_drafts import save_held_drafts

        saved = save_held_drafts(self.db, self.me)
        if self.hold_token in saved:
            self.draft_id = saved[self.hold_token]
            self.held = False
        return len(saved)

    def drafts(self) -> list[RecoveredDraft]:
        from tillitsleder.journal import entries as journal

        return [
            RecoveredDraft(view.id, EntryForm.from_draft(view.entry_id, view.draft), view.updated_at)
            for view in journal.list_drafts(self.db, self.me, skip_damaged=True)
        ]

    def discard_draft(self, draft_id: int | None = None) -> None:
        from tillitsleder.journal import entries as journal

        target = draft_id if draft_id is not None else self.draft_id
        if target is not None:
            journal.discard_draft(self.db, self.me, target)
        if target == self.draft_id:
            self.draft_id = None

    def load(self, query: str, *, full: bool) -> tuple:
        """What the overview shows, read in one go (on a worker thread): ``(entries, hits, commitments, drafts)``;
        without ``full`` only the hits (the rest ``None``), and no hits without a query."""
        from tillitsleder.errors import ConnectionLost
        from tillitsleder.journal import commitments

        if full and not self.held:  # (while this session keeps one, the writing view saves it when the server is back)
            try:
                self.save_held()  # drafts kept on this PC (the server was away) join the others, offered back
            except ConnectionLost:
                pass
        entries = self.entries() if full else None
        hits = self.search(query) if query else None
        rows = commitments.list_commitments(self.db, self.me, self.actor.person_id) if full else None
        drafts = self.drafts() if full else None
        return entries, hits, rows, drafts

    # --- search -----------------------------------------------------------------------------------------

    def search(self, query: str) -> list[SearchHit]:
        from tillitsleder.journal import search as journal_search

        return journal_search.search_journal(self.db, self.me, query)

    @staticmethod
    def spans(text: str, query: str) -> list[tuple[int, int]]:
        from tillitsleder.journal import search as journal_search

        return journal_search.find_spans(text, query)
