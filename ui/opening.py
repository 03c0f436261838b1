"""Opening a database for the window, without Qt: open (maybe migrate), survey, and warm what the lists need.

``open_and_survey`` is the worker side of every open (File menu, start-up). At start-up ``start_opening``
starts a plain Python thread *before* PySide6 is imported: once the window has painted it reads the start
area's snapshot with ``sqlite3`` (``tillitsleder.first_screen``), and once the window has shown that, it
imports SQLAlchemy and the model and opens the file; the window's open operation only waits for it
(``EarlyOpen.wait``), so the file is opened once. A failure is raised by ``wait`` and takes the usual path
(the same refusal dialogs and exit codes as opening from the File menu). Nothing is created unless the caller
says so (``create``): a mistyped or vanished path raises ``DatabaseMissing`` and the window asks before
creating anything there.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from tillitsleder import clock, startup_trace

if TYPE_CHECKING:
    from tillitsleder.first_screen.reader import FirstScreen
    from tillitsleder.lookups import Option
    from tillitsleder.storage import Database

# Core modules every area's lists need, imported by the opening worker rather than on the GUI thread.
WARM_MODULES = ("tillitsleder.lists.areas",)


@dataclass(frozen=True)
class OpenedDatabase:
    """What the worker hands to the GUI thread after opening a file."""

    db: Database
    cohorts: list[Option]
    participants: int
    backup_made: Path | None = None
    is_demo: bool = False


def survey(db: Database) -> tuple[list[Option], int]:
    """Cohorts (newest first) and the number of people enrolled in them."""
    from tillitsleder import lookups

    return lookups.cohort_options(db), lookups.participant_count(db)


def open_and_survey(
    path: Path, *, create: bool = False, is_demo: bool = False, warm: tuple[str, ...] = WARM_MODULES
) -> OpenedDatabase:
    """Worker side of opening: open (maybe migrate), survey, and import the core modules in ``warm``."""
    startup_trace.mark("database open started")
    from tillitsleder.i18n import format_date, format_number
    from tillitsleder.storage import open_database

    db = open_database(path, create=create)
    startup_trace.mark("database opened")
    try:
        cohorts, participants = survey(db)
        format_date(clock.today()), format_number(1.5)  # loads Babel's locale data here, not on the GUI thread
        for module in warm:
            import_module(module)
    except BaseException:
        db.close()
        raise
    startup_trace.mark("database surveyed")
    return OpenedDatabase(db, cohorts, participants, db.backup_made, is_demo)


def read_snapshot(path: Path) -> FirstScreen | None:
    """The start area read from ``path`` with ``sqlite3`` only, if the file is ours and current (else ``None``:
    the full open then says what is wrong with it)."""
    from tillitsleder.errors import TillitslederError
    from tillitsleder.first_screen.reader import read_first_screen
    from tillitsleder.storage.locations import is_server_target
    from tillitsleder.storage.sqlite_file import inspect_database_file

    if is_server_target(path):  # a server's address: no file to read before SQLAlchemy, the full open does it
        return None
    try:
        if not inspect_database_file(path).is_current:
            return None
    except TillitslederError:
        return None
    first = read_first_screen(path, clock.now())
    startup_trace.mark("first screen read")
    return first


class EarlyOpen:
    """Opening ``path`` on its own thread, started before Qt was loaded.

    The thread reads the start-up snapshot once the window has painted (``start_reading``; or when someone
    asks for it, ``first_screen``): milliseconds, standard library only. It then waits until the window has
    shown the snapshot (``proceed``, or ``wait``) before it loads SQLAlchemy and opens the file
    (``open_and_survey``). Neither step competes with the window's first paint for the interpreter's lock.
    """

    def __init__(self, path: Path, warm: tuple[str, ...] = WARM_MODULES, *, create: bool = False) -> None:
        self.path = path
        self.create = create
        self._may_read = threading.Event()
        self._read = threading.Event()
        self._go = threading.Event()
        self._done = threading.Event()
        self._first: FirstScreen | None = None
        self._result: OpenedDatabase | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(warm,), name="early-open", daemon=True)
        self._thread.start()

    def _run(self, warm: tuple[str, ...]) -> None:
        self._may_read.wait()
        try:
            if not self._go.is_set():  # nobody waits for the snapshot once the full open was asked for
                self._first = read_snapshot(self.path)
        except Exception:  # noqa: BLE001 - the snapshot is optional; the full open reports what is wrong
            self._first = None
        finally:
            self._read.set()
        self._go.wait()
        try:
            self._result = open_and_survey(self.path, create=self.create, warm=warm)
        except BaseException as error:  # noqa: BLE001 - handed to whoever waits
            self._error = error
        finally:
            self._done.set()

    def start_reading(self) -> None:
        """Read the snapshot now (the window has painted)."""
        self._may_read.set()

    def first_screen(self) -> FirstScreen | None:
        """The start-up snapshot, or ``None`` if there is none (waits the few milliseconds it takes)."""
        self._may_read.set()
        self._read.wait()
        return self._first

    def proceed(self) -> None:
        """Go on to open the database."""
        self._go.set()
        self._may_read.set()

    def wait(self) -> OpenedDatabase:
        """The opened database (blocks until ready); raises what opening raised. Call once."""
        self.proceed()
        self._done.wait()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result


def start_opening(path: Path, warm: tuple[str, ...] = WARM_MODULES, *, create: bool = False) -> EarlyOpen:
    """Open ``path`` on its own thread; ``create`` only for the default database on a first start."""
    return EarlyOpen(path, warm, create=create)
