"""A participant's progress report: completion state and reasons, attendance per session, modules, commitments.

Never journal content; the journal-entry count only where the participant allows it to be counted.
"""

from __future__ import annotations

from datetime import date
from typing import IO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, TableStyle

from tillitsleder.i18n import _, format_date, format_number, format_share
from tillitsleder.model.enums import EnrolmentStatus
from tillitsleder.pdf.layout import build_document, data_table, para, styles
from tillitsleder.reports.data import ParticipantReport
from tillitsleder.reports.pdf.common import (
    STATE_FILLS,
    facts_table,
    generated_footer,
    heading_block,
    state_text,
    status_fill,
)

WIDTH = 174 * mm  # A4 portrait between the margins


def render_participant(target: str | IO[bytes], report: ParticipantReport, today: date) -> None:
    s = styles()
    c = report.completion
    title = _("Progress report")
    story: list[Flowable] = heading_block(title, report.cohort, s, subtitle=c.name)
    where = ", ".join(part for part in (report.position, c.unit, c.department) if part)
    lines: list[tuple[str, str | Flowable]] = [
        (_("Position and unit"), where or "–"),
        (_("Enrolled"), format_date(report.enrolled_on, "long")),
        (_("Status"), state_text(c.state, s)),
    ]
    story.append(facts_table(lines, s))
    story.append(Spacer(1, 2 * mm))
    story += _summary(report, s)
    story += _sessions(report, s)
    story += _modules(report, s)
    story += _commitments(report, s)
    header = _("Progress report · {name} · {cohort}").format(name=c.name, cohort=report.cohort.name)
    build_document(target, story, title=f"{title} – {c.name}", header=header, footer=generated_footer(today))


def _summary(report: ParticipantReport, s) -> list[Flowable]:
    c, rules = report.completion, report.rules
    rows = [
        [_("Attendance, sessions held so far"), format_share(c.attendance_so_far, "–")],
        [_("Attendance, all planned sessions"), format_share(c.attendance, "–")],
        [_("Minimum attendance"), format_share(rules.min_attendance)],
    ]
    if rules.min_journal_entries:
        count = format_number(c.journal_entries) if c.journal_entries is not None else _("not shared")
        rows.append([_("Journal entries (count only)"), f"{count} / {format_number(rules.min_journal_entries)}"])
    if c.signed_off_at is not None:
        signed = format_date(c.signed_off_at.date(), "long")
        if c.signed_off_by:
            signed = _("{date} by {name}").format(date=signed, name=c.signed_off_by)
        rows.append([_("Signed off"), signed])
    elif rules.requires_sign_off:
        rows.append([_("Signed off"), _("not yet")])
    table = data_table([_("Completion"), ""], rows, [WIDTH * 0.6, WIDTH * 0.4], s=s)
    story: list[Flowable] = [Spacer(1, 2 * mm), table]
    if c.reasons:
        reasons = [para("• " + reason, s.body) for reason in c.reasons]
        box = data_table([_("Why")], [[r] for r in reasons], [WIDTH], s=s)
        box.setStyle(TableStyle([("BACKGROUND", (0, 1), (-1, -1), STATE_FILLS[c.state])]))
        story += [Spacer(1, 3 * mm), KeepTogether([box])]
    return story


def _sessions(report: ParticipantReport, s) -> list[Flowable]:
    rows, fills = [], []
    c = report.completion
    for index, line in enumerate(report.sessions, start=1):
        left = c.enrolment_status == EnrolmentStatus.WITHDRAWN.value and c.status_since and c.status_since <= line.day
        if line.cancelled:
            status = _("Cancelled")
        elif left and not line.status:
            status = _("Withdrawn")
        elif line.to_be_registered:
            status = _("To be registered")
        elif not line.held:
            status = _("To come")
        else:
            status = line.status or "–"
        rows.append([str(line.number), format_date(line.day, "medium"), line.title, line.module, status])
        fill = (
            None
            if line.cancelled or not line.held or (left and not line.status)
            else status_fill(line.weight if line.status else 0)
        )
        if fill is not None:
            fills.append(("BACKGROUND", (4, index), (4, index), fill))
    header = ["#", _("Date"), _("Session"), _("Module"), _("Attendance")]
    widths = [10 * mm, 27 * mm, 62 * mm, 45 * mm, 30 * mm]
    table = data_table(header, rows, widths, s=s)
    table.setStyle(TableStyle(fills))
    return [para(_("Attendance per session"), s.heading), table]


def _modules(report: ParticipantReport, s) -> list[Flowable]:
    rows = []
    for m in report.modules:
        attended = f"{format_number(m.attended)} / {format_number(m.sessions)}" if m.sessions else "–"
        required = _("Required") if m.required else _("Optional")
        rows.append([m.title, format_number(m.hours), required, attended])
    header = [_("Module"), _("Hours"), _("Rule"), _("Sessions attended")]
    table = data_table(header, rows, [90 * mm, 18 * mm, 30 * mm, 36 * mm], s=s)
    return [para(_("Modules"), s.heading), table]


def _commitments(report: ParticipantReport, s) -> list[Flowable]:
    story: list[Flowable] = [para(_("Commitments from the development conversation"), s.heading)]
    if not report.commitments:
        return story + [para(_("No commitments recorded."), s.small)]
    own = any(line.description is not None for line in report.commitments)
    rows = []
    for line in report.commitments:
        row = [format_date(line.made_on, "medium"), format_date(line.due_on, "medium") or "–", line.status.label()]
        rows.append(row + ([line.description or ""] if own else []))
    header = [_("Made"), _("Due"), _("Status")] + ([_("Commitment")] if own else [])
    widths = [28 * mm, 28 * mm, 26 * mm] + ([92 * mm] if own else [])
    table = data_table(header, rows, widths, s=s)
    table.hAlign = "LEFT"
    story.append(table)
    if not own:
        story.append(
            _paragraph_after(_("Only the status of commitments is shown; their wording is the participant's."), s)
        )
    return story


def _paragraph_after(text: str, s) -> Paragraph:
    p = para(text, s.small)
    p.spaceBefore = 2 * mm  # type: ignore[attr-defined]
    return p
