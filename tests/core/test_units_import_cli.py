"""``tillitsleder units …`` and the HR unit import: all or nothing, a backup first, exit codes per mistake."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from tillitsleder import model as m
from tillitsleder import organisation as org
from tillitsleder.cli import main
from tillitsleder.organisation.units_import import UnitImportRefused, import_units
from tillitsleder.storage import open_database


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TILLITSLEDER_LANG", "en")


@pytest.fixture
def world(db):
    with db.session() as s:
        s.add(m.Municipality(name="Nordstrand"))
    kommune = org.find_municipality(db)[0]
    oppvekst = org.add_department(db, kommune, "Oppvekst")
    org.add_unit(db, oppvekst, "Ljabru barnehage", code="1001")
    org.add_unit(db, oppvekst, "Bekkelaget barnehage")
    return kommune


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def counts(db) -> tuple[int, int, int]:
    with db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(m.Department)),
            s.scalar(select(func.count()).select_from(m.Unit)),
            s.scalar(select(func.count()).select_from(m.UnitHistory)),
        )


def write_csv(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_hr_list_adds_renames_moves_and_codes_after_a_backup(db, world, tmp_path, file_backups) -> None:
    units = write_csv(
        tmp_path / "enheter.csv",
        "Avdeling;Enhet;Kode",
        "Oppvekst;Ljabru og Kastellet barnehage;1001",  # known code: renamed
        "Oppvekst;bekkelaget BARNEHAGE;1002",  # known name without code: given the code
        "Helse og omsorg;Hjemmetjenesten Nord;2001",  # new department and unit
    )
    result = import_units(db, units, world)
    assert result.written
    if file_backups:
        assert result.backup is not None and result.backup.exists()
        assert "before-units-import" in result.backup.name
    else:
        assert result.backup is None
    assert (len(result.plan.new_departments), len(result.plan.new_units), len(result.plan.renamed)) == (1, 1, 1)
    assert counts(db) == (2, 3, 1)
    ljabru = org.organisation_tree(db)[0].departments[1].units[1]
    assert (ljabru.name, ljabru.code) == ("Ljabru og Kastellet barnehage", "1001")
    assert org.unit_name_on(db, ljabru.id, date(2000, 1, 1)) == "Ljabru barnehage"
    again = import_units(db, units, world)
    assert not again.written and again.plan.unchanged == 3


def test_one_bad_row_and_nothing_is_imported_nor_backed_up(db, db_path, world, tmp_path) -> None:
    units = write_csv(
        tmp_path / "enheter.csv",
        "department,unit,code",
        "Helse,Hjemmetjenesten Nord,2001",
        "Helse,,2002",
        "Helse,Hjemmetjenesten Sør,2001",
        "Oppvekst,Ljabru barnehage,9999",
    )
    before = counts(db)
    with pytest.raises(UnitImportRefused) as refused:
        import_units(db, units, world)
    assert [p.row for p in refused.value.problems] == [3, 4, 5]
    assert "also in row 2" in refused.value.problems[1].message
    assert "“1001” in the register" in refused.value.problems[2].message
    assert counts(db) == before
    assert not (db_path.parent / "backups").exists() or not any((db_path.parent / "backups").iterdir())


def test_a_workbook_is_read_and_a_file_without_the_columns_refused(db, world, tmp_path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Sektor", "Enhetsnavn", "Enhetsnummer"])
    sheet.append(["Kultur", "Nordstrand bibliotek", 3001])
    book.save(tmp_path / "enheter.xlsx")
    assert import_units(db, tmp_path / "enheter.xlsx", world).plan.new_units == [
        ("Kultur", "Nordstrand bibliotek", "3001")
    ]
    wrong = write_csv(tmp_path / "feil.csv", "Navn;Epost", "Kari;kari@example.no")
    with pytest.raises(Exception, match="needs a column"):
        import_units(db, wrong, world)


def test_cli_exit_codes(capsys, db, db_target, world, tmp_path, file_backups) -> None:
    db.close()
    path = db_target
    code, out, _err = run(capsys, "units", "list", "--db", path)
    assert code == 0 and "Ljabru barnehage [1001]" in out
    code, out, _err = run(capsys, "units", "add", "Kultur", "Bibliotek", "--code", "3001", "--db", path)
    assert code == 0 and "Added the department “Kultur”" in out
    code, _out, err = run(capsys, "units", "add", "Kultur", "bibliotek", "--db", path)
    assert code == 2 and "already has a unit" in err
    rename = ("units", "rename", "Ljabru barnehage", "Kastellet", "--on", "2026-01-01", "--db", path)
    code, out, _err = run(capsys, *rename)
    assert code == 0
    code, out, _err = run(capsys, "units", "list", "--on", "2025-06-01", "--db", path)
    assert "Ljabru barnehage" in out and "Kastellet" not in out
    code, _out, err = run(capsys, "units", "rename", "Finnes ikke", "X", "--db", path)
    assert code == 3 and "no unit" in err
    code, _out, err = run(capsys, "units", "rename", "Kastellet", "X", "--on", "1.1.2026", "--db", path)
    assert code == 2 and "YYYY-MM-DD" in err
    code, out, _err = run(capsys, "units", "merge", "Bekkelaget barnehage", "--into", "Kastellet", "--db", path)
    assert code == 0 and "merged into" in out
    code, _out, err = run(capsys, "units", "merge", "Bekkelaget barnehage", "--into", "Kastellet", "--db", path)
    assert code == 2
    bad = write_csv(tmp_path / "feil.csv", "department;unit;code", "Helse;;1")
    code, out, err = run(capsys, "units", "import", str(bad), "--db", path)
    assert code == 2 and "Row 2:" in out and "Nothing was imported" in err
    good = write_csv(tmp_path / "ok.csv", "department;unit;code", "Helse;Legevakt;4001")
    code, out, _err = run(capsys, "units", "import", str(good), "--dry-run", "--db", path)
    assert code == 0 and "Nothing was written" in out
    code, out, _err = run(capsys, "units", "import", str(good), "--db", path)
    assert code == 0 and "1 new unit" in out and ("A backup was made first" in out) == file_backups
    code, _out, err = run(capsys, "units", "list")
    assert code == 2 and "--db" in err
    reopened = open_database(db_target, create=False)
    try:
        assert counts(reopened) == (3, 4, 1)
    finally:
        reopened.close()


def test_a_failure_while_writing_leaves_nothing_behind(db, world, tmp_path) -> None:
    """Checked rows can still meet a refusal while writing (here: a rename already planned for 2030); the one
    transaction then takes back the departments and units written before it."""
    ljabru = org.organisation_tree(db)[0].departments[0].units[1].id
    org.rename_unit(db, ljabru, "Ljabru fra 2030", on=date(2030, 1, 1))
    before = counts(db)
    units = write_csv(
        tmp_path / "enheter.csv",
        "department;unit;code",
        "Helse;Hjemmetjenesten Nord;2001",
        "Oppvekst;Ljabru i dag;1001",
    )
    with pytest.raises(Exception, match="last changed"):
        import_units(db, units, world)
    assert counts(db) == before
    assert org.unit_name_on(db, ljabru, date(2030, 1, 1)) == "Ljabru fra 2030"
