"""Erasure: what it deletes, anonymises and keeps, that the statistics stay, that the journal cannot be read any
more, that the name and e-mail are gone from the database file's bytes, and that the log re-applies it to an
older backup."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from privacy_testdata import PERSON_ID, file_bytes, issue_certificate, person_texts
from sqlalchemy import func, select, text

from tillitsleder.cli import main
from tillitsleder.errors import StorageError
from tillitsleder.model import (
    Attendance,
    AuditEvent,
    Certificate,
    Enrolment,
    ErasureRecord,
    JournalEntry,
    JournalGrant,
    Person,
    Profile,
)
from tillitsleder.privacy import erasure_records
from tillitsleder.privacy.erasure import erase_person, plan_erasure
from tillitsleder.privacy.erasure_log import logged_erasures, reapply_erasures
from tillitsleder.privacy.people import is_placeholder
from tillitsleder.privacy.references import Erase
from tillitsleder.storage import open_database


def statistics(db) -> tuple:
    """What the cohort and session figures are made of: enrolments by cohort and status, attendance by session
    and status."""
    with db.read() as s:
        enrolments = s.execute(
            select(Enrolment.cohort_id, Enrolment.status, func.count()).group_by(Enrolment.cohort_id, Enrolment.status)
        ).all()
        attendance = s.execute(
            select(Attendance.session_id, Attendance.status_id, func.count()).group_by(
                Attendance.session_id, Attendance.status_id
            )
        ).all()
    return sorted(enrolments), sorted(attendance)


def test_the_plan_lists_without_changing_anything(demo_db) -> None:
    before = statistics(demo_db)
    plan = plan_erasure(demo_db, PERSON_ID)
    assert plan.rows(Erase.DELETE) >= plan.journal_entries + plan.profiles >= 2
    assert {line.table for line in plan.lines_for(Erase.ANONYMISE)} >= {"person", "enrolment", "attendance"}
    assert plan.review and all(meeting.notes or meeting.actions for meeting in plan.review)
    assert not plan.already_erased
    assert statistics(demo_db) == before
    with demo_db.read() as s:
        assert not is_placeholder(s.get(Person, PERSON_ID))


def test_erasure_leaves_no_name_or_email_in_the_database_bytes(file_demo_db) -> None:
    demo_db = file_demo_db
    first, last, email = person_texts(demo_db)
    plan = plan_erasure(demo_db, PERSON_ID)
    # each name on its own (they occur nowhere else in the demo), the e-mail, and the row's and index's byte runs
    needles = [first, last, email, first + last, last + first]
    assert set(needles[2:]) <= set(plan.identifiers)
    before = file_bytes(demo_db)
    assert all(before.count(needle.encode()) for needle in needles)  # the scan does see them
    report = erase_person(demo_db, plan)
    after = file_bytes(demo_db)
    found = {needle: after.count(needle.encode()) for needle in needles}
    print(
        f"occurrences in {demo_db.path.name} and its -wal: before "
        f"{ {needle: before.count(needle.encode()) for needle in needles} }, after {found}"
    )
    assert set(found.values()) == {0}
    assert report.scrubbed and sum(report.residue.values()) == 0
    assert after.count("Rønning".encode()) > 0  # other people are still there
    # the backup made first still holds them (backups expire on their own schedule)
    assert report.backup is not None and report.backup.parent == demo_db.path.parent / "backups"
    assert report.backup.read_bytes().count(email.encode()) > 0


def test_statistics_stay_and_the_person_becomes_a_placeholder(demo_db) -> None:
    before = statistics(demo_db)
    erase_person(demo_db, PERSON_ID)
    assert statistics(demo_db) == before
    with demo_db.read() as s:
        person = s.get(Person, PERSON_ID)
        assert is_placeholder(person) and person.email is None and person.employee_number is None
        assert person.full_name == f"— #{PERSON_ID}"
        enrolments = s.scalars(select(Enrolment).where(Enrolment.person_id == PERSON_ID)).all()
        assert enrolments and all(e.position is None for e in enrolments)
        notes = s.scalars(select(Attendance.note).where(Attendance.enrolment_id.in_([e.id for e in enrolments]))).all()
        assert notes and set(notes) == {""}
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "person.erased"))
        assert event is not None and event.entity_id == PERSON_ID and "Đorđević" not in event.detail


def test_the_journal_is_crypto_shredded(demo_db) -> None:
    with demo_db.read() as s:
        entry_ids = s.scalars(select(JournalEntry.id).where(JournalEntry.author_id == PERSON_ID)).all()
        grants = s.scalar(select(func.count()).where(JournalGrant.entry_id.in_(entry_ids)))
    assert entry_ids and grants  # shared with a coach: the coach's copy of the key goes too
    erase_person(demo_db, PERSON_ID)
    with demo_db.read() as s:
        assert s.scalar(select(func.count()).where(Profile.person_id == PERSON_ID)) == 0
        assert s.scalar(select(func.count()).where(JournalEntry.author_id == PERSON_ID)) == 0
        assert s.scalar(select(func.count()).where(JournalGrant.entry_id.in_(entry_ids))) == 0


def test_certificates_keep_a_register_row_unless_included(demo_db) -> None:
    first_id = issue_certificate(demo_db, version=1)
    second_id = issue_certificate(demo_db, version=2)
    plan = plan_erasure(demo_db, PERSON_ID)
    assert [c.id for c in plan.kept_certificates] == [first_id, second_id]
    report = erase_person(demo_db, plan)
    with demo_db.read() as s:
        kept = s.execute(
            select(Certificate.id, Certificate.pdf, Certificate.holder_name).order_by(Certificate.id)
        ).all()
    assert kept == [(first_id, b"", "Ćiril Đorđević"), (second_id, b"", "Ćiril Đorđević")]
    if demo_db.path is not None:  # only the register rows name the holder now: once each, in the file's bytes
        assert file_bytes(demo_db).count("Đorđević".encode()) == 2
        assert sum(report.residue.values()) == 2
    else:
        assert report.residue == {}
    assert plan_erasure(demo_db, PERSON_ID).already_erased
    # erasing again with the certificates included deletes the register rows too
    plan = plan_erasure(demo_db, PERSON_ID, include_certificates=True)
    assert not plan.already_erased and not plan.kept_certificates
    erase_person(demo_db, plan)
    with demo_db.read() as s:
        assert s.scalar(select(func.count()).select_from(Certificate)) == 0
    if demo_db.path is not None:
        assert file_bytes(demo_db).count("Đorđević".encode()) == 0


def test_the_erasure_is_one_transaction(demo_db) -> None:
    if demo_db.engine.dialect.name == "sqlite":
        refuse = [
            "CREATE TRIGGER refuse BEFORE UPDATE OF first_name ON person BEGIN SELECT RAISE(ABORT, 'refused'); END"
        ]
    else:
        refuse = [
            "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$",
            "CREATE TRIGGER refuse BEFORE UPDATE OF first_name ON person FOR EACH ROW EXECUTE FUNCTION refuse()",
        ]
    with demo_db.engine.begin() as connection:
        for statement in refuse:
            connection.execute(text(statement))
    with pytest.raises(Exception, match="refused"):
        erase_person(demo_db, PERSON_ID)
    with demo_db.read() as s:
        assert s.scalar(select(func.count()).where(Profile.person_id == PERSON_ID)) == 1
        assert s.scalar(select(func.count()).where(JournalEntry.author_id == PERSON_ID)) >= 1
        assert s.scalar(select(func.count()).select_from(ErasureRecord)) == 0


def test_the_log_is_reapplied_to_an_older_backup(file_demo_db, tmp_path: Path) -> None:
    demo_db = file_demo_db
    path = demo_db.path
    old_copy = tmp_path / "old.sqlite3"
    demo_db.close()
    shutil.copyfile(path, old_copy)  # a backup from before the erasure
    db = open_database(path)
    erase_person(db, PERSON_ID)
    sidecar = erasure_records.sidecar_path(path)
    assert sidecar.is_file()
    if os.name == "posix":
        assert sidecar.stat().st_mode & 0o777 == 0o600
    content = sidecar.read_text(encoding="utf-8")
    assert str(PERSON_ID) in content and "Đorđević" not in content and "@" not in content
    db.close()
    # "restore" the older backup over the database; the sidecar stays beside it
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(old_copy, path)
    db = open_database(path)
    try:
        with db.read() as s:
            assert not is_placeholder(s.get(Person, PERSON_ID))
        assert [e.person_id for e in logged_erasures(db)] == [PERSON_ID]
        assert reapply_erasures(db) == 1
        with db.read() as s:
            assert is_placeholder(s.get(Person, PERSON_ID))
            assert s.scalars(select(ErasureRecord.person_id)).all() == [PERSON_ID]
        assert file_bytes(db).count(person_texts_email()) == 0
        assert reapply_erasures(db) == 0
        assert len(sidecar.read_text(encoding="utf-8").splitlines()) == 1
    finally:
        db.close()


def person_texts_email() -> bytes:
    return b"ciril.dordevic@"


def test_a_damaged_sidecar_is_refused(file_demo_db) -> None:
    demo_db = file_demo_db
    erasure_records.sidecar_path(demo_db.path).write_text("not json\n", encoding="utf-8")
    with pytest.raises(StorageError):
        reapply_erasures(demo_db)


def test_the_command_line_dry_run_changes_nothing(demo_db, demo_target, capsys) -> None:
    path = demo_target
    before = statistics(demo_db)
    demo_db.close()
    assert main(["privacy", "erase", "--lang", "en", "--db", path, "--person", str(PERSON_ID), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Ćiril Đorđević" in out and "Dry run" in out
    db = open_database(path)
    try:
        with db.read() as s:
            assert not is_placeholder(s.get(Person, PERSON_ID))
        assert statistics(db) == before
    finally:
        db.close()
    assert main(["privacy", "erase", "--lang", "en", "--db", path, "--person", str(PERSON_ID), "--yes"]) == 0
    assert ("0 times" in capsys.readouterr().out) == (demo_db.path is not None)
    db = open_database(path)
    try:
        with db.read() as s:
            assert is_placeholder(s.get(Person, PERSON_ID))
    finally:
        db.close()


def test_many_people_with_one_scrub_for_retention(demo_db) -> None:
    """How retention erases a cohort: no backup or scrub per person, one scrub at the end."""
    from tillitsleder.privacy.erasure import scrub

    with demo_db.read() as s:
        people = s.execute(select(Person.id, Person.email).where(Person.id.in_([2, 3, 4]))).all()
    reports = [erase_person(demo_db, person_id, backup=False, scrub_file=False) for person_id, _email in people]
    assert all(report.backup is None for report in reports)
    assert scrub(demo_db)
    if demo_db.path is not None:
        assert not (demo_db.path.parent / "backups").exists()
        data = file_bytes(demo_db)
        assert all(data.count(email.encode()) == 0 for _id, email in people)
    assert [e.person_id for e in logged_erasures(demo_db)] == [2, 3, 4]


def test_a_kept_register_row_still_verifies_but_has_no_pdf(demo_db) -> None:
    from tillitsleder.access import COORDINATOR
    from tillitsleder.certificates.register import certificate_pdf, verify_pdf
    from tillitsleder.errors import NotFound

    certificate_id = issue_certificate(demo_db)
    paper = certificate_pdf(demo_db, certificate_id, actor=COORDINATOR)  # the copy the holder keeps
    erase_person(demo_db, PERSON_ID)
    result = verify_pdf(demo_db, paper)
    assert result.is_valid and result.certificate.holder_name == "Ćiril Đorđević"
    with pytest.raises(NotFound, match="erased"):
        certificate_pdf(demo_db, certificate_id, actor=COORDINATOR)
