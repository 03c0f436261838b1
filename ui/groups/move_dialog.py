"""“Move to group…”: the keyboard way to move a member, with the groups ranked best first and why.

The ranking is ``group_adjustments.placements`` for the member as if they were not in any group, so the first
choice is the group they fit best (the suggestion for a late joiner, too).
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from tillitsleder.groups.adjustments import Placement, placements
from tillitsleder.groups.board import Board
from tillitsleder.i18n import _, ngettext
from ui.widgets.retranslate import Retranslating


def ranked_targets(board: Board, enrolment_id: int) -> list[Placement]:
    """The groups ``enrolment_id`` could move to, best first (their own group left out)."""
    current = board.group_of(enrolment_id)
    groups = [[m for m in group.members if m != enrolment_id] for group in board.groups]
    members = [board.people[m].member() for group in groups for m in group]
    ranked = placements(groups, members, board.people[enrolment_id].member(), board.bounds, board.previous)
    return [p for p in ranked if p.group != current]


class MoveDialog(Retranslating, QDialog):
    def __init__(self, board: Board, enrolment_id: int, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("moveToGroup")
        self.board = board
        self.enrolment_id = enrolment_id
        self.options = ranked_targets(board, enrolment_id)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.target = QComboBox()
        self.target_label = QLabel()
        self.target_label.setBuddy(self.target)
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.why.setMinimumWidth(360)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout()
        form.addRow(self.target_label, self.target)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.why)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.target.currentIndexChanged.connect(self._explain)
        self.retranslate()

    def chosen_group(self) -> int | None:
        index = self.target.currentIndex()
        return self.options[index].group if 0 <= index < len(self.options) else None

    def choose(self, group_index: int) -> None:
        for row, option in enumerate(self.options):
            if option.group == group_index:
                self.target.setCurrentIndex(row)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Move to group"))
        self.intro.setText(_("Move {name} to:").format(name=self.board.people[self.enrolment_id].name))
        self.target_label.setText(_("&Group:"))
        row = max(0, self.target.currentIndex())
        self.target.blockSignals(True)
        self.target.clear()
        for rank, option in enumerate(self.options):
            group = self.board.groups[option.group]
            size = ngettext("{n} person", "{n} people", option.before.size).format(n=option.before.size)
            label = _("{group} ({size})").format(group=group.name, size=size)
            if rank == 0:
                label = _("{group} – suggested").format(group=label)
            self.target.addItem(label)
        self.target.setCurrentIndex(min(row, self.target.count() - 1))
        self.target.blockSignals(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.options))
        self._explain()

    def _explain(self) -> None:
        index = self.target.currentIndex()
        if 0 <= index < len(self.options):
            self.why.setText(_("In this group: {reason}.").format(reason=self.options[index].reason()))
        else:
            self.why.setText(_("There is no other group to move to."))
