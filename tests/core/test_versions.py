"""Several people at once: a save over someone else's newer change is refused with who and when, a fresh one is
accepted and bumps the version, two processes saving the same record lose no update, attendance merges per cell.
Every test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time as wall
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from tillitsleder import clock
from tillitsleder import model as m
from tillitsleder.attendance.register import load_register, set_attendance
from tillitsleder.curriculum.modules import add_module, get_module, update_module
from tillitsleder.curriculum.programmes import create_programme
from tillitsleder.curriculum.values import ModuleData, ProgrammeData
from tillitsleder.errors import ChangedElsewhere
from tillitsleder.i18n import format_time, set_language
from tillitsleder.model.versioned import ACTING_PERSON
from tillitsleder.sessions import scheduling as svc
from tillitsleder.storage import Database
from tillitsleder.versions import saving, when

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def org(db: Database) -> dict[str, int]:
    """A programme with its default statuses, a cohort of two, two sessions, and two coordinators as people."""
    data = ProgrammeData("Tillit", date(2026, 1, 5), date(2027, 6, 20), municipality_name="Bydel Test")
    programme = create_programme(db, data)
    module = add_module(db, programme, ModuleData("Relasjonskompetanse", hours=Decimal(0)))
    with db.session() as s:

        def add(model, **values) -> int:
            return s.execute(insert(model).values(**values).returning(model.id)).scalar_one()

        cohort = add(m.Cohort, programme_id=programme, name="Kull A", start_date=date(2026, 1, 5))
        people = [add(m.Person, first_name=f, last_name=last) for f, last in (("Kari", "Nordmann"), ("Ola", "Ås"))]
        enrolments = [
            add(m.Enrolment, cohort_id=cohort, person_id=p, status_since=date(2026, 1, 5), enrolled_on=date(2026, 1, 5))
            for p in people
        ]
        statuses = {row.code: row.id for row in s.execute(select(m.AttendanceStatus.code, m.AttendanceStatus.id))}
    sessions = [
        svc.schedule_session(db, svc.SessionPlan(cohort, day, time(9), time(12), title="Samling")).session_ids[0]
        for day in (date(2026, 3, 10), date(2026, 3, 17))
    ]
    return {
        "programme": programme, "module": module, "cohort": cohort, "kari": people[0], "ola": people[1],
        "e1": enrolments[0], "e2": enrolments[1], "s1": sessions[0], "s2": sessions[1], **statuses,
    }  # fmt: skip


def at(hour: int, minute: int) -> datetime:
    """A moment today at this PC's local ``hour:minute`` (what the refusal shows)."""
    day = clock.today()
    return datetime(day.year, day.month, day.day, hour, minute).astimezone()


# --- one record --------------------------------------------------------------------------------------------


def test_a_stale_save_is_refused_with_the_name_and_time_and_the_newer_values(db: Database, org) -> None:
    seen = svc.session_details(db, org["s1"])
    plan = seen.plan
    db.session_info[ACTING_PERSON] = org["ola"]  # Ola saves first, at 14:32
    with clock.frozen_at(at(14, 32)):
        svc.reschedule_session(db, org["s1"], _with(plan, title="Olas tittel"), seen_version=seen.version)
    db.session_info.clear()
    with pytest.raises(ChangedElsewhere) as refused:  # Kari saves over it from the form she opened before
        svc.reschedule_session(db, org["s1"], _with(plan, title="Karis tittel"), actor_id=org["kari"],
                               seen_version=seen.version)  # fmt: skip
    error = refused.value
    assert str(error) == (
        f"Changed by Ola Ås at {format_time(at(14, 32))} — your changes were not saved; the newer values are shown."
    )
    assert error.fields["time"] == when(at(14, 32))
    assert error.newer["title"] == "Olas tittel" and error.version == seen.version + 1
    assert "Ola" not in (error.detail or "")  # the log's detail names no one
    set_language("nb")
    assert str(error) == (
        f"Endret av Ola Ås kl. {format_time(at(14, 32))} — endringene dine ble ikke lagret; de nyere verdiene vises."
    )
    set_language("en")
    now = svc.session_details(db, org["s1"])
    assert now.plan.title == "Olas tittel" and now.version == seen.version + 1


def test_a_fresh_save_is_accepted_and_bumps_the_version_and_stamps_who(db: Database, org) -> None:
    seen = svc.session_details(db, org["s1"])
    svc.reschedule_session(db, org["s1"], _with(seen.plan, title="Ny"), actor_id=org["kari"], seen_version=seen.version)
    after = svc.session_details(db, org["s1"])
    assert (after.plan.title, after.version) == ("Ny", seen.version + 1)
    with db.read() as s:
        assert s.scalar(select(m.Session.updated_by_id).where(m.Session.id == org["s1"])) == org["kari"]
    # saved again from the new version: accepted again
    svc.reschedule_session(db, org["s1"], _with(after.plan, title="Nyere"), seen_version=after.version)
    assert svc.session_details(db, org["s1"]).version == seen.version + 2


def test_the_coordinator_without_a_person_is_named_as_a_coordinator(db: Database, org) -> None:
    seen = get_module(db, org["module"])
    update_module(db, org["module"], _module(seen, title="Først"))
    with pytest.raises(ChangedElsewhere, match="^Changed by a coordinator at ") as refused:
        update_module(db, org["module"], _module(seen, title="Sist"))
    assert refused.value.newer["title"] == "Først"
    assert get_module(db, org["module"]).title == "Først"


def test_without_a_seen_version_the_save_goes_through_as_before(db: Database, org) -> None:
    seen = get_module(db, org["module"])
    update_module(db, org["module"], _module(seen, title="A"))
    update_module(db, org["module"], ModuleData("B"))  # the command line's way: no version
    assert get_module(db, org["module"]).title == "B"
    assert get_module(db, org["module"]).version == (seen.version or 0) + 2


def test_a_save_racing_another_commit_is_refused_and_nothing_is_lost(db: Database, org) -> None:
    """Between this transaction's read and its UPDATE another connection commits: the ORM's ``WHERE version =``
    matches nothing and the refusal names the newer save (PostgreSQL: SQLite's write lock keeps them apart)."""
    if db.engine.dialect.name == "sqlite":
        pytest.skip("BEGIN IMMEDIATE: the second writer waits for the first, it cannot interleave")
    with pytest.raises(ChangedElsewhere, match="^Changed by a coordinator at ") as refused:
        with saving(db, m.Module, org["module"], entity="module") as s:
            row = s.get(m.Module, org["module"])
            update_module(db, org["module"], ModuleData("Den andres"))  # another connection, committed
            row.title = "Min"
    assert refused.value.newer["title"] == "Den andres"
    assert get_module(db, org["module"]).title == "Den andres"


WORKER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from dataclasses import replace
    from tillitsleder.curriculum.modules import get_module, update_module
    from tillitsleder.errors import ChangedElsewhere
    from tillitsleder.storage import open_database

    target, module_id, name, folder, rounds = sys.argv[1:6]
    module_id, folder, rounds = int(module_id), Path(folder), int(rounds)
    db = open_database(target)
    first = get_module(db, module_id)
    (folder / f"{name}.ready").touch()
    while not (folder / "go").exists():
        time.sleep(0.01)
    try:
        update_module(db, module_id, replace(first, title=f"{name} first"))
        print("won")
    except ChangedElsewhere:
        print("refused")
    refusals = 0
    done = 0
    while done < rounds:  # add one hour each round from what this process read; try again when refused
        seen = get_module(db, module_id)
        try:
            update_module(db, module_id, replace(seen, hours=seen.hours + 1))
            done += 1
        except ChangedElsewhere:
            refusals += 1
    print(refusals)
    db.close()
    """
)


def test_two_processes_saving_the_same_record_one_wins_and_no_update_is_lost(
    db: Database, db_target: str, org, tmp_path: Path
) -> None:
    rounds = 15
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, db_target, str(org["module"]), name, str(tmp_path), str(rounds)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        )  # fmt: skip
        for name in ("anne", "bjørn")
    ]
    while not all((tmp_path / f"{n}.ready").exists() for n in ("anne", "bjørn")):
        assert all(w.poll() is None for w in workers), [w.communicate() for w in workers]
        wall.sleep(0.01)
    (tmp_path / "go").touch()
    outputs = [w.communicate() for w in workers]
    assert all(w.returncode == 0 for w in workers), outputs
    firsts = sorted(out.split()[0] for out, _err in outputs)
    assert firsts == ["refused", "won"]
    module = get_module(db, org["module"])
    winner = "anne" if outputs[0][0].split()[0] == "won" else "bjørn"
    assert module.title == f"{winner} first"
    assert module.hours == Decimal(2 * rounds)  # every increment counted: no lost update
    assert module.version == 1 + 1 + 2 * rounds  # created, the first save, then every increment


# --- attendance: merged per cell ---------------------------------------------------------------------------


def test_two_people_marking_different_cells_of_one_grid_both_keep_their_marks(db: Database, org) -> None:
    anne = load_register(db, org["cohort"])  # both open the same grid
    bjorn = load_register(db, org["cohort"])
    a = [(org["e1"], org["s1"], org["present"])]
    b = [(org["e2"], org["s1"], org["absent"]), (org["e1"], org["s2"], org["late"])]
    assert set_attendance(db, org["cohort"], a, seen=anne.seen(a)) == 1
    assert set_attendance(db, org["cohort"], b, seen=bjorn.seen(b)) == 2
    cells = load_register(db, org["cohort"]).cells
    assert cells == {
        (org["e1"], org["s1"]): org["present"],
        (org["e2"], org["s1"]): org["absent"],
        (org["e1"], org["s2"]): org["late"],
    }


def test_a_cell_changed_by_both_refuses_the_later_save_for_that_cell_only(db: Database, org) -> None:
    set_attendance(db, org["cohort"], [(org["e1"], org["s1"], org["present"])])
    anne = load_register(db, org["cohort"])
    bjorn = load_register(db, org["cohort"])
    with clock.frozen_at(at(9, 5)):
        first = [(org["e1"], org["s1"], org["late"])]
        set_attendance(db, org["cohort"], first, seen=anne.seen(first), actor_id=org["ola"])
    later = [(org["e1"], org["s1"], org["absent"]), (org["e2"], org["s1"], org["present"])]
    with pytest.raises(ChangedElsewhere) as refused:
        set_attendance(db, org["cohort"], later, seen=bjorn.seen(later), actor_id=org["kari"])
    error = refused.value
    assert str(error).startswith(f"Changed by Ola Ås at {format_time(at(9, 5))} — your changes were not saved")
    assert error.saved == 1
    assert error.newer["cells"] == {(org["e1"], org["s1"]): org["late"]}
    cells = load_register(db, org["cohort"]).cells
    assert cells[(org["e1"], org["s1"])] == org["late"]  # Ola's mark stands
    assert cells[(org["e2"], org["s1"])] == org["present"]  # Kari's other cell was saved


def test_two_people_filling_the_same_empty_cell_the_later_is_refused(db: Database, org) -> None:
    anne = load_register(db, org["cohort"])
    bjorn = load_register(db, org["cohort"])
    cell = (org["e2"], org["s2"])
    set_attendance(db, org["cohort"], [(*cell, org["present"])], seen=anne.seen([(*cell, org["present"])]))
    with pytest.raises(ChangedElsewhere):
        set_attendance(db, org["cohort"], [(*cell, org["absent"])], seen=bjorn.seen([(*cell, org["absent"])]))
    # the same value from both is no loss: not refused
    set_attendance(db, org["cohort"], [(*cell, org["present"])], seen=bjorn.seen([(*cell, org["present"])]))
    assert load_register(db, org["cohort"]).cells[cell] == org["present"]


def test_a_cleared_cell_and_a_grid_that_saves_twice_in_a_row(db: Database, org) -> None:
    register = load_register(db, org["cohort"])
    cell = (org["e1"], org["s1"])
    for status in (org["present"], org["late"], None, org["absent"]):  # the grid's own copy follows its saves
        change = [(*cell, status)]
        set_attendance(db, org["cohort"], change, seen=register.seen(change))
        register.apply(change)
    assert register.versions == load_register(db, org["cohort"]).versions
    other = load_register(db, org["cohort"])
    set_attendance(db, org["cohort"], [(*cell, None)], seen=other.seen([(*cell, None)]))
    with pytest.raises(ChangedElsewhere, match="^Changed elsewhere meanwhile"):  # cleared by someone: no name left
        set_attendance(db, org["cohort"], [(*cell, org["late"])], seen=register.seen([(*cell, org["late"])]))


# --- helpers -----------------------------------------------------------------------------------------------


def _with(plan: svc.SessionPlan, **changes) -> svc.SessionPlan:
    return replace(plan, **changes)


def _module(data: ModuleData, **changes) -> ModuleData:
    return replace(data, **changes)


def test_changed_elsewhere_shows_the_date_too_when_not_today() -> None:
    yesterday = clock.now() - timedelta(days=1)
    assert when(yesterday) != format_time(yesterday.astimezone())
    assert format_time(yesterday.astimezone()) in when(yesterday)


# --- more records ------------------------------------------------------------------------------------------


def test_an_enrolment_status_change_from_a_stale_form_is_refused(db: Database, org) -> None:
    from tillitsleder.enrolment.cohorts import change_status, enrolment_info

    seen = enrolment_info(db, org["e1"])
    change_status(db, org["e1"], "on_leave", date(2026, 2, 1), seen_version=seen.version)
    with pytest.raises(ChangedElsewhere, match="^Changed by a coordinator at ") as refused:
        change_status(db, org["e1"], "withdrawn", date(2026, 2, 2), seen_version=seen.version)
    assert refused.value.newer["status"] == "on_leave"
    assert enrolment_info(db, org["e1"]).status.value == "on_leave"


def test_a_certificate_template_saved_by_two_editors_keeps_the_first(db: Database, org) -> None:
    from tillitsleder.access import COORDINATOR
    from tillitsleder.certificates.templates import get_template, save_template

    first = get_template(db, org["programme"], "nb")  # both open the default (nothing saved yet)
    second = get_template(db, org["programme"], "nb")
    saved = save_template(db, replace(first, title="Kursbevis A"), actor=COORDINATOR)
    assert saved.version == 1
    with pytest.raises(ChangedElsewhere):
        save_template(db, replace(second, title="Kursbevis B"), actor=COORDINATOR)
    again = save_template(db, replace(saved, title="Kursbevis C"), actor=COORDINATOR)  # from the saved one
    assert (get_template(db, org["programme"], "nb").title, again.version) == ("Kursbevis C", 2)
