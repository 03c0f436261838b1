"""What others shared with me: a coach's view of entries shared with them, and the reflection group's summaries.

A coach (facilitator profile) reads the text and tags of an entry shared with them while they coach its author;
a group member or the group's facilitator reads only the summary of an entry shared with the group. Both open the
entry key through their own grant with their private key; nothing else is readable, and the coordinator has no
grants at all. ``refresh_shares`` lets an author's unlocked profile grant entries to readers who appeared since
(a new coach, a member who set up a profile) and withdraw them from readers who left; it also seals the
author's commitments still pending from revision 0008 and re-grants commitments to changed coaches.

Damage stays local: an entry (or its grant) that does not open is listed with ``damaged`` set — its author and
date, no text — and the others are read as usual.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from tillitsleder import clock
from tillitsleder import crypto as jc
from tillitsleder.audit import record_read
from tillitsleder.errors import Forbidden, NotFound
from tillitsleder.i18n import N_
from tillitsleder.journal import commitments, sharing
from tillitsleder.model import JournalEntry, JournalGrant, Person, Session
from tillitsleder.model.enums import JournalSharing, PromptTemplate, ReadKind, Role
from tillitsleder.profiles import UnlockedProfile
from tillitsleder.storage.database import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SharedEntry:
    """An entry someone shared with me. ``text``/``tags`` only when shared with me as their coach; ``summary``
    only when it is a reflection-group summary."""

    entry_id: int
    author_id: int
    author_name: str
    written_on: date
    sharing: JournalSharing
    prompt_template: PromptTemplate
    text: str | None
    tags: tuple[str, ...]
    summary: str | None
    session_title: str | None
    damaged: bool = False  # the entry or my grant to it does not open: no text, no summary


def shared_with_me(db: Database, me: UnlockedProfile, *, today: date | None = None) -> list[SharedEntry]:
    """Everything shared with my profile that I may still read on ``today`` (default: the clock's), newest first."""
    if me.profile_id is None or me.info.role is Role.COORDINATOR:
        return []
    with db.read() as s:
        rows = s.execute(
            select(JournalGrant, JournalEntry, Person, Session.title)
            .join(JournalEntry, JournalEntry.id == JournalGrant.entry_id)
            .join(Person, Person.id == JournalEntry.author_id)
            .outerjoin(Session, Session.id == JournalEntry.session_id)
            .where(JournalGrant.profile_id == me.profile_id)
            .order_by(JournalEntry.written_on.desc(), JournalEntry.id.desc())
        ).all()
        coached = _coached_people(s, me, {entry.author_id for _g, entry, _p, _t in rows}, today)
        opened = [
            _open_or_damaged(me, grant, entry, person, title)
            for grant, entry, person, title in rows
            if _readable(grant, entry, me, coached)
        ]
    # Decrypted for someone other than their authors: one read in the audit, naming the authors (never the text).
    record_read(db, ReadKind.SHARED_JOURNAL, "journal_entry", None, {e.author_id for e in opened}, actor=me.actor)
    return opened


def read_shared_entry(db: Database, me: UnlockedProfile, entry_id: int, *, today: date | None = None) -> SharedEntry:
    """One entry shared with me; ``Forbidden`` when it is not (or on ``today`` no longer) shared with me."""
    if me.profile_id is None:
        raise Forbidden(N_("This journal entry is not shared with you."))
    with db.read() as s:
        entry = s.get(JournalEntry, entry_id)
        if entry is None:
            raise NotFound(N_("There is no journal entry with id {id}."), id=entry_id)
        grant = s.scalar(
            select(JournalGrant).where(JournalGrant.entry_id == entry_id, JournalGrant.profile_id == me.profile_id)
        )
        if grant is None or not _readable(grant, entry, me, _coached_people(s, me, {entry.author_id}, today)):
            raise Forbidden(N_("This journal entry is not shared with you."), detail=f"entry {entry_id}")
        title = s.get(Session, entry.session_id).title if entry.session_id is not None else None  # type: ignore[union-attr]
        opened = _open(me, grant, entry, s.get(Person, entry.author_id), title)
    record_read(db, ReadKind.SHARED_JOURNAL, "journal_entry", entry_id, [opened.author_id], actor=me.actor)
    return opened


def refresh_shares(db: Database, me: UnlockedProfile, *, today: date | None = None) -> int:
    """Re-grant my shared entries whose readers changed; returns how many entries were updated. Cheap when
    nothing changed; call it after unlocking a participant profile."""
    if me.info.role is not Role.PARTICIPANT or me.person_id is None:
        return 0
    data_key, today = me.data_key(), today or clock.today()
    commitments.finish_pending(db, me, today=today)  # commitments are counted apart: see ``finish_pending``
    changed = 0
    with db.session() as s:
        entries = s.scalars(
            select(JournalEntry).where(
                JournalEntry.author_id == me.person_id,
                JournalEntry.sharing.in_([JournalSharing.COACH.value, JournalSharing.GROUP_SUMMARY.value]),
            )
        ).all()
        if not entries:
            return 0
        wanted = sharing.current_reader_ids(s, me.person_id, today)
        granted = sharing.granted_reader_ids(s, [entry.id for entry in entries])
        for entry in entries:
            if wanted[entry.sharing] == granted.get(entry.id, set()):
                continue
            try:
                content_key, summary_key = sharing.open_keys(
                    data_key, entry.id, entry.author_id, entry.content_key, entry.summary_key
                )
            except jc.CiphertextError:  # a damaged entry keeps its grants until it is restored
                continue
            sharing.write_grants(s, entry, content_key, summary_key, today)
            changed += 1
    return changed


def _coached_people(s, me: UnlockedProfile, authors: set[int], today: date | None) -> set[int]:
    """Of ``authors``, those ``me`` coaches on ``today`` (a facilitator's coach grant counts only while they
    coach)."""
    if me.info.role is not Role.FACILITATOR or me.person_id is None:
        return set()
    return sharing.coached_by(s, me.person_id, authors, today or clock.today())


def _readable(grant: JournalGrant, entry: JournalEntry, me: UnlockedProfile, coached: set[int]) -> bool:
    if grant.purpose == sharing.COACH:
        return entry.sharing == JournalSharing.COACH.value and entry.author_id in coached
    return entry.sharing == JournalSharing.GROUP_SUMMARY.value and entry.summary is not None


def _open_or_damaged(me: UnlockedProfile, grant, entry: JournalEntry, person: Person | None, title) -> SharedEntry:
    try:
        return _open(me, grant, entry, person, title)
    except jc.CiphertextError as error:
        log.warning("Shared journal entry %s does not open (%s); listed as damaged", entry.id, error.detail)
        return SharedEntry(
            entry.id, entry.author_id, person.full_name if person else "", entry.written_on,
            JournalSharing(entry.sharing), PromptTemplate(entry.prompt_template), None, (), None, title, damaged=True,
        )  # fmt: skip


def _open(me: UnlockedProfile, grant: JournalGrant, entry: JournalEntry, person: Person | None, title) -> SharedEntry:
    key = sharing.open_grant(me.private_key(), grant, entry.author_id)
    text, tags, summary = None, (), None
    if grant.purpose == sharing.COACH:
        payload = sharing.open_payload(key, entry.id, entry.author_id, entry.content)
        text, tags = payload.text, payload.tags
    else:
        summary = sharing.open_summary(key, entry.id, entry.author_id, entry.summary or b"")
    return SharedEntry(
        entry.id, entry.author_id, person.full_name if person else "", entry.written_on, JournalSharing(entry.sharing),
        PromptTemplate(entry.prompt_template), text, tags, summary, title,
    )  # fmt: skip
