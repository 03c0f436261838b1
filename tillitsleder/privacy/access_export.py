"""The access export (GDPR art. 15): everything the database holds about one person, as a zip file.

The zip holds ``personal-data.json`` — every row of every table that refers to the person (see ``references``),
with the audit rows about them — the PDFs of their certificates under ``certificates/``, a readable summary
``summary.pdf`` in the person's language, and ``README.txt``. What the coordinator may not read is not in it: the
learning journal (its ciphertext included) and the text of commitments and group notes; the note in the zip
says that the participant exports their journal from their own profile.
"""

from __future__ import annotations

import base64
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder import clock
from tillitsleder.errors import Cancelled, StorageError
from tillitsleder.i18n import N_, current_language
from tillitsleder.model import AuditEvent, Certificate, Person
from tillitsleder.privacy.references import AUDITED_OWNERS, REFERENCES, owned_ids, table
from tillitsleder.privacy.summary_pdf import CONTENT_NOTE, JOURNAL_NOTE, person_language, render_summary, translator
from tillitsleder.storage.database import Database

FORMAT = "tillitsleder-access-export"
FORMAT_VERSION = 1

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    person_id: int
    rows: dict[str, int]  # table → rows exported
    certificate_files: int
    language: str


def collect(s: OrmSession, person_id: int) -> dict[str, list[dict]]:
    """Every exported row that refers to the person, by table (each row once, columns named in ``omit`` left out),
    the person's own row under ``person`` and the audit rows by or about them under ``audit_event``."""
    ids = owned_ids(s, person_id)
    found: dict[str, dict[tuple, dict]] = {}
    person_table = table("person")
    _add(found, person_table, s.execute(select(person_table).where(person_table.c.id == person_id)), ())
    for ref in REFERENCES:
        if not ref.export or not ids[ref.owner]:
            continue
        t = table(ref.table)
        # Omitted columns are not even read: on a server the coordinator's login may not read them at all.
        kept = [column for column in t.columns if column.name not in ref.omit]
        rows = s.execute(select(*kept).where(t.c[ref.column].in_(ids[ref.owner])))
        _add(found, t, rows, ref.omit)
    audit = table("audit_event")
    about = [
        (AuditEvent.entity == entity) & AuditEvent.entity_id.in_(ids[owner])
        for entity, owner in AUDITED_OWNERS.items()
        if ids[owner]
    ]
    _add(found, audit, s.execute(select(audit).where(or_(*about))), ())
    return {name: [row for _key, row in sorted(rows.items())] for name, rows in sorted(found.items())}


def _add(found: dict[str, dict[tuple, dict]], t, rows, omit: tuple[str, ...]) -> None:
    primary = [column.name for column in t.primary_key.columns]
    for row in rows.mappings():
        key = tuple(row[name] for name in primary)
        entry = found.setdefault(t.name, {}).setdefault(key, {})
        entry.update({name: _json_value(value) for name, value in row.items() if name not in omit})


def _json_value(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    return value


def export_person(
    db: Database,
    person_id: int,
    target: Path,
    *,
    language: str | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ExportResult:
    """Write the person's access export to ``target`` (a .zip, replaced if it exists) and say what it holds.

    ``language`` is the summary's language: by default the language of their latest certificate, else the
    language the app shows now. The zip is written under a temporary name and renamed when complete.
    """
    steps = 4
    _step(progress, cancelled, 0, steps)
    with db.read() as s:
        person = s.get(Person, person_id)
        if person is None:
            from tillitsleder.errors import NotFound

            raise NotFound(N_("There is no person with the id or e-mail address “{value}”."), value=person_id)
        language = language or person_language(s, person_id) or current_language()
        data = collect(s, person_id)
        certificate_ids = [row["id"] for row in data.get("certificate", [])]
        pdfs = {
            c.id: (c.verification_code, c.version, c.pdf)
            for c in s.scalars(select(Certificate).where(Certificate.id.in_(certificate_ids)))
        }
        _step(progress, cancelled, 1, steps)
        summary = render_summary(s, person_id, data, language)
    _step(progress, cancelled, 2, steps)
    t = translator(language)
    for row in data.get("certificate", []):
        code, version, pdf = pdfs[row["id"]]
        row["pdf_file"] = f"certificates/{code}-v{version}.pdf" if pdf else None
    document = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": clock.now().isoformat(),
        "person_id": person_id,
        "language": language,
        "notes": {"journal": t(JOURNAL_NOTE), "content": t(CONTENT_NOTE)},
        "tables": data,
    }
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("personal-data.json", json.dumps(document, ensure_ascii=False, indent=2))
            archive.writestr("summary.pdf", summary)
            archive.writestr("README.txt", "\n\n".join((t(JOURNAL_NOTE), t(CONTENT_NOTE))) + "\n")
            for code, version, pdf in pdfs.values():
                if pdf:
                    archive.writestr(f"certificates/{code}-v{version}.pdf", pdf)
        _step(progress, cancelled, 3, steps)
        partial.replace(target)
    except Cancelled:
        partial.unlink(missing_ok=True)
        raise
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StorageError(
            N_("Cannot write “{path}”: {reason}"), path=str(target), reason=exc.strerror or str(exc)
        ) from exc
    _step(progress, None, steps, steps)
    return ExportResult(
        target,
        person_id,
        {name: len(rows) for name, rows in data.items()},
        sum(1 for *_rest, pdf in pdfs.values() if pdf),
        language,
    )


def _step(progress: ProgressCallback | None, cancelled: CancelCheck | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)
    if cancelled is not None and cancelled():
        raise Cancelled(N_("The export was cancelled."))
