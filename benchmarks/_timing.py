"""The timing helper the benchmark scripts share (a module, not a benchmark: ``run_all`` skips ``_*.py``)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed[T](fn: Callable[[], T], runs: int) -> tuple[float, T]:
    """The median of ``runs`` calls of ``fn`` in seconds, and what the last call returned."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times), result
