"""The cohort the coordinator is working with, shared by every area that shows one cohort.

``CohortSelection`` holds the cohorts of the open database (plain ``Option`` values from
``lookups.cohort_options``) and the chosen one; each area shows a ``CohortPicker`` bound to it, so choosing
"Kull 2017" under Sessions also shows it under Reflection groups and Certificates. It also carries the acting
profile (``actor``), which every page passes to the services.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.i18n import _
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.lookups import Option


class CohortSelection(QObject):
    """The cohorts to choose from and the chosen one (``None`` when there are none)."""

    changed = Signal(object)  # int | None
    optionsChanged = Signal()  # noqa: N815
    actorChanged = Signal(object)  # noqa: N815 - Actor: the profile the app now acts as

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.options: list[Option] = []
        self.current: int | None = None
        self.actor: Actor = COORDINATOR  # who the services act for; pages pass it to every service call
        self.profile = None  # the unlocked profile behind ``actor`` (its keys open sealed data), when there is one

    def set_actor(self, actor: Actor) -> None:
        if actor != self.actor:
            self.actor = actor
            self.actorChanged.emit(actor)

    def set_options(self, options: list[Option]) -> None:
        """New cohorts (after opening a database); keeps the choice if that cohort is still there."""
        self.options = list(options)
        ids = [option.id for option in self.options]
        current = self.current if self.current in ids else (ids[0] if ids else None)
        self.optionsChanged.emit()
        self.current = None
        self.select(current)

    def select(self, cohort_id: int | None) -> None:
        if cohort_id != self.current:
            self.current = cohort_id
            self.changed.emit(cohort_id)

    def label(self, cohort_id: int | None) -> str:
        return next((option.label for option in self.options if option.id == cohort_id), "")


class CohortPicker(Retranslating, QWidget):
    """The label “Cohort:” and a drop-down of cohorts, bound to a ``CohortSelection``."""

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(parent)
        self._selection = selection
        self.label = QLabel()
        self.combo = QComboBox()
        self.combo.setMinimumWidth(240)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.label.setBuddy(self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.combo.currentIndexChanged.connect(self._on_index)
        selection.optionsChanged.connect(self._fill)
        selection.changed.connect(self._show_current)
        self._fill()
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(_("&Cohort:"))
        self.combo.setToolTip(_("The cohort shown in this area and the other cohort areas."))
        if not self._selection.options:
            self._fill()

    def _fill(self) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        for option in self._selection.options:
            self.combo.addItem(option.label, option.id)
        if not self._selection.options:
            self.combo.addItem(_("No cohorts yet"), None)
        self.combo.setEnabled(bool(self._selection.options))
        self.combo.blockSignals(False)
        self._show_current(self._selection.current)

    def _show_current(self, cohort_id: int | None) -> None:
        index = self.combo.findData(cohort_id) if cohort_id is not None else -1
        if index >= 0 and index != self.combo.currentIndex():
            self.combo.blockSignals(True)
            self.combo.setCurrentIndex(index)
            self.combo.blockSignals(False)

    def _on_index(self, index: int) -> None:
        cohort_id = self.combo.itemData(index)
        if cohort_id is not None:
            self._selection.select(int(cohort_id))
