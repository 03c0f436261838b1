"""Programmes: create, change, delete (and restore), duplicate as a template, and read the whole curriculum."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from typing import Any

from sqlalchemy import Select, func, insert, select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder.attendance.statuses import ensure_default_statuses, insert_default_statuses
from tillitsleder.audit import audit
from tillitsleder.curriculum import overview
from tillitsleder.curriculum.rules import (
    check_id_free,
    clean_programme,
    clean_text,
    get_or_fail,
    programme_data,
    programme_or_fail,
)
from tillitsleder.curriculum.values import (
    CurriculumView,
    DeletedProgramme,
    ModuleView,
    ProgrammeData,
    SemesterView,
)
from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.i18n import N_
from tillitsleder.model import (
    AttendanceStatus,
    Cohort,
    Module,
    Municipality,
    Programme,
    RoleAssignment,
    Semester,
    Session,
)
from tillitsleder.model.enums import SessionType
from tillitsleder.storage.database import Database
from tillitsleder.versions import check_seen, saving

# --- Programmes -----------------------------------------------------------------------------------------------


def _municipality_id(s: OrmSession, data: ProgrammeData) -> int:
    if data.municipality_id is not None:
        get_or_fail(s, Municipality, data.municipality_id, N_("The municipality no longer exists (id {id})."))
        return data.municipality_id
    name = clean_text(data.municipality_name, "municipality", N_("Choose or type the municipality."))
    found = s.scalar(select(Municipality.id).where(func.lower(Municipality.name) == name.lower()))
    if found is not None:
        return found
    municipality = Municipality(name=name)
    s.add(municipality)
    s.flush()
    return municipality.id


def _check_unique_name(s: OrmSession, municipality_id: int, name: str, ignore_id: int | None) -> None:
    clash = s.scalar(
        select(Programme.id).where(
            Programme.municipality_id == municipality_id,
            func.lower(Programme.name) == name.lower(),
            Programme.id != (ignore_id or -1),
        )
    )
    if clash is not None:
        raise ValidationError(N_("There is already a programme called “{name}”."), name=name, field="name")


def create_programme(db: Database, data: ProgrammeData) -> int:
    """A new programme with the default attendance statuses; returns its id."""
    data = clean_programme(data)
    with db.session() as s:
        municipality_id = _municipality_id(s, data)
        _check_unique_name(s, municipality_id, data.name, None)
        programme = Programme(
            municipality_id=municipality_id,
            name=data.name,
            description=data.description,
            start_date=data.start_date,
            end_date=data.end_date,
            timezone=data.timezone,
            min_attendance=data.min_attendance,
        )
        s.add(programme)
        s.flush()
        insert_default_statuses(s, programme.id)
        audit(s, "programme.created", "programme", programme.id)
        return programme.id


def get_programme(db: Database, programme_id: int) -> ProgrammeData:
    with db.read() as s:
        return programme_data(programme_or_fail(s, programme_id))


def _programme_values(programme: Programme) -> dict[str, Any]:
    return asdict(programme_data(programme))


def update_programme(db: Database, programme_id: int, data: ProgrammeData) -> int:
    """Change name, description, dates, time zone and minimum; semesters must still fit the new dates. Returns
    the new version; refused (``ChangedElsewhere``) if the programme changed since ``data.version`` was read."""
    seen, data = data.version, clean_programme(data)
    with saving(db, Programme, programme_id, entity="programme", values=_programme_values) as s:
        programme = programme_or_fail(s, programme_id)
        check_seen(s, programme, seen, entity="programme", values=_programme_values)
        keep = data.municipality_id is None and not data.municipality_name.strip()
        municipality_id = programme.municipality_id if keep else _municipality_id(s, data)
        _check_unique_name(s, municipality_id, data.name, programme_id)
        outside = s.scalar(
            select(func.min(Semester.number)).where(
                Semester.programme_id == programme_id,
                (Semester.start_date < data.start_date) | (Semester.end_date > data.end_date),
            )
        )
        if outside is not None:
            raise ValidationError(
                N_("Semester {number} would lie outside the programme's new dates; change it first."),
                number=outside,
                field="start_date",
            )
        programme.municipality_id = municipality_id
        programme.name, programme.description = data.name, data.description
        programme.start_date, programme.end_date = data.start_date, data.end_date
        programme.timezone, programme.min_attendance = data.timezone, data.min_attendance
        audit(s, "programme.updated", "programme", programme_id)
        s.flush()
        version = programme.version
    ensure_default_statuses(db, programme_id)  # a programme written elsewhere without statuses gets them now
    return version


def delete_programme(db: Database, programme_id: int) -> DeletedProgramme:
    """Delete a programme that has no cohorts, with its curriculum and statuses; returns what undoes it."""
    view = load_curriculum(db, programme_id)
    with db.session() as s:
        programme = programme_or_fail(s, programme_id)
        if s.scalar(select(func.count(Cohort.id)).where(Cohort.programme_id == programme_id)):
            raise ValidationError(N_("“{name}” has cohorts and cannot be deleted."), name=programme.name)
        statuses = s.execute(
            select(
                AttendanceStatus.id,
                AttendanceStatus.code,
                AttendanceStatus.label,
                AttendanceStatus.weight,
                AttendanceStatus.position,
            ).where(AttendanceStatus.programme_id == programme_id)
        ).all()
        roles = s.execute(
            select(RoleAssignment.id, RoleAssignment.person_id, RoleAssignment.role).where(
                RoleAssignment.programme_id == programme_id
            )
        ).all()
        snapshot = DeletedProgramme(
            programme_id,
            programme.municipality_id,
            view.programme,
            view.semesters,
            view.modules,
            tuple(tuple(row) for row in statuses),
            tuple(tuple(row) for row in roles),
        )
        s.delete(programme)
        audit(s, "programme.deleted", "programme", programme_id)
        return snapshot


def restore_programme(db: Database, snapshot: DeletedProgramme) -> int:
    """Put a deleted programme back with its ids (the undo of ``delete_programme``)."""
    d = snapshot.data
    with db.session() as s:
        check_id_free(s, Programme, snapshot.id)
        _check_unique_name(s, snapshot.municipality_id, d.name, None)
        s.execute(
            insert(Programme),
            [
                {
                    "id": snapshot.id,
                    "municipality_id": snapshot.municipality_id,
                    "name": d.name,
                    "description": d.description,
                    "start_date": d.start_date,
                    "end_date": d.end_date,
                    "timezone": d.timezone,
                    "min_attendance": d.min_attendance,
                }
            ],
        )
        _insert_structure(s, snapshot.id, snapshot.semesters, snapshot.modules, keep_ids=True)
        if snapshot.statuses:
            s.execute(
                insert(AttendanceStatus),
                [
                    {"id": i, "programme_id": snapshot.id, "code": c, "label": lbl, "weight": w, "position": p}
                    for i, c, lbl, w, p in snapshot.statuses
                ],
            )
        if snapshot.roles:
            s.execute(
                insert(RoleAssignment),
                [
                    {"id": i, "person_id": person, "role": role, "programme_id": snapshot.id}
                    for i, person, role in snapshot.roles
                ],
            )
        audit(s, "programme.restored", "programme", snapshot.id)
    return snapshot.id


def _insert_structure(
    s: OrmSession,
    programme_id: int,
    semesters: tuple[SemesterView, ...],
    modules: tuple[ModuleView, ...],
    *,
    keep_ids: bool,
    shift: Callable[[date], date] = lambda day: day,
) -> None:
    semester_ids: dict[int, int] = {}
    for semester in semesters:
        row = {
            "programme_id": programme_id,
            "number": semester.number,
            "title": semester.data.title,
            "start_date": shift(semester.data.start_date),
            "end_date": shift(semester.data.end_date),
        }
        if keep_ids:
            row["id"] = semester.id
        semester_ids[semester.id] = s.execute(insert(Semester).returning(Semester.id), [row]).scalar_one()
    if modules:
        rows = []
        for module in modules:
            m = module.data
            row = {
                "programme_id": programme_id,
                "position": module.position,
                "title": m.title,
                "description": m.description,
                "objectives": m.objectives,
                "hours": m.hours,
                "session_type": SessionType(m.session_type).value,
                "required": m.required,
                "semester_id": semester_ids.get(m.semester_id) if m.semester_id is not None else None,
            }
            if keep_ids:
                row["id"] = module.id
            rows.append(row)
        s.execute(insert(Module), rows)


def duplicate_programme(db: Database, programme_id: int, new_name: str, new_start_date: date) -> int:
    """A copy of a programme as a template for a new cohort: semesters, modules and attendance statuses,
    with every date shifted to ``new_start_date``. Cohorts, sessions and people are never copied."""
    view = load_curriculum(db, programme_id)
    with db.session() as s:
        source = programme_or_fail(s, programme_id)
        offset = new_start_date - source.start_date

        def shift(day: date) -> date:
            return day + offset

        name = clean_text(new_name, "name", N_("The programme needs a name."))
        _check_unique_name(s, source.municipality_id, name, None)
        copy = Programme(
            municipality_id=source.municipality_id,
            name=name,
            description=source.description,
            start_date=shift(source.start_date),
            end_date=shift(source.end_date),
            timezone=source.timezone,
            min_attendance=source.min_attendance,
        )
        s.add(copy)
        s.flush()
        _insert_structure(s, copy.id, view.semesters, view.modules, keep_ids=False, shift=shift)
        statuses = s.execute(
            select(
                AttendanceStatus.code, AttendanceStatus.label, AttendanceStatus.weight, AttendanceStatus.position
            ).where(AttendanceStatus.programme_id == programme_id)
        ).all()
        if statuses:
            s.execute(
                insert(AttendanceStatus),
                [
                    {"programme_id": copy.id, "code": c, "label": lbl, "weight": w, "position": p}
                    for c, lbl, w, p in statuses
                ],
            )
        else:
            insert_default_statuses(s, copy.id)
        audit(s, "programme.duplicated", "programme", copy.id, source=programme_id, days=offset.days)
        return copy.id


# --- Reading the curriculum -----------------------------------------------------------------------------------


def curriculum_queries(programme_id: Any) -> dict[str, Select[Any]]:
    """The programme, its semesters (by number), its modules (by position, with session counts) and its
    cohort count: the ``SELECT``s whose rows ``overview.curriculum_view`` turns into a ``CurriculumView``."""
    sessions = select(func.count(Session.id)).where(Session.module_id == Module.id).correlate(Module).scalar_subquery()
    return {
        "programme": select(*(getattr(Programme, name) for name in overview.PROGRAMME_COLUMNS)).where(
            Programme.id == programme_id
        ),
        "semesters": select(*(getattr(Semester, name) for name in overview.SEMESTER_COLUMNS))
        .where(Semester.programme_id == programme_id)
        .order_by(Semester.number),
        "modules": select(*(getattr(Module, name) for name in overview.MODULE_COLUMNS), sessions)
        .where(Module.programme_id == programme_id)
        .order_by(Module.position, Module.id),
        "cohorts": select(func.count(Cohort.id)).where(Cohort.programme_id == programme_id),
    }


def load_curriculum(db: Database, programme_id: int) -> CurriculumView:
    """The programme with its semesters (by number) and modules (by position)."""
    queries = curriculum_queries(programme_id)
    with db.read() as s:
        programme = s.execute(queries["programme"]).first()
        if programme is None:
            raise NotFound(N_("The programme no longer exists (id {id})."), id=programme_id)
        return overview.curriculum_view(
            programme_id,
            programme,
            s.execute(queries["semesters"]).all(),
            s.execute(queries["modules"]).all(),
            s.scalar(queries["cohorts"]) or 0,
        )


def municipality_options(db: Database) -> list[tuple[int, str]]:
    """(id, name) of every municipality, by name, for the programme dialog."""
    with db.read() as s:
        return [
            (row.id, row.name)
            for row in s.execute(select(Municipality.id, Municipality.name).order_by(Municipality.name))
        ]
