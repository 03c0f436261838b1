"""File → Restore from backup…: choose one of a database's backups (or another backup file) to put in its place.

The list shows each backup's date and time in the user's language (Babel), why it was made and its size,
newest first. The dialog only chooses; ``DatabaseActions.restore_from_backup`` closes the database, restores
through an operation with progress and opens the restored file again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tillitsleder.i18n import N_, _, format_datetime
from tillitsleder.storage import backups

REASONS = {
    "on-close": N_("Closed after changes"),
    "manual": N_("Made on request"),
    "before-import": N_("Before an import"),
    "before-erase": N_("Before an erasure"),
    "before-retention": N_("Before old data was deleted"),
    "before-deleting-cohort": N_("Before a cohort was deleted"),
    "before-deleting-programme": N_("Before a programme was deleted"),
    "before-restore": N_("Before a restore"),
}
UPGRADE = N_("Before an upgrade")


def reason_text(reason: str) -> str:
    if reason in REASONS:
        return _(REASONS[reason])
    if reason.startswith("before-") and reason.removeprefix("before-").isdigit():
        return _(UPGRADE)
    return reason


class RestoreDialog(QDialog):
    """Lists the backups of ``database``; ``chosen`` is the backup to restore once the dialog is accepted."""

    def __init__(
        self, database: Path, parent: QWidget | None = None, *, selected: Path | None = None, file_filter: str = ""
    ) -> None:
        super().__init__(parent)
        self.file_filter = file_filter
        self.setObjectName("restoreDialog")
        self.setWindowTitle(_("Restore from backup"))
        self.database = database
        self.chosen: Path | None = None
        self.backups = backups.list_backups(database)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Choose a backup of “{name}”. The database as it is now is backed up first and then replaced by "
                "the backup; anything changed after the backup was made is no longer in the database."
            ).format(name=database.name)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QTreeWidget()
        self.list.setObjectName("backupList")
        self.list.setRootIsDecorated(False)
        self.list.setColumnCount(3)
        self.list.setHeaderLabels([_("Backed up"), _("Why"), _("Size")])
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName(_("Backups"))
        for backup in self.backups:
            made = format_datetime(backup.made_at.astimezone())
            item = QTreeWidgetItem([made, reason_text(backup.reason), backups.format_size(backup.size)])
            item.setData(0, Qt.ItemDataRole.UserRole, str(backup.path))
            item.setToolTip(0, str(backup.path))
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(item)
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.list.itemSelectionChanged.connect(self._update)
        self.list.itemDoubleClicked.connect(lambda _item, _column: self.accept())
        layout.addWidget(self.list)
        self.empty = QLabel(_("There are no backups of this database in “{folder}” yet.").format(
            folder=backups.backup_folder(database)))  # fmt: skip
        self.empty.setWordWrap(True)
        self.empty.setVisible(not self.backups)
        layout.addWidget(self.empty)
        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton(_("&Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreButton")
        self.other_button = QPushButton(_("Other &file…"))
        self.other_button.setObjectName("otherFile")
        self.buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.other_button.clicked.connect(self._choose_other)
        layout.addWidget(self.buttons)
        self.resize(640, 420)
        self._select(selected)
        self._update()

    def _select(self, selected: Path | None) -> None:
        for row in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(row)
            if selected is None or Path(item.data(0, Qt.ItemDataRole.UserRole)) == selected:
                self.list.setCurrentItem(item)
                return

    def _update(self) -> None:
        self.restore_button.setEnabled(bool(self.list.selectedItems()))

    def selected_backup(self) -> Path | None:
        items = self.list.selectedItems()
        return Path(items[0].data(0, Qt.ItemDataRole.UserRole)) if items else None

    def _choose_other(self) -> None:
        name, _selected = QFileDialog.getOpenFileName(
            self, _("Restore from backup"), str(backups.backup_folder(self.database)), self.file_filter
        )
        if name:
            self.chosen = Path(name)
            super().accept()

    def accept(self) -> None:
        chosen = self.selected_backup()
        if chosen is None:
            return
        self.chosen = chosen
        super().accept()
