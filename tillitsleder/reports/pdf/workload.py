"""The facilitator workload: hours per facilitator per month over the cohort's period, pool by pool.

Hours come from the roster's workload service (sessions, groups, leaders they support, meetings they stand in
for). Months are printed twelve to a table; a month above the facilitator's capacity is highlighted.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import IO

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, TableStyle

from tillitsleder.facilitators.workload import WorkloadView
from tillitsleder.i18n import _, format_date, format_month, format_number
from tillitsleder.pdf.layout import build_document, data_table, para, styles
from tillitsleder.reports.data import CohortHeader
from tillitsleder.reports.pdf.common import generated_footer, heading_block

MONTHS_PER_TABLE = 12
OVER_FILL = colors.HexColor("#f9e1df")


def render_workload(
    target: str | IO[bytes],
    cohort: CohortHeader,
    pools: list[tuple[str, WorkloadView]],
    first: date,
    last: date,
    today: date,
) -> None:
    s = styles()
    story: list[Flowable] = heading_block(_("Facilitator workload"), cohort, s)
    period = _("{start} – {end}").format(start=format_date(first, "long"), end=format_date(last, "long"))
    story.append(
        para(
            _(
                "Hours per facilitator and month, {period}, in all the programmes they work for. Highlighted: "
                "more than the facilitator's capacity."
            ).format(period=period),
            s.small,
        )
    )
    for name, view in pools:
        busy = [row for row in view.rows if any(view_hours > 0 for view_hours in row.hours)]
        story += [CondPageBreak(45 * mm), para(name, s.heading)]
        if not busy:
            story.append(para(_("No hours in this period."), s.small))
            continue
        for start in range(0, len(view.months), MONTHS_PER_TABLE):
            months = view.months[start : start + MONTHS_PER_TABLE]
            rows_here = [row for row in busy if any(row.hours[start : start + MONTHS_PER_TABLE])]
            if rows_here:
                story += [Spacer(1, 2 * mm), _table(months, start, rows_here, s)]
    header_text = _("Facilitator workload · {cohort}").format(cohort=cohort.name)
    build_document(target, story, title=header_text, header=header_text, footer=generated_footer(today), wide=True)


def _table(months, start: int, busy, s):
    right = ParagraphStyle("right", parent=s.cell, alignment=TA_RIGHT)
    right_bold = ParagraphStyle("right_bold", parent=s.cell_bold, alignment=TA_RIGHT)
    header = [_("Facilitator"), para(_("Capacity"), right_bold)]
    header += [
        para(f"{format_month(date(y, m, 1), abbreviated=True, with_year=False)}\n{y}", right_bold) for y, m in months
    ]
    header.append(para(_("Total"), right_bold))
    rows, style = [], []
    for r, row in enumerate(busy, start=1):
        hours = row.hours[start : start + MONTHS_PER_TABLE]
        cells = [row.name, para(_hours(row.capacity), right)]
        cells += [para(_hours(h) if h else "", right) for h in hours]
        cells.append(para(_hours(sum(hours, Decimal(0))), right_bold))
        rows.append(cells)
        style += [("BACKGROUND", (2 + i, r), (2 + i, r), OVER_FILL) for i, h in enumerate(hours) if h > row.capacity]
    totals = [sum((row.hours[start + i] for row in busy), Decimal(0)) for i in range(len(months))]
    rows.append(
        [para(_("All"), s.cell_bold), ""]
        + [para(_hours(t), right_bold) for t in totals]
        + [para(_hours(sum(totals, Decimal(0))), right_bold)]
    )
    widths = [50 * mm, 19 * mm] + [14.5 * mm] * len(months) + [18 * mm]
    table = data_table(header, rows, widths, s=s)
    table.setStyle(TableStyle(style))
    table.hAlign = "LEFT"
    return table


def _hours(value: Decimal) -> str:
    return format_number(value.quantize(Decimal("0.1")).normalize() if value else Decimal(0))
