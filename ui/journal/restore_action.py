"""The journal's "Restore from backup…": put a damaged entry back from a backup holding an intact copy.

The search runs off the GUI thread (it opens each backup read-only and tries the participant's key); the answer
says which backup the entry came from, or that none of the backups holds an intact copy — in a message box the
workspace keeps as ``restore_message`` (tests read it). A restored entry is shown again at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox

from tillitsleder.i18n import _, ngettext
from ui.operations import Changed, run

if TYPE_CHECKING:
    from tillitsleder.journal.restore import RestoreResult


def restore_damaged(workspace: Any) -> None:
    """Look for an intact copy of the damaged entry selected in ``workspace`` (the ``JournalWorkspace``, untyped
here so the workspace's import of this module is the only edge) and put it back; tell the outcome."""
    entry = workspace.model.entry(workspace.table.currentIndex().row())
    backend = workspace.backend
    if backend is None or entry is None or not entry.damaged:
        return

    def work(_ctx: object) -> RestoreResult:
        return backend.restore_entry(entry.id)

    run(
        work, parent=workspace, title=_("Restore from backup"), on_success=lambda result: _tell(workspace, result),
        changes=Changed.JOURNAL, progress=_("Looking for an intact copy in the backups…"), cancellable=False,
        name="journal-restore",
    )  # fmt: skip


def _tell(workspace: Any, result: RestoreResult) -> None:
    if result.backup is None:
        text = ngettext(
            "No backup holds an intact copy of this entry ({n} backup checked). It stays listed as damaged; "
            "you can delete it.",
            "No backup holds an intact copy of this entry ({n} backups checked). It stays listed as damaged; "
            "you can delete it.",
            result.checked,
        ).format(n=result.checked)
    else:
        text = _("The entry was restored from the backup “{name}”, as it was when that backup was made.").format(
            name=result.backup.name
        )
        workspace.reload(select=result.entry_id)
        workspace.changed.emit()
    box = QMessageBox(QMessageBox.Icon.Information, _("Restore from backup"), text, QMessageBox.StandardButton.Ok)
    box.setParent(workspace, box.windowFlags())
    box.setObjectName("restoreMessage")
    workspace.restore_message = box
    box.open()
