"""Show search matches: user text is always escaped, only the highlight markup is ours.

The core's search returns match spans as ``(start, end)`` offsets into the text shown. ``highlighted_html`` turns text
and spans into safe rich text (for labels and list delegates); ``highlight_editor`` marks the spans in a text
widget with a ``QTextCharFormat`` (extra selections), leaving the document itself untouched.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from ui import colours

MARK = "search.mark"  # the colour role of a match: soft amber with dark ink (``ui.colours``)


def merge_spans(spans: Iterable[Sequence[int]], length: int) -> list[tuple[int, int]]:
    """Spans clamped to ``0..length``, sorted, with overlapping or touching ones merged; empty ones dropped."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((max(0, int(s)), min(length, int(e))) for s, e, *_rest in spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _escape(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "<br>")


def highlighted_html(text: str, spans: Iterable[Sequence[int]]) -> str:
    """``text`` as HTML with every span wrapped in a highlight; everything the user typed is escaped."""
    parts: list[str] = []
    position = 0
    mark = colours.scheme().pair(MARK)
    for start, end in merge_spans(spans, len(text)):
        parts.append(_escape(text[position:start]))
        parts.append(
            f'<span style="background-color:{mark.background}; color:{mark.text};">{_escape(text[start:end])}</span>'
        )
        position = end
    parts.append(_escape(text[position:]))
    return "".join(parts)


def highlight_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    mark = colours.scheme().pair(MARK)
    fmt.setBackground(QColor(mark.background))
    fmt.setForeground(QColor(mark.text))
    return fmt


def highlight_editor(editor: QTextEdit | QPlainTextEdit, spans: Iterable[Sequence[int]]) -> int:
    """Mark ``spans`` of the editor's plain text; returns how many were marked. Scrolls to the first one."""
    document = editor.document()
    length = max(0, document.characterCount() - 1)
    selections = []
    fmt = highlight_format()
    for start, end in merge_spans(spans, length):
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        selections.append(selection)
    editor.setExtraSelections(selections)
    if selections:
        first = QTextCursor(selections[0].cursor)
        first.clearSelection()
        editor.setTextCursor(first)
        editor.ensureCursorVisible()
    return len(selections)


def highlighted_ranges(editor: QTextEdit | QPlainTextEdit) -> list[tuple[int, int]]:
    """The ranges currently highlighted in ``editor`` (for tests and accessibility checks)."""
    return [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in editor.extraSelections()]
