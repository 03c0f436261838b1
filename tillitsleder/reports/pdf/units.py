"""The summary for directors: per department and unit, how many take part, attendance so far and completion."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import IO

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, TableStyle

from tillitsleder.completion.evaluation import CompletionState
from tillitsleder.i18n import _, format_number, format_share
from tillitsleder.pdf.layout import HEADER_FILL, MUTED, build_document, data_table, para, styles
from tillitsleder.reports.data import CohortHeader, UnitLine
from tillitsleder.reports.pdf.common import generated_footer, heading_block

SUBTOTAL_FILL = HEADER_FILL


def render_units(target: str | IO[bytes], cohort: CohortHeader, lines: list[UnitLine], today: date) -> None:
    s = styles()
    story: list[Flowable] = heading_block(_("Summary by department and unit"), cohort, s)
    story.append(
        para(
            _(
                "Attendance is the weighted share of the sessions held so far, averaged over those still taking "
                "part. Completion counts each participant once, by their state today."
            ),
            s.small,
        )
    )
    story.append(Spacer(1, 3 * mm))
    small = ParagraphStyle("head", parent=s.cell_bold, fontSize=7, leading=8.5)
    small_right = ParagraphStyle("head_right", parent=small, alignment=TA_RIGHT)
    header = [para(_("Department / unit"), small)]
    header += [para(text, small_right) for text in (_("Enrolled"), _("Withdrawn"), _("Attendance"))]
    header += [para(state.label(), small_right) for state in CompletionState]
    rows, style = [], []
    departments: dict[str, list[UnitLine]] = {}
    for line in lines:
        departments.setdefault(line.department, []).append(line)
    for department, units in departments.items():
        style.append(("BACKGROUND", (0, len(rows) + 1), (-1, len(rows) + 1), SUBTOTAL_FILL))
        rows.append(_row(department or _("No department"), units, bold=True, s=s))
        for unit in units:
            style.append(("LEFTPADDING", (0, len(rows) + 1), (0, len(rows) + 1), 14))
            rows.append(_row(unit.unit or _("No unit"), [unit], s=s))
    style.append(("BACKGROUND", (0, len(rows) + 1), (-1, len(rows) + 1), SUBTOTAL_FILL))
    style.append(("LINEABOVE", (0, len(rows) + 1), (-1, len(rows) + 1), 0.8, MUTED))
    rows.append(_row(_("All"), lines, bold=True, s=s))
    widths = [50 * mm, 15 * mm, 18 * mm, 19 * mm] + [18 * mm] * len(CompletionState)
    table = data_table(header, rows, widths, s=s)
    table.setStyle(
        TableStyle(
            [
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("LEFTPADDING", (1, 0), (-1, 0), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (1, 0), (-1, 0), 3),
                *style,
            ]
        )
    )
    story.append(table)
    header_text = _("Summary by department and unit · {cohort}").format(cohort=cohort.name)
    build_document(target, story, title=header_text, header=header_text, footer=generated_footer(today))


def _row(label: str, units: list[UnitLine], *, s, bold: bool = False) -> list:
    enrolled = sum(u.enrolled for u in units)
    withdrawn = sum(u.withdrawn for u in units)
    # Weighted by the number of participants behind each unit's mean.
    weighted = [(u.attendance, u.enrolled - u.withdrawn) for u in units if u.attendance is not None]
    people = sum(n for _share, n in weighted)
    share = sum((a * n for a, n in weighted), Fraction(0)) / people if people else None
    cells = [label, format_number(enrolled), format_number(withdrawn), format_share(share, "–")]
    cells += [format_number(sum(u.states[state] for u in units)) for state in CompletionState]
    style = s.cell_bold if bold else s.cell
    right = ParagraphStyle("right", parent=style, alignment=TA_RIGHT)
    return [para(cells[0], style)] + [para(value, right) for value in cells[1:]]
