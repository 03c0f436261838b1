"""Autosave survives ``kill -9``: the app types steadily in a subprocess, is killed mid-word, and at most the last
second of typing is missing from the draft found after unlocking again.

The subprocess (``journal_typing_app.py``) prints how many keys it had typed and when, after each key; both
processes read the same monotonic clock, so the test knows exactly which keys were typed in the last second.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tillitsleder import profiles
from tillitsleder.demo.journal import DEMO_PASSPHRASE
from tillitsleder.journal import entries as journal
from tillitsleder.model.enums import Role
from tillitsleder.storage import open_database

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from journal_typing_app import typing_text  # noqa: E402

KEYS_BEFORE_KILL = 130  # about three seconds of typing
START_TIMEOUT_S = 60  # a busy test machine may take long to start the app; typing itself takes 3 s


def _record(line: str, typed_at: dict[int, float]) -> int:
    """Note "<count> <time>" lines; returns the count (0 for other lines)."""
    parts = line.split()
    if len(parts) != 2 or not parts[0].isdigit():
        return 0
    typed_at[int(parts[0])] = float(parts[1])
    return int(parts[0])


def read_until(process: subprocess.Popen[bytes], typed_at: dict[int, float], keys: int, timeout: float) -> None:
    """Read the app's "<count> <time>" lines until ``keys`` were typed; fail after ``timeout`` seconds."""
    import selectors

    assert process.stdout is not None
    fd = process.stdout.fileno()
    selector = selectors.DefaultSelector()
    selector.register(fd, selectors.EVENT_READ)
    deadline, pending = time.monotonic() + timeout, b""
    while True:
        remaining = deadline - time.monotonic()
        assert remaining > 0 and selector.select(remaining), "the app did not type in time"
        chunk = os.read(fd, 65536)
        assert chunk, "the app ended early"
        *lines, pending = (pending + chunk).split(b"\n")
        if max((_record(line.decode(), typed_at) for line in lines), default=0) >= keys:
            return


def first_participant(db_path: Path) -> int:
    db = open_database(db_path)
    try:
        return profiles.list_profiles(db, role=Role.PARTICIPANT)[0].person_id or 0
    finally:
        db.close()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="kill -9 is POSIX")
def test_kill_9_mid_typing_loses_at_most_the_last_second(demo_db_path: Path, tmp_path: Path) -> None:
    person_id = first_participant(demo_db_path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TILLITSLEDER_CONFIG_DIR=str(tmp_path / "config"))
    process = subprocess.Popen(
        [sys.executable, str(HERE / "journal_typing_app.py"), str(demo_db_path), str(person_id), DEMO_PASSPHRASE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    typed_at: dict[int, float] = {}
    try:
        read_until(process, typed_at, KEYS_BEFORE_KILL, START_TIMEOUT_S)
        os.kill(process.pid, signal.SIGKILL)
        killed_at = time.monotonic()
        rest, errors = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    for line in rest.decode().splitlines():  # what was typed after the last line read, up to the kill
        _record(line, typed_at)
    assert process.returncode == -signal.SIGKILL, errors.decode()
    typed = max(typed_at)
    assert typed >= KEYS_BEFORE_KILL

    db = open_database(demo_db_path)
    try:
        me = profiles.unlock(db, profiles.profile_for(db, person_id, Role.PARTICIPANT).id, DEMO_PASSPHRASE)
        drafts = journal.list_drafts(db, me)
    finally:
        db.close()
    assert len(drafts) == 1
    saved = drafts[0].draft.text
    text = typing_text()
    assert text.startswith(saved), "the draft is exactly what was typed, in order"
    assert len(saved) <= typed
    lost = range(len(saved) + 1, typed + 1)  # the keys typed but not in the draft
    print(f"typed {typed}, saved {len(saved)}, lost {len(lost)}")
    if lost:
        first_lost_at = typed_at[lost[0]]
        assert killed_at - first_lost_at <= 1.0, (
            f"{len(lost)} keys lost, typed over {killed_at - first_lost_at:.2f} s before the kill"
        )
    assert len(saved) >= KEYS_BEFORE_KILL - 45  # sanity: 40 keys a second, so at most about a second's worth
