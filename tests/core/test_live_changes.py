"""Several people at once: a commit on a shared server tells the other PCs which kinds of data changed.

On PostgreSQL a second connection commits and the listener hears the kind within 2 s; a rolled-back write tells
nothing; the payload names kinds only, never a person or content. On SQLite nothing is sent. The listener polls
with ``time.sleep`` (no timed waits: they hang under libfaketime), and so do these tests.
"""

from __future__ import annotations

import time
from datetime import date

import pytest

from tillitsleder.curriculum import programmes
from tillitsleder.curriculum.values import ProgrammeData
from tillitsleder.model import Municipality
from tillitsleder.storage import open_database
from tillitsleder.storage.change_kinds import KINDS, TABLE_KINDS, UNSHOWN_TABLES, decode, encode, kinds_of_tables
from tillitsleder.storage.notifications import CHANNEL, ChangeListener, libpq_url

WITHIN_S = 2.0
SECRET_NAME = "Ingrid Hemmelig-Programmet"
PROGRAMME_KINDS = frozenset({"curriculum", "attendance", "organisation"})  # its statuses, its municipality


def programme(name: str = SECRET_NAME) -> ProgrammeData:
    return ProgrammeData(name, date(2026, 1, 5), date(2026, 6, 19), municipality_name="Testvik")


class Heard:
    """What a listener handed on (filled on its thread; read here after ``time.sleep``)."""

    def __init__(self) -> None:
        self.batches: list[frozenset[str]] = []
        self.states: list[bool] = []

    def wait_for(self, predicate, limit_s: float = 5.0) -> float:
        """Seconds until ``predicate()`` held (polling with sleep); ``limit_s`` if it never did."""
        start = time.monotonic()
        for _step in range(int(limit_s / 0.02)):
            if predicate():
                return time.monotonic() - start
            time.sleep(0.02)
        return limit_s


def listening(url: str, heard: Heard) -> ChangeListener:
    listener = ChangeListener(url, heard.batches.append, on_state=heard.states.append).start()
    heard.wait_for(lambda: listener.connected)
    assert listener.connected
    return listener


def test_every_table_has_its_kinds_and_payloads_carry_kinds_only() -> None:
    from tillitsleder.model import Base

    assert set(Base.metadata.tables) <= set(TABLE_KINDS) | UNSHOWN_TABLES
    assert {kind for kinds in TABLE_KINDS.values() for kind in kinds} == set(KINDS)
    assert kinds_of_tables(["attendance", "audit_event"]) == {"attendance"}
    assert kinds_of_tables(["journal_draft", "read_event"]) == set()
    assert encode(["sessions", "attendance", "Kari Nordmann", "42"]) == "attendance,sessions"
    assert decode("attendance,Kari Nordmann,42") == {"attendance"}


def test_sqlite_sends_nothing(db, engine_name) -> None:
    if engine_name != "sqlite":
        pytest.skip("the SQLite case")
    programmes.create_programme(db, programme())
    assert db.notifier is None


def test_a_commit_elsewhere_is_heard_within_two_seconds(db, engine_name) -> None:
    if engine_name != "postgresql":
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's")
    heard = Heard()
    listener = listening(db.url, heard)
    other = open_database(db.url)
    try:
        start = time.monotonic()
        programmes.create_programme(other, programme())
        waited = heard.wait_for(lambda: heard.batches)
        elapsed = time.monotonic() - start
        assert heard.batches, "no notification arrived"
        assert elapsed < WITHIN_S, f"heard after {elapsed:.2f} s"
        assert waited < WITHIN_S
        assert set().union(*heard.batches) == PROGRAMME_KINDS
        assert other.notifier is not None and other.notifier.sent == 1
    finally:
        listener.stop()
        listener.join()
        other.close()
    assert heard.states == [True, False]


def test_a_rolled_back_write_and_our_own_commits_are_not_heard(db, engine_name) -> None:
    if engine_name != "postgresql":
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's")
    heard = Heard()
    listener = ChangeListener(db.url, heard.batches.append, own_pids=db.notifier.own_pids).start()
    heard.wait_for(lambda: listener.connected)
    other = open_database(db.url)
    try:
        with pytest.raises(RuntimeError), other.session() as s:
            s.add(Municipality(name="Rulles tilbake"))
            s.flush()
            raise RuntimeError("the user cancelled")
        programmes.create_programme(db, programme("Vårt eget"))  # our own engine: the app announced it itself
        time.sleep(1.0)
        assert heard.batches == []
        assert other.notifier.sent == 0 and db.notifier.sent == 1
        programmes.create_programme(other, programme("Et annet"))
        heard.wait_for(lambda: heard.batches)
        assert heard.batches == [frozenset({"curriculum", "attendance"})]  # the municipality is there now
    finally:
        listener.stop()
        listener.join()
        other.close()


def test_the_payload_names_no_person_and_no_content(db, engine_name) -> None:
    """What goes over the wire, read by a plain psycopg listener: kinds only."""
    if engine_name != "postgresql":
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's")
    import psycopg

    with psycopg.connect(libpq_url(db.url), autocommit=True) as raw:
        raw.execute(f"LISTEN {CHANNEL}")
        programme_id = programmes.create_programme(db, programme())
        payloads: list[str] = []
        for _step in range(100):
            payloads += [note.payload for note in raw.notifies(timeout=0)]
            if payloads:
                break
            time.sleep(0.02)
    assert payloads == ["attendance,curriculum,organisation"]
    assert SECRET_NAME not in payloads[0] and str(programme_id) not in payloads[0]
