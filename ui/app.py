"""Start the desktop app: ``run_gui(db_path, language)``.

The order matters for how fast the app feels: create the ``QApplication``, install the translators, show
the main window (no database, no SQLAlchemy yet), and only then open the database on a worker thread while
the status bar says "Opening database…". Nothing heavy is imported here: the core's storage and services
are imported by that worker, and ReportLab, openpyxl and Alembic not at all unless a task needs them.

``exit_after_ms`` is for smoke tests and the start-up benchmark: the event loop ends that many
milliseconds after the database is open and the first area shows its rows (exit code 0), or at once when
opening fails (the error's exit code, its message on stderr, no dialog).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from tillitsleder import APP_NAME
from tillitsleder.resources import resource_path
from ui.translator import LanguageSwitcher

ICON = ("icons", "tillitsleder.svg")
WORKER_SHUTDOWN_MS = 10_000


def app_icon() -> QIcon:
    path = resource_path(*ICON)
    return QIcon(str(path)) if path.exists() else QIcon()


def create_application() -> QApplication:
    """The ``QApplication`` with the app's names and icon (reuses one that exists, e.g. under pytest-qt)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
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


def run_gui(db_path: Path | None, language: str | None, *, exit_after_ms: int | None = None) -> int:
    """Show the main window on ``db_path`` in ``language`` and run until the user quits; returns an exit code.

    ``None`` means "as last time": the database and language remembered in the settings, else the default
    database in the local data folder and the default language.
    """
    from tillitsleder.i18n import DEFAULT_LANGUAGE
    from tillitsleder.storage.locations import default_database_path
    from ui.settings import last_database_path, saved_language

    db_path = db_path or last_database_path() or default_database_path()
    app = create_application()
    switcher = LanguageSwitcher(app)
    switcher.install(language or saved_language() or DEFAULT_LANGUAGE)

    from ui.main_window import MainWindow  # after the translators, so the window is built in the right language

    smoke = exit_after_ms is not None
    window = MainWindow(switcher, interactive=not smoke)
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
    QTimer.singleShot(0, lambda: window.open_database_path(Path(db_path)))
    try:
        loop_code = app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone(WORKER_SHUTDOWN_MS)
        window.save_state()
        window.close_database()
        switcher.uninstall()
    return outcome.exit_code(loop_code)
