"""Areas every role uses show each role only its part: reflection groups (notes only for facilitators and
participants) and certificates (a participant sees only their own)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.certificates.issuing import issue_certificate
from tillitsleder.completion.evaluation import evaluate_cohort
from tillitsleder.model import Cohort
from ui.pages.certificates import CertificatesPage
from ui.pages.groups import GroupsPage


def _visible_tabs(tabs) -> list[str]:
    return [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)]


def _page(window, kind):
    return window.page_of(kind)


def test_groups_show_only_the_notes_to_others_than_the_coordinator(qtbot, opened_window) -> None:
    window = opened_window
    page = _page(window, GroupsPage)
    assert len(_visible_tabs(page.tabs)) == 4 and page.panels()
    window.selection.set_actor(Actor.participant(1))
    assert _visible_tabs(page.tabs) == ["Meetings and notes"]
    assert page.tabs.currentWidget() is page.meeting_notes
    assert page.panels() == []  # no searchable overview of every group's members
    window.selection.set_actor(COORDINATOR)
    assert len(_visible_tabs(page.tabs)) == 4


def test_a_participant_sees_only_their_own_certificates(qtbot, opened_window, clock_day: date) -> None:
    window = opened_window
    db = window.db
    with db.read() as s:
        finished = s.scalar(select(Cohort.id).where(Cohort.end_date < clock_day))  # the demo's earlier cohort
    eligible = [p for p in evaluate_cohort(db, finished) if p.eligible][:2]
    for person in eligible:
        issue_certificate(db, person.enrolment_id, actor=COORDINATOR, language="en")
    window.selection.select(finished)
    page = _page(window, CertificatesPage)
    window.nav.setCurrentRow(window.row_of(type(page)))
    panel = page.register.panel
    qtbot.waitUntil(lambda: panel.model is not None and panel.model.rowCount() == 2)

    window.selection.set_actor(Actor.participant(eligible[0].person_id))
    title = page.tabs.tabText
    assert _visible_tabs(page.tabs) == [title(page.tabs.indexOf(page.register)), title(page.tabs.indexOf(page.reports))]
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert eligible[0].name.split()[-1] in panel.model.index(0, 0).data()
    # Their own progress report, and no one else's.
    reports = page.reports
    assert reports.kind_value() == "participant"
    assert [reports.participant.itemText(i) for i in range(reports.participant.count())] == [eligible[0].name]

    window.selection.set_actor(Actor.facilitator(eligible[0].person_id))
    assert _visible_tabs(page.tabs) == [title(page.tabs.indexOf(page.register))]
