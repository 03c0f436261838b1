"""The cards of the group board in a grid that fits the width, updated card by card.

A board of 400 participants has some 60 cards; rebuilding all of them after every move would take a second.
``show_board`` keeps the cards it has when the number of groups is the same and refreshes only those whose
contents (name, members, score, the reasons members are marked) changed, so a move repaints two cards. The grid
puts as many columns as fit and lays them out again when the width changes; the cards share out the width (at
least ``CARD_WIDTH``, at most ``MAX_CARD_WIDTH``), so unit and department get the room there is. Inside a scroll
area the width counts as if the vertical scroll bar were shown, so its appearing never pushes a column out of
sight.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QGridLayout, QStyle, QWidget

from tillitsleder.groups.board import Board
from tillitsleder.groups.scoring import GroupScore
from ui.groups.group_card import CARD_WIDTH, GroupCard, card_key

SPACING = 10
MAX_CARD_WIDTH = 480


class CardGrid(QWidget):
    dropped = Signal(int, int)  # enrolment id, group index
    menuRequested = Signal(object, QPoint)  # noqa: N815 - the MemberList and the point in its viewport

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.cards: list[GroupCard] = []
        self._keys: list[object] = []
        self._columns = 0
        self.grid = QGridLayout(self)
        self.grid.setSpacing(SPACING)
        self.grid.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

    def show_board(self, board: Board | None, scores: list[GroupScore] | None = None) -> None:
        indices = [] if board is None else list(range(len(board.groups))) + ([-1] if board.unplaced else [])
        if [card.group_index for card in self.cards] != indices:
            self._rebuild(indices)
        if board is None:
            return
        scores = scores if scores is not None else board.scores()
        for position, card in enumerate(self.cards):
            score = scores[card.group_index] if card.group_index >= 0 else None
            key = card_key(board, card.group_index, score)
            if key != self._keys[position]:
                card.show_group(board, score)
                self._keys[position] = key
            else:
                card.adopt(board)

    def _rebuild(self, indices: list[int]) -> None:
        for card in self.cards:
            self.grid.removeWidget(card)
            card.deleteLater()
        self.cards, self._keys = [], []
        for g in indices:
            card = GroupCard(g, self)
            card.members.dropped.connect(self.dropped)
            card.members.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            card.members.customContextMenuRequested.connect(
                lambda point, members=card.members: self.menuRequested.emit(members, point)
            )
            self.cards.append(card)
            self._keys.append(None)
        self._columns = 0
        self._place()

    def available_width(self) -> int:
        """The width the cards may use: the scroll area's viewport less a vertical scroll bar, else our own."""
        viewport = self.parentWidget()
        area = viewport.parentWidget() if viewport is not None else None
        if isinstance(area, QAbstractScrollArea) and area.viewport() is viewport:
            bar = area.verticalScrollBar()
            extent = 0 if bar.isVisible() else self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
            return viewport.width() - extent
        return self.width()

    def _place(self) -> None:
        available = self.available_width() - SPACING
        columns = max(1, available // (CARD_WIDTH + SPACING))
        width = max(CARD_WIDTH, min(MAX_CARD_WIDTH, available // columns - SPACING))
        if columns == self._columns and all(card.width() == width for card in self.cards):
            return
        self._columns = columns
        for card in self.cards:
            self.grid.removeWidget(card)
            card.setFixedWidth(width)
        for position, card in enumerate(self.cards):
            self.grid.addWidget(card, position // columns, position % columns, Qt.AlignmentFlag.AlignTop)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place()
