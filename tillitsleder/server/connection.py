"""The administrator's plain psycopg connection for ``server`` commands, and what its failures mean to a person.

Roles and policies are PostgreSQL's own business, so the ``server`` commands speak to it through psycopg directly,
in one transaction per command. Failures leave as one translated sentence; the server's own text goes to the log
only (it may name a table or a role, never a row of personal data).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from sqlalchemy.engine import make_url

from tillitsleder.errors import Forbidden, StorageError, ValidationError
from tillitsleder.i18n import N_
from tillitsleder.storage.engine import is_server_url

log = logging.getLogger(__name__)


def require_server_url(url: str) -> None:
    if not is_server_url(url):
        raise ValidationError(
            N_("“{target}” is not a PostgreSQL server URL; give one like postgresql://host/database."),
            target=str(url),
        )


def libpq_url(url: str) -> str:
    """``url`` as libpq takes it (``postgresql://…``, without SQLAlchemy's driver name)."""
    require_server_url(url)
    parsed = make_url(url.replace("postgres://", "postgresql://", 1) if url.startswith("postgres://") else url)
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


class BrokenOff(StorageError):
    """The server ended a command's transaction before it finished (a deadlock, a restart, a dropped connection):
    nothing of it was kept, and running it again is safe."""


def _refused(exc: psycopg.errors.InsufficientPrivilege) -> Forbidden:
    log.info("server command refused: %s", exc.diag.message_primary)
    return Forbidden(
        N_(
            "The database login in the URL may not do this: use the administrator who owns the database and "
            "may create roles."
        ),
        detail=str(exc.diag.message_primary),
    )


@contextmanager
def admin_transaction(url: str) -> Iterator[psycopg.Connection]:
    """A connection to ``url`` inside one transaction, committed at the end of the block. A failure to connect
    and a transaction the server broke off (``BrokenOff``) are told apart: only the first is about the URL."""
    try:
        connection = psycopg.connect(libpq_url(url))
    except psycopg.errors.InsufficientPrivilege as exc:
        raise _refused(exc) from None
    except psycopg.OperationalError as exc:
        log.info("server connection failed: %s", exc)
        raise StorageError(
            N_("Cannot connect to the database server; check the URL and that the server runs.")
        ) from None
    try:
        with connection, connection.transaction():
            yield connection
    except psycopg.errors.InsufficientPrivilege as exc:
        raise _refused(exc) from None
    except psycopg.OperationalError as exc:
        log.warning("server command broken off: %s %s", exc.sqlstate, exc.diag.message_primary)
        raise BrokenOff(
            N_("The database server broke off the command before it finished, so nothing was changed; run it again."),
            detail=exc.sqlstate,
        ) from None
