"""Columns that fit the view, for the tables that are not spec lists (``ListTable`` has its own).

``ColumnFit`` sizes a ``QTableView``'s columns to their content and header, then shares the view's width out
as ``list_table.main_first_widths`` does: short columns (numbers, dates, states) keep their content width, the text
columns give way in proportion (their cut text shows whole in the tooltip, ``elided_tips``), and one main text
column (names, reasons, places) takes what is left, also when the window is resized. The fitting runs again
after the model is reset and when the view is resized.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

from ui.widgets.list_table import (
    CELL_PADDING,
    MAX_COLUMN_WIDTH,
    MIN_COLUMN_WIDTH,
    SHORT_HEADER_FLOOR,
    main_first_widths,
)

FIRM_MIN_WIDTH = 120  # a name column keeps this much (or what it needs, if less)


class ColumnFit(QObject):
    """Keeps ``view``'s columns fitted: ``short`` columns never shrink below their content, ``main`` stretches;
    ``main`` keeps at least ``main_min`` of what it needs, the ``firm`` columns (a name) ``FIRM_MIN_WIDTH``."""

    def __init__(
        self,
        view: QTableView,
        *,
        main: int,
        short: frozenset[int] = frozenset(),
        firm: frozenset[int] = frozenset(),
        main_min: int = 160,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.main = main
        self.short = short
        self.firm = firm
        self.main_min = main_min
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        view.viewport().installEventFilter(self)
        self._watch(view.model())

    def _watch(self, model) -> None:
        if model is not None:
            model.modelReset.connect(self._timer.start)
            model.layoutChanged.connect(self._timer.start)
            model.rowsInserted.connect(self._timer.start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._timer.start()
        return False

    def fit(self) -> None:
        view, model = self.view, self.view.model()
        available = view.viewport().width()
        if model is None or available < 100:
            return
        header = view.horizontalHeader()
        sections = [s for s in range(header.count()) if not header.isSectionHidden(s)]
        if not sections:
            return
        wanted, floors = [], []
        for section in sections:
            header_width = header.sectionSizeHint(section)  # with the sort indicator's room where it shows
            content = view.sizeHintForColumn(section) + CELL_PADDING if model.rowCount() else 0
            want = max(content, header_width)
            if section in self.short:
                floors.append(min(want, max(content, SHORT_HEADER_FLOOR)))
            else:
                want = min(MAX_COLUMN_WIDTH, want)
                floor = self.main_min if section == self.main else FIRM_MIN_WIDTH if section in self.firm else 0
                floor = max(floor, MIN_COLUMN_WIDTH)
                floors.append(min(want, max(floor, header_width)))
            wanted.append(want)
        main = sections.index(self.main) if self.main in sections else None
        widths = main_first_widths(wanted, floors, available, main)
        header.setStretchLastSection(False)
        for section, width in zip(sections, widths, strict=True):
            header.setSectionResizeMode(section, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(section, width)
        if self.main in sections and sum(widths) <= available:
            header.setSectionResizeMode(self.main, QHeaderView.ResizeMode.Stretch)
