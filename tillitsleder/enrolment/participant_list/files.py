"""Read a participant list from ``.xlsx`` or CSV into plain rows of text, refusing hostile files quickly.

Files come from HR systems and from Norwegian/Swedish Excel. CSV: the delimiter is found from the header line
(semicolon, comma or tab); the encoding is UTF-16 when the file starts with its byte-order mark (Excel's
"Unicode text", little- or big-endian), else UTF-8 (with or without BOM) when the bytes are valid UTF-8, else
Windows-1252. Workbooks are read with openpyxl in read-only mode, but only after checks that need no parsing:

- the file is at most ``MAX_FILE_BYTES``;
- the zip's central directory declares a sane number of entries, total uncompressed size and compression
  ratio (Python's ``zipfile`` never inflates more than an entry declares, so the declared sizes bind);
- no XML part has a DTD (entity tricks such as "billion laughs" need one): every part that starts like an XML
  document, whatever its name, has its prolog read with defusedxml's ``iterparse`` with DTDs forbidden,
  stopping at the root element;
- a zip that lies (sizes, checksums, missing parts) is refused as damaged, its details in the log;
- at most ``MAX_COLUMNS`` columns and ``MAX_ROWS`` rows, checked while reading.

Anything refused raises ``FileRefused`` (a ``ValidationError``) with a sentence a coordinator can act on.
"""

from __future__ import annotations

import csv
import io
import logging
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from tillitsleder.errors import Cancelled, ValidationError
from tillitsleder.i18n import N_, format_number

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_COLUMNS = 200
MAX_ROWS = 100_000
MAX_ZIP_ENTRIES = 1_000
MAX_UNCOMPRESSED_BYTES = 250 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100  # for entries over RATIO_CHECK_BYTES uncompressed
RATIO_CHECK_BYTES = 1024 * 1024
MAX_FIELD_CHARS = 10_000
DELIMITERS = (";", ",", "\t")
_ZIP_MAGIC = b"PK\x03\x04"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and encrypted .xlsx


class FileRefused(ValidationError):
    """The file was not read: too big, not a spreadsheet, or built to harm the reader. Nothing was imported."""


@dataclass(frozen=True)
class RawTable:
    """A sheet as text: headers, then data rows with their row number as a spreadsheet program shows it."""

    name: str
    headers: list[str]
    rows: list[tuple[int, list[str]]]
    encoding: str = ""  # CSV only: "utf-8", "utf-8-sig", "utf-16" or "cp1252"
    delimiter: str = ""  # CSV only
    sheet: str = ""  # workbooks only
    notes: list[str] = field(default_factory=list)


Progress = Callable[[int, int], None] | None
CancelFlag = Callable[[], bool] | None


def read_table(path: Path | str, *, progress: Progress = None, cancelled: CancelFlag = None) -> RawTable:
    """The first sheet of a workbook or the rows of a CSV file; raises ``FileRefused`` for anything else."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FileRefused(
                N_("“{name}” is {size} MB; participant lists over {limit} MB are not imported."),
                name=path.name,
                size=format_number(round(size / 1024 / 1024, 1)),
                limit=format_number(MAX_FILE_BYTES // 1024 // 1024),
            )
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        log.info("Cannot read the participant list %s: %s", path.name, exc)
        raise FileRefused(
            N_("Cannot read “{name}”; check that the file is there and that you may open it."), name=path.name
        ) from exc
    if size == 0:
        raise FileRefused(N_("“{name}” is empty."), name=path.name)
    if head.startswith(_OLE_MAGIC):
        raise FileRefused(
            N_(
                "“{name}” is an old Excel file (.xls) or a password-protected workbook. Save it as .xlsx or as "
                "CSV and try again."
            ),
            name=path.name,
        )
    if head.startswith(_ZIP_MAGIC):
        return _read_workbook(path, progress, cancelled)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        raise FileRefused(N_("“{name}” is not an Excel workbook, although its name says so."), name=path.name)
    return _read_csv(path, progress, cancelled)


# --- CSV ----------------------------------------------------------------------------------------------------

_PLAUSIBLE_EXTRA = set("ǤǥǦǧǨǩǮǯƷʒȘșȚțƏə")


def _plausible(char: str) -> bool:
    """A character a Nordic participant list may hold (Latin scripts, Greek, Cyrillic, punctuation)."""
    code = ord(char)
    return (
        code < 0x80
        or 0xA0 <= code < 0x180
        or char in _PLAUSIBLE_EXTRA
        or 0x370 <= code < 0x530
        or 0x1E00 <= code < 0x1F00
        or 0x2000 <= code < 0x2150
        or code == 0xFEFF
    )


def _mojibake(text: str) -> bool:
    """UTF-8 read as Windows-1252 shows "Ã" or "Â" followed by a character from the 0x80–0xBF byte range."""
    for index, char in enumerate(text[:-1]):
        if char in "ÃÂ":
            try:
                if 0x80 <= text[index + 1].encode("cp1252")[0] <= 0xBF:
                    return True
            except UnicodeEncodeError:
                continue
    return False


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-16 after its BOM, else strict UTF-8 (BOM or not) when valid, else Windows-1252; junk
    raises ``ValueError``.

    Valid UTF-8 wins, except when it gives characters no participant list holds (e.g. CJK from "äšš") while
    the Windows-1252 reading gives only plausible ones and no sign of double encoding.
    """
    if data.startswith(_UTF16_BOMS):
        text, encoding = data.decode("utf-16"), "utf-16"  # strict: a broken surrogate raises
        if "\x00" in text:
            raise ValueError("NUL character")
        return _checked(text), encoding
    if b"\x00" in data:
        raise ValueError("NUL byte")
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        text, encoding = data.decode("cp1252"), "cp1252"  # raises for undefined bytes: not text
    else:
        if not all(_plausible(c) for c in text):
            try:
                alternative = data.decode("cp1252")
            except UnicodeDecodeError:
                alternative = None
            if alternative is not None and all(_plausible(c) for c in alternative) and not _mojibake(alternative):
                text, encoding = alternative, "cp1252"
    return _checked(text), encoding


def _checked(text: str) -> str:
    """``text``, unless it holds more control characters than a text file does."""
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\r\n")
    if controls > max(3, len(text) // 1000):
        raise ValueError("control characters")
    return text


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header line into the most fields and the next lines into as many."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    if not lines:
        return ";"
    best, best_score = ";", (0, 0)
    for delimiter in DELIMITERS:
        try:
            rows = list(csv.reader(io.StringIO("\n".join(lines[:20])), delimiter=delimiter))
        except csv.Error:
            continue
        width = len(rows[0]) if rows else 0
        if width < 2:
            continue
        consistent = sum(1 for row in rows[1:] if len(row) == width)
        score = (consistent, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(path: Path, progress: Progress, cancelled: CancelFlag) -> RawTable:
    data = path.read_bytes()
    try:
        text, encoding = decode_text(data)
    except (ValueError, UnicodeDecodeError):
        raise FileRefused(
            N_("“{name}” is neither a CSV text file nor an Excel workbook (.xlsx); it was not read."), name=path.name
        ) from None
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    if first_line.count(";") + first_line.count(",") + first_line.count("\t") >= MAX_COLUMNS:
        raise _too_many_columns(path)
    delimiter = sniff_delimiter(text[:200_000])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    total = max(1, text.count("\n"))
    try:
        for number, record in enumerate(reader, start=1):
            if number > MAX_ROWS + 1:
                raise _too_many_rows(path)
            if len(record) > MAX_COLUMNS:
                raise _too_many_columns(path)
            rows.append(record)
            if number % 2000 == 0:
                _tick(progress, cancelled, min(reader.line_num, total), total)
    except csv.Error as exc:
        log.info("CSV error in %s near line %s: %s", path.name, reader.line_num, exc)
        raise FileRefused(
            N_("“{name}” could not be read as CSV near line {line}."),
            name=path.name,
            line=format_number(reader.line_num),
        ) from exc
    return _table(path, rows, encoding=encoding, delimiter=delimiter)


# --- Workbooks ----------------------------------------------------------------------------------------------


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileRefused(N_("“{name}” is a damaged or incomplete Excel workbook."), name=path.name) from None
    bomb = FileRefused(
        N_("“{name}” unpacks to far more data than a participant list holds; it was not opened."), name=path.name
    )
    if len(entries) > MAX_ZIP_ENTRIES:
        raise bomb
    if sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED_BYTES:
        raise bomb
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise FileRefused(N_("“{name}” is encrypted; save it without a password and try again."), name=path.name)
        ratio = entry.file_size / max(1, entry.compress_size)
        if entry.file_size > RATIO_CHECK_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise bomb
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise FileRefused(N_("“{name}” is a zip file but not an Excel workbook (.xlsx)."), name=path.name)


def _looks_like_xml(head: bytes) -> bool:
    """True when a part's first bytes start an XML document in any encoding (UTF-8/16/32, with or without BOM),
    whatever the part is called: a DTD can hide in a part with any name that a relationship points to."""
    text = head.replace(b"\x00", b"").lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")
    return text.startswith(b"<")


def _check_xml_prologs(path: Path) -> None:
    """Refuse any XML part with a DTD: entity expansion and external entities need one, spreadsheets don't."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, iterparse

    with zipfile.ZipFile(path) as archive:
        for entry in archive.infolist():
            if entry.is_dir():
                continue
            with archive.open(entry) as part:
                if not _looks_like_xml(part.read(1024)):
                    continue
            with archive.open(entry) as part:
                try:
                    for _event, _element in iterparse(part, events=("start",), forbid_dtd=True):
                        break  # the root element starts: any DTD would have come before it
                except DefusedXmlException:
                    raise FileRefused(
                        N_(
                            "“{name}” contains XML entity declarations that a spreadsheet does not need; "
                            "it was not opened."
                        ),
                        name=path.name,
                    ) from None
                except ParseError:
                    raise FileRefused(N_("“{name}” is a damaged Excel workbook."), name=path.name) from None


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _check_parts(path: Path) -> None:
    """The zip and XML checks; a zip that lies about its parts (sizes, checksums, names) is refused as damaged."""
    try:
        _check_zip(path)
        _check_xml_prologs(path)
    except FileRefused:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, struct.error, KeyError, OSError, ValueError,
            NotImplementedError, RuntimeError) as exc:  # fmt: skip
        log.info("Workbook %s refused as damaged: %s: %s", path.name, type(exc).__name__, exc)
        raise FileRefused(N_("“{name}” is a damaged or incomplete Excel workbook."), name=path.name) from None


def _read_workbook(path: Path, progress: Progress, cancelled: CancelFlag) -> RawTable:
    _check_parts(path)
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for damaged files
        log.info("openpyxl could not open %s: %s: %s", path.name, type(exc).__name__, exc)
        raise FileRefused(N_("“{name}” could not be opened as an Excel workbook."), name=path.name) from exc
    try:
        sheet = workbook.active if workbook.active is not None else workbook.worksheets[0]
        dimension_rows = min(sheet.max_row or MAX_ROWS, MAX_ROWS)  # for progress only: it may lie
        sheet.reset_dimensions()  # no padding to a claimed size; rows and columns are counted as read
        rows: list[list[str]] = []
        for number, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True), start=1):
            if number > MAX_ROWS + 1:
                raise _too_many_rows(path)
            if len(values) > MAX_COLUMNS and values[MAX_COLUMNS] is not None:
                raise _too_many_columns(path)
            rows.append([_cell_text(value) for value in values[:MAX_COLUMNS]])
            if number % 1000 == 0:
                _tick(progress, cancelled, min(number, dimension_rows), max(dimension_rows, number))
        title = sheet.title
    except (FileRefused, Cancelled):
        raise
    except Exception as exc:  # noqa: BLE001
        log.info("openpyxl could not read %s: %s: %s", path.name, type(exc).__name__, exc)
        raise FileRefused(N_("“{name}” could not be read as an Excel workbook."), name=path.name) from exc
    finally:
        workbook.close()
    return _table(path, rows, sheet=title)


# --- Common -------------------------------------------------------------------------------------------------


def _tick(progress: Progress, cancelled: CancelFlag, done: int, total: int) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled(N_("Reading the file was cancelled."))
    if progress is not None:
        progress(done, total)


def _too_many_columns(path: Path) -> FileRefused:
    return FileRefused(
        N_("“{name}” has more than {limit} columns; a participant list has only a few. It was not read."),
        name=path.name,
        limit=format_number(MAX_COLUMNS),
    )


def _too_many_rows(path: Path) -> FileRefused:
    return FileRefused(
        N_("“{name}” has more than {limit} rows; it was not read."), name=path.name, limit=format_number(MAX_ROWS)
    )


def _clean(value: str) -> str:
    value = value.replace("\u00a0", " ").strip()
    if len(value) > MAX_FIELD_CHARS:
        value = value[:MAX_FIELD_CHARS]
    return value


def _table(path: Path, records: list[list[str]], **extra: str) -> RawTable:
    """Header = the first non-empty row; blank rows are skipped but keep their numbers."""
    numbered = [(n, [_clean(v) for v in row]) for n, row in enumerate(records, start=1)]
    numbered = [(n, row) for n, row in numbered if any(row)]
    if not numbered:
        raise FileRefused(N_("“{name}” has no rows to import."), name=path.name)
    _header_number, headers = numbered[0]
    width = max(max(i for i, value in enumerate(row) if value) + 1 for _n, row in numbered)
    headers = (headers + [""] * width)[:width]
    rows = [(n, (row + [""] * width)[:width]) for n, row in numbered[1:]]
    return RawTable(name=path.name, headers=headers, rows=rows, **extra)
