"""The banner that offers an unsaved draft back: when it was saved, how long it is, "Continue writing" or
"Throw it away"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from tillitsleder.i18n import _, format_datetime, ngettext
from ui import recolour
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from ui.journal.backend import RecoveredDraft


class DraftBanner(Retranslating, QFrame):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("draftBanner")
        recolour.follow_sheet(
            self,
            lambda s: (
                f"QFrame#draftBanner {{ background: {s.css_fill('draft.banner')}; "
                f"border: 1px solid {s.css_border('draft.banner')}; border-radius: 4px; }} "
                f"QFrame#draftBanner QLabel {{ color: {s.css_text('draft.banner')}; }}"
            ),
        )
        recolour.mark_surface(self, "draft.banner")
        self.draft: RecoveredDraft | None = None
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.continue_button = QPushButton()
        self.continue_button.setObjectName("continueDraft")
        self.discard_button = QPushButton()
        self.discard_button.setObjectName("discardDraft")
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.continue_button)
        layout.addWidget(self.discard_button)
        self.offer(None)
        self.retranslate()

    def offer(self, draft: RecoveredDraft | None) -> None:
        self.draft = draft
        self.setVisible(draft is not None)
        self._describe()

    def _describe(self) -> None:
        if self.draft is None:
            self.text.setText("")
            return
        words = len(self.draft.form.text.split())
        self.text.setText(
            _("You have an unsaved draft from {when} ({words}). Continue writing it, or throw it away?").format(
                when=format_datetime(self.draft.saved_at),
                words=ngettext("{n} word", "{n} words", words).format(n=words),
            )
        )

    def retranslate(self) -> None:
        self.continue_button.setText(_("&Continue writing"))
        self.discard_button.setText(_("Throw it a&way"))
        self._describe()
