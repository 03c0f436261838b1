"""Export one's own journal and commitments: ask where (a save dialog), then write on a worker thread.

Building a PDF of a two-year journal takes a moment, so the core's ``export_journal`` runs through
``ui.operations``; the result (or a translated error) comes back on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from tillitsleder import clock
from tillitsleder.i18n import _, ngettext
from ui.operations import Operation, run

if TYPE_CHECKING:
    from ui.journal.backend import JournalBackend

SUFFIXES = {"pdf": ".pdf", "md": ".md", "json": ".json"}


def file_filter(fmt: str) -> str:
    names = {
        "pdf": _("PDF documents (*.pdf)"),
        "md": _("Markdown text (*.md)"),
        "json": _("JSON data (*.json)"),
    }
    return names[fmt]


def suggested_path(fmt: str) -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    name = _("learning-journal-{date}").format(date=clock.today().isoformat()) + SUFFIXES[fmt]
    return Path(documents or Path.home()) / name


def export_journal(parent: QWidget, backend: JournalBackend, fmt: str) -> Operation | None:
    """Ask for a file name, then export; ``None`` when the user cancelled the dialog."""
    name, _selected = QFileDialog.getSaveFileName(
        parent, _("Export your journal"), str(suggested_path(fmt)), file_filter(fmt)
    )
    if not name:
        return None
    path = Path(name)
    if not path.suffix:
        path = path.with_suffix(SUFFIXES[fmt])
    return export_to(parent, backend, fmt, path)


def export_to(parent: QWidget, backend: JournalBackend, fmt: str, path: Path) -> Operation:
    from tillitsleder.journal import export as journal_export

    db, me = backend.db, backend.me

    def report(result: journal_export.JournalExport) -> None:
        text = _("Exported {entries} and {commitments} to “{path}”.").format(
            entries=ngettext("{n} entry", "{n} entries", result.entries).format(n=result.entries),
            commitments=ngettext("{n} commitment", "{n} commitments", result.commitments).format(n=result.commitments),
            path=result.path.name,
        )
        window = parent.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 15000)

    return run(
        lambda _ctx: journal_export.export_journal(db, me, path, fmt),
        parent=parent,
        title=_("Export your journal"),
        progress=_("Writing “{name}”…").format(name=path.name),
        on_success=report,
        cancellable=False,
        name="export-journal",
    )
