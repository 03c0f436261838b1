"""Completion and progress-report benchmark: a cohort of 400 participants × 60 sessions, against bare baselines.

    python benchmarks/completion_benchmark.py [--runs 3]

Measures (medians of ``--runs``): every participant's completion state with reasons (``evaluate_cohort``) against
fetching the same register cells with the bare ``sqlite3`` module; and the cohort overview PDF (``render_report``)
against bare ReportLab laying out a plain table of the same participants × sessions in the same run. Prints the
times and the ratios. Timings on shared machines are noisy: a script to read, not a test that fails.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from _timing import timed  # noqa: E402
from attendance_grid_benchmark import PARTICIPANTS, SESSIONS, build_database, raw_fetch  # noqa: E402


def bare_pdf(rows: list[list[int | None]]) -> bytes:
    """The baseline for the overview: ReportLab's own table of the same cells, landscape, header repeated."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate, Table

    out = io.BytesIO()
    data = [["#"] + [str(n) for n in range(1, SESSIONS + 1)]]
    data += [[str(i)] + ["x" if cell else "" for cell in row[:SESSIONS]] for i, row in enumerate(rows)]
    blocks = [[row[:1] + row[1 + start : 1 + start + 23] for row in data] for start in range(0, SESSIONS, 23)]
    SimpleDocTemplate(out, pagesize=landscape(A4)).build([Table(block, repeatRows=1) for block in blocks])
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from tillitsleder import i18n
    from tillitsleder.completion.evaluation import evaluate_cohort
    from tillitsleder.reports.progress import ReportKind, ReportRequest, render_report
    from tillitsleder.storage import open_database

    i18n.set_language("nb")
    folder = Path(tempfile.mkdtemp(prefix="tillitsleder-completion-bench-"))
    cohort_id = build_database(folder / "completion.sqlite3")
    db = open_database(folder / "completion.sqlite3")
    evaluate_cohort(db, cohort_id)  # warm up imports and Babel

    evaluate_time, results = timed(lambda: evaluate_cohort(db, cohort_id), args.runs)
    raw_time, rows = timed(lambda: raw_fetch(folder / "completion.sqlite3", cohort_id), args.runs)
    request = ReportRequest(ReportKind.COHORT, cohort_id)
    report_time, pdf = timed(lambda: render_report(db, request), args.runs)
    bare_time, _bare = timed(lambda: bare_pdf(rows), args.runs)
    print(f"{PARTICIPANTS} participants × {SESSIONS} sessions; {len(results)} states; overview {len(pdf):,} bytes")
    print(f"completion states: {evaluate_time * 1000:.0f} ms vs raw sqlite3 cells {raw_time * 1000:.0f} ms "
          f"→ ratio {evaluate_time / raw_time:.1f}")  # fmt: skip
    print(f"cohort overview PDF: {report_time * 1000:.0f} ms vs bare ReportLab table {bare_time * 1000:.0f} ms "
          f"→ ratio {report_time / bare_time:.1f}")  # fmt: skip
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
