"""The main window: a navigation list of the areas on the left, the area on the right, menus and status bar.

The window is shown before any database is open (fast first paint); ``open_database_path`` opens one off
the GUI thread through ``DatabaseActions``. An area's page is imported and built the first time it is shown
(``page_at``; the area shown at start-up right after the window's first paint), and loads its lists then.
Operations announce which kinds of data they changed (``ui.operations.change_bus``); the window passes that on
to the built pages, and each reloads only if it shows one of those kinds. Geometry, window state and the last
area are kept in the app's INI settings.

On a shared server (PostgreSQL) the window follows other people's changes (``ui.live_changes``) and shows a
banner that retries while the server cannot be reached (``ui.connection_banner``).

A read-only database (a backup, or a file the user may not change) shows a banner above the areas and offers no
edit controls (``ui.read_only``); a writable one is backed up when the window lets go of it after changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tillitsleder import startup_trace
from tillitsleder.enums import Role
from tillitsleder.i18n import N_, _, format_number, ngettext
from ui.connection_banner import ConnectionBanner
from ui.database_actions import DatabaseActions, OpenedDatabase, demo_available, is_throwaway_demo
from ui.operations import Changed, change_bus
from ui.pages.areas import AREAS, Area, Needs
from ui.profiles.controller import ProfileController
from ui.profiles.visibility import own_summary
from ui.read_only import ReadOnlyBanner, ReadOnlyGuard
from ui.settings import (
    KEY_AREA,
    KEY_GEOMETRY,
    KEY_SPLITTER,
    KEY_STATE,
    app_settings,
    read_bytes,
    read_int,
    remember_database,
)
from ui.sidebar import Sidebar
from ui.style import apply_style
from ui.translator import LanguageSwitcher
from ui.widgets.cohort_picker import CohortSelection
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.storage import Database
    from ui.live_changes import LiveChanges
    from ui.opening import EarlyOpen
    from ui.pages.base import Page
    from ui.widgets.area_menu import AreaMenu

DEFAULT_SIZE = QSize(1280, 800)
FIRST_PAINT_FALLBACK_MS = 500
MAX_FOCUS_CHAIN = 5000
NO_DATABASE = N_("No database is open. Use the File menu to open or create one.")


class MainWindow(Retranslating, QMainWindow):
    databaseOpened = Signal(object)  # noqa: N815 - OpenedDatabase
    firstPagePopulated = Signal()  # noqa: N815 - the shown area has its rows, after a database was opened
    firstAreaShown = Signal()  # noqa: N815 - the first area shows data (the start-up snapshot's or the database's)
    firstPainted = Signal()  # noqa: N815 - the event loop is free after the window's first paint

    def __init__(self, switcher: LanguageSwitcher | None = None, *, interactive: bool = True) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        apply_style(self)
        self.switcher = switcher or LanguageSwitcher(self)
        self.db: Database | None = None
        self.participants = 0
        self._awaiting_first_page = False
        self._first_paint_pending = False
        self._painted = False
        self._area_shown = False
        self._start_open: tuple[Path, EarlyOpen | None] | None = None  # opened after the first area is shown
        self.selection = CohortSelection(self)
        self.actions_ = DatabaseActions(self, interactive=interactive)

        self.areas: tuple[Area, ...] = AREAS
        self._built: dict[int, Page] = {}  # row -> page, for the areas shown so far
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setUniformItemSizes(True)
        self.stack = QStackedWidget()
        for _area in self.areas:
            self.nav.addItem(QListWidgetItem())
            self.stack.addWidget(QWidget())  # a placeholder until the area is first shown
        change_bus().changed.connect(self._on_changed)
        self.sidebar = Sidebar(self.nav)
        splitter = QSplitter()
        splitter.setObjectName("mainSplitter")
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self.sidebar.compactChanged.connect(lambda _compact: self._fit_sidebar())
        self.read_only_banner = ReadOnlyBanner()
        self.read_only_guard = ReadOnlyGuard(self.stack)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.read_only_banner)
        self.connection_banner = ConnectionBanner(lambda: self.db)
        self.live: LiveChanges | None = None  # on a server database: other people's changes
        column.addWidget(self.connection_banner)
        column.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self._message_after_open: str | None = None
        self.db_label = QLabel()
        self.summary_label = QLabel()
        self.statusBar().addPermanentWidget(self.summary_label)
        self.statusBar().addPermanentWidget(self.db_label)

        self._build_actions()
        self.profiles = ProfileController(self)  # the Profile menu; acts as the coordinator until another unlocks
        self.profiles.profileChanged.connect(
            lambda _profile: (self._show_status(), self._update_actions(), self.setWindowTitle(self._window_title()))
        )
        self.nav.currentRowChanged.connect(self._show_area)
        self.actions_.opened.connect(self._adopt)
        self.actions_.busyChanged.connect(self._update_actions)
        self.actions_.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.actions_.openFailed.connect(self._on_open_failed)
        self.actions_.release = self.close_database
        self.actions_.restoreFinished.connect(self._on_restored)
        self.switcher.languageChanged.connect(self._remember_language)
        self._restore_geometry()
        self.retranslate()
        self._update_actions()

    # --- menus and shortcuts -----------------------------------------------------------------------------

    def _build_actions(self) -> None:
        def action(slot) -> QAction:
            act = QAction(self)
            act.triggered.connect(slot)
            return act

        self.action_new = action(lambda: self.actions_.choose_and_create())
        self.action_open = action(lambda: self.actions_.choose_and_open())
        self.action_demo = action(lambda: self.actions_.open_demo())
        self.action_backup = action(lambda: self.actions_.back_up())
        self.action_restore = action(lambda: self.actions_.restore_from_backup())
        self.action_quit = action(self.close)
        self.action_quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.action_search = action(self._focus_search)
        self.action_about = action(self._show_about)
        self.action_about.setMenuRole(QAction.MenuRole.AboutRole)
        self.area_actions = [
            action(lambda _checked=False, row=row: self.nav.setCurrentRow(row)) for row in range(len(self.areas))
        ]
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self.action_new, self.action_open, self.action_demo])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.action_backup, self.action_restore])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.action_quit)
        self.view_menu = bar.addMenu("")
        self.view_menu.addActions(self.area_actions)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.sidebar.action)
        self.view_menu.addAction(self.action_search)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.action_about)
        self.area_menu: AreaMenu | None = None  # right after the first paint (``_add_area_menu``)

    def _add_area_menu(self) -> None:
        """The Actions menu: what the area shown now can do (its buttons' and tool bars' actions), for the
        keyboard and for menus. Added after the first paint: its module uses Qt's namespace (see
        ``_set_shortcuts``)."""
        from ui.widgets.area_menu import AreaMenu

        self.area_menu = AreaMenu(lambda: self._built.get(max(0, self.nav.currentRow())), self)
        self.menuBar().insertMenu(self.help_menu.menuAction(), self.area_menu)
        self.area_menu.retranslate()

    def _set_shortcuts(self) -> None:
        """The menus' key shortcuts. Set right after the first paint: the first ``QKeySequence`` makes PySide
        build Python enums for all of Qt's namespace (about 20 ms), which the first paint does not need."""
        shortcuts = [
            (self.action_new, QKeySequence.StandardKey.New),
            (self.action_open, QKeySequence.StandardKey.Open),
            (self.action_quit, "Ctrl+Q"),
            (self.action_search, QKeySequence.StandardKey.Find),
        ]
        shortcuts += [(act, f"Alt+{row + 1}") for row, act in enumerate(self.area_actions)]
        shortcuts += self.profiles.menu.shortcuts
        for act, key in shortcuts:
            act.setShortcut(QKeySequence(key))

    def _update_actions(self, *_args: object) -> None:
        busy = self.actions_.busy
        for act in (self.action_new, self.action_open):
            act.setEnabled(not busy)
        self.action_demo.setEnabled(not busy and demo_available())
        self.action_backup.setEnabled(self.actions_.can_back_up())
        self.action_restore.setEnabled(self.actions_.can_restore())
        # Putting a backup in the database's place is the coordinator's decision: hidden from other profiles.
        self.action_restore.setVisible(self.db is None or self.profiles.role is Role.COORDINATOR)
        self.action_search.setEnabled(self.db is not None and self.current_page().has_search())

    def retranslate(self) -> None:
        self.setWindowTitle(self._window_title())
        self.file_menu.setTitle(_("&File"))
        self.view_menu.setTitle(_("&View"))
        self.help_menu.setTitle(_("&Help"))
        if self.area_menu is not None:
            self.area_menu.retranslate()
        self.action_new.setText(_("&New database…"))
        self.action_open.setText(_("&Open database…"))
        self.action_demo.setText(_("Open &demo database"))
        self.action_demo.setStatusTip(_("Create a fresh demo database with invented people and open it."))
        self.action_backup.setText(_("&Back up database…"))
        self.action_backup.setStatusTip(_("Save a complete copy of the open database."))
        self.action_restore.setText(_("&Restore from backup…"))
        self.action_restore.setStatusTip(_("Put one of the database's backups in its place."))
        self.read_only_banner.retranslate()
        self.action_quit.setText(_("&Quit"))
        self.action_search.setText(_("&Search in list"))
        self.action_about.setText(_("&About Tillitsleder"))
        self.nav.setAccessibleName(_("Areas"))
        titles = [_(area.nav_title) for area in self.areas]
        tips = [_("{area} (Alt+{number})").format(area=title, number=row + 1) for row, title in enumerate(titles)]
        for row, title in enumerate(titles):
            self.area_actions[row].setText(title.replace("&", "&&"))  # a literal "&", not a mnemonic
        self.sidebar.show_titles(titles, tips)  # names, or icons only when collapsed
        if not self._sidebar_restored:
            self._fit_sidebar()  # as wide as the names in this language, until the user drags it
        self._show_status()

    def _window_title(self) -> str:
        who = getattr(getattr(self, "profiles", None), "signed_in", None)
        if self.db is not None and who is not None:  # a server database: who is signed in
            return _("{login} on {database} – Tillitsleder").format(login=who.login, database=self.db.location)
        if self.db is not None and self.db.path is not None:
            return _("{file} – Tillitsleder").format(file=self.db.path.name)
        return "Tillitsleder"

    # --- areas -------------------------------------------------------------------------------------------

    @property
    def pages(self) -> list[Page]:
        """The pages built so far, in navigation order."""
        return [self._built[row] for row in sorted(self._built)]

    def is_built(self, row: int) -> bool:
        return row in self._built

    def page_at(self, row: int) -> Page:
        """The page of area ``row``, imported and built now if it has not been shown yet."""
        page = self._built.get(row)
        if page is not None:
            return page
        area = self.areas[row]
        cls = area.page_class()
        if area.needs is Needs.SELECTION:
            page = cls(self.selection)
        elif area.needs is Needs.SWITCHER:
            page = cls(self.switcher)
        else:
            page = cls()
        self._built[row] = page
        if len(self._built) == 1:
            startup_trace.mark(f"first page built ({area.class_name})")
        placeholder = self.stack.widget(row)
        was_current = self.stack.currentWidget() is placeholder
        self.stack.insertWidget(row, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        if was_current:
            self.stack.setCurrentWidget(page)
        page.populated.connect(self._on_page_populated)
        if self.db is not None:
            page.set_database(self.db)
        profile = self.profiles.current if hasattr(self, "profiles") else None
        if profile is not None and hasattr(page, "set_profile"):
            page.set_profile(profile)  # after the database: a new database drops the profile
        return page

    def row_of(self, cls: type | str) -> int:
        """The navigation row of the area whose page class is ``cls`` (or has that name)."""
        name = cls if isinstance(cls, str) else cls.__name__
        return next(row for row, area in enumerate(self.areas) if area.class_name == name)

    def page_of(self, cls: type | str) -> Page:
        """The page of the area whose class is ``cls`` (built if need be)."""
        return self.page_at(self.row_of(cls))

    def current_page(self) -> Page:
        return self.page_at(max(0, self.nav.currentRow()))

    def _show_area(self, row: int) -> None:
        if not 0 <= row < len(self.areas):
            return
        self.stack.setCurrentIndex(row)
        if self.isVisible() or row in self._built:
            self.page_at(row)
            self._update_actions()
            self.status_bar_last()
        # else: built right after the window's first paint (showEvent), so the window appears at once

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._painted and not self._first_paint_pending:
            self._first_paint_pending = True
            # Should no paint reach the window itself (some platforms), go on after a while anyway.
            QTimer.singleShot(FIRST_PAINT_FALLBACK_MS, self, self._after_first_paint)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if self._first_paint_pending:
            self._first_paint_pending = False
            QTimer.singleShot(0, self, self._after_first_paint)  # once the event loop is free again

    def _after_first_paint(self) -> None:
        """Right after the window's first paint (once): shortcuts, the first area, the start-up open."""
        if self._painted:
            return
        self._first_paint_pending = False
        self._painted = True
        self._set_shortcuts()
        self._add_area_menu()
        self.sidebar.finish()
        from ui.widgets import elided_tips

        elided_tips.install()  # a cut cell's full text as its tooltip, in every list and table
        self.firstPainted.emit()
        if not self._built:
            self._show_area(max(0, self.nav.currentRow()))
        if self._start_open is not None:
            self._open_at_start()

    def _focus_search(self) -> None:
        self.current_page().focus_search()

    def status_bar_last(self) -> None:
        """Tab reaches the status bar's controls (the profile badge) after the area's: a page, or a control
        an area adds later, joins the window's Tab chain at its end, after them."""
        from PySide6.QtCore import Qt

        own = [w for w in self.statusBar().findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
        last = self.previousInFocusChain()
        for _step in range(MAX_FOCUS_CHAIN):
            if last is self or (last not in own and last.focusPolicy() & Qt.FocusPolicy.TabFocus):
                break
            last = last.previousInFocusChain()
        if last is self:
            return
        for widget in own:
            QWidget.setTabOrder(last, widget)
            last = widget

    def _on_page_populated(self) -> None:
        self.status_bar_last()
        if self._awaiting_first_page and self.sender() is self.current_page():
            self._awaiting_first_page = False
            self._first_area_shown()
            self.firstPagePopulated.emit()

    def _first_area_shown(self) -> None:
        if not self._area_shown:
            self._area_shown = True
            self.firstAreaShown.emit()

    # --- the database ------------------------------------------------------------------------------------

    def open_at_start(self, path: Path, early: EarlyOpen | None = None) -> None:
        """Open the start-up database. When the first area is the Programmes area and ``early`` has read its
        snapshot, the area shows that right after the first paint and the full open follows (replacing it)."""
        self._start_open = (path, early)
        first_area = self.areas[max(0, self.nav.currentRow())].class_name
        if self._painted or early is None or first_area != "ProgrammesPage" or not self.isVisible():
            self._open_at_start()

    def _open_at_start(self) -> None:
        if self._start_open is None:
            return
        path, early = self._start_open
        self._start_open = None
        page = self.page_at(max(0, self.nav.currentRow())) if self._painted else None
        show = getattr(page, "show_first_screen", None)
        first = early.first_screen() if early is not None and early.path == path and show else None
        if first is not None and show is not None and self.db is None:
            show(first)
            self._first_area_shown()
        self.open_database_path(path, early)

    def open_database_path(self, path: Path, early: EarlyOpen | None = None) -> None:
        """Open ``path`` off the GUI thread (the window stays responsive and shows "Opening database…");
        ``early`` is that file being opened since start-up (``ui.opening.start_opening``)."""
        self.actions_.open_path(path, at_start=self.db is None, early=early)

    def _adopt(self, opened: OpenedDatabase) -> None:
        old = self.db
        was_read_only = self.read_only_guard.active
        self.db = opened.db
        if not (opened.is_demo or opened.db.read_only):
            opened.db.backup_on_close = True  # a changed database is backed up when the window lets go of it
        if was_read_only and not opened.db.read_only:
            self._rebuild_pages()  # the controls the read-only guard turned off come back as the areas decide
        self.read_only_banner.show_reason(opened.db.read_only_reason if opened.db.read_only else None)
        self.read_only_guard.set_active(opened.db.read_only)
        self.participants = opened.participants
        self._awaiting_first_page = True
        self.selection.set_options(opened.cohorts)
        for page in self.pages:  # the others get the database when they are built
            page.set_database(opened.db)
        if old is not None and old is not opened.db:
            self._stop_following()
            old.close()
        self._follow_changes(opened.db)
        if opened.db.path is not None and not (opened.is_demo or is_throwaway_demo(opened.db.path)):
            remember_database(opened.db.path.resolve())
        self.setWindowTitle(self._window_title())
        self._show_status()
        self._update_actions()
        if opened.backup_made is not None:
            self.statusBar().showMessage(
                _("The database was upgraded; a copy of the old one is in “{path}”.").format(path=opened.backup_made)
            )
        else:
            self.statusBar().clearMessage()
        self.databaseOpened.emit(opened)
        if self._message_after_open is not None:  # after the profile controller has had its say
            self.statusBar().showMessage(self._message_after_open, 15000)
            self._message_after_open = None
        if self._awaiting_first_page and not self.current_page().isVisible():
            # A hidden window (tests, smoke runs) loads nothing until shown: there is no page to wait for.
            self._awaiting_first_page = False
            self.firstPagePopulated.emit()

    def _on_changed(self, kinds: Changed, source: QObject | None) -> None:
        """An operation changed ``kinds`` of data: the areas that show them reload (when next shown, or now if
        visible); the area the change came from has shown it already. Enrolments change the status bar's count."""
        for page in self.pages:
            if isinstance(source, QWidget) and (page is source or page.isAncestorOf(source)):
                continue
            page.on_changed(kinds)
        if kinds & Changed.ENROLMENT and self.db is not None:
            from tillitsleder.lookups import participant_count

            self.participants = participant_count(self.db)
            self._show_status()

    def _follow_changes(self, db: Database) -> None:
        """On a server database, hear what other people change (the pages showing it refresh)."""
        if self.live is None and db.engine.dialect.name == "postgresql":
            from ui.live_changes import LiveChanges

            self.live = LiveChanges(db, self)

    def _stop_following(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live.deleteLater()
            self.live = None

    def _rebuild_pages(self) -> None:
        """Drop the areas built so far; each is built afresh when next shown (the current one at once)."""
        current = max(0, self.nav.currentRow())
        for row, page in list(self._built.items()):
            placeholder = QWidget()
            self.stack.insertWidget(row, placeholder)
            self.stack.removeWidget(page)
            page.deleteLater()
        self._built.clear()
        self.stack.setCurrentIndex(current)
        if self.isVisible():
            self.page_at(current)

    def _on_restored(self, result: object) -> None:
        if result is not None:
            self._message_after_open = self.statusBar().currentMessage()

    def _on_open_failed(self, _error: BaseException) -> None:
        if self.db is None:
            for page in self.pages:
                for panel in page.panels():
                    panel.show_message(NO_DATABASE)
        self._show_status()
        self._update_actions()

    def _show_status(self) -> None:
        if self.db is None:
            self.db_label.setText(_("No database is open.") if not self.actions_.busy else "")
            self.summary_label.setText("")
            return
        self.db_label.setText(self.db.path.name if self.db.path is not None else self.db.location)
        self.db_label.setToolTip(self.db.location)
        profiles = getattr(self, "profiles", None)
        if profiles is None or profiles.current is None or profiles.world is not None:
            # Locked: nothing; a participant or facilitator: their own cohorts or their groups and assignments.
            self.summary_label.setText(own_summary(profiles.world) if profiles and profiles.world else "")
            return
        cohorts = len(self.selection.options)
        self.summary_label.setText(
            _("{participants} in {cohorts}").format(
                participants=ngettext("{n} participant", "{n} participants", self.participants).format(
                    n=format_number(self.participants)
                ),
                cohorts=ngettext("{n} cohort", "{n} cohorts", cohorts).format(n=format_number(cohorts)),
            )
        )

    def _show_about(self) -> None:
        from ui import dialogs

        dialogs.show_about(self, self._data_folder())

    def _data_folder(self) -> str:
        from tillitsleder.storage.locations import data_dir

        return str(data_dir())

    def _remember_language(self, code: str) -> None:
        from ui.settings import remember_language

        remember_language(code)

    # --- window state ------------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        settings = app_settings()
        geometry = read_bytes(settings, KEY_GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(DEFAULT_SIZE)
        state = read_bytes(settings, KEY_STATE)
        if state is not None:
            self.restoreState(state)
        sizes = read_bytes(settings, KEY_SPLITTER)
        self._sidebar_restored = sizes is not None and self.splitter.restoreState(sizes)
        row = read_int(settings, KEY_AREA, 0)
        self.nav.setCurrentRow(row if 0 <= row < len(self.areas) else 0)

    def _fit_sidebar(self) -> None:
        """The sidebar as wide as its names (or its icons), the area the rest."""
        width = self.sidebar.compact_width() if self.sidebar.compact else self.sidebar.expanded_width()
        total = max(sum(self.splitter.sizes()), self.width())
        self.splitter.setSizes([width, max(1, total - width)])

    def save_state(self) -> None:
        settings = app_settings()
        settings.setValue(KEY_GEOMETRY, self.saveGeometry())
        settings.setValue(KEY_STATE, self.saveState())
        settings.setValue(KEY_SPLITTER, self.splitter.saveState())
        settings.setValue(KEY_AREA, self.nav.currentRow())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.profiles.flush_pages()  # what is being written is saved before the database closes
        self.save_state()
        super().closeEvent(event)
        self.close_database()

    def close_database(self) -> None:
        """Release the database (the window keeps showing nothing from it afterwards)."""
        self._stop_following()
        if self.db is not None:
            self.db.close()
            self.db = None
            self.actions_.current = None
