"""The “Completion” tab: each participant of the chosen cohort with attendance so far, journal-entry count (only
where shared), completion state and the reason in words; the coordinator signs off (or takes a sign-off back) and
opens the programme's completion rules. The states are computed off the GUI thread each time the tab loads; signing
off runs there too, with the participant's new state, and then only that row changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tillitsleder.i18n import N_, _, format_number
from ui.operations import Changed, run
from ui.reports.completion_model import CompletionModel
from ui.widgets.column_fit import ColumnFit
from ui.widgets.keyboard import leave_by_tab
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.storage import Database
    from ui.widgets.cohort_picker import CohortSelection


class CompletionTab(Retranslating, QWidget):
    tab_title = N_("Completion")
    loaded = Signal()
    changed = Signal()  # a sign-off or the rules changed

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.db: Database | None = None
        self.cohort_id: int | None = None
        self.model = CompletionModel(self)
        self.table = leave_by_tab(QTableView())
        self.table.setObjectName("completionTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        # The reason ("Why") takes the room; figures, states and dates keep their width; the name keeps enough.
        self.columns = ColumnFit(self.table, main=5, short=frozenset({2, 3, 4, 6}), firm=frozenset({0}))
        self.summary = QLabel()
        self.summary.setObjectName("rowCount")
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.rules_button = QPushButton()
        self.sign_button = QPushButton()
        self.sign_button.setObjectName("signOff")
        self.unsign_button = QPushButton()

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.rules_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.detail, 1)
        bottom.addWidget(self.sign_button)
        bottom.addWidget(self.unsign_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self.rules_button.clicked.connect(self.open_rules)
        self.sign_button.clicked.connect(lambda: self.sign_off_selected())
        self.unsign_button.clicked.connect(lambda: self.withdraw_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        selection.actorChanged.connect(lambda _actor: self.reload())
        self.retranslate()
        self._update_buttons()

    # --- loading -------------------------------------------------------------------------------------------

    def load(self, db: Database | None, cohort_id: int | None) -> None:
        self.db, self.cohort_id = db, cohort_id
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Attendance or enrolments may have changed in another area: work the states out again."""
        super().showEvent(event)
        if self.db is not None and self.model.rows:
            self.reload()

    def reload(self):
        from tillitsleder.completion.evaluation import evaluate_cohort

        if self.db is None or self.cohort_id is None:
            self.model.set_rows([])
            return None
        db, cohort_id, actor = self.db, self.cohort_id, self.selection.actor
        self.summary.setText(_("Working out who has completed…"))
        return run(
            lambda _ctx: evaluate_cohort(db, cohort_id, actor=actor),
            parent=self,
            on_success=self._show,
            on_failure=self._fail,
            key="load",  # a newer load replaces one still running
            name="completion",
        )

    def _show(self, rows: list) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        if selected is not None:
            self.select_enrolment(selected.enrolment_id)
        self._summarise()
        self._update_buttons()
        self.loaded.emit()

    def _fail(self, error: BaseException) -> None:
        from ui.errors import error_text

        self.summary.setText(error_text(error))

    def selected(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select_enrolment(self, enrolment_id: int) -> None:
        for row, item in enumerate(self.model.rows):
            if item.enrolment_id == enrolment_id:
                self.table.selectRow(row)
                return

    # --- actions -------------------------------------------------------------------------------------------

    def sign_off_selected(self):
        """Sign the selected participant off (off the GUI thread); returns the operation, or None."""
        from tillitsleder.completion.sign_off import sign_off

        return self._act(sign_off)

    def withdraw_selected(self):
        from tillitsleder.completion.sign_off import withdraw_sign_off

        return self._act(withdraw_sign_off)

    def _act(self, action):
        """Run ``action`` and work the participant's row out again, both off the GUI thread; then only that row
        changes in the table (the others are not affected by one sign-off)."""
        from tillitsleder.completion.evaluation import evaluate_participant
        from ui.errors import error_text

        row = self.selected()
        if self.db is None or row is None:
            return None
        db, enrolment_id, actor = self.db, row.enrolment_id, self.selection.actor
        self.sign_button.setEnabled(False)
        self.unsign_button.setEnabled(False)

        def work(_ctx):
            action(db, enrolment_id, actor=actor)
            return evaluate_participant(db, enrolment_id, actor=actor)

        def done(updated) -> None:
            self.model.replace_row(updated)
            self._summarise()
            self._update_buttons()
            self.changed.emit()

        def failed(error: BaseException) -> None:
            self._update_buttons()
            self.detail.setText(error_text(error))

        return run(
            work,
            parent=self,
            on_success=done,
            on_failure=failed,
            changes=Changed.COMPLETION,
            key="load",  # a load still running would show the states from before
            name="sign-off",
        )

    def rules_dialog(self):
        """The rules dialog for the cohort's programme (not shown; ``open_rules`` shows it)."""
        from tillitsleder.completion.rules import rules_for_cohort
        from ui.reports.rules_dialog import RulesDialog

        if self.db is None or self.cohort_id is None:
            return None
        return RulesDialog(self.db, rules_for_cohort(self.db, self.cohort_id), self.selection.actor, self)

    def open_rules(self) -> None:
        dialog = self.rules_dialog()
        if dialog is not None and dialog.exec():
            from ui.operations import announce

            self.changed.emit()
            announce(Changed.COMPLETION, self)
            self.reload()

    # --- state and strings ---------------------------------------------------------------------------------

    def _summarise(self) -> None:
        from tillitsleder.completion.evaluation import CompletionState

        rows = self.model.rows
        parts = [f"{state.label()}: {format_number(sum(r.state is state for r in rows))}" for state in CompletionState]
        self.summary.setText(" · ".join(parts))

    def _update_buttons(self) -> None:
        row = self.selected()
        coordinator = self.selection.actor.is_coordinator
        self.rules_button.setEnabled(coordinator and self.cohort_id is not None)
        self.sign_button.setEnabled(coordinator and row is not None and row.signed_off_at is None)
        self.unsign_button.setEnabled(coordinator and row is not None and row.signed_off_at is not None)
        if row is None:
            self.detail.setText(_("Choose a participant to see why, and to sign off."))
        else:
            reasons = " ".join(row.reasons) or _("Every rule is met.")
            if row.signed_off_at is not None and row.signed_off_by:
                reasons += " " + _("Signed off by {name}.").format(name=row.signed_off_by)
            self.detail.setText(f"{row.name}: {row.state.label()}. {reasons}")

    def retranslate(self) -> None:
        self.rules_button.setText(_("Completion &rules…"))
        self.table.setAccessibleName(_("Completion per participant"))
        self.sign_button.setText(_("Sign &off"))
        self.sign_button.setToolTip(_("Confirm that the participant has completed; refused while a rule is unmet."))
        self.unsign_button.setText(_("&Withdraw sign-off"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        if self.model.rows:
            self._summarise()
        self._update_buttons()
