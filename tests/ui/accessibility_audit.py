"""What a universal-design audit checks on a shown page: unnamed focusable controls and Tab traps.

``unnamed_controls(root)`` lists each visible, enabled control that takes focus by Tab and whose accessible
name (what a screen reader says: its own ``accessibleName``, its text, or the text of the label whose buddy it
is) is empty. ``tab_traps(root)`` gives each such control the focus, presses Tab and lists those that keep it
(a table that moves between its cells, a text field that types a tab character). Used by the walk of every
area in ``test_accessibility.py``; ``python -m`` on this module is not needed: the test prints the counts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget


def _describe(widget: QWidget) -> str:
    name = widget.objectName()
    parent = widget.parentWidget()
    chain = []
    while parent is not None and len(chain) < 3:
        chain.append(parent.objectName() or type(parent).__name__)
        parent = parent.parentWidget()
    return f"{type(widget).__name__}{'#' + name if name else ''} in {' < '.join(chain)}"


def focusable_controls(root: QWidget) -> list[QWidget]:
    """The visible, enabled widgets under ``root`` (``root`` too) that Tab can give the focus to.

    The line edit inside a combo box or spin box is the box's own part: the box is the control."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not (widget.isVisible() and widget.isEnabled()):
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.focusProxy() is not None:
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            continue
        found.append(widget)
    return found


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def describe(widget: QWidget) -> str:
    """A readable name for a report: the class, object name and three ancestors."""
    return _describe(widget)


def unnamed_controls(root: QWidget) -> list[QWidget]:
    return [widget for widget in focusable_controls(root) if not accessible_name(widget)]


TAB_PRESSES = 4  # a date field's Tab walks its day, month and year first, then leaves


def tab_traps(root: QWidget) -> list[QWidget]:
    """The controls that keep the focus themselves however often Tab is pressed (a few times: a date field moves
    through its sections first; moving into a child, as a scroll area does, is leaving)."""
    traps = []
    for widget in focusable_controls(root):
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        QApplication.processEvents()
        if QApplication.focusWidget() is not widget:
            continue  # it passes the focus on by itself (a proxy) or cannot take it now
        for _press in range(TAB_PRESSES):
            QTest.keyClick(widget, Qt.Key.Key_Tab)
            QApplication.processEvents()
            if QApplication.focusWidget() is not widget:
                break
        else:
            traps.append(widget)
    return traps
