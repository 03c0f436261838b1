"""The fields of a session: date, start and end time, title, module, type, venue and facilitators.

Filled from ``sessions.form_options`` (plain values); ``plan()`` gives a ``SessionPlan``. Choosing a module
fills an empty title and the type from it. The venue is picked from the list or typed as a new name.
Times are the programme's local clock times.
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTimeEdit,
    QWidget,
)

from tillitsleder.enums import SessionType
from tillitsleder.i18n import _
from tillitsleder.sessions.scheduling import FormOptions, SessionPlan
from ui.widgets.date_edit import DateEdit
from ui.widgets.retranslate import Retranslating


class SessionForm(Retranslating, QWidget):
    """Emits ``changed`` whenever a field that affects conflicts or validity changes."""

    changed = Signal()

    def __init__(self, options: FormOptions, parent=None) -> None:
        super().__init__(parent)
        self.options = options
        self.date_edit = DateEdit()
        self.start_edit = QTimeEdit()
        self.end_edit = QTimeEdit()
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat("HH:mm")
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(200)
        self.module_combo = QComboBox()
        self.type_combo = QComboBox()
        self.venue_combo = QComboBox()
        self.venue_combo.setEditable(True)
        self.venue_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.facilitator_list = QListWidget()
        self.facilitator_list.setMinimumHeight(120)
        self.zone_label = QLabel()

        times = QHBoxLayout()
        times.setContentsMargins(0, 0, 0, 0)
        self.to_label = QLabel()
        times.addWidget(self.start_edit)
        times.addWidget(self.to_label)
        times.addWidget(self.end_edit)
        times.addWidget(self.zone_label, 1)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.labels = [QLabel() for _ in range(7)]
        rows = (self.date_edit, times, self.module_combo, self.title_edit, self.type_combo, self.venue_combo)
        for label, field in zip(self.labels, (*rows, self.facilitator_list), strict=True):
            self.form.addRow(label, field)
            if isinstance(field, QWidget):
                label.setBuddy(field)
        self.labels[1].setBuddy(self.start_edit)

        self._fill()
        self._module_title = ""
        self.module_combo.currentIndexChanged.connect(self._on_module)
        for signal in (
            self.date_edit.dateChanged, self.start_edit.timeChanged, self.end_edit.timeChanged,
            self.title_edit.textChanged, self.type_combo.currentIndexChanged, self.venue_combo.currentTextChanged,
            self.facilitator_list.itemChanged,
        ):  # fmt: skip
            signal.connect(self.changed)
        self.retranslate()

    def _fill(self) -> None:
        self.module_combo.addItem("", None)
        for module in self.options.modules:
            self.module_combo.addItem(module.title, module.id)
        for member in SessionType:
            self.type_combo.addItem("", member.value)
        self.venue_combo.addItem("", None)
        for venue in self.options.venues:
            self.venue_combo.addItem(venue.label, venue.id)
        for facilitator in self.options.facilitators:
            item = QListWidgetItem(facilitator.label)
            item.setData(Qt.ItemDataRole.UserRole, facilitator.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.facilitator_list.addItem(item)

    def retranslate(self) -> None:
        texts = (_("&Date:"), _("&Time:"), _("&Module:"), _("T&itle:"), _("T&ype:"), _("&Venue:"),
                 _("&Facilitators:"))  # fmt: skip
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.to_label.setText(_("to"))
        self.start_edit.setAccessibleName(_("Starts at"))  # one label, "Time:", for both fields
        self.end_edit.setAccessibleName(_("Ends at"))
        self.zone_label.setText(_("({zone} time)").format(zone=self.options.frame.zone))
        self.module_combo.setItemText(0, _("(No module)"))
        for index, member in enumerate(SessionType):
            self.type_combo.setItemText(index, member.label())
        self.venue_combo.setItemText(0, "")
        self.venue_combo.lineEdit().setPlaceholderText(_("Choose a venue or type a new one"))
        self.title_edit.setPlaceholderText(_("The module’s title if left empty"))
        self.facilitator_list.setAccessibleName(_("Facilitators"))
        self.facilitator_list.setToolTip(_("Tick the facilitators; Space ticks the highlighted one."))

    # --- values --------------------------------------------------------------------------------------------

    def set_plan(self, plan: SessionPlan) -> None:
        self.date_edit.setDate(QDate(plan.day.year, plan.day.month, plan.day.day))
        self.start_edit.setTime(QTime(plan.start.hour, plan.start.minute))
        self.end_edit.setTime(QTime(plan.end.hour, plan.end.minute))
        index = self.module_combo.findData(plan.module_id) if plan.module_id is not None else 0
        self.module_combo.setCurrentIndex(max(index, 0))
        self.title_edit.setText(plan.title)
        if plan.session_type:
            self.type_combo.setCurrentIndex(max(self.type_combo.findData(plan.session_type), 0))
        if plan.venue_id is not None:
            self.venue_combo.setCurrentIndex(max(self.venue_combo.findData(plan.venue_id), 0))
        else:
            self.venue_combo.setEditText(plan.venue_name)
        chosen = set(plan.facilitator_ids)
        for row in range(self.facilitator_list.count()):
            item = self.facilitator_list.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def plan(self) -> SessionPlan:
        day = self.date_edit.date()
        start, end = self.start_edit.time(), self.end_edit.time()
        venue_text = self.venue_combo.currentText().strip()
        venue_index = self.venue_combo.findText(venue_text, Qt.MatchFlag.MatchFixedString) if venue_text else -1
        venue_id = self.venue_combo.itemData(venue_index) if venue_index > 0 else None
        return SessionPlan(
            cohort_id=self.options.cohort_id,
            day=date(day.year(), day.month(), day.day()),
            start=time(start.hour(), start.minute()),
            end=time(end.hour(), end.minute()),
            title=self.title_edit.text().strip(),
            session_type=self.type_combo.currentData(),
            module_id=self.module_combo.currentData(),
            venue_id=venue_id,
            venue_name="" if venue_id is not None else venue_text,
            facilitator_ids=tuple(
                sorted(
                    self.facilitator_list.item(row).data(Qt.ItemDataRole.UserRole)
                    for row in range(self.facilitator_list.count())
                    if self.facilitator_list.item(row).checkState() == Qt.CheckState.Checked
                )
            ),
        )

    def _on_module(self, index: int) -> None:
        module_id = self.module_combo.itemData(index)
        module = next((m for m in self.options.modules if m.id == module_id), None)
        title = self.title_edit.text().strip()
        if module is not None:
            if not title or title == self._module_title:
                self.title_edit.setText(module.title)
            self.type_combo.setCurrentIndex(max(self.type_combo.findData(module.session_type), 0))
        self._module_title = module.title if module is not None else ""
        self.changed.emit()
