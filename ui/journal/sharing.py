"""The sharing choice of an entry, in plain words: who will be able to read it, and who never will."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

from tillitsleder.enums import JournalSharing
from tillitsleder.i18n import N_, _
from ui.widgets.retranslate import Retranslating

EXPLANATIONS = {
    JournalSharing.PRIVATE: N_(
        "Only you can read this entry. Your coach and the programme coordinator cannot; it is locked with your "
        "passphrase."
    ),
    JournalSharing.COACH: N_(
        "You and your coach can read this entry. The programme coordinator and the other participants cannot."
    ),
    JournalSharing.GROUP_SUMMARY: N_(
        "Your reflection group and its facilitator read only the summary you write below; the entry itself stays "
        "private to you. The programme coordinator reads neither."
    ),
}


class SharingSelector(Retranslating, QWidget):
    """A drop-down of the three choices and a sentence explaining the chosen one."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setObjectName("sharingCombo")
        for member in JournalSharing:
            self.combo.addItem("", member.value)
        self.explanation = QLabel()
        self.explanation.setObjectName("sharingExplanation")
        self.explanation.setWordWrap(True)
        self.explanation.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        # Laid out by the owner: ``combo_row`` (the drop-down, left-aligned) and ``explanation`` (a full-width row).
        self.combo_row = QWidget()
        row = QHBoxLayout(self.combo_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo)
        row.addStretch(1)
        self.combo.currentIndexChanged.connect(lambda _index: self._explain())
        self.retranslate()

    def value(self) -> str:
        return str(self.combo.currentData())

    def set_value(self, value: str) -> None:
        index = self.combo.findData(value)
        self.combo.setCurrentIndex(index if index >= 0 else 0)

    def _explain(self) -> None:
        try:
            member = JournalSharing(self.value())
        except ValueError:
            member = JournalSharing.PRIVATE
        self.explanation.setText(_(EXPLANATIONS[member]))

    def retranslate(self) -> None:
        for index, member in enumerate(JournalSharing):
            self.combo.setItemText(index, member.label())
        self.combo.setToolTip(_("Who can read this entry. New entries are private."))
        self._explain()
