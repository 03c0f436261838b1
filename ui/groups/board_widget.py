"""The group board: propose reflection groups for the chosen cohort, rearrange them, save them as a round.

Above: the size range, “Propose” and “Try another arrangement” (the same sizes composed another way: the
composition is deterministic, so each press proposes with the next arrangement number), the round shown (saved
rounds, newest first, and the unsaved proposal), “Save as round…” and, for a saved round, “Rename
round…”/“Delete round…” (``RoundActions``).
In the middle a card per group (``GroupCard``) with its score and why; members move by drag and drop or with
“Move to group…” (Ctrl+M, also in each member's context menu). On the right the live warnings for the whole
board. An unsaved proposal changes only in memory until it is saved; a move in a saved round is stored at once by
``services.groups.move_member`` (one transaction) and the round is read again. Proposing runs off the GUI thread.
The tab is built with the main window, before any database work: the services (SQLAlchemy) are imported when
first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QMenu,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tillitsleder.groups.board import Board
from tillitsleder.groups.scoring import SizeRange
from tillitsleder.i18n import N_, _, format_date, ngettext
from ui.errors import error_text
from ui.groups.card_grid import CardGrid
from ui.groups.group_card import GroupCard, MemberList
from ui.groups.move_dialog import MoveDialog
from ui.groups.round_actions import RoundActions
from ui.operations import Changed, announce, run
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.keyboard import chain
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.groups import rounds as group_service
    from tillitsleder.storage import Database
    from ui.widgets.cohort_picker import CohortSelection

UNSAVED = -1  # the round combo's data for the unsaved proposal


class GroupBoardTab(Retranslating, QWidget):
    """The “Group board” tab of the reflection-groups area."""

    tab_title = N_("Group board")
    boardShown = Signal()  # noqa: N815 - after the cards show a new board state

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.db: Database | None = None
        self.cohort_id: int | None = None
        self.board: Board | None = None
        self.proposal: Board | None = None  # the unsaved proposal, kept while browsing saved rounds
        self._scores: list = []  # of self.board, computed once per change
        self.job = None
        self._stale = False
        self._message = ""
        self._build()
        chain(  # reading order: the round's buttons were made (and joined the Tab chain) before the fields
            self.min_size, self.max_size, self.propose_button, self.another_button, self.rounds, self.save_button,
            self.round_actions.rename_button, self.round_actions.delete_button,
        )  # fmt: skip
        selection.actorChanged.connect(self._actor_changed)
        self.retranslate()

    def _build(self) -> None:
        self.size_label, self.to_label, self.round_label = QLabel(), QLabel(), QLabel()
        self.min_size, self.max_size = QSpinBox(), QSpinBox()
        self.seed = 0  # the arrangement: the same cohort, sizes and number always give the same groups
        self.min_size.setRange(2, 30)
        self.max_size.setRange(2, 30)
        self.min_size.setValue(5)
        self.max_size.setValue(8)
        self.size_label.setBuddy(self.min_size)
        self.min_size.valueChanged.connect(lambda v: self.max_size.setValue(max(v, self.max_size.value())))
        self.max_size.valueChanged.connect(lambda v: self.min_size.setValue(min(v, self.min_size.value())))
        self.propose_button, self.save_button, self.move_button = QPushButton(), QPushButton(), QPushButton()
        self.another_button = QPushButton()
        self.rounds = QComboBox()
        self.rounds.setMinimumWidth(220)
        self.round_label.setBuddy(self.rounds)
        tools = FlowLayout(spacing=8)
        for widget in (self.size_label, self.min_size, self.to_label, self.max_size, self.propose_button,
                       self.another_button):  # fmt: skip
            tools.addWidget(widget)
        tools.add_right_aligned()
        self.round_actions = RoundActions(self)
        round_pick = QWidget()  # the label stays with its list when the line wraps
        round_row = QHBoxLayout(round_pick)
        round_row.setContentsMargins(0, 0, 0, 0)
        round_row.addWidget(self.round_label)
        round_row.addWidget(self.rounds)
        for widget in (round_pick, self.save_button, self.round_actions):
            tools.addWidget(widget)
        self.summary = QLabel()
        self.message = QLabel()
        self.message.setObjectName("warning")
        self.message.setWordWrap(True)
        self.grid = CardGrid()
        self.grid.dropped.connect(self.move)
        self.grid.menuRequested.connect(self._context_menu)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the member lists on the cards take the focus
        self.scroll.setWidget(self.grid)
        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.warnings_title = QLabel()
        self.warnings_title.setObjectName("panelTitle")
        self.warnings = QListWidget()
        self.warnings.setObjectName("boardWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setSpacing(3)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.warnings_title)
        side_layout.addWidget(self.warnings, 1)
        side_layout.addWidget(self.move_button)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.empty)
        middle_layout.addWidget(self.scroll, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([980, 230])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(tools)
        status = QHBoxLayout()
        status.addWidget(self.summary)
        status.addWidget(self.message, 1)
        layout.addLayout(status)
        layout.addWidget(self.splitter, 1)
        self.move_action = QAction(self)
        self.move_action.setShortcut(QKeySequence("Ctrl+M"))
        self.move_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.move_action.triggered.connect(lambda: self.ask_move())
        self.addAction(self.move_action)
        self.propose_button.clicked.connect(self.propose)
        self.another_button.clicked.connect(self.try_another)
        self.save_button.clicked.connect(lambda: self.save_as_round())
        self.move_button.clicked.connect(lambda: self.ask_move())
        self.rounds.activated.connect(self._round_chosen)

    # --- data ----------------------------------------------------------------------------------------------

    def show_cohort(self, db: Database | None, cohort_id: int | None) -> None:
        """The page tells the tab which cohort to show; it reads when visible."""
        if (db, cohort_id) != (self.db, self.cohort_id):
            self.proposal = None
        self.db, self.cohort_id = db, cohort_id
        self._stale = True
        if self.isVisible():
            self.reload()

    def _actor_changed(self, _actor: object) -> None:
        # A proposal belongs to whoever made it; the services decide what the new profile may see.
        self.proposal = None
        self.show_cohort(self.db, self.cohort_id)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self, round_id: int | None = None) -> None:
        """Read the saved rounds again; show ``round_id``, else the unsaved proposal, else the newest round."""
        self._stale = False
        self._set_message("")
        if self.db is None or self.cohort_id is None:
            self._fill_rounds([])
            self._show(None)
            return
        from tillitsleder.groups import rounds as group_service

        try:
            rounds = group_service.list_rounds(self.db, self.cohort_id, self.selection.actor)
            self._fill_rounds(rounds)
            if round_id is None and self.proposal is None and rounds:
                round_id = rounds[0].id
            board = group_service.load_round(self.db, round_id, self.selection.actor) if round_id else self.proposal
        except Exception as error:  # noqa: BLE001 - say what went wrong instead of crashing
            self._set_message(error_text(error))
            board = None
        self._show(board)

    def _fill_rounds(self, rounds: list[group_service.RoundInfo]) -> None:
        self._round_infos = rounds
        self.rounds.blockSignals(True)
        self.rounds.clear()
        if self.proposal is not None:
            self.rounds.addItem(_("New proposal (not saved)"), UNSAVED)
        for info in rounds:
            self.rounds.addItem(f"{info.name} · {format_date(info.created_at.date())}", info.id)
        if not rounds and self.proposal is None:
            self.rounds.addItem(_("No saved rounds yet"), None)
        self.rounds.setEnabled(self.rounds.count() > 1 or self.proposal is not None or bool(rounds))
        self.rounds.blockSignals(False)

    def _round_chosen(self, index: int) -> None:
        data = self.rounds.itemData(index)
        if data == UNSAVED:
            self._show(self.proposal)
        elif data is not None:
            self.reload(int(data))

    def propose(self) -> None:
        if self.db is None or self.cohort_id is None or (self.job is not None and self.job.running):
            return
        from tillitsleder.groups import rounds as group_service

        db, cohort_id, actor = self.db, self.cohort_id, self.selection.actor
        bounds = SizeRange(self.min_size.value(), self.max_size.value())
        seed = self.seed
        self.propose_button.setEnabled(False)
        self.another_button.setEnabled(False)
        self._set_message("")
        self.summary.setText(_("Composing groups…"))
        self.job = run(
            lambda _context: group_service.propose_board(db, cohort_id, bounds, seed, actor),
            parent=self,
            on_success=self._proposed,
            on_failure=self._failed,
            name="propose-groups",
        )

    def try_another(self) -> None:
        """Propose the same sizes composed another way (the next arrangement)."""
        if self.job is not None and self.job.running:
            return
        self.seed += 1
        self.propose()

    def _proposed(self, board: Board) -> None:
        self.propose_button.setEnabled(True)
        self.another_button.setEnabled(True)
        if board.cohort_id != self.cohort_id:
            return  # the cohort changed meanwhile
        self.proposal = board
        self.reload(None)

    def _failed(self, error: BaseException) -> None:
        self.propose_button.setEnabled(True)
        self.another_button.setEnabled(True)
        self._set_message(error_text(error))
        self._show(self.board)

    def move(self, enrolment_id: int, target: int) -> bool:
        """Move a member to group index ``target``: in memory for a proposal, stored for a saved round."""
        board = self.board
        if board is None or not 0 <= target < len(board.groups):
            return False
        try:
            if board.round_id is None:
                board.move(enrolment_id, target)
                self._show(board)
            else:
                from tillitsleder.groups import rounds as group_service

                group_id = board.groups[target].id
                assert group_id is not None
                group_service.move_member(self.db, enrolment_id, group_id, self.selection.actor)
                announce(Changed.GROUPS, self)
                self.reload(board.round_id)
        except Exception as error:  # noqa: BLE001
            self._set_message(error_text(error))
            self._show(self.board)
            return False
        return True

    def save_as_round(self, name: str | None = None) -> bool:
        board = self.board
        if self.db is None or board is None or board.round_id is not None:
            return False
        if name is None:
            name, ok = QInputDialog.getText(
                self, _("Save as round"), _("Name of the round (empty: “Round” and its number):")
            )
            if not ok:
                return False
        from tillitsleder.groups import rounds as group_service

        try:
            saved = group_service.save_round(self.db, board, name, self.selection.actor)
        except Exception as error:  # noqa: BLE001
            self._set_message(error_text(error))
            return False
        self.proposal = None
        announce(Changed.GROUPS, self)
        self.reload(saved.id)
        self._set_message("")
        self.summary.setText(_("Saved as “{name}”.").format(name=saved.name) + "  " + self.summary.text())
        return True

    # --- the keyboard way ----------------------------------------------------------------------------------

    def focused_member(self) -> int | None:
        widget = self.focusWidget()
        lists = [widget] if isinstance(widget, MemberList) else []
        lists += [card.members for card in self.cards if card.members.currentItem() is not None]
        return next((lst.current_enrolment() for lst in lists if lst.current_enrolment() is not None), None)

    def ask_move(self, enrolment_id: int | None = None) -> MoveDialog | None:
        """Open “Move to group…” for a member (the focused one by default); returns the dialog (for tests)."""
        enrolment_id = enrolment_id if enrolment_id is not None else self.focused_member()
        if self.board is None or enrolment_id is None:
            self._set_message(_("Choose a member first, then Move to group…"))
            return None
        dialog = MoveDialog(self.board, enrolment_id, self)
        dialog.accepted.connect(lambda: self._move_chosen(dialog))
        dialog.open()
        return dialog

    def _move_chosen(self, dialog: MoveDialog) -> None:
        target = dialog.chosen_group()
        if target is not None and self.move(dialog.enrolment_id, target):
            self._focus_member(dialog.enrolment_id)

    def _focus_member(self, enrolment_id: int) -> None:
        for card in self.cards:
            for row in range(card.members.count()):
                if card.members.item(row).data(Qt.ItemDataRole.UserRole) == enrolment_id:
                    card.members.setCurrentRow(row)
                    card.members.setFocus()
                    return

    def _context_menu(self, members: MemberList, point: QPoint) -> None:
        item = members.itemAt(point)
        if item is None:
            return
        members.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction(self.move_action)
        menu.exec(members.viewport().mapToGlobal(point))

    # --- showing -------------------------------------------------------------------------------------------

    @property
    def cards(self) -> list[GroupCard]:
        return self.grid.cards

    def _show(self, board: Board | None) -> None:
        self.board = board
        self._scores = board.scores() if board is not None else []
        self.grid.show_board(board, self._scores)
        self._select_round_item(board)
        self.retranslate()
        self.boardShown.emit()

    def _select_round_item(self, board: Board | None) -> None:
        data = None if board is None else (UNSAVED if board.round_id is None else board.round_id)
        index = self.rounds.findData(data)
        if index >= 0:
            self.rounds.setCurrentIndex(index)

    def _set_message(self, text: str) -> None:
        self._message = text
        self.message.setText(text)

    def retranslate(self) -> None:
        self.size_label.setText(_("Group &size:"))
        self.to_label.setText(_("to"))
        self.propose_button.setText(_("&Propose"))
        self.propose_button.setToolTip(_("Compose groups across units, departments and leader levels"))
        self.another_button.setText(_("Try &another arrangement"))
        self.another_button.setToolTip(
            _("Compose the groups again in another way, with the same sizes. Nothing is saved until you save a round.")
        )
        self.round_label.setText(_("&Round:"))
        self.min_size.setAccessibleName(_("Smallest group size"))
        self.max_size.setAccessibleName(_("Largest group size"))
        self.warnings.setAccessibleName(_("Warnings"))
        self.save_button.setText(_("Sa&ve as round…"))
        self.move_button.setText(_("&Move to group…"))
        self.move_action.setText(_("&Move to group…"))
        self.warnings_title.setText(_("Warnings"))
        board = self.board
        self.save_button.setEnabled(board is not None and board.round_id is None)
        self.move_button.setEnabled(board is not None)
        self.scroll.setVisible(board is not None)
        self.empty.setVisible(board is None)
        self.empty.setText(
            _("There are no cohorts in this database yet.")
            if self.cohort_id is None
            else _("No groups yet. Choose a group size and press Propose.")
        )
        self.warnings.clear()
        if board is None:
            self.summary.setText("")
            return
        scores = self._scores
        for warning in board.warnings(scores):
            self.warnings.addItem(warning.text)
        for advice in board.withdrawal_advice():
            self.warnings.addItem(advice)
        if not self.warnings.count():
            self.warnings.addItem(_("No warnings: every group is within size, without same-unit pairs or repeats."))
        people = sum(score.size for score in scores)
        same_unit = sum(score.same_unit_pairs for score in scores)
        repeats = sum(score.repeated_pairs for score in scores)
        self.summary.setText(
            _("{people} in {groups} · same-unit pairs: {same} · repeated pairs: {repeats}").format(
                people=ngettext("{n} participant", "{n} participants", people).format(n=people),
                groups=ngettext("{n} group", "{n} groups", len(scores)).format(n=len(scores)),
                same=same_unit,
                repeats=repeats,
            )
        )
