"""Importing participants from real files: Excel workbooks, Nordic CSV dialects, every problem, hostile files."""

from __future__ import annotations

import csv
import io
import re
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from cli_run import run_cli
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, insert, select

from tillitsleder.cli import main
from tillitsleder.enrolment import cohorts as enrolment
from tillitsleder.enrolment.participant_list import importer as participant_import
from tillitsleder.enrolment.participant_list.files import FileRefused, decode_text, read_table
from tillitsleder.enrolment.participant_list.importer import guess_mapping, import_participants, preview_import
from tillitsleder.errors import Cancelled, ValidationError
from tillitsleder.model import AuditEvent, Cohort, Department, Enrolment, EnrolmentStatusChange, Person, Unit

NB_HEADERS = ["Fornavn", "Etternavn", "E-post", "Enhet", "Stilling", "Ansattnummer"]


def write_csv(path: Path, rows: list[list[str]], *, encoding: str = "utf-8", delimiter: str = ";") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


@pytest.fixture
def cohort(demo_db) -> int:
    with demo_db.read() as s:
        return s.scalar(select(Cohort.id))


@pytest.fixture
def units(demo_db, cohort) -> list[str]:
    return [u.name for u in enrolment.unit_options(demo_db, cohort)]


def counts(db) -> tuple[int, int, int, int]:
    with db.read() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(model))
            for model in (Person, Enrolment, EnrolmentStatusChange, AuditEvent)
        )


def enrolled_names(db, cohort: int) -> set[tuple[str, str]]:
    with db.read() as s:
        rows = s.execute(
            select(Person.first_name, Person.last_name)
            .join(Enrolment, Enrolment.person_id == Person.id)
            .where(Enrolment.cohort_id == cohort)
        )
        return {tuple(row) for row in rows}


# --- Reading files ------------------------------------------------------------------------------------------


def test_cp1252_semicolon_csv_with_nordic_letters(demo_db, cohort, units, tmp_path) -> None:
    rows = [NB_HEADERS, ["Øyvind", "Ærlig", "oyvind.aerlig@example.no", units[0], "Enhetsleder", "1001"]]
    rows.append(["Åsa", "Lindström", "asa.l@example.se", units[1].upper(), "Fagleder", "1002"])
    path = write_csv(tmp_path / "deltakere.csv", rows, encoding="cp1252")
    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    assert table.rows[1] == (3, ["Åsa", "Lindström", "asa.l@example.se", units[1].upper(), "Fagleder", "1002"])
    preview = preview_import(demo_db, cohort, table)
    assert not preview.problem_rows and preview.new == 2
    result = import_participants(demo_db, cohort, table)
    assert (result.enrolled, result.persons_created) == (2, 2)
    assert {("Øyvind", "Ærlig"), ("Åsa", "Lindström")} <= enrolled_names(demo_db, cohort)


def test_utf8_bom_comma_csv_with_swedish_headers(demo_db, cohort, units, tmp_path) -> None:
    headers = ["Förnamn", "Efternamn", "E-post", "Enhet", "Förvaltning", "Befattning", "Anställningsnummer"]
    rows = [headers, ["Märta", "Ŋuolja-Åström", "marta@example.se", units[0], "", "Chef, enhet", "SE-7"]]
    path = write_csv(tmp_path / "deltagare.csv", rows, encoding="utf-8-sig", delimiter=",")
    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("utf-8-sig", ",")
    assert table.headers[0] == "Förnamn", "the BOM is not part of the first header"
    assert set(guess_mapping(table.headers).values()) == {
        "first_name",
        "last_name",
        "email",
        "unit",
        "department",
        "position",
        "employee_number",
    }
    preview = preview_import(demo_db, cohort, table)
    assert preview.rows[0].position == "Chef, enhet" and not preview.problem_rows


def test_xlsx_with_english_headers_full_names_and_numbers(demo_db, cohort, units, tmp_path) -> None:
    rows = [
        ["Name", "E-mail", "Unit", "Employee number", "Notes"],
        ["Ole Johan Nilsen", "ole@example.no", units[2], 40017, "note"],
        [None, None, None, None, None],
        ["Máret Sárá", None, units[3], None, None],
    ]
    table = read_table(write_xlsx(tmp_path / "list.xlsx", rows))
    assert table.headers == ["Name", "E-mail", "Unit", "Employee number", "Notes"]
    assert [line for line, _values in table.rows] == [2, 4], "blank rows are skipped but keep their numbers"
    assert table.rows[0][1][3] == "40017"
    mapping = guess_mapping(table.headers)
    assert mapping == {0: "full_name", 1: "email", 2: "unit", 3: "employee_number"}
    preview = preview_import(demo_db, cohort, table, mapping)
    first = preview.rows[0]
    assert (first.first_name, first.last_name, first.employee_number) == ("Ole Johan", "Nilsen", "40017")
    assert (preview.rows[1].first_name, preview.rows[1].last_name) == ("Máret", "Sárá")
    import_participants(demo_db, cohort, table, mapping)
    assert ("Ole Johan", "Nilsen") in enrolled_names(demo_db, cohort)


def test_tab_separated_and_unknown_headers_need_a_mapping(demo_db, cohort, tmp_path) -> None:
    rows = [["Given", "Family", "Mobil"], ["Kari", "Nordmann", "99999999"]]
    table = read_table(write_csv(tmp_path / "hr.txt", rows, delimiter="\t"))
    assert table.delimiter == "\t" and guess_mapping(table.headers) == {}
    with pytest.raises(ValidationError, match="names"):
        preview_import(demo_db, cohort, table)
    with pytest.raises(ValidationError, match="one column only"):
        preview_import(demo_db, cohort, table, {0: "first_name", 1: "first_name"})
    preview = preview_import(demo_db, cohort, table, {0: "first_name", 1: "last_name"})
    assert not preview.problem_rows


def test_headers_are_recognised_ignoring_case_space_and_punctuation() -> None:
    headers = [" FORNAVN ", "etter-navn", "E_post", "e-mail", "Ansatt nr.", "STILLINGS TITTEL", "Avdeling", "x"]
    assert guess_mapping(headers) == {
        0: "first_name",
        1: "last_name",
        2: "email",
        4: "employee_number",
        5: "position",
        6: "department",
    }


# --- Problems -----------------------------------------------------------------------------------------------


def test_every_problem_is_reported_with_row_column_and_reason(demo_db, cohort, units, tmp_path) -> None:
    with demo_db.session() as s:
        enrolled = s.execute(
            select(Person.first_name, Person.last_name, Person.email)
            .join(Enrolment, Enrolment.person_id == Person.id)
            .where(Enrolment.cohort_id == cohort)
        ).first()
        outsider_id = s.execute(
            insert(Person).returning(Person.id),
            {"first_name": "Inga", "last_name": "Utenfor", "email": "inga@example.no", "employee_number": "E-55"},
        ).scalar_one()
        other_department = s.execute(insert(Department).returning(Department.id), {"municipality_id": 1, "name": "Ny"})
        s.execute(insert(Unit), {"department_id": other_department.scalar_one(), "name": units[0]})
    rows = [
        NB_HEADERS + ["Avdeling"],
        ["", "Uten", "", "", "", "", ""],  # 2 missing first name
        ["Ugyldig", "Epost", "ugyldig@", "", "", "", ""],  # 3 invalid e-mail
        ["Ukjent", "Enhet", "", "Månebasen", "", "", ""],  # 4 unknown unit
        ["Tvetydig", "Enhet", "", units[0], "", "", ""],  # 5 ambiguous unit (two departments)
        ["Inga", "Utenfor", "INGA@example.no", units[1], "", "", ""],  # 6 existing person: a notice
        ["Helt", "Annen", "", "", "", "E-55", ""],  # 7 employee number of someone else (and row 6's person)
        [enrolled.first_name, enrolled.last_name, enrolled.email, "", "", "", ""],  # 8 already enrolled
        ["Dobbel", "En", "dobbel@example.no", "", "", "D1", ""],  # 9 fine
        ["Dobbel", "To", "Dobbel@example.no", "", "", "D2", ""],  # 10 same e-mail as row 9
        ["Dobbel", "Tre", "tre@example.no", "", "", "D1", ""],  # 11 same employee number as row 9
        ["Lang", "N" * 101, "", "", "", "", ""],  # 12 too long
        ["Inga", "Utenfor", "inga@example.no", "", "", "E-99", ""],  # 13 number differs from the record
    ]
    table = read_table(write_csv(tmp_path / "problems.csv", rows))
    preview = preview_import(demo_db, cohort, table)
    by_line = {row.line: row for row in preview.rows}
    codes = {line: [p.code for p in row.problems] for line, row in by_line.items()}
    assert codes[2] == ["missing_name"] and by_line[2].problems[0].column == 0
    assert codes[3] == ["invalid_email"] and "ugyldig@" in by_line[3].problems[0].text()
    assert codes[4] == ["unknown_unit"] and "Månebasen" in by_line[4].problems[0].text()
    assert codes[5] == ["ambiguous_unit"]
    assert codes[6] == [] and by_line[6].person_id == outsider_id
    assert "Will enrol the existing person Inga Utenfor" in by_line[6].notices[0].text()
    assert codes[7] == ["duplicate_person"] and "Inga Utenfor" in by_line[7].problems[0].text()
    assert codes[8] == ["already_enrolled"]
    assert codes[9] == []
    assert codes[10] == ["duplicate_in_file"] and "row 9" in by_line[10].problems[0].text()
    assert codes[11] == ["duplicate_in_file"] and by_line[11].problems[0].column == 5
    assert codes[12] == ["too_long"] and by_line[12].problems[0].column == 1
    assert codes[13] == ["duplicate_person", "duplicate_in_file"] and "E-55" in by_line[13].problems[0].text()
    before = counts(demo_db)
    with pytest.raises(ValidationError, match="nothing was imported"):
        import_participants(demo_db, cohort, table)
    assert counts(demo_db) == before
    # The GUI's explicit choice: leave the problem rows out, import the rest.
    result = import_participants(demo_db, cohort, table, exclude=[r.line for r in preview.problem_rows])
    assert (result.enrolled, result.persons_created, result.existing_persons) == (2, 1, 1)
    with demo_db.read() as s:
        position = s.scalar(select(Enrolment.unit_id).where(Enrolment.person_id == outsider_id))
    assert position is not None, "the unit in the file is the enrolment's snapshot"


def test_leaving_out_a_row_clears_the_duplicate_it_caused(demo_db, cohort, tmp_path) -> None:
    rows = [NB_HEADERS, ["A", "En", "a@example.no", "", "", ""], ["A", "To", "a@example.no", "", "", ""]]
    table = read_table(write_csv(tmp_path / "dup.csv", rows))
    assert [r.line for r in preview_import(demo_db, cohort, table).problem_rows] == [3]
    result = import_participants(demo_db, cohort, table, exclude=[2])
    assert result.enrolled == 1 and ("A", "To") in enrolled_names(demo_db, cohort)


# --- All or nothing -----------------------------------------------------------------------------------------


def _big_table(tmp_path: Path, units: list[str], n: int = 1200):
    rows = [NB_HEADERS] + [
        [f"Per{i}", "Ås", f"p{i}@example.no", units[i % len(units)], "Leder", f"N{i}"] for i in range(n)
    ]
    return read_table(write_csv(tmp_path / "big.csv", rows))


def test_failure_mid_import_leaves_no_new_rows(demo_db, cohort, units, tmp_path, monkeypatch) -> None:
    table = _big_table(tmp_path, units)
    before = counts(demo_db)

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(participant_import, "_insert_enrolments", broken)
    with pytest.raises(RuntimeError):
        import_participants(demo_db, cohort, table)
    assert counts(demo_db) == before


def test_cancel_during_writing_leaves_nothing(demo_db, cohort, units, tmp_path) -> None:
    table = _big_table(tmp_path, units)
    before = counts(demo_db)
    reports: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        import_participants(
            demo_db, cohort, table, progress=lambda d, t: reports.append((d, t)), cancelled=lambda: len(reports) > 6
        )
    assert counts(demo_db) == before
    result = import_participants(demo_db, cohort, table, progress=lambda d, t: reports.append((d, t)))
    assert result.enrolled == 1200 and reports[-1][0] == reports[-1][1]


# --- CLI ----------------------------------------------------------------------------------------------------




def test_cli_reports_problems_and_changes_nothing(demo_db, demo_target, cohort, units, tmp_path, capsys) -> None:
    rows = [NB_HEADERS, ["Kari", "Nord", "kari@", units[0], "", ""], ["Per", "Sør", "", "Ingen", "", ""]]
    path = write_csv(tmp_path / "feil.csv", rows, encoding="cp1252")
    before = counts(demo_db)
    code, out, err = run_cli(capsys, "import", "participants", str(path), "--cohort", "1", "--db", demo_target)
    assert code != 0 and "Traceback" not in err
    assert "Row 2, E-post: “kari@” is not a valid e-mail address." in out
    assert "Row 3, Enhet: The unit “Ingen” is not registered in " in out and "--create-units" in out
    assert "2 with problems" in out and "Nothing was imported" in err
    assert counts(demo_db) == before


def test_cli_dry_run_writes_nothing_then_imports_by_cohort_name(
    demo_db, demo_target, cohort, units, tmp_path, capsys
) -> None:
    rows = [["Fornavn", "Etternavn", "Kommentar"], ["Kari", "Nord", "x"], ["Per", "Sør", "y"]]
    path = write_csv(tmp_path / "ok.csv", rows)
    before = counts(demo_db)
    args = ("import", "participants", str(path), "--cohort", "KULL 1 – NORDSTRAND", "--db", demo_target)
    code, out, _err = run_cli(capsys, *args, "--dry-run")
    assert code == 0 and "Dry run: nothing was written." in out and "2 new" in out
    assert counts(demo_db) == before
    code, out, _err = run_cli(capsys, *args)
    assert code == 0 and "2 participants enrolled." in out
    assert counts(demo_db)[1] == before[1] + 2


def test_cli_maps_unknown_headers_with_column_option(demo_db, demo_target, tmp_path, capsys) -> None:
    path = write_csv(tmp_path / "hr.csv", [["Given", "Family"], ["Kari", "Nord"]])
    args = ("import", "participants", str(path), "--cohort", "1", "--db", demo_target, "--dry-run")
    code, _out, err = run_cli(capsys, *args)
    assert code != 0 and "“Given”, “Family”" in err
    code, out, _err = run_cli(capsys, *args, "--column", "Given=first_name", "--column", "family=last_name")
    assert code == 0 and "1 new" in out


def test_column_help_names_the_fields_in_the_user_s_language_and_both_spellings_work(
    demo_db, demo_target, tmp_path, capsys
) -> None:
    from tillitsleder.commands.import_participants import FIELD_WORDS
    from tillitsleder.enrolment.participant_list.columns import FIELDS

    assert list(FIELD_WORDS) == list(FIELDS)  # every field has its command-line word
    with pytest.raises(SystemExit):
        main(["--lang", "nb", "import", "participants", "--help"])
    help_nb = " ".join(capsys.readouterr().out.split())
    assert "fornavn, etternavn, fullt_navn, epost, ansattnummer, enhet, avdeling, stilling" in help_nb
    assert "first_name" not in help_nb
    with pytest.raises(SystemExit):
        main(["--lang", "en", "import", "participants", "--help"])
    assert "first_name, last_name, full_name" in " ".join(capsys.readouterr().out.split())
    path = write_csv(tmp_path / "hr.csv", [["Given", "Family"], ["Kari", "Nord"]])
    args = ("import", "participants", str(path), "--cohort", "1", "--db", demo_target, "--dry-run")
    for first, last in (("fornavn", "etternavn"), ("first_name", "Etternavn")):
        code = main(["--lang", "nb", *args, "--column", f"Given={first}", "--column", f"family={last}"])
        out, _err = capsys.readouterr()
        assert code == 0 and "1 ny" in out
    code = main(["--lang", "nb", *args, "--column", "Given=fornamn"])
    assert code != 0 and "fornavn, etternavn" in capsys.readouterr().err


def test_cli_refuses_a_hostile_file_in_one_sentence(demo_db, demo_target, tmp_path, capsys) -> None:
    junk = tmp_path / "deltakere.csv"
    junk.write_bytes(bytes(range(256)) * 100)
    code, out, err = run_cli(capsys, "import", "participants", str(junk), "--cohort", "1", "--db", demo_target)
    assert code == 2 and out == "" and "Traceback" not in err
    assert err.strip().count("\n") == 0 and "deltakere.csv" in err


# --- Hostile files ------------------------------------------------------------------------------------------


def _refused_quickly(demo_db, cohort, path: Path, match: str) -> None:
    before = counts(demo_db)
    start = time.perf_counter()
    with pytest.raises(FileRefused, match=match) as caught:
        read_table(path)
    assert time.perf_counter() - start < 2.0
    assert "Traceback" not in str(caught.value)
    assert counts(demo_db) == before


def _rewrite_entry(source: Path, target: Path, name: str, write) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            if item.filename == name:
                with new.open(name, "w", force_zip64=True) as handle:
                    write(handle)
            else:
                new.writestr(item, old.read(item.filename))
    return target


def test_zip_bomb_workbook_is_refused(demo_db, cohort, tmp_path) -> None:
    plain = write_xlsx(tmp_path / "plain.xlsx", [["Fornavn", "Etternavn"], ["Kari", "Nord"]])
    row = b'<row><c t="inlineStr"><is><t>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</t></is></c></row>' * 16_000

    def huge_sheet(handle) -> None:
        handle.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        for _ in range(200):  # about 260 MB uncompressed, well under 1 MB compressed
            handle.write(row)
        handle.write(b"</sheetData></worksheet>")

    bomb = _rewrite_entry(plain, tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml", huge_sheet)
    assert bomb.stat().st_size < 2_000_000
    _refused_quickly(demo_db, cohort, bomb, "unpacks to far more data")


def test_a_workbook_claiming_a_huge_sheet_is_read_as_it_is(demo_db, cohort, tmp_path) -> None:
    plain = write_xlsx(tmp_path / "plain.xlsx", [["Fornavn", "Etternavn"], ["Kari", "Nord"]])
    with zipfile.ZipFile(plain) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    lying = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', sheet)
    assert lying != sheet
    path = _rewrite_entry(plain, tmp_path / "lying.xlsx", "xl/worksheets/sheet1.xml", lambda h: h.write(lying))
    start = time.perf_counter()
    table = read_table(path)
    assert time.perf_counter() - start < 2.0
    assert table.headers == ["Fornavn", "Etternavn"] and table.rows == [(2, ["Kari", "Nord"])]


def test_billion_laughs_in_shared_strings_is_refused(demo_db, cohort, tmp_path) -> None:
    plain = tmp_path / "plain.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["Fornavn", "Etternavn"])
    workbook.save(plain)
    laughs = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    evil = (
        '<?xml version="1.0"?><!DOCTYPE sst [' + "".join(laughs) + "]>"
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        "<si><t>&lol9;</t></si></sst>"
    ).encode()
    with zipfile.ZipFile(plain) as archive:
        names = archive.namelist()
    target = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in names else "xl/worksheets/sheet1.xml"
    path = _rewrite_entry(plain, tmp_path / "laughs.xlsx", target, lambda h: h.write(evil))
    _refused_quickly(demo_db, cohort, path, "entity declarations")


def test_csv_with_100000_columns_is_refused(demo_db, cohort, tmp_path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text(";".join(f"c{i}" for i in range(100_000)) + "\r\n" + ";" * 99_999 + "\r\n", encoding="utf-8")
    _refused_quickly(demo_db, cohort, path, "more than 200 columns")


def test_binary_junk_is_refused_under_any_name(demo_db, cohort, tmp_path) -> None:
    junk = bytes(range(256)) * 400
    for name in ("junk.csv", "junk.xlsx", "junk.txt"):
        path = tmp_path / name
        path.write_bytes(junk)
        _refused_quickly(demo_db, cohort, path, "not")
    old_excel = tmp_path / "old.xlsx"
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000)
    _refused_quickly(demo_db, cohort, old_excel, "old Excel file")
    fake_zip = tmp_path / "notes.xlsx"
    with zipfile.ZipFile(fake_zip, "w") as archive:
        archive.writestr("notes.txt", "hello")
    _refused_quickly(demo_db, cohort, fake_zip, "not an Excel workbook")


def test_oversized_and_empty_files_are_refused(demo_db, cohort, tmp_path) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    _refused_quickly(demo_db, cohort, big, "over 20 MB")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    _refused_quickly(demo_db, cohort, empty, "empty")


# --- Encodings, as a property -------------------------------------------------------------------------------

NORDIC = "abcdefghijklmnoprstuvyæøåäöáčđŋšŧžé"
names = st.text(alphabet=NORDIC, min_size=1, max_size=12).map(str.capitalize)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    people=st.lists(st.tuples(names, names), min_size=1, max_size=8),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    delimiter=st.sampled_from([";", ",", "\t"]),
)
def test_nordic_names_survive_encoding_detection(tmp_path_factory, people, encoding, delimiter) -> None:
    if encoding == "cp1252":  # Windows-1252 has no Sami č đ ŋ ŧ: Excel would have written "?"
        people = [(f.translate(_NOT_CP1252), g.translate(_NOT_CP1252)) for f, g in people]
    rows = [["Fornavn", "Etternavn"], *[list(p) for p in people]]
    if encoding == "cp1252":
        # The one ambiguity no detector can settle: every non-ASCII letter of a Windows-1252 file forms valid
        # UTF-8 that reads as plausible letters too ("Äš" is also UTF-8 "Ě"); valid UTF-8 wins then. Files with
        # any ordinary "ø " or "å," are never valid UTF-8, so real lists do not meet this.
        data = "".join(f + g for f, g in people).encode("cp1252")
        assume(not _ambiguous(data))
    path = write_csv(tmp_path_factory.mktemp("prop") / "names.csv", rows, encoding=encoding, delimiter=delimiter)
    table = read_table(path)
    assert table.delimiter == delimiter
    assert [values for _line, values in table.rows] == [list(p) for p in people]


def _ambiguous(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(ord(c) < 0x180 for c in text)


_NOT_CP1252 = str.maketrans({"č": "c", "đ": "d", "ŋ": "n", "ŧ": "t", "Č": "C", "Đ": "D", "Ŋ": "N", "Ŧ": "T"})


def test_decode_prefers_windows_1252_when_utf8_reading_is_implausible() -> None:
    assert decode_text("Øystein Åsheim".encode())[1] == "utf-8"
    assert decode_text("äšš".encode("cp1252")) == ("äšš", "cp1252")  # also valid UTF-8 (CJK), but implausible
    with pytest.raises(ValueError):
        decode_text(b"\x00\x01\x02abc")
