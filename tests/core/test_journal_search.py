"""Search over one's own journal: every word must match, case ignored, spans to highlight, own entries only."""

from __future__ import annotations

from datetime import date

import pytest
from journal_testdata import world_fixture_factory

from tillitsleder.errors import Forbidden
from tillitsleder.journal import entries as journal
from tillitsleder.journal.entries import EntryDraft
from tillitsleder.journal.search import find_spans, query_terms, search_journal
from tillitsleder.model.enums import JournalSharing

db_target, world, file_db, file_world = world_fixture_factory()  # the world, on the test's engine


@pytest.fixture
def kari(db, world):
    me = world.unlock(db, "p1")
    texts = [
        (date(2026, 1, 10), "Tillit er ikke fravær av kontroll, men kontroll som gir mening.", ("tillit",)),
        (date(2026, 2, 11), "Medarbeiderskap: ÆRLIG tilbakemelding gir tillit over tid.", ("relasjoner",)),
        (date(2026, 3, 12), "Budsjettet preger alt.", ("økonomi", "prioritering")),
    ]
    for day, text, tags in texts:
        journal.create_entry(db, me, EntryDraft(day, text, tags=tags))
    journal.create_entry(
        db, me, EntryDraft(date(2026, 3, 13), "Privat", sharing=JournalSharing.GROUP_SUMMARY, summary="Felles læring")
    )
    journal.create_entry(db, world.unlock(db, "p2"), EntryDraft(date(2026, 1, 1), "Olas tillit"))
    return me


def test_hits_are_newest_first_with_highlight_spans(db, kari) -> None:
    hits = search_journal(db, kari, "TILLIT")
    assert [hit.written_on for hit in hits] == [date(2026, 2, 11), date(2026, 1, 10)]  # not Ola's
    for hit in hits:
        assert hit.field == "text" and hit.spans
        assert all(hit.snippet[a:b].lower() == "tillit" for a, b in hit.spans)
    assert hits[1].matches == 2  # text and tag


def test_every_word_must_match_and_quotes_keep_phrases(db, kari) -> None:
    assert [h.written_on.month for h in search_journal(db, kari, "tillit kontroll")] == [1]
    (phrase,) = search_journal(db, kari, '"kontroll som"')
    assert [phrase.snippet[a:b] for a, b in phrase.spans] == ["kontroll som"]
    assert search_journal(db, kari, "tillit budsjettet") == []
    assert search_journal(db, kari, "   ") == []
    assert query_terms('"ærlig tilbakemelding" Tid') == ["ærlig tilbakemelding", "tid"]


def test_tags_and_summaries_are_searched(db, kari) -> None:
    (tag_hit,) = search_journal(db, kari, "økonomi")
    assert tag_hit.field == "tags" and tag_hit.snippet[slice(*tag_hit.spans[0])] == "økonomi"
    (summary_hit,) = search_journal(db, kari, "læring")
    assert summary_hit.field == "summary"


def test_changed_entries_are_found_by_their_new_text(db, kari) -> None:
    (hit,) = search_journal(db, kari, "budsjettet")
    journal.update_entry(db, kari, hit.entry_id, EntryDraft(date(2026, 3, 12), "Økonomien er stram."))
    assert search_journal(db, kari, "budsjettet") == []
    assert search_journal(db, kari, "stram")[0].entry_id == hit.entry_id


def test_long_texts_get_a_snippet_around_the_match(db, world) -> None:
    me = world.unlock(db, "p3")
    text = "ord " * 100 + "Funnet her" + " mer" * 100
    journal.create_entry(db, me, EntryDraft(date(2026, 5, 1), text))
    (hit,) = search_journal(db, me, "funnet")
    assert hit.snippet.startswith("…ord ") and hit.snippet.endswith("…") and len(hit.snippet) <= 202
    assert [hit.snippet[a:b] for a, b in hit.spans] == ["Funnet"]
    assert find_spans(text, "funnet") == [(400, 406)]


def test_spans_stay_right_where_lowering_changes_lengths() -> None:
    assert find_spans("İstanbul og istanbul", "istanbul") == [(0, 8), (12, 20)]


def test_only_an_unlocked_participant_searches(db, world, kari) -> None:
    with pytest.raises(Forbidden):
        search_journal(db, world.unlock(db, "c1"), "tillit")
    kari.lock()
    assert not kari.search_cache
    with pytest.raises(Forbidden):
        search_journal(db, kari, "tillit")
