"""Programmes & curriculum: the programmes, and the selected programme's modules."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter

from tillitsleder.i18n import N_
from ui.pages.base import Page
from ui.widgets.list_panel import ListPanel


class ProgrammesPage(Page):
    nav_title = N_("Programmes & curriculum")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.programmes = ListPanel("programmes", title=N_("Programmes"), select_first=True)
        self.modules = ListPanel("modules", title=N_("Curriculum"))
        self.list_panels = [self.programmes, self.modules]
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.programmes)
        self.splitter.addWidget(self.modules)
        self.splitter.setSizes([170, 530])  # programmes are few; their modules many
        self.layout_.addWidget(self.splitter, 1)
        self.programmes.currentIdChanged.connect(self._show_modules)
        self.retranslate()

    def load(self) -> None:
        assert self.db is not None
        self.programmes.set_source(self.db)

    def _show_modules(self, programme_id: int | None) -> None:
        if self.db is None:
            return
        if programme_id is None:
            self.modules.set_title_suffix("")
            self.modules.show_message(N_("Select a programme to see its curriculum."))
            return
        index = self.programmes.table.currentIndex()
        name = index.siblingAtColumn(0).data() if index.isValid() else ""
        self.modules.set_title_suffix(str(name or ""))
        self.modules.set_source(self.db, programme_id=programme_id)
