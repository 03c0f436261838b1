"""The learning journal (læringslogg): writing, reading, autosaved drafts, and what others may see of it.

Every call takes the ``UnlockedProfile`` of ``services.profiles``: only a participant writes a journal, and only
its author reads an entry whole. A coach reads entries shared with them, and members of the reflection group
read the summary of an entry shared that way (both in ``journal_shared``); the coordinator reads no content at
all and gets at most a count (``journal_entry_count``), and only where the participant allows it.

Content, tags and summaries are sealed before they reach the session (see ``journal_sharing``): a new entry is
inserted first to get its id, then sealed with that id in its associated data, in the same transaction.
Decrypted entries are cached in the ``UnlockedProfile`` (dropped on ``lock()``), which makes listing and search
cheap after the first call; no plaintext is written anywhere. Damage stays local: an entry that does not open is
listed as damaged, with its date and no text (``journal.restore`` brings it back). Times are kept to the minute.

Drafts: the writing view calls ``save_draft`` as often as every second (an unchanged draft costs no write);
after a crash ``list_drafts`` gives back what was being written; ``create_entry``/``update_entry`` with the
``draft_id`` remove the draft in the same transaction as the save. Drafts are sealed with the author's data key
itself; with random 96-bit nonces that stays far below AES-GCM's limit of 2^32 messages per key (an autosave every
second for an hour a day over two years is 2.6 million).
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder import clock
from tillitsleder import crypto as jc
from tillitsleder.errors import Forbidden, NotFound, ValidationError
from tillitsleder.i18n import N_
from tillitsleder.journal import sharing
from tillitsleder.journal.prompts import PROMPT_HEADINGS, prompt_headings, prompt_scaffold  # noqa: F401 - re-exported
from tillitsleder.model import Enrolment, JournalDraft, JournalEntry, Module, Session
from tillitsleder.model.enums import JournalSharing, PromptTemplate, Role
from tillitsleder.model.journal import minute_now
from tillitsleder.profiles import UnlockedProfile
from tillitsleder.storage.database import Database
from tillitsleder.versions import check_seen, saving

log = logging.getLogger(__name__)

MAX_TAG_LENGTH = 64


@dataclass(frozen=True)
class EntryDraft:
    """What the writing view edits: everything an entry holds. ``summary`` is only kept with
    ``JournalSharing.GROUP_SUMMARY`` and is the only part the reflection group reads."""

    written_on: date
    text: str
    prompt_template: PromptTemplate = PromptTemplate.FREE
    tags: tuple[str, ...] = ()
    sharing: JournalSharing = JournalSharing.PRIVATE
    summary: str = ""
    session_id: int | None = None
    module_id: int | None = None


@dataclass(frozen=True)
class JournalEntryView:
    """A saved entry as its author (or a coach it is shared with) reads it."""

    id: int
    author_id: int
    written_on: date
    prompt_template: PromptTemplate
    sharing: JournalSharing
    text: str
    tags: tuple[str, ...]
    summary: str  # "" unless shared as a group summary
    session_id: int | None
    module_id: int | None
    session_title: str | None
    module_title: str | None
    created_at: datetime
    updated_at: datetime
    damaged: bool = False  # the ciphertext does not open: text, tags and summary are empty
    version: int = 1  # handed back to ``update_entry`` as ``seen_version`` (the entry saved from another PC)

    def as_draft(self) -> EntryDraft:
        """The entry as a draft to edit."""
        return EntryDraft(
            self.written_on, self.text, self.prompt_template, self.tags, self.sharing, self.summary,
            self.session_id, self.module_id,
        )  # fmt: skip


@dataclass(frozen=True)
class DraftView:
    """An autosaved draft: of a new entry (``entry_id`` None) or of changes to a saved one."""

    id: int
    entry_id: int | None
    draft: EntryDraft
    updated_at: datetime


@dataclass(frozen=True)
class LinkOption:
    """A session (with its module) an entry may be linked to."""

    session_id: int
    module_id: int | None
    title: str
    day: date


# --- Entries ----------------------------------------------------------------------------------------------------


def create_entry(
    db: Database, me: UnlockedProfile, draft: EntryDraft, *, draft_id: int | None = None
) -> JournalEntryView:
    """Save a new entry (and remove the draft ``draft_id``, if given) in one transaction."""
    author_id, data_key = require_author(me)
    draft = _clean(draft)
    with db.session() as s:
        _check_links(s, draft)
        entry = JournalEntry(author_id=author_id, content=b"", content_key=b"", **_plain_fields(draft))
        s.add(entry)
        s.flush()
        _seal_and_share(s, entry, data_key, draft)
        _drop_draft(s, me, draft_id)
        return _view(s, me, entry)


def update_entry(
    db: Database,
    me: UnlockedProfile,
    entry_id: int,
    draft: EntryDraft,
    *,
    draft_id: int | None = None,
    seen_version: int | None = None,
) -> JournalEntryView:
    """Replace an own entry's content and settings; it is sealed again with fresh keys and its grants rewritten.
    Refused (``ChangedElsewhere``, nothing written) if the entry was saved elsewhere since ``seen_version``."""
    author_id, data_key = require_author(me)
    draft = _clean(draft)
    with saving(db, JournalEntry, entry_id, entity="journal_entry") as s:
        entry = _own_entry(s, author_id, entry_id)
        check_seen(s, entry, seen_version, entity="journal_entry")
        _check_links(s, draft)
        for name, value in _plain_fields(draft).items():
            setattr(entry, name, value)
        _seal_and_share(s, entry, data_key, draft)
        _drop_draft(s, me, draft_id)
        s.flush()
        return _view(s, me, entry)


def delete_entry(db: Database, me: UnlockedProfile, entry_id: int) -> None:
    author_id, _key = require_author(me)
    with db.session() as s:
        s.delete(_own_entry(s, author_id, entry_id))
    me.entry_cache.pop(entry_id, None)


def get_entry(db: Database, me: UnlockedProfile, entry_id: int) -> JournalEntryView:
    """One of my own entries, decrypted; ``Forbidden`` for anyone else's (coaches use ``read_shared_entry``)."""
    author_id, _key = require_author(me)
    with db.read() as s:
        return _view(s, me, _own_entry(s, author_id, entry_id))


def list_entries(db: Database, me: UnlockedProfile) -> list[JournalEntryView]:
    """All my entries, newest first, decrypted (cached in ``me`` after the first call). An entry that does not
    open is listed with ``damaged`` set and no text; the others are not affected."""
    author_id, _key = require_author(me)
    with db.read() as s:
        entries = s.scalars(
            select(JournalEntry)
            .where(JournalEntry.author_id == author_id)
            .order_by(JournalEntry.written_on.desc(), JournalEntry.id.desc())
        ).all()
        titles = _titles(s, entries)
        return [_view(s, me, entry, titles, tolerant=True) for entry in entries]


def link_options(db: Database, me: UnlockedProfile, *, now: datetime | None = None) -> list[LinkOption]:
    """Sessions of my cohorts that have started by ``now`` (default: the clock), newest first, for linking an entry."""
    if me.person_id is None:
        return []
    now = now or clock.now()
    with db.read() as s:
        cohorts = select(Enrolment.cohort_id).where(Enrolment.person_id == me.person_id)
        rows = s.execute(
            select(Session.id, Session.module_id, Session.title, Session.starts_at)
            .where(Session.cohort_id.in_(cohorts), Session.starts_at <= now)
            .order_by(Session.starts_at.desc())
        ).all()
    return [LinkOption(row.id, row.module_id, row.title, row.starts_at.date()) for row in rows]


# --- Drafts -----------------------------------------------------------------------------------------------------


def save_draft(
    db: Database,
    me: UnlockedProfile,
    draft: EntryDraft,
    *,
    draft_id: int | None = None,
    entry_id: int | None = None,
) -> int:
    """Autosave ``draft`` (sealed like an entry); returns the draft's id to pass next time (a new id when
    ``draft_id`` no longer exists). Cheap enough to call every second: an unchanged draft is not written again.
    ``entry_id`` marks a draft of changes to that entry."""
    author_id, data_key = require_author(me)
    raw = _encode_draft(draft, entry_id)
    digest = hashlib.blake2b(raw, digest_size=16).digest()
    if draft_id is not None and me.draft_digests.get(draft_id) == digest:
        return draft_id
    with db.session() as s:
        if entry_id is not None:
            _own_entry(s, author_id, entry_id)
        row = s.get(JournalDraft, draft_id) if draft_id is not None else None
        if row is None or row.profile_id != me.profile_id:  # new, or gone (saved elsewhere): never lose typing
            row = JournalDraft(profile_id=me.profile_id, entry_id=entry_id, content=b"")
            s.add(row)
            s.flush()
        row.entry_id = entry_id
        row.content = jc.seal_padded(data_key, raw, jc.aad("draft", draft=row.id, profile=me.profile_id))
        row.updated_at = minute_now()
        saved_id = row.id
    me.draft_digests[saved_id] = digest
    return saved_id


def list_drafts(db: Database, me: UnlockedProfile, *, skip_damaged: bool = False) -> list[DraftView]:
    """My unsaved drafts (e.g. after a crash), newest first; one that does not open raises ``CiphertextError``, or
    with ``skip_damaged`` is left out (logged by id)."""
    _author_id, data_key = require_author(me)
    with db.read() as s:
        rows = s.scalars(
            select(JournalDraft)
            .where(JournalDraft.profile_id == me.profile_id)
            .order_by(JournalDraft.updated_at.desc(), JournalDraft.id.desc())
        ).all()
        views = []
        for row in rows:
            try:
                raw = jc.open_sealed(data_key, row.content, jc.aad("draft", draft=row.id, profile=me.profile_id))
            except jc.CiphertextError:
                if not skip_damaged:
                    raise
                log.warning("Journal draft %s does not open; left out", row.id)
                continue
            views.append(DraftView(row.id, row.entry_id, _decode_draft(raw), row.updated_at))
        return views


def discard_draft(db: Database, me: UnlockedProfile, draft_id: int) -> None:
    require_author(me)
    with db.session() as s:
        _drop_draft(s, me, draft_id)


# --- Counts for the coordinator ---------------------------------------------------------------------------------


def journal_entry_count(db: Database, person_id: int) -> int | None:
    """How many entries ``person_id`` has written, or ``None`` unless they allow it to be counted (in any of
    their enrolments). Never anything about content."""
    with db.read() as s:
        allowed = s.scalar(
            select(func.count(Enrolment.id)).where(
                Enrolment.person_id == person_id, Enrolment.journal_count_visible.is_(True)
            )
        )
        if not allowed:
            return None
        return int(s.scalar(select(func.count(JournalEntry.id)).where(JournalEntry.author_id == person_id)) or 0)


# --- Helpers ----------------------------------------------------------------------------------------------------


def require_author(me: UnlockedProfile) -> tuple[int, bytes]:
    if me.info.role is not Role.PARTICIPANT or me.person_id is None:
        raise Forbidden(N_("Only participants keep a learning journal."), detail=f"role {me.info.role}")
    return me.person_id, me.data_key()


def _clean(draft: EntryDraft) -> EntryDraft:
    text = draft.text.strip("\n")
    if not text.strip():
        raise ValidationError(N_("Write something in the entry before saving it."))
    tags: list[str] = []
    for tag in draft.tags:
        tag = " ".join(tag.split())
        if len(tag) > MAX_TAG_LENGTH:
            raise ValidationError(N_("A tag can have at most {count} characters."), count=MAX_TAG_LENGTH)
        if tag and tag.casefold() not in {t.casefold() for t in tags}:
            tags.append(tag)
    summary = draft.summary.strip()
    if draft.sharing is JournalSharing.GROUP_SUMMARY and not summary:
        raise ValidationError(N_("Write the summary your reflection group will see, or keep the entry private."))
    if draft.sharing is not JournalSharing.GROUP_SUMMARY:
        summary = ""
    return replace(draft, text=text, tags=tuple(tags), summary=summary)


def _plain_fields(draft: EntryDraft) -> dict:
    return {
        "written_on": draft.written_on,
        "session_id": draft.session_id,
        "module_id": draft.module_id,
        "prompt_template": draft.prompt_template.value,
        "sharing": draft.sharing.value,
    }


def _check_links(s: OrmSession, draft: EntryDraft) -> None:
    if draft.session_id is not None and s.get(Session, draft.session_id) is None:
        raise NotFound(N_("There is no session with id {id}."), id=draft.session_id)
    if draft.module_id is not None and s.get(Module, draft.module_id) is None:
        raise NotFound(N_("There is no module with id {id}."), id=draft.module_id)


def _seal_and_share(s: OrmSession, entry: JournalEntry, data_key: bytes, draft: EntryDraft) -> None:
    if entry.module_id is None and entry.session_id is not None:
        entry.module_id = s.get(Session, entry.session_id).module_id  # type: ignore[union-attr]
    summary = draft.summary if draft.sharing is JournalSharing.GROUP_SUMMARY else None
    content_key, summary_key = sharing.seal_entry(entry, data_key, sharing.Payload(draft.text, draft.tags), summary)
    entry.updated_at = minute_now()
    s.flush()
    sharing.write_grants(s, entry, content_key, summary_key, clock.today())


def _own_entry(s: OrmSession, author_id: int, entry_id: int) -> JournalEntry:
    entry = s.get(JournalEntry, entry_id)
    if entry is None:
        raise NotFound(N_("There is no journal entry with id {id}."), id=entry_id)
    if entry.author_id != author_id:
        raise Forbidden(N_("Only its owner may see or change this."), detail=f"entry {entry_id}")
    return entry


def _drop_draft(s: OrmSession, me: UnlockedProfile, draft_id: int | None) -> None:
    if draft_id is not None:
        s.execute(delete(JournalDraft).where(JournalDraft.id == draft_id, JournalDraft.profile_id == me.profile_id))
        me.draft_digests.pop(draft_id, None)


def decrypted(me: UnlockedProfile, entry) -> tuple[sharing.Payload, str]:
    """An own entry's (payload, summary), from the cache when its ciphertext has not changed. ``entry`` is a
    ``JournalEntry`` or a row with its id, author_id, content, content_key, summary and summary_key."""
    cached = me.entry_cache.get(entry.id)
    if cached is not None and cached[0] == entry.content and cached[1] == entry.summary:
        return cached[2], cached[3]
    payload, summary = sharing.open_own(
        me.data_key(), entry.id, entry.author_id, entry.content, entry.content_key, entry.summary, entry.summary_key
    )
    me.entry_cache[entry.id] = (entry.content, entry.summary, payload, summary or "")
    return payload, summary or ""


def _titles(s: OrmSession, entries) -> tuple[dict[int, str], dict[int, str]]:
    sessions = {e.session_id for e in entries if e.session_id is not None}
    modules = {e.module_id for e in entries if e.module_id is not None}
    session_titles = dict(s.execute(select(Session.id, Session.title).where(Session.id.in_(sessions))).all())
    module_titles = dict(s.execute(select(Module.id, Module.title).where(Module.id.in_(modules))).all())
    return session_titles, module_titles


def _view(s: OrmSession, me: UnlockedProfile, entry: JournalEntry, titles=None, *, tolerant=False) -> JournalEntryView:
    """The entry decrypted; when it does not open, ``CiphertextError`` — or with ``tolerant`` a damaged view with
    its date and no text (logged by id)."""
    try:
        (payload, summary), damaged = decrypted(me, entry), False
    except jc.CiphertextError as error:
        if not tolerant:
            raise
        log.warning("Journal entry %s does not open (%s); listed as damaged", entry.id, error.detail)
        payload, summary, damaged = sharing.Payload("", ()), "", True
    session_titles, module_titles = titles or _titles(s, [entry])
    return JournalEntryView(
        entry.id, entry.author_id, entry.written_on, PromptTemplate(entry.prompt_template),
        JournalSharing(entry.sharing), payload.text, payload.tags, summary, entry.session_id, entry.module_id,
        session_titles.get(entry.session_id), module_titles.get(entry.module_id), entry.created_at, entry.updated_at,
        damaged, entry.version,
    )  # fmt: skip


def _encode_draft(draft: EntryDraft, entry_id: int | None) -> bytes:
    values = asdict(draft)
    values.update(written_on=draft.written_on.isoformat(), tags=list(draft.tags), entry_id=entry_id)
    return json.dumps(values, ensure_ascii=False, sort_keys=True).encode("utf-8")


def _decode_draft(raw: bytes) -> EntryDraft:
    values = json.loads(raw.decode("utf-8"))
    values.pop("entry_id", None)
    return EntryDraft(
        written_on=date.fromisoformat(values["written_on"]),
        text=values["text"],
        prompt_template=PromptTemplate(values["prompt_template"]),
        tags=tuple(values["tags"]),
        sharing=JournalSharing(values["sharing"]),
        summary=values["summary"],
        session_id=values["session_id"],
        module_id=values["module_id"],
    )
