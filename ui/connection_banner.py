"""The line above the areas while the database server cannot be reached, and the retries that bring it back.

``ConnectionBanner`` appears when ``ui.connection`` hears of a lost connection (an operation failed with
``ConnectionLost``): "The connection to the database server was lost. Retrying… Your unsaved text is kept on
this PC.", with a *Try now* button. It is not modal: the window stays usable, and what is being written is kept
on this PC meanwhile (the journal's held drafts). It tries again after 1, 2, 4 … 30 s (a ``QTimer``) with one
cheap ``SELECT 1`` off the GUI thread (``Database.ping``); *Try now* tries at once. When the server answers, the
banner goes, the watch reports the connection back (widgets save what they kept) and every page reloads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from tillitsleder.i18n import _
from tillitsleder.storage.failures import CONNECTION_LOST_MESSAGE
from ui import recolour
from ui.connection import connection_watch
from ui.operations import EVERYTHING, announce, run
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.storage import Database

BACKOFF_S = (1, 2, 4, 8, 16, 30)


class ConnectionBanner(Retranslating, QFrame):
    """Shown while the connection is lost; retries by itself with a growing pause, or now on *Try now*."""

    def __init__(self, database: Callable[[], Database | None], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionBanner")
        recolour.follow_sheet(
            self,
            lambda s: (
                f"QFrame#connectionBanner {{ background: {s.css_fill('banner')}; "
                f"border-bottom: 1px solid {s.css_border('banner')}; }} "
                f"QFrame#connectionBanner QLabel {{ color: {s.css_text('banner')}; }}"
            ),
        )
        recolour.mark_surface(self, "banner")
        self._database = database
        self.attempts = 0  # retries since the connection was lost (tests read it)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.try_button = QPushButton()
        self.try_button.setObjectName("tryConnectionNow")
        self.try_button.setProperty("readOnlySafe", True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.try_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.try_now)
        self._trying = False
        self.try_button.clicked.connect(self.try_now)
        watch = connection_watch()
        watch.lost.connect(self._on_lost)
        watch.restored.connect(self._on_restored)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.text.setText(_(CONNECTION_LOST_MESSAGE))
        self.try_button.setText(_("&Try now"))
        self.try_button.setToolTip(_("Try to reach the database server again now."))

    def next_pause_ms(self) -> int:
        return 1000 * BACKOFF_S[min(self.attempts, len(BACKOFF_S) - 1)]

    def _on_lost(self) -> None:
        self.attempts = 0
        self.show()
        self._timer.start(self.next_pause_ms())

    def try_now(self) -> None:
        """One ``SELECT 1`` off the GUI thread; the next try is scheduled if it fails."""
        db = self._database()
        if db is None:
            connection_watch().report_restored()  # nothing to reach: the banner has nothing to say
            return
        if self._trying:
            return
        self._timer.stop()
        self._trying = True
        self.try_button.setEnabled(False)
        run(lambda _ctx: db.ping(), parent=self, on_success=self._reached, on_failure=self._not_yet, name="ping")

    def _reached(self, _result: object) -> None:
        self._trying = False
        self.try_button.setEnabled(True)
        connection_watch().report_restored()

    def _not_yet(self, _error: BaseException) -> None:
        self._trying = False
        self.try_button.setEnabled(True)
        self.attempts += 1
        self._timer.start(self.next_pause_ms())

    def _on_restored(self) -> None:
        self._timer.stop()
        self.attempts = 0
        self.hide()
        announce(EVERYTHING)  # what others changed meanwhile: every page reloads when next shown
