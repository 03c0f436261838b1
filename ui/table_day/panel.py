"""The table-day tab: name, date, table size, who to seat (a cohort), table names one per line, leaders from a
facilitator pool; propose, save, save the table lists as PDF, or print them (the PDF rendered page by page with
QtPdf's ``QPdfDocument`` onto the printer)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QWidget,
)

from tillitsleder import clock
from tillitsleder.i18n import N_, _, format_number, ngettext
from ui.operations import Changed, run
from ui.widgets.date_edit import DateEdit
from ui.widgets.keyboard import SAVE_KEY, key_for, leave_by_tab
from ui.widgets.pool_picker import pool_combo
from ui.widgets.retranslate import Retranslating
from ui.widgets.rows_model import RowsModel
from ui.widgets.scroll_body import scrolling_body

if TYPE_CHECKING:
    from tillitsleder.table_day import plans as td

# The panel is built with the main window, before any database work: the services (SQLAlchemy) and the PDF
# writer (ReportLab) are imported when first used.
MAX_TABLE_SIZE = 30  # tillitsleder.table_day.plans.MAX_TABLE_SIZE; a test keeps them equal


class TableDayPanel(Retranslating, QWidget):
    tab_title = N_("Table day")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.db = None
        self.view: td.TableDayView | None = None
        self.name, self.held_on, self.size = QLineEdit(), DateEdit(), QSpinBox()
        self.held_on.setDate(QDate(clock.today()))
        self.size.setRange(2, MAX_TABLE_SIZE)
        self.size.setValue(8)
        self.cohort, self.leaders = QComboBox(), QComboBox()
        self.table_names = QPlainTextEdit()
        self.table_names.setMaximumHeight(90)
        self.table_names.setTabChangesFocus(True)  # names never hold a tab: Tab moves on
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(6)]
        widgets = (self.name, self.held_on, self.size, self.cohort, self.leaders, self.table_names)
        for label, widget in zip(self.labels, widgets, strict=True):
            label.setBuddy(widget)  # the label names the field for a screen reader
            self.form.addRow(label, widget)
        self.propose, self.save, self.pdf, self.print_ = QPushButton(), QPushButton(), QPushButton(), QPushButton()
        buttons = QGridLayout()
        for index, button in enumerate((self.propose, self.save, self.pdf, self.print_)):
            buttons.addWidget(button, index // 2, index % 2)
        buttons.setColumnStretch(2, 1)
        self.summary = QLabel()
        self.model = RowsModel(
            lambda: [_("Table"), _("Table leader"), _("People"), _("Members")], numeric=lambda c: c == 2
        )
        self.table = leave_by_tab(QTableView())
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Until people are seated: what the tab is for and the button that starts it, instead of an empty grid.
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.table)
        layout = scrolling_body(self)  # the form scrolls on a small window
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)
        self.propose.clicked.connect(self.propose_seating)
        self.save.clicked.connect(self.save_seating)
        key_for(self.save, SAVE_KEY)
        self.pdf.clicked.connect(lambda: self.save_pdf())
        self.print_.clicked.connect(self.print_lists)
        self._enable()
        self.retranslate()

    def set_database(self, db, cohort_id: int | None = None) -> None:
        from tillitsleder.lookups import cohort_options

        self.db = db
        self.cohort.clear()
        for option in cohort_options(db):
            self.cohort.addItem(option.label, option.id)
        if cohort_id is not None:
            self.cohort.setCurrentIndex(max(self.cohort.findData(cohort_id), 0))
        pool_combo(db, self.leaders)

    def show_cohort(self, db, cohort_id: int | None) -> None:
        """The Reflection groups page's tab protocol: the chosen cohort is the one to seat."""
        self.set_database(db, cohort_id)

    def _enable(self) -> None:
        for button in (self.save, self.pdf, self.print_):
            button.setEnabled(self.view is not None)
        self.stack.setCurrentWidget(self.table if self.view is not None else self.empty_label)

    def request(self) -> td.TableDayRequest:
        from tillitsleder.table_day import plans as td

        names = tuple(line for line in self.table_names.toPlainText().splitlines() if line.strip())
        return td.TableDayRequest(
            self.name.text(), self.size.value(), self.held_on.date().toPython(), self.cohort.currentData(),
            table_names=names, leader_pool_id=self.leaders.currentData(),
        )  # fmt: skip

    def propose_seating(self):
        """Seat people off the GUI thread; returns the operation."""
        from tillitsleder.table_day import plans as td

        db, request = self.db, self.request()

        def done(view) -> None:
            self.view = view
            self.show_view()

        return run(lambda _ctx: td.propose_table_day(db, request), parent=self, title=_("Table day"),
                   on_success=done, key="seat", name="table-day-seating")  # fmt: skip

    def show_view(self) -> None:
        v = self.view
        rows = [
            [t.name, t.leader.name if t.leader else _("No table leader yet"), format_number(len(t.members)),
             ", ".join(f"{m.name} ({m.unit})" if m.unit else m.name for m in t.members)]
            for t in v.tables
        ]  # fmt: skip
        self.model.set_rows(rows, marked={(i, 1) for i, t in enumerate(v.tables) if t.leader is None})
        people = ngettext("{n} person", "{n} people", v.people).format(n=format_number(v.people))
        tables = ngettext("{n} table", "{n} tables", len(v.tables)).format(n=format_number(len(v.tables)))
        pairs = ngettext(
            "{n} pair from the same unit at a table", "{n} pairs from the same unit at a table", v.same_unit_pairs
        ).format(n=format_number(v.same_unit_pairs))
        self.summary.setText(f"{people} · {tables} · {pairs}")
        self._enable()

    def save_seating(self):
        """Save the seating off the GUI thread (other areas hear that table days changed); returns the operation."""
        from tillitsleder.table_day import plans as td

        db, view = self.db, self.view

        def done(saved) -> None:
            self.view = saved
            self.show_view()
            self.summary.setText(self.summary.text() + " · " + _("Saved."))

        return run(lambda _ctx: td.get_table_day(db, td.save_table_day(db, view)), parent=self, title=_("Table day"),
                   on_success=done, changes=Changed.TABLE_DAY, name="table-day-save")  # fmt: skip

    def save_pdf(self, path: str | None = None):
        """Write the table lists off the GUI thread; returns the operation (``None`` when nothing is written)."""
        from tillitsleder.table_day.table_lists import export_table_lists

        if self.view is None:
            return
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(
                self, _("Save table lists"), f"{self.view.name}.pdf", _("PDF files (*.pdf)")
            )
        if not path:
            return None
        db, view, target = self.db, self.view, Path(path)
        return run(lambda _ctx: export_table_lists(db, view, target), parent=self, title=_("Table day"),
                   name="table-day-pdf")  # fmt: skip

    def print_lists(self) -> None:
        from PySide6.QtPdf import QPdfDocument

        from tillitsleder.table_day.table_lists import export_table_lists
        from ui.widgets.pdf_bytes import load_pdf_bytes
        from ui.widgets.printing import ask_and_print

        if self.view is None:
            return
        pdf = io.BytesIO()
        export_table_lists(self.db, self.view, pdf)
        document = QPdfDocument(self)
        load_pdf_bytes(document, pdf.getvalue(), document, None)
        ask_and_print(self, document, _("Table lists: {name}").format(name=self.view.name))
        document.deleteLater()

    def retranslate(self) -> None:
        texts = (
            _("&Name:"), _("&Date:"), _("&Seats per table:"), _("C&ohort:"), _("Table &leaders from:"),
            _("&Table names:"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.name.setPlaceholderText(_("e.g. Leaders' day"))
        self.table_names.setPlaceholderText(_("One name per line; tables without a name are numbered."))
        self.propose.setText(_("Seat participants"))
        self.empty_label.setText(
            _(
                "Seat a large gathering at named tables, mixing units and with a leader at each table: fill in "
                "the name, date and cohort above and press “Seat participants”."
            )
        )
        self.save.setText(_("Save seating"))
        self.pdf.setText(_("Save table lists as PDF…"))
        self.print_.setText(_("Print table lists…"))
        self.table.setAccessibleName(_("Tables"))
        self.model.retranslate()
