"""Colours follow the palette at run time: the application palette or the colour scheme changes, and every
widget or model that holds colours (style sheets, cached brushes, built rich text) sets them again.

``changes().changed`` fires after such a change (``QGuiApplication.paletteChanged``, the style hints'
``colorSchemeChanged`` and, from Qt 6.10, ``contrastPreferenceChanged``); models connect to it. ``follow(owner,
apply)`` calls ``apply`` now and after each change while ``owner`` lives; ``follow_sheet`` and ``style_label``
build on it for style sheets. ``mark_surface`` notes which widgets the app fills (the contrast walk checks the
text inside them against that fill). The colours themselves are in ``ui.colours``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from ui import colours
from ui.colours import Scheme, scheme, text_rule


def read_platform_contrast() -> None:
    """Read ``styleHints().accessibility().contrastPreference()`` (Qt 6.10+); on a change, colours follow it.

    Not in the window's first frame: it is the first use of ``Qt``'s namespace (see ``ui.sidebar``)."""
    app = QGuiApplication.instance()
    try:
        from PySide6.QtCore import Qt

        prefers = app.styleHints().accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast
    except (AttributeError, RuntimeError):  # older Qt, or no application any more
        return
    if colours.prefer_high_contrast(prefers):
        changes().changed.emit()


class _Notifier(QObject):
    changed = Signal()


_notifier: _Notifier | None = None


def changes() -> _Notifier:
    """One object whose ``changed`` fires after the application palette or the colour scheme changed."""
    global _notifier
    if _notifier is None:
        app = QGuiApplication.instance()
        _notifier = _Notifier(app)
        app.paletteChanged.connect(_notifier.changed)
        hints = app.styleHints()
        hints.colorSchemeChanged.connect(lambda *_a: _notifier.changed.emit())
        accessibility = getattr(hints, "accessibility", None)
        if accessibility is not None:
            accessibility().contrastPreferenceChanged.connect(lambda *_a: read_platform_contrast())
        later = QTimer(_notifier)  # not singleShot(): its overloads take a Qt enum (see the module's docstring)
        later.setSingleShot(True)
        later.setInterval(1000)
        later.timeout.connect(read_platform_contrast)
        later.start()
    return _notifier


class _Follower(QObject):
    def __init__(self, owner: QObject, apply: Callable[[], None]) -> None:
        super().__init__(owner)
        self._apply = apply
        changes().changed.connect(self.run)

    def run(self) -> None:
        self._apply()


def follow(owner: QObject, apply: Callable[[], None]) -> None:
    """Call ``apply()`` now and after every palette or colour-scheme change, while ``owner`` lives."""
    apply()
    _Follower(owner, apply)


def follow_sheet(widget: QWidget, sheet: Callable[[Scheme], str]) -> None:
    """Give ``widget`` the style sheet ``sheet(scheme)``, set again (only if it differs) after palette changes."""

    def apply() -> None:
        text = sheet(scheme())
        if widget.styleSheet() != text:
            widget.setStyleSheet(text)

    follow(widget, apply)


def style_label(label: QWidget, role: str, extra: str = "") -> None:
    """Give a label the role's text colour (and fill, for a fill role), following palette changes.

    May be called again with another role (a state that changed). The role is kept as the ``colourRole``
    property, so tests find what the app coloured."""
    label.setProperty("colourRole", role)
    label.setProperty("colourExtra", extra)

    def apply() -> None:
        current = label.property("colourRole")
        text = f"{text_rule(current)} {label.property('colourExtra') or ''}".strip()
        if label.styleSheet() != text:
            label.setStyleSheet(text)

    if label.property("colourFollowed"):
        apply()
    else:
        label.setProperty("colourFollowed", True)
        follow(label, apply)


def mark_surface(widget: QWidget, role: str) -> None:
    """Note that ``widget`` is drawn with the fill of ``role`` (its children's text is checked against it)."""
    widget.setProperty("colourRole", role)
