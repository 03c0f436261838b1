"""Checks for small screens: widgets outside the window and buttons nobody can reach.

A widget's visible part is its rectangle clipped by each ancestor up to the window. Inside a scroll area's
viewport the clipping stops: the content is reachable when the scroll area can scroll to it (its scroll bars'
ranges cover the content), so only the scroll area itself must fit. Used by ``test_small_screens.py`` and by
the screenshot walk there.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QMenu, QTabBar, QWidget


def _scroll_area_of(widget: QWidget, window: QWidget) -> QAbstractScrollArea | None:
    """The nearest scroll area whose viewport holds ``widget`` (between it and the window)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return grand
        parent = grand
    return None


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(QWidget.mapTo(widget, ancestor, QPoint(0, 0)), QWidget.size(widget))  # some widgets shadow size


def _clipped(widget: QWidget, stop: QWidget) -> QRect:
    """``widget``'s rectangle in ``stop``'s coordinates, clipped by every ancestor up to ``stop``."""
    visible = _rect_in(widget, stop)
    parent = widget.parentWidget()
    while parent is not None and parent is not stop:
        visible = visible.intersected(_rect_in(parent, stop))
        parent = parent.parentWidget()
    return visible.intersected(stop.rect())


def _reachable_in_scroll_area(widget: QWidget, area: QAbstractScrollArea) -> bool:
    """The scroll area can bring all of ``widget`` into its viewport."""
    viewport = area.viewport()
    rect = _rect_in(widget, viewport)
    horizontal, vertical = area.horizontalScrollBar(), area.verticalScrollBar()
    fits_x = rect.width() <= viewport.width() + 1
    fits_y = rect.height() <= viewport.height() + 1
    left = rect.left() + horizontal.value()  # position in the content
    top = rect.top() + vertical.value()
    reach_x = left >= -1 and left + rect.width() <= viewport.width() + horizontal.maximum() + 1
    reach_y = top >= -1 and top + rect.height() <= viewport.height() + vertical.maximum() + 1
    return fits_x and fits_y and reach_x and reach_y


def _skipped(widget: QWidget, window: QWidget) -> bool:
    if widget.window() is not window or isinstance(widget, QMenu):
        return True
    parent = widget.parentWidget()
    # A tab bar's own scroll arrows and the internals of composite widgets follow their owner.
    return isinstance(parent, QTabBar) or widget.objectName().startswith("qt_")


def problems(window: QWidget) -> list[str]:
    """Sentences naming each visible widget that lies outside the window and each button out of reach."""
    found: list[str] = []
    bounds = window.rect()
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or _skipped(widget, window) or QWidget.size(widget).isEmpty():
            continue
        area = _scroll_area_of(widget, window)
        name = f"{type(widget).__name__} {widget.objectName() or ''} {_label(widget)!r}".strip()
        if area is None:
            rect = _rect_in(widget, window)
            if not bounds.contains(rect):
                found.append(f"{name} at {rect.getRect()} lies outside the window {bounds.getRect()}")
                continue
        if isinstance(widget, QAbstractButton) and widget.isEnabled():
            if area is None:
                full = _rect_in(widget, window)
                if _clipped(widget, window) != full:
                    found.append(f"{name} at {full.getRect()} is cut off by its parents")
            elif not _reachable_in_scroll_area(widget, area):
                found.append(f"{name} cannot be scrolled into view")
    return found


def within_reach(widget: QWidget, window: QWidget) -> bool:
    """``widget`` is shown whole in ``window``, or the nearest scroll area around it can scroll it into view."""
    area = _scroll_area_of(widget, window)
    if area is None:
        return _clipped(widget, window) == _rect_in(widget, window)
    return _reachable_in_scroll_area(widget, area) and within_reach(area, window)


def _label(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    try:
        return str(text()) if callable(text) else ""
    except TypeError:
        return ""
