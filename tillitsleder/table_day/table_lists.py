"""The printed table lists of a table day: one section per table (name, leader, members with their unit), then an
alphabetical "where do I sit" list for the entrance. Laid out with the shared page layout."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Spacer

from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.audit import record_read
from tillitsleder.enums import ReadKind
from tillitsleder.errors import StorageError
from tillitsleder.i18n import N_, _, document_language, format_date, format_number, ngettext
from tillitsleder.pdf.layout import build_document, data_table, para, styles
from tillitsleder.storage.database import Database
from tillitsleder.storage.private_files import restrict
from tillitsleder.table_day.plans import TableDayView


def _story(view: TableDayView) -> list:
    s = styles()
    story: list = [para(view.name, s.title)]
    people = ngettext("{n} person", "{n} people", view.people).format(n=format_number(view.people))
    tables = ngettext("{n} table", "{n} tables", len(view.tables)).format(n=format_number(len(view.tables)))
    when = format_date(view.held_on, "long") if view.held_on else ""
    story.append(para(" · ".join(part for part in (when, people, tables) if part), s.small))
    for table in view.tables:
        story.append(CondPageBreak(45 * mm))
        story.append(para(table.name, s.heading))
        leader = table.leader.name if table.leader else _("No table leader yet")
        unit = f" ({table.leader.unit})" if table.leader and table.leader.unit else ""
        story.append(para(_("Table leader: {name}").format(name=leader + unit), s.body))
        story.append(Spacer(1, 2 * mm))
        rows = [[str(i), m.name, m.unit] for i, m in enumerate(table.members, 1)]
        story.append(data_table(["#", _("Name"), _("Unit")], rows, [10 * mm, 75 * mm, 89 * mm], s=s))
    story.append(PageBreak())
    story.append(para(_("Where do I sit?"), s.title))
    rows = [
        [person.name, person.unit, table + (" · " + _("table leader") if leads else "")]
        for person, table, leads in view.where_do_i_sit()
    ]
    story.append(data_table([_("Name"), _("Unit"), _("Table")], rows, [58 * mm, 60 * mm, 56 * mm], s=s))
    return story


def export_table_lists(
    db: Database,
    view: TableDayView,
    target: str | Path | IO[bytes],
    *,
    actor: Actor = COORDINATOR,
    language: str | None = None,
) -> None:
    """``write_table_lists`` for a list of participants' names that leaves the app (a file, a printout): recorded
    in the read audit first, with everyone it names."""
    named = {seat.person_id for table in view.tables for seat in (*table.members, table.leader) if seat is not None}
    record_read(db, ReadKind.PARTICIPANT_LIST, "table_day", view.id, named, actor=actor)
    write_table_lists(view, target, language=language)


def write_table_lists(view: TableDayView, target: str | Path | IO[bytes], *, language: str | None = None) -> None:
    """Write the table lists in ``language`` (by default the app's); a file path is written through a temporary
    file so a failure leaves nothing."""
    with document_language(language):
        _write(view, target)


def _write(view: TableDayView, target: str | Path | IO[bytes]) -> None:
    title = _("Table lists: {name}").format(name=view.name)
    if not isinstance(target, (str, Path)):
        build_document(target, _story(view), title=title, header=title)
        return
    path = Path(target)
    temporary = path.with_name(path.name + ".part")
    try:
        build_document(str(temporary), _story(view), title=title, header=title)
        restrict(temporary)  # lists of named people: for the user's eyes only
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise StorageError(N_("Cannot write “{path}”: {reason}"), path=str(path), reason=exc.strerror) from exc
