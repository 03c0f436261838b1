"""The curriculum services: programmes, semesters and ordered modules, their rules, undo snapshots, templates."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from tillitsleder import curriculum as cur
from tillitsleder import i18n
from tillitsleder.curriculum import ModuleData, ProgrammeData, SemesterData
from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.i18n import set_language
from tillitsleder.model import AttendanceStatus, AuditEvent, Cohort, Module, Programme, Semester, Session
from tillitsleder.model.enums import SessionType

START, END = date(2027, 1, 4), date(2028, 12, 15)


def _programme(db, name: str = "Lederutvikling 2027–2029", **changes) -> int:
    data = ProgrammeData(name=name, start_date=START, end_date=END, municipality_name="Bydel Nordstrand")
    return cur.create_programme(db, ProgrammeData(**{**data.__dict__, **changes}))


def _positions(db, programme_id: int) -> list[tuple[int, int]]:
    with db.read() as s:
        rows = s.execute(select(Module.id, Module.position).where(Module.programme_id == programme_id))
        return sorted((position, module_id) for module_id, position in rows)


def _titles(db, programme_id: int) -> list[str]:
    return [m.data.title for m in cur.load_curriculum(db, programme_id).modules]


def _with_modules(db, count: int = 4) -> tuple[int, list[int]]:
    programme_id = _programme(db)
    ids = [cur.add_module(db, programme_id, ModuleData(title=f"M{i}", hours=Decimal(6))) for i in range(count)]
    return programme_id, ids


# --- programmes ------------------------------------------------------------------------------------------------


def test_a_new_programme_gets_the_default_attendance_statuses(db) -> None:
    set_language("nb")  # the labels are written in the language in use when the programme is created
    programme_id = _programme(db, description="  Tillit og relasjoner  ", min_attendance=Decimal("0.75"))
    with db.read() as s:
        statuses = s.execute(
            select(AttendanceStatus.code, AttendanceStatus.label, AttendanceStatus.weight, AttendanceStatus.position)
            .where(AttendanceStatus.programme_id == programme_id)
            .order_by(AttendanceStatus.position)
        ).all()
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == programme_id)).all()
    assert [(c, lbl, Decimal(w), p) for c, lbl, w, p in statuses] == [
        ("present", "Til stede", Decimal("1"), 0),
        ("late", "Forsinket", Decimal("0.75"), 1),
        ("excused", "Gyldig fravær", Decimal("0"), 2),
        ("absent", "Fravær", Decimal("0"), 3),
        ("partial", "Delvis til stede", Decimal("0.5"), 4),
    ]
    assert [s.code for s in cur.default_attendance_statuses()] == ["present", "late", "excused", "absent", "partial"]
    data = cur.get_programme(db, programme_id)
    assert data.description == "Tillit og relasjoner" and data.min_attendance == Decimal("0.75")
    assert actions == ["programme.created"]


def test_programme_names_are_unique_per_municipality_and_never_blank(db) -> None:
    _programme(db, "Kull A")
    with pytest.raises(ValidationError) as raised:
        _programme(db, " kull a ")
    assert str(raised.value) == "There is already a programme called “kull a”."
    with pytest.raises(ValidationError, match="needs a name"):
        _programme(db, "   ")
    assert _programme(db, "Kull A", municipality_name="Norrköpings kommun") > 0  # another municipality


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_date": START - timedelta(days=1)}, "The end date must be on or after the start date."),
        ({"timezone": "Europe/Nowhere"}, "“Europe/Nowhere” is not a known time zone."),
        ({"min_attendance": Decimal("1.5")}, "The minimum attendance must lie between 0 and 100 %."),
        ({"municipality_name": ""}, "Choose or type the municipality."),
    ],
)
def test_programme_input_is_validated_with_readable_messages(db, changes, message) -> None:
    with pytest.raises(ValidationError) as raised:
        _programme(db, **changes)
    assert str(raised.value) == message
    with db.read() as s:
        assert s.scalar(select(func.count(Programme.id))) == 0


def test_validation_messages_are_translated_where_shown(db) -> None:
    with pytest.raises(ValidationError) as raised:
        _programme(db)
        cur.add_module(db, 1, ModuleData(title=" "))
    i18n.set_language("nb")
    assert raised.value.message == "The module needs a title."
    assert str(raised.value) == i18n._("The module needs a title.")


def test_updating_a_programme_keeps_its_semesters_inside(db) -> None:
    programme_id = _programme(db)
    cur.add_semester(db, programme_id, SemesterData("Høst", date(2027, 8, 1), date(2027, 12, 20)))
    with pytest.raises(ValidationError, match="Semester 1 would lie outside"):
        cur.update_programme(db, programme_id, ProgrammeData("Nytt navn", START, date(2027, 10, 1)))
    cur.update_programme(
        db, programme_id, ProgrammeData("Nytt navn", START, date(2028, 6, 30), timezone="Europe/Stockholm")
    )
    data = cur.get_programme(db, programme_id)
    assert (data.name, data.end_date, data.timezone) == ("Nytt navn", date(2028, 6, 30), "Europe/Stockholm")
    cur.update_programme(db, programme_id, ProgrammeData("Nytt navn", START, END, municipality_name="Norrköping"))
    assert dict(cur.municipality_options(db))[cur.get_programme(db, programme_id).municipality_id] == "Norrköping"


def test_deleting_a_programme_can_be_undone_with_the_same_ids(db) -> None:
    programme_id, module_ids = _with_modules(db, 3)
    semester_id = cur.add_semester(db, programme_id, SemesterData("Vår", START, date(2027, 6, 30)))
    cur.update_module(db, module_ids[1], ModuleData(title="M1", semester_id=semester_id))
    before = cur.load_curriculum(db, programme_id)
    snapshot = cur.delete_programme(db, programme_id)
    with pytest.raises(NotFound):
        cur.load_curriculum(db, programme_id)
    assert cur.restore_programme(db, snapshot) == programme_id
    assert cur.load_curriculum(db, programme_id) == before


def test_a_programme_with_cohorts_cannot_be_deleted(demo_db) -> None:
    with demo_db.read() as s:
        programme_id = s.scalar(select(Programme.id))
    with pytest.raises(ValidationError, match="has cohorts"):
        cur.delete_programme(demo_db, programme_id)


# --- semesters -------------------------------------------------------------------------------------------------


def test_semesters_are_numbered_by_date_within_the_programme_without_overlaps(db) -> None:
    programme_id = _programme(db)
    autumn = cur.add_semester(db, programme_id, SemesterData("Høst 2027", date(2027, 8, 1), date(2027, 12, 20)))
    spring = cur.add_semester(db, programme_id, SemesterData("Vår 2027", START, date(2027, 6, 30)))
    numbers = {s.id: s.number for s in cur.load_curriculum(db, programme_id).semesters}
    assert numbers == {spring: 1, autumn: 2}
    with pytest.raises(ValidationError) as raised:
        cur.add_semester(db, programme_id, SemesterData("Sommer", date(2027, 6, 1), date(2027, 8, 15)))
    assert str(raised.value) == "The dates overlap semester 1 (“Vår 2027”)."
    with pytest.raises(ValidationError, match="within the programme's dates"):
        cur.add_semester(db, programme_id, SemesterData("Før", date(2026, 8, 1), date(2026, 12, 1)))
    with pytest.raises(ValidationError, match="needs a title"):
        cur.add_semester(db, programme_id, SemesterData(" ", date(2028, 1, 4), date(2028, 6, 1)))
    # Redating the spring semester after the autumn one renumbers both.
    cur.update_semester(db, spring, SemesterData("Vår 2028", date(2028, 1, 4), date(2028, 6, 30)))
    numbers = {s.id: s.number for s in cur.load_curriculum(db, programme_id).semesters}
    assert numbers == {autumn: 1, spring: 2}
    assert cur.get_semester(db, spring).title == "Vår 2028"


def test_removing_a_semester_with_modules_needs_consent_and_is_undoable(db) -> None:
    programme_id = _programme(db)
    first = cur.add_semester(db, programme_id, SemesterData("1", START, date(2027, 6, 30)))
    second = cur.add_semester(db, programme_id, SemesterData("2", date(2027, 8, 1), date(2027, 12, 20)))
    module_id = cur.add_module(db, programme_id, ModuleData(title="Oppstart", semester_id=first))
    with pytest.raises(ValidationError) as raised:
        cur.remove_semester(db, first)
    assert str(raised.value) == "Semester 1 still has 1 modules; move them to another semester first."
    snapshot = cur.remove_semester(db, first, detach_modules=True)
    view = cur.load_curriculum(db, programme_id)
    assert [(s.id, s.number) for s in view.semesters] == [(second, 1)]
    assert view.modules[0].data.semester_id is None
    cur.restore_semester(db, snapshot)
    view = cur.load_curriculum(db, programme_id)
    assert [(s.id, s.number) for s in view.semesters] == [(first, 1), (second, 2)]
    assert cur.get_module(db, module_id).semester_id == first


# --- modules ----------------------------------------------------------------------------------------------------


def test_module_crud_keeps_positions_contiguous(db) -> None:
    programme_id, ids = _with_modules(db, 3)
    inserted = cur.add_module(db, programme_id, ModuleData(title="Inn", hours=Decimal("2.5")), position=1)
    assert _titles(db, programme_id) == ["M0", "Inn", "M1", "M2"]
    assert [p for p, _id in _positions(db, programme_id)] == [0, 1, 2, 3]
    cur.update_module(
        db,
        inserted,
        ModuleData(
            title=" Refleksjon ",
            description="Om tillit",
            objectives="Forstå\n  Øve  \n",
            hours=Decimal("3"),
            session_type=SessionType.REFLECTION_GROUP,
            required=False,
        ),
    )
    data = cur.get_module(db, inserted)
    assert (data.title, data.objectives, data.hours, data.session_type, data.required) == (
        "Refleksjon",
        "Forstå\n  Øve",
        Decimal("3.00"),
        SessionType.REFLECTION_GROUP,
        False,
    )
    snapshot = cur.delete_module(db, ids[0])
    assert _titles(db, programme_id) == ["Refleksjon", "M1", "M2"]
    assert [p for p, _id in _positions(db, programme_id)] == [0, 1, 2]
    cur.restore_module(db, snapshot)
    assert _titles(db, programme_id) == ["M0", "Refleksjon", "M1", "M2"]
    assert cur.get_module(db, ids[0]).title == "M0"  # the same id again


@pytest.mark.parametrize(("start", "target"), [(0, 3), (3, 0), (1, 2), (2, 2), (0, 99), (2, -5)])
def test_moving_a_module_reorders_contiguously(db, start: int, target: int) -> None:
    programme_id, ids = _with_modules(db, 4)
    old = cur.move_module(db, ids[start], target)
    assert old == start
    expected = [f"M{i}" for i in range(4) if i != start]
    expected.insert(max(0, min(target, 3)), f"M{start}")
    assert _titles(db, programme_id) == expected
    assert [p for p, _id in _positions(db, programme_id)] == [0, 1, 2, 3]
    cur.move_module(db, ids[start], old)  # the undo
    assert _titles(db, programme_id) == ["M0", "M1", "M2", "M3"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (ModuleData(title=""), "The module needs a title."),
        (ModuleData(title=" \t "), "The module needs a title."),
        (ModuleData(title="x" * 201), "At most 200 characters, please."),
        (ModuleData(title="A", hours=Decimal(-1)), "Hours cannot be negative."),
        (ModuleData(title="A", hours=Decimal("1000.5")), "More than 1000 hours for one module is not plausible."),
        (ModuleData(title="A", hours=Decimal("NaN")), "Hours cannot be negative."),
        (ModuleData(title="A", session_type="seminar"), "Choose a session type."),
    ],
)
def test_module_input_is_validated_and_nothing_written(db, data: ModuleData, message: str) -> None:
    programme_id, ids = _with_modules(db, 1)
    with pytest.raises(ValidationError) as raised:
        cur.add_module(db, programme_id, data)
    assert str(raised.value) == message
    with pytest.raises(ValidationError):
        cur.update_module(db, ids[0], data)
    assert _titles(db, programme_id) == ["M0"]


def test_a_module_cannot_use_another_programmes_semester(db) -> None:
    programme_id = _programme(db)
    other = _programme(db, "Annet")
    semester_id = cur.add_semester(db, other, SemesterData("1", START, date(2027, 6, 30)))
    with pytest.raises(ValidationError, match="does not belong"):
        cur.add_module(db, programme_id, ModuleData(title="A", semester_id=semester_id))


def test_a_module_with_sessions_is_not_deleted_silently(demo_db) -> None:
    with demo_db.read() as s:
        module_id, programme_id = s.execute(
            select(Module.id, Module.programme_id).join(Session, Session.module_id == Module.id).limit(1)
        ).one()
        session_ids = s.scalars(select(Session.id).where(Session.module_id == module_id).order_by(Session.id)).all()
    with pytest.raises(ValidationError) as raised:
        cur.delete_module(demo_db, module_id)
    assert "cannot be deleted" in str(raised.value) and f"{len(session_ids)} sessions" in str(raised.value)
    assert cur.get_module(demo_db, module_id)  # still there
    snapshot = cur.delete_module(demo_db, module_id, detach_sessions=True)
    assert snapshot.detached_session_ids == tuple(session_ids)
    with demo_db.read() as s:
        assert s.scalar(select(func.count(Session.id)).where(Session.id.in_(session_ids))) == len(session_ids)
    positions = [p for p, _id in _positions(demo_db, programme_id)]
    assert positions == list(range(len(positions)))
    cur.restore_module(demo_db, snapshot)
    with demo_db.read() as s:
        assert set(s.scalars(select(Session.module_id).where(Session.id.in_(session_ids)))) == {module_id}
        detail = s.scalars(select(AuditEvent.detail).where(AuditEvent.action == "module.deleted")).one()
    assert json.loads(detail) == {"sessions": list(session_ids)}


def test_missing_things_are_reported_as_not_found(db) -> None:
    with pytest.raises(NotFound, match="module no longer exists"):
        cur.update_module(db, 999, ModuleData(title="A"))
    with pytest.raises(NotFound, match="programme no longer exists"):
        cur.load_curriculum(db, 999)


def test_the_database_refuses_what_the_services_refuse(db) -> None:
    programme_id, ids = _with_modules(db, 1)
    for change in ({"title": "  "}, {"hours": -1}, {"position": -1}, {"session_type": "seminar"}):
        with pytest.raises(IntegrityError), db.session() as s:
            s.execute(update(Module).where(Module.id == ids[0]).values(**change))
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(Semester(programme_id=programme_id, number=1, title="x", start_date=END, end_date=START))


# --- templates ------------------------------------------------------------------------------------------------


def test_duplicating_copies_the_structure_shifted_and_leaves_the_source_alone(demo_db) -> None:
    with demo_db.read() as s:
        source_id = s.scalar(select(Programme.id))
    before = cur.load_curriculum(demo_db, source_id)
    new_start = before.programme.start_date + timedelta(days=728)
    copy_id = cur.duplicate_programme(demo_db, source_id, "Lederutvikling neste kull", new_start)
    after_source = cur.load_curriculum(demo_db, source_id)
    copy = cur.load_curriculum(demo_db, copy_id)
    assert after_source == before
    shift = timedelta(days=728)
    assert copy.programme.name == "Lederutvikling neste kull"
    assert (copy.programme.start_date, copy.programme.end_date) == (new_start, before.programme.end_date + shift)
    assert copy.programme.min_attendance == before.programme.min_attendance
    assert [(s.number, s.data.title, s.data.start_date - shift, s.data.end_date - shift) for s in copy.semesters] == [
        (s.number, s.data.title, s.data.start_date, s.data.end_date) for s in before.semesters
    ]
    assert not {s.id for s in copy.semesters} & {s.id for s in before.semesters}
    strip = [(m.position, m.semester_number, m.data.title, m.data.hours, m.data.objectives) for m in before.modules]
    assert [
        (m.position, m.semester_number, m.data.title, m.data.hours, m.data.objectives) for m in copy.modules
    ] == strip
    assert all(m.session_count == 0 for m in copy.modules)
    assert copy.cohort_count == 0
    with demo_db.read() as s:
        labels = {
            pid: s.execute(
                select(AttendanceStatus.code, AttendanceStatus.weight)
                .where(AttendanceStatus.programme_id == pid)
                .order_by(AttendanceStatus.position)
            ).all()
            for pid in (source_id, copy_id)
        }
        assert s.scalar(select(func.count(Cohort.id)).where(Cohort.programme_id == copy_id)) == 0
    assert labels[copy_id] == labels[source_id]
    with pytest.raises(ValidationError, match="already a programme"):
        cur.duplicate_programme(demo_db, source_id, before.programme.name, new_start)


def test_a_restore_refuses_when_the_id_was_taken_meanwhile(db) -> None:
    programme_id, ids = _with_modules(db, 2)
    snapshot = cur.delete_module(db, ids[1])
    new_id = cur.add_module(db, programme_id, ModuleData(title="Ny"))
    if db.engine.dialect.name == "sqlite":
        assert new_id == ids[1]  # SQLite reuses the freed (highest) id
    else:  # PostgreSQL's sequence never hands it out again: another writer could still take it explicitly
        assert new_id > ids[1]
        with db.session() as s:
            s.execute(update(Module).where(Module.id == new_id).values(id=ids[1]))
    with pytest.raises(ValidationError, match="cannot be undone"):
        cur.restore_module(db, snapshot)
    assert _titles(db, programme_id) == ["M0", "Ny"]
