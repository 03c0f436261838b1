"""Journal search benchmark: a two-year journal of 3,000 encrypted entries, against plain string search.

    python benchmarks/journal_search_benchmark.py [--entries 3000] [--runs 5]

Builds a database with one participant whose journal holds ``--entries`` sealed entries (texts recombined from the
demo's Norwegian prose, 300–1,500 characters each), then measures (medians of ``--runs``):

- cold search: unlock, read and decrypt every entry, search — against fetching the same texts as plaintext with
  the bare ``sqlite3`` module and searching them with ``in``;
- warm search (decrypted texts cached in the unlocked profile, as in the app after the first search), over five
  queries — against ``term in text.lower()`` over the same texts in a Python list.

Prints the times and the ratios. Timings on shared machines are noisy: a script to read, not a test that fails.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _timing import timed  # noqa: E402

QUERIES = ("tillit", '"kontroll som gir mening"', "medarbeiderne ansvar", "budsjettsituasjonen", "finnesikke")
PASSPHRASE = "benchmark-passord"


def texts(count: int) -> list[tuple[str, tuple[str, ...]]]:
    from tillitsleder.demo.content import content_for

    rng = random.Random(2017)
    c = content_for("nb")
    prose = [s for group in c.JOURNAL_LEARNED.values() for s in group]
    prose += [*c.JOURNAL_NOW, *c.JOURNAL_CHANGE, *c.JOURNAL_FREE]
    result = []
    for _ in range(count):
        body = []
        while sum(len(p) for p in body) < rng.randint(300, 1500):
            body.append(rng.choice(prose))
        result.append(("\n\n".join(body), tuple(rng.sample(c.JOURNAL_TAGS, 2))))
    return result


def build(path: Path, entries: list[tuple[str, tuple[str, ...]]]) -> int:
    """One participant with ``entries`` sealed entries (and a plaintext copy table for the baseline)."""
    from tillitsleder import crypto as jc
    from tillitsleder import profiles
    from tillitsleder.journal import sharing
    from tillitsleder.model import Cohort, Enrolment, JournalEntry, Municipality, Person, Programme
    from tillitsleder.model.enums import Role
    from tillitsleder.storage import open_database

    db = open_database(path)
    with db.session() as s:
        town = Municipality(name="Bydel Nordstrand")
        s.add(town)
        s.flush()
        programme = Programme(
            municipality_id=town.id, name="LUP", start_date=date(2025, 1, 1), end_date=date(2027, 1, 1)
        )
        s.add(programme)
        s.flush()
        cohort = Cohort(programme_id=programme.id, name="Kull", start_date=date(2025, 1, 1))
        person = Person(first_name="Kari", last_name="Nordmann")
        s.add_all([cohort, person])
        s.flush()
        s.add(
            Enrolment(
                cohort_id=cohort.id, person_id=person.id, status_since=date(2025, 1, 1), enrolled_on=date(2025, 1, 1)
            )
        )
        person_id = person.id
    kdf = jc.KdfParams(memory_cost=1024, iterations=1, lanes=1)
    profile_id = profiles.create_profile(db, person_id, Role.PARTICIPANT, PASSPHRASE, kdf=kdf).profile.id
    me = profiles.unlock(db, profile_id, PASSPHRASE)
    with db.session() as s:
        rows = [
            JournalEntry(
                author_id=person_id, written_on=date(2025, 1, 1) + timedelta(days=i // 4), content=b"", content_key=b""
            )
            for i in range(len(entries))
        ]
        s.add_all(rows)
        s.flush()
        for row, (text, tags) in zip(rows, entries, strict=True):
            sharing.seal_entry(row, me.data_key(), sharing.Payload(text, tags), None)
    db.close()
    plain = sqlite3.connect(path.with_name("plain.sqlite3"))
    plain.execute("CREATE TABLE entry (id INTEGER PRIMARY KEY, written_on TEXT, text TEXT, tags TEXT)")
    plain.executemany("INSERT INTO entry (text, tags) VALUES (?, ?)", [(t, ", ".join(g)) for t, g in entries])
    plain.commit()
    plain.close()
    return profile_id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from tillitsleder import profiles
    from tillitsleder.journal.search import query_terms, search_journal
    from tillitsleder.storage import open_database

    folder = Path(tempfile.mkdtemp(prefix="journal-bench-"))
    path = folder / "journal.sqlite3"
    entries = texts(args.entries)
    started = time.perf_counter()
    profile_id = build(path, entries)
    print(f"built {args.entries} entries ({sum(len(t) for t, _ in entries) / 1e6:.1f} MB of text) "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
    db = open_database(path, create=False)

    def cold() -> None:
        me = profiles.unlock(db, profile_id, PASSPHRASE)
        search_journal(db, me, QUERIES[0])

    def cold_baseline() -> None:
        con = sqlite3.connect(path.with_name("plain.sqlite3"))
        rows = con.execute("SELECT id, text, tags FROM entry ORDER BY id DESC").fetchall()
        con.close()
        [row[0] for row in rows if "tillit" in row[1].lower() or "tillit" in row[2].lower()]

    warm_me = profiles.unlock(db, profile_id, PASSPHRASE)
    search_journal(db, warm_me, "x")  # fill the cache
    lowered = [(t.lower(), ", ".join(g).lower()) for t, g in entries]

    def warm() -> None:
        for query in QUERIES:
            search_journal(db, warm_me, query)

    def warm_baseline() -> None:
        for query in QUERIES:
            terms = query_terms(query)
            [i for i, (t, g) in enumerate(lowered) if all(term in t or term in g for term in terms)]

    hits = {query: len(search_journal(db, warm_me, query)) for query in QUERIES}
    cold_t, cold_b = timed(cold, args.runs)[0], timed(cold_baseline, args.runs)[0]
    warm_t, warm_b = timed(warm, args.runs)[0], timed(warm_baseline, args.runs)[0]
    db.close()
    print("hits per query: " + ", ".join(f"{q} → {n}" for q, n in hits.items()))
    print(f"cold search (unlock + decrypt all + search): {cold_t * 1000:8.1f} ms   "
          f"plaintext sqlite3 + find: {cold_b * 1000:7.1f} ms   ratio {cold_t / cold_b:5.1f}×")  # fmt: skip
    print(f"warm search, {len(QUERIES)} queries:             {warm_t * 1000:8.1f} ms   "
          f"str find over a list:     {warm_b * 1000:7.1f} ms   ratio {warm_t / warm_b:5.1f}×")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
