"""Retention rules: a rule per programme, a preview of who is due, and applying it — a backup first, then one
transaction that anonymises the due cohorts' enrolments and erases the journals of those with nothing left."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from tillitsleder import i18n
from tillitsleder.access import Actor
from tillitsleder.cli import main
from tillitsleder.errors import Forbidden, ValidationError
from tillitsleder.model import AuditEvent, Cohort, Enrolment, EnrolmentStatusChange, JournalEntry, Programme
from tillitsleder.privacy import retention
from tillitsleder.privacy.erasure import erase_in_transaction
from tillitsleder.privacy.retention import apply_retention, clean_retention_months, due_on, preview_retention

FAR = date(2040, 1, 1)  # long after every demo cohort has ended


def demo_programme(db) -> int:
    with db.read() as s:
        return s.scalar(select(Programme.id).order_by(Programme.id))


def cohort_ends(db) -> dict[int, date]:
    with db.read() as s:
        return dict(s.execute(select(Cohort.id, Cohort.end_date)).all())


def journal_entries(db, person_ids) -> int:
    with db.read() as s:
        return s.scalar(select(func.count(JournalEntry.id)).where(JournalEntry.author_id.in_(person_ids)))


@pytest.mark.parametrize(
    ("value", "months"), [(None, None), ("", None), ("  ", None), (1, 1), ("24", 24), (" 120 ", 120)]
)
def test_the_rule_is_whole_months_from_1_to_120_or_none(value, months) -> None:
    assert clean_retention_months(value) == months


@pytest.mark.parametrize("value", [0, -3, 121, "2.5", "two years"])
def test_other_values_are_refused_with_a_translated_message(value) -> None:
    with pytest.raises(ValidationError) as caught:
        clean_retention_months(value)
    assert caught.value.fields["field"] == "retention_months"
    english = caught.value.user_message()
    i18n.set_language("nb")
    assert caught.value.user_message() != english  # translated


def test_due_on_adds_calendar_months_and_keeps_to_the_month_end() -> None:
    assert due_on(date(2026, 6, 20), 6) == date(2026, 12, 20)
    assert due_on(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert due_on(date(2026, 12, 31), 14) == date(2028, 2, 29)


def test_setting_a_rule_is_audited_and_only_the_coordinator_may(demo_db) -> None:
    programme = demo_programme(demo_db)
    assert retention.set_rule(demo_db, programme, "18") == 18
    assert [r.months for r in retention.list_rules(demo_db) if r.programme_id == programme] == [18]
    with pytest.raises(ValidationError):
        retention.set_rule(demo_db, programme, 200)
    with pytest.raises(Forbidden):
        retention.set_rule(demo_db, programme, 6, actor=Actor.facilitator(1))
    assert retention.set_rule(demo_db, programme, "") is None
    with demo_db.read() as s:
        actions = list(s.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == programme)))
    assert actions.count("programme.retention_set") == 2


def test_no_rule_means_nothing_is_ever_due(demo_db) -> None:
    assert preview_retention(demo_db, today=FAR).cohorts == ()
    report = apply_retention(demo_db, today=FAR)
    assert (report.cohorts, report.backup) == (0, None)


def test_the_preview_names_the_due_cohorts_and_people_and_changes_nothing(demo_db) -> None:
    retention.set_rule(demo_db, demo_programme(demo_db), 6)
    ends = cohort_ends(demo_db)
    first = min(ends, key=ends.get)
    day_before = due_on(ends[first], 6).replace(day=1) if due_on(ends[first], 6).day > 1 else None
    assert preview_retention(demo_db, today=due_on(ends[first], 6)).cohorts[0].cohort_id == first
    if day_before is not None:
        assert first not in [c.cohort_id for c in preview_retention(demo_db, today=day_before).cohorts]
    preview = preview_retention(demo_db, today=FAR)
    assert {c.cohort_id for c in preview.cohorts} == set(ends)
    with demo_db.read() as s:
        enrolled = set(s.scalars(select(Enrolment.person_id)))
    assert {p.person_id for p in preview.people} == enrolled
    assert preview.journal_entries == journal_entries(demo_db, [p.person_id for p in preview.to_erase]) > 0
    assert preview_retention(demo_db, today=FAR) == preview  # nothing changed


def test_apply_backs_up_then_anonymises_erases_and_marks_the_cohorts(demo_db) -> None:
    retention.set_rule(demo_db, demo_programme(demo_db), 6)
    preview = preview_retention(demo_db, today=FAR)
    erased = [p.person_id for p in preview.to_erase]
    held = [p.person_id for p in preview.held_back]
    held_entries = journal_entries(demo_db, held)
    report = apply_retention(demo_db, today=FAR)
    if demo_db.path is not None:  # a file is backed up beside it first; a server by its own tools
        assert report.backup is not None and report.backup.parent == demo_db.path.parent / "backups"
        assert report.backup.exists()
    else:
        assert report.backup is None
    assert report.cohorts == len(preview.cohorts) and report.erased == len(erased)
    assert journal_entries(demo_db, erased) == 0
    assert journal_entries(demo_db, held) == held_entries  # facilitators and the like keep theirs
    with demo_db.read() as s:
        assert s.scalar(select(func.count()).where(Enrolment.position.is_not(None))) == 0
        assert s.scalar(select(func.count()).where(Enrolment.unit_id.is_not(None))) == 0
        assert s.scalar(select(func.count()).where(EnrolmentStatusChange.reason != "")) == 0
        assert s.scalar(select(func.count()).where(Cohort.retention_applied_at.is_(None))) == 0
        assert s.scalar(select(func.count()).where(AuditEvent.action == "cohort.retention_applied")) == report.cohorts
    assert preview_retention(demo_db, today=FAR).cohorts == ()  # never due again
    if report.backup is None:  # a server
        return
    # The backup is the database as it was before.
    from tillitsleder.storage import open_database

    before = open_database(report.backup, create=False)
    try:
        assert journal_entries(before, erased) == preview.journal_entries
    finally:
        before.close()


def test_a_participant_still_in_a_running_cohort_is_held_back(demo_db) -> None:
    programme = demo_programme(demo_db)
    ends = cohort_ends(demo_db)
    first, last = sorted(ends, key=ends.get)[0], sorted(ends, key=ends.get)[-1]
    with demo_db.session() as s:
        person = s.scalar(select(Enrolment.person_id).where(Enrolment.cohort_id == first))
        if s.scalar(select(Enrolment.id).where(Enrolment.cohort_id == last, Enrolment.person_id == person)) is None:
            s.add(Enrolment(cohort_id=last, person_id=person, status_since=ends[last], enrolled_on=ends[last]))
    retention.set_rule(demo_db, programme, 1)
    day = due_on(ends[first], 1)
    assert day < due_on(ends[last], 1)
    preview = preview_retention(demo_db, today=day)
    assert [c.cohort_id for c in preview.cohorts] == [first]
    assert person in [p.person_id for p in preview.held_back]
    entries = journal_entries(demo_db, [person])
    apply_retention(demo_db, today=day)
    assert journal_entries(demo_db, [person]) == entries
    later = preview_retention(demo_db, today=due_on(ends[last], 1))
    assert person in [p.person_id for p in later.to_erase]  # the last cohort due: now they go


def test_a_failure_while_applying_changes_nothing(demo_db) -> None:
    retention.set_rule(demo_db, demo_programme(demo_db), 6)
    preview = preview_retention(demo_db, today=FAR)
    calls = []

    def failing_erase(session, person_id: int) -> None:
        erase_in_transaction(session, demo_db, person_id)
        calls.append(person_id)
        if len(calls) == 3:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        apply_retention(demo_db, today=FAR, erase=failing_erase)
    assert len(calls) == 3
    assert preview_retention(demo_db, today=FAR) == preview
    assert journal_entries(demo_db, [p.person_id for p in preview.to_erase]) == preview.journal_entries


def test_the_cli_sets_previews_and_applies(demo_db, demo_target, capsys, monkeypatch) -> None:
    monkeypatch.setenv("TILLITSLEDER_LANG", "en")
    db = demo_target
    assert main(["privacy", "retention", "--programme", str(demo_programme(demo_db)), "--months", "6", "--db", db]) == 0
    assert "keeps its data 6 months after a cohort ends" in capsys.readouterr().out
    assert main(["privacy", "retention", "--programme", "1", "--months", "500", "--db", db]) == 2
    assert "from 1 to 120 months" in capsys.readouterr().err
    assert main(["privacy", "retention", "--programme", "1", "--db", db]) == 2
    capsys.readouterr()
    from tillitsleder import clock

    with clock.frozen_at(FAR):
        assert main(["privacy", "retention", "--preview", "--db", db]) == 0
        out = capsys.readouterr().out
        assert "Due on" in out and "erased, with" in out
        assert main(["privacy", "retention", "--apply", "--db", db]) == 0
        out = capsys.readouterr().out
        assert "Applied. A backup from before is at" in out
        assert main(["privacy", "retention", "--db", db]) == 0
        assert "No cohort is due" in capsys.readouterr().out
