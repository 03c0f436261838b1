"""A copy streams: a database much larger than what the copy may hold in memory goes across and back intact."""

from __future__ import annotations

import os
import shutil
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import postgresql_server as pg
import pytest
from sqlalchemy import insert, select

from tillitsleder.model import JournalEntry, Profile
from tillitsleder.storage import open_database
from tillitsleder.storage.copy import copy_database

ENTRIES, ENTRY_BYTES = 40_000, 1_500  # 60 MB of ciphertext


@pytest.mark.slow
def test_a_large_journal_is_copied_in_bounded_memory(
    demo_for_day: Callable[[date], Path], clock_day: date, tmp_path: Path, engine_name: str
) -> None:
    source = tmp_path / "large.sqlite3"
    shutil.copyfile(demo_for_day(clock_day), source)
    db = open_database(source)
    try:
        with db.session() as s:
            authors = list(s.scalars(select(Profile.id).where(Profile.role == "participant")))
            for start in range(0, ENTRIES, 5_000):
                s.execute(
                    insert(JournalEntry),
                    [
                        {
                            "author_id": authors[n % len(authors)],
                            "written_on": clock_day - timedelta(days=n % 300),
                            "content": os.urandom(ENTRY_BYTES),
                            "content_key": os.urandom(60),
                        }
                        for n in range(start, start + 5_000)
                    ],
                )
    finally:
        db.close()
    if engine_name == "postgresql":
        name = pg.unique_name("copy")
        middle = pg.create_database(name)
    else:
        middle = str(tmp_path / "middle.sqlite3")
    try:
        tracemalloc.start()
        try:
            there = copy_database(source, middle)
            back = copy_database(middle, tmp_path / "back.sqlite3")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    finally:
        if engine_name == "postgresql":
            pg.drop_database(name)
    assert there.equal and back.equal
    journal = {table.table: table for table in back.tables}["journal_entry"]
    assert journal.source.rows >= ENTRIES and journal.binary_values >= 2 * ENTRIES
    assert peak < 40_000_000, f"the copy held {peak / 1e6:.0f} MB at its peak"
