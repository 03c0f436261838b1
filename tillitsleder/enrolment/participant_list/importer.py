"""Import participants into a cohort from a participant list (see ``table_files`` for reading the file).

Steps: ``guess_mapping`` recognises Norwegian, Swedish and English headers (case, spaces and punctuation do not
matter); the coordinator confirms or completes the mapping; ``preview_import`` checks every row; then
``import_participants`` writes everything in one transaction, or nothing.

Semantics of a row:
- A row whose e-mail address or employee number belongs to a person already in the database is that person:
  the preview says so ("will enrol the existing person …", a notice, not a problem) and the import enrols
  them without changing their person record. It is a *problem* if the e-mail address and the employee number
  point to different people, if the file gives another employee number than the one on record, if neither
  the first nor the last name matches the person on record, or if that person is already in the cohort.
- Problems: missing first or last name, invalid e-mail address, ambiguous unit (matched by name, ignoring case,
  among the units of the municipality that runs the programme; a department column narrows the search), the
  same e-mail address or employee number as an earlier row, text too long for its field.
- A unit the municipality has not registered is a problem until the caller chooses, per name, to create it,
  map it to a registered unit or leave it empty (``units``: ``unit_key`` → ``UnitChoice``, see
  ``unit_choices``). The import creates those units in its own transaction and remembers the names as aliases,
  so the next list that uses them is matched without asking; ``ImportPreview.unknown_units`` lists the names.
- ``import_participants`` refuses if any row it would import has a problem. Rows are left out only when the
  caller names them in ``exclude`` (the GUI's explicit "leave out rows with problems"; the CLI never does).
- The enrolment's unit and position are those in the file; where the file has none for an existing person,
  their current ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import insert
from sqlalchemy.orm import Session

from tillitsleder import clock
from tillitsleder.audit import audit
from tillitsleder.enrolment.cohorts import insert_enrolments
from tillitsleder.enrolment.participant_list.checks import (
    Issue,
    Known,
    PreviewRow,
    check_row,
    load_known,
    row_from_values,
)
from tillitsleder.enrolment.participant_list.columns import FIELDS, check_mapping, fold, guess_mapping
from tillitsleder.enrolment.participant_list.files import CancelFlag, Progress, RawTable
from tillitsleder.enrolment.participant_list.unit_choices import UnitChoice, UnknownUnit
from tillitsleder.enrolment.participant_list.unknown_units import check_choices, unknown_units, write_choices
from tillitsleder.errors import Cancelled, NotFound, ValidationError
from tillitsleder.i18n import N_, format_number
from tillitsleder.model import Cohort, Person
from tillitsleder.storage.backups import backup_before
from tillitsleder.storage.database import Database

CHUNK = 500
__all__ = ["FIELDS", "ImportPreview", "ImportResult", "Issue", "PreviewRow", "check_mapping", "fold", "guess_mapping"]
__all__ += ["UnitChoice", "UnknownUnit", "import_participants", "preview_import"]
UnitChoices = Mapping[str, UnitChoice]


@dataclass
class ImportPreview:
    cohort_id: int
    headers: list[str]
    rows: list[PreviewRow]
    unknown_units: list[UnknownUnit] = field(default_factory=list)
    units: list[tuple[int, str]] = field(default_factory=list)  # registered units: (id, "Name (Department)")
    departments: list[tuple[int, str]] = field(default_factory=list)  # registered departments: (id, name)
    municipality: str = ""

    @property
    def problem_rows(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.problems]

    @property
    def existing(self) -> int:
        return sum(1 for row in self.rows if row.ok and row.person_id is not None)

    @property
    def new(self) -> int:
        return sum(1 for row in self.rows if row.ok and row.person_id is None)


@dataclass(frozen=True)
class ImportResult:
    enrolled: int
    persons_created: int
    existing_persons: int
    left_out: int
    units_created: int = 0
    units_mapped: int = 0


# --- Checking rows ------------------------------------------------------------------------------------------


def _check_all(
    session: Session,
    cohort_id: int,
    table: RawTable,
    mapping: Mapping[int, str],
    progress: Progress,
    cancelled: CancelFlag,
    total: int,
    units: UnitChoices,
) -> tuple[list[PreviewRow], Known]:
    check_mapping(mapping, len(table.headers))
    known = load_known(session, cohort_id)
    check_choices(units, known)
    seen: dict[str, int] = {}
    rows = []
    for done, (line, values) in enumerate(table.rows, start=1):
        row, columns = row_from_values(line, values, mapping)
        check_row(row, columns, known, seen, units)
        rows.append(row)
        if done % 250 == 0:
            _tick(progress, cancelled, done, total)
    return rows, known


def _tick(progress: Progress, cancelled: CancelFlag, done: int, total: int) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled(N_("The import was cancelled; nothing was imported."))
    if progress is not None:
        progress(done, total)


def preview_import(
    db: Database,
    cohort_id: int,
    table: RawTable,
    mapping: Mapping[int, str] | None = None,
    *,
    units: UnitChoices | None = None,
    progress: Progress = None,
    cancelled: CancelFlag = None,
) -> ImportPreview:
    """Every row of ``table`` with its problems and notices, and the unit names still unknown; writes nothing."""
    mapping = guess_mapping(table.headers) if mapping is None else mapping
    with db.read() as session:
        if session.get(Cohort, cohort_id) is None:
            raise NotFound(N_("The cohort no longer exists."))
        rows, known = _check_all(session, cohort_id, table, mapping, progress, cancelled, len(table.rows), units or {})
    _tick(progress, cancelled, len(table.rows), len(table.rows))
    return ImportPreview(
        cohort_id,
        list(table.headers),
        rows,
        unknown_units(rows, known),
        [(unit_id, known.unit_label(unit_id)) for unit_id in known.unit_names],
        sorted(known.departments.values(), key=lambda department: department[1]),
        known.municipality,
    )


# --- Writing ------------------------------------------------------------------------------------------------


def _insert_persons(session: Session, rows: list[PreviewRow]) -> list[int]:
    values = [
        {
            "first_name": row.first_name,
            "last_name": row.last_name,
            "email": row.email or None,
            "employee_number": row.employee_number or None,
            "unit_id": row.unit_id,
            "position": row.position or None,
        }
        for row in rows
    ]
    if not values:
        return []
    statement = insert(Person).returning(Person.id, sort_by_parameter_order=True)
    return list(session.execute(statement, values).scalars())


def _insert_enrolments(session: Session, cohort_id: int, rows: list[PreviewRow], on: date) -> None:
    new = [(int(r.person_id), r.unit_id, r.position or None) for r in rows]  # type: ignore[arg-type]
    insert_enrolments(session, cohort_id, new, on)


def import_participants(
    db: Database,
    cohort_id: int,
    table: RawTable,
    mapping: Mapping[int, str] | None = None,
    *,
    units: UnitChoices | None = None,
    exclude: Iterable[int] = (),
    enrolled_on: date | None = None,
    progress: Progress = None,
    cancelled: CancelFlag = None,
) -> ImportResult:
    """Check again and write every row not in ``exclude`` (row numbers), all in one transaction.

    Refuses (``ValidationError``) if any row to import has a problem; ``Cancelled`` leaves nothing written.
    Units chosen to be created (``units``) are created in the same transaction.
    """
    mapping = guess_mapping(table.headers) if mapping is None else mapping
    left_out = set(exclude)
    on = enrolled_on or clock.today()
    kept = RawTable(table.name, table.headers, [(line, values) for line, values in table.rows if line not in left_out])
    estimate = 3 * len(kept.rows) + 1
    backup_before(db, "import")
    with db.session() as session:
        if session.get(Cohort, cohort_id) is None:
            raise NotFound(N_("The cohort no longer exists."))
        chosen, known = _check_all(session, cohort_id, kept, mapping, progress, cancelled, estimate, units or {})
        bad = [row for row in chosen if row.problems]
        if bad and all(issue.code == "unknown_unit" for row in bad for issue in row.problems):
            raise ValidationError(
                N_("Units not registered: {count}; nothing was imported. Create them, map them or leave them empty."),
                count=format_number(len(unknown_units(bad, known))),
            )
        if bad:
            raise ValidationError(
                N_("Rows with problems: {count}; nothing was imported. Correct them or leave them out."),
                count=format_number(len(bad)),
            )
        if not chosen:
            raise ValidationError(N_("There are no rows to import."))
        created, mapped = write_choices(session, known, units or {}, chosen)
        new_people = [row for row in chosen if row.person_id is None]
        done, total = len(chosen), 2 * len(chosen) + len(new_people) + 1
        for start in range(0, len(new_people), CHUNK):
            chunk = new_people[start : start + CHUNK]
            for row, person_id in zip(chunk, _insert_persons(session, chunk), strict=True):
                row.person_id = person_id
            done += len(chunk)
            _tick(progress, cancelled, done, total)
        for start in range(0, len(chosen), CHUNK):
            chunk = chosen[start : start + CHUNK]
            _insert_enrolments(session, cohort_id, chunk, on)
            done += len(chunk)
            _tick(progress, cancelled, done, total)
        result = ImportResult(
            len(chosen), len(new_people), len(chosen) - len(new_people), len(table.rows) - len(chosen), created, mapped
        )
        audit(
            session, "participants.imported", "cohort", cohort_id,
            enrolled=result.enrolled, persons_created=result.persons_created,
            existing_persons=result.existing_persons, left_out=result.left_out,
            units_created=created, units_mapped=mapped,
        )  # fmt: skip
        _tick(progress, cancelled, total, total)
    return result
