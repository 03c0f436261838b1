"""Deleting a cohort, or a programme with its cohorts: what would be lost is counted first, a backup is made,
issued certificates are kept unless explicitly included, and the CLI deletes only with --yes."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select

from tillitsleder.access import Actor
from tillitsleder.cli import main
from tillitsleder.errors import Forbidden, NotFound
from tillitsleder.model import (
    Attendance,
    AuditEvent,
    Certificate,
    Cohort,
    Enrolment,
    GroupNote,
    JournalEntry,
    Module,
    Person,
    Programme,
    Session,
)
from tillitsleder.privacy.deletion import (
    HasCertificates,
    cohort_contents,
    delete_cohort,
    delete_programme_and_cohorts,
    programme_contents,
)


def count(db, model, *where) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def issue_certificates(db, cohort_id: int, n: int = 2) -> None:
    """Certificates as the register stores them (the first one reissued once, so they form a chain)."""
    with db.session() as s:
        enrolments = list(s.scalars(select(Enrolment.id).where(Enrolment.cohort_id == cohort_id).limit(n)))
        first = None
        for number, enrolment in enumerate(enrolments):
            pdf = f"certificate {number}".encode()
            cert = Certificate(
                enrolment_id=enrolment, verification_code=f"CODE{number:04d}", language="nb", pdf=pdf,
                sha256=hashlib.sha256(pdf).hexdigest(), holder_name="Someone",
            )  # fmt: skip
            s.add(cert)
            s.flush()
            first = first or cert
        pdf = b"reissued"
        s.add(
            Certificate(
                enrolment_id=first.enrolment_id,
                version=2,
                verification_code="CODE9999",
                language="nb",
                pdf=pdf,
                sha256=hashlib.sha256(pdf).hexdigest(),
                supersedes_id=first.id,
            )  # fmt: skip
        )


def test_contents_count_what_would_be_lost(demo_db) -> None:
    contents = cohort_contents(demo_db, 1)
    assert contents.enrolments == count(demo_db, Enrolment, Enrolment.cohort_id == 1) > 0
    assert contents.sessions == count(demo_db, Session, Session.cohort_id == 1) > 0
    assert contents.attendance > 0 and contents.notes > 0 and contents.certificates == 0
    losses = contents.losses()
    assert f"{contents.enrolments} enrolments" in losses and f"{contents.sessions} sessions" in losses
    assert not any("certificate" in loss for loss in losses)
    whole = programme_contents(demo_db, 1)
    assert whole.cohorts == count(demo_db, Cohort) and whole.modules == count(demo_db, Module) > 0
    assert whole.enrolments == count(demo_db, Enrolment)
    with pytest.raises(Forbidden):
        cohort_contents(demo_db, 1, actor=Actor.facilitator(1))
    with pytest.raises(NotFound):
        cohort_contents(demo_db, 999)


def test_deleting_a_cohort_backs_up_and_takes_its_contents_but_not_the_people_or_journals(demo_db) -> None:
    people, entries = count(demo_db, Person), count(demo_db, JournalEntry)
    contents = cohort_contents(demo_db, 1)
    report = delete_cohort(demo_db, 1)
    assert report.contents == contents
    if demo_db.path is not None:  # a file is backed up beside it first; a server by its own tools
        assert report.backup is not None and report.backup.exists()
        assert report.backup.parent == demo_db.path.parent / "backups"
    else:
        assert report.backup is None
    assert count(demo_db, Cohort, Cohort.id == 1) == 0
    assert count(demo_db, Enrolment, Enrolment.cohort_id == 1) == 0
    assert count(demo_db, Session, Session.cohort_id == 1) == 0
    assert count(demo_db, GroupNote) == 0  # the demo's group notes are all in cohort 1
    assert count(demo_db, Attendance) > 0  # cohort 2's stay
    assert (count(demo_db, Person), count(demo_db, JournalEntry)) == (people, entries)
    with demo_db.read() as s:
        assert s.scalar(select(AuditEvent.action).where(AuditEvent.entity == "cohort", AuditEvent.entity_id == 1))


def test_a_cohort_with_issued_certificates_is_refused_unless_they_are_included(demo_db, tmp_path) -> None:
    issue_certificates(demo_db, 2)
    backups = tmp_path / "backups"  # beside the SQLite file (none on a server)
    with pytest.raises(HasCertificates) as refused:
        delete_cohort(demo_db, 2)
    assert refused.value.contents.certificates == 3
    assert "3 certificates were issued" in refused.value.user_message()
    assert count(demo_db, Cohort, Cohort.id == 2) == 1 and count(demo_db, Certificate) == 3
    assert not backups.exists() or not list(backups.iterdir())  # refused before the backup
    delete_cohort(demo_db, 2, include_certificates=True)
    assert count(demo_db, Cohort, Cohort.id == 2) == 0 and count(demo_db, Certificate) == 0


def test_deleting_a_programme_takes_all_its_cohorts_and_curriculum(demo_db) -> None:
    issue_certificates(demo_db, 2)
    with pytest.raises(HasCertificates):
        delete_programme_and_cohorts(demo_db, 1)
    assert count(demo_db, Programme) == 1
    report = delete_programme_and_cohorts(demo_db, 1, include_certificates=True)
    assert report.contents.cohorts == 2 and (report.backup.exists() if demo_db.path else report.backup is None)
    assert (count(demo_db, Programme), count(demo_db, Cohort), count(demo_db, Module)) == (0, 0, 0)
    assert count(demo_db, Enrolment) == 0 and count(demo_db, Person) > 0


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_cli_lists_the_losses_without_yes_and_deletes_with_it(demo_db, demo_target, capsys, monkeypatch) -> None:
    monkeypatch.setenv("TILLITSLEDER_LANG", "en")
    db = demo_target
    name = cohort_contents(demo_db, 1).name
    code, out, err = run(capsys, "cohorts", "delete", "--cohort", name, "--db", db)
    assert code == 2 and f"Deleting “{name}” would delete:" in out and "enrolments" in out
    assert "add --yes" in err and count(demo_db, Cohort, Cohort.id == 1) == 1
    code, out, err = run(capsys, "cohorts", "delete", "--cohort", "1", "--yes", "--db", db)
    assert code == 0 and f"Deleted “{name}”" in out
    assert ("A backup from before is at" in out) == (demo_db.path is not None)
    assert count(demo_db, Cohort, Cohort.id == 1) == 0
    issue_certificates(demo_db, 2)
    code, out, err = run(capsys, "programmes", "delete", "--programme", "1", "--yes", "--db", db)
    assert code == 2 and "certificates were issued" in err and count(demo_db, Programme) == 1
    code, out, err = run(
        capsys, "programmes", "delete", "--programme", "1", "--yes", "--include-certificates", "--db", db
    )
    assert code == 0 and count(demo_db, Programme) == 0
    code, out, err = run(capsys, "cohorts", "delete", "--cohort", "nope", "--db", db)
    assert code == 3 and "There is no cohort" in err
