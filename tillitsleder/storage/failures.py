"""Database-driver failures turned into errors a user can read, with the details kept for the log.

A ``sqlite3`` or SQLAlchemy error carries the SQL and, unless hidden, the rows it was writing — a person's name
or e-mail address. It must never reach a message, a dialog or a terminal: ``as_storage_error`` turns it into
``DatabaseBusy`` (another program holds the write lock longer than the busy timeout) or a generic
``StorageError`` — or ``ConnectionLost`` when a database server cannot be reached (a refused or broken
connection, the server shutting down or ending the session), which the app answers with a banner and retries —
and writes the technical detail to the log at INFO level (the desktop app's log file; not the
command line's stderr). It is called where sessions end (``Database.session``/``read``) and at the two last
boundaries, the CLI's ``main`` and the GUI's operations. Importing this module does not import SQLAlchemy.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import sys

from tillitsleder.errors import ConnectionLost, DatabaseBusy, StorageError
from tillitsleder.i18n import N_

log = logging.getLogger(__name__)

SQLITE_BUSY, SQLITE_LOCKED = 5, 6
BUSY_MESSAGE = N_("Another program is writing to the database; try again.")
FAILED_MESSAGE = N_("The database could not be read or written; nothing was changed. The details are in the log.")
CONNECTION_LOST_MESSAGE = N_(
    "The connection to the database server was lost. Retrying… Your unsaved text is kept on this PC."
)
# SQLSTATE classes and codes that mean the connection itself failed: 08 (connection exception), 57P01–57P03
# (the administrator or a crash ended the session, the server cannot accept connections now).
_LOST_STATES = ("08", "57P01", "57P02", "57P03")
REFUSED_MESSAGE = N_("The database refused this: your login may not do it. Nothing was changed.")
INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL: a missing grant, or a row-level security policy said no
_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\s*(\(Background|$))", re.DOTALL)


def _driver_error(exc: BaseException) -> BaseException | None:
    """The ``sqlite3``/DBAPI error inside ``exc`` (a SQLAlchemy ``DBAPIError`` wraps it), or None."""
    if isinstance(exc, sqlite3.Error):
        return exc
    sa_exc = sys.modules.get("sqlalchemy.exc")
    if sa_exc is not None and isinstance(exc, sa_exc.DBAPIError):
        return exc.orig if isinstance(exc.orig, BaseException) else exc
    return None


def is_busy(exc: BaseException) -> bool:
    """True when ``exc`` says the database is locked by another connection."""
    driver = _driver_error(exc)
    if driver is None:
        return False
    code = getattr(driver, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED):
        return True
    text = str(driver).lower()
    return "database is locked" in text or "database table is locked" in text


def is_connection_lost(exc: BaseException) -> bool:
    """True when ``exc`` says a database server could not be reached or the connection broke."""
    if getattr(exc, "connection_invalidated", False):
        return True
    driver = _driver_error(exc)
    psycopg = sys.modules.get("psycopg")
    if driver is None or psycopg is None or not isinstance(driver, psycopg.OperationalError):
        return False
    state = getattr(driver, "sqlstate", None)
    if state is None:  # raised by libpq itself: refused, unreachable, closed
        return True
    return state.startswith(_LOST_STATES) or state == "55000" and "not currently accepting" in str(driver)


def safe_detail(exc: BaseException) -> str:
    """``exc``'s text without bound parameters (in case an engine did not hide them)."""
    return _PARAMETERS.sub("[parameters hidden]", f"{type(exc).__name__}: {exc}")


def as_storage_error(exc: BaseException) -> StorageError | None:
    """The error to show for a database-driver failure (logged here), or None if ``exc`` is not one."""
    if _driver_error(exc) is None:
        return None
    if is_connection_lost(exc):
        log.info("The database server could not be reached: %s", safe_detail(exc))
        return ConnectionLost(CONNECTION_LOST_MESSAGE)
    if is_busy(exc):
        log.info("The database was locked by another connection: %s", safe_detail(exc))
        return DatabaseBusy(BUSY_MESSAGE)
    if getattr(_driver_error(exc), "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
        log.info("Refused by the database: %s", safe_detail(exc))
        return StorageError(REFUSED_MESSAGE)
    log.info("Database failure: %s", safe_detail(exc))
    return StorageError(FAILED_MESSAGE)
