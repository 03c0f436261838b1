"""Pools and facilitators: choose a pool, create or edit it, and edit a facilitator's skills, capacity per month,
unavailable dates; export a facilitator's assignments as an iCalendar file.

Built with the main window, before any database work: the services (SQLAlchemy) are imported when first used.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tillitsleder import clock
from tillitsleder.enums import PoolKind
from tillitsleder.i18n import N_, _, format_date, format_hours, format_number
from ui.errors import show_error
from ui.facilitators.assign_dialog import AssignDialog
from ui.operations import Changed, announce
from ui.widgets.date_edit import DateEdit
from ui.widgets.keyboard import EXPORT_KEY, SAVE_KEY, key_for, leave_by_tab
from ui.widgets.pool_picker import pool_combo
from ui.widgets.retranslate import Retranslating
from ui.widgets.rows_model import RowsModel
from ui.widgets.scroll_body import scrolling_body

if TYPE_CHECKING:
    from tillitsleder.facilitators import pools

# What stands beside the list while no facilitator is chosen: a readable sentence (not a greyed-out box).
NO_POOLS = N_(
    "No facilitator pools are set up yet. A pool (F16, F7, change agents …) holds the facilitators who lead "
    "groups and sessions: press “New pool…” to set up the first."
)
EMPTY_POOL = N_("This pool has no facilitators yet. Choose another pool above, or set up a new one.")
CHOOSE = N_("Choose a facilitator in the list to see and change their skills, hours a month, unavailable dates "
            "and assignments.")  # fmt: skip


class PoolDialog(Retranslating, QDialog):
    def __init__(self, data: pools.PoolData | None, parent=None) -> None:
        super().__init__(parent)
        self.code, self.name, self.kind, self.description = QLineEdit(), QLineEdit(), QComboBox(), QLineEdit()
        for kind in PoolKind:
            self.kind.addItem(kind.label(), kind.value)
        if data is not None:
            self.code.setText(data.code)
            self.name.setText(data.name)
            self.kind.setCurrentIndex(self.kind.findData(data.kind))
            self.description.setText(data.description)
        self.form = QFormLayout(self)
        self.labels = [QLabel() for _ in range(4)]
        for label, widget in zip(self.labels, (self.code, self.name, self.kind, self.description), strict=True):
            label.setBuddy(widget)
            self.form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)
        self.retranslate()

    def data(self) -> pools.PoolData:
        from tillitsleder.facilitators import pools

        return pools.PoolData(self.code.text(), self.name.text(), self.kind.currentData(), self.description.text())

    def retranslate(self) -> None:
        self.setWindowTitle(_("Facilitator pool"))
        for label, text in zip(self.labels, (_("Code:"), _("Name:"), _("Kind:"), _("Description:")), strict=True):
            label.setText(text)


class PoolsTab(Retranslating, QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.db = None
        self._facilitators: list[pools.FacilitatorView] = []
        self.pool = QComboBox()
        self.new_pool, self.edit_pool = QPushButton(), QPushButton()
        top = QHBoxLayout()
        self.pool_label = QLabel()
        self.pool_label.setBuddy(self.pool)
        for widget in (self.pool_label, self.pool, self.new_pool, self.edit_pool):
            top.addWidget(widget)
        top.addStretch(1)
        self.model = RowsModel(
            lambda: [_("Name"), _("Unit"), _("Skills"), _("Hours a month"), _("Active")], numeric=lambda c: c == 3
        )
        self.table = leave_by_tab(QTableView())
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.details = QGroupBox()
        self.skills, self.capacity, self.active = QLineEdit(), QDoubleSpinBox(), QCheckBox()
        self.capacity.setRange(0, 744)
        self.capacity.setDecimals(1)
        self.save = QPushButton()
        self.unavailable = QListWidget()
        self.first, self.last = DateEdit(), DateEdit()
        self.first.setDate(QDate(clock.today()))
        self.last.setDate(QDate(clock.today()))
        self.reason = QLineEdit()
        self.add_away, self.remove_away, self.export = QPushButton(), QPushButton(), QPushButton()
        self.form = QFormLayout()
        self.form_labels = [QLabel() for _ in range(3)]
        for label, widget in zip(self.form_labels, (self.skills, self.capacity, self.active), strict=True):
            label.setBuddy(widget)
            self.form.addRow(label, widget)
        self.form.addRow(self.save)
        away = QGridLayout()
        away.addWidget(self.first, 0, 0)
        away.addWidget(self.last, 0, 1)
        away.addWidget(self.reason, 1, 0, 1, 2)
        away.addWidget(self.add_away, 0, 2)
        away.addWidget(self.remove_away, 1, 2)
        box = QVBoxLayout(self.details)
        box.addLayout(self.form)
        self.away_label = QLabel()
        box.addWidget(self.away_label)
        box.addWidget(self.unavailable, 1)
        box.addLayout(away)
        self.assignments_label = QLabel()
        self.assignments = QListWidget()
        self.assignments.setWordWrap(True)
        self.assign, self.unassign = QPushButton(), QPushButton()
        box.addWidget(self.assignments_label)
        box.addWidget(self.assignments, 1)
        actions = QHBoxLayout()
        for button in (self.assign, self.unassign, self.export):
            actions.addWidget(button)
        actions.addStretch(1)
        box.addLayout(actions)
        self.hint_label = QLabel()
        self.hint_label.setObjectName("emptyState")
        self.hint_label.setWordWrap(True)
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint_button = QPushButton()
        self.hint_button.clicked.connect(self.new_pool.click)
        hint = QWidget()
        hint_layout = QVBoxLayout(hint)
        hint_layout.addStretch(1)
        hint_layout.addWidget(self.hint_label)
        hint_layout.addWidget(self.hint_button, 0, Qt.AlignmentFlag.AlignHCenter)
        hint_layout.addStretch(2)
        self.side = QStackedWidget()
        self.side.addWidget(hint)
        self.side.addWidget(self.details)
        self._hint = ""  # the msgid the hint shows ("" before a database is open)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addWidget(self.side, 2)
        layout = scrolling_body(self)  # the details form scrolls on a small window
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        self.pool.currentIndexChanged.connect(lambda _i: self.load_facilitators())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.show_selected())
        self.new_pool.clicked.connect(lambda: self.edit(None))
        self.edit_pool.clicked.connect(lambda: self.edit(self.pool.currentData()))
        self.save.clicked.connect(self.save_facilitator)
        key_for(self.save, SAVE_KEY)
        key_for(self.export, EXPORT_KEY)
        self.add_away.clicked.connect(self.add_unavailable)
        self.remove_away.clicked.connect(self.remove_unavailable)
        self.export.clicked.connect(lambda: self.export_calendar())
        self.assign.clicked.connect(self.assign_by_hand)
        self.unassign.clicked.connect(self.remove_assignment)
        self.details.setEnabled(False)
        self.retranslate()

    def set_database(self, db) -> None:
        self.db = db
        pool_combo(db, self.pool)
        self.load_facilitators()

    def selected(self) -> pools.FacilitatorView | None:
        rows = self.table.selectionModel().selectedRows()
        return self._facilitators[rows[0].row()] if rows else None

    def load_facilitators(self, keep: int | None = None) -> None:
        from tillitsleder.facilitators import pools

        pool_id = self.pool.currentData()
        self._facilitators = pools.list_facilitators(self.db, pool_id) if pool_id is not None else []
        rows = [
            [f.name, f.unit, f.skills, format_number(f.capacity), _("Yes") if f.active else _("No")]
            for f in self._facilitators
        ]
        self.model.set_rows(rows, [f.id for f in self._facilitators])
        for row, f in enumerate(self._facilitators):
            if f.id == keep:
                self.table.selectRow(row)
        self.show_selected()

    def show_selected(self) -> None:
        f = self.selected()
        self.details.setEnabled(f is not None)
        self.unavailable.clear()
        self.assignments.clear()
        if f is None:
            self._show_hint()
            return
        self.side.setCurrentWidget(self.details)
        from tillitsleder.facilitators import pools

        self.details.setTitle(f.name)
        self.skills.setText(f.skills)
        self.capacity.setValue(float(f.capacity))
        self.active.setChecked(f.active)
        for u in f.unavailable:
            text = f"{format_date(u.first_day)} – {format_date(u.last_day)}" + (f" · {u.reason}" if u.reason else "")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, u.id)
            self.unavailable.addItem(item)
        for a in pools.list_assignments(self.db, f.id):
            until = format_date(a.ends_on) if a.ends_on else "…"
            text = f"{a.kind.label()}: {a.target} · {format_date(a.starts_on)} – {until} · {format_hours(a.hours)}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            self.assignments.addItem(item)

    def _run(self, action) -> bool:
        """Run a quick write; say why it was refused, or tell the other areas that facilitators changed."""
        try:
            action()
        except Exception as error:  # noqa: BLE001 - one sentence for the user; the log has the rest
            show_error(self, _("Facilitators"), error)
            return False
        announce(Changed.FACILITATORS, self)
        return True

    def edit(self, pool_id: int | None) -> None:
        from tillitsleder.facilitators import pools

        current = next((p for p in pools.list_pools(self.db) if p.id == pool_id), None)
        data = pools.PoolData(current.code, current.name, current.kind, current.description) if current else None
        dialog = PoolDialog(data, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            saved: list[int] = []
            if self._run(lambda: saved.append(pools.save_pool(self.db, dialog.data(), pool_id))):
                pool_combo(self.db, self.pool)
                self.pool.setCurrentIndex(self.pool.findData(saved[0]))
                self.load_facilitators()

    def save_facilitator(self) -> None:
        from tillitsleder.facilitators import pools

        f = self.selected()
        if f is not None and self._run(
            lambda: pools.update_facilitator(
                self.db, f.id, skills=self.skills.text(), capacity=Decimal(str(self.capacity.value())),
                active=self.active.isChecked(),
            )
        ):  # fmt: skip
            self.load_facilitators(keep=f.id)

    def add_unavailable(self) -> None:
        from tillitsleder.facilitators import pools

        f = self.selected()
        first, last = self.first.date().toPython(), self.last.date().toPython()
        if f is not None and self._run(
            lambda: pools.add_unavailability(self.db, f.id, first, last, self.reason.text())
        ):
            self.reason.clear()
            self.load_facilitators(keep=f.id)

    def remove_unavailable(self) -> None:
        from tillitsleder.facilitators import pools

        f, item = self.selected(), self.unavailable.currentItem()
        if f is not None and item is not None:
            if self._run(lambda: pools.remove_unavailability(self.db, item.data(Qt.ItemDataRole.UserRole))):
                self.load_facilitators(keep=f.id)

    def assign_by_hand(self) -> None:
        f = self.selected()
        if f is not None and AssignDialog(self.db, f.id, self).exec() == QDialog.DialogCode.Accepted:
            self.load_facilitators(keep=f.id)

    def remove_assignment(self) -> None:
        from tillitsleder.facilitators import pools

        f, item = self.selected(), self.assignments.currentItem()
        if f is not None and item is not None:
            if self._run(lambda: pools.remove_assignment(self.db, item.data(Qt.ItemDataRole.UserRole))):
                self.load_facilitators(keep=f.id)

    def export_calendar(self, *, path: str | None = None) -> None:
        from tillitsleder.facilitators.calendar_file import export_facilitator_calendar

        f = self.selected()
        if f is None:
            return
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(
                self, _("Export calendar"), f"{f.name}.ics", _("iCalendar files (*.ics)")
            )
        if path:
            self._run(lambda: export_facilitator_calendar(self.db, f.id, Path(path)))

    def retranslate(self) -> None:
        self.pool_label.setText(_("P&ool:"))
        self.new_pool.setText(_("New pool…"))
        self.edit_pool.setText(_("Edit pool…"))
        for label, text in zip(self.form_labels, (_("&Skills:"), _("Hours a &month:"), _("Active:")), strict=True):
            label.setText(text)
        self.active.setText(_("Takes assignments"))
        self.save.setText(_("Save changes"))
        self.away_label.setText(_("Unavailable dates"))
        self.reason.setPlaceholderText(_("Reason (optional)"))
        self.add_away.setText(_("Add"))
        self.remove_away.setText(_("Remove"))
        self.export.setText(_("Export calendar…"))
        self.assignments_label.setText(_("Assignments"))
        self.table.setAccessibleName(_("Facilitators in the pool"))
        self.unavailable.setAccessibleName(_("Unavailable dates"))
        self.first.setAccessibleName(_("Unavailable from"))
        self.last.setAccessibleName(_("Unavailable until"))
        self.reason.setAccessibleName(_("Reason unavailable"))
        self.assignments.setAccessibleName(_("Assignments"))
        self.assign.setText(_("Assign…"))
        self.unassign.setText(_("Remove assignment"))
        self.model.retranslate()
        self.hint_button.setText(self.new_pool.text())
        if self.db is None:
            self._show_hint()
        else:  # the rows again: the Active column says Yes or No in the new language
            current = self.selected()
            self.load_facilitators(keep=current.id if current is not None else None)

    def _show_hint(self) -> None:
        """The sentence beside the list while no facilitator is chosen, with "New pool…" when there is none."""
        if self.db is None:
            self._hint = ""
        elif self.pool.currentData() is None:
            self._hint = NO_POOLS
        else:
            self._hint = EMPTY_POOL if not self._facilitators else CHOOSE
        self.hint_label.setText(_(self._hint) if self._hint else "")
        self.hint_button.setVisible(self._hint == NO_POOLS)
        self.side.setCurrentWidget(self.side.widget(0))
