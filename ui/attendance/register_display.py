"""What the register grid shows, worked out as plain data (strings, ints, colour roles) off the GUI thread.

``prepare(register)`` runs in the worker that read the register: per row a list of status indexes, per status its
short code, label and colour role (``ui.colours`` resolves it for the palette on the GUI thread), per session its
header text and tooltip, per row the name (with a word for someone withdrawn or completed), tooltip and the
totals' texts (``i18n.format_share``, the one share formatter). The model then only looks these up: building it
on the GUI thread is a model reset with no per-cell work. ``row_totals`` and ``session_header`` are also used by
the model to update the rows and headers a change touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from tillitsleder.attendance.register import Register, RegisterParticipant
from tillitsleder.attendance.statuses import shown_label
from tillitsleder.enums import EnrolmentStatus
from tillitsleder.i18n import _, format_date, format_share, format_short_date, format_time
from ui.colours import status_role

NO_STATUS = -1

Totals = tuple[str, str, bool, str]  # held so far, all planned, flagged, the tooltip
SessionHeader = tuple[str, str]  # the date, the tooltip
RowHeader = tuple[str, str, bool]  # the name (with a word for withdrawn or completed), the tooltip, inactive


def short_codes(labels: list[str]) -> list[str]:
    """The shortest prefix of each label that no other label shares, capitalised: the grid's cell text, in the
    language they are shown in (Present/Partially attended → Pr/Pa; Til stede/Fravær → T/Fr)."""
    folded = [label.casefold().replace(" ", "") or "?" for label in labels]
    shorts = []
    for word in folded:
        length = 1
        while length < len(word) and any(o != word and o.startswith(word[:length]) for o in folded):
            length += 1
        shorts.append(word[:length].capitalize())
    return shorts


@dataclass
class RegisterDisplay:
    """Everything the grid shows, as plain Python data (no Qt objects: built on a worker thread)."""

    status_ids: list[int]
    short: list[str]
    labels: list[str]
    colours: list[str]  # per status its colour role (``ui.colours.status_role``), resolved on the GUI thread
    cancelled: list[bool]
    grid: list[list[int]]  # per participant, per session: an index into ``status_ids``, or ``NO_STATUS``
    session_headers: list[SessionHeader]
    row_headers: list[RowHeader]
    totals: list[Totals]


def prepare(register: Register) -> RegisterDisplay:
    """Work out the grid's texts and colours for ``register`` (safe to call off the GUI thread)."""
    statuses = register.statuses
    status_ids = [status.id for status in statuses]
    index_of = {status_id: i for i, status_id in enumerate(status_ids)}
    cells = register.cells
    zone = ZoneInfo(register.timezone)
    session_ids = [session.id for session in register.sessions]
    labels = [shown_label(status.code, status.label) for status in statuses]  # defaults in the UI's language
    return RegisterDisplay(
        status_ids=status_ids,
        short=short_codes(labels),
        labels=labels,
        colours=[status_role(status.code, float(status.weight)) for status in statuses],
        cancelled=[session.cancelled for session in register.sessions],
        grid=[
            [index_of.get(cells.get((p.enrolment_id, sid)), NO_STATUS) for sid in session_ids]  # type: ignore[arg-type]
            for p in register.participants
        ],
        session_headers=[session_header(register, zone, i) for i in range(len(register.sessions))],
        row_headers=[row_header(p) for p in register.participants],
        totals=[row_totals(register, row) for row in range(len(register.participants))],
    )


def session_header(register: Register, zone: ZoneInfo, i: int) -> SessionHeader:
    session = register.sessions[i]
    start = session.starts_at.astimezone(zone)
    end = session.ends_at.astimezone(zone)
    tip = "\n".join(
        [
            session.title,
            f"{format_date(start.date(), 'full')}, {format_time(start.time())}–{format_time(end.time())}",
            session.state.label(),
        ]
    )
    return format_short_date(start.date()), tip


def row_header(participant: RegisterParticipant) -> RowHeader:
    """The name, with a word for someone no longer taking part (not only the grey of the text)."""
    status = EnrolmentStatus(participant.enrolment_status)
    tip = f"{participant.name}\n{status.label()}"
    if status is EnrolmentStatus.WITHDRAWN:
        return _("{name} (withdrawn)").format(name=participant.name), tip, True
    if status is EnrolmentStatus.COMPLETED:
        return _("{name} (completed)").format(name=participant.name), tip, True
    return participant.name, tip, False


def row_totals(register: Register, row: int) -> Totals:
    participant = register.participants[row]
    figures = register.summary(participant.enrolment_id)
    flagged = register.flagged(participant, figures)
    held = format_share(figures.share_so_far, "–")
    planned = format_share(figures.share_of_planned, "–")
    best = format_share(figures.best_possible, "–")
    minimum = format_share(figures.minimum)
    if flagged:
        tip = _("Cannot reach the minimum of {minimum}: at most {best} even attending every remaining session.")
    else:
        tip = _("At most {best} of all planned sessions is still possible (minimum {minimum}).")
    return held, planned, flagged, tip.format(minimum=minimum, best=best)
