"""The cohort overview: participants × sessions with a symbol per recorded status, attendance and completion state.

Landscape. Rows split across pages with the header repeated; when there are more sessions than fit across the
page, the matrix is printed in column blocks, each repeating the participants' names. A key lists the sessions.
"""

from __future__ import annotations

from datetime import date
from typing import IO
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer, Table, TableStyle

from tillitsleder.attendance.register import Register
from tillitsleder.completion.evaluation import CompletionState, ParticipantCompletion
from tillitsleder.i18n import _, format_date, format_number, format_share, format_short_date, ngettext
from tillitsleder.model.enums import EnrolmentStatus
from tillitsleder.pdf.fonts import SANS
from tillitsleder.pdf.layout import HEADER_FILL, INK, RULE, build_document, data_table, para, para_markup, styles
from tillitsleder.reports.data import CohortHeader, SessionLine
from tillitsleder.reports.pdf.common import (
    CANCELLED_FILL,
    STATE_COLOURS,
    STATE_FILLS,
    generated_footer,
    heading_block,
    legend,
    status_fill,
    status_symbols,
)

WIDTH = 261 * mm  # A4 landscape between the margins
NAME_WIDTH, SHARE_WIDTH, STATE_WIDTH, SESSION_WIDTH = 44 * mm, 21 * mm, 31 * mm, 7.1 * mm
CELL_SIZE = 8.5  # the layout's table cell size
PER_BLOCK = int((WIDTH - NAME_WIDTH - SHARE_WIDTH - STATE_WIDTH) // SESSION_WIDTH)


def render_cohort(
    target: str | IO[bytes],
    cohort: CohortHeader,
    register: Register,
    sessions: list[SessionLine],
    completions: list[ParticipantCompletion],
    today: date,
) -> None:
    s = styles()
    story: list[Flowable] = heading_block(_("Cohort overview"), cohort, s)
    story.append(_totals(completions, s))
    story.append(Spacer(1, 3 * mm))
    symbols = status_symbols(register.statuses)
    weights = {status.id: status.weight for status in register.statuses}
    by_enrolment = {c.enrolment_id: c for c in completions}
    participants = [p for p in register.participants if p.enrolment_id in by_enrolment]
    blocks = [sessions[i : i + PER_BLOCK] for i in range(0, len(sessions), PER_BLOCK)] or [[]]
    for number, block in enumerate(blocks):
        if number:
            story.append(PageBreak())
        story.append(_matrix(block, register, participants, by_enrolment, symbols, weights, s))
    story += [Spacer(1, 2 * mm), legend(register.statuses, symbols, s)]
    story += [CondPageBreak(40 * mm), para(_("Sessions"), s.heading), _key(sessions, s)]
    header = _("Cohort overview · {cohort}").format(cohort=cohort.name)
    build_document(
        target,
        story,
        title=header,
        header=header,
        footer=generated_footer(today),
        wide=True,
    )


def _totals(completions: list[ParticipantCompletion], s):
    parts = [
        ngettext("{n} participant", "{n} participants", len(completions)).format(n=format_number(len(completions)))
    ]
    for state in CompletionState:
        count = sum(c.state is state for c in completions)
        parts.append(f"{state.label()}: {format_number(count)}")
    return para(" · ".join(parts), s.body)


def _matrix(block, register: Register, participants, by_enrolment, symbols, weights, s):
    """Plain-string cells (drawn as text, never parsed as markup) keep hundreds of rows fast; names that would not
    fit on one line become paragraphs so they wrap."""
    head = ParagraphStyle("centred_head", parent=s.cell, alignment=TA_CENTER, fontSize=6, leading=7.5)
    header: list = [para(_("Participant"), s.cell_bold)]
    header += [para_markup(f"<b>{line.number}</b><br/>{escape(format_short_date(line.day))}", head) for line in block]
    header += [para(_("Attended"), s.cell_bold), para(_("Completion"), s.cell_bold)]
    rows, style = [header], []
    columns = {line.number: 1 + i for i, line in enumerate(block)}
    fits = NAME_WIDTH - 12
    for r, participant in enumerate(participants, start=1):
        completion = by_enrolment[participant.enrolment_id]
        name = completion.name
        row: list = [name if stringWidth(name, SANS, CELL_SIZE) <= fits else para(name, s.cell)]
        for line in block:
            status_id = register.cell(participant.enrolment_id, register.sessions[line.number - 1].id)
            column = columns[line.number]
            if line.cancelled or (status_id is None and _left_before(completion, line.day)):
                row.append("")
            elif status_id is None:
                row.append("–" if line.held else "")
                if line.held:
                    style.append(("BACKGROUND", (column, r), (column, r), status_fill(0)))
            else:
                row.append(symbols.get(status_id, "?"))
                fill = status_fill(weights.get(status_id))
                if fill is not None:
                    style.append(("BACKGROUND", (column, r), (column, r), fill))
        row += [format_share(completion.attendance_so_far, "–"), completion.state.label()]
        style.append(("BACKGROUND", (-1, r), (-1, r), STATE_FILLS[completion.state]))
        style.append(("TEXTCOLOR", (-1, r), (-1, r), STATE_COLOURS[completion.state]))
        rows.append(row)
    for line in block:
        if line.cancelled:
            style.append(("BACKGROUND", (columns[line.number], 1), (columns[line.number], -1), CANCELLED_FILL))
    widths = [NAME_WIDTH] + [SESSION_WIDTH] * len(block) + [SHARE_WIDTH, STATE_WIDTH]
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    last_session = len(block)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                ("FONTSIZE", (1, 1), (last_session, -1), 7.5),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("ALIGN", (1, 0), (last_session, -1), "CENTER"),
                ("LEFTPADDING", (1, 0), (last_session, -1), 1),
                ("RIGHTPADDING", (1, 0), (last_session, -1), 1),
                ("LEFTPADDING", (-1, 0), (-1, -1), 4),
                ("RIGHTPADDING", (-1, 0), (-1, -1), 2),
                *style,
            ]
        )
    )
    return table


def _left_before(completion: ParticipantCompletion, day: date) -> bool:
    """Withdrawn before the session: the cell stays empty, not counted as absent."""
    return completion.enrolment_status == EnrolmentStatus.WITHDRAWN.value and completion.status_since <= day


def _key(sessions: list[SessionLine], s):
    rows = []
    for line in sessions:
        if line.cancelled:
            note = _("cancelled")
        elif line.to_be_registered:
            note = _("to be registered")
        else:
            note = "" if line.held else _("to come")
        rows.append([str(line.number), format_date(line.day, "medium"), line.title, line.module, note])
    widths = [10 * mm, 28 * mm, 110 * mm, 85 * mm, 28 * mm]
    table = data_table(["#", _("Date"), _("Session"), _("Module"), ""], rows, widths, s=s)
    table.hAlign = "LEFT"
    return table
