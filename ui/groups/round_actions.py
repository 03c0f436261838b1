"""“Rename round…” and “Delete round…” for the saved round shown on the group board (``groups.round_edits``).

Both act on the round chosen in the board's round list and are the coordinator's (the services refuse anyone
else too). Delete asks first, naming the round and everything deleted with it: its groups, who was placed in
them and — once the groups have met — their meetings with the notes and agreed actions. Meetings are deleted
only after that explicit yes (``force``); a meeting added meanwhile makes the service refuse instead.
Both are one short transaction, run on the GUI thread like the board's other saves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLineEdit, QMessageBox, QPushButton, QWidget

from tillitsleder.i18n import _
from ui.errors import error_text
from ui.operations import Changed, announce
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QLabel

    from tillitsleder.groups.board import Board
    from tillitsleder.storage import Database


class BoardHost(Protocol):
    """What the actions need of the group board tab they sit on (``board_widget.GroupBoardTab``)."""

    db: Database | None
    board: Board | None
    selection: Any  # the shared CohortSelection: ``actor``
    summary: QLabel
    boardShown: SignalInstance  # noqa: N815 - Qt signal name

    def reload(self, round_id: int | None) -> None: ...

    def _set_message(self, text: str) -> None: ...


class RoundActions(Retranslating, QWidget):
    """Two buttons beside the board's round list; enabled while a saved round is shown."""

    def __init__(self, tab: BoardHost) -> None:
        super().__init__(tab)  # type: ignore[arg-type] - the host is a QWidget
        self.tab = tab
        self.rename_button, self.delete_button = QPushButton(), QPushButton()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.rename_button)
        layout.addWidget(self.delete_button)
        self.rename_button.clicked.connect(lambda: self.rename())
        self.delete_button.clicked.connect(lambda: self.delete())
        tab.boardShown.connect(self._enable)
        self.retranslate()

    def _shown_round(self) -> tuple[int, str] | None:
        board = self.tab.board
        if self.tab.db is None or board is None or board.round_id is None:
            return None
        return board.round_id, board.round_name or ""

    def _enable(self) -> None:
        enabled = self._shown_round() is not None and self.tab.selection.actor.is_coordinator
        self.rename_button.setEnabled(enabled)
        self.delete_button.setEnabled(enabled)

    def _done(self, round_id: int | None, text: str) -> None:
        self.tab.reload(round_id)
        announce(Changed.GROUPS | Changed.GROUP_NOTES, self.tab)
        self.tab.summary.setText(text + "  " + self.tab.summary.text())

    def rename(self, name: str | None = None) -> bool:
        """Ask for the round's new name (unless given) and store it; a refusal is shown above the cards."""
        from tillitsleder.groups.round_edits import rename_round

        shown = self._shown_round()
        if shown is None:
            return False
        round_id, old = shown
        if name is None:
            name, ok = QInputDialog.getText(
                self, _("Rename round"), _("New name of “{name}”:").format(name=old), QLineEdit.EchoMode.Normal, old
            )
            if not ok:
                return False
        try:
            renamed = rename_round(self.tab.db, round_id, name, self.tab.selection.actor)
        except Exception as error:  # noqa: BLE001 - say what went wrong instead of crashing
            self.tab._set_message(error_text(error))
            return False
        self._done(round_id, _("Renamed to “{name}”.").format(name=renamed.name))
        return True

    def delete(self) -> bool:
        """Say what deleting the shown round takes with it, and delete it only after a yes."""
        from tillitsleder.groups.round_edits import delete_round, round_contents

        shown = self._shown_round()
        if shown is None:
            return False
        round_id, name = shown
        actor = self.tab.selection.actor
        try:
            contents = round_contents(self.tab.db, round_id, actor)
        except Exception as error:  # noqa: BLE001
            self.tab._set_message(error_text(error))
            return False
        lines = [_("Delete “{name}”? This deletes:").format(name=name), ""]
        lines += [f"• {loss}" for loss in contents.losses()]
        if contents.meetings:
            lines += ["", _("The meetings' notes belong to the groups and cannot be recovered.")]
        lines += ["", _("This cannot be undone.")]
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.warning(self, _("Delete round"), "\n".join(lines), buttons.Yes | buttons.No, buttons.No)
        if answer != buttons.Yes:
            return False
        try:
            delete_round(self.tab.db, round_id, force=contents.meetings > 0, actor=actor)
        except Exception as error:  # noqa: BLE001
            self.tab._set_message(error_text(error))
            return False
        self._done(None, _("Deleted “{name}”.").format(name=name))
        return True

    def retranslate(self) -> None:
        self.rename_button.setText(_("Re&name round…"))
        self.rename_button.setToolTip(_("Give the round shown another name"))
        self.delete_button.setText(_("&Delete round…"))
        self.delete_button.setToolTip(_("Delete the round shown with its groups, after saying what is lost"))
        self._enable()
