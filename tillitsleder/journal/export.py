"""A participant's own journal and commitments exported to PDF, Markdown or JSON — by the author only.

The export is the one place journal text leaves the encrypted store, and only because its author asked: it needs
the author's unlocked participant profile (a coach's or coordinator's profile gets ``Forbidden``). The document
is built in memory and written straight to the chosen file (no temporary copy next to it). The PDF uses the
shared layout and the shipped fonts, so every Nordic and Sami letter prints. A damaged entry or commitment (one
that does not open) is exported as such — its date, no text — and the rest as usual.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from tillitsleder import clock
from tillitsleder.errors import StorageError, ValidationError
from tillitsleder.i18n import N_, _, format_date
from tillitsleder.journal import commitments as cm
from tillitsleder.journal import entries as journal
from tillitsleder.journal.entries import JournalEntryView
from tillitsleder.pdf.layout import build_document, data_table, para, para_markup, styles
from tillitsleder.profiles import UnlockedProfile
from tillitsleder.storage.database import Database
from tillitsleder.storage.private_files import write_private_bytes

FORMATS = ("pdf", "md", "json")


@dataclass(frozen=True)
class JournalExport:
    path: Path
    entries: int
    commitments: int


def export_journal(
    db: Database, me: UnlockedProfile, path: Path, fmt: str | None = None, *, today: date | None = None
) -> JournalExport:
    """Write my journal and commitments to ``path``; the format is ``fmt`` or the file's suffix."""
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    fmt = "md" if fmt == "markdown" else fmt
    if fmt not in FORMATS:
        raise ValidationError(N_("Export the journal as .pdf, .md or .json, not “{name}”."), name=path.name)
    entries = journal.list_entries(db, me)  # Forbidden unless ``me`` is an unlocked participant
    commitments = cm.list_commitments(db, me, me.person_id or 0)
    today = today or clock.today()
    if fmt == "json":
        data = json.dumps(as_json(me, entries, commitments, today), ensure_ascii=False, indent=2).encode("utf-8")
    elif fmt == "md":
        data = as_markdown(me, entries, commitments, today).encode("utf-8")
    else:
        buffer = io.BytesIO()
        render_pdf(buffer, me, entries, commitments, today)
        data = buffer.getvalue()
    try:
        write_private_bytes(path, data)
    except OSError as exc:
        raise StorageError(N_("Cannot write “{path}”: {reason}"), path=str(path), reason=exc.strerror) from exc
    return JournalExport(path, len(entries), len(commitments))


def as_json(me: UnlockedProfile, entries: list[JournalEntryView], commitments: list[cm.CommitmentView], today: date):
    return {
        "format": "tillitsleder-journal/1",
        "author": me.info.name,
        "exported_on": today.isoformat(),
        "entries": [
            {"id": e.id, "written_on": e.written_on.isoformat(), "damaged": True}
            if e.damaged
            else {
                "id": e.id,
                "written_on": e.written_on.isoformat(),
                "prompt_template": e.prompt_template.value,
                "sharing": e.sharing.value,
                "session": e.session_title,
                "module": e.module_title,
                "tags": list(e.tags),
                "text": e.text,
                "summary": e.summary or None,
            }
            for e in sorted(entries, key=lambda e: (e.written_on, e.id))
        ],
        "commitments": [
            {"made_on": c.made_on.isoformat(), "status": c.status.value, "damaged": True}
            if c.damaged
            else {
                "description": c.description,
                "made_on": c.made_on.isoformat(),
                "due_on": c.due_on.isoformat() if c.due_on else None,
                "status": c.status.value,
                "follow_up": c.follow_up,
            }
            for c in commitments
        ],
    }


def as_markdown(
    me: UnlockedProfile, entries: list[JournalEntryView], commitments: list[cm.CommitmentView], today: date
) -> str:
    lines = [
        f"# {_('Learning journal')} – {me.info.name}",
        "",
        _("Exported {date}").format(date=format_date(today)),
        "",
    ]
    for e in sorted(entries, key=lambda e: (e.written_on, e.id)):
        lines += [f"## {format_date(e.written_on, 'long')} · {e.prompt_template.label()}", ""]
        if e.damaged:
            lines += [f"*{damaged_note()}*", ""]
            continue
        lines += [f"*{' · '.join(_facts(e))}*", ""]
        lines += [e.text, ""]
        if e.summary:
            lines += [f"> **{_('Summary shared with my reflection group')}:** {e.summary}", ""]
    if commitments:
        lines += [f"## {_('Commitments')}", ""]
        for c in commitments:
            due = format_date(c.due_on) if c.due_on else "–"
            what = _("(damaged: could not be opened)") if c.damaged else c.description
            lines.append(f"- **{what}** ({c.status.label()}; {_('due {date}').format(date=due)})")
            if c.follow_up:
                lines.append(f"  {c.follow_up}")
        lines.append("")
    return "\n".join(lines)


def render_pdf(
    target, me: UnlockedProfile, entries: list[JournalEntryView], commitments: list[cm.CommitmentView], today: date
) -> None:
    s = styles()
    title = _("Learning journal")
    story: list[Flowable] = [para(f"{title} – {me.info.name}", s.title)]
    story.append(para(_("Exported {date}").format(date=format_date(today, "long")), s.small))
    story.append(Spacer(1, 4 * mm))
    for e in sorted(entries, key=lambda e: (e.written_on, e.id)):
        head: list[Flowable] = [para(f"{format_date(e.written_on, 'long')} · {e.prompt_template.label()}", s.heading)]
        if e.damaged:
            story.append(KeepTogether([*head, para(damaged_note(), s.small)]))
            continue
        head += [para(line, s.small) for line in _facts(e)] + [Spacer(1, 1.5 * mm)]
        paragraphs = [_block(block, s) for block in e.text.split("\n\n") if block.strip()]
        # Keep the heading with the first paragraph; long entries may break between paragraphs.
        story.append(KeepTogether(head + paragraphs[:1]))
        story += [item for p in paragraphs[1:] for item in (Spacer(1, 2 * mm), p)]
        if e.summary:
            story.append(Spacer(1, 2 * mm))
            story.append(para(f"{_('Summary shared with my reflection group')}: {e.summary}", s.small))
    if commitments:
        story.append(para(_("Commitments"), s.heading))
        header = [_("Commitment"), _("Made"), _("Due"), _("Status"), _("Follow-up")]
        rows = [
            [_("(damaged: could not be opened)") if c.damaged else c.description or "", format_date(c.made_on),
             format_date(c.due_on) if c.due_on else "–", c.status.label(), c.follow_up or ""]
            for c in commitments
        ]  # fmt: skip
        story.append(data_table(header, rows, [58 * mm, 20 * mm, 20 * mm, 20 * mm, 56 * mm], s=s))
    footer = _("Private: exported by {name} on {date}").format(name=me.info.name, date=format_date(today))
    build_document(target, story, title=f"{title} – {me.info.name}", header=f"{title} · {me.info.name}", footer=footer)


def damaged_note() -> str:
    return _("This entry is damaged and could not be opened. Restore it from a backup in the journal.")


def _block(block: str, s) -> Flowable:
    """A paragraph of the entry; a question on its first line (a prompt's heading) is set in bold."""
    first, _newline, rest = block.strip("\n").partition("\n")
    if rest and first.rstrip().endswith("?"):
        return para_markup(f"<b>{escape(first)}</b><br/>{escape(rest).replace(chr(10), '<br/>')}", s.body)
    return para(block.strip("\n"), s.body)


def _facts(e: JournalEntryView) -> list[str]:
    facts = []
    if e.session_title or e.module_title:
        facts.append(_("Linked to: {what}").format(what=e.session_title or e.module_title))
    if e.tags:
        facts.append(_("Tags: {tags}").format(tags=", ".join(e.tags)))
    facts.append(e.sharing.label())
    return facts
