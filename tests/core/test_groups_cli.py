"""``tillitsleder groups propose``: prints groups with units and scores, ``--save`` stores a round."""

from __future__ import annotations

import pytest
from engine_data import built
from groups_testdata import build_cohort

from tillitsleder.cli import main
from tillitsleder.groups import rounds as groups
from tillitsleder.storage import open_database


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TILLITSLEDER_LANG", "en")


def _fill(database):
    return build_cohort(database, people=14, withdrawn=1)


@pytest.fixture
def db_file(database_copy) -> tuple[str, dict]:
    """A private copy of the cohort, on the test's engine: its target as ``--db`` takes it, and its ids."""
    return built(database_copy, "groups-cli", _fill)


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_propose_prints_groups_members_units_and_scores(capsys, db_file) -> None:
    path, _made = db_file
    code, out, err = run(capsys, "groups", "propose", "--cohort", "kull 1", "--size", "4-5", "--db", path)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Kull 1: 13 participants in 3 groups of 4–5 people (seed 0)."
    assert lines[1] == "Pairs from the same unit: 1. Pairs who met in an earlier round: 0."
    headers = [line for line in lines if line.startswith("Group ")]
    assert len(headers) == 3 and headers[0].startswith("Group 1 · 5 people · ")
    assert "Åse00 Ødegård00" in out and "Ljabru barnehage, Oppvekst" in out
    assert "! 2 people from the same unit (Ljabru barnehage)" in out  # 4 from that unit, 3 groups
    again = run(capsys, "groups", "propose", "--cohort", "kull 1", "--size", "4-5", "--db", path)
    assert again[1] == out  # deterministic
    other_seed = run(capsys, "groups", "propose", "--cohort", "1", "--size", "5", "--seed", "9", "--db", path)
    assert other_seed[0] == 0 and "(seed 9)" in other_seed[1]
    database = open_database(path)
    assert groups.list_rounds(database, 1) == []  # nothing saved without --save
    database.close()


def test_save_stores_the_printed_groups_as_a_round(capsys, db_file) -> None:
    path, made = db_file
    code, out, err = run(capsys, "groups", "propose", "--cohort", "1", "--size", "4", "--seed", "3", "--save",
                         "--name", "Runde 1 – høst", "--db", path)  # fmt: skip
    assert code == 0, err
    assert out.rstrip().endswith("Saved as “Runde 1 – høst” (round 1).")
    database = open_database(path)
    try:
        (saved,) = groups.list_rounds(database, made["cohort"])
        board = groups.load_round(database, saved.id)
    finally:
        database.close()
    printed = [line.split(" · ")[0] for line in out.splitlines() if line.startswith("Group ")]
    assert [g.name for g in board.groups] == printed
    for group in board.groups:
        block = out.split(group.name + " · ")[1].split("\n\n")[0]
        assert all(board.people[m].name in block for m in group.members)
    code, out, _ = run(capsys, "groups", "propose", "--cohort", "1", "--size", "4", "--db", path)
    assert "Pairs who met in an earlier round:" in out and code == 0


@pytest.mark.parametrize(
    ("args", "message", "exit_code"),
    [
        (["--cohort", "Kull 9", "--size", "5"], "There is no cohort “Kull 9”.", 3),
        (["--cohort", "1", "--size", "0"], "A group size must be a whole number of at least 1, such as 6 or 5-8.", 2),
        (["--cohort", "1", "--size", "8-5"], "A group size must be a whole number", 2),
        (["--cohort", "1", "--size", "5", "--name", "X"], "A round's name is only used with --save.", 2),
    ],
)
def test_mistakes_are_one_sentence_on_stderr(capsys, db_file, args, message, exit_code) -> None:
    path, _made = db_file
    code, out, err = run(capsys, "groups", "propose", *args, "--db", path)
    assert code == exit_code and out == ""
    assert err.startswith(message) and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_database_is_required(capsys) -> None:
    code, _out, err = run(capsys, "groups", "propose", "--cohort", "1", "--size", "5")
    assert code != 0 and "--db" in err
