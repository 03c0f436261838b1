"""One group on the board: a card with its name, size, score and why, and its members in a list.

Members are dragged between the cards' lists. A drag carries only the enrolment id (``MEMBER_MIME``); the list
a member is dropped on emits ``dropped(enrolment_id, group_index)`` once the drag has finished, and the board
decides (and rebuilds every card), so no list changes itself. ``group_index`` -1 is the card of participants
who are in no group yet (late joiners): members can be dragged out of it, not into it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
)

from tillitsleder.groups.board import Board
from tillitsleder.groups.scoring import GroupScore, pair, summary
from tillitsleder.i18n import _, ngettext
from ui import colours, recolour
from ui.widgets.retranslate import Retranslating

MEMBER_MIME = "application/x-tillitsleder-enrolment"
CARD_WIDTH = 232
FLAGGED = "warning.item"  # colour roles (``ui.colours``): a flagged member (who also gets an icon and the why)
GOOD, WARNING = "good", "warning"  # the score line: no penalty, or some


def member_mime(enrolment_id: int) -> QMimeData:
    mime = QMimeData()
    mime.setData(MEMBER_MIME, str(enrolment_id).encode("ascii"))
    return mime


def enrolment_of(mime: QMimeData) -> int | None:
    if not mime.hasFormat(MEMBER_MIME):
        return None
    text = bytes(mime.data(MEMBER_MIME).data()).decode("ascii", "replace")
    return int(text) if text.isdigit() else None


class MemberList(QListWidget):
    """The members of one group; a source and (unless ``group_index`` is -1) a target of drags."""

    dropped = Signal(int, int)  # enrolment id, group index

    def __init__(self, group_index: int, parent=None) -> None:
        super().__init__(parent)
        self.group_index = group_index
        self.setObjectName("groupMembers")
        self.setDragEnabled(True)
        mode = QAbstractItemView.DragDropMode
        self.setDragDropMode(mode.DragDrop if group_index >= 0 else mode.DragOnly)
        self.setAcceptDrops(group_index >= 0)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSpacing(1)

    def current_enrolment(self) -> int | None:
        item = self.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt's name
        return [MEMBER_MIME]

    def mimeData(self, items: list[QListWidgetItem]) -> QMimeData:  # noqa: N802
        return member_mime(int(items[0].data(Qt.ItemDataRole.UserRole)))

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        self._consider(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        self._consider(event)

    def _consider(self, event: QDragEnterEvent | QDragMoveEvent) -> None:
        if self.group_index >= 0 and enrolment_of(event.mimeData()) is not None and event.source() is not self:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        enrolment_id = enrolment_of(event.mimeData())
        if self.group_index < 0 or enrolment_id is None:
            event.ignore()
            return
        # Copy, so the source list keeps its item; the board rebuilds all cards after the drag has ended.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        QTimer.singleShot(0, lambda: self.dropped.emit(enrolment_id, self.group_index))

    def fit_height(self) -> None:
        row = self.sizeHintForRow(0) + 2 * self.spacing() if self.count() else 0  # every row has two lines
        rows = row * self.count()
        self.setFixedHeight(max(rows, 44) + 2 * self.frameWidth() + 6)


class GroupCard(Retranslating, QFrame):
    """A card: heading, score line, reasons, members."""

    def __init__(self, group_index: int, parent=None) -> None:
        super().__init__(parent)
        self.group_index = group_index
        self.setObjectName("groupCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(CARD_WIDTH)
        self.heading = QLabel()
        self.heading.setObjectName("groupCardHeading")
        self.score_label = QLabel()
        self.score_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setObjectName("groupCardReasons")
        self.members = MemberList(group_index)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(self.score_label)
        layout.addWidget(self.reasons)
        layout.addWidget(self.members)
        layout.addStretch(1)
        self._board: Board | None = None
        self._score: GroupScore | None = None
        recolour.changes().changed.connect(self._recolour)

    def _recolour(self) -> None:
        if self._board is not None:
            self.show_group(self._board, self._score)

    def adopt(self, board: Board) -> None:
        """A new board value whose part on this card is unchanged."""
        self._board = board

    def show_group(self, board: Board, score: GroupScore | None) -> None:
        self._board, self._score = board, score
        self.members.clear()
        ids = board.groups[self.group_index].members if self.group_index >= 0 else board.unplaced
        troubled = _troubled(board, ids)
        for enrolment_id in ids:
            person = board.people[enrolment_id]
            where = " · ".join(part for part in (person.unit, person.department) if part)
            item = QListWidgetItem(f"{person.name}\n{where}" if where else person.name)
            item.setData(Qt.ItemDataRole.UserRole, enrolment_id)
            item.setToolTip(f"{person.name}\n{where}")
            why = troubled.get(enrolment_id)
            if enrolment_id in board.left:
                why = [_("No longer takes part."), *(why or [])]
            if why:  # not by colour alone: a warning icon, and the reasons in the tooltip and for screen readers
                ink = colours.scheme().brushes(FLAGGED)[1]
                if ink is not None:
                    item.setForeground(ink)
                item.setIcon(QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
                item.setToolTip(f"{person.name}\n{where}\n\n" + "\n".join(why))
                item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, " ".join(why))
            self.members.addItem(item)
        self.members.fit_height()
        self.retranslate()

    def retranslate(self) -> None:
        board, score = self._board, self._score
        if board is None:
            return
        if self.group_index < 0:
            self.members.setAccessibleName(_("Not in a group yet"))
            self.heading.setText(f"<b>{html.escape(_('Not in a group yet'))}</b>")
            self.score_label.setText(_("Late joiners: drag them to a group, or use Move to group…"))
            self.score_label.setWordWrap(True)
            self.reasons.hide()
            return
        assert score is not None
        people = ngettext("{n} person", "{n} people", score.size).format(n=score.size)
        self.members.setAccessibleName(_("Members of {group}").format(group=board.groups[self.group_index].name))
        self.heading.setText(f"<b>{html.escape(board.groups[self.group_index].name)}</b> · {html.escape(people)}")
        recolour.style_label(self.score_label, GOOD if score.penalty == 0 else WARNING)
        self.score_label.setText(summary(score))
        self.score_label.setToolTip(_("Lower is better: 0 is a group without same-unit pairs, repeats or imbalance."))
        reasons = board.reasons(score)
        self.reasons.setVisible(bool(reasons))
        self.reasons.setText("\n".join(f"• {reason}" for reason in reasons))


def card_key(board: Board, group_index: int, score: GroupScore | None) -> object:
    """What a card shows; the same key means the card need not be filled again."""
    if group_index < 0:
        return ("unplaced", tuple(board.unplaced))
    group = board.groups[group_index]
    troubled = _troubled(board, group.members)
    return (
        group.name,
        tuple(group.members),
        score,
        tuple((m, tuple(troubled.get(m, ()))) for m in group.members),
        tuple(m for m in group.members if m in board.left),
    )


def _troubled(board: Board, ids: list[int]) -> dict[int, list[str]]:
    """Per member, why they add to the group's penalty (same unit as someone, sat with someone before)."""
    why: dict[int, list[str]] = {}
    people = board.people
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            pa, pb = people[a], people[b]
            if pa.unit_id is not None and pa.unit_id == pb.unit_id:
                why.setdefault(a, []).append(_("Same unit as {name}.").format(name=pb.name))
                why.setdefault(b, []).append(_("Same unit as {name}.").format(name=pa.name))
            if pair(a, b) in board.previous:
                why.setdefault(a, []).append(_("Sat with {name} in an earlier round.").format(name=pb.name))
                why.setdefault(b, []).append(_("Sat with {name} in an earlier round.").format(name=pa.name))
    return why
