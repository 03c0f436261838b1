"""The two ends of a copy: the source, opened read-only and never changed, and the target, looked at before it is
created or migrated.

A source must be a Tillitsleder database at this version's schema revision. One from an older version is not
upgraded here: migrating the source is a change nobody asked for, so the message says to open it with this version
first. A SQLite source opens with ``mode=ro``; a server source is only ever read in read-only transactions.

A target is inspected before anything is written to it: a file or server database that holds rows (in any table
but ``alembic_version``) is refused unless the caller asked to replace its contents; one written by a newer
version, or one holding another application's tables, is refused outright. Names shown to the user never carry
a password.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy import Engine, func, inspect, select, table, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from tillitsleder.errors import (
    DatabaseMissing,
    DatabaseTooNew,
    MigrationNeeded,
    NotATillitslederDatabase,
    StorageError,
    ValidationError,
)
from tillitsleder.i18n import N_
from tillitsleder.storage.database import Database, open_database
from tillitsleder.storage.engine import make_engine, make_read_only_engine, normalise_url, reading
from tillitsleder.storage.failures import safe_detail
from tillitsleder.storage.sqlite_file import head_revision, inspect_database_file, known_revisions

log = logging.getLogger(__name__)
Target = str | Path


class TargetNotEmpty(ValidationError):
    """The target already holds rows and the caller did not ask to replace them; nothing was written."""


class SameDatabase(ValidationError):
    """The source and the target are one database; nothing was written."""


class SchemaMismatch(StorageError):
    """The two databases are not at this version's schema revision; nothing was written."""


@dataclass(frozen=True)
class TargetState:
    exists: bool  # a file, or a server database holding tables
    revision: str | None
    rows: int


def is_url(target: Target) -> bool:
    return isinstance(target, str) and "://" in target


def shown(target: Target) -> str:
    """``target`` as a person may read it: a path, or a URL with its password hidden."""
    if is_url(target):
        parts = urlsplit(str(target))
        if parts.password is not None:
            host = parts.netloc.rsplit("@", 1)[1]
            parts = parts._replace(netloc=f"{parts.username or ''}:***@{host}")
        query = [(key, "***" if key == "password" else value) for key, value in parse_qsl(parts.query)]
        return urlunsplit(parts._replace(query=urlencode(query, safe="/*")))
    return str(target)


def unreachable(target: Target, exc: BaseException) -> StorageError:
    log.info("Cannot reach %s: %s", shown(target), safe_detail(exc))
    return StorageError(
        N_("Cannot reach the database “{target}”: check its address, that the server runs and your login."),
        target=shown(target),
        detail=safe_detail(exc),
    )


def open_source(source: Target) -> Database:
    """``source`` opened for reading only, at this version's schema revision, or a ``StorageError`` saying why not."""
    if is_url(source):
        url = normalise_url(str(source))
        engine = make_engine(url)
        try:
            revision, tables = _server_revision(engine)
        except DBAPIError as exc:
            engine.dispose()
            raise unreachable(source, exc) from exc
        if revision is None:
            engine.dispose()
            raise DatabaseMissing(N_("There is no Tillitsleder database at “{path}”."), path=shown(source))
        _require_head(source, revision, engine)
        return Database(url=url, engine=engine)
    path = Path(source)
    state = inspect_database_file(path)
    if state.is_new:
        raise DatabaseMissing(N_("There is no Tillitsleder database at “{path}”."), path=str(path))
    _require_head(source, state.revision, None)
    return open_database(path, create=False, read_only=True)


def _require_head(source: Target, revision: str | None, engine: Engine | None) -> None:
    if revision == head_revision():
        return
    if engine is not None:
        engine.dispose()
    if revision is not None and revision not in known_revisions():
        raise DatabaseTooNew(
            N_(
                "“{path}” was written by a newer version of Tillitsleder (schema {revision}); copy it with that "
                "version. Nothing was copied."
            ),
            path=shown(source),
            revision=revision,
        )
    raise MigrationNeeded(
        N_(
            "“{path}” has schema {revision} and this version {head}: upgrade it first by opening it with this "
            "version of Tillitsleder, then copy it. Nothing was copied."
        ),
        path=shown(source),
        revision=revision or "—",
        head=head_revision(),
    )


def inspect_target(target: Target) -> TargetState:
    """What the target holds now, read without creating, migrating or changing it."""
    if is_url(target):
        engine = make_engine(normalise_url(str(target)))
    else:
        path = Path(target)
        state = inspect_database_file(path)  # refuses a foreign, newer or damaged file
        if state.is_new:
            return TargetState(exists=path.exists(), revision=None, rows=0)
        engine = make_read_only_engine(path)
    try:
        revision, names = _server_revision(engine)
        with reading(engine.connect()) as connection:
            rows = sum(
                int(connection.execute(select(func.count()).select_from(table(name))).scalar_one()) for name in names
            )
    except DBAPIError as exc:
        raise unreachable(target, exc) from exc
    finally:
        engine.dispose()
    if revision is None and names:
        raise NotATillitslederDatabase(N_("“{path}” is not a Tillitsleder database."), path=shown(target))
    if revision is not None and revision not in known_revisions():
        raise DatabaseTooNew(
            N_(
                "“{path}” was written by a newer version of Tillitsleder (schema {revision}). "
                "Install the newer version to open it; the file was not changed."
            ),
            path=shown(target),
            revision=revision,
        )
    return TargetState(exists=bool(names) or not is_url(target), revision=revision, rows=rows)


def _server_revision(engine: Engine) -> tuple[str | None, list[str]]:
    """The revision recorded in the database and the names of its other tables."""
    with reading(engine.connect()) as connection:
        names = inspect(connection).get_table_names()
        revision = None
        if "alembic_version" in names:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return revision, [name for name in names if name != "alembic_version" and not name.startswith("sqlite_")]


def open_target(target: Target) -> Database:
    """The target opened for writing: created and migrated to this version's schema as needed."""
    try:
        return open_database(target)
    except DBAPIError as exc:
        raise unreachable(target, exc) from exc
    except StorageError as error:
        if is_url(target) and isinstance(error.__cause__, DBAPIError):
            raise unreachable(target, error.__cause__) from error
        raise


def refuse_same_paths(source: Target, target: Target) -> None:
    """Refuse before opening anything when the two names are plainly one database."""
    if is_url(source) != is_url(target):
        return
    if is_url(source):
        same = _without_password(str(source)) == _without_password(str(target))
    else:
        a, b = Path(source), Path(target)
        same = a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    if same:
        raise_same(source, target)


def raise_same(source: Target, target: Target) -> None:
    raise SameDatabase(
        N_("“{source}” and “{target}” are the same database: a database cannot be copied onto itself."),
        source=shown(source),
        target=shown(target),
    )


def _without_password(url: str) -> str:
    return make_url(normalise_url(url)).set(password=None).render_as_string(hide_password=False)
