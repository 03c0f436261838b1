"""Opening a database for the window, without Qt: open (maybe migrate), survey, and warm what the lists need.

``open_and_survey`` is the worker side of every open (File menu, start-up). At start-up ``start_opening``
runs it on a plain Python thread *before* PySide6 is imported, so importing SQLAlchemy and the model and
reading the database overlap with Qt's own start-up and the first paint; the window's open operation then
only waits for it (``EarlyOpen.wait``), so the file is opened once. A failure is raised by ``wait`` and
takes the usual path (the same refusal dialogs and exit codes as opening from the File menu). Nothing is
created unless the caller says so (``create``): a mistyped or vanished path raises ``DatabaseMissing`` and the
window asks before creating anything there.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from tillitsleder import clock, startup_trace

if TYPE_CHECKING:
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


class EarlyOpen:
    """``open_and_survey(path)`` running on its own thread since before Qt was loaded."""

    def __init__(self, path: Path, warm: tuple[str, ...] = WARM_MODULES, *, create: bool = False) -> None:
        self.path = path
        self.create = create
        self._done = threading.Event()
        self._result: OpenedDatabase | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(warm,), name="early-open", daemon=True)
        self._thread.start()

    def _run(self, warm: tuple[str, ...]) -> None:
        try:
            self._result = open_and_survey(self.path, create=self.create, warm=warm)
        except BaseException as error:  # noqa: BLE001 - handed to whoever waits
            self._error = error
        finally:
            self._done.set()

    def wait(self) -> OpenedDatabase:
        """The opened database (blocks until ready); raises what opening raised. Call once."""
        self._done.wait()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result


def start_opening(path: Path, warm: tuple[str, ...] = WARM_MODULES, *, create: bool = False) -> EarlyOpen:
    """Open ``path`` on its own thread; ``create`` only for the default database on a first start."""
    return EarlyOpen(path, warm, create=create)
