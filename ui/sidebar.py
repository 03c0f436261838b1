"""The sidebar of the main window: the list of areas, which can be narrowed or collapsed to icons.

Each area has a small badge for an icon: the first letter of its name and its number (the number of its
Alt+N shortcut), drawn in the palette's colours, so the collapsed sidebar needs no icon set and stays readable
in every language. Collapsed, the items keep their full name as accessible text and tooltip. The toggle is a
button under the list and a checkable action (the View menu shows it); the choice is kept in the app's
settings. Expanded, the sidebar is as wide as its longest name and can be dragged narrower (names are then
cut, their tooltips show them whole); collapsed, it is as wide as a badge.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QListWidget, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from tillitsleder.i18n import _
from ui.colours import TRANSPARENT
from ui.settings import KEY_NAV_COMPACT, app_settings

ICON_SIZE = 24
# The sidebar is painted in the window's first frame, before anything touches ``Qt``'s own namespace: the first use
# of ``PySide6.QtCore.Qt`` (even choosing between overloads that take one of its enums, as QPainter's do) makes
# PySide build Python enums for all of it (~20 ms). So the first frame has empty icon slots of the badges' size,
# and ``finish``, right after the first paint, draws the badges and sets what only matters later (scroll bar
# policy, elision, accessible names).


def blank(size: int = ICON_SIZE) -> QIcon:
    """An empty icon of the badges' size, so the names do not move when the badges arrive."""
    pixmap = QPixmap(size, size)
    pixmap.fill(TRANSPARENT)
    return QIcon(pixmap)
NARROWEST = 120  # expanded: names are cut below this; collapse instead
WIDEST = 320


def badge(letter: str, number: int, palette: QPalette, size: int = ICON_SIZE) -> QIcon:
    """A round badge with ``letter`` and a small ``number``, in the palette's highlight colours."""
    from PySide6.QtCore import Qt

    pixmap = QPixmap(size * 2, size * 2)  # drawn at twice the size: sharp on high-DPI screens
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(TRANSPARENT)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
    painter.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1))
    painter.setPen(QColor(palette.color(QPalette.ColorRole.HighlightedText)))
    font = QFont(painter.font())
    font.setPixelSize(int(size * 0.5))
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRectF(0, 0, size * 0.78, size), Qt.AlignmentFlag.AlignCenter, letter.upper())
    font.setPixelSize(int(size * 0.32))
    font.setBold(False)
    painter.setFont(font)
    corner = QRectF(size * 0.52, size * 0.38, size * 0.44, size * 0.5)
    painter.drawText(corner, Qt.AlignmentFlag.AlignCenter, str(number))
    painter.end()
    return QIcon(pixmap)


class Sidebar(QWidget):
    """Holds the navigation list and the collapse toggle; ``compactChanged`` tells the window."""

    compactChanged = Signal(bool)  # noqa: N815

    def __init__(self, nav: QListWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.nav = nav
        self.titles: list[str] = []
        nav.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self._finished = False
        self.action = QAction(self)
        self.action.setCheckable(True)
        self.action.toggled.connect(self.set_compact)
        self.toggle = QToolButton()
        self.toggle.setObjectName("sidebarToggle")
        self.toggle.clicked.connect(self.action.trigger)
        self.toggle.setAutoRaise(True)
        self.toggle.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(2)
        layout.addWidget(nav, 1)
        layout.addWidget(self.toggle)
        self.compact = False
        compact = str(app_settings().value(KEY_NAV_COMPACT, "false")).lower() in ("true", "1")
        self.action.setChecked(compact)  # calls set_compact when True

    def show_titles(self, titles: list[str], tooltips: list[str]) -> None:
        """The areas' names (translated) and tooltips; redraws the items for the current mode."""
        self.titles = titles
        empty = None if self._finished else blank()
        for row, (title, tip) in enumerate(zip(titles, tooltips, strict=True)):
            item = self.nav.item(row)
            item.setIcon(empty or self._badge(row, title))
            item.setToolTip(tip)
        if self._finished:
            self._name_items()
        self._apply()

    def _badge(self, row: int, title: str) -> QIcon:
        letter = next((ch for ch in title if ch.isalnum()), "?")
        return badge(letter, row + 1, self.nav.palette())

    def finish(self) -> None:
        """What the first frame does not need (see ``ALIGN_CENTER``); called right after the first paint."""
        from PySide6.QtCore import Qt

        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setTextElideMode(Qt.TextElideMode.ElideRight)  # when dragged narrow; the tooltip has the name
        self._finished = True
        self._name_items()

    def _name_items(self) -> None:
        from PySide6.QtCore import Qt

        for row, title in enumerate(self.titles):
            item = self.nav.item(row)
            item.setIcon(self._badge(row, title))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, title)

    def expanded_width(self) -> int:
        return min(WIDEST, self._width_for(self.titles))

    def compact_width(self) -> int:
        return self._width_for(["" for _title in self.titles])

    def _width_for(self, texts: list[str]) -> int:
        """The list's width with ``texts`` as the items' text (measured with the style sheet's padding)."""
        shown = [self.nav.item(row).text() for row in range(len(texts))]
        for row, text in enumerate(texts):
            self.nav.item(row).setText(text)
        width = self.nav.sizeHintForColumn(0) if texts else ICON_SIZE
        for row, text in enumerate(shown):
            self.nav.item(row).setText(text)
        return width + 2 * self.nav.frameWidth() + 4

    def set_compact(self, compact: bool) -> None:
        if compact == self.compact and self.titles:
            return
        self.compact = compact
        if self.action.isChecked() != compact:
            self.action.setChecked(compact)
        settings = app_settings()
        settings.setValue(KEY_NAV_COMPACT, compact)
        settings.sync()
        self._apply()
        self.compactChanged.emit(compact)

    def _apply(self) -> None:
        compact = self.compact
        for row, title in enumerate(self.titles):
            self.nav.item(row).setText("" if compact else title)
        if compact:
            width = self.compact_width()
            self.setMinimumWidth(width)
            self.setMaximumWidth(width)
        else:
            self.setMinimumWidth(min(NARROWEST, self.expanded_width()))
            self.setMaximumWidth(WIDEST)
        self.nav.setMinimumWidth(0)
        self.retranslate()

    def retranslate(self) -> None:
        if self.compact:
            self.action.setText(_("Show area names"))
            self.toggle.setText("»")
        else:
            self.action.setText(_("Show icons only"))
            self.toggle.setText("«  " + _("Collapse"))
        self.toggle.setToolTip(self.action.text())
        self.toggle.setAccessibleName(self.action.text())
