"""The meeting editor's notes kept on this PC while the database server cannot be reached (a mixin).

``save`` hands a ``ConnectionLost`` to ``_keep_here``: the whole meeting is sealed in the local data folder
(``tillitsleder.group_notes.held_notes``) and the editor says so. When the connection is back
(``ui.connection``) the meeting is saved — the one shown, through ``save``, or else as it was kept; after a
restart, showing that meeting again saves what was kept (``_save_kept_notes``) and shows the meeting as stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tillitsleder.i18n import _, format_datetime
from ui.connection import connection_watch
from ui.errors import error_text
from ui.operations import Changed, announce

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QLabel

    from tillitsleder.access import Actor
    from tillitsleder.group_notes.meetings import MeetingView
    from tillitsleder.storage import Database


class KeptNotes:
    db: Database | None
    actor: Actor | None
    view: MeetingView | None
    message: QLabel
    saved: SignalInstance
    _held_for: tuple[int, int | None] | None
    # and the editor's ``draft() -> MeetingDraft`` and ``save() -> bool``

    def _save_kept_notes(self) -> None:
        """Notes of the meeting shown that were kept on this PC (the server was away; perhaps before a restart)
        are saved now; the meeting is then shown as stored."""
        if self.view is None or self.db is None or self.actor is None:
            return
        from tillitsleder.group_notes.held_notes import forget_meeting, held_meeting
        from tillitsleder.group_notes.meeting_edits import save_meeting

        group_id, meeting_id = self.view.group.id, self.view.id
        try:
            held = held_meeting(self.db, self.actor, group_id, meeting_id)
            if held is None:
                return
            saved_id = save_meeting(self.db, self.actor, group_id, held.draft, meeting_id)
        except Exception as error:  # noqa: BLE001 - they stay kept; the reason is shown
            self.message.setText(error_text(error))
            return
        forget_meeting(self.db, self.actor, group_id, meeting_id)
        announce(Changed.GROUP_NOTES, self)
        self.saved.emit(saved_id)
        self.message.setText(
            _("Notes kept on this PC while the server could not be reached ({when}) were saved.").format(
                when=format_datetime(held.saved_at)
            )
        )

    def _keep_here(self, group_id: int, meeting_id: int | None) -> bool:
        """The server cannot be reached: keep the meeting encrypted on this PC until it can be saved."""
        from tillitsleder.group_notes.held_notes import hold_meeting

        assert self.db is not None and self.actor is not None
        hold_meeting(self.db, self.actor, group_id, meeting_id, self.draft())
        self._held_for = (group_id, meeting_id)
        connection_watch().report_lost()
        self.message.setText(
            _("The server cannot be reached: these notes are kept encrypted on this PC and saved when it is back.")
        )
        return False

    def _on_connection_back(self) -> None:
        """The server is back: the meeting kept on this PC is saved (the one shown, or else as it was kept)."""
        if self._held_for is None or self.db is None or self.actor is None:
            return
        if self.view is not None and (self.view.group.id, self.view.id) == self._held_for:
            self.save()
            return
        from tillitsleder.group_notes.held_notes import save_held_meetings

        try:
            save_held_meetings(self.db, self.actor)
        except Exception as error:  # noqa: BLE001 - they stay kept on this PC
            self.message.setText(error_text(error))
            return
        self._held_for = None
        announce(Changed.GROUP_NOTES, self)
