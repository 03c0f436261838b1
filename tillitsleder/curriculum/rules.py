"""The rules of the curriculum: input checks, shared look-ups and the audit trail (used by the other modules)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder.attendance.rules import clean_min_attendance
from tillitsleder.curriculum.values import MAX_HOURS, NAME_LENGTH, ModuleData, ProgrammeData, SemesterData
from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.i18n import N_
from tillitsleder.model import Module, Programme, Semester
from tillitsleder.model.enums import SessionType


def clean_text(value: str, field: str, empty_message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(empty_message, field=field)
    if len(text) > NAME_LENGTH:
        raise ValidationError(N_("At most {limit} characters, please."), field=field, limit=NAME_LENGTH)
    return text


def check_ordered(start: date, end: date) -> None:
    if end < start:
        raise ValidationError(N_("The end date must be on or after the start date."), field="end_date")


def clean_programme(data: ProgrammeData) -> ProgrammeData:
    name = clean_text(data.name, "name", N_("The programme needs a name."))
    check_ordered(data.start_date, data.end_date)
    try:
        ZoneInfo(data.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(N_("“{zone}” is not a known time zone."), zone=data.timezone, field="timezone") from None
    minimum = clean_min_attendance(data.min_attendance)
    return replace(data, name=name, description=(data.description or "").strip(), min_attendance=minimum)


def clean_module(data: ModuleData) -> ModuleData:
    title = clean_text(data.title, "title", N_("The module needs a title."))
    try:
        hours = Decimal(data.hours)
    except (InvalidOperation, TypeError, ValueError):
        hours = Decimal(-1)
    if not hours.is_finite() or hours < 0:
        raise ValidationError(N_("Hours cannot be negative."), field="hours")
    if hours > MAX_HOURS:
        raise ValidationError(N_("More than {limit} hours for one module is not plausible."), field="hours", limit=1000)
    try:
        session_type = SessionType(data.session_type)
    except ValueError:
        raise ValidationError(N_("Choose a session type."), field="session_type") from None
    return replace(
        data,
        title=title,
        description=(data.description or "").strip(),
        objectives="\n".join(line.rstrip() for line in (data.objectives or "").strip().splitlines()),
        hours=hours.quantize(Decimal("0.01")),
        session_type=session_type,
        required=bool(data.required),
    )


def clean_semester(data: SemesterData) -> SemesterData:
    title = clean_text(data.title, "title", N_("The semester needs a title."))
    check_ordered(data.start_date, data.end_date)
    return replace(data, title=title)


def check_semester_fits(s: OrmSession, programme: Programme, data: SemesterData, ignore_id: int | None) -> None:
    """Within the programme's dates and overlapping no other semester of it."""
    if data.start_date < programme.start_date or data.end_date > programme.end_date:
        raise ValidationError(N_("A semester must lie within the programme's dates."), field="start_date")
    others = s.scalars(select(Semester).where(Semester.programme_id == programme.id, Semester.id != (ignore_id or -1)))
    for other in others:
        if data.start_date <= other.end_date and other.start_date <= data.end_date:
            raise ValidationError(
                N_("The dates overlap semester {number} (“{title}”)."),
                number=other.number,
                title=other.title,
                field="start_date",
            )


def check_semester_of(s: OrmSession, programme_id: int, semester_id: int | None) -> None:
    if semester_id is None:
        return
    owner = s.scalar(select(Semester.programme_id).where(Semester.id == semester_id))
    if owner != programme_id:
        raise ValidationError(N_("The chosen semester does not belong to this programme."), field="semester")




def get_or_fail(s: OrmSession, model: type, entity_id: int, message: str):
    found = s.get(model, entity_id)
    if found is None:
        raise NotFound(message, id=entity_id)
    return found


def check_id_free(s: OrmSession, model: type, entity_id: int) -> None:
    """Before putting a deleted row back under its old id: refuse if something else has it now."""
    if s.get(model, entity_id) is not None:
        raise ValidationError(N_("This cannot be undone: the data has changed in the meantime."))


def programme_or_fail(s: OrmSession, programme_id: int) -> Programme:
    return get_or_fail(s, Programme, programme_id, N_("The programme no longer exists (id {id})."))


def module_or_fail(s: OrmSession, module_id: int) -> Module:
    return get_or_fail(s, Module, module_id, N_("The module no longer exists (id {id})."))


def semester_or_fail(s: OrmSession, semester_id: int) -> Semester:
    return get_or_fail(s, Semester, semester_id, N_("The semester no longer exists (id {id})."))


def module_data(m: Module) -> ModuleData:
    return ModuleData(
        title=m.title,
        description=m.description,
        objectives=m.objectives,
        hours=Decimal(m.hours),
        session_type=SessionType(m.session_type),
        required=m.required,
        semester_id=m.semester_id,
        version=m.version,
    )


def module_columns(data: ModuleData) -> dict[str, object]:
    return {
        "title": data.title,
        "description": data.description,
        "objectives": data.objectives,
        "hours": data.hours,
        "session_type": SessionType(data.session_type).value,
        "required": data.required,
        "semester_id": data.semester_id,
    }


def programme_data(p: Programme) -> ProgrammeData:
    return ProgrammeData(
        name=p.name,
        start_date=p.start_date,
        end_date=p.end_date,
        description=p.description,
        timezone=p.timezone,
        min_attendance=Decimal(p.min_attendance),
        municipality_id=p.municipality_id,
        version=p.version,
    )
