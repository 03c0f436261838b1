"""Checking and summing up a ``clients.py`` run (a helper module; ``run_all`` skips ``_*.py``).

``verify`` reads the database afterwards (as the admin) and counts lost updates: an acknowledged journal entry
or meeting that is not there, a meeting whose notes are not the last ones acknowledged for it, or an attendance
cell whose stored value is not that of the last acknowledged write nor of one that overlapped it in time (two
writes in flight together may commit in either order). A cell holding the value of a write that failed is an
unacknowledged write that landed, counted apart. ``report`` prints and returns throughput, p95 latency and
the outcomes per kind of client.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from typing import Any

from sqlalchemy import select, tuple_

from tillitsleder.model import Attendance, GroupNote, JournalEntry
from tillitsleder.storage.database import open_database

CHUNK = 500


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def verify(url: str, specs: list[dict[str, Any]], records: list[dict[str, Any]]) -> dict[str, Any]:
    kind_of = {spec["client"]: spec["kind"] for spec in specs}
    entries: list[int] = []
    notes: dict[int, int] = {}  # meeting → last acknowledged stamp (one facilitator writes each meeting)
    writes: dict[tuple[int, int], list[tuple[float, float, int | None, bool]]] = defaultdict(list)
    for record in records:
        kind = kind_of[record["client"]]
        for op in record["ops"]:
            acked = op["outcome"] == "ack"
            if kind == "participant" and acked:
                entries.append(op["entry"])
            elif kind == "facilitator" and acked:
                notes[op["meeting"]] = op["stamp"]
            elif kind == "coordinator" and "cells" in op:
                refused = {tuple(key) for key in op.get("refused", [])}
                for enrolment, session, status in op["cells"]:
                    # a refused conflict still saved the cells it did not refuse
                    saved = acked or (op["outcome"] == "conflict" and (enrolment, session) not in refused)
                    writes[(enrolment, session)].append((op["t0"], op["t1"], status, saved))
    db = open_database(url)
    db.backup_on_close = False
    try:
        with db.read() as s:
            found = set()
            for chunk in _chunks(entries):
                found |= set(s.scalars(select(JournalEntry.id).where(JournalEntry.id.in_(chunk))))
            stored_notes: dict[int, list[str]] = defaultdict(list)
            for chunk in _chunks(list(notes)):
                for meeting, content in s.execute(
                    select(GroupNote.meeting_id, GroupNote.content).where(GroupNote.meeting_id.in_(chunk))
                ):
                    stored_notes[meeting].append(content)
            stored_cells: dict[tuple[int, int], int] = {}
            for chunk in _chunks(list(writes)):
                for enrolment, session, status in s.execute(
                    select(Attendance.enrolment_id, Attendance.session_id, Attendance.status_id).where(
                        tuple_(Attendance.enrolment_id, Attendance.session_id).in_(chunk)
                    )
                ):
                    stored_cells[(enrolment, session)] = status
    finally:
        db.close()
    lost_entries = len(entries) - len(found)
    lost_notes = sum(
        1 for meeting, stamp in notes.items()
        if len(stored_notes[meeting]) != 3 or not all(f"Notat {stamp} (" in c for c in stored_notes[meeting])
    )  # fmt: skip
    lost_cells = landed_unacknowledged = 0
    for cell, history in writes.items():
        acked = [w for w in history if w[3]]
        stored = stored_cells.get(cell)
        if not acked:
            continue
        last = max(acked, key=lambda w: w[1])
        possible = {w[2] for w in acked if w[1] >= last[0]}  # the last one, and those in flight with it
        if stored in possible:
            continue
        if stored in {w[2] for w in history if not w[3]}:
            landed_unacknowledged += 1
        else:
            lost_cells += 1
    return {
        "journal_entries_acknowledged": len(entries), "journal_entries_missing": lost_entries,
        "meetings_acknowledged": len(notes), "meetings_not_as_last_saved": lost_notes,
        "attendance_cells_written": len(writes), "attendance_cells_lost": lost_cells,
        "unacknowledged_writes_landed": landed_unacknowledged,
        "lost_updates": lost_entries + lost_notes + lost_cells,
    }  # fmt: skip


def _p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def report(records, checks, *, wall: float, mode: str, shape: dict, seconds: float) -> dict[str, Any]:
    by_kind: dict[str, dict[str, Any]] = {}
    for record in records:
        kind = by_kind.setdefault(record["kind"], {"clients": 0, "acked": 0, "conflicts": 0, "errors": {},
                                                   "latencies": [], "setup_errors": []})  # fmt: skip
        kind["clients"] += 1
        if record["setup_error"]:
            kind["setup_errors"].append(record["setup_error"])
        for op in record["ops"]:
            if op["outcome"] == "ack":
                kind["acked"] += 1
                kind["latencies"].append((op["t1"] - op["t0"]) * 1000)
            elif op["outcome"] == "conflict":
                kind["conflicts"] += 1
        for name, count in record["errors"].items():
            kind["errors"][name] = kind["errors"].get(name, 0) + count
    print(f"{'kind':<12} {'clients':>7} {'ops/s':>8} {'p95 ms':>8} {'median ms':>9} {'acked':>7} {'conflicts':>9}"
          "  errors")  # fmt: skip
    figures: dict[str, Any] = {"mode": mode, "seconds": seconds, "wall_s": round(wall, 1), "register": shape,
                               "kinds": {}, "checks": checks}  # fmt: skip
    total = 0
    for name, kind in sorted(by_kind.items()):
        latencies = kind.pop("latencies")
        rate = kind["acked"] / wall if wall else 0.0
        total += kind["acked"]
        kind.update(ops_per_s=round(rate, 1), p95_ms=round(_p95(latencies), 1),
                    median_ms=round(statistics.median(latencies), 1) if latencies else None)  # fmt: skip
        figures["kinds"][name] = kind
        print(f"{name:<12} {kind['clients']:>7} {rate:>8.1f} {kind['p95_ms']:>8.1f} {kind['median_ms'] or 0:>9.1f} "
              f"{kind['acked']:>7} {kind['conflicts']:>9}  {kind['errors'] or '-'}")  # fmt: skip
        for error in kind["setup_errors"]:
            print(f"  a {name} could not start: {error.strip().splitlines()[-1]}")
    figures["total_ops_per_s"] = round(total / wall, 1) if wall else 0.0
    print(f"{'total':<12} {len(records):>7} {figures['total_ops_per_s']:>8.1f}   over {wall:.1f} s")
    print("checks: " + ", ".join(f"{k} {v}" for k, v in checks.items()))
    print(f"lost updates: {checks['lost_updates']} (must be 0)")
    return figures
