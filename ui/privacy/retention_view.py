"""The retention rules in Settings: each programme's rule, a preview of who is due today, and Apply.

The rule is edited for the programme chosen in the list (months after a cohort ends, or no rule) and checked by
the core (``privacy.retention.clean_retention_months``; its translated message shows under the field). The
preview lists the due cohorts and then each participant, erased or held back. Apply asks first, then runs
``apply_retention`` as an operation (the core backs up, then applies in one transaction) and says what it did.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tillitsleder.i18n import _, format_date, format_number, ngettext
from ui.operations import Changed, run
from ui.widgets.keyboard import leave_by_tab
from ui.widgets.retranslate import Retranslating
from ui.widgets.rows_model import RowsModel


def _table(model: RowsModel) -> QTableView:
    table = leave_by_tab(QTableView())
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def rule_text(months: int | None) -> str:
    if months is None:
        return _("No rule: kept until deleted")
    return ngettext("{n} month after the cohort ends", "{n} months after the cohort ends", months).format(
        n=format_number(months)
    )


def preview_rows(preview) -> list[tuple[str, str, str]]:
    """The preview as table rows: each due cohort, then each participant and what happens to them."""
    rows = [
        (
            cohort.name,
            _("Cohort ended {ended}, due {due}").format(
                ended=format_date(cohort.ended_on), due=format_date(cohort.due_on)
            ),
            ngettext("{n} enrolment anonymised", "{n} enrolments anonymised", cohort.enrolments).format(
                n=format_number(cohort.enrolments)
            ),
        )
        for cohort in preview.cohorts
    ]
    for person in preview.people:
        if person.held_back:
            what = _("Held back: still in another cohort, or with another role")
        else:
            what = ngettext(
                "Erased, with {n} journal entry", "Erased, with {n} journal entries", person.journal_entries
            )
            what = what.format(n=format_number(person.journal_entries))
        rows.append((person.name, _("Participant"), what))
    return rows


class RetentionTab(Retranslating, QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.db = None
        self.operation = None
        self.ask = lambda title, text: (
            QMessageBox.question(self, title, text, defaultButton=QMessageBox.StandardButton.No)
            == QMessageBox.StandardButton.Yes
        )  # tests replace the question
        self.rules_title = QLabel()
        self.rules_title.setObjectName("panelTitle")
        self.rules = RowsModel(lambda: [_("Programme"), _("Journals erased and enrolments anonymised")], self)
        self.rules_table = _table(self.rules)
        self.months_label = QLabel()
        self.months = QLineEdit()
        self.months.setMaximumWidth(80)
        self.months_label.setBuddy(self.months)
        self.save_button = QPushButton()
        self.rule_error = QLabel()
        self.rule_error.setObjectName("warning")
        self.rule_error.setWordWrap(True)
        self.rule_error.hide()
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.months_label)
        edit_row.addWidget(self.months)
        edit_row.addWidget(self.save_button)
        edit_row.addStretch(1)
        self.preview_title = QLabel()
        self.preview_title.setObjectName("panelTitle")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.preview = RowsModel(lambda: [_("Who"), _("Why"), _("What happens")], self)
        self.preview_table = _table(self.preview)
        self.apply_button = QPushButton()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        top, bottom = QWidget(), QWidget()
        top_layout, bottom_layout = QVBoxLayout(top), QVBoxLayout(bottom)
        top_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.rules_title)
        top_layout.addWidget(self.rules_table, 1)
        top_layout.addLayout(edit_row)
        top_layout.addWidget(self.rule_error)
        bottom_layout.addWidget(self.preview_title)
        bottom_layout.addWidget(self.summary)
        bottom_layout.addWidget(self.preview_table, 1)
        apply_row = QHBoxLayout()
        apply_row.addWidget(self.result_label, 1)
        apply_row.addWidget(self.apply_button)
        bottom_layout.addLayout(apply_row)
        splitter = QSplitter()
        splitter.setOrientation(splitter.orientation().Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([180, 360])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        self._rules: list = []
        self._preview = None
        self.rules_table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_rule())
        self.save_button.clicked.connect(self.save_rule)
        self.months.returnPressed.connect(self.save_rule)
        self.apply_button.clicked.connect(self.apply)
        self.retranslate()

    def retranslate(self) -> None:
        self.rules_title.setText(_("Retention rules"))
        self.rules_table.setAccessibleName(_("Retention rules"))
        self.preview_table.setAccessibleName(_("Due today"))
        self.months_label.setText(_("Keep for &months after the cohort ends (empty: no rule):"))
        self.save_button.setText(_("Save rule"))
        self.preview_title.setText(_("Due today"))
        self.apply_button.setText(_("&Apply…"))
        self.rules.set_rows(
            [(r.programme_name, rule_text(r.months)) for r in self._rules], [r.programme_id for r in self._rules]
        )
        self._show_preview()

    def set_database(self, db) -> None:
        self.db = db

    def current_programme(self) -> int | None:
        index = self.rules_table.currentIndex()
        return self.rules.row_id(index.row()) if index.isValid() else None

    def load(self):
        """Read the rules and the preview off the GUI thread; returns the operation."""
        if self.db is None:
            return None
        from tillitsleder.privacy.retention import list_rules, preview_retention

        db = self.db
        self.operation = run(
            lambda _ctx: (list_rules(db), preview_retention(db)), parent=self, title=_("Retention rules"),
            on_success=self._loaded, key="retention", name="retention-load",
        )  # fmt: skip
        return self.operation

    def _loaded(self, result) -> None:
        chosen = self.current_programme()
        self._rules, self._preview = result
        self.rules.set_rows(
            [(r.programme_name, rule_text(r.months)) for r in self._rules], [r.programme_id for r in self._rules]
        )
        ids = [r.programme_id for r in self._rules]
        if ids:
            row = ids.index(chosen) if chosen in ids else 0
            self.rules_table.selectRow(row)
        self._show_rule()
        self._show_preview()

    def _show_rule(self) -> None:
        chosen = self.current_programme()
        rule = next((r for r in self._rules if r.programme_id == chosen), None)
        self.months.setText("" if rule is None or rule.months is None else str(rule.months))
        self.months.setEnabled(rule is not None)
        self.save_button.setEnabled(rule is not None)
        self.rule_error.hide()

    def _show_preview(self) -> None:
        preview = self._preview
        if preview is None:
            self.preview.set_rows([])
            self.summary.setText("")
            self.apply_button.setEnabled(False)
            return
        self.preview.set_rows(preview_rows(preview))
        self.apply_button.setEnabled(bool(preview.cohorts))
        if not preview.cohorts:
            self.summary.setText(_("No cohort is due under a retention rule today."))
            return
        erase, held = len(preview.to_erase), len(preview.held_back)
        self.summary.setText(
            _("{cohorts} due: {people} to be erased with {entries}; {held} held back.").format(
                cohorts=ngettext("{n} cohort", "{n} cohorts", len(preview.cohorts)).format(
                    n=format_number(len(preview.cohorts))
                ),
                people=ngettext("{n} participant", "{n} participants", erase).format(n=format_number(erase)),
                entries=ngettext("{n} journal entry", "{n} journal entries", preview.journal_entries).format(
                    n=format_number(preview.journal_entries)
                ),
                held=format_number(held),
            )
        )

    def save_rule(self):
        programme_id = self.current_programme()
        if self.db is None or programme_id is None:
            return None
        from tillitsleder.privacy.retention import set_rule

        db, text = self.db, self.months.text()

        def failed(error: BaseException) -> None:
            from ui.errors import error_text

            self.rule_error.setText(error_text(error))
            self.rule_error.show()

        self.operation = run(
            lambda _ctx: set_rule(db, programme_id, text), parent=self, title=_("Retention rules"),
            on_success=lambda _months: self.load(), on_failure=failed, changes=Changed.CURRICULUM,
            name="retention-rule",
        )  # fmt: skip
        return self.operation

    def apply(self):
        preview = self._preview
        if self.db is None or preview is None or not preview.cohorts:
            return None
        question = _(
            "Erase the journals of {people} and anonymise {enrolments}? A backup of the database is made first."
        ).format(
            people=ngettext("{n} participant", "{n} participants", len(preview.to_erase)).format(
                n=format_number(len(preview.to_erase))
            ),
            enrolments=ngettext("{n} enrolment", "{n} enrolments", preview.enrolments).format(
                n=format_number(preview.enrolments)
            ),
        )
        if not self.ask(_("Apply the retention rules"), question):
            return None
        from tillitsleder.privacy.retention import apply_retention

        db = self.db

        def done(report) -> None:
            self.result_label.setText(
                _("Applied to {cohorts}; {people} erased. The backup from before is {path}.").format(
                    cohorts=ngettext("{n} cohort", "{n} cohorts", report.cohorts).format(
                        n=format_number(report.cohorts)
                    ),
                    people=ngettext("{n} participant", "{n} participants", report.erased).format(
                        n=format_number(report.erased)
                    ),
                    path=report.backup,
                )
            )
            self.load()

        self.operation = run(
            lambda _ctx: apply_retention(db), parent=self, title=_("Apply the retention rules"),
            on_success=done, changes=Changed.ENROLMENT | Changed.JOURNAL | Changed.CURRICULUM, name="retention-apply",
        )  # fmt: skip
        return self.operation
