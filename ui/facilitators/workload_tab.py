"""The workload view: a pool's facilitators × months, hours committed against capacity, over-capacity marked.

Built with the main window, before any database work: the service (SQLAlchemy) is imported when first used.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tillitsleder import clock
from tillitsleder.facilitators.rota import month_label
from tillitsleder.i18n import _, format_number, ngettext
from ui.errors import show_error
from ui.widgets.column_fit import ColumnFit
from ui.widgets.date_edit import localise_calendar
from ui.widgets.keyboard import leave_by_tab
from ui.widgets.pool_picker import pool_combo
from ui.widgets.retranslate import Retranslating
from ui.widgets.rows_model import RowsModel

if TYPE_CHECKING:
    from tillitsleder.facilitators import workload


def _month_end(first: date, months: int) -> date:
    """The last day of the ``months``-th month from ``first``'s month."""
    year, month = divmod(first.month - 1 + months, 12)
    return date(first.year + year, month + 1, 1) - timedelta(days=1)


class WorkloadTab(Retranslating, QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.db = None
        self.view: workload.WorkloadView | None = None
        self.pool, self.first, self.months = QComboBox(), QDateEdit(calendarPopup=True), QSpinBox()
        self.first.setDisplayFormat("MMM yyyy")
        today = QDate(clock.today())
        self.first.setDate(QDate(today.year(), today.month(), 1))
        self.months.setRange(1, 24)
        self.months.setValue(6)
        self.labels = [QLabel(), QLabel(), QLabel()]
        top = QHBoxLayout()
        for label, widget in zip(self.labels, (self.pool, self.first, self.months), strict=True):
            label.setBuddy(widget)
            top.addWidget(label)
            top.addWidget(widget)
        top.addStretch(1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = RowsModel(  # hours: capacity, then months
            self._headers, numeric=lambda column: column >= 2, mark_tip=lambda: _("Over capacity this month.")
        )
        self.table = leave_by_tab(QTableView())
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.columns = ColumnFit(self.table, main=0, short=frozenset(range(2, 40)))  # hours keep their width
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.pool.currentIndexChanged.connect(lambda _i: self.refresh())
        self.first.dateChanged.connect(lambda _d: self.refresh())
        self.months.valueChanged.connect(lambda _v: self.refresh())
        self.retranslate()

    def _headers(self) -> list[str]:
        months = self.view.months if self.view else ()
        return [_("Facilitator"), _("Unit"), _("Hours a month")] + [month_label(m) for m in months]

    def set_database(self, db) -> None:
        self.db = db
        pool_combo(db, self.pool)
        self.refresh()

    def set_period(self, first: date, months: int) -> None:
        self.first.setDate(QDate(first.year, first.month, 1))
        self.months.setValue(months)

    def refresh(self) -> None:
        pool_id = self.pool.currentData()
        if self.db is None or pool_id is None:
            self.view = None
            self.model.set_rows([])
            self._summarise()
            return
        from tillitsleder.facilitators import workload

        start = self.first.date().toPython().replace(day=1)
        try:
            self.view = workload.workload(self.db, pool_id, start, _month_end(start, self.months.value()))
        except Exception as error:  # noqa: BLE001 - one sentence for the user; the log has the rest
            show_error(self, _("Workload"), error)
            return
        rows, marked = [], set()
        for r, row in enumerate(self.view.rows):
            rows.append([row.name, row.unit, format_number(row.capacity)] + [format_number(h) for h in row.hours])
            marked |= {(r, i + 3) for i in range(len(row.hours)) if row.over(i)}
        self.model.set_rows(rows, [row.facilitator_id for row in self.view.rows], marked)
        self._summarise()

    def _summarise(self) -> None:
        if self.view is None:  # no pool (yet): what the tab shows and where it starts
            self.summary.setText(
                _(
                    "The hours each facilitator in a pool is committed to, month by month, against their capacity. "
                    "There are no facilitator pools yet: set up the first under “Pools and facilitators”."
                )
                if self.db is not None
                else ""
            )
            return
        if not self.view.rows:
            self.summary.setText(_("This pool has no facilitators yet."))
            return
        over = self.view.over_capacity
        self.summary.setText(
            ngettext("{n} month over capacity (marked).", "{n} months over capacity (marked).", over).format(
                n=format_number(over)
            )
            if over
            else _("Everyone is within capacity.")
        )

    def retranslate(self) -> None:
        for label, text in zip(self.labels, (_("P&ool:"), _("F&rom:"), _("&Months:")), strict=True):
            label.setText(text)
        localise_calendar(self.first.calendarWidget())
        self.table.setAccessibleName(_("Workload per facilitator"))
        self.model.retranslate()
        if self.view is not None:
            self.refresh()
        else:
            self._summarise()
