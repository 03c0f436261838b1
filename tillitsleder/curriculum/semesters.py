"""Semesters of a programme: numbered 1..n by date, within the programme's dates, never overlapping."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session as OrmSession

from tillitsleder.audit import audit
from tillitsleder.curriculum.rules import (
    check_id_free,
    check_semester_fits,
    clean_semester,
    programme_or_fail,
    semester_or_fail,
)
from tillitsleder.curriculum.values import DeletedSemester, SemesterData
from tillitsleder.errors import ValidationError
from tillitsleder.i18n import N_
from tillitsleder.model import Module, Semester
from tillitsleder.storage.database import Database
from tillitsleder.versions import check_seen, saving

# --- Semesters ----------------------------------------------------------------------------------------------


def _renumber_semesters(s: OrmSession, programme_id: int) -> None:
    """Number a programme's semesters 1..n in date order (two steps: ``number`` is unique per programme)."""
    s.flush()
    ids = s.scalars(
        select(Semester.id).where(Semester.programme_id == programme_id).order_by(Semester.start_date, Semester.id)
    ).all()
    s.execute(update(Semester).where(Semester.programme_id == programme_id).values(number=Semester.number + 10_000))
    for number, semester_id in enumerate(ids, 1):
        s.execute(update(Semester).where(Semester.id == semester_id).values(number=number))
    s.expire_all()


def add_semester(db: Database, programme_id: int, data: SemesterData) -> int:
    data = clean_semester(data)
    with db.session() as s:
        programme = programme_or_fail(s, programme_id)
        check_semester_fits(s, programme, data, None)
        count = s.scalar(select(func.count(Semester.id)).where(Semester.programme_id == programme_id)) or 0
        semester = Semester(
            programme_id=programme_id,
            number=count + 10_001,
            title=data.title,
            start_date=data.start_date,
            end_date=data.end_date,
        )
        s.add(semester)
        s.flush()
        _renumber_semesters(s, programme_id)
        audit(s, "semester.added", "semester", semester.id, programme=programme_id)
        return semester.id


def update_semester(db: Database, semester_id: int, data: SemesterData) -> int:
    """Rename or redate a semester (the numbers follow the dates); returns its new version. Refused
    (``ChangedElsewhere``) if it changed since ``data.version`` was read."""
    seen, data = data.version, clean_semester(data)
    with saving(db, Semester, semester_id, entity="semester", values=_semester_values) as s:
        semester = semester_or_fail(s, semester_id)
        check_seen(s, semester, seen, entity="semester", values=_semester_values)
        check_semester_fits(s, semester.programme, data, semester_id)
        semester.title, semester.start_date, semester.end_date = data.title, data.start_date, data.end_date
        _renumber_semesters(s, semester.programme_id)
        audit(s, "semester.updated", "semester", semester_id)
        s.flush()
        return semester.version


def get_semester(db: Database, semester_id: int) -> SemesterData:
    with db.read() as s:
        semester = semester_or_fail(s, semester_id)
        return SemesterData(semester.title, semester.start_date, semester.end_date, semester.version)


def _semester_values(semester: Semester) -> dict[str, object]:
    return asdict(SemesterData(semester.title, semester.start_date, semester.end_date, semester.version))


def remove_semester(db: Database, semester_id: int, *, detach_modules: bool = False) -> DeletedSemester:
    """Remove a semester. Its modules stay in the curriculum without a semester, but only if
    ``detach_modules`` says so; otherwise a semester with modules is refused."""
    with db.session() as s:
        semester = semester_or_fail(s, semester_id)
        module_ids = tuple(s.scalars(select(Module.id).where(Module.semester_id == semester_id).order_by(Module.id)))
        if module_ids and not detach_modules:
            raise ValidationError(
                N_("Semester {number} still has {count} modules; move them to another semester first."),
                number=semester.number,
                count=len(module_ids),
            )
        s.execute(update(Module).where(Module.semester_id == semester_id).values(semester_id=None))
        snapshot = DeletedSemester(
            semester_id,
            semester.programme_id,
            SemesterData(semester.title, semester.start_date, semester.end_date),
            module_ids,
        )
        programme_id = semester.programme_id
        s.delete(semester)
        _renumber_semesters(s, programme_id)
        audit(s, "semester.removed", "semester", semester_id, modules=list(module_ids))
        return snapshot


def restore_semester(db: Database, snapshot: DeletedSemester) -> int:
    with db.session() as s:
        programme = programme_or_fail(s, snapshot.programme_id)
        check_id_free(s, Semester, snapshot.id)
        check_semester_fits(s, programme, snapshot.data, None)
        s.execute(
            insert(Semester),
            [
                {
                    "id": snapshot.id,
                    "programme_id": snapshot.programme_id,
                    "number": 20_000,
                    "title": snapshot.data.title,
                    "start_date": snapshot.data.start_date,
                    "end_date": snapshot.data.end_date,
                }
            ],
        )
        if snapshot.detached_module_ids:
            s.execute(
                update(Module)
                .where(Module.id.in_(snapshot.detached_module_ids), Module.semester_id.is_(None))
                .values(semester_id=snapshot.id)
            )
        _renumber_semesters(s, snapshot.programme_id)
        audit(s, "semester.restored", "semester", snapshot.id)
    return snapshot.id
