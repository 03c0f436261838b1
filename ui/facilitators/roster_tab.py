"""The roster: pick a pool and a programme semester (and optionally a cohort), propose on a worker thread, see
who gets what with each facilitator's hours per month and the flags, then save it in one go.

Built with the main window, before any database work: the services (SQLAlchemy) are imported when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tillitsleder.facilitators.rota import month_label, period_label
from tillitsleder.i18n import _, format_number, ngettext
from ui.errors import show_error
from ui.operations import Changed, run
from ui.widgets.keyboard import SAVE_KEY, key_for, leave_by_tab
from ui.widgets.pool_picker import pool_combo
from ui.widgets.retranslate import Retranslating
from ui.widgets.rows_model import RowsModel

if TYPE_CHECKING:
    from tillitsleder.facilitators import roster


class RosterTab(Retranslating, QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.db = None
        self.proposal: roster.RosterProposal | None = None
        self.job = None
        self.pool, self.semester, self.cohort = QComboBox(), QSpinBox(), QComboBox()
        self.semester.setRange(1, 12)
        self.propose, self.save = QPushButton(), QPushButton()
        self.save.setEnabled(False)
        self.labels = [QLabel(), QLabel(), QLabel()]
        top = QGridLayout()
        for column, (label, widget) in enumerate(
            zip(self.labels, (self.pool, self.semester, self.cohort), strict=True)
        ):
            label.setBuddy(widget)
            top.addWidget(label, 0, 2 * column)
            top.addWidget(widget, 0, 2 * column + 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.propose)
        buttons.addWidget(self.save)
        buttons.addStretch(1)
        top.addLayout(buttons, 1, 0, 1, 6)
        top.setColumnStretch(6, 1)
        self.summary = QLabel()
        self.assignments = RowsModel(
            lambda: [_("Facilitator"), _("Assignment"), _("Cohort"), _("When"), _("Hours")], numeric=lambda c: c == 4,
            mark_tip=lambda: _("Nobody in the pool is free for this assignment."),
        )  # fmt: skip
        self.loads = RowsModel(  # hours: capacity, months
            self._load_headers, numeric=lambda column: column >= 1, mark_tip=lambda: _("Over capacity this month.")
        )
        self.assignment_view, self.load_view = leave_by_tab(QTableView()), leave_by_tab(QTableView())
        for view, model in ((self.assignment_view, self.assignments), (self.load_view, self.loads)):
            view.setModel(model)
            view.verticalHeader().hide()
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.assignment_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.flags = QListWidget()
        self.flags_label = QLabel()
        lower = QWidget()
        lower_layout = QHBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.load_view, 3)
        flags_box = QVBoxLayout()
        flags_box.addWidget(self.flags_label)
        flags_box.addWidget(self.flags, 1)
        lower_layout.addLayout(flags_box, 2)
        splitter = QSplitter()
        splitter.setOrientation(splitter.orientation().Vertical)
        splitter.addWidget(self.assignment_view)
        splitter.addWidget(lower)
        splitter.setSizes([320, 280])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        self.propose.clicked.connect(self.start_proposal)
        self.save.clicked.connect(self.save_proposal)
        key_for(self.save, SAVE_KEY)
        self.retranslate()

    def _load_headers(self) -> list[str]:
        months = self.proposal.months if self.proposal else ()
        return [_("Facilitator"), _("Hours a month")] + [month_label(m) for m in months]

    def set_database(self, db) -> None:
        from tillitsleder.lookups import cohort_options

        self.db = db
        pool_combo(db, self.pool)
        current = self.cohort.currentData()
        self.cohort.clear()
        self.cohort.addItem(_("All cohorts"), None)
        for option in cohort_options(db):
            self.cohort.addItem(option.label, option.id)
        self.cohort.setCurrentIndex(max(self.cohort.findData(current), 0))

    def start_proposal(self) -> None:
        from tillitsleder.facilitators import roster

        pool_id, semester, cohort_id = self.pool.currentData(), self.semester.value(), self.cohort.currentData()
        if pool_id is None:
            return
        self.propose.setEnabled(False)
        self.save.setEnabled(False)
        self.summary.setText(_("Proposing…"))
        db = self.db
        self.job = run(
            lambda _ctx: roster.propose_roster(db, pool_id, semester, cohort_id),
            parent=self,
            on_success=self.show_proposal,
            on_failure=self._failed,
            name="roster-propose",
        )

    def _failed(self, error: BaseException) -> None:
        self.propose.setEnabled(True)
        self.summary.setText("")
        show_error(self, _("Roster"), error)

    def show_proposal(self, proposal: roster.RosterProposal) -> None:
        self.proposal = proposal
        self.propose.setEnabled(True)
        names = {p.facilitator_id: p.name for p in proposal.facilitators}
        rows = [
            [names.get(a.facilitator_id, _("Nobody free")), a.label, a.cohort, period_label(a.first_day, a.last_day),
             format_number(a.hours)]
            for a in proposal.assignments
        ]  # fmt: skip
        unassigned = {(i, 0) for i, a in enumerate(proposal.assignments) if a.facilitator_id is None}
        self.assignments.set_rows(rows, marked=unassigned)
        load_rows, marked = [], set()
        for r, plan in enumerate(proposal.facilitators):
            load_rows.append([plan.name, format_number(plan.capacity)] + [format_number(h) for h in plan.hours])
            marked |= {(r, c + 2) for c in plan.over_capacity()}  # the months the flags name, no others
        self.loads.set_rows(load_rows, [p.facilitator_id for p in proposal.facilitators], marked)
        self.flags.clear()
        self.flags.addItems([f.text() for f in proposal.flags] or [_("No conflicts.")])
        self.save.setEnabled(any(a.facilitator_id is not None for a in proposal.assignments))
        self._summarise()

    def _summarise(self) -> None:
        p = self.proposal
        if p is None:
            self.summary.setText(_("Choose a pool and a semester, then propose."))
            return
        count = len(p.assignments) - len(p.unassigned)
        self.summary.setText(
            _("{pool}, semester {number} ({period}): {assignments}, {flags}.").format(
                pool=p.pool_code, number=p.semester, period=period_label(p.first_day, p.last_day),
                assignments=ngettext("{n} assignment", "{n} assignments", count).format(n=format_number(count)),
                flags=ngettext("{n} flag", "{n} flags", len(p.flags)).format(n=format_number(len(p.flags))),
            )
        )  # fmt: skip

    def save_proposal(self) -> None:
        from tillitsleder.facilitators import roster

        if self.proposal is None:
            return
        db, proposal = self.db, self.proposal
        self.save.setEnabled(False)

        def saved(count: int) -> None:
            self.summary.setText(
                ngettext("{n} assignment saved.", "{n} assignments saved.", count).format(n=format_number(count))
            )

        self.job = run(
            lambda _ctx: roster.save_roster(db, proposal),
            parent=self,
            title=_("Roster"),
            on_success=saved,
            on_failure=self._save_failed,
            changes=Changed.FACILITATORS,
            name="roster-save",
        )

    def _save_failed(self, error: BaseException) -> None:
        self.save.setEnabled(True)
        show_error(self, _("Roster"), error)

    def retranslate(self) -> None:
        for label, text in zip(self.labels, (_("P&ool:"), _("&Semester:"), _("Coho&rt:")), strict=True):
            label.setText(text)
        if self.cohort.count():
            self.cohort.setItemText(0, _("All cohorts"))
        self.propose.setText(_("Propose"))
        self.save.setText(_("Save roster"))
        self.flags_label.setText(_("Flags"))
        self.flags.setAccessibleName(_("Flags"))
        self.assignment_view.setAccessibleName(_("Proposed assignments"))
        self.load_view.setAccessibleName(_("Hours per facilitator and month"))
        self.assignments.retranslate()
        self.loads.retranslate()
        if self.proposal is not None:
            self.show_proposal(self.proposal)
        else:
            self._summarise()
