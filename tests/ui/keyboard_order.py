"""What the keyboard walk checks on a shown area: the Tab order through it, and clashing shortcuts.

``tab_into(window, page)`` presses Tab from the navigation list until the focus enters the page (and lists
what it passed on the way); ``tab_walk(first, page)`` presses Tab from there until the focus leaves the page,
returning the controls in the order Tab visited them. ``order_problems`` names each step that goes back
against reading order: up and not to the right, beyond a tolerance (a step to the next column goes up and
right; a step to a row below may go left). ``shortcut_clashes(window)`` lists the keys that more than one
enabled action (or ``QShortcut``) answers at the same time in the window.
"""

from __future__ import annotations

from collections import defaultdict

from accessibility_audit import describe
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QWidget

TOLERANCE = 8  # pixels: controls on one row differ a little in height and margins
MAX_PRESSES = 400


def tab_into(window: QWidget, page: QWidget) -> tuple[QWidget | None, list[QWidget]]:
    """Press Tab from the navigation list until the focus enters ``page``: its first control, and the controls
    outside the page passed on the way."""
    window.nav.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    passed: list[QWidget] = []
    for _press in range(40):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        QApplication.processEvents()
        focus = QApplication.focusWidget()
        if focus is None or focus is window.nav:
            return None, passed
        if page.isAncestorOf(focus):
            return focus, passed
        passed.append(focus)
    return None, passed


def tab_walk(first: QWidget, page: QWidget) -> tuple[list[QWidget], QWidget | None]:
    """The controls Tab visits from ``first`` until the focus leaves ``page``, and where it went then."""
    visited: list[QWidget] = []
    for _press in range(MAX_PRESSES):
        focus = QApplication.focusWidget()
        if focus is None or not (focus is page or page.isAncestorOf(focus)):
            return visited, focus
        if visited and focus is visited[-1]:
            pass  # a date field moving through its parts
        elif focus in visited:
            return visited, focus  # round the page and back: it never left
        else:
            visited.append(focus)
        QTest.keyClick(focus, Qt.Key.Key_Tab)
        QApplication.processEvents()
    return visited, QApplication.focusWidget()


def _rect(widget: QWidget, page: QWidget) -> QRect:
    return QRect(widget.mapTo(page, widget.rect().topLeft()), widget.size())


def order_problems(page: QWidget, visited: list[QWidget]) -> list[str]:
    problems = []
    for before, after in zip(visited, visited[1:], strict=False):
        a, b = _rect(before, page), _rect(after, page)
        went_up = b.bottom() < a.top() - TOLERANCE
        not_right = b.left() < a.right() - TOLERANCE and b.left() <= a.left() + TOLERANCE
        if went_up and not_right:
            problems.append(f"{describe(before)} {a.getRect()} -> {describe(after)} {b.getRect()}")
    return problems


def _menu_shown(menu: QMenu, window: QWidget) -> bool:
    """A menu's actions answer their keys when the menu is in the window's menu bar (or is open)."""
    if menu.isVisible():
        return True
    for owner in menu.menuAction().associatedObjects():
        if owner is window.menuBar():
            return True
        if isinstance(owner, QMenu) and _menu_shown(owner, window):
            return True
    return False


def _scopes(action: QAction, window: QWidget) -> list[QWidget | None]:
    """Where ``action``'s keys work now: ``None`` for the whole window, else the widget that needs the focus."""
    context = action.shortcutContext()
    scopes: list[QWidget | None] = []
    for owner in action.associatedObjects():
        if isinstance(owner, QMenu):
            if _menu_shown(owner, window):
                scopes.append(
                    None
                    if context in (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
                    else owner
                )
        elif isinstance(owner, QWidget) and owner.isVisible() and owner.isEnabled() and owner.window() is window:
            is_window = context in (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
            scopes.append(None if is_window else owner)
    return scopes


def shortcut_clashes(window: QWidget) -> list[str]:
    """Keys that two enabled actions answer at once: both window-wide, or one window-wide and one where a
    widget has the focus, or both on the same widget (or one inside the other, for 'with children')."""
    by_key: dict[str, list[tuple[QWidget | None, str]]] = defaultdict(list)
    for action in window.findChildren(QAction):
        if not action.isEnabled() or not action.shortcuts():
            continue
        scopes = _scopes(action, window)
        if not scopes:
            continue
        scope = None if None in scopes else scopes[0]
        for key in action.shortcuts():
            by_key[key.toString()].append((scope, action.text() or action.objectName()))
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parentWidget()
        if shortcut.isEnabled() and parent is not None and parent.isVisible():
            for key in shortcut.keys():
                by_key[key.toString()].append((None, f"QShortcut in {describe(parent)}"))
    clashes = []
    for key, owners in by_key.items():
        if not key:
            continue
        window_wide = [name for scope, name in owners if scope is None]
        local = [(scope, name) for scope, name in owners if scope is not None]
        if len(window_wide) > 1 or (window_wide and local):
            clashes.append(f"{key}: {window_wide + [name for _scope, name in local]}")
            continue
        for i, (scope, name) in enumerate(local):
            for other, other_name in local[i + 1 :]:
                if scope is other or scope.isAncestorOf(other) or other.isAncestorOf(scope):
                    clashes.append(f"{key}: {name} / {other_name}")
    return clashes
