"""One facilitator calendar everywhere: the Sessions area's export, the Facilitators area's pools tab (the
coordinator) and “My assignments” (the facilitator), and ``tillitsleder export ics --facilitator`` write the same
events for the same person — sessions and reflection-group meetings alike."""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar
from PySide6.QtWidgets import QFileDialog, QInputDialog
from sqlalchemy import select

from tillitsleder import clock
from tillitsleder import model as m
from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.cli import main
from tillitsleder.sessions.scheduling import form_options
from ui.pages.facilitators import FacilitatorsPage
from ui.pages.sessions import SessionsPage

NOON = datetime(2026, 11, 22, 11, 0, tzinfo=UTC)


def events(path) -> dict[str, tuple]:
    parsed = Calendar.from_ical(path.read_bytes())
    return {
        str(e["UID"]): (int(e["SEQUENCE"]), str(e["SUMMARY"]), str(e["STATUS"]), e.start, e.end, e["DTSTAMP"].dt)
        for e in parsed.walk("VEVENT")
    }


def open_page(qtbot, window, kind):
    window.nav.setCurrentRow(window.row_of(kind))
    page = window.page_of(kind)
    qtbot.waitUntil(lambda: page.isVisible() and not page._stale)
    return page


def test_every_entry_point_writes_the_same_events(qtbot, opened_window, tmp_path, monkeypatch) -> None:
    window, db = opened_window, opened_window.db
    with db.read() as s:
        facilitator_id, person_id, pool_id = s.execute(
            select(m.Facilitator.id, m.Facilitator.person_id, m.Facilitator.pool_id)
            .join(m.GroupMeeting, m.GroupMeeting.facilitator_id == m.Facilitator.id)
            .limit(1)
        ).one()
        cohort_id = s.scalar(select(m.Cohort.id))
    written = {}
    with clock.frozen_at(NOON):
        # The Sessions area: Export ▸ A facilitator's calendar…
        sessions = open_page(qtbot, window, SessionsPage)
        label = next(o.label for o in form_options(db, cohort_id).facilitators if o.id == facilitator_id)
        written["sessions"] = tmp_path / "sessions.ics"
        monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: (label, True)))
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(written["sessions"]), ""))
        )
        sessions.action_export_facilitator.trigger()
        qtbot.waitUntil(lambda: "Calendar saved to" in window.statusBar().currentMessage(), timeout=10_000)

        # The Facilitators area, as the coordinator: the pools tab's Export calendar…
        page = open_page(qtbot, window, FacilitatorsPage)
        page.tabs.setCurrentWidget(page.pools)
        page.pools.pool.setCurrentIndex(page.pools.pool.findData(pool_id))
        page.pools.load_facilitators()
        row = next(r for r in range(page.pools.model.rowCount()) if page.pools.model.row_id(r) == facilitator_id)
        page.pools.table.selectRow(row)
        written["pools"] = tmp_path / "pools.ics"
        page.pools.export_calendar(path=str(written["pools"]))

        # The facilitator's own “My assignments”.
        window.selection.set_actor(Actor.facilitator(person_id))
        written["mine"] = tmp_path / "mine.ics"
        page.mine.export_calendar(path=str(written["mine"]))
        window.selection.set_actor(COORDINATOR)

        monkeypatch.setenv("TILLITSLEDER_LANG", "en")
        written["cli"] = tmp_path / "cli.ics"
        args = ["export", "ics", "--facilitator", str(facilitator_id), "-o", str(written["cli"]), "--db", str(db.path)]
        assert main(args) == 0

    found = {name: events(path) for name, path in written.items()}
    assert found["sessions"] == found["pools"] == found["mine"] == found["cli"]
    uids = set(found["cli"])
    assert any(uid.startswith("group-meeting-") for uid in uids)
    assert any(uid.endswith("@tillitsleder") and not uid.startswith("group-meeting-") for uid in uids)
    assert "event" in window.statusBar().currentMessage()
