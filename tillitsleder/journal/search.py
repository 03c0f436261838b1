"""Full-text search over one's own journal, after unlocking, with the matches to highlight.

There is no search index on disk: the entries are decrypted in memory (cached in the ``UnlockedProfile`` and
dropped on ``lock()``) and searched there. A query is split into words (``"quoted words"`` stay together); an
entry matches when every word occurs in its text, tags or group summary, ignoring case. Each hit carries a
snippet of the text around the first match and the spans to highlight in it; ``find_spans`` gives the spans in a
whole text for the reading view. An entry that does not open (damaged) matches nothing and stops no search.
"""

from __future__ import annotations

import logging
import re
import shlex
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from tillitsleder import crypto as jc
from tillitsleder.journal.entries import decrypted, require_author
from tillitsleder.model import JournalEntry
from tillitsleder.profiles import UnlockedProfile
from tillitsleder.storage.database import Database

log = logging.getLogger(__name__)

SNIPPET_BEFORE = 60
# What tells a cached entry from a newer save: the content's version byte and nonce, fresh on every save (the
# stored times are kept to the minute, so two saves in one minute share them).
_STAMP = func.substr(JournalEntry.content, 1, 1 + jc.NONCE_BYTES).label("stamp")
SNIPPET_LENGTH = 200


@dataclass(frozen=True)
class SearchHit:
    """One matching entry. ``spans`` are (start, end) offsets of matches within ``snippet``; ``field`` says where
    the snippet comes from: "text", "tags" or "summary"."""

    entry_id: int
    written_on: date
    field: str
    snippet: str
    spans: tuple[tuple[int, int], ...]
    matches: int


@dataclass(frozen=True)
class _Doc:
    entry_id: int
    written_on: date
    fields: tuple[tuple[str, str, str], ...]  # (name, text, lowered text)
    haystack: str  # the lowered fields joined, to test a term in one call


def query_terms(query: str) -> list[str]:
    """The words of a query, lowered; quoted phrases stay one term."""
    try:
        parts = shlex.split(query)
    except ValueError:  # an unbalanced quote: search the words as typed
        parts = query.replace('"', " ").split()
    return [part.lower() for part in parts if part.strip()]


def find_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the query's words occur in ``text`` (ignoring case), sorted and merged, for highlighting."""
    return _merge([span for term in query_terms(query) for span in _occurrences(text, text.lower(), term)])


def search_journal(db: Database, me: UnlockedProfile, query: str, *, limit: int | None = None) -> list[SearchHit]:
    """My entries matching ``query``, newest first."""
    terms = query_terms(query)
    if not terms:
        return []
    return search_documents(_documents(db, me), terms, limit=limit)


def search_documents(docs: list[_Doc], terms: list[str], *, limit: int | None = None) -> list[SearchHit]:
    hits: list[SearchHit] = []
    for doc in docs:
        haystack = doc.haystack
        if not all(term in haystack for term in terms):
            continue
        hits.append(_hit(doc, terms))
        if limit is not None and len(hits) >= limit:
            break
    return hits


def _documents(db: Database, me: UnlockedProfile) -> list[_Doc]:
    """My entries as search documents, newest first. Only entries saved since they were cached are read and
    decrypted again (every save seals the content with a new nonce). A damaged entry is a document without text."""
    author_id, _key = require_author(me)
    with db.read() as s:
        listing = s.execute(
            select(JournalEntry.id, _STAMP)
            .where(JournalEntry.author_id == author_id)
            .order_by(JournalEntry.written_on.desc(), JournalEntry.id.desc())
        ).all()
        stale = [row.id for row in listing if me.search_cache.get(row.id, (None,))[0] != row.stamp]
        for chunk in range(0, len(stale), 500):
            for entry in s.execute(
                select(
                    JournalEntry.id, JournalEntry.author_id, JournalEntry.written_on, _STAMP,
                    JournalEntry.content, JournalEntry.content_key, JournalEntry.summary, JournalEntry.summary_key,
                ).where(JournalEntry.id.in_(stale[chunk : chunk + 500]))
            ):  # fmt: skip
                try:
                    payload, summary = decrypted(me, entry)
                except jc.CiphertextError as error:
                    log.warning("Journal entry %s does not open (%s); not searched", entry.id, error.detail)
                    me.search_cache[entry.id] = (entry.stamp, _Doc(entry.id, entry.written_on, (), ""))
                    continue
                fields = tuple(
                    (name, text, text.lower())
                    for name, text in (("text", payload.text), ("tags", ", ".join(payload.tags)), ("summary", summary))
                    if text
                )
                haystack = "\x00".join(lowered for _name, _text, lowered in fields)
                me.search_cache[entry.id] = (entry.stamp, _Doc(entry.id, entry.written_on, fields, haystack))
    return [me.search_cache[row.id][1] for row in listing]


def _hit(doc: _Doc, terms: list[str]) -> SearchHit:
    total, chosen = 0, None
    for field in doc.fields:
        for term in terms:
            count = field[2].count(term)
            total += count
            if count and chosen is None:
                chosen = field
    assert chosen is not None
    name, text, lowered = chosen
    if len(lowered) != len(text):  # lowering changed lengths: find offsets in the text itself
        lowered = text
        first = min(m.start() for term in terms if (m := re.search(re.escape(term), text, re.IGNORECASE)))
    else:
        first = min(at for term in terms if (at := lowered.find(term)) != -1)
    start = 0 if name == "tags" else max(0, first - SNIPPET_BEFORE)
    if start:
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space > start - 20 else start
    end = min(len(text), start + SNIPPET_LENGTH)
    window = text[start:end]
    inside = (
        tuple(find_spans(window, " ".join(f'"{t}"' for t in terms)))
        if lowered is text
        else _window(lowered, terms, start, end)
    )
    snippet = ("…" if start else "") + window.replace("\n", " ") + ("…" if end < len(text) else "")
    if start:
        inside = tuple((a + 1, b + 1) for a, b in inside)
    return SearchHit(doc.entry_id, doc.written_on, name, snippet, inside, total)


def _window(lowered: str, terms: list[str], start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Spans of ``terms`` that start inside ``lowered[start:end]``, relative to ``start`` and cut at ``end``."""
    spans = []
    for term in terms:
        at = lowered.find(term, start, end)
        while at != -1:
            spans.append((at - start, min(at + len(term), end) - start))
            at = lowered.find(term, at + len(term), end)
    return tuple(_merge(spans))


def _occurrences(text: str, lowered: str, term: str) -> list[tuple[int, int]]:
    if len(lowered) != len(text):  # lowering changed lengths (rare letters): let the regex engine map offsets
        return [m.span() for m in re.finditer(re.escape(term), text, re.IGNORECASE)]
    spans, at = [], lowered.find(term)
    while at != -1:
        spans.append((at, at + len(term)))
        at = lowered.find(term, at + len(term))
    return spans


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
