"""Copy a whole database to another one — a SQLite file to a PostgreSQL server and back, file to file, server to
server — and prove afterwards that the two hold the same.

``copy_database(source, target)`` opens the source read-only (it must be at this version's schema revision), looks
at the target before touching it (refused when it holds rows, unless ``replace=True``), creates or migrates the
target to the same revision, and copies every table of the model in foreign-key order in ONE transaction on the
target: rows are streamed from one read snapshot of the source and written a batch at a time, so no table is ever
held in memory, and any failure or a cancel rolls everything back (never half a copy; a target file the copy
created is removed again). On PostgreSQL the id sequences are then set past the copied ids. Finally both sides are
compared (``compare_databases``): per-table row counts, content hashes and every binary value byte for byte; a
difference raises ``CopyDiffers`` carrying the report.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, and_, bindparam, text, update
from sqlalchemy.exc import DBAPIError

from tillitsleder.errors import Cancelled, StorageError
from tillitsleder.i18n import N_, format_number
from tillitsleder.storage import backups
from tillitsleder.storage.copy.digest import (
    BATCH_ROWS,
    TableComparison,
    compare_tables,
    copied_tables,
    count_rows,
    stream_rows,
)
from tillitsleder.storage.copy.ends import (
    SchemaMismatch,
    Target,
    TargetNotEmpty,
    inspect_target,
    is_url,
    open_source,
    open_target,
    raise_same,
    refuse_same_paths,
    shown,
)
from tillitsleder.storage.copy.engine_specific import (
    add_postgresql_foreign_key,
    defer_foreign_keys,
    drop_postgresql_foreign_keys,
    postgresql_identity,
    reset_postgresql_sequences,
    sqlite_foreign_key_problem,
)
from tillitsleder.storage.database import Database
from tillitsleder.storage.engine import reading, writing
from tillitsleder.storage.failures import safe_detail
from tillitsleder.storage.sqlite_file import head_revision

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


@dataclass(frozen=True)
class CopyReport:
    """What a copy did: the tables compared afterwards, the rows copied, what the target held before."""

    source: str  # as shown to a person (no password)
    target: str
    revision: str
    tables: list[TableComparison]
    rows: int
    replaced_rows: int = 0
    backup: Path | None = None  # the target file as it was, when its contents were replaced

    @property
    def equal(self) -> bool:
        return all(table.equal for table in self.tables)

    @property
    def differing(self) -> list[str]:
        return [table.table for table in self.tables if not table.equal]


class CopyDiffers(StorageError):
    """The copy was made, but the two databases do not hold the same; ``report`` says where."""

    def __init__(self, report: CopyReport) -> None:
        super().__init__(
            N_(
                "The copy in “{target}” differs from the source in: {tables}. If the source was in use during the "
                "copy, copy again (replacing the target) while nobody uses it."
            ),
            target=report.target,
            tables=", ".join(report.differing),
        )
        self.report = report


def copy_database(
    source: Target,
    target: Target,
    *,
    replace: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> CopyReport:
    """Copy every table of ``source`` into ``target`` (a path or a URL each) and verify the copy."""
    refuse_same_paths(source, target)
    with ExitStack() as stack:
        source_db = open_source(source)
        stack.callback(source_db.close)
        before = inspect_target(target)
        if before.rows and not replace:
            raise _not_empty(target, before.rows)
        created = not is_url(target) and not before.exists
        target_db = open_target(target)
        target_db.backup_on_close = False  # a copy needs no backup of itself; one of what it replaced is made below
        stack.callback(target_db.close)
        _refuse_same_database(source_db, target_db, source, target)
        check_revisions((source_db, source), (target_db, target))
        backup = None
        if before.rows and target_db.path is not None:
            backup = backups.make_backup(target_db.path, "before-copy")
        try:
            copied, replaced = _copy_all(source_db, target_db, target, replace, progress, cancel)
        except BaseException:
            if created:
                stack.close()
                _remove_file(Path(target))
            raise
        tables = _compare(source_db, target_db, cancel)
    report = CopyReport(shown(source), shown(target), head_revision(), tables, copied, replaced, backup)
    log.info("Copied %s rows from %s to %s", copied, report.source, report.target)
    if not report.equal:
        raise CopyDiffers(report)
    return report


def compare_databases(a: Target, b: Target, *, cancel: Cancel | None = None) -> list[TableComparison]:
    """Both databases (paths or URLs, read-only, at this version's revision) compared table by table."""
    with ExitStack() as stack:
        first = open_source(a)
        stack.callback(first.close)
        second = open_source(b)
        stack.callback(second.close)
        return _compare(first, second, cancel)


def _compare(a: Database, b: Database, cancel: Cancel | None) -> list[TableComparison]:
    with _snapshot(a) as left, _snapshot(b) as right:
        return [compare_tables(left, right, table, cancel) for table in copied_tables()]


def _snapshot(db: Database) -> Connection:
    """A read-only connection that sees one state of the database for all its statements."""
    connection = db.engine.connect()
    if connection.dialect.name == "postgresql":
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
    return reading(connection)


def _copy_all(
    source: Database, target: Database, name: Target, replace: bool, progress: Progress | None, cancel: Cancel | None
) -> tuple[int, int]:
    """Every table copied in one transaction on the target; returns (rows copied, rows replaced)."""
    tables = copied_tables()
    with _snapshot(source) as reader, writing(target.engine.connect()) as writer, writer.begin():
        defer_foreign_keys(writer)
        held = sum(count_rows(writer, table) for table in tables)
        if held and not replace:
            raise _not_empty(name, held)
        dropped = drop_postgresql_foreign_keys(writer)
        if held:
            for table in reversed(tables):
                writer.execute(table.delete())
        totals = [count_rows(reader, table) for table in tables]
        total, done = sum(totals), 0
        if progress:
            progress(0, total)
        for table in tables:
            try:
                done = _copy_table(reader, writer, table, done, total, progress, cancel)
            except DBAPIError as exc:
                raise _failed(table.name, exc) from exc
        for key in dropped:
            try:
                add_postgresql_foreign_key(writer, key)
            except DBAPIError as exc:  # a copied row refers to one that is not there
                raise _failed(key[0].strip('"'), exc) from exc
        broken = sqlite_foreign_key_problem(writer)
        if broken is not None:
            raise _failed(broken, None)
        reset_postgresql_sequences(writer, tables)
        _check_cancel(cancel)
    return done, held


def _copy_table(
    reader: Connection,
    writer: Connection,
    table: Table,
    done: int,
    total: int,
    progress: Progress | None,
    cancel: Cancel | None,
) -> int:
    """One table's rows, in batches; nullable references to the same table are filled in afterwards, so a row
    may refer to one that comes later."""
    keys = [column.key for column in table.columns]
    later = [fk.parent.key for fk in table.foreign_keys if fk.column.table is table and fk.parent.nullable]
    primary = [column.key for column in table.primary_key.columns]
    pending: list[dict[str, Any]] = []
    batch: list[dict[str, Any]] = []
    for row in stream_rows(reader, table):
        values = dict(zip(keys, row, strict=True))
        if any(values[key] is not None for key in later):
            pending.append({f"_{key}": values[key] for key in primary + later})
            values.update(dict.fromkeys(later))
        batch.append(values)
        if len(batch) >= BATCH_ROWS:
            done = _write(writer, table, batch, done, total, progress, cancel)
    done = _write(writer, table, batch, done, total, progress, cancel)
    if pending:
        statement = (
            update(table)
            .where(and_(*(table.c[key] == bindparam(f"_{key}") for key in primary)))
            .values({key: bindparam(f"_{key}") for key in later})
        )
        writer.execute(statement, pending)
    return done


def _write(
    writer: Connection,
    table: Table,
    batch: list[dict[str, Any]],
    done: int,
    total: int,
    progress: Progress | None,
    cancel: Cancel | None,
) -> int:
    _check_cancel(cancel)
    if batch:
        writer.execute(table.insert(), batch)
        done += len(batch)
        batch.clear()
    if progress:
        progress(done, total)
    return done


def _check_cancel(cancel: Cancel | None) -> None:
    if cancel is not None and cancel():
        raise Cancelled(N_("The copy was cancelled; the target was left as it was."))


def _refuse_same_database(source_db: Database, target_db: Database, source: Target, target: Target) -> None:
    """Two URLs (or a file and its other name) may still reach one database: compare what the servers say."""
    if source_db.path is not None and target_db.path is not None:
        if source_db.path.resolve() == target_db.path.resolve():
            raise_same(source, target)
        return
    if source_db.engine.dialect.name != target_db.engine.dialect.name:
        return
    with reading(source_db.engine.connect()) as a, reading(target_db.engine.connect()) as b:
        same = postgresql_identity(a) == postgresql_identity(b)
    if same:
        raise_same(source, target)


def _failed(table: str, exc: DBAPIError | None) -> StorageError:
    return StorageError(
        N_(
            "The table “{table}” could not be copied, so nothing was copied and the target was left as "
            "it was. The details are in the log."
        ),
        table=table,
        detail=safe_detail(exc) if exc is not None else "a row refers to one that is not there",
    )


def _not_empty(target: Target, rows: int) -> TargetNotEmpty:
    return TargetNotEmpty(
        N_("“{target}” already holds data (rows: {rows}), so nothing was copied into it."),
        target=shown(target),
        rows=format_number(rows),
    )


def _remove_file(path: Path) -> None:
    """Remove a database file this copy created (and SQLite's companions), after a failed copy."""
    for companion in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            companion.unlink(missing_ok=True)
        except OSError:
            log.warning("Could not remove %s after a failed copy", companion, exc_info=True)


def check_revisions(*ends: tuple[Database, Target]) -> None:
    """Each database at this version's revision (they were opened so; another program could have changed one)."""
    for db, name in ends:
        with reading(db.engine.connect()) as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        if revision != head_revision():
            raise SchemaMismatch(
                N_("“{path}” has schema {revision} and this version {head}; nothing was copied."),
                path=shown(name),
                revision=revision or "—",
                head=head_revision(),
            )
