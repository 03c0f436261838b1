"""``ListTable``: the table view of a list panel — columns sized to fit, and columns the user can hide.

Column widths follow the content of the first page and the header, then are shared out so the whole list
fits the width of the view when it can: the first text column (what names the row) keeps its width while the
others can give way, the widest give way first (their text is elided, the full text is in the tooltip:
``elided_tips``) and no column gets narrower than its header. The widest text column then takes up
any space left, also when the window is resized. Right-clicking the header shows a menu to hide or show
columns; the choice is remembered per list in the app's settings. Some lists hide a column by default
(e-mail addresses in the participant list: useful, but rarely what a coordinator scans for).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

from tillitsleder.i18n import _
from ui.settings import app_settings
from ui.widgets.area_menu import install_row_menu

MAX_COLUMN_WIDTH = 400
MIN_COLUMN_WIDTH = 48
# Kinds of cell that are short and lose their meaning when cut: never narrower than their content.
UNSHRINKABLE = frozenset({"number", "percent", "date", "datetime", "bool"})
# ... but a long header over short figures may be cut to this (the header's tooltip shows it whole).
SHORT_HEADER_FLOOR = 96
# The first text column names the row (programme, person, session): it keeps at least this much.
PRIMARY_MIN_WIDTH = 240
CELL_PADDING = 14
DEFAULT_HIDDEN: dict[str, frozenset[str]] = {"enrolments": frozenset({"email"})}


def share_widths(wanted: list[int], floors: list[int], available: int) -> list[int]:
    """Widths that fit ``available``: each column gives up the same share of what it wants above its floor.

    Long columns stay longer than short ones. When even the floors do not fit, the floors are returned (the
    view then scrolls sideways).
    """
    total, minimum = sum(wanted), sum(floors)
    if total <= available:
        return list(wanted)
    if minimum >= available:
        return list(floors)
    keep = (available - minimum) / (total - minimum)
    widths = [f + int((w - f) * keep) for w, f in zip(wanted, floors, strict=True)]
    widths[widths.index(max(widths))] += available - sum(widths)  # rounding leftovers to the widest
    return widths


def main_first_widths(wanted: list[int], floors: list[int], available: int, main: int | None) -> list[int]:
    """As ``share_widths``, but column ``main`` (names, titles, reasons) keeps all it wants while the other
    columns can give way down to their floors; only then does it give way too."""
    if main is not None:
        firm = list(floors)
        firm[main] = wanted[main]
        if sum(firm) <= available:
            return share_widths(wanted, firm, available)
    return share_widths(wanted, floors, available)


class ListTable(QTableView):
    """A read-only, row-selecting table whose columns fit the view; ``list_key`` names it in the settings."""

    def __init__(self, list_key: str, parent=None) -> None:
        super().__init__(parent)
        self.list_key = list_key
        self.setTabKeyNavigation(False)  # Tab leaves the list; the arrow keys move inside
        self.row_actions: list[QAction | None] | None = None  # the context menu's; None: the nearest buttons'
        install_row_menu(self)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)

    # --- hidden columns ----------------------------------------------------------------------------------

    def column_keys(self) -> list[str]:
        spec = getattr(self.model(), "spec", None)
        return [column.key for column in spec.columns] if spec is not None else []

    def hidden_keys(self) -> set[str]:
        value = app_settings().value(f"lists/{self.list_key}/hidden")
        if value is None:
            return set(DEFAULT_HIDDEN.get(self.list_key, ()))
        if isinstance(value, str):
            value = [value] if value else []
        return {str(key) for key in value}

    def apply_hidden_columns(self) -> None:
        hidden = self.hidden_keys()
        for section, key in enumerate(self.column_keys()):
            self.setColumnHidden(section, key in hidden)

    def set_column_visible(self, key: str, visible: bool) -> None:
        hidden = self.hidden_keys()
        if visible:
            hidden.discard(key)
        else:
            hidden.add(key)
        settings = app_settings()
        settings.setValue(f"lists/{self.list_key}/hidden", sorted(hidden))
        settings.sync()
        self.apply_hidden_columns()
        self.fit_columns()

    def _header_menu(self, position: QPoint) -> None:
        menu = self.header_menu()
        menu.exec(self.horizontalHeader().mapToGlobal(position))
        menu.deleteLater()

    def header_menu(self) -> QMenu:
        """A menu with one checkable entry per column (the last visible one cannot be hidden)."""
        menu = QMenu(self)
        menu.setTitle(_("Columns"))
        model = self.model()
        keys = self.column_keys()
        visible = [not self.isColumnHidden(section) for section in range(len(keys))]
        for section, key in enumerate(keys):
            title = str(model.headerData(section, Qt.Orientation.Horizontal))
            action = QAction(title, menu)
            action.setCheckable(True)
            action.setChecked(visible[section])
            action.setEnabled(not (visible[section] and sum(visible) == 1))
            action.toggled.connect(lambda checked, k=key: self.set_column_visible(k, checked))
            menu.addAction(action)
        return menu

    # --- widths ------------------------------------------------------------------------------------------

    def fit_columns(self) -> bool:
        """Size the columns to content and to the view; returns False if the view has no width yet."""
        model = self.model()
        available = self.viewport().width()
        if model is None or model.rowCount() == 0 or not self.isVisible() or available < 100:
            return False
        header = self.horizontalHeader()
        sections = [s for s in range(header.count()) if not header.isSectionHidden(s)]
        if not sections:
            return True
        for section in sections:
            header.setSectionResizeMode(section, QHeaderView.ResizeMode.Interactive)
        kinds = self._kinds()
        primary = next((s for s in sections if s < len(kinds) and kinds[s] == "text"), None)
        floors, wanted = [], []
        for section in sections:
            header_width = header.sectionSizeHint(section)  # Qt's hint has room for the sort indicator
            content = self.sizeHintForColumn(section) + CELL_PADDING
            want = min(MAX_COLUMN_WIDTH, max(content, header_width))
            wanted.append(want)
            if section < len(kinds) and kinds[section] in UNSHRINKABLE:
                floors.append(min(want, max(content, SHORT_HEADER_FLOOR)))
            elif section == primary:
                floors.append(min(want, max(PRIMARY_MIN_WIDTH, header_width)))
            else:
                floors.append(min(want, max(MIN_COLUMN_WIDTH, header_width)))
        main = sections.index(primary) if primary is not None else None
        widths = main_first_widths(wanted, floors, available, main)
        for section, width in zip(sections, widths, strict=True):
            header.resizeSection(section, width)
        header.setStretchLastSection(False)
        if sum(widths) <= available:  # else the view scrolls sideways: a stretched column would be squeezed
            header.setSectionResizeMode(self._flex_section(sections, widths), QHeaderView.ResizeMode.Stretch)
        return True

    def _kinds(self) -> list[str]:
        spec = getattr(self.model(), "spec", None)
        return [column.kind for column in spec.columns] if spec is not None else []

    def _flex_section(self, sections: list[int], widths: list[int]) -> int:
        """The widest text column takes the space left over (numbers stay next to their headers)."""
        kinds = self._kinds()
        text = [(w, s) for s, w in zip(sections, widths, strict=True) if s < len(kinds) and kinds[s] == "text"]
        return max(text)[1] if text else sections[-1]
