"""``tillitsleder tables seat|list|print``: a table day from the command line, checked through ``main()``: output,
exit codes, one sentence (no traceback) for mistakes, and the printed table lists read back with pdftotext."""

from __future__ import annotations

import subprocess

import pytest
from engine_data import built
from roster_testdata import build_world
from sqlalchemy import func, select

from tillitsleder import model as m
from tillitsleder.cli import main
from tillitsleder.storage import open_database
from tillitsleder.table_day import plans as td


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TILLITSLEDER_LANG", "en")


@pytest.fixture
def path(database_copy) -> str:
    """A copy of the roster world on the test's engine, as ``--db`` takes it: 40 leaders in cohort “Omgång 1”, five
    from each of units “Enhet A”–“Enhet H”, and the pool F16 of six facilitators, one in each of the first six
    units."""
    return built(database_copy, "roster-world", build_world)[0]


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def days(path: str) -> int:
    db = open_database(path, create=False)
    try:
        with db.read() as s:
            return s.scalar(select(func.count(m.TableDay.id)))
    finally:
        db.close()


SEAT = ("tables", "seat", "--name", "Chefsdagen", "--cohort", "omgång 1", "--date", "2027-03-11")


def test_seat_prints_the_tables_and_stores_nothing_without_save(capsys, path) -> None:
    code, out, err = run(capsys, *SEAT, "--size", "6", "--table-name", "Eldkvarn", "--table-name", "Strykjärnet",
                         "--leaders", "f16", "--db", path)  # fmt: skip
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Chefsdagen · 11 March 2027 · 40 people · 7 tables · 0 pairs from the same unit at a table"
    headers = [line for line in lines if " · Table leader: " in line]
    assert len(headers) == 7 and headers[0].startswith("Eldkvarn · Table leader: Fasilitator")
    assert headers[1].startswith("Strykjärnet · ") and headers[2].startswith("Table 3 · ")
    assert headers[6] == "Table 7 · Table leader: No table leader yet · 5 people"  # six leaders for seven tables
    assert sum(1 for line in lines if line.startswith("  Ledare")) == 40
    assert lines[-1] == "Seating proposed; add --save to store it." and days(path) == 0
    again = run(capsys, *SEAT, "--size", "6", "--table-name", "Eldkvarn", "--table-name", "Strykjärnet",
                "--leaders", "F16", "--db", path)  # fmt: skip
    assert again[1] == out  # the same input gives the same seating
    other = run(capsys, *SEAT, "--size", "6", "--leaders", "F16", "--seed", "4", "--db", path)[1]
    assert other.splitlines()[0] == lines[0] and other != out


def test_units_and_a_number_of_tables_then_list_and_print(capsys, path, tmp_path) -> None:
    code, out, err = run(capsys, "tables", "seat", "--name", "Enhetsdag", "--unit", "Enhet A", "--unit", "enhet b",
                         "--tables", "2", "--save", "--db", path)  # fmt: skip
    assert code == 0, err
    assert out.splitlines()[0] == "Enhetsdag · 12 people · 2 tables · 12 pairs from the same unit at a table"
    assert out.splitlines()[-1].startswith("Saved as table day ") and days(path) == 1
    code, out, err = run(capsys, "tables", "list", "--db", path)
    (line,) = out.splitlines()
    assert code == 0 and line.split(maxsplit=1)[1] == "Enhetsdag · no date · 12 people · 2 tables"
    code, out, err = run(capsys, "tables", "list", "--day", "ENHETSDAG", "--db", path)
    assert code == 0 and out.count("Table leader: No table leader yet · 6 people") == 2

    target = tmp_path / "bord.pdf"
    code, out, err = run(capsys, "tables", "print", "--day", "Enhetsdag", "-o", str(target), "--db", path)
    assert (code, err) == (0, "") and out == f"Table lists of Enhetsdag written to {target}.\n"
    assert target.read_bytes().startswith(b"%PDF-") and not list(tmp_path.glob("*.part"))
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, check=True, text=True).stdout
    db = open_database(path, create=False)
    try:
        view = td.get_table_day(db, td.find_table_day(db, "Enhetsdag").id)
    finally:
        db.close()
    names = [p.name for t in view.tables for p in t.members]
    assert len(names) == 12 and all(text.count(name) >= 2 for name in names)  # table + "Where do I sit?"
    assert "Where do I sit?" in text and "Table 1" in text and "Table 2" in text


def test_list_without_table_days_says_how_to_make_one(capsys, path) -> None:
    assert run(capsys, "tables", "list", "--db", path) == (
        0, "There are no table days yet; seat people with “tillitsleder tables seat”.\n", ""
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["seat", "--name", "X", "--cohort", "Kull 9", "--size", "6"], 3, "There is no cohort “Kull 9”."),
        (["seat", "--name", "X", "--unit", "Enhet Z", "--size", "6"], 3, "There is no unit “Enhet Z”."),
        (["seat", "--name", "X", "--cohort", "1", "--size", "1"], 2, "A table seats from 2 to 30 people."),
        (["seat", "--name", "X", "--cohort", "1", "--tables", "30"], 2,
         "40 people cannot fill 30 tables with at least two at each."),
        (["seat", "--name", "X", "--cohort", "1", "--size", "6", "--leaders", "F99"], 3,
         "There is no facilitator pool “F99”."),
        (["seat", "--name", "X", "--cohort", "1", "--size", "6", "--date", "11.03.2027"], 2,
         "“11.03.2027” is not a date; write it as YYYY-MM-DD."),
        (["seat", "--name", " ", "--cohort", "1", "--size", "6"], 2, "Give the table day a name."),
        (["seat", "--name", "X", "--cohort", "1"], 2, "one of the arguments --size --tables is required"),
        (["list", "--day", "Julbord"], 3, "There is no table day “Julbord”."),
        (["print", "--day", "1", "-o", "/no/such/folder/x.pdf"], 2, "The folder “/no/such/folder” does not exist."),
    ],
)  # fmt: skip
def test_mistakes_are_one_sentence_with_an_exit_code(capsys, path, args, code, message) -> None:
    got, out, err = run(capsys, "tables", *args, "--db", path)
    assert got == code and message in err and "Traceback" not in err and err.strip().count("\n") == 0
    assert days(path) == 0


def test_print_needs_a_database_and_a_file_name(capsys, path, tmp_path) -> None:
    code, _out, err = run(capsys, "tables", "print", "--day", "1", "-o", str(tmp_path / "x.pdf"))
    assert code == 2 and err == "Give the database's file with --db PATH.\n"
    code, _out, err = run(capsys, "tables", "print", "--day", "1", "-o", str(tmp_path), "--db", path)
    assert code == 2 and "is a folder" in err
