"""Renaming and deleting a saved round of reflection groups: the core (``groups.round_edits``) and the CLI."""

from __future__ import annotations

import json
from datetime import date

import pytest
from engine_data import built
from groups_testdata import build_cohort
from sqlalchemy import func, select

from tillitsleder.access import Actor
from tillitsleder.cli import main
from tillitsleder.errors import Forbidden, NotFound, ValidationError
from tillitsleder.groups import round_edits as edits
from tillitsleder.groups import rounds
from tillitsleder.groups.scoring import SizeRange
from tillitsleder.model import (
    AuditEvent,
    GroupAction,
    GroupMeeting,
    GroupNote,
    GroupRound,
    ReflectionGroup,
)
from tillitsleder.model.groups import group_member
from tillitsleder.storage import Database


def _fill_template(database: Database):
    """A cohort of 16 with two saved rounds; the first round's first group has met twice."""
    made = build_cohort(database)
    first = rounds.save_round(database, rounds.propose_board(database, made["cohort"], SizeRange(4, 4), 1), "Høst")
    rounds.save_round(database, rounds.propose_board(database, made["cohort"], SizeRange(4, 4), 2), "Vår")
    with database.session() as s:
        group_id = s.scalar(select(ReflectionGroup.id).where(ReflectionGroup.round_id == first.id).limit(1))
        for day in (date(2025, 3, 1), date(2025, 4, 1)):
            meeting = GroupMeeting(group_id=group_id, held_on=day)
            s.add(meeting)
            s.flush()
            s.add_all([GroupNote(meeting_id=meeting.id, step="own_reflection", content="Hva vi sa") for _ in "ab"])
            s.add(GroupAction(meeting_id=meeting.id, description="Prøve ut ukesmøter"))
    return made


@pytest.fixture
def template(database_copy) -> tuple[str, dict]:
    return built(database_copy, __name__ + "-template", _fill_template)


@pytest.fixture
def db_target(template) -> str:
    return template[0]


@pytest.fixture
def cohort(template) -> int:
    return template[1]["cohort"]


def by_name(db: Database, cohort: int) -> dict[str, rounds.RoundInfo]:
    return {info.name: info for info in rounds.list_rounds(db, cohort)}


def counts(db: Database) -> tuple[int, ...]:
    with db.read() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(table))
            for table in (GroupRound, ReflectionGroup, group_member, GroupMeeting, GroupNote, GroupAction)
        )


def test_rename_cleans_checks_and_audits(db, cohort) -> None:
    autumn = by_name(db, cohort)["Høst"]
    renamed = edits.rename_round(db, autumn.id, "  Høst   2025 ")
    assert (renamed.id, renamed.name, renamed.number, renamed.groups) == (autumn.id, "Høst 2025", 1, 4)
    assert set(by_name(db, cohort)) == {"Høst 2025", "Vår"}
    assert edits.rename_round(db, autumn.id, "høst 2025").name == "høst 2025"  # its own name in other case
    for name, message in [
        ("   ", "Give the round a name."),
        ("VÅR", "This cohort already has a round called “VÅR”."),
        ("x" * 201, "longer than 200 characters"),
    ]:
        with pytest.raises(ValidationError, match=message):
            edits.rename_round(db, autumn.id, name)
    with pytest.raises(NotFound):
        edits.rename_round(db, 9999, "Ny")
    with pytest.raises(Forbidden):
        edits.rename_round(db, autumn.id, "Ny", Actor.participant(1))
    with db.read() as s:
        renamed = s.scalars(select(AuditEvent.detail).where(AuditEvent.action == "group_round.renamed")).all()
    details = [json.loads(detail) for detail in renamed]
    assert details == [{"cohort_id": cohort}] * 2  # ids only, never the typed name


def test_delete_without_meetings_removes_groups_and_memberships(db, cohort) -> None:
    spring = by_name(db, cohort)["Vår"]
    before = counts(db)
    contents = edits.round_contents(db, spring.id)
    assert (contents.groups, contents.members, contents.meetings, contents.notes) == (4, 16, 0, 0)
    assert contents.losses() == ["4 groups and the places of 16 participants in them"]
    assert edits.delete_round(db, spring.id) == contents
    assert counts(db) == (before[0] - 1, before[1] - 4, before[2] - 16, *before[3:])
    assert list(by_name(db, cohort)) == ["Høst"]
    with pytest.raises(NotFound):
        edits.delete_round(db, spring.id)


def test_a_round_whose_groups_met_is_deleted_only_when_forced(db, cohort) -> None:
    autumn = by_name(db, cohort)["Høst"]
    before = counts(db)
    with pytest.raises(edits.RoundHasMeetings) as refused:
        edits.delete_round(db, autumn.id)
    assert str(refused.value) == (
        "The groups of “Høst” have 2 meetings with 4 notes; deleting the round would delete them too. "
        "Nothing was deleted."
    )
    assert refused.value.exit_code == 2 and counts(db) == before
    assert refused.value.contents.losses()[1] == "2 meetings with 4 notes and 2 agreed actions"
    with pytest.raises(Forbidden):
        edits.delete_round(db, autumn.id, force=True, actor=Actor.facilitator(1))
    deleted = edits.delete_round(db, autumn.id, force=True)
    assert (deleted.meetings, deleted.notes, deleted.actions) == (2, 4, 2)
    assert counts(db) == (1, 4, 16, 0, 0, 0)
    with db.read() as s:
        detail = s.scalars(select(AuditEvent.detail).where(AuditEvent.action == "group_round.deleted")).one()
    assert json.loads(detail) == {
        "cohort_id": cohort, "groups": 4, "meetings": 2, "members": 16, "notes": 4
    }  # fmt: skip


def test_the_next_round_after_a_delete_still_gets_a_fresh_number(db, cohort) -> None:
    edits.delete_round(db, by_name(db, cohort)["Vår"].id)
    saved = rounds.save_round(db, rounds.propose_board(db, cohort, SizeRange(4, 4), 3))
    assert saved.number == 2 and saved.name == "Round 2"


# --- the CLI -------------------------------------------------------------------------------------------------


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TILLITSLEDER_LANG", "en")


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_renames_a_round_by_number_or_name(db, db_target, cohort, capsys, english) -> None:
    path = db_target
    code, out, err = run(capsys, "groups", "rename", "--cohort", "kull 1", "--round", "2", "--name", "Vår 2026",
                         "--db", path)  # fmt: skip
    assert (code, out, err) == (0, "Round 2 is now called “Vår 2026”.\n", "")
    code, _out, err = run(capsys, "groups", "rename", "--cohort", "1", "--round", "høst", "--name", "Vår 2026",
                          "--db", path)  # fmt: skip
    assert code == 2 and err == "This cohort already has a round called “Vår 2026”.\n"
    code, _out, err = run(capsys, "groups", "rename", "--cohort", "1", "--round", "7", "--name", "X", "--db", path)
    assert code == 3 and err == "This cohort has no round “7”.\n"


def test_cli_delete_says_what_is_lost_and_needs_yes(db, db_target, cohort, capsys, english) -> None:
    path = db_target
    before = counts(db)
    code, out, err = run(capsys, "groups", "delete", "--cohort", "Kull 1", "--round", "Høst", "--db", path)
    assert code == 2 and counts(db) == before
    assert out.splitlines() == [
        "Deleting “Høst” (round 1) would delete:",
        "  - 4 groups and the places of 16 participants in them",
        "  - 2 meetings with 4 notes and 2 agreed actions",
    ]
    assert err == "Nothing was deleted; add --yes to delete it.\n"
    code, out, err = run(capsys, "groups", "delete", "--cohort", "Kull 1", "--round", "1", "--yes", "--db", path)
    assert code == 0 and err == "" and out.startswith("Deleted “Høst” (round 1):\n")
    assert counts(db) == (1, 4, 16, 0, 0, 0)
    code, _out, err = run(capsys, "groups", "delete", "--cohort", "Kull 1", "--round", "1", "--yes")
    assert code == 2 and "--db PATH" in err
