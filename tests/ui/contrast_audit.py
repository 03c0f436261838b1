"""Read the colours the app actually draws with, and find text/background pairs below WCAG AA (4.5:1).

``low_contrast(root)`` looks at what is visible under ``root``:

- item views: every cell (and header section) whose model gives a ``ForegroundRole`` or ``BackgroundRole``, with
  the view's palette filling in the one not given (text; base or alternate base; the header's button colour);
- labels: their text colour (style sheets end up in the palette) against their own background or, inside a widget
  the app fills (``colourRole`` with a fill, see ``ui.colours.mark_surface``), that fill; and colours written
  into a label's rich text (``style="background:…; color:…"``);
- text fields: their text against their base.

Disabled widgets are left out, as WCAG does for inactive controls.

Each finding is ``(what, text colour, background, ratio)``; ``kinds`` folds findings that differ only by place.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QTextEdit,
    QTreeView,
    QWidget,
)

from ui import colours

Finding = tuple[str, str, str, float]
MAX_ROWS, MAX_COLUMNS = 200, 80
_SPAN = re.compile(r"style\s*=\s*[\"']([^\"']*)[\"']", re.IGNORECASE)
_BACKGROUND = re.compile(r"background(?:-color)?\s*:\s*(#[0-9a-fA-F]{3,8})")
_COLOUR = re.compile(r"(?<![-\w])color\s*:\s*(#[0-9a-fA-F]{3,8})")


def _colour(value) -> QColor | None:
    if value is None:
        return None
    if isinstance(value, QBrush):
        return value.color() if value.style() != Qt.BrushStyle.NoBrush else None
    return QColor(value)


_checked: list[str] | None = None


def _check(found: list[Finding], what: str, text: QColor, background: QColor) -> None:
    if background.alpha() == 0:
        return
    if _checked is not None:
        _checked.append(what)
    ratio = colours.contrast_ratio(text, background)
    if ratio < colours.AA:
        found.append((what, text.name(), background.name(), round(ratio, 2)))


def _name(widget: QWidget) -> str:
    return widget.objectName() or type(widget).__name__


def _view_cells(view: QAbstractItemView, found: list[Finding]) -> None:
    model = view.model()
    if model is None:
        return
    palette = view.palette()
    alternate = view.alternatingRowColors()
    root = QModelIndex()
    columns = 1 if isinstance(model, QAbstractListModel) else min(model.columnCount(root), MAX_COLUMNS)
    rows = 0

    def read(parent: QModelIndex) -> None:  # every row, children of tree rows too
        nonlocal rows
        for row in range(model.rowCount(parent)):
            rows += 1
            if rows > MAX_ROWS:
                return
            for column in range(columns):
                index = model.index(row, column, parent)
                fg = _colour(index.data(Qt.ItemDataRole.ForegroundRole))
                bg = _colour(index.data(Qt.ItemDataRole.BackgroundRole))
                if fg is not None or bg is not None:
                    base = QPalette.ColorRole.AlternateBase if alternate and row % 2 else QPalette.ColorRole.Base
                    text = fg or palette.color(QPalette.ColorRole.Text)
                    _check(found, f"{_name(view)} cell", text, bg or palette.color(base))
            if isinstance(view, QTreeView) and model.rowCount(model.index(row, 0, parent)):
                read(model.index(row, 0, parent))

    read(root)
    if isinstance(view, QTableView):
        for orientation, header in (
            (Qt.Orientation.Horizontal, view.horizontalHeader()),
            (Qt.Orientation.Vertical, view.verticalHeader()),
        ):
            if not header.isVisible():
                continue
            count = model.columnCount(root) if orientation == Qt.Orientation.Horizontal else model.rowCount(root)
            for section in range(min(count, MAX_ROWS)):
                fg = _colour(model.headerData(section, orientation, Qt.ItemDataRole.ForegroundRole))
                bg = _colour(model.headerData(section, orientation, Qt.ItemDataRole.BackgroundRole))
                if fg is None and bg is None:
                    continue
                hp = header.palette()
                _check(
                    found,
                    f"{_name(view)} header",
                    fg or hp.color(QPalette.ColorRole.ButtonText),
                    bg or hp.color(QPalette.ColorRole.Button),
                )


def _filled_ancestor(widget: QWidget) -> QColor | None:
    """The fill of the nearest widget (this one or an ancestor) the app fills with a colour role."""
    current: QWidget | None = widget
    scheme = colours.scheme()
    while current is not None:
        role = current.property("colourRole")
        if role:
            fill = scheme.fill(role)
            if fill is not None:
                return fill
            if scheme.high_contrast:
                return scheme.palette.color(QPalette.ColorRole.Window)
        current = current.parentWidget()
    return None


def _label(label: QLabel, found: list[Finding]) -> None:
    palette = label.palette()
    text = palette.color(label.foregroundRole())
    own = label.property("colourRole")
    background = None if own else _filled_ancestor(label)
    background = background or palette.color(label.backgroundRole())
    _check(found, f"label {_name(label)}", text, background)
    for style in _SPAN.findall(label.text()):
        fg, bg = _COLOUR.search(style), _BACKGROUND.search(style)
        if fg or bg:
            _check(
                found,
                f"label {_name(label)} rich text",
                QColor(fg.group(1)) if fg else text,
                QColor(bg.group(1)) if bg else background,
            )


def low_contrast(root: QWidget, checked: list[str] | None = None) -> list[Finding]:
    """Text/background pairs below 4.5:1 among the visible widgets under ``root`` (``root`` included); every pair
    looked at is noted (as "what") in ``checked`` when given."""
    global _checked
    _checked = checked
    found: list[Finding] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisible() or not widget.isEnabled():
            continue  # WCAG leaves inactive (disabled) controls out
        if isinstance(widget, QHeaderView):
            continue  # a table's headers are read with the table (their model is the table's)
        if isinstance(widget, QAbstractItemView):
            _view_cells(widget, found)
        elif isinstance(widget, QLabel) and widget.text():
            _label(widget, found)
        elif isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
            palette = widget.palette()
            _check(
                found,
                f"field {_name(widget)}",
                palette.color(QPalette.ColorRole.Text),
                _filled_ancestor(widget) or palette.color(QPalette.ColorRole.Base),
            )
    _checked = None
    return found


def kinds(findings: list[Finding]) -> set[tuple[str, str, str]]:
    """Findings folded to (what, text, background): the same pair in many cells counts once."""
    return {(what, text, background) for what, text, background, _ratio in findings}
