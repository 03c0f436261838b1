"""A unit picker one can type into: an editable combo whose completer filters the registered units as one types
(any part of the name, case ignored), and which accepts only a registered unit — text that names none is
``typed_name`` for the caller to offer creating it.

Items carry the unit id as data (``None`` for an optional "not given" first item); suggested units come first,
with a separator after them and a tooltip saying they are suggested.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter

from tillitsleder.i18n import _


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


class UnitPicker(QComboBox):
    """``unit_id()`` is the registered unit the text names (or ``None``); ``unknown_text()`` text that names none."""

    choice_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(16)
        completer = QCompleter(self.model(), self)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self.lineEdit().setClearButtonEnabled(True)
        self.editTextChanged.connect(lambda _text: self.choice_changed.emit())
        self.currentIndexChanged.connect(lambda _index: self.choice_changed.emit())
        self.completer().activated.connect(self._completed)

    def set_units(
        self, units: Iterable[tuple[int, str]], *, suggested: Iterable[int] = (), blank: str | None = None
    ) -> None:
        """Fill with ``units`` (id, label), the ``suggested`` ids first; ``blank`` names a first "no unit" item."""
        units = list(units)
        first = [unit for unit_id in suggested for unit in units if unit[0] == unit_id]
        self.blockSignals(True)
        self.clear()
        if blank is not None:
            self.addItem(blank, None)
        for unit_id, label in first:
            self.addItem(label, unit_id)
            self.setItemData(self.count() - 1, _("Suggested: a name close to the one in the list"),
                             Qt.ItemDataRole.ToolTipRole)  # fmt: skip
        if first:
            self.insertSeparator(self.count())
        for unit_id, label in units:
            if (unit_id, label) not in first:
                self.addItem(label, unit_id)
        self.setCurrentIndex(0 if blank is not None or first else -1)
        if blank is None and not first:
            self.setEditText("")
        self.lineEdit().setCursorPosition(0)
        self.blockSignals(False)
        self.choice_changed.emit()

    def _completed(self, text: str) -> None:
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            self.setCurrentIndex(index)

    def _matching_index(self) -> int:
        """The item the text names: its whole label, or a unit's name without "(Department)" if only one has it."""
        text = _folded(self.currentText())
        labels = [_folded(self.itemText(index)) for index in range(self.count())]
        if text in labels:
            return labels.index(text)
        named = [index for index, label in enumerate(labels) if text and label.startswith(text + " (")]
        return named[0] if len(named) == 1 else -1

    def unit_id(self) -> int | None:
        index = self._matching_index()
        return self.itemData(index) if index >= 0 else None

    def is_blank(self) -> bool:
        """The text is empty or names the "no unit" item."""
        index = self._matching_index()
        return not self.currentText().strip() or (index >= 0 and self.itemData(index) is None)

    def unknown_text(self) -> str:
        """The typed text if it names no item (to offer creating it); "" otherwise."""
        return "" if self.is_blank() or self._matching_index() >= 0 else " ".join(self.currentText().split())

    def choose(self, unit_id: int | None) -> None:
        index = self.findData(unit_id)
        if index >= 0:
            self.setCurrentIndex(index)
