"""Restoring one damaged journal entry from a backup that holds an intact copy of it.

A damaged entry (its ciphertext fails authentication) is listed with its date but no text. The backups beside
the database (``<db folder>/backups/*.sqlite3``) are opened read-only (``storage.sqlite_file.read_one_row``), newest
first; the first one whose row with the same entry id and author opens with the participant's own key is written
back — the entry as it was when that backup was made — in one transaction, with its grants rewritten for its
current readers. Only the author's key can open a copy, and the associated data binds it to this entry and this
author, so a row of another database or another person never passes. Nothing is decrypted for anyone else and
no text is logged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from tillitsleder import clock
from tillitsleder import crypto as jc
from tillitsleder.errors import Forbidden, NotFound
from tillitsleder.i18n import N_
from tillitsleder.journal import sharing
from tillitsleder.journal.entries import require_author
from tillitsleder.model import JournalEntry, Module, Session
from tillitsleder.profiles import UnlockedProfile
from tillitsleder.storage.database import Database
from tillitsleder.storage.sqlite_file import FileError, read_one_row

log = logging.getLogger(__name__)

_COLUMNS = (
    "author_id", "written_on", "session_id", "module_id", "prompt_template", "sharing", "content", "content_key",
    "summary", "summary_key", "updated_at",
)  # fmt: skip


@dataclass(frozen=True)
class RestoreResult:
    """Which backup the entry came back from, or ``backup`` ``None`` when no backup holds an intact copy."""

    entry_id: int
    backup: Path | None
    checked: int  # how many backup files were looked at


def backup_files(db: Database) -> list[Path]:
    """The backups beside ``db``'s file (``<folder>/backups/*.sqlite3``), newest first; empty without a file."""
    if db.path is None:
        return []
    folder = db.path.parent / "backups"
    if not folder.is_dir():
        return []
    files = [path for path in folder.glob("*.sqlite3") if path.is_file()]
    return sorted(files, key=lambda path: (path.stat().st_mtime, path.name), reverse=True)


def restore_entry(
    db: Database, me: UnlockedProfile, entry_id: int, backups: list[Path] | None = None, *, today: date | None = None
) -> RestoreResult:
    """Write back my entry ``entry_id`` from the first of ``backups`` (default: ``backup_files(db)``) holding a copy
    that opens with my key. ``NotFound``/``Forbidden`` when the entry is not mine."""
    author_id, data_key = require_author(me)
    with db.read() as s:
        entry = s.get(JournalEntry, entry_id)
        if entry is None:
            raise NotFound(N_("There is no journal entry with id {id}."), id=entry_id)
        if entry.author_id != author_id:
            raise Forbidden(N_("Only its owner may see or change this."), detail=f"entry {entry_id}")
    files = backup_files(db) if backups is None else list(backups)
    for path in files:
        row = _intact_copy(path, entry_id, author_id, data_key)
        if row is None:
            continue
        _write_back(db, me, entry_id, row, data_key, today or clock.today())
        log.info("Journal entry %s restored from backup %s", entry_id, path.name)
        return RestoreResult(entry_id, path, len(files))
    log.info("No backup of %d holds an intact copy of journal entry %s", len(files), entry_id)
    return RestoreResult(entry_id, None, len(files))


def _intact_copy(path: Path, entry_id: int, author_id: int, data_key: bytes) -> dict | None:
    """The backup's row of the entry when it belongs to ``author_id`` and opens with ``data_key``, else ``None``."""
    try:
        found = read_one_row(path, f"SELECT {', '.join(_COLUMNS)} FROM journal_entry WHERE id = ?", (entry_id,))
    except FileError as exc:  # not a database, or one from before journal encryption
        log.info("Backup %s has no readable journal: %s", path.name, exc)
        return None
    if found is None:
        return None
    row = dict(zip(_COLUMNS, found, strict=True))
    if row["author_id"] != author_id:
        return None
    try:
        sharing.open_own(
            data_key, entry_id, author_id, row["content"], row["content_key"], row["summary"], row["summary_key"]
        )
    except (jc.CiphertextError, ValueError, TypeError):
        log.info("Backup %s holds no intact copy of journal entry %s", path.name, entry_id)
        return None
    return row


def _write_back(db: Database, me: UnlockedProfile, entry_id: int, row: dict, data_key: bytes, today: date) -> None:
    with db.session() as s:
        entry = s.get(JournalEntry, entry_id)
        assert entry is not None
        entry.written_on = date.fromisoformat(str(row["written_on"])[:10])
        session_id, module_id = row["session_id"], row["module_id"]
        entry.session_id = session_id if session_id is not None and s.get(Session, session_id) else None
        entry.module_id = module_id if module_id is not None and s.get(Module, module_id) else None
        entry.prompt_template, entry.sharing = row["prompt_template"], row["sharing"]
        entry.content, entry.content_key = row["content"], row["content_key"]
        entry.summary, entry.summary_key = row["summary"], row["summary_key"]
        entry.updated_at = datetime.fromisoformat(str(row["updated_at"])).replace(tzinfo=UTC)
        s.flush()
        content_key, summary_key = sharing.open_keys(
            data_key, entry_id, entry.author_id, entry.content_key, entry.summary_key
        )
        sharing.write_grants(s, entry, content_key, summary_key, today)
    me.entry_cache.pop(entry_id, None)
    me.search_cache.pop(entry_id, None)
