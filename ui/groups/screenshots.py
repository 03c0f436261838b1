"""Screenshots of the group board on a fresh demo database, for review and docs.

    QT_QPA_PLATFORM=offscreen python -m ui.groups.screenshots docs/screenshots [--lang en] [--db DEMO.sqlite3]

Writes ``groups-board-saved`` (the demo's saved round), ``groups-board-late-joiner`` (someone enrolled since,
and the “Move to group…” dialog suggesting a group for them in ``groups-board-late-joiner-move``),
``groups-board-proposal`` (a new proposal of 5–8 after one member was moved into a group where they meet someone
from their own unit) and ``groups-board-move`` (the “Move to group…” dialog), each ``-<lang>.png``. ``--db`` uses a
copy of an existing demo database instead of building one.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSize

from ui.screenshot_support import settle, until


def take(output: Path, language: str, db: Path | None = None) -> list[Path]:
    os.environ.setdefault("TILLITSLEDER_CONFIG_DIR", tempfile.mkdtemp(prefix="tillitsleder-shots-config-"))
    from tillitsleder.lookups import cohort_options
    from tillitsleder.storage import open_database
    from ui.app import create_application
    from ui.pages.groups import GroupsPage
    from ui.translator import LanguageSwitcher
    from ui.widgets.cohort_picker import CohortSelection

    app = create_application()
    switcher = LanguageSwitcher(app)
    switcher.install(language)
    folder = Path(tempfile.mkdtemp(prefix="tillitsleder-shots-"))
    path = folder / "demo.sqlite3"
    if db is None:
        from tillitsleder.demo.builder import create_demo_database

        create_demo_database(path)
    else:
        shutil.copyfile(db, path)
    database = open_database(path)
    selection = CohortSelection()
    page = GroupsPage(selection)
    page.resize(QSize(1280, 860))
    selection.set_options(cohort_options(database))
    page.set_database(database)
    page.show()
    page.tabs.setCurrentWidget(page.board)
    board = page.board
    until(app, lambda: board.board is not None)
    settle(app, 300)
    output.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(widget, name: str) -> None:
        path = output / f"{name}-{language}.png"
        widget.grab().save(str(path))
        written.append(path)

    save(page, "groups-board-saved")
    # A late joiner: enrolled after the round was saved, shown in their own card until placed.
    from tillitsleder.enrolment.cohorts import NewPerson, enrol, unit_options

    unit = unit_options(database, selection.current)[0]
    enrol(database, selection.current, NewPerson(first_name="Máret", last_name="Sara", unit_id=unit.id))
    board.reload(board.board.round_id)
    settle(app, 300)
    save(page, "groups-board-late-joiner")
    joiner = board.ask_move(board.board.unplaced[0])
    settle(app, 200)
    save(joiner, "groups-board-late-joiner-move")
    joiner.reject()
    board.seed = 3
    board.propose()
    until(app, lambda: board.board is not None and board.board.round_id is None)
    proposal = board.board
    # Move someone next to a colleague from their own unit, to show the live warnings.
    mover = proposal.groups[0].members[0]
    unit = proposal.people[mover].unit_id
    target = next(
        g for g, group in enumerate(proposal.groups)
        if g and any(proposal.people[m].unit_id == unit for m in group.members)
    )  # fmt: skip
    board.move(mover, target)
    settle(app, 300)
    save(page, "groups-board-proposal")
    dialog = board.ask_move(proposal.groups[1].members[0])
    settle(app, 300)
    save(dialog, "groups-board-move")
    dialog.reject()
    page.close()
    database.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--db", type=Path)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for path in take(args.output, args.lang, args.db):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
