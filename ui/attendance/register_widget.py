"""The attendance register of one cohort: a legend of the statuses and their keys, the grid, and its tools.

``load(db, cohort_id)`` reads the register off the GUI thread (a few queries, then no session is kept) and works
out there what the grid shows (``register_display.prepare``); when it arrives the model is reset to it
(``loaded``), with no per-cell work on the GUI thread. Each change in the grid is saved by ``set_attendance`` as
one transaction, each cell with the version this grid read: a cell someone else changed meanwhile is refused
(``ChangedElsewhere``), the others are saved, and the grid reloads to show the newer marks with the message
above them. "Statuses…" opens the programme's status
configuration and reloads afterwards; the export buttons write ``.xlsx`` or CSV off the GUI thread.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from tillitsleder.attendance.register import Register, load_register, set_attendance
from tillitsleder.attendance.statuses import shown_label
from tillitsleder.errors import ChangedElsewhere
from tillitsleder.i18n import _, format_number, format_share, ngettext
from tillitsleder.storage import Database
from ui import colours, recolour
from ui.attendance.register_display import RegisterDisplay, prepare
from ui.attendance.register_model import RegisterModel
from ui.attendance.register_view import RegisterView, TotalsView
from ui.errors import error_text
from ui.operations import Changed, announce, run
from ui.widgets.keyboard import EXPORT_KEY, key_for
from ui.widgets.retranslate import Retranslating


class RegisterWidget(Retranslating, QWidget):
    exported = Signal(object)  # the Path written
    loaded = Signal()  # the register of ``load`` is shown
    loadFailed = Signal(str)  # noqa: N815 - the translated reason

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.cohort_id: int | None = None
        self.register: Register | None = None
        self.model: RegisterModel | None = None
        self.legend = QLabel()
        self.legend.setObjectName("attendanceLegend")
        self.legend.setWordWrap(True)
        self.statuses_button = QPushButton()
        self.xlsx_button = QPushButton()
        self.csv_button = QPushButton()
        tools = QHBoxLayout()
        tools.addWidget(self.legend, 1)
        for button in (self.statuses_button, self.xlsx_button, self.csv_button):
            tools.addWidget(button)
        # Sessions over whose attendance is not registered yet: not counted until registered.
        self.to_register = QLabel()
        self.to_register.setObjectName("toBeRegistered")
        self.to_register.setWordWrap(True)
        self.view = RegisterView()
        self.totals = TotalsView(self.view)
        # The grid's horizontal scroll bar has no counterpart beside it: keep the rows of both in line.
        self.scrollbar_gap = QWidget()
        self.scrollbar_gap.setFixedHeight(self.view.horizontalScrollBar().sizeHint().height())
        side = QVBoxLayout()
        side.setSpacing(0)
        side.addWidget(self.totals, 1)
        side.addWidget(self.scrollbar_gap)
        grid = QHBoxLayout()
        grid.setSpacing(0)
        grid.addWidget(self.view, 1)
        grid.addLayout(side)
        self.summary = QLabel()
        self._after_reload = ""  # the message to show once the grid has reloaded (a refused cell)
        self.note = QLabel()  # neutral news: cells saved, file written
        self.message = QLabel()  # refusals and failures
        self.message.setObjectName("warning")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.to_register)
        layout.addLayout(grid, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary)
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.note)
        layout.addLayout(bottom)
        self.view.problem.connect(self.message.setText)
        self.statuses_button.clicked.connect(self.edit_statuses)
        self.xlsx_button.clicked.connect(lambda: self.choose_and_export(".xlsx"))
        key_for(self.xlsx_button, EXPORT_KEY)
        self.csv_button.clicked.connect(lambda: self.choose_and_export(".csv"))
        self.retranslate()
        recolour.changes().changed.connect(self._update)  # the legend's fills follow the palette

    def retranslate(self) -> None:
        self.statuses_button.setText(_("S&tatuses…"))
        self.statuses_button.setToolTip(_("The programme's attendance statuses, their keys and weights"))
        self.xlsx_button.setText(_("Export to &Excel…"))
        self.csv_button.setText(_("Export to CS&V…"))
        self.view.setAccessibleName(_("Attendance register"))
        self.view.setToolTip("")
        if self.register is not None and self.model is not None:
            self._show(self.register, prepare(self.register))  # headers and totals in the new language
        self._update()

    # --- loading -----------------------------------------------------------------------------------------

    def load(self, db: Database, cohort_id: int):
        """Read the register off the GUI thread; returns the operation (a newer load replaces a running one)."""

        def read(_ctx) -> tuple[Register, RegisterDisplay]:
            register = load_register(db, cohort_id)
            return register, prepare(register)

        return run(
            read,
            parent=self,
            on_success=lambda result: self._adopt(db, cohort_id, *result),
            on_failure=lambda error: self.loadFailed.emit(error_text(error)),
            key="load",
            name="attendance-register",
        )

    def _adopt(self, db: Database, cohort_id: int, register: Register, display: RegisterDisplay) -> None:
        self.db, self.cohort_id, self.register = db, cohort_id, register
        self.message.setText(self._after_reload)  # a refusal that asked for this reload stays in view
        self._after_reload = ""
        self.note.clear()
        self._show(register, display)
        self._update()
        self.loaded.emit()

    def _show(self, register: Register, display: RegisterDisplay) -> None:
        """The first reading builds the model; later ones reset it (the views keep their set-up)."""
        if self.model is None:
            self.model = RegisterModel(register, save=self._save, parent=self, display=display)
            self.model.cellsSaved.connect(self._on_saved)
            self.model.summaryChanged.connect(self._update)
            self.view.setModel(self.model)
            self.totals.setModel(self.model)
            return
        current = self.view.currentIndex()
        self.model.reset(register, display)
        self.view.model_reset()
        self.totals.model_reset()
        if current.isValid() and current.row() < self.model.rowCount() and current.column() < self.model.columnCount():
            self.view.setCurrentIndex(self.model.index(current.row(), current.column()))

    def _save(self, changes) -> None:
        assert self.db is not None and self.cohort_id is not None and self.register is not None
        try:
            set_attendance(self.db, self.cohort_id, changes, seen=self.register.seen(changes))
        except ChangedElsewhere as refused:  # some cells were newer elsewhere: show them, keep the message
            self._after_reload = error_text(refused)
            if refused.saved:
                announce(Changed.ATTENDANCE, self)
            self.load(self.db, self.cohort_id)
            raise  # the view says it now; the model leaves its copy alone until the reload arrives
        announce(Changed.ATTENDANCE, self)

    def _on_saved(self, count: int) -> None:
        self.message.clear()
        self.note.setText(ngettext("{n} cell saved.", "{n} cells saved.", count).format(n=format_number(count)))

    def _update(self) -> None:
        has = self.register is not None
        for button in (self.statuses_button, self.xlsx_button, self.csv_button):
            button.setEnabled(has)
        if not has or self.model is None:
            self.legend.clear()
            self.summary.clear()
            self.to_register.hide()
            return
        parts = []
        scheme = colours.scheme()
        for number, (status, short) in enumerate(zip(self.register.statuses, self.model.short, strict=True), start=1):
            pair = scheme.pair(colours.status_role(status.code, float(status.weight)))
            style = f' style="background:{pair.background}; color:{pair.text}"' if pair.background else ""
            parts.append(
                f"<span{style}>&nbsp;<b>{number}</b>&nbsp;{html.escape(short)}&nbsp;</span>"
                f"&nbsp;{html.escape(shown_label(status.code, status.label))}"
            )
        keys = _("Space: next · Delete: clear · Ctrl+C / Ctrl+V")
        self.legend.setText("&nbsp;&nbsp; ".join(parts) + f"<br><i>{html.escape(keys)}</i>")
        self._show_to_register(self.register.to_be_registered)
        at_risk = self.model.at_risk_count()
        minimum = format_share(self.register.min_attendance)
        self.summary.setText(
            ngettext(
                "{n} participant cannot reach the minimum of {minimum}.",
                "{n} participants cannot reach the minimum of {minimum}.",
                at_risk,
            ).format(n=format_number(at_risk), minimum=minimum)
        )

    def _show_to_register(self, count: int) -> None:
        self.to_register.setVisible(count > 0)
        self.to_register.setText(
            ngettext(
                "{n} session to be registered: it is over, but its attendance is not recorded yet.",
                "{n} sessions to be registered: they are over, but their attendance is not recorded yet.",
                count,
            ).format(n=format_number(count))
            if count
            else ""
        )
        self.to_register.setToolTip(
            _(
                "Until its attendance is recorded (or it is marked as held), a session does not count in "
                "“Held so far”, and nobody is flagged because of it. Such sessions have an italic date."
            )
        )

    # --- statuses and export -----------------------------------------------------------------------------

    def edit_statuses(self) -> None:
        from ui.attendance.statuses_dialog import StatusesDialog

        if self.db is None or self.register is None:
            return
        dialog = StatusesDialog(self.db, self.register.programme_id, self)
        dialog.exec()
        if dialog.changed and self.cohort_id is not None:
            announce(Changed.ATTENDANCE, self)  # the statuses' labels and weights show elsewhere too
            self.load(self.db, self.cohort_id)

    def choose_and_export(self, suffix: str) -> None:
        if self.register is None:
            return
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = _("Attendance {cohort}").format(cohort=self.register.cohort_name).replace("/", "-")
        filters = _("Excel workbooks (*.xlsx)") if suffix == ".xlsx" else _("CSV files (*.csv)")
        path, _selected = QFileDialog.getSaveFileName(
            self, _("Export the attendance register"), str(Path(documents or Path.home()) / (name + suffix)), filters
        )
        if path:
            target = Path(path)
            self.export_to(target if target.suffix.lower() == suffix else target.with_name(target.name + suffix))

    def export_to(self, path: Path):
        """Write the register to ``path`` off the GUI thread, with progress; ``exported`` tells when done."""
        from tillitsleder.attendance.export import export_register

        assert self.db is not None and self.cohort_id is not None
        db, cohort_id = self.db, self.cohort_id

        def done(_register) -> None:
            self.message.clear()
            self.note.setText(_("Saved to “{path}”.").format(path=path.name))
            self.note.setToolTip(str(path))
            self.exported.emit(path)

        return run(
            lambda ctx: export_register(db, cohort_id, path, progress=ctx.progress, cancelled=ctx.cancelled),
            parent=self,
            title=_("Export"),
            progress=_("Writing the attendance register…"),
            on_success=done,
            on_failure=lambda error: self.message.setText(error_text(error)),
            name="export-attendance",
        )
