"""What the register grid shows, worked out as plain data (strings, ints, colour names) off the GUI thread.

``prepare(register)`` runs in the worker that read the register: per row a list of status indexes, per status its
short code, label and colour name, per session its header text and tooltip, per row the name, tooltip and the
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

NO_STATUS = -1
# Soft colours a coordinator reads at a glance; statuses beyond these get one by weight.
STATUS_COLOURS = {
    "present": "#cfe8cf",
    "late": "#fbeeb0",
    "excused": "#d5e3f1",
    "absent": "#f6c8c2",
    "partial": "#fde0b8",
}

Totals = tuple[str, str, bool, str]  # held so far, all planned, flagged, the tooltip
SessionHeader = tuple[str, str]  # the date, the tooltip
RowHeader = tuple[str, str, bool]  # the name, the tooltip, inactive (withdrawn or completed)


def status_colour_name(code: str, weight: float) -> str:
    """A status's cell colour as ``#rrggbb``: its own soft colour, else from a soft red (0) to a soft green (1)."""
    if code in STATUS_COLOURS:
        return STATUS_COLOURS[code]
    return _hsv_name(int(5 + 115 * weight), 55, 245)


def _hsv_name(hue: int, saturation: int, value: int) -> str:
    """``QColor.fromHsv(hue, saturation, value).name()`` without Qt (hue in degrees, the rest 0–255)."""
    s, v = saturation / 255, value / 255
    c = v * s
    x = c * (1 - abs((hue / 60) % 2 - 1))
    m = v - c
    sector = (hue // 60) % 6
    r, g, b = [(c, x, 0), (x, c, 0), (0, c, x), (0, x, c), (x, 0, c), (c, 0, x)][sector]
    return "#" + "".join(f"{round((part + m) * 255):02x}" for part in (r, g, b))


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
    colours: list[str]
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
        colours=[status_colour_name(status.code, float(status.weight)) for status in statuses],
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
    status = EnrolmentStatus(participant.enrolment_status)
    inactive = status in (EnrolmentStatus.WITHDRAWN, EnrolmentStatus.COMPLETED)
    return participant.name, f"{participant.name}\n{status.label()}", inactive


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
