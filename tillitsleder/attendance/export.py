"""Export a cohort's attendance register to ``.xlsx`` or to CSV as Norwegian Excel opens it.

Both formats hold the same table: a header row (participant, enrolment status, one column per session with its
date and title, then the totals), one row per participant with the status labels in the cells. The two shares
(``attendance.rules``) are the figures ``format_share`` shows, rounded down to 0.1 %: in ``.xlsx`` a number
cell holding that rounded-down fraction with the format ``0.0%``; in CSV that percentage as a number in the
language's format (``79,9`` in nb; the column heading says "%"). CSV is UTF-8 with a BOM and semicolons.
In CSV, text that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) gets a leading apostrophe, so a name like ``=HYPERLINK(…)`` stays text. In ``.xlsx`` every text
is written as a string cell, which is never a formula, so names are written exactly as they are.
The file is written next to its target and moved into place at the end: a failed export leaves nothing.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.attendance.register import Register, load_register
from tillitsleder.audit import record_read
from tillitsleder.errors import Cancelled, ValidationError
from tillitsleder.i18n import N_, _, floor_share, format_date, format_number
from tillitsleder.model import Enrolment
from tillitsleder.model.enums import EnrolmentStatus, ReadKind
from tillitsleder.storage.database import Database

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = (".xlsx", ".csv")
TOTAL_COLUMNS = 3


def neutralise(text: str) -> str:
    """``text`` made safe for a spreadsheet cell: a leading apostrophe if it could start a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@dataclass(frozen=True)
class RegisterTable:
    """The register as a table: text cells as they are (CSV neutralises them) and the shares as fractions rounded
    down to 0.1 %."""

    header: list[str]
    rows: list[list[str | Decimal | None]]
    session_columns: int


def session_heading(register: Register, index: int) -> str:
    session = register.sessions[index]
    day = format_date(session.starts_at.astimezone(ZoneInfo(register.timezone)).date())
    heading = f"{day} {session.title}"
    return heading + " " + _("(cancelled)") if session.cancelled else heading


def register_table(register: Register) -> RegisterTable:
    labels = {status.id: status.label for status in register.statuses}
    header = [_("Participant"), _("Enrolment status")]
    header += [session_heading(register, i) for i in range(len(register.sessions))]
    header += [_("Attended so far (%)"), _("Attended of all planned (%)"), _("Cannot reach the minimum")]
    rows: list[list[str | Decimal | None]] = []
    for participant in register.participants:
        figures = register.summary(participant.enrolment_id)
        row: list[str | Decimal | None] = [participant.name, EnrolmentStatus(participant.enrolment_status).label()]
        row += [labels.get(register.cell(participant.enrolment_id, s.id), "") for s in register.sessions]
        row += [
            _shown(figures.share_so_far),
            _shown(figures.share_of_planned),
            _("Yes") if register.flagged(participant, figures) else "",
        ]
        rows.append(row)
    return RegisterTable(header, rows, len(register.sessions))


def _shown(share) -> Decimal | None:
    return floor_share(share) if share is not None else None


def export_format(path: Path) -> str:
    """``.xlsx`` or ``.csv`` from the file name; anything else is refused with a clear message."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError(
            N_("Cannot export to “{name}”: the file name must end in .xlsx or .csv."),
            field="path",
            name=Path(path).name,
        )
    return suffix


def export_register(
    db: Database,
    cohort_id: int,
    path: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    actor: Actor = COORDINATOR,
) -> Register:
    """Write the register of ``cohort_id`` to ``path`` (format from the suffix); returns what was written.
    The export is recorded in the read audit (who, and the participants it names) before the file is written."""
    suffix = export_format(path)
    register = load_register(db, cohort_id)
    table = register_table(register)
    enrolments = [participant.enrolment_id for participant in register.participants]
    with db.read() as s:
        people = list(s.scalars(select(Enrolment.person_id).where(Enrolment.id.in_(enrolments))))
    record_read(db, ReadKind.ATTENDANCE_EXPORT, "cohort", cohort_id, people, actor=actor)
    writer = write_xlsx if suffix == ".xlsx" else write_csv
    _write_atomically(Path(path), lambda target: writer(table, target, progress=progress, cancelled=cancelled))
    return register


def _write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    handle, temporary = tempfile.mkstemp(prefix=".export-", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    try:
        write(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _report(index: int, total: int, progress, cancelled) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled(N_("The export was cancelled; no file was written."))
    if progress is not None:
        progress(index, total)


def write_csv(table: RegisterTable, path: Path, *, progress=None, cancelled=None) -> None:
    """UTF-8 with BOM, semicolons, the shares as percentages (rounded down) with the language's decimal comma."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_MINIMAL)
        writer.writerow([neutralise(heading) for heading in table.header])
        for index, row in enumerate(table.rows):
            _report(index, len(table.rows), progress, cancelled)
            writer.writerow([_csv_value(value) for value in row])
    _report(len(table.rows), len(table.rows), progress, None)


def _csv_value(value: str | Decimal | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_number(value * 100)  # already rounded down to 0.1 %
    return neutralise(value)


def write_xlsx(table: RegisterTable, path: Path, *, progress=None, cancelled=None) -> None:
    """One sheet: bold wrapped header, frozen names and header, percentages as numbers formatted as %. Text goes
    into string cells as it is (no apostrophe: a string cell is never a formula)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = _("Attendance")[:31]
    sheet.append(table.header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    first_total = 3 + table.session_columns
    for index, row in enumerate(table.rows):
        _report(index, len(table.rows), progress, cancelled)
        sheet.append([float(value) if isinstance(value, Decimal) else value for value in row])
        for offset in (0, 1):
            sheet.cell(row=index + 2, column=first_total + offset).number_format = "0.0%"
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, even if a spreadsheet would parse it as one
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 14
    for column in range(3, first_total):
        sheet.column_dimensions[get_column_letter(column)].width = 14
    for column in range(first_total, first_total + TOTAL_COLUMNS):
        sheet.column_dimensions[get_column_letter(column)].width = 16
    sheet.row_dimensions[1].height = 45
    sheet.freeze_panes = "C2"
    book.save(path)
    _report(len(table.rows), len(table.rows), progress, None)
