"""Commitments from the medarbeidersamtale: the participant's own list and editor, and a coach's read-only view.

``CommitmentsPanel`` lists a person's commitments (what, made, due, status, follow-up) through
``services.commitments`` as the acting profile may see them. With ``editable`` (the participant's own) it has
"New", "Edit" (also a double-click) and "Delete", and ``CommitmentDialog`` edits one: the description, the day it
was made, an optional due date, the status and follow-up notes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tillitsleder import clock
from tillitsleder.enums import CommitmentStatus
from tillitsleder.i18n import _, format_date
from ui import colours
from ui.curriculum.forms import date_edit, get_date, set_date, text_area
from ui.journal.list_model import Index, RowListModel
from ui.widgets.keyboard import NEW_KEY, key_for, leave_by_tab
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.journal.commitments import CommitmentDraft, CommitmentView
    from tillitsleder.profiles import UnlockedProfile
    from tillitsleder.storage import Database

OVERDUE = "warning.item"  # the colour role of an overdue commitment's date and status (``ui.colours``)


class CommitmentModel(RowListModel):
    columns = ("description", "made_on", "due_on", "status", "follow_up")

    def header(self, column: str) -> str:
        return {
            "description": _("Commitment"),
            "made_on": _("Made"),
            "due_on": _("Due"),
            "status": _("Status"),
            "follow_up": _("Follow-up notes"),
        }[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "description" and row.damaged:
                return _("Damaged: could not be opened")
            if column == "description" and row.description is None and row.pending:
                return _("Sealed: readable once the participant has opened their journal again")
            if column == "description":
                return (row.description or "").replace("\n", " ")
            if column == "made_on":
                return format_date(row.made_on)
            if column == "due_on":
                return format_date(row.due_on) if row.due_on else "—"
            if column == "status":
                label = row.status.label()
                return _("{status} (overdue)").format(status=label) if row.overdue else label
            if column == "follow_up":
                return (row.follow_up or "").replace("\n", " ")
        if role == Qt.ItemDataRole.ForegroundRole and column in ("due_on", "status") and row.overdue:
            return colours.scheme().brushes(OVERDUE)[1]
        if role == Qt.ItemDataRole.ToolTipRole and column in ("description", "follow_up"):
            return getattr(row, column) or None
        return None


class CommitmentDialog(Retranslating, QDialog):
    """Edit one commitment; ``draft()`` is what was entered."""

    def __init__(
        self, existing: CommitmentView | None = None, save: Callable[[CommitmentDraft], None] | None = None, parent=None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("commitmentDialog")
        self._save = save
        self.description = text_area(3)
        self.made_on = date_edit()
        self.has_due = QCheckBox()
        self.due_on = date_edit()
        self.status = QComboBox()
        for member in CommitmentStatus:
            self.status.addItem("", member.value)
        self.follow_up = text_area(4)
        form = QFormLayout()
        self.labels = [QLabel() for _i in range(5)]
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due_on)
        due_row.addStretch(1)
        for label, field in zip(
            self.labels, (self.description, self.made_on, due_row, self.status, self.follow_up), strict=True
        ):
            form.addRow(label, field)
            if isinstance(field, QWidget):
                label.setBuddy(field)
        self.labels[2].setBuddy(self.has_due)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.has_due.toggled.connect(self.due_on.setEnabled)
        today = clock.today()
        set_date(self.made_on, existing.made_on if existing else today)
        set_date(self.due_on, existing.due_on if existing and existing.due_on else today)
        self.has_due.setChecked(bool(existing and existing.due_on) or existing is None)
        self.due_on.setEnabled(self.has_due.isChecked())
        if existing is not None:
            self.description.setPlainText(existing.description or "")
            self.follow_up.setPlainText(existing.follow_up or "")
            self.status.setCurrentIndex(max(0, self.status.findData(existing.status.value)))
        self._new = existing is None
        self.resize(520, 420)
        self.retranslate()

    def accept(self) -> None:
        """Save through the callback; on a core error say why and stay open (nothing was written)."""
        if self._save is not None:
            try:
                self._save(self.draft())
            except Exception as error:  # noqa: BLE001 - every core error is shown
                from ui.errors import show_error

                show_error(self, self.windowTitle(), error)
                return
        super().accept()

    def draft(self) -> CommitmentDraft:
        from tillitsleder.journal.commitments import CommitmentDraft

        return CommitmentDraft(
            description=self.description.toPlainText(),
            made_on=get_date(self.made_on),
            due_on=get_date(self.due_on) if self.has_due.isChecked() else None,
            status=CommitmentStatus(self.status.currentData()),
            follow_up=self.follow_up.toPlainText(),
        )

    def retranslate(self) -> None:
        self.setWindowTitle(_("New commitment") if self._new else _("Edit commitment"))
        texts = (_("&What I commit to:"), _("&Made on:"), _("D&ue:"), _("&Status:"), _("&Follow-up notes:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.has_due.setText(_("by"))
        for index, member in enumerate(CommitmentStatus):
            self.status.setItemText(index, member.label())
        self.description.setPlaceholderText(_("What you agreed in the development conversation"))
        self.follow_up.setPlaceholderText(_("How it is going; what you talked about at the follow-up"))


class CommitmentsPanel(Retranslating, QWidget):
    def __init__(self, *, editable: bool, parent=None) -> None:
        super().__init__(parent)
        self.editable = editable
        self.db: Database | None = None
        self.actor: UnlockedProfile | None = None  # the acting profile: its keys open the commitments
        self.person_id: int | None = None
        self.dialog: CommitmentDialog | None = None
        self.model = CommitmentModel(self)
        self.table = leave_by_tab(QTableView())
        self.table.setObjectName("commitmentTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.new_button, self.edit_button, self.delete_button = QPushButton(), QPushButton(), QPushButton()
        self.new_button.setObjectName("newCommitment")
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for button in (self.new_button, self.edit_button, self.delete_button):
            bar.addWidget(button)
            button.setVisible(editable)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self.new_button.clicked.connect(self.new_commitment)
        key_for(self.new_button, NEW_KEY)
        self.edit_button.clicked.connect(self.edit_commitment)
        self.delete_button.clicked.connect(self.delete_commitment)
        if editable:
            self.table.doubleClicked.connect(lambda _index: self.edit_commitment())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.retranslate()

    def load(self, db: Database, actor: UnlockedProfile, person_id: int) -> None:
        from tillitsleder.journal import commitments

        self.show_rows(db, actor, person_id, commitments.list_commitments(db, actor, person_id))

    def show_rows(self, db: Database, actor: UnlockedProfile, person_id: int, rows: list[CommitmentView]) -> None:
        """Show ``rows`` (read by the caller, e.g. on a worker thread) as the commitments of ``person_id``."""
        self.db, self.actor, self.person_id = db, actor, person_id
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), 360))
        self._update_buttons()

    def clear(self) -> None:
        self.db = self.actor = self.person_id = None
        self.model.set_rows([])
        self._update_buttons()

    def current(self) -> CommitmentView | None:
        return self.model.row_at(self.table.currentIndex().row())

    def _reload(self) -> None:
        if self.db is not None and self.actor is not None and self.person_id is not None:
            self.load(self.db, self.actor, self.person_id)

    def _update_buttons(self) -> None:
        has = self.current() is not None
        self.new_button.setEnabled(self.db is not None)
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        empty = not self.model.rows
        self.empty.setVisible(empty)
        self.table.setVisible(not empty)

    def new_commitment(self) -> None:
        self._edit(None)

    def edit_commitment(self) -> None:
        if self.current() is not None:
            self._edit(self.current())

    def _edit(self, existing: CommitmentView | None) -> None:
        if not self.editable or self.db is None or self.actor is None:
            return
        from tillitsleder.journal import commitments

        db, actor = self.db, self.actor

        def save(draft: CommitmentDraft) -> None:
            if existing is None:
                commitments.add_commitment(db, actor, draft)
            else:
                commitments.update_commitment(db, actor, existing.id, draft)

        dialog = CommitmentDialog(existing, save, self)
        self.dialog = dialog
        dialog.accepted.connect(self._reload)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def delete_commitment(self) -> None:
        from tillitsleder.journal import commitments
        from ui.errors import show_error

        current = self.current()
        if current is None or self.db is None or self.actor is None:
            return
        answer = QMessageBox.question(self, _("Delete commitment"), _("Delete this commitment? This cannot be undone."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            commitments.delete_commitment(self.db, self.actor, current.id)
        except Exception as error:  # noqa: BLE001
            show_error(self, _("Delete commitment"), error)
        self._reload()

    def retranslate(self) -> None:
        self.table.setAccessibleName(_("Commitments"))
        self.new_button.setText(_("&New commitment…"))
        self.edit_button.setText(_("&Edit…"))
        self.delete_button.setText(_("&Delete"))
        if self.editable:
            self.empty.setText(
                _(
                    "No commitments yet. Write down what you and your manager agreed in the development "
                    "conversation, with a date to follow it up."
                )
            )
        else:
            self.empty.setText(_("No commitments recorded."))
