"""Export calendars from the Sessions area: the cohort's, one facilitator's, or a cancellation notice.

A facilitator's calendar is the same as in the Facilitators area and the CLI (``facilitators.calendar_file``):
their sessions in every cohort, their reflection-group meetings and the table days where they lead a table.

Each asks where to save (a file dialog suggesting the Documents folder), then writes off the GUI thread
with a progress dialog, and reports through ``report(text)`` (the status bar) or an error box.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from tillitsleder.i18n import _, format_number, ngettext
from tillitsleder.storage import Database
from ui.errors import error_text, show_error
from ui.operations import Operation, run

Report = Callable[[str], None]


def _file_name(text: str) -> str:
    """A file name from a cohort's or a person's name: no characters Windows refuses."""
    return re.sub(r'[\\/:*?"<>|]+', "-", text).strip(" .") or "kalender"


def ask_ics_path(parent: QWidget, title: str, suggested_name: str) -> Path | None:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = Path(documents or Path.home()) / f"{_file_name(suggested_name)}.ics"
    name, _selected = QFileDialog.getSaveFileName(
        parent, title, str(suggested), ";;".join([_("iCalendar files (*.ics)"), _("All files (*)")])
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".ics" else path.with_name(path.name + ".ics")


def _run(parent: QWidget, title: str, path: Path, work: Callable[[], object], done: Callable[[object], str],
         report: Report) -> Operation:  # fmt: skip
    def failed(error: BaseException) -> None:
        report(error_text(error))
        show_error(parent, title, error)

    return run(
        lambda _ctx: work(),
        parent=parent,
        title=title,
        progress=_("Writing “{path}”…").format(path=path),
        on_success=lambda result: report(done(result)),
        on_failure=failed,
        cancellable=False,
        name="export-calendar",
    )


def _written(result) -> str:
    sessions = ngettext("{n} session", "{n} sessions", result.events).format(n=format_number(result.events))
    return _("Calendar saved to “{path}” ({sessions}).").format(path=result.path, sessions=sessions)


def _written_events(result) -> str:
    events = ngettext("{n} event", "{n} events", result.events).format(n=format_number(result.events))
    return _("Calendar saved to “{path}” ({sessions}).").format(path=result.path, sessions=events)


def export_cohort_calendar(
    parent: QWidget, db: Database, cohort_id: int, cohort_name: str, report: Report
) -> Operation | None:
    title = _("Export calendar")
    path = ask_ics_path(parent, title, cohort_name)
    if path is None:
        return None

    def work():
        from tillitsleder.sessions.calendar_file import export_cohort

        return export_cohort(db, cohort_id, path)

    return _run(parent, title, path, work, _written, report)


def export_facilitator_calendar(parent: QWidget, db: Database, cohort_id: int, report: Report) -> Operation | None:
    from tillitsleder.sessions.scheduling import form_options

    title = _("Export a facilitator’s calendar")
    facilitators = form_options(db, cohort_id).facilitators
    if not facilitators:
        report(_("There are no facilitators yet."))
        return None
    labels = [option.label for option in facilitators]
    label, ok = QInputDialog.getItem(parent, title, _("&Facilitator:"), labels, 0, False)
    if not ok:
        return None
    chosen = facilitators[labels.index(label)]
    path = ask_ics_path(parent, title, label.rsplit(" (", 1)[0])
    if path is None:
        return None

    def work():
        from tillitsleder.facilitators.calendar_file import export_facilitator_calendar

        return export_facilitator_calendar(db, chosen.id, path)

    return _run(parent, title, path, work, _written_events, report)


def export_cancellation_notice(parent: QWidget, db: Database, session_id: int, title_hint: str,
                               report: Report) -> Operation | None:  # fmt: skip
    title = _("Save cancellation notice")
    path = ask_ics_path(parent, title, _("Cancelled – {title}").format(title=title_hint))
    if path is None:
        return None

    def work():
        from tillitsleder.sessions.calendar_file import cancellation_calendar, write_calendar

        return write_calendar(cancellation_calendar(db, session_id), path)

    def done(result) -> str:
        return _("Cancellation notice saved to “{path}”. Send it to the participants or open it in Outlook.").format(
            path=result.path
        )

    return _run(parent, title, path, work, done, report)
