"""An opt-in timeline of the app's start-up: ``TILLITSLEDER_TRACE_STARTUP=1`` logs each step to stderr.

``mark("window built")`` writes one line, ``[startup]   412.3 ms  window built  (MainThread, 301 ms CPU)``:
the milliseconds since the process started (on Linux read from ``/proc``, so the interpreter's own start is
included; elsewhere since this module was first imported), the thread, and the CPU time that thread has used
(two threads that both run Python share one interpreter lock, so their CPU times add up to the wall time).
The process's exit is marked too. Without the variable ``mark`` does nothing and costs one check. Only step
names are written, never data from the database.
"""

from __future__ import annotations

import os
import sys
import threading
import time

ENV_VAR = "TILLITSLEDER_TRACE_STARTUP"

ENABLED = os.environ.get(ENV_VAR, "") not in ("", "0")


def _process_age() -> float:
    """Seconds since the process started (best effort: 0 where it cannot be read)."""
    try:  # Linux: field 22 of /proc/self/stat is the start time in clock ticks after boot
        with open("/proc/self/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
        return time.clock_gettime(time.CLOCK_BOOTTIME) - started
    except (OSError, ValueError, IndexError, AttributeError):
        return 0.0


_ORIGIN = time.perf_counter() - (_process_age() if ENABLED else 0.0)


if ENABLED:
    import atexit

    atexit.register(lambda: mark("exit"))


def elapsed_ms() -> float:
    """Milliseconds since the process started (see the module's docstring)."""
    return (time.perf_counter() - _ORIGIN) * 1000


def mark(step: str) -> None:
    """Log ``step`` with the time since the process started, if tracing is on."""
    if ENABLED:
        thread = threading.current_thread().name
        cpu = time.thread_time() * 1000
        print(f"[startup] {elapsed_ms():7.1f} ms  {step}  ({thread}, {cpu:.0f} ms CPU)", file=sys.stderr, flush=True)
