"""The certificate register of the chosen cohort: issued certificates (name, version, code, status, issued at) and
what the coordinator does with them — issue for the cohort (with progress and cancel) or for one participant,
reissue or revoke with a reason, save a copy of the PDF, and verify a code or a file.

Dialogs that ask for something (a reason, a file, a participant) are separate methods taking the answer, so the
same actions run from tests without a modal dialog.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tillitsleder.i18n import LANGUAGES, N_, _, current_language, format_number, ngettext
from ui.operations import Changed, run
from ui.widgets.flow_layout import flow_row
from ui.widgets.list_panel import ListPanel
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.certificates.issuing import BatchResult
    from tillitsleder.storage import Database
    from ui.widgets.cohort_picker import CohortSelection


class RegisterTab(Retranslating, QWidget):
    tab_title = N_("Register")
    changed = Signal()  # certificates were issued, reissued or revoked
    batchFinished = Signal(object)  # noqa: N815 - BatchResult, or the error
    actionFinished = Signal(bool)  # noqa: N815 - a single issue, reissue or revoke ended (True: it was done)

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.db: Database | None = None
        self.cohort_id: int | None = None
        self._busy = False  # a single write is running
        self.issue_button = QPushButton()
        self.issue_one_button = QPushButton()
        self.reissue_button = QPushButton()
        self.revoke_button = QPushButton()
        self.save_button = QPushButton()
        self.verify_button = QPushButton()
        self.language_label = QLabel()
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.language_label.setBuddy(self.language)
        self.panel = ListPanel("certificates", title=N_("Issued certificates"))
        self.panel.set_empty_action(self.issue_button)
        self.detail = QLabel()
        self.note = QLabel()
        for label in (self.detail, self.note):  # they show names: never rich text
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        language_box = self.language_box = QWidget()
        language_row = QHBoxLayout(language_box)
        language_row.setContentsMargins(12, 0, 0, 0)
        language_row.addWidget(self.language_label)
        language_row.addWidget(self.language)
        top = flow_row([self.issue_button, self.issue_one_button, language_box])
        row = flow_row([self.reissue_button, self.revoke_button, self.save_button, self.verify_button])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(top)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.detail)
        layout.addWidget(row)
        layout.addWidget(self.note)

        self.issue_button.clicked.connect(self.issue_for_cohort)
        self.issue_one_button.clicked.connect(self.choose_and_issue_one)
        self.reissue_button.clicked.connect(lambda: self.reissue_selected())
        self.revoke_button.clicked.connect(lambda: self.revoke_selected())
        self.save_button.clicked.connect(lambda: self.save_selected())
        self.verify_button.clicked.connect(self.open_verify)
        self.panel.currentIdChanged.connect(self._selection_changed)
        selection.actorChanged.connect(lambda _actor: self._update_buttons())
        self.retranslate()
        self._update_buttons()

    # --- data ------------------------------------------------------------------------------------------

    def load(self, db: Database, cohort_id: int | None) -> None:
        self.db, self.cohort_id = db, cohort_id
        self._update_buttons()

    def language_code(self) -> str:
        return self.language.currentData() or current_language()

    def selected(self):
        from tillitsleder.certificates.register import certificate_info

        certificate_id = self.panel.current_id()
        if self.db is None or certificate_id is None:
            return None
        return certificate_info(self.db, certificate_id, actor=self.selection.actor)

    def _refresh(self, select_id: int | None = None) -> None:
        self.panel.refresh()
        if select_id is not None:
            self.select_certificate(select_id)
        self.changed.emit()

    def select_certificate(self, certificate_id: int) -> bool:
        model = self.panel.model
        if model is None:
            return False
        for row in range(model.rowCount()):
            if model.row_id(row) == certificate_id:
                self.panel.table.selectRow(row)
                return True
        return False

    # --- actions ---------------------------------------------------------------------------------------

    def issue_for_cohort(self):
        """Issue to every eligible participant off the GUI thread, with a progress dialog that can cancel."""
        from tillitsleder.certificates.issuing import issue_for_cohort

        if self.db is None or self.cohort_id is None:
            return None
        db, cohort_id, actor, language = self.db, self.cohort_id, self.selection.actor, self.language_code()
        return run(
            lambda ctx: issue_for_cohort(
                db, cohort_id, actor=actor, language=language, progress=ctx.progress, cancelled=ctx.cancelled
            ),
            parent=self,
            title=_("Issue certificates"),
            progress=_("Drawing and storing the certificates…"),
            on_success=self._batch_done,
            on_failure=self._batch_failed,
            changes=Changed.CERTIFICATES,
            name="issue-certificates",
        )

    def _batch_done(self, result: BatchResult) -> None:
        self.note.setText(self.summary(result))
        self._refresh()
        self.batchFinished.emit(result)

    def _batch_failed(self, error: BaseException) -> None:
        from ui.errors import error_text

        self.note.setText(error_text(error))
        self.batchFinished.emit(error)

    @staticmethod
    def summary(result: BatchResult) -> str:
        parts = [
            ngettext("{n} certificate issued.", "{n} certificates issued.", len(result.issued)).format(
                n=format_number(len(result.issued))
            )
        ]
        if result.already_issued:
            parts.append(
                ngettext(
                    "{n} participant already held one.", "{n} participants already held one.", result.already_issued
                ).format(n=format_number(result.already_issued))
            )
        if result.not_eligible:
            names = ", ".join(person.name for person in result.not_eligible)
            parts.append(_("Not completed: {names}.").format(names=names))
        return " ".join(parts)

    def eligible_without_certificate(self) -> list[tuple[int, str]]:
        """(enrolment id, name) of participants who completed and hold no valid certificate."""
        from tillitsleder.certificates.register import list_certificates
        from tillitsleder.completion.evaluation import evaluate_cohort

        assert self.db is not None and self.cohort_id is not None
        holding = {
            c.enrolment_id
            for c in list_certificates(self.db, self.cohort_id, actor=self.selection.actor)
            if c.status.value == "valid"
        }
        completions = evaluate_cohort(self.db, self.cohort_id)
        return [(c.enrolment_id, c.name) for c in completions if c.eligible and c.enrolment_id not in holding]

    def choose_and_issue_one(self) -> None:
        if self.db is None or self.cohort_id is None:
            return

        def ask(candidates: list[tuple[int, str]]) -> None:
            if not candidates:
                self.note.setText(_("Everyone who completed already holds a valid certificate."))
                return
            names = [name for _id, name in candidates]
            name, ok = QInputDialog.getItem(
                self, _("Issue a certificate"), _("Participant who completed:"), names, 0, False
            )
            if ok:
                self.issue_one(candidates[names.index(name)][0])

        run(lambda _ctx: self.eligible_without_certificate(), parent=self, title=_("Certificates"), on_success=ask)

    def issue_one(self, enrolment_id: int):
        from tillitsleder.certificates.issuing import issue_certificate

        return self._write(
            lambda: issue_certificate(self.db, enrolment_id, actor=self.selection.actor, language=self.language_code()),
            lambda info: _("Certificate issued to {name}: {code}.").format(name=info.holder_name, code=info.code),
        )

    def reissue_selected(self, reason: str | None = None):
        from tillitsleder.certificates.issuing import reissue

        info = self.selected()
        if info is None:
            return None
        if reason is None:
            reason = self._ask_reason(
                _("Reissue certificate"),
                _("Why is the certificate of {name} reissued? (The old version stays, marked superseded.)").format(
                    name=info.holder_name
                ),
            )
            if reason is None:
                return None
        return self._write(
            lambda: reissue(self.db, info.id, reason, actor=self.selection.actor, language=self.language_code()),
            lambda new: _("Version {version} issued to {name}: {code}.").format(
                version=new.version, name=new.holder_name, code=new.code
            ),
        )

    def revoke_selected(self, reason: str | None = None):
        from tillitsleder.certificates.issuing import revoke

        info = self.selected()
        if info is None:
            return None
        if reason is None:
            reason = self._ask_reason(
                _("Revoke certificate"),
                _("Why is the certificate of {name} revoked? It stays in the register, marked revoked.").format(
                    name=info.holder_name
                ),
            )
            if reason is None:
                return None
        return self._write(
            lambda: revoke(self.db, info.id, reason, actor=self.selection.actor),
            lambda done: _("The certificate of {name} is revoked.").format(name=done.holder_name),
        )

    def save_selected(self, path: Path | None = None) -> Path | None:
        from tillitsleder.certificates.register import save_copy
        from ui.errors import error_text

        info = self.selected()
        if info is None or self.db is None:
            return None
        if path is None:
            start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            name, _selected = QFileDialog.getSaveFileName(
                self, _("Save a copy of the certificate"), str(Path(start or Path.home()) / info.file_name()),
                _("PDF files (*.pdf)"),
            )  # fmt: skip
            if not name:
                return None
            path = Path(name)
        try:
            written = save_copy(self.db, info.id, path, actor=self.selection.actor)
        except Exception as error:  # noqa: BLE001 - said in the note, as every failure here
            self.note.setText(error_text(error))
            return None
        self.note.setText(_("Saved to “{path}”.").format(path=written))
        return written

    def open_verify(self):
        from ui.certificates.verify_dialog import VerifyDialog

        if self.db is None:
            return None
        dialog = VerifyDialog(self.db, self)
        dialog.show()
        return dialog

    # --- helpers ---------------------------------------------------------------------------------------

    def _write(self, action, describe):
        """Run a write (it renders a PDF: may take a moment) off the GUI thread; ``actionFinished`` tells the
        outcome. Returns the job, or ``None`` when another write is still running."""
        from ui.errors import error_text

        if self._busy:
            return None
        self._busy = True
        self._update_buttons()

        def done(result) -> None:
            self._busy = False
            self.note.setText(describe(result))
            self._refresh(getattr(result, "id", None))
            self._update_buttons()
            self.actionFinished.emit(True)

        def failed(error: BaseException) -> None:
            self._busy = False
            self.note.setText(error_text(error))
            self._update_buttons()
            self.actionFinished.emit(False)

        return run(
            lambda _ctx: action(), parent=self, on_success=done, on_failure=failed, changes=Changed.CERTIFICATES,
            name="certificate-action",
        )

    def _ask_reason(self, title: str, question: str) -> str | None:
        reason, ok = QInputDialog.getText(self, title, question)
        return reason if ok else None

    def _selection_changed(self, _certificate_id: object) -> None:
        self._update_buttons()
        info = self.selected() if self.db is not None else None
        if info is None:
            self.detail.clear()
            return
        lines = [_("{name}, version {version}, code {code}: {status}.").format(
            name=info.holder_name, version=info.version, code=info.code, status=info.status.label())]  # fmt: skip
        if info.issue_reason:
            lines.append(_("Reissued because: {reason}").format(reason=info.issue_reason))
        if info.status_reason:
            lines.append(_("Reason for the status: {reason}").format(reason=info.status_reason))
        self.detail.setText("\n".join(lines))

    def coordinator_tools(self) -> list[QWidget]:
        """What only the coordinator does here: issue, reissue, revoke, the certificates' language and verifying
        any code (which names its holder). Other profiles do not see them at all."""
        return [
            self.issue_button, self.issue_one_button, self.language_box, self.reissue_button, self.revoke_button,
            self.verify_button,
        ]  # fmt: skip

    def _update_buttons(self) -> None:
        for tool in self.coordinator_tools():
            tool.setVisible(self.selection.actor.is_coordinator)
        coordinator = self.selection.actor.is_coordinator and not self._busy
        ready = self.db is not None and self.cohort_id is not None
        chosen = ready and self.panel.current_id() is not None
        self.issue_button.setEnabled(ready and coordinator)
        self.issue_one_button.setEnabled(ready and coordinator)
        self.reissue_button.setEnabled(chosen and coordinator)
        self.revoke_button.setEnabled(chosen and coordinator)
        self.save_button.setEnabled(chosen)
        self.verify_button.setEnabled(self.db is not None and coordinator)

    def retranslate(self) -> None:
        self.issue_button.setText(_("&Issue for the cohort…"))
        self.issue_button.setToolTip(_("A certificate for everyone who completed and holds none yet."))
        self.issue_one_button.setText(_("Issue for &one…"))
        self.reissue_button.setText(_("&Reissue…"))
        self.reissue_button.setToolTip(_("A new version from today's names and template; the old one is kept."))
        self.revoke_button.setText(_("Re&voke…"))
        self.save_button.setText(_("Save a &copy…"))
        self.verify_button.setText(_("&Verify a code or file…"))
        self.language_label.setText(_("Certificate &language:"))
        self._selection_changed(None)
