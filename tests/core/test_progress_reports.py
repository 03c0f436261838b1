"""Progress reports: real PDFs checked through their text (names, nb/en dates, page x of y, repeated headers), who
may print what, never journal content; the ``report progress`` command. Uses the demo's finished earlier cohort."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import LargeBinary, insert, select

from tillitsleder import profiles
from tillitsleder.access import Actor
from tillitsleder.cli import main
from tillitsleder.completion.evaluation import CompletionState, evaluate_cohort
from tillitsleder.demo.journal import DEMO_PASSPHRASE
from tillitsleder.errors import Forbidden
from tillitsleder.i18n import set_language
from tillitsleder.journal.commitments import list_commitments
from tillitsleder.model import Cohort, Enrolment, JournalEntry, Person
from tillitsleder.model.enums import Role
from tillitsleder.reports.progress import ReportKind, ReportRequest, find_participant, render_report

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
TODAY = date(2026, 11, 22)  # the day this module's demo is built for: the reports below show its dates
CANARY = "KANARIFUGL-dagbok-7f3a"


def pdf_pages(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def flat(pages: list[str]) -> str:
    return " ".join(" ".join(pages).split())


@pytest.fixture
def clock_day() -> date:
    """The clock stands on the demo's day here too (the ``report`` command reads it)."""
    return TODAY




@pytest.fixture
def earlier(demo_db) -> dict:
    """The finished cohort, one participant who did not complete and the canary in their journal."""
    with demo_db.read() as s:
        cohort_id = s.scalar(select(Cohort.id).where(Cohort.end_date < TODAY))
    results = evaluate_cohort(demo_db, cohort_id, today=TODAY)
    missed = next(r for r in results if r.state is CompletionState.CANNOT_COMPLETE and r.enrolment_status == "active")
    table = JournalEntry.__table__
    blobs = {c.name: CANARY.encode() for c in table.columns if isinstance(c.type, LargeBinary) and not c.nullable}
    with demo_db.session() as s:
        s.execute(insert(table).values(author_id=missed.person_id, written_on=date(2025, 1, 10), **blobs))
        s.get(Enrolment, missed.enrolment_id).journal_count_visible = True
    own = profiles.unlock(
        demo_db, profiles.profile_for(demo_db, missed.person_id, Role.PARTICIPANT).id, DEMO_PASSPHRASE
    )  # commitments are sealed: their wording opens with the owner's profile only
    commitment = list_commitments(demo_db, own, missed.person_id)[0].description
    return {"cohort": cohort_id, "who": missed, "results": results, "commitment": commitment, "own": own}


def test_a_participants_report_in_english(demo_db, earlier, tmp_path: Path) -> None:
    who = earlier["who"]
    request = ReportRequest(ReportKind.PARTICIPANT, earlier["cohort"], who.enrolment_id, TODAY)
    pages = pdf_pages(render_report(demo_db, request), tmp_path)
    text = flat(pages)
    assert who.name in text and "Progress report" in text
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, 1))
    assert "12 Sept 2024" in text  # the first session, in en_GB's medium format
    assert "Cannot complete" in text and who.reasons[0] in text
    assert CANARY not in text
    assert earlier["commitment"] not in text  # the coordinator sees a commitment's status only
    assert "Only the status of commitments is shown" in text


def test_a_participants_report_in_norwegian_and_their_own_copy(demo_db, earlier, tmp_path: Path) -> None:
    set_language("nb")
    who = earlier["who"]
    request = ReportRequest(ReportKind.PARTICIPANT, earlier["cohort"], who.enrolment_id, TODAY)
    pages = pdf_pages(render_report(demo_db, request, actor=earlier["own"]), tmp_path)
    text = flat(pages)
    assert "12. sep. 2024" in text and f"Side 1 av {len(pages)}" in text
    assert earlier["commitment"].split()[0] in text  # their own copy shows the wording
    bare = flat(pdf_pages(render_report(demo_db, request, actor=Actor.participant(who.person_id)), tmp_path))
    assert earlier["commitment"] not in bare  # without the unlocked profile the sealed wording cannot be printed
    assert CANARY not in text


def test_who_may_print_what(demo_db, earlier) -> None:
    who, other = earlier["who"], next(r for r in earlier["results"] if r.person_id != earlier["who"].person_id)
    me = Actor.participant(who.person_id)
    with pytest.raises(Forbidden):
        render_report(demo_db, ReportRequest(ReportKind.PARTICIPANT, earlier["cohort"], other.enrolment_id), actor=me)
    for kind in (ReportKind.COHORT, ReportKind.UNITS, ReportKind.WORKLOAD):
        with pytest.raises(Forbidden):
            render_report(demo_db, ReportRequest(kind, earlier["cohort"]), actor=me)


def test_cohort_overview_repeats_its_header_and_shows_every_state(demo_db, earlier, tmp_path: Path) -> None:
    pdf = render_report(demo_db, ReportRequest(ReportKind.COHORT, earlier["cohort"], today=TODAY))
    pages = pdf_pages(pdf, tmp_path)
    assert len(pages) >= 2
    names = [r.name for r in earlier["results"]]
    matrix_pages = [page for page in pages if any(name in page for name in names)]
    assert len(matrix_pages) >= 2 and all("Participant" in page and "Completion" in page for page in matrix_pages)
    text = flat(pages)
    assert all(name in text for name in names)
    completed = sum(r.state is CompletionState.COMPLETED for r in earlier["results"])
    assert f"Completed: {completed}" in text and completed >= 20
    assert "Landscape" not in text and CANARY not in text
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, 1))


def test_unit_summary_adds_up(demo_db, earlier, tmp_path: Path) -> None:
    pages = pdf_pages(render_report(demo_db, ReportRequest(ReportKind.UNITS, earlier["cohort"], today=TODAY)), tmp_path)
    total = next(line for page in pages for line in page.splitlines() if line.strip().startswith("All "))
    numbers = total.split()[1:]
    states = [sum(r.state is state for r in earlier["results"]) for state in CompletionState]
    assert numbers[0] == str(len(earlier["results"]))
    assert numbers[-4:] == [str(n) for n in states]
    assert "Mestring og omsorg" in " ".join(pages)


def test_workload_lists_facilitators_by_month(demo_db, earlier, tmp_path: Path) -> None:
    request = ReportRequest(ReportKind.WORKLOAD, earlier["cohort"], today=TODAY)
    text = flat(pdf_pages(render_report(demo_db, request), tmp_path))
    assert "Facilitator workload" in text and "2 September 2024 – 20 June 2026" in text and "Total" in text
    with demo_db.read() as s:
        assert any(name in text for name in s.scalars(select(Person.last_name)))


def test_participants_are_found_by_id_email_or_name(demo_db, earlier) -> None:
    who = earlier["who"]
    with demo_db.read() as s:
        email = s.scalar(select(Person.email).where(Person.id == who.person_id))
    for key in (str(who.person_id), email.upper(), who.name):
        assert find_participant(demo_db, earlier["cohort"], key) == who.enrolment_id


def test_the_command_writes_the_report(demo_db, demo_target, earlier, tmp_path: Path, capsys) -> None:
    target = tmp_path / "overview.pdf"
    path = demo_target
    code = main(
        ["report", "progress", "--cohort", str(earlier["cohort"]), "-o", str(target), "--db", path, "--lang", "en"]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Cohort overview of" in out and target.exists()
    assert earlier["who"].name in flat(pdf_pages(target.read_bytes(), tmp_path))
    mine = tmp_path / "mine.pdf"
    args = ["report", "progress", "--cohort", str(earlier["cohort"]), "--participant", earlier["who"].name]
    assert main([*args, "-o", str(mine), "--db", path, "--lang", "en"]) == 0
    assert "Attendance per session" in flat(pdf_pages(mine.read_bytes(), tmp_path))


def test_the_command_says_what_is_wrong_in_one_sentence(demo_db, demo_target, earlier, tmp_path: Path, capsys) -> None:
    path, target = demo_target, str(tmp_path / "x.pdf")
    cases = [
        (["--cohort", "Kull 1999"], "There is no cohort “Kull 1999”."),
        (["--cohort", str(earlier["cohort"]), "--participant", "Nobody Here"], "There is no participant"),
        (["--cohort", str(earlier["cohort"]), "--kind", "participant"], "needs --participant"),
    ]
    for extra, message in cases:
        code = main(["report", "progress", *extra, "-o", target, "--db", path, "--lang", "en"])
        _out, err = capsys.readouterr()
        assert code != 0 and message in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1
    assert not Path(target).exists()


def test_a_facilitator_sees_the_completion_of_their_groups_only(demo_db) -> None:
    from tillitsleder.model import Facilitator, ReflectionGroup, group_member

    with demo_db.read() as s:
        group = s.execute(
            select(ReflectionGroup.id, Facilitator.person_id).join(
                Facilitator, Facilitator.id == ReflectionGroup.facilitator_id
            )
        ).first()
        members = set(
            s.scalars(
                select(group_member.c.enrolment_id)
                .join(ReflectionGroup, ReflectionGroup.id == group_member.c.group_id)
                .join(Facilitator, Facilitator.id == ReflectionGroup.facilitator_id)
                .where(Facilitator.person_id == group.person_id)
            )
        )
        cohort = s.scalar(select(Cohort.id).where(Cohort.end_date >= TODAY))
    seen = evaluate_cohort(demo_db, cohort, today=TODAY, actor=Actor.facilitator(group.person_id))
    assert members and {r.enrolment_id for r in seen} <= members
    assert len(seen) < len(evaluate_cohort(demo_db, cohort, today=TODAY))
