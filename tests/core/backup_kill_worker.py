"""A worker for the kill -9 tests: backs up or restores a database in a loop until it is killed.

``python backup_kill_worker.py backup DB`` writes a row and makes a backup, again and again;
``python backup_kill_worker.py restore DB BACKUP_A BACKUP_B`` restores the two backups in turn. It prints
``ready`` once it has started working.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path


def main(argv: list[str]) -> None:
    from tillitsleder.storage.backups import make_backup
    from tillitsleder.storage.restore import restore_backup

    mode, db = argv[0], Path(argv[1])
    print("ready", flush=True)
    round_ = 0
    while True:
        round_ += 1
        if mode == "backup":
            con = sqlite3.connect(db)
            con.execute("PRAGMA journal_mode = WAL")
            con.execute("INSERT INTO kill_marks (n) VALUES (?)", (round_,))
            con.commit()
            con.close()
            make_backup(db, "manual")
        else:
            restore_backup(Path(argv[2 + round_ % 2]), db)


if __name__ == "__main__":
    main(sys.argv[1:])
