"""The SQL twin of ``attendance.rules``: the same definitions as SQLAlchemy expressions, for lists and counts.

Each expression computes what its namesake in ``rules`` computes, with the same whole-number arithmetic
(weights in thousandths of a session), so a list and the register can never disagree:

- ``attendance_so_far`` / ``attendance_of_planned``: the share as shown — rounded *down* to 0.1 %, exactly as
  ``i18n.format_share`` rounds it (integer division of thousandths), returned as a ``Decimal`` with three decimals;
- ``cannot_reach_minimum``: true when even full attendance at every session not held yet stays below the minimum;
- ``is_to_be_registered`` (one session) and ``to_be_registered_count`` (a cohort's sessions): planned and over.

The enrolment-level expressions are correlated subqueries of ``Enrolment`` (use them in a query over enrolments).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Float, Integer, Numeric, and_, cast, func, select, type_coerce
from sqlalchemy.orm import aliased

from tillitsleder.attendance.rules import MILLI
from tillitsleder.enums import SessionStatus
from tillitsleder.model import Attendance, AttendanceStatus, Cohort, Enrolment, Programme, Session

SHOWN_SHARE = Numeric(7, 3, asdecimal=True)


def weight_milli(weight: ColumnElement[Any]) -> ColumnElement[int]:
    """A stored weight (or minimum) in whole thousandths, as ``rules.weight_milli``."""
    return cast(func.round(weight * MILLI), Integer)


def is_held(session: Any = Session) -> ColumnElement[bool]:
    return session.status == SessionStatus.HELD.value


def is_counted(session: Any = Session) -> ColumnElement[bool]:
    """Not cancelled: the session is one of the planned sessions."""
    return session.status != SessionStatus.CANCELLED.value


def is_to_be_registered(now: datetime | ColumnElement[datetime], session: Any = Session) -> ColumnElement[bool]:
    """Planned and over at ``now`` (``rules.session_state`` gives ``TO_BE_REGISTERED``)."""
    return and_(session.status == SessionStatus.PLANNED.value, session.ends_at <= now)


def _session_count(cohort_id: ColumnElement[int], condition) -> ColumnElement[int]:
    counted = aliased(Session)
    return (
        select(func.count(counted.id))
        .where(counted.cohort_id == cohort_id, condition(counted))
        .correlate_except(counted)
        .scalar_subquery()
    )


def held_count(cohort_id: ColumnElement[int] = Enrolment.cohort_id) -> ColumnElement[int]:
    return _session_count(cohort_id, is_held)


def planned_count(cohort_id: ColumnElement[int] = Enrolment.cohort_id) -> ColumnElement[int]:
    return _session_count(cohort_id, is_counted)


def to_be_registered_count(
    now: datetime | ColumnElement[datetime], cohort_id: ColumnElement[int] = Cohort.id
) -> ColumnElement[int]:
    """How many of the cohort's sessions are to be registered at ``now``."""
    return _session_count(cohort_id, lambda session: is_to_be_registered(now, session))


def attended_milli(enrolment_id: ColumnElement[int] = Enrolment.id) -> ColumnElement[int]:
    """The weights recorded for the enrolment at held sessions, in thousandths (0 without any)."""
    at = aliased(Session)
    return (
        select(func.coalesce(func.sum(weight_milli(AttendanceStatus.weight)), 0))
        .select_from(Attendance)
        .join(AttendanceStatus, AttendanceStatus.id == Attendance.status_id)
        .join(at, at.id == Attendance.session_id)
        .where(Attendance.enrolment_id == enrolment_id, is_held(at))
        .correlate_except(Attendance, AttendanceStatus, at)
        .scalar_subquery()
    )


def _shown(milli: ColumnElement[int], sessions: ColumnElement[int]) -> ColumnElement[Any]:
    # milli / (sessions × 1000) rounded down to thousandths is milli // sessions; NULL without sessions.
    permille = type_coerce(milli, Integer) // type_coerce(func.nullif(sessions, 0), Integer)
    return type_coerce(cast(permille, Float) / MILLI, SHOWN_SHARE)


def attendance_so_far(
    enrolment_id: ColumnElement[int] = Enrolment.id, cohort_id: ColumnElement[int] = Enrolment.cohort_id
) -> ColumnElement[Any]:
    """``rules.share_so_far`` as shown (rounded down to 0.1 %); NULL before the first held session."""
    return _shown(attended_milli(enrolment_id), held_count(cohort_id))


def attendance_of_planned(
    enrolment_id: ColumnElement[int] = Enrolment.id, cohort_id: ColumnElement[int] = Enrolment.cohort_id
) -> ColumnElement[Any]:
    """``rules.share_of_planned`` as shown (rounded down to 0.1 %); NULL without planned sessions."""
    return _shown(attended_milli(enrolment_id), planned_count(cohort_id))


def programme_minimum(cohort_id: ColumnElement[int] = Enrolment.cohort_id) -> ColumnElement[Any]:
    return (
        select(Programme.min_attendance)
        .join(Cohort, Cohort.programme_id == Programme.id)
        .where(Cohort.id == cohort_id)
        .correlate_except(Programme, Cohort)
        .scalar_subquery()
    )


def cannot_reach_minimum(
    enrolment_id: ColumnElement[int] = Enrolment.id, cohort_id: ColumnElement[int] = Enrolment.cohort_id
) -> ColumnElement[bool]:
    """``rules.cannot_reach_minimum``: attended + every session not held yet < minimum × planned (in thousandths)."""
    held, planned = held_count(cohort_id), planned_count(cohort_id)
    best = attended_milli(enrolment_id) + (planned - held) * MILLI
    return and_(planned > 0, best < weight_milli(programme_minimum(cohort_id)) * planned)
