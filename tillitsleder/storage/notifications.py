"""PostgreSQL only: every committed write tells the other PCs which kinds of data changed (``LISTEN/NOTIFY``).

Sending: ``send_on_commit(engine, factory)`` watches the statements a writing session runs (INSERT, UPDATE and
DELETE, ORM flushes and bulk statements alike) and, just before its commit, issues
``SELECT pg_notify('tillitsleder_changes', '<kinds>')`` in the same transaction, with the kinds of data those
tables hold (``storage/change_kinds.py``). PostgreSQL delivers a notification only when its transaction commits, so
a rolled-back write tells nobody anything. The payload is the kinds alone, never an id, a name or content. SQLite
sends nothing: one PC, one app, and the app announces its own changes to its pages already.

Listening: ``ChangeListener`` keeps one dedicated psycopg connection (autocommit) doing ``LISTEN`` on a plain
worker thread. The thread polls: ``connection.notifies(timeout=0)`` then a short ``time.sleep`` — no timed wait on
a threading primitive, which would hang under libfaketime. It hands each batch of kinds to ``on_kinds`` (from the
worker thread: the UI passes them on through a queued Qt signal). Notifications this process's own engine sent
are skipped (their backend pids are remembered when sent): the app has announced those changes itself. A lost
connection is retried with a backoff of 1, 2, 4 … 30 s; when it is back, ``on_kinds`` gets every kind, since
changes made meanwhile were not heard.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from tillitsleder.storage.change_kinds import KINDS, decode, encode, kinds_of_tables

log = logging.getLogger(__name__)

CHANNEL = "tillitsleder_changes"
POLL_S = 0.1  # how long the listener sleeps between two looks at its socket
PING_EVERY_S = 10.0  # a SELECT 1 on the listening connection this often, so a dead one is noticed
BACKOFF_S = (1, 2, 4, 8, 16, 30)
CONNECT_TIMEOUT_S = 5
_TABLES = "tillitsleder_written_tables"


def libpq_url(url: str) -> str:
    """A SQLAlchemy URL (``postgresql+psycopg://…``) as libpq takes it (``postgresql://…``)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


class Sender:
    """Sends the kinds each committed transaction of one engine changed; remembers its connections' pids."""

    def __init__(self) -> None:
        self.own_pids: set[int] = set()
        self.sent = 0  # notifications sent (tests count them)

    def record(self, connection: Connection, clauseelement, *_args) -> None:
        if getattr(clauseelement, "is_dml", False):
            table = getattr(clauseelement, "table", None)
            name = getattr(table, "name", None)
            if name:
                connection.info.setdefault(_TABLES, set()).add(name)

    def forget(self, connection: Connection) -> None:
        connection.info.pop(_TABLES, None)

    def closed(self, dbapi_connection, _record) -> None:
        """A pooled connection closed: its pid may serve someone else's session later."""
        pid = getattr(getattr(dbapi_connection, "info", None), "backend_pid", None)
        self.own_pids.discard(pid)

    def before_commit(self, session: Session) -> None:
        session.flush()  # the last flush runs after this hook otherwise: its tables must count too
        for connection in _session_connections(session):
            tables = connection.info.pop(_TABLES, None)
            kinds = kinds_of_tables(tables or ())
            if not kinds:
                continue
            connection.execute(text("SELECT pg_notify(:channel, :kinds)"), {"channel": CHANNEL, "kinds": encode(kinds)})
            pid = _backend_pid(connection)
            if pid is not None:
                self.own_pids.add(pid)
            self.sent += 1


def _session_connections(session: Session) -> list[Connection]:
    transaction = session.get_transaction()
    if transaction is None:
        return []
    return [conn for conn, *_rest in transaction._connections.values() if isinstance(conn, Connection)]


def _backend_pid(connection: Connection) -> int | None:
    driver = connection.connection.driver_connection
    info = getattr(driver, "info", None)
    return getattr(info, "backend_pid", None)


def send_on_commit(engine: Engine, factory: sessionmaker[Session]) -> Sender:
    """Make every commit of ``factory``'s sessions on ``engine`` (PostgreSQL) notify the kinds it changed."""
    sender = Sender()
    event.listen(engine, "before_execute", sender.record)
    event.listen(engine, "begin", sender.forget)
    event.listen(engine, "rollback", sender.forget)
    event.listen(engine, "close", sender.closed)
    event.listen(factory, "before_commit", sender.before_commit)
    return sender


class ChangeListener:
    """Hears other PCs' changes on a server database and hands their kinds to ``on_kinds`` (worker thread).

    ``on_state(connected)`` tells when the listening connection is lost or back. ``start()`` once, ``stop()`` at the
    end (it returns at once; ``join()`` waits for the thread, at most about ``POLL_S`` plus a connect attempt)."""

    def __init__(
        self,
        url: str,
        on_kinds: Callable[[frozenset[str]], None],
        *,
        on_state: Callable[[bool], None] | None = None,
        own_pids: set[int] | None = None,
    ) -> None:
        self._conninfo = libpq_url(url)
        self._on_kinds = on_kinds
        self._on_state = on_state
        self._own_pids = own_pids if own_pids is not None else set()
        self._stop = False
        self._retry_now = False
        self._thread: threading.Thread | None = None
        self.connected = False
        self.heard = 0  # notifications passed on (tests count them)

    def start(self) -> ChangeListener:
        self._thread = threading.Thread(target=self._run, name="tillitsleder-listener", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop = True

    def join(self) -> None:
        if self._thread is not None:
            self._thread.join()

    def retry_now(self) -> None:
        """Cut the backoff short: try to connect again at the next poll."""
        self._retry_now = True

    def _run(self) -> None:
        failures = 0
        while not self._stop:
            try:
                connection = self._connect()
            except Exception as exc:  # noqa: BLE001 - any failure to connect is retried
                log.info("The change listener cannot connect: %s", type(exc).__name__)
                self._set_state(False)
                self._wait(BACKOFF_S[min(failures, len(BACKOFF_S) - 1)])
                failures += 1
                continue
            reconnected = failures > 0
            failures = 0
            self._set_state(True)
            if reconnected:
                self._hand_on(frozenset(KINDS))  # what changed while we were away was not heard
            try:
                self._listen(connection)
            except Exception as exc:  # noqa: BLE001 - a lost connection is retried
                log.info("The change listener lost its connection: %s", type(exc).__name__)
                self._set_state(False)
                failures = 1
            finally:
                try:
                    connection.close()
                except Exception:  # noqa: BLE001 - it is gone already
                    log.debug("Closing the listening connection failed", exc_info=True)
        self._set_state(False)

    def _connect(self):
        import psycopg

        connection = psycopg.connect(self._conninfo, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        connection.execute(f"LISTEN {CHANNEL}")
        return connection

    def _listen(self, connection) -> None:
        since_ping = 0.0
        while not self._stop:
            kinds: set[str] = set()
            for note in connection.notifies(timeout=0):
                if note.channel == CHANNEL and note.pid not in self._own_pids:
                    kinds.update(decode(note.payload))
            if kinds:
                self._hand_on(frozenset(kinds))
            time.sleep(POLL_S)
            since_ping += POLL_S
            if since_ping >= PING_EVERY_S:
                since_ping = 0.0
                connection.execute("SELECT 1")

    def _wait(self, seconds: float) -> None:
        waited = 0.0
        self._retry_now = False
        while waited < seconds and not self._stop and not self._retry_now:
            time.sleep(POLL_S)
            waited += POLL_S

    def _hand_on(self, kinds: frozenset[str]) -> None:
        self.heard += 1
        try:
            self._on_kinds(kinds)
        except Exception:  # noqa: BLE001 - the receiver's failure must not end the listener
            log.warning("Passing on changed kinds failed", exc_info=True)

    def _set_state(self, connected: bool) -> None:
        if connected == self.connected:
            return
        self.connected = connected
        if self._on_state is not None:
            try:
                self._on_state(connected)
            except Exception:  # noqa: BLE001
                log.warning("Reporting the listener's state failed", exc_info=True)
