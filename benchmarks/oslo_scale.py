"""Oslo scale: every list page's first screen on 50,000 people, 300,000 marks and 200,000 journal entries, on
SQLite and on PostgreSQL, against the raw SQL for the same rows measured in the same run.

    python benchmarks/oslo_scale.py [--postgresql URL] [--runs 15] [--reuse] [--scale 1.0] [--json FILE]

It builds the database (``_oslo_data``: bulk inserts through SQLAlchemy Core on SQLite, ``COPY`` on PostgreSQL;
journal rows hold ciphertext-sized random bytes, a dozen participants get real entries through the journal
service) in a SQLite file and, given an admin URL (``--postgresql`` or ``$TILLITSLEDER_TEST_POSTGRESQL``, e.g.
from ``scripts/postgresql_cluster.sh start``), in a database of its own on that cluster. ``--reuse`` keeps a
database built before at the same scale.

Then, per page (``_oslo_pages.PAGES``: the core calls the UI makes for the page's first screen, sorted as
it sorts by default), it runs the app's calls and, interleaved, the *raw* SQL for the same rows: the very
statements the app's calls sent, captured from the engine, executed again with the DB-API cursor and fetched.
It prints the medians, their ratio and how many statements the page took, against the targets (≤ 100 ms and
≤ 2× raw), and writes the figures as JSON. Timings on a shared machine are noisy: a script to read, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _oslo_build import PASSPHRASE, build, database_settings, is_built, server_database  # noqa: E402
from _oslo_data import Scale  # noqa: E402
from _oslo_pages import PAGES, Context  # noqa: E402
from sqlalchemy import event, func, select  # noqa: E402

from tillitsleder import clock  # noqa: E402
from tillitsleder.access import Actor  # noqa: E402
from tillitsleder.enums import Role  # noqa: E402
from tillitsleder.model import Certificate, Cohort, Enrolment, Facilitator, GroupRound, Profile, ReflectionGroup  # noqa: E402
from tillitsleder.profiles import unlock  # noqa: E402
from tillitsleder.storage.database import Database, open_database  # noqa: E402

TARGET_MS, TARGET_RATIO = 100.0, 2.0
WORK = Path(os.environ.get("TMPDIR", "/tmp")) / "tillitsleder-oslo"


def context(db: Database) -> Context:
    with db.read() as s:
        cohort_id = s.scalar(select(func.max(Cohort.id)))
        programme_id = s.scalar(select(Cohort.programme_id).where(Cohort.id == cohort_id))
        finished = s.scalar(
            select(func.max(Enrolment.cohort_id)).join(Certificate, Certificate.enrolment_id == Enrolment.id)
        )
        participant = s.scalar(select(Profile.id).where(Profile.role == Role.PARTICIPANT.value).order_by(Profile.id))
        group = s.execute(
            select(ReflectionGroup.id, Facilitator.person_id)
            .join(GroupRound, GroupRound.id == ReflectionGroup.round_id)
            .join(Facilitator, Facilitator.id == ReflectionGroup.facilitator_id)
            .where(GroupRound.cohort_id == cohort_id)
            .order_by(ReflectionGroup.id)
        ).first()
    me = unlock(db, participant, PASSPHRASE)
    return Context(cohort_id, finished, programme_id, me, Actor.facilitator(group.person_id), group.id)


class Capture:
    """The SELECTs an engine sends while ``on``, with their parameters exactly as the driver got them."""

    def __init__(self, db: Database) -> None:
        self.on = False
        self.statements: list[tuple[str, Any]] = []
        event.listen(db.engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn, _cursor, statement, parameters, _context, executemany) -> None:
        if self.on and not executemany and statement.lstrip().upper().startswith(("SELECT", "WITH")):
            self.statements.append((statement, parameters))

    def record(self, call) -> list[tuple[str, Any]]:
        self.statements, self.on = [], True
        try:
            call()
        finally:
            self.on = False
        return self.statements


def replay(raw, statements: list[tuple[str, Any]]) -> int:
    """The captured statements again on a bare DB-API connection, every row fetched; returns the rows."""
    rows = 0
    cursor = raw.cursor()
    for statement, parameters in statements:
        cursor.execute(statement, parameters)
        rows += len(cursor.fetchall())
    cursor.close()
    raw.rollback()
    return rows


def measure(target: str | Path, runs: int, *, log=print) -> dict[str, dict[str, Any]]:
    db = open_database(target)
    db.backup_on_close = False
    try:
        ctx = context(db)
        capture = Capture(db)
        raw = db.engine.raw_connection()
        figures: dict[str, dict[str, Any]] = {}
        for name, page in PAGES.items():

            def call(page=page) -> Any:
                return page(db, ctx)

            try:
                call()  # warm: statement caches, prepared statements, the file cache
            except Exception as error:  # noqa: BLE001 - a page that fails is reported, the others still measured
                db.engine.dispose()
                figures[name] = {"error": f"{type(error).__name__}: {str(error).splitlines()[0][:160]}",
                                 "meets_targets": False}  # fmt: skip
                log(f"  {name:<34} FAILS: {figures[name]['error']}")
                continue
            statements = capture.record(call)
            rows = replay(raw, statements)
            app_times, raw_times = [], []
            for _ in range(runs):  # interleaved, so load changes hit both alike
                began = time.perf_counter()
                call()
                app_times.append(time.perf_counter() - began)
                began = time.perf_counter()
                replay(raw, statements)
                raw_times.append(time.perf_counter() - began)
            app_ms, raw_ms = statistics.median(app_times) * 1000, statistics.median(raw_times) * 1000
            ratio = app_ms / raw_ms if raw_ms else float("inf")
            ok = app_ms <= TARGET_MS and ratio <= TARGET_RATIO
            figures[name] = {"ms": round(app_ms, 2), "raw_ms": round(raw_ms, 2), "ratio": round(ratio, 2),
                             "statements": len(statements), "rows": rows, "meets_targets": ok}  # fmt: skip
            log(f"  {name:<34} {app_ms:8.1f} {raw_ms:8.1f} {ratio:6.2f} {app_ms - raw_ms:8.1f} {len(statements):5d} "
                f"{rows:6d}  {'ok' if ok else 'MISS'}")  # fmt: skip
        raw.close()
        return figures
    finally:
        db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgresql", default=os.environ.get("TILLITSLEDER_TEST_POSTGRESQL"),
                        help="admin URL of a PostgreSQL cluster (default $TILLITSLEDER_TEST_POSTGRESQL)")  # fmt: skip
    parser.add_argument("--sqlite", type=Path, default=WORK / "oslo.sqlite3")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--scale", type=float, default=1.0, help="a fraction of Oslo's size for quick runs")
    parser.add_argument("--reuse", action="store_true", help="keep a database built before at this scale")
    parser.add_argument("--json", type=Path, default=WORK / "oslo_scale.json")
    parser.add_argument("--postgresql-setting", action="append", default=[], metavar="NAME=VALUE",
                        help="a planner setting for the benchmark's database (ALTER DATABASE … SET), e.g. "
                        "random_page_cost=1.1; without any, the server's defaults")  # fmt: skip
    args = parser.parse_args()
    scale = Scale() if args.scale == 1.0 else Scale().scaled(args.scale)
    targets: dict[str, str | Path] = {"sqlite": args.sqlite}
    if args.postgresql:
        name = "tillitsleder_oslo" if args.scale == 1.0 else f"tillitsleder_oslo_{int(args.scale * 1000)}"
        targets["postgresql"] = server_database(args.postgresql, name, fresh=not args.reuse)
        database_settings(args.postgresql, name, args.postgresql_setting)
    else:
        print("no PostgreSQL URL (--postgresql or $TILLITSLEDER_TEST_POSTGRESQL): SQLite only")
    cpus = os.cpu_count()
    print(f"scale: {scale}; runs: {args.runs}; {platform.python_implementation()} {platform.python_version()}, "
          f"{cpus} cores (shared with other work: timings are noisy)")  # fmt: skip
    report: dict[str, Any] = {"scale": scale.__dict__, "runs": args.runs, "cores": cpus,
                              "when": clock.now().isoformat(timespec="seconds"),
                              "targets": {"ms": TARGET_MS, "ratio": TARGET_RATIO},
                              "postgresql_settings": args.postgresql_setting, "engines": {}}  # fmt: skip
    for engine, target in targets.items():
        entry: dict[str, Any] = {}
        if args.reuse and is_built(target, scale):
            print(f"{engine}: reusing the database built before")
        else:
            print(f"{engine}: building")
            entry["generation"] = build(target, scale, log=print)
            print(f"{engine}: built in {entry['generation']['total_s']:.0f} s")
        print(f"{engine}: {'page':<34} {'ms':>8} {'raw ms':>8} {'ratio':>6} {'+ms':>8} {'stmts':>5} {'rows':>6}")
        entry["pages"] = measure(target, args.runs)
        report["engines"][engine] = entry
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"figures: {args.json}")
    misses = [(e, p) for e, v in report["engines"].items() for p, f in v["pages"].items() if not f["meets_targets"]]
    print(f"{len(misses)} page(s) miss a target" + (": " + "; ".join(f"{e} {p}" for e, p in misses) if misses else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
