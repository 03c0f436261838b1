"""Import benchmark: a 2,000-row participant list read, previewed and imported, against bare ``sqlite3`` inserts.

    python benchmarks/import_benchmark.py [--rows 2000] [--runs 5]

Both are measured in the same run, each on a fresh database file: the app's whole path (read the CSV as
Norwegian Excel writes it, check every row against the database, import all rows in one transaction) and a
bare baseline that inserts the same people and enrolments with ``sqlite3.executemany`` into two plain tables
and commits. Prints medians and the ratio. Timings on shared machines are noisy: a script to read, not a test.
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path


def write_list(path: Path, units: list[str], rows: int) -> list[list[str]]:
    records = [
        [f"Øyvind{i}", f"Ås-Bækkelund{i % 97}", f"leder{i}@example.no", units[i % len(units)], "Enhetsleder", f"A{i}"]
        for i in range(rows)
    ]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Fornavn", "Etternavn", "E-post", "Enhet", "Stilling", "Ansattnummer"])
    writer.writerows(records)
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    return records


def app_import(template: Path, folder: Path, csv_path: Path, cohort_id: int) -> tuple[float, float]:
    from tillitsleder.enrolment.participant_list.files import read_table
    from tillitsleder.enrolment.participant_list.importer import import_participants, preview_import
    from tillitsleder.storage import open_database

    path = folder / "run.sqlite3"
    shutil.copyfile(template, path)
    db = open_database(path)
    try:
        start = time.perf_counter()
        table = read_table(csv_path)
        preview = preview_import(db, cohort_id, table)
        assert not preview.problem_rows, preview.problem_rows[0].problems
        previewed = time.perf_counter()
        result = import_participants(db, cohort_id, table)
        done = time.perf_counter()
        assert result.enrolled == len(table.rows)
    finally:
        db.close()
    return previewed - start, done - start


def bare_insert(folder: Path, records: list[list[str]]) -> float:
    path = folder / "bare.sqlite3"
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(
        "CREATE TABLE person (id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT, email TEXT UNIQUE,"
        " employee_number TEXT UNIQUE, unit TEXT, position TEXT)"
    )
    connection.execute("CREATE TABLE enrolment (id INTEGER PRIMARY KEY, person_id INTEGER, status TEXT)")
    connection.commit()
    start = time.perf_counter()
    connection.executemany(
        "INSERT INTO person (first_name, last_name, email, unit, position, employee_number) VALUES (?, ?, ?, ?, ?, ?)",
        records,
    )
    connection.executemany(
        "INSERT INTO enrolment (person_id, status) VALUES (?, 'active')", [(i + 1,) for i in range(len(records))]
    )
    connection.commit()
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from tillitsleder import clock
    from tillitsleder.demo.builder import create_demo_database
    from tillitsleder.enrolment.cohorts import create_cohort, unit_options
    from tillitsleder.storage import open_database

    folder = Path(tempfile.mkdtemp(prefix="tillitsleder-import-bench-"))
    template = folder / "template.sqlite3"
    summary = create_demo_database(template, today=clock.today())
    db = open_database(template)
    cohort_id = create_cohort(db, summary.programme_id, "Benchmark", summary.programme_start)
    units = [unit.name for unit in unit_options(db, cohort_id)]
    db.close()
    csv_path = folder / "deltakere.csv"
    records = write_list(csv_path, units, args.rows)

    previews, imports, bares = [], [], []
    for _ in range(args.runs):
        preview, total = app_import(template, folder, csv_path, cohort_id)
        previews.append(preview)
        imports.append(total)
        bares.append(bare_insert(folder, records))
    app, bare = statistics.median(imports), statistics.median(bares)
    print(f"{args.rows} rows, median of {args.runs} runs")
    print(f"  read + preview:                 {statistics.median(previews) * 1000:8.1f} ms")
    print(f"  read + preview + import (app):  {app * 1000:8.1f} ms")
    print(f"  bare sqlite3 executemany:       {bare * 1000:8.1f} ms")
    print(f"  ratio app / bare:               {app / bare:8.1f}×")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
