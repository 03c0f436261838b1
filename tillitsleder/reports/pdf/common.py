"""What the progress reports share: the heading block, completion-state colours, status symbols and small tables."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from tillitsleder.attendance.register import StatusInfo
from tillitsleder.completion.evaluation import CompletionState
from tillitsleder.i18n import _, format_date
from tillitsleder.pdf.layout import Styles, para, para_markup
from tillitsleder.reports.data import CohortHeader

STATE_COLOURS = {
    CompletionState.COMPLETED: colors.HexColor("#1f7a44"),
    CompletionState.ON_TRACK: colors.HexColor("#2a5d9f"),
    CompletionState.AT_RISK: colors.HexColor("#a86400"),
    CompletionState.CANNOT_COMPLETE: colors.HexColor("#b3261e"),
}
STATE_FILLS = {
    CompletionState.COMPLETED: colors.HexColor("#e3f2e8"),
    CompletionState.ON_TRACK: colors.HexColor("#e6eef8"),
    CompletionState.AT_RISK: colors.HexColor("#fcf0dc"),
    CompletionState.CANNOT_COMPLETE: colors.HexColor("#f9e1df"),
}
ABSENT_FILL = colors.HexColor("#f9e1df")
PARTIAL_FILL = colors.HexColor("#fcf0dc")
CANCELLED_FILL = colors.HexColor("#eceff1")
PRESENT = "●"


def state_text(state: CompletionState, s: Styles, *, bold: bool = True) -> Paragraph:
    colour = STATE_COLOURS[state].hexval()[2:]
    label = escape(state.label())
    return para_markup(f'<font color="#{colour}">{"<b>" if bold else ""}{label}{"</b>" if bold else ""}</font>', s.cell)


def heading_block(title: str, cohort: CohortHeader, s: Styles, *, subtitle: str = "") -> list[Flowable]:
    """The report's title, what it is about and when it was made."""
    period = format_date(cohort.start, "long")
    if cohort.end is not None:
        period = _("{start} – {end}").format(start=period, end=format_date(cohort.end, "long"))
    lines = [
        (_("Programme"), cohort.programme),
        (_("Cohort"), f"{cohort.name} ({period})"),
        (_("Organisation"), cohort.municipality),
    ]
    story: list[Flowable] = [para(title, s.title)]
    if subtitle:
        story.append(para(subtitle, s.heading))
    story.append(facts_table(lines, s))
    story.append(Spacer(1, 4 * mm))
    return story


def facts_table(lines: Sequence[tuple[str, str | Flowable]], s: Styles, label_width: float = 38 * mm) -> Table:
    """Label–value pairs without rules, labels muted."""
    rows = [[para(label, s.small), para(value, s.body) if isinstance(value, str) else value] for label, value in lines]
    table = Table(rows, colWidths=[label_width, None], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("TOPPADDING", (0, 0), (0, -1), 3),
            ]
        )
    )
    return table


def status_symbols(statuses: Sequence[StatusInfo]) -> dict[int, str]:
    """A short, unique symbol per status: ● for the first full-weight status, else the label's first letters."""
    symbols: dict[int, str] = {}
    taken: set[str] = set()
    for status in statuses:
        if status.weight == 1 and PRESENT not in taken:
            symbol = PRESENT
        else:
            letters = [ch for ch in status.label if ch.isalnum()] or list(status.code)
            symbol = letters[0].upper()
            for extra in letters[1:]:
                if symbol not in taken:
                    break
                symbol = symbol[0] + extra.lower()
            n = 2
            while symbol in taken:
                symbol, n = f"{letters[0].upper()}{n}", n + 1
        taken.add(symbol)
        symbols[status.id] = symbol
    return symbols


def status_fill(weight: Decimal | None) -> colors.Color | None:
    if weight is None:
        return None
    if weight == 0:
        return ABSENT_FILL
    return PARTIAL_FILL if weight < 1 else None


def legend(statuses: Sequence[StatusInfo], symbols: dict[int, str], s: Styles) -> Paragraph:
    parts = [f"<b>{escape(symbols[status.id])}</b> {escape(status.label)}" for status in statuses]
    parts.append(escape(_("– not recorded")))
    parts.append(escape(_("grey: cancelled")))
    return para_markup("   ".join(parts), s.small)


def generated_footer(today: date) -> str:
    return _("Made with Tillitsleder on {date}").format(date=format_date(today, "long"))
