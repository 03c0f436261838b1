"""“Erase personal data…”: a preview of what erasing a person deletes, anonymises and keeps, then the erasure.

The plan is read off the GUI thread and shown as a tree: deleted, anonymised, kept (with the legal basis for the
certificate register rows) and the group meetings whose notes the group's facilitator should review — listed by
group and date only, their content is not read. Erasing needs the person's id typed as confirmation; it runs as
an operation (a backup first), and the dialog then shows the report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from tillitsleder.i18n import _, format_date, format_number
from ui import operations
from ui.errors import error_text
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.privacy.erasure import ErasurePlan
    from tillitsleder.privacy.people import PersonRef
    from tillitsleder.storage import Database

ERASED = (
    operations.Changed.ENROLMENT
    | operations.Changed.ATTENDANCE
    | operations.Changed.COMPLETION
    | operations.Changed.CERTIFICATES
    | operations.Changed.GROUPS
    | operations.Changed.GROUP_NOTES
    | operations.Changed.FACILITATORS
    | operations.Changed.JOURNAL
    | operations.Changed.TABLE_DAY
    | operations.Changed.PROFILES
    | operations.Changed.ORGANISATION
)


class ErasureDialog(Retranslating, QDialog):
    erased = Signal(object)  # the ErasureReport

    def __init__(self, db: Database, person: PersonRef, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("privacyErasureDialog")
        self.resize(680, 620)
        self._db, self.person = db, person
        self.plan: ErasurePlan | None = None
        self.report = None
        self.operation: operations.Operation | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.include_certificates = QCheckBox()
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.journal_label = QLabel()
        self.journal_label.setWordWrap(True)
        self.legal_label = QLabel()
        self.legal_label.setWordWrap(True)
        self.legal_label.setObjectName("hint")
        self.legal_label.hide()
        self.confirm_label = QLabel()
        self.confirm_label.setWordWrap(True)
        self.confirm = QLineEdit()
        self.confirm_label.setBuddy(self.confirm)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.erase_button.setObjectName("eraseButton")
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.include_certificates)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.journal_label)
        layout.addWidget(self.legal_label)
        layout.addWidget(self.confirm_label)
        layout.addWidget(self.confirm)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)
        self.include_certificates.toggled.connect(lambda _on: self.load_plan())
        self.confirm.textChanged.connect(self._update)
        self.erase_button.clicked.connect(self.erase)
        self.buttons.rejected.connect(self.reject)
        self.retranslate()
        self.load_plan()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Erase personal data: {name}").format(name=self.person.name))
        self.intro.setText(
            _(
                "Erasing {name} (person {id}) deletes or anonymises everything the database holds about them. "
                "Counts in cohorts and sessions stay; the person is shown as “— #{id}”. A backup is made first. "
                "This cannot be undone."
            ).format(name=self.person.name, id=self.person.id)
        )
        self.include_certificates.setText(_("Also delete issued certificates (no register row is kept)"))
        self.tree.setHeaderLabels([_("What"), _("Rows")])
        self.confirm_label.setText(_("Type the person's id, {id}, to confirm:").format(id=self.person.id))
        self.erase_button.setText(_("&Erase"))
        self._fill()

    # --- the plan ------------------------------------------------------------------------------------------

    def load_plan(self) -> None:
        from tillitsleder.privacy.erasure import plan_erasure

        db, person_id, include = self._db, self.person.id, self.include_certificates.isChecked()
        self.plan = None
        self._update()
        operations.run(
            lambda _context: plan_erasure(db, person_id, include),
            parent=self,
            title=_("Erase personal data"),
            on_success=self._planned,
            on_failure=self._failed,
            key="plan",
            name="privacyPlan",
        )

    def _planned(self, plan: ErasurePlan) -> None:
        self.plan = plan
        self._fill()
        self._update()

    def _fill(self) -> None:
        from tillitsleder.privacy.erasure import LEGAL_BASIS
        from tillitsleder.privacy.plan_text import ACTION_TITLES, journal_line, review_line, table_label
        from tillitsleder.privacy.references import Erase

        self.tree.clear()
        plan = self.plan
        if plan is None:
            return
        for action in (Erase.DELETE, Erase.ANONYMISE, Erase.KEEP):
            lines = plan.lines_for(action)
            if not lines:
                continue
            top = QTreeWidgetItem(self.tree, [_(ACTION_TITLES[action]), format_number(plan.rows(action))])
            for line in lines:
                QTreeWidgetItem(top, [table_label(line.table), format_number(line.rows)])
            top.setExpanded(True)
        self.journal_label.setText(journal_line(plan))
        self.legal_label.setText(_(LEGAL_BASIS))
        self.legal_label.setVisible(bool(plan.kept_certificates))
        if plan.kept_certificates:
            top = QTreeWidgetItem(
                self.tree, [_(ACTION_TITLES[Erase.REGISTER]), format_number(len(plan.kept_certificates))]
            )
            for certificate in plan.kept_certificates:
                QTreeWidgetItem(
                    top,
                    [
                        _("{code}, version {version}, issued {date}").format(
                            code=certificate.verification_code,
                            version=format_number(certificate.version),
                            date=format_date(certificate.issued_at),
                        ),
                        "",
                    ],
                )
            top.setExpanded(True)
        if plan.review:
            top = QTreeWidgetItem(
                self.tree,
                [
                    _("For review: group meetings whose notes may mention them (not changed)"),
                    format_number(len(plan.review)),
                ],
            )
            for meeting in plan.review:
                QTreeWidgetItem(top, [review_line(meeting), ""])
            top.setExpanded(True)
        for item in self.tree.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive):
            item.setToolTip(0, item.text(0))

    def _update(self, *_args: object) -> None:
        running = self.operation is not None and self.operation.running
        ready = self.plan is not None and not self.plan.already_erased and self.report is None
        self.erase_button.setEnabled(ready and not running and self.confirm.text().strip() == str(self.person.id))
        self.confirm.setEnabled(ready and not running)
        self.include_certificates.setEnabled(self.report is None and not running)

    # --- erasing -------------------------------------------------------------------------------------------

    def erase(self) -> None:
        from tillitsleder.privacy.erasure import erase_person

        if self.plan is None:
            return
        db, plan = self._db, self.plan
        self.operation = operations.run(
            lambda context: erase_person(db, plan, progress=context.progress),
            parent=self,
            title=_("Erase personal data"),
            progress=_("Making a backup and erasing…"),
            cancellable=False,
            changes=ERASED,
            on_success=self._erased,
            on_failure=self._failed,
            name="privacyErase",
        )
        self._update()

    def _erased(self, report) -> None:
        from tillitsleder.privacy.plan_text import report_lines

        self.report = report
        self.outcome.setObjectName("")
        self.outcome.setText("\n".join(report_lines(report)))
        self.outcome.show()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Close"))
        self._update()
        self.erased.emit(report)

    def _failed(self, error: BaseException) -> None:
        self.outcome.setObjectName("warning")
        self.outcome.setText(error_text(error))
        self.outcome.show()
        self._update()
