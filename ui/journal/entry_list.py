"""The list of one's own journal entries, and of search hits with the matched words highlighted.

``EntryListModel`` holds the decrypted entries the core returned (newest first) — in memory only, dropped on
``clear()`` when the profile locks. With a search it shows only the hits, in the core's order, with a "Found"
column: the core's snippet with its match spans, drawn by ``HighlightDelegate`` as escaped rich text. A damaged
entry (its ciphertext does not open) is a row of its own, in dark red, with its date and "Damaged": it stays in
the list while searching, since its words cannot be searched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from tillitsleder.i18n import _, format_date
from ui import colours, recolour
from ui.journal.highlight import highlighted_html

if TYPE_CHECKING:
    from tillitsleder.journal.entries import JournalEntryView
    from tillitsleder.journal.search import SearchHit

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("date", "about", "sharing", "tags", "prompt", "found")
FOUND = COLUMNS.index("found")
DAMAGED = "danger.item"  # the colour role of a damaged entry's row (``ui.colours``)


LEAD_IN = 24  # characters kept before the first match, so a narrow column still shows it


def near_first_match(snippet: str, spans) -> tuple[str, list[tuple[int, int]]]:
    """The snippet from a little before its first match (marked "…"), with the spans moved along."""
    spans = sorted((int(a), int(b)) for a, b in spans)
    start = max(0, spans[0][0] - LEAD_IN) if spans else 0
    if start <= 1:
        return snippet, spans
    space = snippet.rfind(" ", 0, start)
    start = space + 1 if space > start - 12 else start
    return "…" + snippet[start:], [(a - start + 1, b - start + 1) for a, b in spans if a >= start]


class EntryListModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._entries: list[JournalEntryView] = []
        self._hits: dict[int, SearchHit] | None = None  # None: no search; else the hits by entry id
        self._rows: list[JournalEntryView] = []
        self._html: dict[int, str] = {}  # the "Found" cell's highlighted snippet, built once per search
        recolour.changes().changed.connect(self._recolour)

    def _recolour(self) -> None:
        """The palette changed: the highlighted snippets are built again in its colours."""
        self._html = {}
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))

    # --- data in -------------------------------------------------------------------------------------------

    def set_entries(self, entries: list[JournalEntryView]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self._apply()
        self.endResetModel()

    def set_hits(self, hits: list[SearchHit] | None) -> None:
        """Show only these hits (in their order), or every entry again with ``None``."""
        self.beginResetModel()
        self._hits = {hit.entry_id: hit for hit in hits} if hits is not None else None
        self._html = {}
        self._apply()
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._entries, self._rows, self._hits, self._html = [], [], None, {}
        self.endResetModel()

    def _apply(self) -> None:
        if self._hits is None:
            self._rows = list(self._entries)
        else:
            by_id = {entry.id: entry for entry in self._entries}
            self._rows = [by_id[entry_id] for entry_id in self._hits if entry_id in by_id]
            self._rows += [entry for entry in self._entries if entry.damaged]

    @property
    def searching(self) -> bool:
        return self._hits is not None

    def entry(self, row: int) -> JournalEntryView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entry_id: int) -> int:
        return next((row for row, entry in enumerate(self._rows) if entry.id == entry_id), -1)

    @property
    def found(self) -> int:
        """Rows that are search hits (damaged rows are shown too, but were not found)."""
        return sum(1 for entry in self._rows if not entry.damaged)

    def hit(self, entry_id: int) -> SearchHit | None:
        return self._hits.get(entry_id) if self._hits is not None else None

    # --- Qt ------------------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            "date": _("Date"),
            "about": _("About"),
            "prompt": _("Prompt"),
            "sharing": _("Who can read it"),
            "tags": _("Tags"),
            "found": _("Found"),
        }
        return titles[COLUMNS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        column = COLUMNS[index.column()]
        if role == ID_ROLE:
            return entry.id
        if role == HTML_ROLE and column == "found":
            return self._found_html(entry.id)
        if entry.damaged:
            return self._damaged_data(entry, column, role)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "date":
                return format_date(entry.written_on)
            if column == "about":
                return entry.session_title or entry.module_title or "—"
            if column == "prompt":
                return entry.prompt_template.label()
            if column == "sharing":
                return entry.sharing.label()
            if column == "tags":
                return ", ".join(entry.tags)
            if column == "found":
                hit = self.hit(entry.id)
                return hit.snippet if hit is not None else ""
        if role == Qt.ItemDataRole.ToolTipRole and column == "found":
            hit = self.hit(entry.id)
            return hit.snippet if hit is not None else None
        return None

    @staticmethod
    def _damaged_data(entry: JournalEntryView, column: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "date":
                return format_date(entry.written_on)
            if column == "about":
                return _("Damaged entry")
            if column == "sharing":
                return entry.sharing.label()
            if column == "found":
                return _("Damaged: could not be searched")
            return ""
        if role == Qt.ItemDataRole.ForegroundRole:
            return colours.scheme().brushes(DAMAGED)[1]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("This entry could not be opened: it has been changed or damaged. Select it to restore it.")
        return None

    def _found_html(self, entry_id: int) -> str:
        html = self._html.get(entry_id)
        if html is None:
            hit = self.hit(entry_id)
            html = highlighted_html(*near_first_match(hit.snippet, hit.spans)) if hit is not None else ""
            self._html[entry_id] = html
        return html

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))


class EntryTable(QTableView):
    """The entry list: whole rows, no editing, one line per entry, the "Found" column drawn with highlights."""

    def __init__(self, model: EntryListModel, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("entryTable")
        self.setTabKeyNavigation(False)  # Tab leaves the list; the arrow keys move inside
        self.setModel(model)
        self.setItemDelegateForColumn(FOUND, HighlightDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(60)  # fitting looks at the first rows only

    def fit_columns(self, widest: int = 170) -> None:
        self.resizeColumnsToContents()
        for column in range(self.model().columnCount()):
            self.setColumnWidth(column, min(self.columnWidth(column), widest))


class HighlightDelegate(QStyledItemDelegate):
    """Draws a cell's ``HTML_ROLE`` (escaped text with highlight spans) on one line, elided by the cell."""

    def paint(self, painter, option: QStyleOptionViewItem, index: Index) -> None:
        html = index.data(HTML_ROLE)
        if not html:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        document = QTextDocument()
        document.setDefaultFont(opt.font)
        document.setDocumentMargin(2)
        document.setHtml(f"<span style='white-space:nowrap'>{html}</span>")
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(group, role))
        painter.save()
        painter.translate(opt.rect.topLeft())
        clip = QRectF(0, 0, opt.rect.width(), opt.rect.height())
        painter.setClipRect(clip)
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        return QSize(min(size.width(), 480), size.height())
