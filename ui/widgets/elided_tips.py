"""The full text of a cut table or list cell as its tooltip, in every view of the application.

Item views cut text that does not fit its column with "…". One event filter on the application answers the
tooltip request of any item view's viewport: when the cell under the mouse has no tooltip of its own and its
text is wider than the cell (or, wrapped, taller), the tooltip shows the whole text; a column header cut
narrower than its title shows the title. Cells that fit show no tooltip, so nothing changes where nothing is
cut.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QStyle, QToolTip

_FILTER_NAME = "elidedCellTooltips"


def text_is_cut(view: QAbstractItemView, index, rect: QRect) -> bool:
    """Whether the display text of ``index`` does not fit ``rect`` (its cell) in ``view``."""
    text = index.data(Qt.ItemDataRole.DisplayRole)
    if text is None or str(text) == "":
        return False
    text = str(text)
    font = index.data(Qt.ItemDataRole.FontRole)
    metrics = QFontMetrics(font if isinstance(font, QFont) else view.font())
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    room = rect.width() - 2 * margin
    if index.data(Qt.ItemDataRole.DecorationRole) is not None:
        room -= view.iconSize().width() + 4 if view.iconSize().isValid() else 20
    word_wrap = bool(getattr(view, "wordWrap", lambda: False)())
    if word_wrap or "\n" in text:
        flags = Qt.TextFlag.TextWordWrap if word_wrap else 0
        bound = metrics.boundingRect(QRect(0, 0, max(1, room), 100_000), int(flags), text)
        return bound.width() > room or bound.height() > rect.height()
    return metrics.horizontalAdvance(text) > room


class ElidedTooltips(QObject):
    """The application-wide filter; ``install()`` puts one on the running application."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.ToolTip:
            return False
        view = watched.parent()
        if not isinstance(view, QAbstractItemView) or view.viewport() is not watched:
            return False
        assert isinstance(event, QHelpEvent)
        if isinstance(view, QHeaderView):
            return self._header_tip(view, event)
        index = view.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return False  # the cell's own tooltip, or none
        rect = view.visualRect(index)
        if text_is_cut(view, index, rect):
            QToolTip.showText(event.globalPos(), str(index.data(Qt.ItemDataRole.DisplayRole)), view.viewport(), rect)
            return True
        QToolTip.hideText()
        return True

    def _header_tip(self, header: QHeaderView, event: QHelpEvent) -> bool:
        """A header cut narrower than its title shows the title whole."""
        model = header.model()
        section = header.logicalIndexAt(event.pos())
        if model is None or section < 0 or model.headerData(section, header.orientation(), Qt.ItemDataRole.ToolTipRole):
            return False
        title = model.headerData(section, header.orientation(), Qt.ItemDataRole.DisplayRole)
        if title is None:
            return False
        cut = header.sectionSizeHint(section) > header.sectionSize(section)
        if header.orientation() == Qt.Orientation.Horizontal and cut:
            QToolTip.showText(event.globalPos(), str(title), header.viewport())
            return True
        return False


def install(app: QApplication | None = None) -> ElidedTooltips | None:
    """Put the filter on the application (once)."""
    app = app or QApplication.instance()
    if app is None:
        return None
    existing = app.findChild(ElidedTooltips, _FILTER_NAME)
    if existing is not None:
        return existing
    tips = ElidedTooltips(app)
    tips.setObjectName(_FILTER_NAME)
    app.installEventFilter(tips)
    return tips
