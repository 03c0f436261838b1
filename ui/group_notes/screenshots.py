"""Screenshots of "Meetings and notes" on a fresh demo database: a note as its facilitator sees it, and the
coordinator's view of the same meeting (meta and shareable themes only).

    QT_QPA_PLATFORM=offscreen python -m ui.group_notes.screenshots docs/screenshots [--lang nb]

Writes ``group-notes-facilitator`` and ``group-notes-coordinator`` (``-<lang>.png`` when a language is given).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication

from ui.screenshot_support import settle

TODAY = date(2026, 11, 22)


def take(output: Path, language: str | None) -> list[Path]:
    from sqlalchemy import select

    from tillitsleder import i18n
    from tillitsleder.access import COORDINATOR, Actor
    from tillitsleder.demo.builder import create_demo_database
    from tillitsleder.lookups import cohort_options
    from tillitsleder.model import Facilitator, ReflectionGroup
    from tillitsleder.storage import open_database
    from ui.group_notes.meetings_panel import MeetingsPanel
    from ui.style import style_sheet
    from ui.widgets.cohort_picker import CohortSelection

    app = QApplication.instance() or QApplication(sys.argv)
    app.setStyleSheet(style_sheet())
    if language:
        i18n.set_language(language)
    suffix = f"-{language}" if language else ""
    output.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as folder:
        summary = create_demo_database(Path(folder) / "demo.sqlite3", today=TODAY)
        db = open_database(summary.path)
        with db.read() as s:
            facilitated = s.execute(
                select(ReflectionGroup.id, Facilitator.person_id)
                .join(Facilitator, Facilitator.id == ReflectionGroup.facilitator_id)
                .order_by(ReflectionGroup.name)
            ).all()
        selection = CohortSelection()
        selection.set_options(cohort_options(db))
        selection.select(summary.cohort_id)
        panel = MeetingsPanel(selection, today=TODAY)
        panel.resize(1180, 1400)
        panel.set_database(db)
        panel.show()
        group_id, person_id, row = _meeting_with_follow_up(panel, facilitated)
        for name, actor in (("facilitator", Actor.facilitator(person_id)), ("coordinator", COORDINATOR)):
            selection.set_actor(actor)
            panel.group_combo.setCurrentIndex(panel.group_combo.findData(group_id))
            panel.meeting_list.setCurrentRow(row)
            panel.resize(1180, 1400 if name == "facilitator" else 780)
            settle(app)
            path = output / f"group-notes-{name}{suffix}.png"
            panel.grab().save(str(path))
            written.append(path)
        panel.close()
        db.close()
    return written


def _meeting_with_follow_up(panel, facilitated: list) -> tuple[int, int, int]:
    """A group, its facilitator and a meeting row that shows actions carried over from earlier meetings."""
    from tillitsleder.access import Actor

    for group_id, person_id in facilitated:
        panel.selection.set_actor(Actor.facilitator(person_id))
        panel.group_combo.setCurrentIndex(panel.group_combo.findData(group_id))
        for row in range(panel.meeting_list.count()):
            panel.meeting_list.setCurrentRow(row)
            if panel.editor.actions.rows and panel.editor.actions.rows[0].agreed_on is not None:
                return group_id, person_id, row
    return facilitated[0][0], facilitated[0][1], 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--lang", default=None)
    args = parser.parse_args(argv)
    for path in take(args.output, args.lang):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
