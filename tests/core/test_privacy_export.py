"""The access export: every row that refers to the person, their certificates, a summary in their language, and
nothing of the journal — and a list of references that keeps up with the model."""

from __future__ import annotations

import base64
import shutil
import subprocess
from pathlib import Path

import pytest
from privacy_testdata import PERSON_ID, issue_certificate, read_export
from sqlalchemy import func, or_, select

from tillitsleder.cli import main
from tillitsleder.errors import NotFound
from tillitsleder.model import AuditEvent, Facilitator, JournalEntry, Profile
from tillitsleder.privacy.access_export import export_person
from tillitsleder.privacy.people import find_person
from tillitsleder.privacy.references import KEY_COLUMNS, REFERENCES, model_references, owned_ids, table

pdftotext = shutil.which("pdftotext")


def test_every_column_the_references_leave_out_or_clear_exists() -> None:
    """A renamed column (e.g. commitments' text, now sealed) must not slip into the export unnoticed."""
    for ref in REFERENCES:
        columns = set(table(ref.table).c.keys())
        assert set(ref.omit) | set(ref.clear) <= columns, ref


def test_every_foreign_key_to_a_person_is_in_the_references() -> None:
    """A new table that points at a person (or at their enrolments, profiles …) must be named in ``references``."""
    named = {(ref.table, ref.column, ref.owner) for ref in REFERENCES}
    assert model_references() == named


def test_the_reference_check_notices_a_new_table() -> None:
    from sqlalchemy import Column, ForeignKey, Integer, Table

    from tillitsleder.model import Base

    extra = Table(
        "privacy_probe",
        Base.metadata,
        Column("id", Integer, primary_key=True),
        Column("person_id", ForeignKey("person.id")),
    )
    try:
        assert ("privacy_probe", "person_id", "person") in model_references()
    finally:
        Base.metadata.remove(extra)
    assert ("privacy_probe", "person_id", "person") not in model_references()


def test_the_export_holds_every_row_that_refers_to_the_person(demo_db, tmp_path: Path) -> None:
    issue_certificate(demo_db)
    target = tmp_path / "out" / "person.zip"
    result = export_person(demo_db, PERSON_ID, target)
    document, files = read_export(target)
    tables = document["tables"]
    assert document["person_id"] == PERSON_ID and tables["person"][0]["id"] == PERSON_ID
    with demo_db.read() as s:
        ids = owned_ids(s, PERSON_ID)
        for ref in REFERENCES:
            if not ref.export or not ids[ref.owner]:
                continue
            t = table(ref.table)
            expected = s.scalar(select(func.count()).select_from(t).where(t.c[ref.column].in_(ids[ref.owner])))
            exported = [row for row in tables.get(ref.table, []) if row.get(ref.column) in ids[ref.owner]]
            assert len(exported) == expected, ref
            for column in ref.omit:
                assert all(column not in row for row in exported), (ref.table, column)
        audit_about = s.scalar(
            select(func.count()).where(
                or_(
                    AuditEvent.actor_id == PERSON_ID,
                    (AuditEvent.entity == "enrolment") & AuditEvent.entity_id.in_(ids["enrolment"]),
                    (AuditEvent.entity == "person") & (AuditEvent.entity_id == PERSON_ID),
                )
            )
        )
        journal = s.execute(
            select(JournalEntry.content, JournalEntry.content_key).where(JournalEntry.author_id == PERSON_ID)
        ).all()
    assert len(tables.get("audit_event", [])) >= audit_about
    # the things the coordinator may not read are not in it
    assert len(journal) >= 1
    for name in ("journal_entry", "journal_grant", "journal_draft"):
        assert name not in tables
    blob = b"".join(files.values())
    for entry in journal:
        for secret in entry:
            assert secret[5:40] not in blob and base64.b64encode(secret)[:40] not in blob
    assert all(column not in row for row in tables["profile"] for column in KEY_COLUMNS)
    # enrolments, status history, attendance, groups, meetings, certificates with their PDFs
    for name in ("enrolment", "enrolment_status_change", "attendance", "group_member", "group_meeting_attendee"):
        assert tables[name], name
    [certificate] = tables["certificate"]
    assert files[certificate["pdf_file"]].startswith(b"%PDF") and "pdf" not in certificate
    assert result.certificate_files == 1 and result.rows["attendance"] == len(tables["attendance"])
    assert "Læringsloggen" in files["README.txt"].decode("utf-8")  # their certificate is in Norwegian
    assert document["language"] == "nb"
    assert files["summary.pdf"].startswith(b"%PDF")
    assert not target.with_name(target.name + ".partial").exists()


def test_a_facilitator_export_holds_their_pools_and_assignments(demo_db, tmp_path: Path) -> None:
    with demo_db.read() as s:
        person_id = s.scalar(select(Facilitator.person_id).order_by(Facilitator.id).limit(1))
    document, _files = read_export(export_person(demo_db, person_id, tmp_path / "f.zip").path)
    assert document["tables"]["facilitator"]
    assert all(row["person_id"] == person_id for row in document["tables"]["facilitator"])


@pytest.mark.skipif(pdftotext is None, reason="pdftotext is not installed")
def test_the_summary_is_in_the_persons_language(demo_db, tmp_path: Path) -> None:
    issue_certificate(demo_db, language="nb")  # their latest certificate is in Norwegian
    _document, files = read_export(export_person(demo_db, PERSON_ID, tmp_path / "p.zip").path)
    text = subprocess.run([pdftotext, "-", "-"], input=files["summary.pdf"], capture_output=True, check=True).stdout
    text = text.decode("utf-8")
    assert "Personopplysninger om deg" in text
    assert "Ćiril Đorđević" in text  # the shipped fonts carry every letter
    assert "læringslogg" in text.lower()
    assert "Side 1 av 2" in text and "Page" not in text  # the footer too, while the app speaks English
    english = export_person(demo_db, PERSON_ID, tmp_path / "e.zip", language="en")
    assert english.language == "en"


def test_the_profile_rows_hold_no_keys(demo_db, tmp_path: Path) -> None:
    with demo_db.read() as s:
        keys = s.scalars(select(Profile.private_key_wrap).where(Profile.person_id == PERSON_ID)).all()
    _document, files = read_export(export_person(demo_db, PERSON_ID, tmp_path / "k.zip").path)
    assert keys and all(key[5:40] not in files["personal-data.json"] for key in keys)


def test_people_are_found_by_id_or_email(demo_db) -> None:
    by_id = find_person(demo_db, PERSON_ID)
    assert find_person(demo_db, by_id.email.upper()).id == PERSON_ID
    with pytest.raises(NotFound):
        find_person(demo_db, "nobody@example.org")


def test_the_command_line_writes_the_export(demo_db, demo_target, tmp_path: Path, capsys) -> None:
    target = tmp_path / "cli.zip"
    path = demo_target
    demo_db.close()
    assert main(["privacy", "export", "--db", path, "--person", str(PERSON_ID), "-o", str(target)]) == 0
    assert target.is_file()
    assert str(target) in capsys.readouterr().out
    assert main(["privacy", "export", "--db", path, "--person", "999999", "-o", str(target)]) == 3
