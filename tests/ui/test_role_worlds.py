"""Each role sees its own world: walking every area and tab a participant or facilitator sees, no action that only
the coordinator takes is in the widget tree (not even greyed), every cohort picker lists only the profile's own
cohorts, and the status bar and "Open as…" fit the profile."""

from __future__ import annotations

from journal_ui_helpers import a_coach, act_as, busiest_participant
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QRadioButton, QTabWidget
from sqlalchemy import select

from tillitsleder import profiles
from tillitsleder.enums import Role
from tillitsleder.model import Cohort, Enrolment, Programme
from ui.profiles.chooser import ProfileChooser
from ui.widgets.cohort_picker import CohortPicker

# Actions another role legitimately shares with the coordinator (their own copy, report or meeting notes).
SHARED = {
    Role.PARTICIPANT: {"Save a copy…", "Make report", "Print…", "Save as PDF…", "Show folder"},
    Role.FACILITATOR: {
        "Save a copy…", "Show folder", "New meeting", "Save meeting", "Delete meeting…", "Discard changes",
        "Add action", "Remove action",
    },
}  # fmt: skip
COORDINATOR_MENU_ACTIONS = {"Set up a profile for someone…", "Restore from backup…"}


def plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def visible_areas(window) -> list[int]:
    return [row for row in range(len(window.areas)) if not window.nav.isRowHidden(row)]


def walk(qtbot, window) -> tuple[dict[str, set[str]], list[CohortPicker]]:
    """Show every visible area and each of its visible tabs; the texts of the action buttons seen (per area) and
    the cohort pickers seen."""
    seen: dict[str, set[str]] = {}
    pickers: list[CohortPicker] = []

    def collect(page, name: str) -> None:
        qtbot.wait(20)
        for button in page.findChildren(QAbstractButton):
            if isinstance(button, (QCheckBox, QRadioButton)) or not button.isVisibleTo(window) or not button.text():
                continue
            seen.setdefault(name, set()).add(plain(button.text()))
        pickers.extend(p for p in page.findChildren(CohortPicker) if p.isVisibleTo(window) and p not in pickers)

    for row in visible_areas(window):
        window.nav.setCurrentRow(row)
        page = window.page_at(row)
        name = window.areas[row].class_name
        collect(page, name)
        for tabs in [t for t in page.findChildren(QTabWidget) if t.isVisibleTo(window)]:
            for index in range(tabs.count()):
                if tabs.isTabVisible(index):
                    tabs.setCurrentIndex(index)
                    collect(page, name)
    return seen, pickers


def menu_actions(window) -> set[str]:
    menus = [window.file_menu, window.view_menu, window.profiles.menu, window.help_menu]
    return {plain(a.text()) for menu in menus for a in menu.actions() if a.isVisible() and a.text()}


def coordinator_actions(qtbot, window) -> set[str]:
    seen, _pickers = walk(qtbot, window)
    return set().union(*seen.values())


def own_cohort_names(db, person_id: int) -> list[str]:
    with db.read() as s:
        return list(
            s.scalars(
                select(Cohort.name)
                .join(Enrolment, Enrolment.cohort_id == Cohort.id)
                .where(Enrolment.person_id == person_id)
                .order_by(Cohort.start_date.desc(), Cohort.name)
            )
        )


def picker_items(picker: CohortPicker) -> list[str]:
    return [picker.combo.itemText(i) for i in range(picker.combo.count())]


def test_a_participant_sees_their_own_world_and_no_coordinator_action(qtbot, opened_window) -> None:
    window = opened_window
    all_cohorts = [option.label for option in window.selection.options]
    assert len(all_cohorts) == 2 and window.profiles.badge.text() == "Programme coordinator"
    assert window.summary_label.text() == "68 participants in 2 cohorts"  # the coordinator's: as before
    coordinator_only = coordinator_actions(qtbot, window) - SHARED[Role.PARTICIPANT]
    assert {"Issue for the cohort…", "Reissue…", "Revoke…", "Verify a code or file…"} <= coordinator_only
    assert COORDINATOR_MENU_ACTIONS <= menu_actions(window)

    me = busiest_participant(window.db)
    act_as(window, me)
    seen, pickers = walk(qtbot, window)
    assert set(seen) >= {"CertificatesPage", "SettingsPage"}
    for area, texts in seen.items():
        assert not texts & coordinator_only, f"{area} shows {texts & coordinator_only}"
    mine = own_cohort_names(window.db, me.person_id)
    assert len(mine) == 1 and pickers
    assert all(picker_items(picker) == mine for picker in pickers)
    assert [option.label for option in window.selection.options] == mine
    assert not menu_actions(window) & COORDINATOR_MENU_ACTIONS

    # Certificates: the register without the coordinator's tools; reports: only their own, no other kinds.
    certificates = window.page_of("CertificatesPage")
    assert all(tool.isHidden() for tool in certificates.register.coordinator_tools())
    assert certificates.reports.kind.isHidden()
    window.nav.setCurrentRow(window.row_of("CertificatesPage"))
    certificates.tabs.setCurrentWidget(certificates.register)
    qtbot.waitUntil(lambda: certificates.register.panel.model is not None)
    window.grab().save("/tmp/role-participant-certificates.png")
    settings = window.page_of("SettingsPage")
    assert [settings.tabs.tabText(i) for i in range(settings.tabs.count()) if settings.tabs.isTabVisible(i)] == [
        "General"
    ]

    # The status bar: their cohort and programme, not the database's counts.
    with window.db.read() as session:  # the demo names its programme after the years it runs
        programme = session.scalar(
            select(Programme.name).join(Cohort, Cohort.programme_id == Programme.id).where(Cohort.name == mine[0])
        )
    assert window.summary_label.text() == f"{mine[0]} · {programme}"
    window.grab().save("/tmp/role-participant.png")

    # Back as the coordinator: every cohort, every tool, the database's figures.
    window.profiles.adopt(profiles.unlock_coordinator(window.db))
    assert [option.label for option in window.selection.options] == all_cohorts
    assert window.summary_label.text() == "68 participants in 2 cohorts"
    assert all(not tool.isHidden() for tool in certificates.register.coordinator_tools())
    assert COORDINATOR_MENU_ACTIONS <= menu_actions(window)


def test_a_facilitator_sees_their_groups_and_assignments(qtbot, opened_window) -> None:
    window = opened_window
    coordinator_only = coordinator_actions(qtbot, window) - SHARED[Role.FACILITATOR]
    coach = a_coach(window.db)
    act_as(window, coach)
    seen, pickers = walk(qtbot, window)
    assert set(seen) >= {"GroupsPage", "FacilitatorsPage"}
    for area, texts in seen.items():
        assert not texts & coordinator_only, f"{area} shows {texts & coordinator_only}"
    assert "Export my calendar…" in seen["FacilitatorsPage"]

    from tillitsleder.facilitators.my_assignments import my_assignments
    from tillitsleder.group_notes.meetings import list_groups

    actor = window.selection.actor
    offered = [option.id for option in window.selection.options]
    assert offered and all(picker_items(picker) == [o.label for o in window.selection.options] for picker in pickers)
    groups = sum(len(list_groups(window.db, actor, cohort)) for cohort in offered)
    assignments = len(my_assignments(window.db, actor))
    assert groups >= 1 and assignments >= 1
    group_text = f"{groups} reflection group" + ("s" if groups != 1 else "")
    assert window.summary_label.text() == f"{group_text} · {assignments} assignments"
    window.grab().save("/tmp/role-facilitator.png")


def test_open_as_names_the_coordinator_once_and_a_participant_sees_no_one_else(qtbot, opened_window) -> None:
    window = opened_window
    window.profiles.open_as()
    chooser = window.profiles.dialog
    assert isinstance(chooser, ProfileChooser)
    texts = [chooser.list.item(row).text() for row in range(chooser.list.count())]
    assert texts.count("Programme coordinator") == 1
    assert len(chooser.profile_items()) > 10  # the coordinator chooses among everyone
    chooser.reject()

    me = busiest_participant(window.db)
    act_as(window, me)
    window.profiles.open_as()
    chooser = window.profiles.dialog
    names = [item.text() for item in chooser.profile_items()]
    assert names == ["Programme coordinator", me.name]
    assert "Lock" in chooser.intro.text()
    chooser.grab().save("/tmp/role-open-as.png")
    chooser.reject()
