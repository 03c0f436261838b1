"""Building the Oslo-scale database on SQLite or PostgreSQL (a helper module of ``oslo_scale.py``).

``build(target, scale)`` migrates an empty database with the app's own ``open_database``, bulk-loads the rows of
``_oslo_data.OsloRows`` (``_oslo_bulk.BulkWriter``), then gives a few participants and facilitators real
profiles (a cheap Argon2 setting, the passphrase ``PASSPHRASE``) and writes those participants' journal
entries through the journal service, so the participant's journal screen decrypts real entries.
``server_database`` makes (or empties) a database of its own on a PostgreSQL cluster given its admin URL.
"""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from _oslo_bulk import BulkWriter, generation_engine  # the benchmarks folder is on sys.path (scripts run from it)
from _oslo_data import OsloRows, Scale
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from tillitsleder.crypto import KdfParams
from tillitsleder.enums import Role
from tillitsleder.model import Base, Facilitator, GroupRound, Person, ReflectionGroup
from tillitsleder.storage.database import open_database
from tillitsleder.storage.engine import is_server_url, normalise_url, sqlite_url

PASSPHRASE = "oslo benchmark passphrase"
BENCH_KDF = KdfParams(memory_cost=8 * 1024, iterations=1, lanes=1)  # cheap: 60 unlocks must not take minutes
TEXT = ("I dag snakket vi om tillit i praksis. Jeg vil prøve å gi teamet mer ansvar for turnusen, og følge opp "
        "med en kort samtale hver fredag. Det var nyttig å høre hvordan de andre lederne har gjort det. ")  # fmt: skip


def server_database(admin_url: str, name: str, *, fresh: bool) -> str:
    """The URL of database ``name`` on the admin URL's cluster, created (and with ``fresh`` emptied) first."""
    import psycopg

    url = make_url(normalise_url(admin_url))
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and fresh:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        if not exists or fresh:
            connection.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


def database_settings(admin_url: str, name: str, settings: list[str]) -> None:
    """Reset database ``name``'s own settings, then set each ``NAME=VALUE`` (for new connections)."""
    import psycopg
    from psycopg import sql

    conninfo = make_url(normalise_url(admin_url)).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(sql.SQL("ALTER DATABASE {} RESET ALL").format(sql.Identifier(name)))
        for setting in settings:
            key, _sep, value = setting.partition("=")
            statement = sql.SQL("ALTER DATABASE {} SET {} = {}")
            connection.execute(statement.format(sql.Identifier(name), sql.Identifier(key), sql.Literal(value)))


def is_built(target: str | Path, scale: Scale) -> bool:
    """Whether ``target`` already holds an Oslo-scale database of this size (so ``--reuse`` may skip building)."""
    if not is_server_url(target) and not Path(target).exists():
        return False
    try:
        db = open_database(target, create=False)
    except Exception:  # noqa: BLE001 - anything unreadable is rebuilt
        return False
    try:
        with db.read() as s:
            return s.scalar(select(func.count(Person.id))) == scale.people
    except Exception:  # noqa: BLE001 - an empty or foreign database
        return False
    finally:
        db.backup_on_close = False
        db.close()


def build(target: str | Path, scale: Scale, *, log=print) -> dict[str, Any]:
    """Build the database at ``target`` (a new SQLite path or an empty server database); returns the timings."""
    began = time.perf_counter()
    if not is_server_url(target):
        path = Path(target)
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_database(target)
    db.backup_on_close = False
    db.close()
    migrated = time.perf_counter()
    engine = generation_engine(str(target) if is_server_url(target) else sqlite_url(Path(target)))
    writer = BulkWriter(engine)
    rows = OsloRows(scale)
    timings: dict[str, float] = {}
    for name, data in rows.tables():
        started = time.perf_counter()
        count = writer.put(Base.metadata.tables[name], data)
        timings[name] = time.perf_counter() - started
        log(f"  {name:<24} {count:>9,} rows  {timings[name]:6.1f} s")
    writer.finish(Base.metadata.sorted_tables)
    engine.dispose()
    loaded = time.perf_counter()
    real = _real_profiles(target, rows, log=log)
    finished = time.perf_counter()
    return {
        "migrate_s": round(migrated - began, 2),
        "bulk_load_s": round(loaded - migrated, 2),
        "service_writes_s": round(finished - loaded, 2),
        "total_s": round(finished - began, 2),
        "rows": writer.counts | {"journal_entry (through the service)": real},
        "per_table_s": {name: round(seconds, 2) for name, seconds in timings.items()},
    }


def _real_profiles(target: str | Path, rows: OsloRows, *, log=print) -> int:
    """Profiles for the chosen participants (with their entries, written by the journal service) and for the
    facilitators of the newest cohort's groups."""
    from tillitsleder.journal.entries import EntryDraft, create_entry
    from tillitsleder.profiles import create_profile, unlock

    db = open_database(target)
    db.backup_on_close = False
    written = 0
    try:
        newest = max(rows.plan.cohort_ids)
        start = rows.cohort_sessions[newest][0][1].date()
        for person in sorted(rows.plan.real_journal_people):
            new = create_profile(db, person, Role.PARTICIPANT, PASSPHRASE, kdf=BENCH_KDF)
            me = unlock(db, new.profile.id, PASSPHRASE)
            for n in range(rows.plan.entries_per_person):
                day = min(start + timedelta(days=n * 15), rows.today)
                create_entry(db, me, EntryDraft(written_on=day, text=TEXT * (1 + n % 4), tags=("tillit",)))
                written += 1
        with db.read() as s:
            people = s.scalars(
                select(Facilitator.person_id)
                .join(ReflectionGroup, ReflectionGroup.facilitator_id == Facilitator.id)
                .join(GroupRound, GroupRound.id == ReflectionGroup.round_id)
                .where(GroupRound.cohort_id == newest)
                .distinct()
            ).all()
        for person in people:
            create_profile(db, person, Role.FACILITATOR, PASSPHRASE, kdf=BENCH_KDF)
        log(f"  profiles: {len(rows.plan.real_journal_people)} participants ({written} entries through the journal "
            f"service), {len(people)} facilitators")  # fmt: skip
    finally:
        db.close()
    return written
