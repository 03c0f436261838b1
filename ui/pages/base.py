"""What every area of the main window has in common.

A ``Page`` gets the open database with ``set_database``; it loads its lists the first time it is shown (and
again when shown after the database or cohort changed), then emits ``populated`` — when its ``load`` returns an
``ui.operations.Operation``, once that has finished. ``shows`` (a ``Changed`` flag) names the kinds of data the
page displays: when an operation announces one of them the page is marked stale and reloads when next shown
(at once if visible). ``CohortPage`` adds the shared cohort picker and reloads its lists for the chosen cohort.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from tillitsleder.i18n import N_, _
from ui.operations import Changed
from ui.widgets.cohort_picker import CohortPicker, CohortSelection
from ui.widgets.list_panel import ListPanel
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.storage import Database


class Page(Retranslating, QWidget):
    """One area. Subclasses set ``nav_title`` (an ``N_`` msgid) and ``shows``, and implement ``load()`` and
    ``retranslate()``."""

    nav_title = ""
    shows = Changed.NONE
    populated = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.list_panels: list[ListPanel] = []  # in reading order; set by subclasses
        self._stale = False
        self.reloads = 0  # how often the page has loaded (tests count them)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(16, 12, 16, 8)
        self.layout_.setSpacing(10)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.layout_.addWidget(self.heading)

    def title(self) -> str:
        return _(self.nav_title)

    def panels(self) -> list[ListPanel]:
        return list(self.list_panels)

    def has_search(self) -> bool:
        return bool(self.panels())

    def focus_search(self) -> None:
        panels = self.panels()
        if panels:
            panels[0].focus_search()

    def set_database(self, db: Database | None) -> None:
        self.db = db
        self.mark_stale()

    def mark_stale(self) -> None:
        """Reload now if visible, else the next time the page is shown."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        if self.db is None:
            return
        self._stale = False
        self.reloads += 1
        operation = self.load()
        if operation is None:
            self.populated.emit()
        else:
            operation.finished.connect(self.populated.emit)

    def on_changed(self, kinds: Changed) -> None:
        """Some data changed elsewhere: reload if this page shows any of ``kinds``."""
        if self.shows & kinds:
            self.mark_stale()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.reload()

    def load(self):
        """Show the database's data; may return the ``Operation`` that is still reading it."""
        raise NotImplementedError

    def retranslate(self) -> None:
        self.heading.setText(self.title())


NO_COHORTS = N_(
    "There are no cohorts in this database yet. A cohort is the group of participants who follow a programme "
    "together: create the first under Cohorts & participants with “New cohort…”."
)


class CohortPage(Page):
    """An area about one cohort: a cohort picker above ``list_panels``, which show the chosen cohort."""

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.picker = CohortPicker(selection)
        self.layout_.addWidget(self.picker)
        selection.changed.connect(lambda _cohort: self.mark_stale())

    def load(self) -> None:
        assert self.db is not None
        cohort_id = self.selection.current
        for panel in self.list_panels:
            if cohort_id is None:
                panel.show_message(NO_COHORTS)
            else:
                panel.set_source(self.db, cohort_id=cohort_id)


def privacy_note() -> QLabel:
    """A framed sentence above a list that says what the coordinator does not see, and why."""
    label = QLabel()
    label.setObjectName("privacyNote")
    label.setWordWrap(True)
    return label
