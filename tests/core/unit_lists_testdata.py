"""A participant list as LibreOffice Calc saves it, with units the demo municipality lacks.

Six rows: two in registered units, four in units the demo has not registered — a spelling variant of a
registered one ("Hjemmetjenesten Nord" for "Hjemmetjenesten sone Nord"), two new units in registered
departments and one whose department ("Helse og forebygging") is not registered either. Norwegian and Sami
letters throughout. ``write_calc_xlsx`` writes it the way Calc does (strings in the shared-strings part, the
sheet named "Ark1"); ``write_calc_csv`` the way Calc's "Text CSV" export does (UTF-8 without BOM, commas,
every text field quoted, LF line ends).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl

HEADERS = ["Fornavn", "Etternavn", "E-post", "Enhet", "Avdeling", "Stilling"]
ROWS = [
    ["Åse", "Bråthen", "ase.brathen@nordstrand.example", "Ljabru barnehage", "Oppvekst", "Styrer"],
    ["Øystein", "Lægreid", "oystein.laegreid@nordstrand.example", "Hjemmetjenesten Nord", "Mestring og omsorg",
     "Avdelingsleder"],
    ["Márjá", "Ánde", "marja.ande@nordstrand.example", "Bekkelaget sykehjem", "Mestring og omsorg", "Fagleder"],
    ["Kåre", "Sæther", "kare.saether@nordstrand.example", "Kulturskolen Nordstrand", "Oppvekst", "Rektor"],
    ["Ingrid", "Nærø", "ingrid.naero@nordstrand.example", "Frisklivssentralen", "Helse og forebygging",
     "Enhetsleder"],
    ["Jørn", "Ødegård", "jorn.odegard@nordstrand.example", "Bydelsbiblioteket", "Velferd", "Biblioteksjef"],
]  # fmt: skip
VARIANT, VARIANT_OF = "Hjemmetjenesten Nord", "Hjemmetjenesten sone Nord"
CREATED_IN_ROW_DEPARTMENT = {"Bekkelaget sykehjem": "Mestring og omsorg", "Kulturskolen Nordstrand": "Oppvekst"}
NO_DEPARTMENT, CHOSEN_DEPARTMENT = "Frisklivssentralen", "Velferd"
UNKNOWN = [VARIANT, "Bekkelaget sykehjem", "Kulturskolen Nordstrand", NO_DEPARTMENT]


SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
INLINE = re.compile(r'<c r="([A-Z]+[0-9]+)"([^>]*) t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>')


def write_calc_xlsx(path: Path, rows: list[list[str]] | None = None) -> Path:
    """Written by openpyxl, then laid out as Calc saves it: openpyxl writes inline strings, Calc a shared-strings
    part that every text cell points into (``t="s"``), and it names itself in the document properties."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Ark1"
    for row in [HEADERS, *(ROWS if rows is None else rows)]:
        sheet.append(row)
    workbook.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    strings: list[str] = []

    def shared(match: re.Match[str]) -> str:
        text = match.group(3)
        if text not in strings:
            strings.append(text)
        return f'<c r="{match.group(1)}"{match.group(2)} t="s"><v>{strings.index(text)}</v></c>'

    sheet_xml = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    count = len(INLINE.findall(sheet_xml))
    parts["xl/worksheets/sheet1.xml"] = INLINE.sub(shared, sheet_xml).encode("utf-8")
    items = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in strings)  # already escaped
    parts["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main" count="{count}" uniqueCount="{len(strings)}">{items}</sst>'
    ).encode()
    types = parts["[Content_Types].xml"].decode("utf-8")
    override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST}"/>'
    parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode("utf-8")
    relations = parts["xl/_rels/workbook.xml.rels"].decode("utf-8")
    relation = f'<Relationship Id="rIdSst" Type="{SST_RELATION}" Target="sharedStrings.xml"/>'
    parts["xl/_rels/workbook.xml.rels"] = relations.replace("</Relationships>", relation + "</Relationships>").encode()
    app = re.sub(r"<Application>.*?</Application>", "<Application>" + escape("LibreOffice/7.6.4.1$Windows_X86_64 "
                 "LibreOffice_project/e19e193f88cd6c0525a17fb7a176ed8e6a3e2aa1") + "</Application>",
                 parts["docProps/app.xml"].decode("utf-8"))  # fmt: skip
    parts["docProps/app.xml"] = app.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert 't="inlineStr"' not in parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    return path


def write_calc_csv(path: Path) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=",", quoting=csv.QUOTE_ALL, lineterminator="\n").writerows([HEADERS, *ROWS])
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path
