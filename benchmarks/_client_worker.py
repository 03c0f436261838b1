"""One simulated client of ``clients.py`` (a helper module; ``run_all`` skips ``_*.py``), run in a process of its
own: it opens the database as itself, signs in as its role and works through the app's services until the
deadline, recording every operation it was told succeeded (acknowledged), was refused as a conflict, or failed.

* a coordinator marks 1–3 attendance cells of the hot part of the newest cohort's register (``set_attendance``)
  from the copy of the register it read, as the grid does (with the versions it saw, where the service takes them);
* a participant writes journal entries with their unlocked profile (``journal.entries.create_entry``);
* a facilitator records a meeting of their group with three-step notes, or rewrites the notes of the last
  meeting they recorded (``group_notes.meeting_edits.save_meeting``).

Times for ordering writes across processes are ``time.monotonic()`` (one clock for the whole machine on Linux).
"""

from __future__ import annotations

import json
import random
import time
import traceback
from pathlib import Path
from typing import Any

PASSPHRASE = "oslo benchmark passphrase"


def _conflict(error: BaseException) -> bool:
    """A refused conflict: the versions branch's ``ChangedElsewhere`` (looked up by name, it may not exist yet)."""
    return type(error).__name__ == "ChangedElsewhere"


def run_client(spec: dict[str, Any], barrier, out: str) -> None:
    """Work as ``spec`` says until ``spec['seconds']`` after everyone is ready; write the record to ``out``."""
    record: dict[str, Any] = {"client": spec["client"], "kind": spec["kind"], "ops": [], "errors": {},
                              "setup_error": None}  # fmt: skip
    try:
        work = _setup(spec)
    except Exception:  # noqa: BLE001 - reported by the parent, which still releases the others
        record["setup_error"] = traceback.format_exc(limit=3)
        work = None
    barrier.wait()
    if work is not None:
        deadline = time.monotonic() + spec["seconds"]
        rng = random.Random(spec["client"])
        while time.monotonic() < deadline:
            intent: dict[str, Any] = {}
            started = time.monotonic()
            try:
                work(rng, intent)
            except Exception as error:  # noqa: BLE001 - every outcome is counted
                ended = time.monotonic()
                outcome = "conflict" if _conflict(error) else "error"
                name = type(error).__name__
                record["errors"][name] = record["errors"].get(name, 0) + 1
                record["ops"].append({"t0": started, "t1": ended, "outcome": outcome, "error": name, **intent})
                continue
            record["ops"].append({"t0": started, "t1": time.monotonic(), "outcome": "ack", **intent})
    Path(out).write_text(json.dumps(record), encoding="utf-8")


def _setup(spec: dict[str, Any]):
    from tillitsleder.storage.database import open_database

    db = open_database(spec["url"])
    db.backup_on_close = False
    kind = spec["kind"]
    if kind == "coordinator":
        return _coordinator(db, spec)
    if kind == "participant":
        return _participant(db, spec)
    return _facilitator(db, spec)


def _coordinator(db, spec):
    """Marks cells as the register grid does: from the copy it read (``load_register``), handing back the versions
    it saw where ``set_attendance`` takes them (the versions branch), and reading the register again after a
    refusal and every two seconds (open pages refresh on a change made elsewhere)."""
    import inspect

    from tillitsleder.attendance.register import load_register, set_attendance

    cohort, cells, statuses = spec["cohort_id"], [tuple(c) for c in spec["cells"]], spec["statuses"]
    versioned = "seen" in inspect.signature(set_attendance).parameters
    state = {"register": load_register(db, cohort), "read_at": time.monotonic()}

    def mark(rng: random.Random, intent: dict) -> None:
        if time.monotonic() - state["read_at"] > 2:
            state["register"], state["read_at"] = load_register(db, cohort), time.monotonic()
        register = state["register"]
        chosen = rng.sample(cells, rng.randint(1, 3))
        changes = intent["cells"] = [(e, s, None if rng.random() < 0.1 else rng.choice(statuses)) for e, s in chosen]
        try:
            if versioned:
                set_attendance(db, cohort, changes, seen=register.seen(changes))
            else:
                set_attendance(db, cohort, changes)
        except Exception as error:
            if _conflict(error):  # the cells not refused were saved
                intent["refused"] = [list(key) for key in getattr(error, "newer", {}).get("cells", {})]
                state["register"], state["read_at"] = load_register(db, cohort), time.monotonic()
            raise
        register.apply(changes)

    return mark


def _participant(db, spec):
    from tillitsleder import clock
    from tillitsleder.journal.entries import EntryDraft, create_entry
    from tillitsleder.profiles import unlock

    me = unlock(db, spec["profile_id"], PASSPHRASE)

    def write(rng: random.Random, intent: dict) -> None:
        text = "Benchmark: hva jeg lærte i dag om tillit. " * rng.randint(2, 20)
        intent["entry"] = create_entry(db, me, EntryDraft(written_on=clock.today(), text=text, tags=("benchmark",))).id

    return write


def _facilitator(db, spec):
    from tillitsleder import clock
    from tillitsleder.group_notes.meeting_edits import MeetingDraft, StepDraft, save_meeting
    from tillitsleder.profiles import unlock

    actor = unlock(db, spec["profile_id"], PASSPHRASE).actor
    group, members, facilitator = spec["group_id"], spec["members"], spec["facilitator_id"]
    last: list[int] = []
    steps = ("own_reflection", "small_group", "large_group")

    def note(rng: random.Random, intent: dict) -> None:
        stamp = rng.getrandbits(48)
        notes = tuple(StepDraft(step, content=f"Notat {stamp} ({step})", theme="Tillit") for step in steps)
        draft = MeetingDraft(held_on=clock.today(), attendee_ids=tuple(rng.sample(members, max(1, len(members) - 1))),
                             facilitator_id=facilitator, notes=notes)  # fmt: skip
        meeting = last[-1] if last and rng.random() < 0.5 else None
        intent.update(meeting=meeting, stamp=stamp, new=meeting is None)
        intent["meeting"] = saved = save_meeting(db, actor, group, draft, meeting)
        if meeting is None:
            last.append(saved)

    return note
