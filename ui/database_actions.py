"""The File menu's work on database files: open, create, open a demo, back up — all off the GUI thread.

Opening runs ``open_database`` (which may back up and migrate an older file) in a worker, then surveys the
result there too (cohorts for the pickers, the participant count for the status bar) and warms the imports
the lists need, so the GUI thread only paints. A refused file (not ours, too new, damaged, empty) is never
touched; the user is asked what to do next. Nothing is created at a path that does not exist without asking
first (a mistyped ``--db``, a remembered file that has gone, a name typed into the Open dialog). Backups go
through ``backup_database`` with a progress dialog whose Cancel stops the copy and leaves nothing behind.
Restoring (``restore_from_backup``) lets the user choose a backup (``ui.restore_dialog``), has the window let go
of the database (``release``), restores in an operation with progress and opens the restored file; if the
restore fails, the database as it was is opened again.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from tillitsleder import clock
from tillitsleder.i18n import _, current_language
from ui.opening import EarlyOpen, OpenedDatabase, open_and_survey
from ui.operations import OpContext, Operation, run

if TYPE_CHECKING:
    from tillitsleder.storage import Database

DEMO_FILE_NAME = "demo.sqlite3"
DEMO_FOLDER_PREFIX = "tillitsleder-demo-"  # also used by ``tillitsleder --demo``


def create_new(path: Path) -> OpenedDatabase:
    from tillitsleder.errors import StorageError
    from tillitsleder.i18n import N_

    if path.exists():
        raise StorageError(N_("“{path}” already exists; choose another name."), path=str(path))
    return open_and_survey(path, create=True)


def create_demo(folder: Path | None = None, language: str | None = None) -> OpenedDatabase:
    """A new demo database in ``language`` (default: the interface's; English gets the Bokmål demo), opened."""
    from tillitsleder.demo.builder import create_demo_database

    folder = folder or Path(tempfile.mkdtemp(prefix=DEMO_FOLDER_PREFIX))
    path = folder / DEMO_FILE_NAME
    create_demo_database(path, today=clock.today(), language=language or current_language())
    return open_and_survey(path, create=False, is_demo=True)


def is_throwaway_demo(path: Path) -> bool:
    """A demo made in a temporary folder: not worth remembering as the database to open next time."""
    return path.parent.name.startswith(DEMO_FOLDER_PREFIX)


def demo_available() -> bool:
    from importlib.util import find_spec

    try:  # looked up, not imported: the first window must not load the database stack
        return find_spec("tillitsleder.demo.builder") is not None
    except (ImportError, ValueError):
        return False


def database_filter() -> str:
    return ";;".join([_("Tillitsleder databases (*.sqlite3 *.db)"), _("All files (*)")])


class DatabaseActions(QObject):
    """Runs the File menu's database work for ``window`` and reports back with signals."""

    opened = Signal(object)  # OpenedDatabase
    openFailed = Signal(object)  # noqa: N815 - the exception, after the user was told (or not, if not interactive)
    busyChanged = Signal(bool)  # noqa: N815
    backupFinished = Signal(object)  # noqa: N815 - the backup's Path, or None if cancelled or failed
    restoreFinished = Signal(object)  # noqa: N815 - the RestoreResult, or None if cancelled or failed
    statusMessage = Signal(str)  # noqa: N815

    def __init__(self, window: QWidget, *, interactive: bool = True) -> None:
        super().__init__(window)
        self._window = window
        self.interactive = interactive
        self.current: Database | None = None
        self.busy = False
        self.last_job: Operation | None = None
        self.backup_dialog = None
        self.restore_dialog = None  # the backup chooser while it is open (tests reach it here)
        self.release: Callable[[], None] = lambda: None  # the window lets go of the open database

    # --- opening -----------------------------------------------------------------------------------------

    def open_path(self, path: Path, *, at_start: bool = False, early: EarlyOpen | None = None) -> Operation:
        """Open ``path`` (never creating it: a missing file makes the user choose); ``early`` is the same file
        already being opened since start-up (waited for)."""
        if early is not None and early.path == path:
            return self._start(lambda _ctx: early.wait(), at_start=at_start, name="open-database")
        return self._start(lambda _ctx: open_and_survey(path), at_start=at_start, name="open-database")

    def create_at(self, path: Path, *, at_start: bool = False) -> Operation:
        """Create a new database at ``path`` (the user agreed), with any folders it needs."""
        return self._start(lambda _ctx: open_and_survey(path, create=True), at_start=at_start, name="create")

    def choose_and_open(self, *, at_start: bool = False) -> None:
        start = str(self.current.path.parent) if self.current is not None and self.current.path else ""
        name, _selected = QFileDialog.getOpenFileName(self._window, _("Open database"), start, database_filter())
        if name:
            self._start(lambda _ctx: open_and_survey(Path(name), create=False), at_start=at_start, name="open")

    def choose_and_create(self, *, at_start: bool = False) -> None:
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(documents or Path.home()) / "tillitsleder.sqlite3")
        name, _selected = QFileDialog.getSaveFileName(
            self._window,
            _("New database"),
            suggested,
            database_filter(),
            options=QFileDialog.Option.DontConfirmOverwrite,  # we refuse existing files ourselves
        )
        if name:
            self._start(lambda _ctx: create_new(Path(name)), at_start=at_start, name="create")

    def open_demo(self) -> Operation:
        language = current_language()  # the interface's language now, when the user asked for the demo
        return self._start(lambda _ctx: create_demo(language=language), at_start=False, name="demo")

    def _start(self, fn: Any, *, at_start: bool, name: str) -> Operation:
        """Run an open/create job. At start-up the status bar says what happens (the window is empty
        anyway); from the File menu a busy dialog appears if the work takes more than a moment (a database
        being upgraded, a demo being written), since the services offer no progress or cancel for these."""
        self._set_busy(True)
        text = _("Creating the demo database…") if name == "demo" else _("Opening database…")
        self.statusMessage.emit(text)
        on_failure = lambda error: self._on_open_failed(error, at_start=at_start)  # noqa: E731
        job = run(
            fn,
            parent=self._window,
            title="Tillitsleder",
            on_success=self._on_opened,
            on_failure=on_failure,
            progress=None if name == "open-database" else text,
            cancellable=False,
            name=name,
        )
        self.last_job = job
        return job

    def _on_opened(self, opened: OpenedDatabase) -> None:
        self._set_busy(False)
        self.current = opened.db
        self.opened.emit(opened)

    def _on_open_failed(self, error: BaseException, *, at_start: bool) -> None:
        from ui import dialogs
        from ui.dialogs import RefusalChoice
        from ui.errors import error_text, show_error

        self._set_busy(False)
        self.statusMessage.emit(error_text(error))
        if not self.interactive:
            self.openFailed.emit(error)
            return
        from tillitsleder.errors import DatabaseMissing, StorageError

        if not isinstance(error, StorageError):
            show_error(self._window, _("Cannot open the database"), error)
            self.openFailed.emit(error)
            return
        at_start = at_start and self.current is None
        if isinstance(error, DatabaseMissing):
            choice = dialogs.ask_about_missing(self._window, error, at_start=at_start)
        else:
            choice = dialogs.ask_after_refusal(self._window, error, at_start=at_start)
        self.openFailed.emit(error)
        if choice is RefusalChoice.CREATE_HERE:
            self.create_at(Path(str(error.fields["path"])), at_start=at_start)
        elif choice is RefusalChoice.OPEN_OTHER:
            self.choose_and_open(at_start=at_start)
        elif choice is RefusalChoice.CREATE_NEW:
            self.choose_and_create(at_start=at_start)
        elif choice is RefusalChoice.QUIT:
            self._window.close()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busyChanged.emit(busy)

    # --- backup ------------------------------------------------------------------------------------------

    def can_back_up(self) -> bool:
        return self.current is not None and self.current.path is not None and not self.busy

    def back_up(self) -> Operation | None:
        """Ask where to, then copy the open database there with progress and Cancel."""
        if not self.can_back_up():
            return None
        assert self.current is not None and self.current.path is not None
        from tillitsleder.storage.backup import backup_file_name

        source = self.current.path
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = Path(documents or source.parent) / backup_file_name(source, "backup")
        name, _selected = QFileDialog.getSaveFileName(
            self._window,
            _("Back up database"),
            str(suggested),
            database_filter(),
            options=QFileDialog.Option.DontConfirmOverwrite,  # the backup refuses to overwrite, with a message
        )
        if not name:
            return None
        destination = Path(name)

        def copy(ctx: OpContext) -> Path:
            from tillitsleder.storage import backup

            return backup.backup_database(source, destination, progress=ctx.progress, cancelled=ctx.cancelled)

        job = run(
            copy,
            parent=self._window,
            title=_("Back up database"),
            progress=_("Copying “{name}” to “{destination}”…").format(name=source.name, destination=destination),
            on_success=self._on_backed_up,
            on_failure=self._on_backup_failed,
            name="backup",
        )
        self.backup_dialog = job.dialog
        self.last_job = job
        return job

    def _on_backed_up(self, destination: Path) -> None:
        self.statusMessage.emit(_("Backed up to “{path}”.").format(path=destination))
        self.backupFinished.emit(destination)

    def _on_backup_failed(self, error: BaseException) -> None:
        from tillitsleder.errors import Cancelled
        from ui.errors import error_text, show_error

        if isinstance(error, Cancelled):
            self.statusMessage.emit(error.user_message())
        else:
            self.statusMessage.emit(error_text(error))
            if self.interactive:
                show_error(self._window, _("The backup failed"), error)
        self.backupFinished.emit(None)

    # --- restore -----------------------------------------------------------------------------------------

    def restore_target(self) -> Path | None:
        """The database a restore replaces: the open one, or — when a backup is open — the one it is a backup of."""
        from tillitsleder.storage import backups

        if self.current is None or self.current.path is None:
            return None
        if self.current.read_only:
            return backups.database_of_backup(self.current.path)
        return self.current.path

    def can_restore(self) -> bool:
        return not self.busy and self.restore_target() is not None

    def restore_from_backup(self, chosen: Path | None = None) -> Operation | None:
        """Let the user choose a backup (unless ``chosen``), then restore it in place of the database."""
        from PySide6.QtWidgets import QDialog

        from ui.restore_dialog import RestoreDialog

        target = self.restore_target()
        if target is None or self.busy:
            return None
        if chosen is None:
            assert self.current is not None
            selected = self.current.path if self.current.read_only else None
            dialog = RestoreDialog(target, self._window, selected=selected, file_filter=database_filter())
            self.restore_dialog = dialog
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            self.restore_dialog = None
            chosen = dialog.chosen if accepted else None
            dialog.deleteLater()
            if chosen is None:
                return None
        return self._restore(chosen, target)

    def _restore(self, backup: Path, target: Path) -> Operation:
        reopen = self.current.path if self.current is not None else target
        self.release()  # closes (and if changed, backs up) the open database: the restore needs it to itself
        self.current = None
        self._set_busy(True)

        def work(ctx: OpContext):
            from tillitsleder.privacy.erasure_log import reapply_after_restore
            from tillitsleder.storage.restore import restore_backup

            return restore_backup(
                backup, target, progress=ctx.progress, cancelled=ctx.cancelled, after_restore=reapply_after_restore
            )

        def done(result) -> None:
            self._set_busy(False)
            self.statusMessage.emit(
                _("Restored from “{backup}”; the database as it was is kept in “{copy}”.").format(
                    backup=backup.name, copy=result.previous_copy
                )
            )
            self.restoreFinished.emit(result)
            self.open_path(target)

        def failed(error: BaseException) -> None:
            from tillitsleder.errors import Cancelled
            from ui.errors import error_text, show_error

            self._set_busy(False)
            self.statusMessage.emit(error_text(error))
            if self.interactive and not isinstance(error, Cancelled):
                show_error(self._window, _("The restore failed"), error)
            self.restoreFinished.emit(None)
            self.open_path(reopen)

        job = run(
            work,
            parent=self._window,
            title=_("Restore from backup"),
            progress=_("Restoring “{name}” from “{backup}”…").format(name=target.name, backup=backup.name),
            on_success=done,
            on_failure=failed,
            name="restore",
        )
        self.restore_progress = job.dialog
        self.last_job = job
        return job
