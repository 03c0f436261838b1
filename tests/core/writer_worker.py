"""A writer process for ``test_concurrent_writers``: enrols new people through the core service for a while.

``python writer_worker.py DB COHORT WORKER SECONDS OUT``: every enrolment the service acknowledged (returned its
id) is appended to ``OUT`` as ``id email`` and flushed at once; a ``DatabaseBusy`` is counted and the same write
tried again. The last line of ``OUT`` is ``done ACKNOWLEDGED BUSY``. Every tenth write is followed by a read.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def main(db_path: str, cohort: int, worker: int, seconds: float, out_path: str) -> int:
    from tillitsleder.enrolment.cohorts import NewPerson, enrol
    from tillitsleder.errors import DatabaseBusy
    from tillitsleder.lookups import participant_count
    from tillitsleder.storage import open_database

    db = open_database(Path(db_path), create=False)
    acknowledged = busy = 0
    deadline = time.monotonic() + seconds
    with open(out_path, "a", encoding="utf-8") as out:
        while time.monotonic() < deadline:
            email = f"writer{worker}-{acknowledged}@example.org"
            try:
                enrolment_id = enrol(db, cohort, NewPerson("Skriver", f"Nummer {worker}-{acknowledged}", email=email))
            except DatabaseBusy:
                busy += 1
                continue
            out.write(f"{enrolment_id} {email}\n")
            out.flush()
            acknowledged += 1
            if acknowledged % 10 == 0:
                participant_count(db)
        out.write(f"done {acknowledged} {busy}\n")
    db.close()
    return 0


if __name__ == "__main__":
    db_arg, cohort_arg, worker_arg, seconds_arg, out_arg = sys.argv[1:6]
    sys.exit(main(db_arg, int(cohort_arg), int(worker_arg), float(seconds_arg), out_arg))
