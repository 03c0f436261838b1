"""A page or tab body that scrolls instead of being cut or forcing the window larger.

At 200 % scaling a 1920×1080 screen is 960×540 logical pixels: a form taller or wider than what is left of the
window must scroll, and its minimum size must not become the window's. ``scrolling_body(owner)`` fills ``owner``
with a frameless ``QScrollArea`` (``setWidgetResizable(True)``: the body grows with the window and keeps its own
layout's minimum, scroll bars appear only below that) and returns the layout to build the body in, in place of
``QVBoxLayout(owner)``. The owner stays the widget that tab hosts and tests know.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


def scrolling_body(owner: QWidget) -> QVBoxLayout:
    """Put a scroll area into ``owner`` and return the vertical layout of the body it scrolls."""
    area = QScrollArea(owner)
    area.setObjectName("scrollingBody")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields take the focus, and it scrolls to the focused one
    body = QWidget()
    body.setObjectName("scrollingBodyContent")
    area.setWidget(body)
    outer = QVBoxLayout(owner)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(area)
    owner.scroll_area = area  # type: ignore[attr-defined] - for tests and for scrolling a field into view
    return QVBoxLayout(body)
