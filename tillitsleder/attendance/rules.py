"""The attendance rules, each defined once: which sessions count, the attendance shares, the minimum.

Pure functions over plain values (no database). ``rules_sql`` holds the SQL twin of every figure a list needs;
``docs/rules.md`` says the same in the coordinator's words. The definitions:

- A session is *held* (gjennomført) when it is marked held; only a held session's register cells count.
  Recording attendance at a planned session that has begun marks it held (``recording_marks_held``), as does
  "Mark as held" on the Sessions page.
- A planned session that has ended is *to be registered* (må registreres): not yet counted as held, and not
  ignored either — it stays in the denominator of "over all planned" and counts as still attainable, so nobody
  is flagged only because the attendance has not been registered yet.
- A planned session that has not ended is *to come* (kommer); a *cancelled* (avlyst) one never counts.
- *Attendance so far* (oppmøte hittil): the weights recorded at held sessions over the number of held sessions.
- *Attendance over all planned* (oppmøte av alle planlagte): the same weights over every session that is not
  cancelled (held, to be registered and to come).
- *Cannot reach the minimum* (kan ikke nå minstekravet): even attending every session not yet held fully, the
  share over all planned would stay below the programme's minimum.

Weights have at most three decimals, so every figure is computed exactly in whole thousandths of a session
(``attended_milli``) and returned as a ``Fraction``; shown, a share is rounded *down* to 0.1 %
(``tillitsleder.i18n.format_share``), so nobody reads as reaching a minimum they do not reach.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from tillitsleder.enums import EnrolmentStatus, LabelledEnum, SessionStatus
from tillitsleder.errors import ValidationError
from tillitsleder.i18n import N_

MILLI = 1000  # weights and the minimum have at most three decimals: whole thousandths are exact
MIN_ATTENDANCE_STEP = Decimal("0.001")  # 0.1 %
# Participants who still take part: only they are flagged as unable to reach the minimum.
STILL_ENROLLED = frozenset({EnrolmentStatus.ACTIVE.value, EnrolmentStatus.ON_LEAVE.value})


class SessionState(LabelledEnum):
    """Where a session stands for the attendance figures."""

    HELD = "held", N_("Held")
    TO_BE_REGISTERED = "to_be_registered", N_("To be registered")
    TO_COME = "to_come", N_("To come")
    CANCELLED = "cancelled", N_("Cancelled")


def session_state(status: str, ends_at: datetime, now: datetime) -> SessionState:
    """The state of a session with ``status`` (planned, held, cancelled) that ends at ``ends_at``, at ``now``."""
    if status == SessionStatus.HELD.value:
        return SessionState.HELD
    if status == SessionStatus.CANCELLED.value:
        return SessionState.CANCELLED
    return SessionState.TO_BE_REGISTERED if ends_at <= now else SessionState.TO_COME


def recording_marks_held(status: str, starts_at: datetime, now: datetime) -> bool:
    """Whether recording a status at this session marks it held: a planned session that has begun."""
    return status == SessionStatus.PLANNED.value and starts_at <= now


def to_be_registered_count(states: Iterable[SessionState]) -> int:
    """How many sessions are over but not registered yet."""
    return sum(1 for state in states if state is SessionState.TO_BE_REGISTERED)


def weight_milli(weight: Decimal | int | str | None) -> int:
    """A status weight in whole thousandths of a session (``None``, nothing recorded, is 0)."""
    if weight is None:
        return 0
    return int((Decimal(weight) * MILLI).to_integral_value())


# --- the shares ---------------------------------------------------------------------------------------------


def share_so_far(attended_milli: int, held: int) -> Fraction | None:
    """Attendance so far: the weights recorded at held sessions over the held sessions (``None`` before any)."""
    return Fraction(attended_milli, held * MILLI) if held else None


def share_of_planned(attended_milli: int, planned: int) -> Fraction | None:
    """Attendance over all planned sessions (every session not cancelled); ``None`` without any."""
    return Fraction(attended_milli, planned * MILLI) if planned else None


def best_possible(attended_milli: int, held: int, planned: int) -> Fraction | None:
    """The share over all planned if every session not held yet (to come or to be registered) is attended."""
    return Fraction(attended_milli + (planned - held) * MILLI, planned * MILLI) if planned else None


def cannot_reach_minimum(attended_milli: int, held: int, planned: int, minimum: Decimal) -> bool:
    """Even attending every session not held yet fully, the share over all planned stays below ``minimum``."""
    best = best_possible(attended_milli, held, planned)
    return best is not None and best < Fraction(minimum)


@dataclass(frozen=True)
class AttendanceFigures:
    """One participant's attendance figures, from the rules above."""

    held: int  # sessions held
    to_be_registered: int  # sessions over but not registered yet
    to_come: int  # sessions not over yet
    attended_milli: int  # weights recorded at held sessions, in thousandths of a session
    minimum: Decimal  # the programme's minimum, a fraction

    @property
    def planned(self) -> int:
        """Every session not cancelled."""
        return self.held + self.to_be_registered + self.to_come

    @property
    def attended(self) -> Fraction:
        """The weights recorded at held sessions, in sessions."""
        return Fraction(self.attended_milli, MILLI)

    @property
    def share_so_far(self) -> Fraction | None:
        return share_so_far(self.attended_milli, self.held)

    @property
    def share_of_planned(self) -> Fraction | None:
        return share_of_planned(self.attended_milli, self.planned)

    @property
    def best_possible(self) -> Fraction | None:
        return best_possible(self.attended_milli, self.held, self.planned)

    @property
    def cannot_reach_minimum(self) -> bool:
        return cannot_reach_minimum(self.attended_milli, self.held, self.planned, self.minimum)

    @property
    def below_minimum_so_far(self) -> bool:
        """Attendance so far is below the minimum (a risk while the minimum can still be reached)."""
        so_far = self.share_so_far
        return so_far is not None and so_far < Fraction(self.minimum)


def attendance_figures(sessions: Iterable[tuple[SessionState, int | None]], minimum: Decimal) -> AttendanceFigures:
    """The figures from ``(state, weight recorded in thousandths or None)`` per session of the cohort.

    Only held sessions' weights count; a weight recorded at a session not held (yet) is left out.
    """
    counts = dict.fromkeys(SessionState, 0)
    attended = 0
    for state, milli in sessions:
        counts[state] += 1
        if state is SessionState.HELD and milli:
            attended += milli
    return AttendanceFigures(
        counts[SessionState.HELD],
        counts[SessionState.TO_BE_REGISTERED],
        counts[SessionState.TO_COME],
        attended,
        Decimal(minimum),
    )


def is_flagged(enrolment_status: str, figures: AttendanceFigures) -> bool:
    """Shown as unable to reach the minimum: still taking part (active or on leave) and cannot reach it."""
    return enrolment_status in STILL_ENROLLED and figures.cannot_reach_minimum


# --- the minimum ----------------------------------------------------------------------------------------------


def clean_min_attendance(value: Decimal | float | str | int) -> Decimal:
    """The programme's minimum attendance as a fraction from 0 to 1 with at most three decimals (0.1 %).

    The one check, used where a programme is created or edited and where the completion rules are saved.
    """
    try:
        minimum = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        minimum = Decimal(-1)
    if not minimum.is_finite() or not Decimal(0) <= minimum <= Decimal(1):
        raise ValidationError(N_("The minimum attendance must lie between 0 and 100 %."), field="min_attendance")
    if minimum != minimum.quantize(MIN_ATTENDANCE_STEP):
        raise ValidationError(N_("The minimum attendance can have at most one decimal."), field="min_attendance")
    return minimum
