"""Participant lists naming units the municipality has not registered: create, map or leave empty, remembered
as aliases; the whole list imports through the core and the CLI, and a second import knows everyone."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from cli_run import run_cli
from sqlalchemy import func, select
from unit_lists_testdata import (
    CHOSEN_DEPARTMENT,
    CREATED_IN_ROW_DEPARTMENT,
    NO_DEPARTMENT,
    ROWS,
    UNKNOWN,
    VARIANT,
    VARIANT_OF,
    write_calc_csv,
    write_calc_xlsx,
)

from tillitsleder.enrolment import cohorts as enrolment
from tillitsleder.enrolment.participant_list import importer
from tillitsleder.enrolment.participant_list.files import read_table
from tillitsleder.enrolment.participant_list.importer import UnitChoice, import_participants, preview_import
from tillitsleder.enrolment.unit_names import closest, unit_key
from tillitsleder.errors import ValidationError
from tillitsleder.model import Cohort, Department, Enrolment, Person, Unit, UnitAlias


@pytest.fixture
def cohorts(demo_db) -> tuple[int, int]:
    """The demo's cohort and a second cohort of the same programme (for the second import)."""
    with demo_db.read() as s:
        first, programme_id, start = s.execute(
            select(Cohort.id, Cohort.programme_id, Cohort.start_date).order_by(Cohort.id)
        ).first()
    second = enrolment.create_cohort(demo_db, programme_id, "Kull 2 – Nordstrand", start + timedelta(days=1))
    return first, second


def ids(db, model, column, names) -> dict[str, int]:
    with db.read() as s:
        return {name: id_ for id_, name in s.execute(select(model.id, column).where(column.in_(names)))}


def totals(db) -> tuple[int, ...]:
    with db.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Unit, UnitAlias, Person, Enrolment))


def unit_of(db, email: str) -> tuple[str, str] | None:
    with db.read() as s:
        row = s.execute(
            select(Unit.name, Department.name)
            .join(Department, Department.id == Unit.department_id)
            .join(Person, Person.unit_id == Unit.id)
            .where(Person.email == email)
        ).first()
    return tuple(row) if row else None


def test_unit_names_fold_case_spacing_diacritics_and_abbreviations() -> None:
    assert unit_key("Bekkelaget Sykehj.") == unit_key("bekkelaget  sykehjem") == "bekkelagetsykehjem"
    assert unit_key("Avd. Nord & Sør") == unit_key("avdeling nord og sor")
    assert unit_key("Hjemmetj. sone Nord") == unit_key("Hjemmetjenesten sone nord")
    assert unit_key("Simensbraten bhg") == unit_key("Simensbråten barnehage")
    units = [(1, "Hjemmetjenesten sone Nord"), (2, "Hjemmetjenesten sone Sør"), (3, "Bydelsbiblioteket")]
    assert [unit_id for unit_id, _score in closest("Hjemmetjenesten Nord", units)][:1] == [1]
    assert closest("Frisklivssentralen", units) == []


@pytest.mark.parametrize("writer", [write_calc_xlsx, write_calc_csv], ids=["xlsx", "csv"])
def test_calc_list_with_unknown_units_imports_in_full_and_is_known_the_second_time(
    demo_db, cohorts, tmp_path: Path, writer
) -> None:
    first, second = cohorts
    table = read_table(writer(tmp_path / f"deltakere.{writer.__name__[-4:]}"))
    if table.encoding:
        assert (table.encoding, table.delimiter) == ("utf-8", ",")
    else:
        assert table.sheet == "Ark1"
    preview = preview_import(demo_db, first, table)
    assert [u.name for u in preview.unknown_units] == UNKNOWN
    codes = [p.code for r in preview.problem_rows for p in r.problems]
    assert codes == ["unknown_unit"] * 4
    message = preview.problem_rows[0].problems[0].text()
    assert message.startswith(f"The unit “{VARIANT}” is not registered in ") and "create it, map it" in message
    units = {label.split(" (")[0]: unit_id for unit_id, label in preview.units}
    variant = preview.unknown_units[0]
    assert variant.suggestions[0][0] == units[VARIANT_OF], "the spelling variant suggests the registered unit"
    departments = {name: department_id for department_id, name in preview.departments}
    by_name = {u.name: u for u in preview.unknown_units}
    assert by_name["Bekkelaget sykehjem"].department_id == departments["Mestring og omsorg"]
    assert by_name[NO_DEPARTMENT].department_id is None  # "Helse og forebygging" is not registered

    before = totals(demo_db)
    with pytest.raises(ValidationError, match="Units not registered: 4; nothing was imported"):
        import_participants(demo_db, first, table)
    assert totals(demo_db) == before

    choices = {by_name[VARIANT].key: UnitChoice.map(units[VARIANT_OF])}
    for name in CREATED_IN_ROW_DEPARTMENT:
        choices[by_name[name].key] = UnitChoice.create(by_name[name].department_id)
    choices[by_name[NO_DEPARTMENT].key] = UnitChoice.create(departments[CHOSEN_DEPARTMENT])
    checked = preview_import(demo_db, first, table, units=choices)
    assert not checked.problem_rows and not checked.unknown_units and checked.new == 6
    notes = [n.text() for row in checked.rows for n in row.notices]
    assert f"The unit “{VARIANT}” will be recorded as {VARIANT_OF} (Mestring og omsorg)." in notes
    assert "The unit “Bekkelaget sykehjem” will be created in Mestring og omsorg." in notes

    result = import_participants(demo_db, first, table, units=choices)
    assert (result.enrolled, result.persons_created, result.units_created, result.units_mapped) == (6, 6, 3, 1)
    assert totals(demo_db) == (before[0] + 3, before[1] + 4, before[2] + 6, before[3] + 6)
    assert unit_of(demo_db, ROWS[1][2]) == (VARIANT_OF, "Mestring og omsorg")
    assert unit_of(demo_db, ROWS[2][2]) == ("Bekkelaget sykehjem", "Mestring og omsorg")
    assert unit_of(demo_db, ROWS[3][2]) == ("Kulturskolen Nordstrand", "Oppvekst")
    assert unit_of(demo_db, ROWS[4][2]) == (NO_DEPARTMENT, CHOSEN_DEPARTMENT)
    with demo_db.read() as s:
        snapshots = s.scalars(select(Enrolment.unit_id).where(Enrolment.cohort_id == first)).all()
    assert None not in snapshots

    again = preview_import(demo_db, second, table)
    assert not again.unknown_units and not again.problem_rows
    assert (again.existing, again.new) == (6, 0), "everyone is known the second time"
    remembered = [n.text() for row in again.rows for n in row.notices if n.code == "unit_alias"]
    assert remembered == [  # the row names "Helse og forebygging", the unit was created in Velferd
        f"The unit “{VARIANT}” is recorded as {VARIANT_OF} (Mestring og omsorg), as chosen before.",
        f"The unit “{NO_DEPARTMENT}” is recorded as {NO_DEPARTMENT} ({CHOSEN_DEPARTMENT}), as chosen before.",
    ]
    assert import_participants(demo_db, second, table).enrolled == 6
    assert totals(demo_db)[:3] == (before[0] + 3, before[1] + 4, before[2] + 6)


def test_leave_empty_keeps_the_unit_blank_and_a_spelling_variant_shares_the_choice(demo_db, cohorts, tmp_path) -> None:
    first, _second = cohorts
    rows = [ROWS[2], ["Mikkel", "Ŋuolla", "mikkel@nordstrand.example", "Bekkelaget Sykehj.", "", "Fagleder"]]
    table = read_table(write_calc_csv_rows(tmp_path / "to.csv", rows))
    preview = preview_import(demo_db, first, table)
    assert len(preview.unknown_units) == 1 and preview.unknown_units[0].lines == [2, 3]
    result = import_participants(demo_db, first, table, units={unit_key("Bekkelaget sykehjem"): UnitChoice.empty()})
    assert result.enrolled == 2 and result.units_created == 0
    assert unit_of(demo_db, ROWS[2][2]) is None and unit_of(demo_db, "mikkel@nordstrand.example") is None


def write_calc_csv_rows(path: Path, rows: list[list[str]]) -> Path:
    from unit_lists_testdata import HEADERS

    path.write_text("\n".join(",".join(f'"{v}"' for v in row) for row in [HEADERS, *rows]) + "\n", encoding="utf-8")
    return path


def test_a_failed_import_creates_no_unit_and_remembers_no_alias(demo_db, cohorts, tmp_path, monkeypatch) -> None:
    first, _second = cohorts
    table = read_table(write_calc_xlsx(tmp_path / "deltakere.xlsx"))
    preview = preview_import(demo_db, first, table)
    departments = {name: department_id for department_id, name in preview.departments}
    choices = {u.key: UnitChoice.create(departments[CHOSEN_DEPARTMENT]) for u in preview.unknown_units}
    before = totals(demo_db)

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer, "_insert_enrolments", broken)
    with pytest.raises(RuntimeError):
        import_participants(demo_db, first, table, units=choices)
    assert totals(demo_db) == before, "the units are created in the import's transaction: all or nothing"


def test_choices_outside_the_municipality_are_refused(demo_db, cohorts, tmp_path) -> None:
    first, _second = cohorts
    table = read_table(write_calc_csv(tmp_path / "deltakere.csv"))
    key = unit_key(VARIANT)
    for choice in (UnitChoice.map(999_999), UnitChoice.create(999_999)):
        with pytest.raises(ValidationError, match="not registered in"):
            preview_import(demo_db, first, table, units={key: choice})




def test_cli_creates_and_maps_units_and_knows_everyone_the_second_time(
    demo_db, demo_target, cohorts, tmp_path, capsys
) -> None:
    first, second = cohorts
    path = write_calc_xlsx(tmp_path / "deltakere.xlsx")
    base = ("import", "participants", str(path), "--db", demo_target)
    before = totals(demo_db)
    code, out, err = run_cli(capsys, *base, "--cohort", str(first))
    assert code == 2 and "Traceback" not in err
    assert (
        f"Row 3, Enhet: The unit “{VARIANT}” is not registered in Oslo kommune – Bydel Nordstrand: use --create-units "
        f"to create it or --unit-alias “{VARIANT}=UNIT” to map it to a registered unit." in out
    )
    assert "with --create-units or --unit-alias" in err and "Correct the rows" not in err
    assert totals(demo_db) == before

    code, _out, err = run_cli(capsys, *base, "--cohort", str(first), "--create-units")
    assert code != 0 and f"no registered department for the unit “{NO_DEPARTMENT}”" in err

    code, _out, err = run_cli(capsys, *base, "--cohort", str(first), "--unit-alias", f"{VARIANT}=Månebasen")
    assert code != 0 and "There is no unit “Månebasen”" in err
    assert totals(demo_db) == before

    options = ("--create-units", CHOSEN_DEPARTMENT, "--unit-alias", f"{VARIANT}={VARIANT_OF}")
    code, out, err = run_cli(capsys, *base, "--cohort", str(first), *options)
    assert code == 0, err
    assert "6 participants enrolled." in out
    assert "Units created: 3; unit names mapped to registered units: 1." in out
    assert totals(demo_db) == (before[0] + 3, before[1] + 4, before[2] + 6, before[3] + 6)
    assert unit_of(demo_db, ROWS[4][2]) == (NO_DEPARTMENT, CHOSEN_DEPARTMENT)

    code, out, err = run_cli(capsys, *base, "--cohort", str(second))
    assert code == 0, err
    assert "0 with problems, 0 new, 6 already known." in out and "6 participants enrolled." in out
    assert totals(demo_db)[:3] == (before[0] + 3, before[1] + 4, before[2] + 6)


def test_cli_alias_can_leave_a_unit_empty_and_names_units_by_department(
    demo_db, demo_target, cohorts, tmp_path, capsys
) -> None:
    first, _second = cohorts
    path = write_calc_csv(tmp_path / "deltakere.csv")
    options = ["--unit-alias", f"{VARIANT}=Hjemmetjenesten sone Nord (Mestring og omsorg)", "--unit-alias",
               f"{NO_DEPARTMENT}=", "--create-units"]  # fmt: skip
    code, out, err = run_cli(capsys, "import", "participants", str(path), "--db", demo_target,
                             "--cohort", str(first), "--dry-run", *options)  # fmt: skip
    assert code == 0, err
    assert "Dry run: nothing was written." in out and "6 new" in out
    assert f"The unit “{NO_DEPARTMENT}” will be left empty." in out and "0 with problems" in out
