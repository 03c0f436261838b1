"""Whole palettes to try the app's colours with: the platform's light one, a dark one and a high-contrast one.

Used by the contrast tests and by ``python -m ui.screenshots --palette``; the app itself keeps the palette the
platform gives it. ``apply(name)`` sets one on the running application (every widget follows it, see
``ui.colours.follow``).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QStyleFactory

NAMES = ("light", "dark", "high-contrast")

_DARK = {
    "Window": "#2d2d2d", "WindowText": "#e6e6e6", "Base": "#1e1e1e", "AlternateBase": "#262626",
    "Text": "#e6e6e6", "Button": "#353535", "ButtonText": "#e6e6e6", "BrightText": "#ff8a80",
    "Highlight": "#2f6db3", "HighlightedText": "#ffffff", "Link": "#8ab4f8", "LinkVisited": "#c58af9",
    "ToolTipBase": "#3a3a3a", "ToolTipText": "#e6e6e6", "PlaceholderText": "#a0a0a0",
    "Light": "#505050", "Midlight": "#404040", "Mid": "#4a4a4a", "Dark": "#1a1a1a", "Shadow": "#000000",
}  # fmt: skip
_DARK_DISABLED = {"WindowText": "#8a8a8a", "Text": "#8a8a8a", "ButtonText": "#8a8a8a", "Highlight": "#4a4a4a"}

# Like Windows' "High contrast black" (Aquatic/Night sky): white on black, yellow links, cyan selection.
_HIGH_CONTRAST = {
    "Window": "#000000", "WindowText": "#ffffff", "Base": "#000000", "AlternateBase": "#000000",
    "Text": "#ffffff", "Button": "#000000", "ButtonText": "#ffffff", "BrightText": "#ffffff",
    "Highlight": "#1aebff", "HighlightedText": "#000000", "Link": "#ffff00", "LinkVisited": "#ffff00",
    "ToolTipBase": "#000000", "ToolTipText": "#ffffff", "PlaceholderText": "#c0c0c0",
    "Light": "#ffffff", "Midlight": "#c0c0c0", "Mid": "#c0c0c0", "Dark": "#ffffff", "Shadow": "#ffffff",
}  # fmt: skip
_HIGH_CONTRAST_DISABLED = {"WindowText": "#3ff23f", "Text": "#3ff23f", "ButtonText": "#3ff23f"}


def _palette(colours: dict[str, str], disabled: dict[str, str]) -> QPalette:
    palette = QPalette()
    for name, value in colours.items():
        palette.setColor(getattr(QPalette.ColorRole, name), QColor(value))
    for name, value in disabled.items():
        palette.setColor(QPalette.ColorGroup.Disabled, getattr(QPalette.ColorRole, name), QColor(value))
    return palette


def light_palette() -> QPalette:
    """The Fusion style's standard (light) palette: what the app shows on an office PC by default."""
    style = QStyleFactory.create("Fusion")
    return QPalette(style.standardPalette())


def dark_palette() -> QPalette:
    return _palette(_DARK, _DARK_DISABLED)


def high_contrast_palette() -> QPalette:
    return _palette(_HIGH_CONTRAST, _HIGH_CONTRAST_DISABLED)


def palette_named(name: str) -> QPalette:
    return {"light": light_palette, "dark": dark_palette, "high-contrast": high_contrast_palette}[name]()


def apply(name: str) -> None:
    """Set the palette ``name`` (one of ``NAMES``) on the running application."""
    QGuiApplication.setPalette(palette_named(name))
