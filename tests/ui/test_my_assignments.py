"""A facilitator signed in as themselves sees their own assignments (all pools) and exports their calendar; the
coordinator's planning tabs are hidden from them."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import func, select

from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.errors import Forbidden
from tillitsleder.facilitators.my_assignments import my_assignments
from tillitsleder.model import Facilitator, FacilitatorAssignment
from ui.pages.facilitators import FacilitatorsPage


def _busiest_facilitator(db) -> int:
    with db.read() as s:
        return s.execute(
            select(Facilitator.person_id)
            .join(FacilitatorAssignment, FacilitatorAssignment.facilitator_id == Facilitator.id)
            .group_by(Facilitator.person_id)
            .order_by(func.count().desc(), Facilitator.person_id)
        ).scalars().first()


def test_only_facilitators_have_assignments_of_their_own(demo_db) -> None:
    person = _busiest_facilitator(demo_db)
    mine = my_assignments(demo_db, Actor.facilitator(person))
    assert mine and len({m.assignment.id for m in mine}) == len(mine)
    assert my_assignments(demo_db, COORDINATOR) == []
    with pytest.raises(Forbidden):
        my_assignments(demo_db, Actor.participant(person))


def test_the_facilitator_sees_only_my_assignments(qtbot, opened_window, tmp_path: Path) -> None:
    window = opened_window
    page = window.page_of(FacilitatorsPage)
    person = _busiest_facilitator(window.db)
    expected = my_assignments(window.db, Actor.facilitator(person))

    window.selection.set_actor(Actor.facilitator(person))
    window.nav.setCurrentRow(window.row_of(FacilitatorsPage))
    visible = [page.tabs.widget(i) for i in range(page.tabs.count()) if page.tabs.isTabVisible(i)]
    assert visible == [page.mine] and page.panels() == []
    qtbot.waitUntil(lambda: page.mine.model.rowCount() == len(expected))
    assert page.mine.model.index(0, 2).data() == expected[0].assignment.target

    target = tmp_path / "mine.ics"
    page.mine.export_calendar(path=str(target))
    calendar = Calendar.from_ical(target.read_bytes())
    assert calendar.walk("VEVENT") and str(target) in page.mine.summary.text()

    window.selection.set_actor(COORDINATOR)
    visible = [page.tabs.widget(i) for i in range(page.tabs.count()) if page.tabs.isTabVisible(i)]
    assert page.mine not in visible and len(visible) == 4
