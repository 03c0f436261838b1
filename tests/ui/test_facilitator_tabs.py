"""The Facilitators area's tabs: pools and facilitators, roster (propose, flags, save) and the workload view."""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from roster_testdata import world_template  # noqa: E402

from tillitsleder.facilitators import pools  # noqa: E402
from tillitsleder.storage import open_database  # noqa: E402
from ui.pages.facilitators import FacilitatorsPage  # noqa: E402


@pytest.fixture(scope="session")
def _template(tmp_path_factory):
    return world_template(tmp_path_factory)


@pytest.fixture
def page(qtbot, _template, tmp_path):
    path = tmp_path / "world.sqlite3"
    shutil.copyfile(_template[0], path)
    db = open_database(path)
    widget = FacilitatorsPage()
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.set_database(db)
    widget.show()
    qtbot.waitUntil(lambda: widget.pools.model.rowCount() == 6)
    yield widget, db, _template[1]
    db.close()


def test_pools_tab_edits_capacity_and_unavailable_dates(page, qtbot) -> None:
    widget, db, world = page
    widget.tabs.setCurrentWidget(widget.pools)
    tab = widget.pools
    assert tab.pool.currentText().startswith("F16")
    tab.table.selectRow(1)
    tab.capacity.setValue(12)
    tab.skills.setText("Lean, A3")
    tab.save.click()
    tab.first.setDate(date(2026, 10, 1))
    tab.last.setDate(date(2026, 10, 3))
    tab.add_away.click()
    saved = next(f for f in pools.list_facilitators(db, world.pool_id) if f.id == tab.model.row_id(1))
    assert (float(saved.capacity), saved.skills, len(saved.unavailable)) == (12.0, "Lean, A3", 1)
    assert tab.unavailable.count() == 1 and tab.details.title() == saved.name


def test_assigning_by_hand_shows_in_the_list(page, qtbot, monkeypatch) -> None:
    from ui.facilitators import pools_tab
    from ui.facilitators.assign_dialog import AssignDialog

    widget, db, world = page
    widget.tabs.setCurrentWidget(widget.pools)
    widget.pools.table.selectRow(2)
    fid = widget.pools.model.row_id(2)

    def fill_and_accept(dialog: AssignDialog) -> int:
        dialog.kind.setCurrentIndex(dialog.kind.findData("leader"))
        dialog.target.setCurrentIndex(1)
        dialog.hours.setValue(4)
        dialog.open_ended.setChecked(True)
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(pools_tab.AssignDialog, "exec", fill_and_accept)
    widget.pools.assign.click()
    assert widget.pools.assignments.count() == 1
    assert widget.pools.assignments.item(0).text().startswith("Individual leader: Ledare")
    assert [a.ends_on for a in pools.list_assignments(db, fid)] == [None]
    widget.pools.assignments.setCurrentRow(0)
    widget.pools.unassign.click()
    assert widget.pools.assignments.count() == 0 and pools.list_assignments(db, fid) == []


def test_pools_tab_exports_the_chosen_facilitators_calendar(page, qtbot, tmp_path) -> None:
    widget, db, world = page
    from tillitsleder.facilitators import roster

    roster.save_roster(db, roster.propose_roster(db, world.pool_id, 1))
    widget.tabs.setCurrentWidget(widget.pools)
    row = next(r for r in range(6) if widget.pools.model.row_id(r) == world.facilitator_ids[0])
    widget.pools.table.selectRow(row)
    target = tmp_path / "calendar.ics"
    widget.pools.export_calendar(path=str(target))
    text = target.read_text(encoding="utf-8")
    assert "METHOD:PUBLISH" in text and text.count("BEGIN:VEVENT") == 2 and "BEGIN:VTIMEZONE" in text


def test_roster_tab_proposes_flags_and_saves(page, qtbot) -> None:
    widget, db, world = page
    widget.tabs.setCurrentWidget(widget.roster)
    for fid in world.facilitator_ids:
        pools.add_unavailability(db, fid, date(2026, 12, 1), date(2026, 12, 5), "Julbord")
    tab = widget.roster
    tab.semester.setValue(1)
    tab.propose.click()
    qtbot.waitUntil(lambda: tab.proposal is not None, timeout=5000)
    assert tab.assignments.rowCount() == 9 and tab.loads.rowCount() == 6
    assert tab.assignments.is_marked(8, 0)  # nobody free for the December session
    assert "Nobody in the pool is free for Träff 4." in [tab.flags.item(i).text() for i in range(tab.flags.count())]
    assert tab.loads.headerData(2, Qt.Orientation.Horizontal) == "Aug 2026"
    tab.save.click()  # saved off the GUI thread
    qtbot.waitUntil(lambda: "8 assignments saved." in tab.summary.text(), timeout=5000)
    assert not tab.save.isEnabled()
    widget.tabs.setCurrentWidget(widget.workload)
    widget.workload.set_period(date(2026, 8, 1), 5)
    first = widget.workload.model
    assert first.rowCount() == 6 and first.columnCount() == 3 + 5
    hours = [[first.data(first.index(r, c)) for c in range(3, 8)] for r in range(6)]
    assert any(h != ["0"] * 5 for h in hours)


def test_workload_marks_over_capacity(page, qtbot) -> None:
    widget, db, world = page
    for fid in world.facilitator_ids:
        pools.update_facilitator(db, fid, skills="", capacity=5)
    widget.tabs.setCurrentWidget(widget.roster)
    widget.roster.propose.click()
    qtbot.waitUntil(lambda: widget.roster.proposal is not None, timeout=5000)
    widget.roster.save.click()
    qtbot.waitUntil(lambda: not widget.roster.job.running, timeout=5000)
    widget.tabs.setCurrentWidget(widget.workload)
    tab = widget.workload
    tab.set_period(date(2026, 8, 1), 6)
    marked = [
        (r, c) for r in range(tab.model.rowCount()) for c in range(tab.model.columnCount()) if tab.model.is_marked(r, c)
    ]
    assert marked and "over capacity" in tab.summary.text()
