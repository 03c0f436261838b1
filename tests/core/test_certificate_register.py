"""Issuing and the register: frozen bytes, reissue, revoke, verify by code and by file, cancel, rights, the CLI."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from certificate_data import built_target, full_names, install_fake_completion
from cli_run import run_cli
from sqlalchemy import func, select, update

from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.certificates import issuing as certificates
from tillitsleder.certificates.facts import CODE_ALPHABET, normalise_code
from tillitsleder.certificates.register import (
    VerificationState,
    certificate_pdf,
    list_certificates,
    verify_code,
    verify_pdf,
)
from tillitsleder.certificates.templates import get_template, save_template
from tillitsleder.errors import Cancelled, Forbidden, ValidationError
from tillitsleder.model import Certificate, Person
from tillitsleder.model.enums import CertificateStatus


@pytest.fixture
def built_database(database_copy) -> tuple[str, dict]:
    return built_target(database_copy)


@pytest.fixture
def built(built_database) -> dict:
    return built_database[1]


@pytest.fixture
def db_target(built_database) -> str:
    return built_database[0]


@pytest.fixture
def cohort(db, built, monkeypatch):
    ids = built
    fake = install_fake_completion(monkeypatch)
    fake.not_done = {ids["enrolments"][-1]}  # Kari Nordmann has not completed
    return ids


def count(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count(Certificate.id)))


def text_of(pdf: bytes) -> str:
    out = subprocess.run([shutil.which("pdftotext"), "-", "-"], input=pdf, check=True, capture_output=True).stdout
    return " ".join(out.decode().split())


def test_batch_issues_to_the_eligible_and_reports_the_rest(db, cohort) -> None:
    steps: list[tuple[int, int]] = []
    result = certificates.issue_for_cohort(
        db, cohort["cohort"], actor=COORDINATOR, language="en", progress=lambda d, t: steps.append((d, t))
    )
    assert sorted(c.holder_name for c in result.issued) == sorted(full_names()[:4])
    assert [n.name for n in result.not_eligible] == ["Kari Nordmann"] and result.not_eligible[0].reasons
    assert steps[0] == (0, 4) and steps[-1] == (4, 4)
    for info in result.issued:
        pdf = certificate_pdf(db, info.id, actor=COORDINATOR)
        assert hashlib.sha256(pdf).hexdigest() == info.sha256
        assert info.holder_name in text_of(pdf) and info.code in text_of(pdf)
        assert len(info.code) == 14 and set(info.code.replace("-", "")) <= set(CODE_ALPHABET)
    assert len({info.code for info in result.issued}) == 4
    again = certificates.issue_for_cohort(db, cohort["cohort"], actor=COORDINATOR, language="en")
    assert again.issued == [] and again.already_issued == 4


def test_cancel_leaves_nothing(db, cohort) -> None:
    calls = iter([False, False, True])
    with pytest.raises(Cancelled):
        certificates.issue_for_cohort(db, cohort["cohort"], actor=COORDINATOR, cancelled=lambda: next(calls, True))
    assert count(db) == 0


def test_only_the_coordinator_issues_reissues_and_revokes(db, cohort) -> None:
    participant = Actor.participant(1)
    with pytest.raises(Forbidden):
        certificates.issue_for_cohort(db, cohort["cohort"], actor=participant)
    with pytest.raises(Forbidden):
        certificates.issue_certificate(db, cohort["enrolments"][0], actor=Actor.facilitator(2))
    info = certificates.issue_certificate(db, cohort["enrolments"][0], actor=COORDINATOR)
    with pytest.raises(Forbidden):
        certificates.revoke(db, info.id, "no", actor=participant)
    with pytest.raises(Forbidden):
        certificates.reissue(db, info.id, "no", actor=participant)
    assert count(db) == 1


def test_participants_read_only_their_own(db, cohort) -> None:
    certificates.issue_for_cohort(db, cohort["cohort"], actor=COORDINATOR)
    mine = list_certificates(db, cohort["cohort"], actor=Actor.participant(1))
    assert [c.person_id for c in mine] == [1]
    assert len(list_certificates(db, cohort["cohort"], actor=Actor.facilitator(3))) == 4
    certificate_pdf(db, mine[0].id, actor=Actor.participant(1))
    other = next(c for c in list_certificates(db, cohort["cohort"], actor=COORDINATOR) if c.person_id == 2)
    with pytest.raises(Forbidden):
        certificate_pdf(db, other.id, actor=Actor.participant(1))


def test_one_person_must_be_eligible_and_not_hold_one(db, cohort) -> None:
    with pytest.raises(ValidationError, match="may not receive a certificate yet: Attendance 40 %"):
        certificates.issue_certificate(db, cohort["enrolments"][-1], actor=COORDINATOR)
    certificates.issue_certificate(db, cohort["enrolments"][0], actor=COORDINATOR)
    with pytest.raises(ValidationError, match="already holds a valid certificate"):
        certificates.issue_certificate(db, cohort["enrolments"][0], actor=COORDINATOR)
    assert count(db) == 1


def test_issued_bytes_are_frozen_and_a_reissue_makes_a_new_version(db, cohort) -> None:
    info = certificates.issue_certificate(db, cohort["enrolments"][1], actor=COORDINATOR, language="en")
    frozen = certificate_pdf(db, info.id, actor=COORDINATOR)
    with db.session() as s:
        s.execute(update(Person).where(Person.id == info.person_id).values(first_name="Lukas", last_name="Cwik"))
    template = get_template(db, cohort["programme"], "en")
    save_template(db, replace(template, title="Diploma", body="Changed {name}"), actor=COORDINATOR)
    assert certificate_pdf(db, info.id, actor=COORDINATOR) == frozen
    assert verify_pdf(db, frozen).state is VerificationState.VALID

    with pytest.raises(ValidationError, match="Give a reason"):
        certificates.reissue(db, info.id, "  ", actor=COORDINATOR)
    new = certificates.reissue(db, info.id, "Name changed", actor=COORDINATOR)
    assert new.version == 2 and new.supersedes_id == info.id and new.issue_reason == "Name changed"
    assert new.holder_name == "Lukas Cwik" and new.code != info.code
    new_text = text_of(certificate_pdf(db, new.id, actor=COORDINATOR))
    assert "Diploma" in new_text and "Changed Lukas Cwik" in new_text
    assert certificate_pdf(db, info.id, actor=COORDINATOR) == frozen
    old = verify_code(db, info.code)
    assert old.state is VerificationState.SUPERSEDED and old.current_code == new.code
    assert "Name changed" in old.message() and new.code in old.message()
    assert old.certificate.holder_name == "Łukasz Ćwikliński Doğan Kılıç Şahin"  # as printed on that paper
    with pytest.raises(ValidationError, match="Only a valid certificate can be reissued"):
        certificates.reissue(db, info.id, "again", actor=COORDINATOR)


def test_revoke_keeps_the_certificate_with_its_reason(db, cohort) -> None:
    info = certificates.issue_certificate(db, cohort["enrolments"][0], actor=COORDINATOR)
    revoked = certificates.revoke(db, info.id, "Issued by mistake", actor=COORDINATOR)
    assert revoked.status is CertificateStatus.REVOKED and revoked.status_reason == "Issued by mistake"
    result = verify_code(db, info.code)
    assert result.state is VerificationState.REVOKED and "Issued by mistake" in result.message()
    with pytest.raises(ValidationError, match="Only a valid certificate can be revoked"):
        certificates.revoke(db, info.id, "again", actor=COORDINATOR)
    fresh = certificates.issue_certificate(db, cohort["enrolments"][0], actor=COORDINATOR)
    assert fresh.version == 2 and fresh.supersedes_id is None


def test_verify_by_code_in_any_spelling_and_by_file(db, cohort) -> None:
    info = certificates.issue_certificate(db, cohort["enrolments"][0], actor=COORDINATOR)
    for spelling in (info.code, info.code.lower(), info.code.replace("-", " "), f"Code: {info.code.replace('-', '')}"):
        assert normalise_code(spelling) == info.code
        result = verify_code(db, spelling)
        assert result.is_valid and result.certificate.holder_name == full_names()[0]
        assert full_names()[0] in result.message()
    assert verify_code(db, "2222-3333-4444").state is VerificationState.UNKNOWN
    assert verify_code(db, "hello").state is VerificationState.UNKNOWN
    pdf = certificate_pdf(db, info.id, actor=COORDINATOR)
    assert verify_pdf(db, pdf).is_valid
    tampered = pdf.replace(b"/Creator", b"/Creatoq", 1)
    assert tampered != pdf
    assert verify_pdf(db, tampered).state is VerificationState.UNKNOWN


# --- CLI ---------------------------------------------------------------------------------------------------




def test_cli_issues_writes_and_verifies(capsys, db, db_target: str, cohort, tmp_path: Path) -> None:
    out_dir = tmp_path / "kursbevis"
    code, out, err = run_cli(capsys, "certificates", "issue", "--cohort", "kull 2017", "--out", str(out_dir),
                         "--db", db_target)  # fmt: skip
    assert code == 0, err
    assert "4 certificates issued for Kull 2017" in out and "1 participant has not completed" in out
    assert "Kari Nordmann: Attendance 40 %" in out
    files = sorted(out_dir.glob("*.pdf"))
    assert len(files) == 4
    code, out, err = run_cli(capsys, "certificates", "verify", str(files[0]), "--db", db_target)
    assert code == 0 and out.startswith("Valid and current"), err
    with db.read() as s:
        first = s.execute(select(Certificate.id, Certificate.verification_code)).first()
    code, out, _ = run_cli(capsys, "certificates", "verify", first.verification_code.lower(), "--db", db_target)
    assert code == 0
    certificates.revoke(db, first.id, "Wrong person", actor=COORDINATOR)
    code, out, _ = run_cli(capsys, "certificates", "verify", first.verification_code, "--db", db_target)
    assert code == 1 and "Revoked" in out and "Wrong person" in out
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(files[1].read_bytes() + b"\n")
    code, out, _ = run_cli(capsys, "certificates", "verify", str(tampered), "--db", db_target)
    assert code == 3 and "No certificate" in out
    code, _, err = run_cli(capsys, "certificates", "verify", str(tmp_path / "missing.pdf"), "--db", db_target)
    assert code == 3 and "There is no file" in err


def test_cli_one_participant_and_mistakes(capsys, db, db_target: str, cohort, tmp_path: Path) -> None:
    base = ["certificates", "issue", "--cohort", str(cohort["cohort"]), "--out", str(tmp_path), "--db", db_target]
    code, out, err = run_cli(capsys, *base, "--participant", "2")
    assert code == 0, err
    assert "1 certificate issued" in out and len(list(tmp_path.glob("*.pdf"))) == 1
    code, _, err = run_cli(capsys, *base, "--participant", "2")
    assert code == 2 and "already holds a valid certificate" in err and "Traceback" not in err
    code, _, err = run_cli(capsys, *base, "--participant", "99")
    assert code == 3 and "not enrolled" in err
    code, _, err = run_cli(capsys, *base, "--participant", "x")
    assert code == 2 and "not a participant id" in err
    code, _, err = run_cli(capsys, "certificates", "issue", "--cohort", "Kull 1999", "--out", str(tmp_path),
                       "--db", db_target)  # fmt: skip
    assert code == 3 and "There is no cohort" in err
    code, _, err = run_cli(capsys, "certificates", "issue", "--cohort", "1", "--out", str(tmp_path))
    assert code == 2 and "--db" in err
