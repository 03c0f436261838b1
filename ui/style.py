"""The few style touches on top of the platform's own look: spacing, headings and quiet notes.

Text keeps the palette's own colours (grey text on grey is hard to read on office screens); the only
colours are the accent of the privacy notes, the read-only banner and the warning text, all from ``ui.colours``
for the palette on screen (``apply_style`` sets the sheet again when the palette changes). Everything else
(buttons, tables, menus) keeps the native style users of a Windows office PC know.

One button look everywhere: framed push buttons. The tool bars some areas use for their actions (they fold what
does not fit into a menu in a narrow window; ``ui.curriculum.forms.tool_bar`` names them ``actionBar``) would
draw flat, borderless buttons, so their buttons get the same frame, padding and spacing as a push button.
"""

from __future__ import annotations

from string import Template

from PySide6.QtWidgets import QWidget

from ui import colours, recolour

SHEET_TEMPLATE = """
QListWidget#navigation {
    border: none;
    font-size: 10.5pt;
    padding-top: 8px;
}
QListWidget#navigation::item {
    padding: 9px 8px;
}
QLabel#pageHeading {
    font-size: 15pt;
    font-weight: 600;
    padding-bottom: 2px;
}
QLabel#panelTitle {
    font-weight: 600;
}
QLabel#emptyState {
    font-size: 11pt;
    padding: 24px;
}
QToolBar#actionBar {
    border: none;
    background: transparent;
    spacing: 6px;
    padding: 0;
}
QToolBar#actionBar QToolButton {
    background: palette(button);
    border: 1px solid palette(mid);
    border-radius: 3px;
    padding: 2px 8px;
}
QToolBar#actionBar QToolButton:hover {
    background: palette(light);
    border-color: palette(highlight);
}
QToolBar#actionBar QToolButton:pressed {
    background: palette(midlight);
}
QToolBar#actionBar QToolButton:disabled {
    border-color: palette(midlight);
}
QToolBar#actionBar QToolButton#qt_toolbar_ext_button {
    background: transparent;
    border: none;
    padding: 0;
}
QLabel#privacyNote {
    color: palette(window-text);
    background: palette(alternate-base);
    border-left: 3px solid $accent;
    padding: 8px 12px;
}
QStatusBar QLabel {
    padding: 0 10px;
}
QLabel#readOnlyBanner {
    color: $banner_text;
    background: $banner_fill;
    border-bottom: 1px solid $banner_border;
    padding: 8px 16px;
    font-weight: 600;
}
QLabel#warning {
    color: $warning;
    font-weight: 600;
}
"""


def style_sheet(scheme: colours.Scheme | None = None) -> str:
    """The sheet with the colours of ``scheme`` (default: the application palette's)."""
    s = scheme or colours.scheme()
    return Template(SHEET_TEMPLATE).substitute(
        accent=s.css_border("accent"),
        banner_text=s.css_text("banner"),
        banner_fill=s.css_fill("banner"),
        banner_border=s.css_border("banner"),
        warning=s.css_text("warning"),
    )


def apply_style(widget: QWidget) -> None:
    """Give ``widget`` (the main window) the sheet, again whenever the palette or colour scheme changes."""

    def apply() -> None:
        sheet = style_sheet()
        if widget.styleSheet() != sheet:
            widget.setStyleSheet(sheet)

    recolour.follow(widget, apply)
