"""Swedish and Danish participant and unit lists as Swedish and Danish Excel save them, through the import
service and the CLI.

The files are written byte for byte the way Excel writes them (not through Python's ``csv`` module): "CSV
(semikolonavgränsad)" / "CSV (semikolonsepareret)" is Windows-1252 with ";" between fields (the comma is the
decimal sign in these locales, "37,5"), CRLF after every row, quotes only around a field that holds ";", a
quote or a line break, and a row of bare separators where a formatted row was left empty; "CSV UTF-8" is the same
in UTF-8 after a byte-order mark.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_run import run_cli
from sqlalchemy import select

from tillitsleder import model as m
from tillitsleder import organisation as org
from tillitsleder.enrolment import cohorts as enrolment
from tillitsleder.enrolment.participant_list.files import read_table
from tillitsleder.enrolment.participant_list.importer import guess_mapping, import_participants, preview_import
from tillitsleder.model import Cohort, Enrolment, Person
from tillitsleder.organisation.units_import import import_units

ALL_FIELDS = {"first_name", "last_name", "email", "unit", "department", "position", "employee_number"}


def excel_csv(path: Path, rows: list[list[str]], *, utf8: bool) -> Path:
    """``rows`` as Excel saves a sheet: ";" between fields, CRLF, quotes only where needed; Windows-1252
    ("CSV") or UTF-8 with a BOM ("CSV UTF-8")."""

    def field(value: str) -> str:
        if any(c in value for c in ';"\r\n'):
            return '"' + value.replace('"', '""') + '"'
        return value

    text = "".join(";".join(field(v) for v in row) + "\r\n" for row in rows)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8") if utf8 else text.encode("cp1252"))
    return path


@pytest.fixture
def cohort(demo_db) -> int:
    with demo_db.read() as s:
        return s.scalar(select(Cohort.id))


@pytest.fixture
def units(demo_db, cohort) -> list[str]:
    return [u.name for u in enrolment.unit_options(demo_db, cohort)]


def enrolled(db, cohort: int) -> dict[tuple[str, str], tuple[str, str | None, str | None]]:
    with db.read() as s:
        rows = s.execute(
            select(Person.first_name, Person.last_name, Person.email, Person.employee_number, Person.position)
            .join(Enrolment, Enrolment.person_id == Person.id)
            .where(Enrolment.cohort_id == cohort)
        )
        return {(r.first_name, r.last_name): (r.email, r.employee_number, r.position) for r in rows}




# --- Participant lists --------------------------------------------------------------------------------------

SV_HEADERS = ["Förnamn", "Efternamn", "E-post", "Enhet", "Förvaltning", "Befattning", "Anställningsnummer"]
DA_HEADERS = ["Fornavn", "Efternavn", "E-mail", "Enhed", "Forvaltning", "Stilling", "Medarbejdernummer"]


def test_swedish_excel_csv_in_windows_1252_through_the_service(demo_db, cohort, units, tmp_path) -> None:
    rows = [
        [*SV_HEADERS, "Tjänstgöringsgrad"],
        ["Märta", "Öberg", "marta.oberg@norrkoping.se", units[0], "",
         "Enhetschef; äldreboende", "100234", "87,5"],
        ["Åke", "Sjöström", "ake.sjostrom@norrkoping.se", units[1], "",
         'Rektor "Ängsskolan"', "100235", "100"],
        ["", "", "", "", "", "", "", ""],  # a formatted row left empty
    ]  # fmt: skip  (the department is left empty: the demo's units are known without it)
    path = excel_csv(tmp_path / "deltagare.csv", rows, utf8=False)
    assert path.read_bytes().count(b"\r\n") == 4 and "ä".encode("cp1252") in path.read_bytes()
    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    assert table.headers[:7] == SV_HEADERS
    assert len(table.rows) == 2, "the row of bare separators is skipped"
    assert table.rows[0][1][5] == "Enhetschef; äldreboende" and table.rows[0][1][7] == "87,5"
    assert set(guess_mapping(table.headers).values()) == ALL_FIELDS
    preview = preview_import(demo_db, cohort, table)
    assert not preview.problem_rows and preview.new == 2
    import_participants(demo_db, cohort, table)
    people = enrolled(demo_db, cohort)
    assert people[("Märta", "Öberg")] == ("marta.oberg@norrkoping.se", "100234", "Enhetschef; äldreboende")
    assert people[("Åke", "Sjöström")][2] == 'Rektor "Ängsskolan"'


def test_danish_csv_utf8_with_decimal_commas_through_the_service(demo_db, cohort, units, tmp_path) -> None:
    rows = [
        [*DA_HEADERS, "Timer pr. uge"],
        ["Søren", "Kierkegaard-Ærø", "sk@aarhus.dk", units[2], "", "Dagtilbudsleder",
         "4711", "37,0"],
        ["Åse", "Ølgaard", "aase@aarhus.dk", units[3], "", "Afdelingsleder", "4712", "32,5"],
    ]  # fmt: skip
    table = read_table(excel_csv(tmp_path / "deltagere.csv", rows, utf8=True))
    assert (table.encoding, table.delimiter) == ("utf-8-sig", ";")
    assert table.headers[0] == "Fornavn", "the BOM is not part of the first header"
    assert set(guess_mapping(table.headers).values()) == ALL_FIELDS
    preview = preview_import(demo_db, cohort, table)
    assert not preview.problem_rows and preview.new == 2
    assert preview.rows[1].employee_number == "4712"
    import_participants(demo_db, cohort, table)
    assert enrolled(demo_db, cohort)[("Søren", "Kierkegaard-Ærø")] == ("sk@aarhus.dk", "4711", "Dagtilbudsleder")


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["Tilltalsnamn", "Efternamn", "E-postadress", "Arbetsplats", "Avdelning", "Yrkestitel", "Anställningsnr"],
         ALL_FIELDS),
        (["Fornavn", "Efternavn", "E-mailadresse", "Arbejdssted", "Afdeling", "Stillingsbetegnelse", "Lønnummer"],
         ALL_FIELDS),
        (["Fulde navn", "Mail", "Enhedsnavn", "Medarb.nr."], {"full_name", "email", "unit", "employee_number"}),
        (["Fullständigt namn", "Mejl", "Enhetsnamn", "Medarbetarnummer"],
         {"full_name", "email", "unit", "employee_number"}),
        (["Lønnr.", "Jobtitel", "Institution"], {"employee_number", "position", "unit"}),
    ],
)  # fmt: skip
def test_swedish_and_danish_header_variants(headers: list[str], expected: set[str]) -> None:
    assert set(guess_mapping(headers).values()) == expected


def test_cli_imports_a_danish_windows_1252_list(demo_db, demo_target, cohort, units, tmp_path, capsys) -> None:
    rows = [
        ["Fornavn", "Efternavn", "E-mail", "Enhed", "Stilling", "Lønnummer"],
        ["Bjørn", "Ærbødig", "bjorn@odense.dk", units[0], "Leder – dagtilbud", "9001"],
        ["Zoë", "Frølich", "zoe@odense.dk", units[1], "Souschef", "9002"],
    ]
    path = excel_csv(tmp_path / "hold.csv", rows, utf8=False)
    assert b"\x96" in path.read_bytes(), "the en dash is Windows-1252's byte, not valid UTF-8"
    args = ("import", "participants", str(path), "--cohort", str(cohort), "--db", demo_target)
    code, out, _err = run_cli(capsys, *args, "--dry-run")
    assert code == 0 and "2 new" in out and "Dry run: nothing was written." in out
    code, out, _err = run_cli(capsys, *args)
    assert code == 0 and "2 participants enrolled." in out
    people = enrolled(demo_db, cohort)
    assert people[("Bjørn", "Ærbødig")] == ("bjorn@odense.dk", "9001", "Leder – dagtilbud")
    assert ("Zoë", "Frølich") in people


def test_cli_imports_a_swedish_csv_utf8_list_and_reports_its_problems_by_swedish_header(
    demo_db, demo_target, cohort, units, tmp_path, capsys
) -> None:
    rows = [SV_HEADERS, ["Märta", "Öberg", "marta@", units[0], "", "Enhetschef", "1"]]
    path = excel_csv(tmp_path / "fel.csv", rows, utf8=True)
    code, out, err = run_cli(capsys, "import", "participants", str(path), "--cohort", str(cohort),
                             "--db", demo_target)  # fmt: skip
    assert code != 0 and "Traceback" not in err
    assert "Row 2, E-post: “marta@” is not a valid e-mail address." in out
    rows[1][2] = "marta@norrkoping.se"
    code, out, _err = run_cli(capsys, "import", "participants", str(excel_csv(path, rows, utf8=True)), "--cohort",
                              str(cohort), "--db", demo_target)  # fmt: skip
    assert code == 0 and "1 participant enrolled." in out
    assert enrolled(demo_db, cohort)[("Märta", "Öberg")] == ("marta@norrkoping.se", "1", "Enhetschef")


# --- Unit lists ---------------------------------------------------------------------------------------------


@pytest.fixture
def municipality(db) -> int:
    with db.session() as s:
        s.add(m.Municipality(name="Norrköpings kommun", country="SE"))
    return org.find_municipality(db)[0]


def test_swedish_and_danish_unit_lists_through_the_service(db, municipality, tmp_path) -> None:
    swedish = excel_csv(tmp_path / "enheter.csv", [
        ["Förvaltning", "Enhet", "Enhetskod"],
        ["Vård- och omsorgsförvaltningen", "Äldreboendet Åbacken", "5101"],
        ["Utbildningsförvaltningen", "Ängsskolan", "5201"],
    ], utf8=False)  # fmt: skip
    result = import_units(db, swedish, municipality)
    assert result.written and [name for _dep, name, _code in result.plan.new_units] == [
        "Äldreboendet Åbacken", "Ängsskolan",
    ]  # fmt: skip
    assert result.plan.new_departments == ["Vård- och omsorgsförvaltningen", "Utbildningsförvaltningen"]
    danish = excel_csv(tmp_path / "enheder.csv", [
        ["Afdeling", "Enhed", "Enhedskode"],
        ["Sundhed og Omsorg", "Plejecenter Søbakken", "7101"],
    ], utf8=True)  # fmt: skip
    assert import_units(db, danish, municipality).plan.new_units == [("Sundhed og Omsorg", "Plejecenter Søbakken",
                                                                      "7101")]  # fmt: skip


def test_cli_imports_a_danish_unit_list(db, db_target, municipality, tmp_path, capsys) -> None:
    db.close()
    path = excel_csv(tmp_path / "enheder.csv", [
        ["Forvaltning", "Enhedsnavn", "Enhedsnummer"],
        ["Børn og Unge", "Dagtilbud Østbyen", "8101"],
        ["Børn og Unge", "Skovbørnehaven Æblehaven", "8102"],
    ], utf8=False)  # fmt: skip
    code, out, _err = run_cli(capsys, "units", "import", str(path), "--db", db_target)
    assert code == 0 and "2 new units" in out
    code, out, _err = run_cli(capsys, "units", "list", "--db", db_target)
    assert "Dagtilbud Østbyen [8101]" in out and "Skovbørnehaven Æblehaven [8102]" in out
