"""The erasure log re-applied: after an older backup is restored, the people erased since it was made are erased
again (``reapply_erasures``, which the restore calls). The log itself — ids and timestamps only — is kept in the
database and in a sidecar file beside it (``erasure_records``), so a restored backup cannot make it forget.
"""

from __future__ import annotations

import logging

from sqlalchemy import select

from tillitsleder.model import Person
from tillitsleder.privacy import erasure_records
from tillitsleder.privacy.erasure import erase_person, plan_erasure
from tillitsleder.privacy.erasure_records import Erased
from tillitsleder.storage.database import Database, open_database
from tillitsleder.storage.restore import RestoreResult

log = logging.getLogger(__name__)


def logged_erasures(db: Database) -> list[Erased]:
    """Every erasure the database or its sidecar knows of, oldest first, one per person and choice."""
    with db.read() as s:
        in_table = erasure_records.table_entries(s)
    in_sidecar = erasure_records.read_sidecar(erasure_records.sidecar_path(db.path)) if db.path else []
    return erasure_records.merged(in_table, in_sidecar)


def reapply_erasures(db: Database) -> int:
    """Erase again everyone the log names whose data is back (an older backup was restored); bring the table and
    the sidecar level with each other. Returns how many people were erased again. No backup is taken: the
    database was just restored from one."""
    entries = logged_erasures(db)
    again = 0
    for entry in entries:
        with db.read() as s:
            exists = s.scalar(select(Person.id).where(Person.id == entry.person_id)) is not None
        if not exists:
            continue
        plan = plan_erasure(db, entry.person_id, entry.include_certificates)
        if plan.already_erased:
            continue
        erase_person(db, plan, backup=False, logged_at=entry.erased_at)
        again += 1
        log.info("Erased person %s again from the erasure log", entry.person_id)
    with db.session() as s:
        erasure_records.add_to_table(s, entries)
    if db.path is not None:
        path = erasure_records.sidecar_path(db.path)
        known = {(e.person_id, e.include_certificates) for e in erasure_records.read_sidecar(path)}
        erasure_records.append_sidecar(path, [e for e in entries if (e.person_id, e.include_certificates) not in known])
    return again


def reapply_after_restore(result: RestoreResult) -> None:
    """The restore's ``after_restore`` hook: open the restored file (migrating an older one) and erase again
    everyone erased since the backup was made."""
    db = open_database(result.path)
    try:
        again = reapply_erasures(db)
    finally:
        db.close()
    if again:
        log.info("Erased %d people again after restoring %s", again, result.restored_from.name)
