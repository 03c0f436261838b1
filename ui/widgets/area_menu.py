"""The menu bar's Actions menu: what the area shown now can do, and a table's context menu of its actions.

Nothing is listed twice in the code: ``discover_actions(root)`` reads the actions from the controls the area
shows, in reading order — a tool bar's own ``QAction``s, a menu button's menu, and for each push button a
stand-in ``QAction`` that presses it (``button_action``: the same text, shortcut shown, enabled state and
slot). ``AreaMenu`` lists them for the current area and tab each time it opens (so it follows the area, the tab
and the language), and empties itself once closed. ``row_menu(table)`` gives a table's context menu: the table's
``row_actions`` if it names them, else the actions nearest the table (the buttons beside or above it).
A button with ``menuSkip`` set (a list's empty-state button, which repeats another) is left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QMenu,
    QPushButton,
    QToolBar,
    QToolButton,
    QWidget,
)

from tillitsleder.i18n import _
from ui.widgets.keyboard import key_of
from ui.widgets.retranslate import Retranslating

MenuEntries = list[QAction | None]  # None: a separator
PROXY_NAME = "menuProxy"
ROW_TOLERANCE = 12  # pixels


def button_action(button: QAbstractButton) -> QAction:
    """The stand-in ``QAction`` of ``button`` (made once, owned by the button), brought up to date now."""
    action = button.findChild(QAction, PROXY_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    if action is None:
        action = QAction(button)
        action.setObjectName(PROXY_NAME)
        action.triggered.connect(lambda _checked=False, b=button: b.click() if b.isEnabled() else None)
    text = button.text()
    key = key_of(button).toString(QKeySequence.SequenceFormat.PortableText)
    action.setText(f"{text}\t{key}" if key else text)  # the key is shown; the button itself answers it
    action.setToolTip(button.toolTip() or text.replace("&", ""))
    action.setStatusTip(button.statusTip())
    action.setEnabled(button.isEnabled())
    action.setCheckable(button.isCheckable())
    action.setChecked(button.isChecked())
    menu = button.menu() if isinstance(button, QPushButton) else None
    if menu is not None:
        action.setMenu(menu)
    return action


def _tool_bar_of(widget: QWidget, root: QWidget) -> QToolBar | None:
    while widget is not None and widget is not root:
        if isinstance(widget, QToolBar):
            return widget
        widget = widget.parentWidget()
    return None


def _reading_order(root: QWidget) -> list[QWidget]:
    """The widgets shown inside ``root``, top to bottom and left to right (rows a few pixels apart are one)."""
    shown = [widget for widget in root.findChildren(QWidget) if widget.isVisible()]

    def place(widget: QWidget) -> tuple[int, int]:
        corner = widget.mapTo(root, widget.rect().topLeft())
        return corner.y() // ROW_TOLERANCE, corner.x()

    return sorted(shown, key=place)


def _shown(action: QAction) -> bool:
    return action.isVisible() and not action.isSeparator() and bool(action.text())


def discover_actions(root: QWidget) -> MenuEntries:
    """The actions of the controls ``root`` shows now, in reading order; a separator between tool bars and rows."""
    entries: MenuEntries = []
    seen: set[int] = set()
    group: object = None

    def add(actions: Sequence[QAction], where: object) -> None:
        nonlocal group
        fresh = [a for a in actions if _shown(a) and id(a) not in seen]
        if not fresh:
            return
        if entries and where is not group:
            entries.append(None)
        group = where
        for action in fresh:
            seen.add(id(action))
            entries.append(action)

    bars_done: set[int] = set()
    for widget in _reading_order(root):
        bar = _tool_bar_of(widget, root)
        if bar is not None:
            if id(bar) not in bars_done:
                bars_done.add(id(bar))
                add(bar.actions(), bar)
            continue
        if not isinstance(widget, QAbstractButton) or widget.property("menuSkip"):
            continue
        if isinstance(widget, QToolButton) and widget.menu() is not None:
            add(widget.menu().actions(), widget.parentWidget())
        elif isinstance(widget, QToolButton) and widget.defaultAction() is not None:
            add([widget.defaultAction()], widget.parentWidget())
        elif isinstance(widget, QPushButton | QToolButton) and widget.text():
            add([button_action(widget)], widget.parentWidget())
    return entries


def fill(menu: QMenu, entries: MenuEntries) -> None:
    """Put ``entries`` in ``menu`` (emptied first); a disabled line says so when there are none.

    Emptied action by action: ``QMenu.clear`` in PySide also invalidates the Python side of the actions it
    removes, which other widgets (tool bars, buttons) still own and use."""
    for action in menu.actions():
        menu.removeAction(action)
        if action.parent() is menu:  # its own separators and the "no actions" line
            action.deleteLater()
    for entry in entries:
        if entry is None:
            menu.addSeparator()
        else:
            menu.addAction(entry)
    if not entries:
        menu.addAction(_("No actions here")).setEnabled(False)


def nearest_actions(view: QWidget) -> MenuEntries:
    """The actions beside or above ``view``: those of its closest ancestor that shows any, up to its area."""
    widget = view.parentWidget()
    while widget is not None:
        entries = discover_actions(widget)
        if entries or hasattr(widget, "nav_title"):  # an area's page: nothing closer, nothing beyond
            return entries
        widget = widget.parentWidget()
    return []


def row_actions_of(view: QAbstractItemView) -> MenuEntries:
    named: Callable[[], MenuEntries] | MenuEntries | None = getattr(view, "row_actions", None)
    if callable(named):
        return named()
    if named is not None:
        return list(named)
    return nearest_actions(view)


def row_menu(view: QAbstractItemView) -> QMenu:
    """The context menu of ``view``'s rows (the caller shows and deletes it)."""
    menu = QMenu(view)
    fill(menu, row_actions_of(view))
    return menu


def install_row_menu(view: QAbstractItemView) -> None:
    """Right click, the Menu key or Shift+F10 on ``view`` opens ``row_menu`` at the current row."""
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(lambda position, v=view: _show_row_menu(v, position))
    view.installEventFilter(_ShiftF10(view))


def _show_row_menu(view: QAbstractItemView, position: QPoint) -> None:
    menu = row_menu(view)
    menu.exec(view.viewport().mapToGlobal(position))
    menu.deleteLater()


class _ShiftF10(QObject):
    """Shift+F10 opens the context menu at the current row (as the Menu key does)."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_F10
            and event.modifiers() == Qt.KeyboardModifier.ShiftModifier
        ):
            rect = watched.visualRect(watched.currentIndex())
            watched.customContextMenuRequested.emit(rect.center() if rect.isValid() else QPoint(4, 4))
            return True
        return False


class AreaMenu(Retranslating, QMenu):
    """The menu bar's "Actions" menu: the actions of ``current()``'s area and tab shown now."""

    def __init__(self, current: Callable[[], QWidget | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("areaMenu")
        self._current = current
        self.aboutToShow.connect(self.refresh)
        # Emptied once closed (after the chosen action ran): another area's actions never linger in the menu bar.
        self.aboutToHide.connect(lambda: QTimer.singleShot(0, self, lambda: fill(self, [])))
        self.retranslate()

    def refresh(self) -> None:
        page = self._current()
        fill(self, discover_actions(page) if page is not None else [])

    def retranslate(self) -> None:
        self.setTitle(_("&Actions"))
