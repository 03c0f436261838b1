"""Participant lists as Excel and other programs really write them, and as attackers write them.

UTF-16 "Unicode text" from Excel is read; a DTD is refused in any XML part of a workbook whatever the part is
called (and in whatever encoding); a zip that lies about its parts is refused in one sentence with the details
in the log; every message about a file reads in the user's language, numbers included. Files are generated here.
"""

from __future__ import annotations

import logging
import re
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tillitsleder.cli import main
from tillitsleder.enrolment.participant_list.checks import Issue
from tillitsleder.enrolment.participant_list.columns import check_mapping
from tillitsleder.enrolment.participant_list.files import FileRefused, read_table
from tillitsleder.enrolment.participant_list.importer import import_participants, preview_import
from tillitsleder.errors import ValidationError
from tillitsleder.i18n import format_number, set_language

HEADERS = ["Fornavn", "Etternavn", "E-post"]
PEOPLE = [["Åse", "Øvrebø", "ase@example.org"], ["Đuro", "Čelik", "duro@example.org"], ["Sámi", "Ŋuolla", ""]]


def unicode_text(path: Path, *, bom: bytes, codec: str, delimiter: str = "\t") -> Path:
    """What Excel writes for "Unicode text": UTF-16 with a byte-order mark, tab-separated, CRLF."""
    lines = [delimiter.join(row) for row in [HEADERS, *PEOPLE]]
    path.write_bytes(bom + ("\r\n".join(lines) + "\r\n").encode(codec))
    return path


@pytest.mark.parametrize(
    ("bom", "codec", "delimiter"),
    [
        (b"\xff\xfe", "utf-16-le", "\t"),
        (b"\xfe\xff", "utf-16-be", "\t"),
        (b"\xff\xfe", "utf-16-le", ";"),
        (b"\xfe\xff", "utf-16-be", ";"),
    ],
)
def test_excel_unicode_text_is_read(tmp_path: Path, bom: bytes, codec: str, delimiter: str) -> None:
    path = unicode_text(tmp_path / "deltakere.txt", bom=bom, codec=codec, delimiter=delimiter)
    table = read_table(path)
    assert table.encoding == "utf-16" and table.delimiter == delimiter
    assert table.headers == HEADERS
    assert [values for _line, values in table.rows] == PEOPLE


def test_unicode_text_imports_like_any_list(demo_db, tmp_path: Path) -> None:
    from sqlalchemy import select

    from tillitsleder.model import Cohort

    with demo_db.read() as session:
        cohort = session.scalar(select(Cohort.id))
    path = unicode_text(tmp_path / "deltakere.txt", bom=b"\xff\xfe", codec="utf-16-le")
    table = read_table(path)
    assert preview_import(demo_db, cohort, table).problem_rows == []
    assert import_participants(demo_db, cohort, table).enrolled == 3


def test_broken_utf16_is_refused_in_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\xff\xfe" + "Fornavn\tEtternavn\r\n".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate
    with pytest.raises(FileRefused, match="neither a CSV text file"):
        read_table(path)


# --- DTDs in any part ---------------------------------------------------------------------------------------

XXE = (
    '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
    '<c r="A1" t="inlineStr"><is><t>&secret;</t></is></c></row></sheetData></worksheet>'
)


def workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    for row in [HEADERS, *PEOPLE]:
        book.active.append(row)
    book.save(path)
    return path


def rewrite(source: Path, target: Path, change) -> Path:
    """Copy the zip ``source`` to ``target``, passing each (name, data) through ``change`` (None drops it)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            changed = change(item.filename, old.read(item.filename))
            if changed is not None:
                new.writestr(changed[0], changed[1])
    return target


def test_a_dtd_in_a_sheet_part_with_an_unusual_name_is_refused(tmp_path: Path) -> None:
    plain = workbook(tmp_path / "plain.xlsx")

    def rename_sheet(name: str, data: bytes):
        if name == "xl/worksheets/sheet1.xml":
            return "xl/worksheets/sheet1.data", XXE.encode()
        if name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
            return name, data.replace(b"worksheets/sheet1.xml", b"worksheets/sheet1.data")
        return name, data

    path = rewrite(plain, tmp_path / "renamed.xlsx", rename_sheet)
    with pytest.raises(FileRefused, match="entity declarations"):
        read_table(path)


@pytest.mark.parametrize("codec", ["utf-8", "utf-16", "utf-16-be"])
def test_a_dtd_in_any_extra_part_in_any_encoding_is_refused(tmp_path: Path, codec: str) -> None:
    path = workbook(tmp_path / "extra.xlsx")
    evil = XXE.replace('version="1.0"', f'version="1.0" encoding="{codec.upper()[:6]}"').encode(codec)
    if codec == "utf-16-be":
        evil = b"\xfe\xff" + evil  # big-endian with its byte-order mark, declared as UTF-16
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("customXml/item1.bin", evil)
    with pytest.raises(FileRefused, match="entity declarations"):
        read_table(path)


def test_binary_parts_are_not_mistaken_for_xml(tmp_path: Path) -> None:
    path = workbook(tmp_path / "picture.xlsx")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/media/image1.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert read_table(path).headers == HEADERS


# --- Zips that lie ------------------------------------------------------------------------------------------


def patch_central_directory(path: Path, target: Path, member: str, offset: int, value: int) -> Path:
    """A copy of ``path`` whose central-directory record of ``member`` says ``value`` at ``offset`` (4 bytes)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    start = 0
    while True:
        start = data.index(b"PK\x01\x02", start)
        name_length = struct.unpack_from("<H", data, start + 28)[0]
        if bytes(data[start + 46 : start + 46 + name_length]) == name:
            break
        start += 4
    struct.pack_into("<I", data, start + offset, value)
    target.write_bytes(bytes(data))
    return target


UNCOMPRESSED_SIZE, COMPRESSED_SIZE, CRC = 24, 20, 16


@pytest.mark.parametrize(
    ("member", "offset", "value"),
    [
        ("xl/worksheets/sheet1.xml", UNCOMPRESSED_SIZE, 10),  # claims less than it holds: bad CRC
        ("[Content_Types].xml", UNCOMPRESSED_SIZE, 10),
        ("xl/workbook.xml", COMPRESSED_SIZE, 7),  # deflate stream cut short
        ("xl/worksheets/sheet1.xml", COMPRESSED_SIZE, 400_000),  # runs past the end of the file
        ("xl/styles.xml", CRC, 0xDEADBEEF),
    ],
)
def test_a_zip_with_lying_fields_is_refused_in_one_sentence(tmp_path, caplog, member, offset, value) -> None:
    plain = workbook(tmp_path / "plain.xlsx")
    lying = patch_central_directory(plain, tmp_path / "lying.xlsx", member, offset, value)
    with caplog.at_level(logging.INFO), pytest.raises(FileRefused) as caught:
        read_table(lying)
    message = caught.value.user_message()
    assert message.startswith("“lying.xlsx”") and message.count(".") >= 1 and "\n" not in message
    assert "damaged" in message or "could not be" in message
    assert any("lying.xlsx" in record.getMessage() for record in caplog.records)  # the details, for support


def test_a_workbook_missing_its_sheet_is_refused(tmp_path) -> None:
    plain = workbook(tmp_path / "plain.xlsx")
    path = rewrite(plain, tmp_path / "nosheet.xlsx", lambda n, d: None if n.endswith("sheet1.xml") else (n, d))
    with pytest.raises(FileRefused, match="nosheet.xlsx"):
        read_table(path)


def test_the_cli_refuses_a_lying_zip_without_a_traceback(demo_db, demo_target, tmp_path, capsys) -> None:
    plain = workbook(tmp_path / "plain.xlsx")
    lying = patch_central_directory(plain, tmp_path / "liste.xlsx", "xl/worksheets/sheet1.xml", UNCOMPRESSED_SIZE, 10)
    code = main(["--lang", "en", "import", "participants", str(lying), "--cohort", "1", "--db", demo_target])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.strip() == "“liste.xlsx” is a damaged or incomplete Excel workbook."


# --- The user's language, numbers included ------------------------------------------------------------------


def test_norwegian_messages_format_their_numbers(tmp_path: Path) -> None:
    set_language("nb")
    big = tmp_path / "stor.csv"
    with big.open("wb") as handle:
        handle.truncate(int(21.5 * 1024 * 1024))
    with pytest.raises(FileRefused) as caught:
        read_table(big)
    assert "21,5" in str(caught.value) and "20" in str(caught.value) and "MB" in str(caught.value)
    many = tmp_path / "mange.csv"
    many.write_text("Fornavn;Etternavn\r\n" + "Kari;Nord\r\n" * 100_002, encoding="utf-8")
    with pytest.raises(FileRefused) as caught:
        read_table(many)
    assert format_number(100_000) in str(caught.value) and "100,000" not in str(caught.value)
    assert format_number(100_000) == "100\xa0000"


def test_csv_errors_name_the_line_in_the_language_and_nothing_english(tmp_path: Path) -> None:
    set_language("nb")
    path = tmp_path / "rar.csv"
    path.write_text("Fornavn;Etternavn\r\n" + "Kari;Nord\r\n" * 1500 + '"Per;Sør\r\n' + "x" * 200_000, encoding="utf-8")
    with pytest.raises(FileRefused) as caught:
        read_table(path)
    text = str(caught.value)
    assert "rar.csv" in text and "field larger than field limit" not in text
    assert re.search("nær linje 1\xa050[0-9]", text)  # in Norwegian, the number as nb writes it


def test_row_numbers_and_limits_in_issues_and_refusals_are_formatted(demo_db) -> None:
    set_language("nb")
    issue = Issue("duplicate_in_file", "The same e-mail address as row {row}.", 1, {"row": 12_345})
    assert issue.text().endswith("12\xa0345.")
    with pytest.raises(ValidationError) as caught:
        check_mapping({0: "first_name", 1: "first_name"}, 2)
    assert "first_name" not in str(caught.value) and "Fornavn" in str(caught.value)
