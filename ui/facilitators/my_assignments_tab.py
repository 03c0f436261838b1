"""“My assignments”: what a facilitator or coach signed in with their own profile sees of their work — the groups,
sessions and leaders they are assigned to in every pool, and their calendar to import into Outlook.

The services are imported when first used (the tab is built with the main window, before any database work).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from tillitsleder.i18n import N_, _, format_date, format_number, ngettext
from ui.errors import show_error
from ui.widgets.cohort_picker import CohortSelection
from ui.widgets.keyboard import EXPORT_KEY, key_for, leave_by_tab
from ui.widgets.retranslate import Retranslating
from ui.widgets.rows_model import RowsModel


class MyAssignmentsTab(Retranslating, QWidget):
    tab_title = N_("My assignments")

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.db = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.export = QPushButton()
        self.export.clicked.connect(lambda: self.export_calendar())
        key_for(self.export, EXPORT_KEY)
        self.model = RowsModel(
            lambda: [_("Pool"), _("For"), _("What"), _("From"), _("To"), _("Hours")], numeric=lambda c: c == 5
        )
        self.table = leave_by_tab(QTableView())
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.export)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def set_database(self, db) -> None:
        self.db = db
        self.load()

    def load(self) -> None:
        from tillitsleder.facilitators.my_assignments import my_assignments

        if self.db is None or self.selection.actor.is_coordinator:
            self.model.set_rows([])
            return
        items = my_assignments(self.db, self.selection.actor)
        rows = []
        for item in items:
            a = item.assignment
            ends = format_date(a.ends_on) if a.ends_on else ""
            rows.append([item.pool, a.kind.label(), a.target, format_date(a.starts_on), ends, format_number(a.hours)])
        self.model.set_rows(rows, [item.assignment.id for item in items])
        self.table.resizeColumnsToContents()
        self.summary.setText(
            _("Your assignments in every pool you belong to. The programme coordinator plans them in the roster.")
            if items
            else _("You have no assignments yet.")
        )

    def export_calendar(self, *, path: str | None = None) -> None:
        from tillitsleder.facilitators.my_assignments import export_my_calendar

        if self.db is None:
            return
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(
                self, _("Export calendar"), _("my-assignments.ics"), _("iCalendar files (*.ics)")
            )
        if not path:
            return
        try:
            written = export_my_calendar(self.db, self.selection.actor, Path(path))
        except Exception as error:  # noqa: BLE001 - one sentence for the user; the log has the rest
            show_error(self, _("Export calendar"), error)
            return
        self.summary.setText(
            ngettext("{n} event written to {path}.", "{n} events written to {path}.", written.events).format(
                n=format_number(written.events), path=written.path
            )
        )

    def retranslate(self) -> None:
        self.export.setText(_("Export my calendar…"))
        self.table.setAccessibleName(_("My assignments"))
        self.model.retranslate()
        if self.db is not None:
            self.load()
