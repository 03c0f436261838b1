"""Keyboard access shared by the areas: Tab leaves tables, tool bar buttons take the focus, focus chains.

``leave_by_tab(view)`` turns off an item view's Tab-between-cells (a table would otherwise keep the focus for
good: Tab moves to the next cell and wraps); the arrow keys still move inside it. ``focusable_tool_bar(bar)``
lets Tab reach a tool bar's buttons (Qt's are mouse-only), also those added later. ``chain(*widgets)`` sets
a Tab order with ``QWidget.setTabOrder``, skipping the widgets that are missing. ``key_for(button, key)``
gives a button a shortcut for as long as it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QToolBar, QToolButton, QWidget

KEY_ACTION = "keyShortcut"
# The frequent actions' keys (Ctrl+N is File > New database; each area's buttons are shown one area at a time).
NEW_KEY = "Ctrl+Shift+N"
ENROL_KEY = "Ctrl+E"
EXPORT_KEY = "Ctrl+Shift+E"
SAVE_KEY = QKeySequence.StandardKey.Save


def leave_by_tab[V: QAbstractItemView](view: V) -> V:
    """Tab (and Shift+Tab) leave ``view`` for the next (previous) control; the arrow keys move inside."""
    view.setTabKeyNavigation(False)
    return view


class _ToolButtonFocus(QObject):
    """Gives each button a tool bar adds the Tab focus (the bar adds them when it is shown or grows)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.ChildAdded, QEvent.Type.ChildPolished, QEvent.Type.Show):
            _focus_buttons(watched)  # type: ignore[arg-type]
        return False


def _focus_buttons(bar: QToolBar) -> None:
    for button in bar.findChildren(QToolButton):
        if button.objectName() != "qt_toolbar_ext_button":  # the "more" arrow: Qt keeps it
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)


def focusable_tool_bar(bar: QToolBar) -> QToolBar:
    """Tab reaches each of ``bar``'s buttons (Space or Enter presses it), as with a row of push buttons."""
    _focus_buttons(bar)
    watcher = _ToolButtonFocus(bar)
    bar.installEventFilter(watcher)
    return bar


def chain(*widgets: QWidget | None) -> None:
    """Tab goes from each of ``widgets`` to the next (``None`` entries are left out)."""
    present = [widget for widget in widgets if widget is not None]
    for first, second in zip(present, present[1:], strict=False):
        QWidget.setTabOrder(first, second)


def key_for(button: QAbstractButton, key: QKeySequence | QKeySequence.StandardKey | str) -> QAction:
    """Give ``button`` a key shortcut that works while it is shown (whatever has the focus in the window) and
    keeps its mnemonic: a ``QAction`` on the button presses it (the area menu shows the key)."""
    action = QAction(button)
    action.setObjectName(KEY_ACTION)
    action.setShortcut(QKeySequence(key))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda _checked=False, b=button: b.click() if b.isEnabled() and b.isVisible() else None)
    button.addAction(action)
    return action


def key_of(button: QAbstractButton) -> QKeySequence:
    """The shortcut ``key_for`` gave ``button`` (empty if none; its mnemonic is in its text)."""
    action = button.findChild(QAction, KEY_ACTION, Qt.FindChildOption.FindDirectChildrenOnly)
    return action.shortcut() if action is not None else QKeySequence()
