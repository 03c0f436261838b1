"""``ListPanel``: a search field, a sortable table over one ``TableSpec``, a row count and an empty state.

Every area of the main window is made of these. The panel is created with the key of a spec in
``tillitsleder.lists.areas.ALL_SPECS`` and gets its data with ``set_source(db, **params)``; the core
(SQLAlchemy, the specs) is imported only then, so building the window stays cheap. When the list is empty
the panel shows the spec's own sentence (e.g. "No sessions are scheduled for this cohort yet.") instead of
an empty grid, and below it, where the area has one, the button that adds the first item (``set_empty_action``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tillitsleder.i18n import _, ngettext
from ui.widgets.list_table import ListTable
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.lists.cells import ListShape
    from tillitsleder.storage import Database
    from ui.snapshot_model import SnapshotTableModel
    from ui.table_model import SpecTableModel

SEARCH_DELAY_MS = 250
type Starter = QAction | QAbstractButton  # what the empty state's button does: an action or the area's own button


class ListPanel(Retranslating, QWidget):
    """One list of a page. ``title`` is an untranslated msgid (``N_``) or empty for no title line."""

    currentIdChanged = Signal(object)  # noqa: N815 - int | None
    populated = Signal()

    def __init__(self, spec_key: str, *, title: str = "", select_first: bool = False, parent=None) -> None:
        super().__init__(parent)
        self._spec_key = spec_key
        self._title_msgid = title
        self._title_suffix = ""
        self._select_first = select_first
        self._model: SpecTableModel | None = None
        self._preview: SnapshotTableModel | None = None  # rows from the start-up snapshot, until set_source
        self._db: Database | None = None
        self._message: str | None = None  # msgid shown instead of the table (e.g. "choose a cohort")
        self._fitted = False
        self._empty_action: Starter | None = None  # the empty list's button (none: no button)
        self._message_action: Starter | None = None  # the button under ``show_message``'s sentence
        self._button_action: Starter | None = None  # the one the button shows now
        self._watched: list[Starter] = []

        self.title_label = QLabel()
        self.title_label.setObjectName("panelTitle")
        self.search_field = QLineEdit()
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMaximumWidth(320)
        self.search_field.setMinimumWidth(200)
        self.table = ListTable(spec_key)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty_button = QPushButton()
        self.empty_button.hide()
        self.empty_button.setProperty("menuSkip", True)  # it repeats an action the area shows anyway
        self.empty_button.clicked.connect(self._trigger_button)
        self.empty_page = QWidget()
        empty_layout = QVBoxLayout(self.empty_page)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addWidget(self.empty_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)
        self.count_label = QLabel()
        self.count_label.setObjectName("rowCount")

        self._stack = QStackedWidget()
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.empty_page)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.search_field)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self._stack, 1)
        layout.addWidget(self.count_label)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search_field.textChanged.connect(self._search_timer.start)
        self._fit_timer = QTimer(self)  # a child: it dies with the panel, unlike a bare singleShot
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_now)
        self.search_field.returnPressed.connect(self._apply_search)
        self.retranslate()

    # --- data --------------------------------------------------------------------------------------------

    @property
    def model(self) -> SpecTableModel | None:
        return self._model

    def set_source(self, db: Database, **params: Any) -> None:
        """Show the spec's rows for ``params`` from ``db`` (re-queries; keeps search and sort)."""
        from tillitsleder.lists.areas import ALL_SPECS
        from ui.table_model import SpecTableModel

        self._message = None
        if self._model is None or db is not self._db:
            old, old_selection = self._shown(), self.table.selectionModel()
            self._preview = None
            self._db = db
            self._model = SpecTableModel(db, ALL_SPECS[self._spec_key], params, search=self.search_field.text())
            self._model.totalChanged.connect(self._update_state)
            self._model.loadFailed.connect(self._update_state)
            self._model.modelReset.connect(self._after_reset)
            self.table.setSortingEnabled(False)
            self.table.setModel(self._model)
            self.table.apply_hidden_columns()
            column = self._model.column_index(self._model.sort_key)
            self.table.horizontalHeader().setSortIndicator(column, self._model.sort_order)
            self.table.setSortingEnabled(True)
            self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
            if old is not None:
                old.deleteLater()
            if old_selection is not None:
                old_selection.deleteLater()  # setModel() leaves the old one to us
            self._fitted = False
            self._after_reset()
        elif params != self._model.params:
            self._model.set_params(**params)
        else:
            self._model.refresh()
        self._update_state()
        self.populated.emit()

    def show_preview(self, spec: ListShape, rows: list[tuple[Any, ...]], total: int) -> None:
        """Show rows read before the database is open (``set_source`` replaces them): same columns, same
        order, no search or sorting yet."""
        from ui.snapshot_model import SnapshotTableModel

        self._message = None
        self._preview = SnapshotTableModel(spec, rows, total, parent=self)
        self.table.setSortingEnabled(False)
        self.table.setModel(self._preview)
        self.table.apply_hidden_columns()
        header = self.table.horizontalHeader()
        header.setSortIndicator(spec.column_index(spec.default_sort), Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self._fitted = False
        self._after_reset()
        self._update_state()
        self.populated.emit()

    def show_message(self, message: str, action: Starter | None = None) -> None:
        """Show ``message`` (an untranslated ``N_`` msgid) instead of the list, e.g. when there is no cohort, with
        a button for ``action`` (e.g. "New cohort…") under it."""
        self._watch(action)
        self._message_action = action
        self._message = message
        self._update_state()
        self.currentIdChanged.emit(None)

    def set_empty_action(self, action: Starter | None) -> None:
        """Show a button for ``action`` (a ``QAction`` or the area's own button) under the empty list's sentence,
        with its text, enabled state and effect, e.g. "New programme…" under "No programmes yet."."""
        self._watch(action)
        self._empty_action = action
        self._update_state()

    def empty_state_showing(self) -> bool:
        """Whether the sentence (and maybe a button) stands where the list would be."""
        return self._stack.currentWidget() is self.empty_page

    def _watch(self, action: Starter | None) -> None:
        """Follow ``action``'s text and enabled state (once each; the page owns them as long as the panel)."""
        if action is None or action in self._watched:
            return
        self._watched.append(action)
        if isinstance(action, QAction):
            action.changed.connect(self._update_state)
        else:
            action.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.EnabledChange, QEvent.Type.Show, QEvent.Type.Hide):
            self._update_state()
        return super().eventFilter(watched, event)

    def _trigger_button(self) -> None:
        action = self._button_action
        if isinstance(action, QAction) and action.isEnabled():
            action.trigger()
        elif isinstance(action, QAbstractButton) and action.isEnabled():
            action.click()

    def _show_button(self, action: Starter | None) -> None:
        self._button_action = action
        shown = action.isVisible() if isinstance(action, QAction) else action is not None and not action.isHidden()
        if action is None or not shown:
            self.empty_button.hide()
            return
        text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&&")  # the area's button has the key
        self.empty_button.setText(text)
        self.empty_button.setToolTip(action.toolTip() if action.toolTip() != text else "")
        self.empty_button.setEnabled(action.isEnabled())
        self.empty_button.show()

    def set_title_suffix(self, text: str) -> None:
        """Plain text appended to the title, e.g. the selected programme's name."""
        self._title_suffix = text
        self._show_title()

    def refresh(self) -> None:
        if self._model is not None:
            self._model.refresh()

    def _shown(self) -> SpecTableModel | SnapshotTableModel | None:
        return self._model if self._model is not None else self._preview

    def current_id(self) -> int | None:
        model = self._shown()
        if model is None:
            return None
        return model.row_id(self.table.currentIndex().row())

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    # --- presentation ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self._show_title()
        self.search_field.setPlaceholderText(_("Search…"))
        self.search_field.setToolTip(_("Type part of a name or word; press Ctrl+F to come here."))
        self._name_controls()
        model = self._shown()
        if model is not None:
            model.retranslate()
            self._fit_columns()
        self._update_state()
        QTimer.singleShot(0, self, self._update_state)  # the area's own buttons get their new text after this

    def _name_controls(self) -> None:
        """What a screen reader calls the search field and the table: the list's title (without the suffix)."""
        title = _(self._title_msgid) if self._title_msgid else _("List")
        self.search_field.setAccessibleName(_("Search: {list}").format(list=title))
        self.table.setAccessibleName(title)

    def _show_title(self) -> None:
        title = _(self._title_msgid) if self._title_msgid else ""
        if title and self._title_suffix:
            title = _("{title}: {name}").format(title=title, name=self._title_suffix)
        self.title_label.setText(title)
        self.title_label.setVisible(bool(title))

    def _update_state(self, *_args: object) -> None:
        model = self._shown()
        if self._message is not None or model is None:
            self.empty_label.setText(_(self._message) if self._message else _("Opening database…"))
            self._show_button(self._message_action if self._message else None)
            self._stack.setCurrentWidget(self.empty_page)
            self.count_label.setText("")
            self.search_field.setEnabled(False)
            return
        self.search_field.setEnabled(self._model is not None)  # a preview cannot search yet
        if model.last_error:
            self.empty_label.setText(model.last_error)
            self._show_button(None)
            self._stack.setCurrentWidget(self.empty_page)
        elif model.total == 0:
            if model.search:
                text = _("Nothing matches “{search}”.").format(search=model.search)
            else:
                text = _(model.spec.empty_text) if model.spec.empty_text else _("There is nothing here yet.")
            self.empty_label.setText(text)
            self._show_button(self._empty_action if not model.search and self._model is not None else None)
            self._stack.setCurrentWidget(self.empty_page)
        else:
            self._stack.setCurrentWidget(self.table)
        if model.search:
            count = ngettext("{count} match", "{count} matches", model.total)
        else:
            count = ngettext("{count} row", "{count} rows", model.total)
        self.count_label.setText(count.format(count=model.total) if model.total or model.search else "")

    def _apply_search(self) -> None:
        self._search_timer.stop()
        if self._model is not None:
            self._model.set_search(self.search_field.text())

    def _after_reset(self) -> None:
        model = self._shown()
        if model is None:
            return
        if not self._fitted and model.rowCount() > 0:
            self._fit_columns()
        if self._select_first and model.rowCount() > 0:
            self.table.selectionModel().setCurrentIndex(
                model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        else:
            self.currentIdChanged.emit(self.current_id())

    def _fit_columns(self) -> None:
        """Column widths for the content and the view (again after a language switch: headers change).

        Done once the event loop has shown and laid out the panel: while a page is being shown its tables
        are not visible yet and have no final width.
        """
        self._fit_timer.start()

    def _fit_now(self) -> None:
        model = self._shown()
        if model is not None and model.rowCount() > 0:
            self._fitted = self.table.fit_columns()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._fitted:
            self._fit_columns()

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        model = self._shown()
        if model is not None:
            self.currentIdChanged.emit(model.row_id(current.row()) if current.isValid() else None)
