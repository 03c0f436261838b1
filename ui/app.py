"""Start the desktop app: ``run_gui(db_path, language)``.

The order matters for how fast the app feels. First a plain Python thread starts opening the database
(``ui.opening.start_opening``: SQLAlchemy, the model, the file, the survey), before PySide6 is even imported;
meanwhile the GUI thread creates the ``QApplication``, installs the translators and shows the main window
(no SQLAlchemy on this thread), and the window's open operation then waits for that thread while the status
bar says "Opening database…". Nothing heavy is imported here, not even PySide6 at import time; ReportLab,
openpyxl and Alembic are not loaded at all unless a task needs them. ``TILLITSLEDER_TRACE_STARTUP=1`` logs
the timeline of these steps (``tillitsleder.startup_trace``).

``exit_after_ms`` is for smoke tests and the start-up benchmark: the event loop ends that many
milliseconds after the database is open and the first area shows its rows (exit code 0), or at once when
opening fails (the error's exit code, its message on stderr, no dialog).
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tillitsleder import APP_NAME, startup_trace
from tillitsleder.resources import resource_path

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QWidget

ICON = ("icons", "tillitsleder.svg")
WORKER_SHUTDOWN_MS = 10_000


def app_icon() -> QIcon:
    from PySide6.QtGui import QIcon

    path = resource_path(*ICON)
    return QIcon(str(path)) if path.exists() else QIcon()


def create_application(*, icon: bool = True) -> QApplication:
    """The ``QApplication`` with the app's names and icon (reuses one that exists, e.g. under pytest-qt).
    ``icon=False`` leaves the icon to the caller (``run_gui`` sets it after the first paint: loading Qt's SVG
    plugin for it takes longer than painting the window)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    if icon:
        app.setWindowIcon(app_icon())
    return app


class _Outcome:
    """How the run ended: 0 once a database was opened, else the exit code of the last opening error."""

    def __init__(self) -> None:
        self.opened = False
        self.code = 0

    def failed(self, error: BaseException) -> None:
        self.code = int(getattr(error, "exit_code", 1) or 1)

    def exit_code(self, loop_code: int) -> int:
        if not self.opened and self.code:
            return self.code
        return loop_code


def _trace_first_paint(window: QWidget) -> None:
    """Mark the window's first paint in the start-up trace."""
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                startup_trace.mark("first paint")
                watched.removeEventFilter(self)
            return False

    window.installEventFilter(FirstPaint(window))


def _started(*_args: object) -> None:
    """Start-up is over (the first area shows its rows, or opening failed): collect garbage from now on, on the
    GUI thread only (``ui.garbage``: a collection on a worker thread may delete Qt objects there).

    Python's cyclic garbage collector is paused during start-up: importing SQLAlchemy, the model and PySide6
    allocates hundreds of thousands of long-lived objects, and the collections that triggers find almost
    nothing (about a thousand objects) while costing 50–100 ms. ``gc.freeze()`` then moves everything made so
    far out of the collector's sight for good, so later collections (while the user works) do not walk the
    modules again and the interpreter's exit does not either (another 100–150 ms with SQLAlchemy loaded).
    """
    from PySide6.QtWidgets import QApplication

    from ui import garbage

    app = QApplication.instance()
    if app is not None and not garbage.running():
        gc.freeze()
        garbage.collect_on_gui_thread(app)


def run_gui(db_path: Path | str | None, language: str | None, *, exit_after_ms: int | None = None) -> int:
    """Show the main window on ``db_path`` (a file, or a server URL) in ``language`` and run until the user quits;
    returns an exit code.

    ``None`` means "as last time": the database and language remembered in the settings, else the default
    database in the local data folder and the default language; with neither remembered nor a default database
    yet (a first start), the window asks whether to create one, open one or open the demo (``ui.welcome``).
    """
    gc.disable()  # until the first area shows its rows (``_started``)
    from ui.opening import start_opening

    # Opening starts before PySide6 is imported, on its own thread (when the file is given; the remembered
    # one is read from the settings, which need Qt).
    early = start_opening(db_path) if db_path is not None else None
    from PySide6.QtCore import QThreadPool, QTimer

    startup_trace.mark("PySide6 imported")
    from tillitsleder.i18n import DEFAULT_LANGUAGE
    from tillitsleder.storage.locations import default_database_path
    from ui.settings import last_database_path, saved_language
    from ui.translator import LanguageSwitcher

    smoke = exit_after_ms is not None
    first_start = False
    if db_path is None:
        remembered = last_database_path()
        db_path = remembered or default_database_path()
        # A first start (nothing remembered, nothing in the data folder) asks what to do (``ui.welcome``); a
        # smoke run creates the default database without asking. A remembered database that has gone (or a
        # mistyped --db) makes the window ask.
        first_start = remembered is None and not db_path.exists()
        if not (first_start and not smoke):
            early = start_opening(db_path, create=first_start)
    app = create_application(icon=False)
    startup_trace.mark("QApplication made")
    switcher = LanguageSwitcher(app)
    switcher.install(language or saved_language() or DEFAULT_LANGUAGE)
    startup_trace.mark("translators installed")

    from ui.main_window import MainWindow  # after the translators, so the window is built in the right language

    window = MainWindow(switcher, interactive=not smoke)
    startup_trace.mark("window built")
    if startup_trace.ENABLED:
        _trace_first_paint(window)
    window.show()
    outcome = _Outcome()

    def opened(_opened: object) -> None:
        outcome.opened = True

    def failed(error: BaseException) -> None:
        if window.db is not None:
            return  # another database stays open; the user was told
        outcome.failed(error)
        if smoke:
            from ui.errors import error_text

            print(error_text(error), file=sys.stderr)
            app.exit(outcome.code)

    window.databaseOpened.connect(opened)
    window.actions_.openFailed.connect(failed)
    if smoke:
        window.firstPagePopulated.connect(lambda: QTimer.singleShot(max(0, exit_after_ms or 0), app.quit))
    window.firstPainted.connect(lambda: app.setWindowIcon(app_icon()))
    if early is not None:
        window.firstPainted.connect(early.start_reading)
    window.firstAreaShown.connect(lambda: startup_trace.mark("first area shown"))
    window.firstPagePopulated.connect(lambda: startup_trace.mark("first page populated"))
    window.firstPagePopulated.connect(_started)
    window.actions_.openFailed.connect(_started)
    if first_start and not smoke:
        from ui.welcome import ask_at_first_start

        QTimer.singleShot(0, lambda: ask_at_first_start(window, Path(db_path)))
    else:
        QTimer.singleShot(0, lambda: window.open_at_start(db_path, early))
    try:
        loop_code = app.exec()
    finally:
        startup_trace.mark("event loop ended")
        QThreadPool.globalInstance().waitForDone(WORKER_SHUTDOWN_MS)
        window.save_state()
        window.close_database()
        switcher.uninstall()
        _started()
        startup_trace.mark("window closed")
    return outcome.exit_code(loop_code)
