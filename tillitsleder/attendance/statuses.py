"""A programme's attendance statuses: the defaults, list, add, edit, reorder and delete.

Each status has a code (short, unique within the programme, used by the register's keyboard filling and in
exports), a label, a weight from 0 to 1 (how much of a session it counts as) and a position (the order the
register offers them; key 1 is the first). A status recorded in the register cannot be deleted.

A programme gets the default statuses where it is written: when created or duplicated (``insert_default_statuses``
in the same transaction), when edited and when a status is added (``ensure_default_statuses``, for a programme
that has none, e.g. one written by another tool). Reading (``list_statuses``, the register) never writes.

A default status whose label nobody changed follows the language of the UI: its stored label is compared with the
default's label in every language the app speaks (``shown_label``), so a programme created in Norwegian reads
"Present" in English; a label the coordinator wrote is shown as written. No flag is stored: the comparison needs
no migration and also covers programmes created before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session as OrmSession

from tillitsleder.audit import audit
from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.i18n import LANGUAGES, N_, _, gettext_in
from tillitsleder.model import Attendance, AttendanceStatus, Programme
from tillitsleder.storage.database import Database

CODE_MAX = 32
LABEL_MAX = 100


@dataclass(frozen=True)
class StatusDefault:
    code: str
    label: str
    weight: Decimal


def default_attendance_statuses() -> tuple[StatusDefault, ...]:
    """The register's statuses every new programme starts with, in the order the register offers them.

    Labels are data once stored (a coordinator may rename them), so they are written in the language in use
    when the programme is created."""
    return tuple(StatusDefault(code, _(label), Decimal(weight)) for code, label, weight in _DEFAULT_STATUSES)


_DEFAULT_STATUSES = (
    ("present", N_("Present"), "1"),
    ("late", N_("Late"), "0.75"),
    ("excused", N_("Excused absence"), "0"),
    ("absent", N_("Absent"), "0"),
    ("partial", N_("Partially attended"), "0.5"),
)


_DEFAULT_LABELS = {code: label for code, label, _weight in _DEFAULT_STATUSES}


@cache
def _default_spellings(code: str) -> frozenset[str]:
    """The default label of ``code`` as every language the app speaks writes it (English included)."""
    msgid = _DEFAULT_LABELS[code]
    return frozenset({msgid, *(gettext_in(language, msgid) for language in LANGUAGES)})


def is_default_label(code: str, label: str) -> bool:
    """Whether ``label`` is the default status ``code``'s label in one of the app's languages (never renamed)."""
    return code in _DEFAULT_LABELS and label in _default_spellings(code)


def shown_label(code: str, label: str) -> str:
    """The label a person reads: a default status never renamed in the UI's language, any other as stored."""
    return _(_DEFAULT_LABELS[code]) if is_default_label(code, label) else label


def insert_default_statuses(s: OrmSession, programme_id: int) -> int:
    """Give a programme the default attendance statuses (in the caller's transaction); returns how many."""
    rows = [
        {"programme_id": programme_id, "code": d.code, "label": d.label, "weight": d.weight, "position": i}
        for i, d in enumerate(default_attendance_statuses())
    ]
    s.execute(insert(AttendanceStatus), rows)
    return len(rows)


@dataclass(frozen=True)
class StatusInfo:
    id: int
    programme_id: int
    code: str
    label: str
    weight: Decimal
    position: int


def status_rows(s: OrmSession, programme_id: int) -> list[StatusInfo]:
    rows = s.execute(
        select(AttendanceStatus)
        .where(AttendanceStatus.programme_id == programme_id)
        .order_by(AttendanceStatus.position, AttendanceStatus.id)
    ).scalars()
    return [
        StatusInfo(r.id, r.programme_id, r.code, shown_label(r.code, r.label), Decimal(r.weight), r.position)
        for r in rows
    ]


def ensure_default_statuses(db: Database, programme_id: int) -> bool:
    """Give ``programme_id`` the default statuses if it has none; returns whether it did (a write path only)."""
    with db.read() as s:
        if s.scalar(select(func.count(AttendanceStatus.id)).where(AttendanceStatus.programme_id == programme_id)):
            return False
    with db.session() as s:
        if s.get(Programme, programme_id) is None:
            raise NotFound(N_("There is no programme “{programme}”."), programme=str(programme_id))
        if s.scalar(select(func.count(AttendanceStatus.id)).where(AttendanceStatus.programme_id == programme_id)):
            return False
        count = insert_default_statuses(s, programme_id)
        audit(s, "attendance_status.defaults_created", "programme", programme_id, count=count)
    return True


def list_statuses(db: Database, programme_id: int) -> list[StatusInfo]:
    """The programme's statuses in register order (reads only: empty for a programme without any)."""
    with db.read() as s:
        return status_rows(s, programme_id)


def usage_counts(db: Database, programme_id: int) -> dict[int, int]:
    """How many register cells use each of the programme's statuses."""
    with db.read() as s:
        rows = s.execute(
            select(AttendanceStatus.id, func.count(Attendance.id))
            .outerjoin(Attendance, Attendance.status_id == AttendanceStatus.id)
            .where(AttendanceStatus.programme_id == programme_id)
            .group_by(AttendanceStatus.id)
        )
        return {status_id: int(count) for status_id, count in rows}


def _clean(code: str, label: str, weight: Decimal | float | str) -> tuple[str, str, Decimal]:
    code = (code or "").strip().lower()
    label = (label or "").strip()
    if not code:
        raise ValidationError(N_("The status needs a code."), field="code")
    if len(code) > CODE_MAX:
        raise ValidationError(N_("The code can be at most {n} characters."), field="code", n=CODE_MAX)
    if not code[0].isalpha() or not all(ch.isalnum() or ch in "_-" for ch in code):
        raise ValidationError(
            N_("The code must start with a letter and have only letters, digits, “-” or “_”."), field="code"
        )
    if not label:
        raise ValidationError(N_("The status needs a label."), field="label")
    if len(label) > LABEL_MAX:
        raise ValidationError(N_("The label can be at most {n} characters."), field="label", n=LABEL_MAX)
    try:
        value = Decimal(str(weight))
    except (InvalidOperation, ValueError):
        raise ValidationError(N_("The weight must be a number from 0 to 1."), field="weight") from None
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(1):
        raise ValidationError(N_("The weight must be a number from 0 to 1."), field="weight")
    if value != value.quantize(Decimal("0.001")):
        raise ValidationError(N_("The weight can have at most three decimals."), field="weight")
    return code, label, value


def _check_code_free(s: OrmSession, programme_id: int, code: str, except_id: int | None = None) -> None:
    query = select(AttendanceStatus.id).where(
        AttendanceStatus.programme_id == programme_id, func.lower(AttendanceStatus.code) == code
    )
    if except_id is not None:
        query = query.where(AttendanceStatus.id != except_id)
    if s.scalar(query) is not None:
        raise ValidationError(N_("The programme already has a status with the code “{code}”."), field="code", code=code)


def add_status(db: Database, programme_id: int, code: str, label: str, weight: Decimal | float | str) -> StatusInfo:
    """A new status at the end of the programme's list."""
    code, label, value = _clean(code, label, weight)
    ensure_default_statuses(db, programme_id)
    with db.session() as s:
        _check_code_free(s, programme_id, code)
        last = s.scalar(
            select(func.max(AttendanceStatus.position)).where(AttendanceStatus.programme_id == programme_id)
        )
        status = AttendanceStatus(
            programme_id=programme_id, code=code, label=label, weight=value, position=(last or 0) + 1
        )
        s.add(status)
        s.flush()
        audit(s, "attendance_status.added", "attendance_status", status.id, programme_id=programme_id, code=code)
        return StatusInfo(status.id, programme_id, code, label, value, status.position)


def edit_status(db: Database, status_id: int, *, code: str, label: str, weight: Decimal | float | str) -> StatusInfo:
    """Change a status's code, label and weight (the register's summaries follow the new weight)."""
    code, label, value = _clean(code, label, weight)
    with db.session() as s:
        status = s.get(AttendanceStatus, status_id)
        if status is None:
            raise NotFound(N_("The status no longer exists."))
        _check_code_free(s, status.programme_id, code, except_id=status_id)
        status.code, status.label, status.weight = code, label, value
        audit(
            s, "attendance_status.edited", "attendance_status", status_id, programme_id=status.programme_id, code=code
        )
        return StatusInfo(status.id, status.programme_id, code, shown_label(code, label), value, status.position)


def reorder_statuses(db: Database, programme_id: int, status_ids: list[int]) -> None:
    """Put the programme's statuses in the order of ``status_ids`` (which must name each of them once)."""
    with db.session() as s:
        current = set(s.scalars(select(AttendanceStatus.id).where(AttendanceStatus.programme_id == programme_id)))
        if len(status_ids) != len(current) or set(status_ids) != current:
            raise ValidationError(N_("The new order must list each of the programme's statuses once."), field="order")
        s.execute(update(AttendanceStatus), [{"id": sid, "position": pos} for pos, sid in enumerate(status_ids)])
        audit(s, "attendance_status.reordered", "programme", programme_id, order=list(status_ids))


def delete_status(db: Database, status_id: int) -> None:
    """Delete a status no register cell uses; refused (nothing changed) if any does."""
    with db.session() as s:
        status = s.get(AttendanceStatus, status_id)
        if status is None:
            raise NotFound(N_("The status no longer exists."))
        used = s.scalar(select(func.count(Attendance.id)).where(Attendance.status_id == status_id)) or 0
        if used:
            raise ValidationError(
                N_("“{label}” is recorded in {n} register cells and cannot be deleted; change those cells first."),
                field="status",
                label=shown_label(status.code, status.label),
                n=used,
            )
        remaining = s.scalar(
            select(func.count(AttendanceStatus.id)).where(AttendanceStatus.programme_id == status.programme_id)
        )
        if remaining <= 1:
            raise ValidationError(N_("A programme needs at least one attendance status."), field="status")
        audit(
            s, "attendance_status.deleted", "attendance_status", status_id,
            programme_id=status.programme_id, code=status.code,
        )  # fmt: skip
        s.delete(status)

