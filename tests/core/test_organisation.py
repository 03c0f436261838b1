"""The organisation register: renames and moves keep history, merges resolve without moving anyone, the rules
refuse what they must, every change leaves an audit row."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from tillitsleder import model as m
from tillitsleder import organisation as org
from tillitsleder.errors import NotFound, ValidationError


@pytest.fixture
def world(db):
    """A municipality with a department “Oppvekst” holding “Ljabru barnehage” (code 1001), a department “Helse”,
    and a second municipality."""
    with db.session() as s:
        kommune = m.Municipality(name="Nordstrand")
        other = m.Municipality(name="Søndre")
        s.add_all([kommune, other])
        s.flush()
        ids = {"kommune": kommune.id, "other": other.id}
    ids["oppvekst"] = org.add_department(db, ids["kommune"], "Oppvekst")
    ids["helse"] = org.add_department(db, ids["kommune"], "Helse")
    ids["ljabru"] = org.add_unit(db, ids["oppvekst"], "Ljabru barnehage", code="1001", valid_from=date(2020, 1, 1))
    return ids


def test_a_rename_keeps_the_old_name_for_earlier_days(db, world) -> None:
    unit = world["ljabru"]
    org.rename_unit(db, unit, "Ljabru og Kastellet barnehage", on=date(2026, 1, 1))
    org.rename_unit(db, unit, "Kastellet barnehage", on=date(2026, 8, 1))
    assert org.unit_name_on(db, unit, date(2025, 6, 30)) == "Ljabru barnehage"
    assert org.unit_name_on(db, unit, date(2025, 12, 31)) == "Ljabru barnehage"
    assert org.unit_name_on(db, unit, date(2026, 1, 1)) == "Ljabru og Kastellet barnehage"
    assert org.unit_name_on(db, unit, date(2026, 8, 1)) == "Kastellet barnehage"
    with pytest.raises(ValidationError, match="last changed"):
        org.rename_unit(db, unit, "Tilbake i tid", on=date(2026, 3, 1))
    org.revert_change(db, unit)
    assert org.unit_name_on(db, unit, date(2027, 1, 1)) == "Ljabru og Kastellet barnehage"
    assert org.unit_name_on(db, unit, date(2025, 1, 1)) == "Ljabru barnehage"


def test_a_move_keeps_the_old_department_for_earlier_days(db, world) -> None:
    org.move_unit(db, world["ljabru"], world["helse"], on=date(2026, 2, 1))
    assert org.unit_on(db, world["ljabru"], date(2026, 1, 31)).department_name == "Oppvekst"
    assert org.unit_on(db, world["ljabru"], date(2026, 2, 1)).department_name == "Helse"
    tree = org.organisation_tree(db)[0]
    assert [(d.name, [u.name for u in d.units]) for d in tree.departments] == [
        ("Helse", ["Ljabru barnehage"]),
        ("Oppvekst", []),
    ]


def test_the_rules_refuse_blank_names_duplicates_reused_codes_and_backwards_validity(db, world) -> None:
    with pytest.raises(ValidationError, match="name"):
        org.add_unit(db, world["oppvekst"], "   ")
    with pytest.raises(ValidationError, match="already has a unit"):
        org.add_unit(db, world["oppvekst"], "LJABRU BARNEHAGE")
    org.add_unit(db, world["oppvekst"], "Æbleskiver barnehage")
    with pytest.raises(ValidationError, match="already has a unit"):
        org.add_unit(db, world["oppvekst"], "æbleskiver BARNEHAGE")  # beyond ASCII, case still ignored
    org.add_unit(db, world["helse"], "Ljabru barnehage")  # another department may use the name
    with pytest.raises(ValidationError, match="code “1001”"):
        org.add_unit(db, world["helse"], "Helsestasjon", code="1001")
    other_department = org.add_department(db, world["other"], "Oppvekst")
    org.add_unit(db, other_department, "Helsestasjon", code="1001")  # another municipality may use the code
    with pytest.raises(ValidationError, match="cannot end"):
        org.set_valid_to(db, world["ljabru"], date(2019, 12, 31))
    with pytest.raises(ValidationError, match="department called"):
        org.add_department(db, world["kommune"], " oppvekst ")
    with pytest.raises(NotFound):
        org.rename_unit(db, 9999, "Finnes ikke")


def test_ending_a_unit_and_taking_it_back(db, world) -> None:
    assert org.set_valid_to(db, world["ljabru"], date(2026, 6, 30)) is None
    row = org.organisation_tree(db)[0].departments[1].units[0]
    assert (row.active_on(date(2026, 6, 30)), row.active_on(date(2026, 7, 1))) == (True, False)
    assert org.set_valid_to(db, world["ljabru"], None) == date(2026, 6, 30)


def test_a_merge_moves_nobody_and_resolves_from_its_day(demo_db) -> None:
    db = demo_db
    with db.read() as s:
        people = dict(s.execute(select(m.Person.id, m.Person.unit_id).where(m.Person.unit_id.is_not(None))).all())
        enrolments = dict(s.execute(select(m.Enrolment.id, m.Enrolment.unit_id)).all())
        source = s.scalar(select(m.Person.unit_id).where(m.Person.unit_id.is_not(None)).limit(1))
        unit = s.get(m.Unit, source)
        into = s.scalar(select(m.Unit.id).where(m.Unit.department_id == unit.department_id, m.Unit.id != source))
    day = date(2026, 3, 1)
    assert org.merge_units(db, source, into, on=day) is None
    with db.read() as s:
        assert dict(s.execute(select(m.Person.id, m.Person.unit_id).where(m.Person.unit_id.is_not(None))).all()) == (
            people
        )
        assert dict(s.execute(select(m.Enrolment.id, m.Enrolment.unit_id)).all()) == enrolments
        assert s.get(m.Unit, source).valid_to == date(2026, 2, 28)
        actions = s.scalars(select(m.AuditEvent.action).where(m.AuditEvent.entity_id == source)).all()
    assert "unit.merged" in actions
    assert org.resolve_unit(db, source, date(2026, 2, 28)) == source
    assert org.resolve_unit(db, source, day) == into
    with pytest.raises(ValidationError, match="already been merged"):
        org.merge_units(db, source, into, on=day)
    with pytest.raises(ValidationError, match="itself been merged"):
        org.merge_units(db, into, source, on=day)
    with pytest.raises(ValidationError, match="itself"):
        org.merge_units(db, into, into, on=day)
    org.unmerge_unit(db, source, valid_to=None)
    assert org.resolve_unit(db, source, date(2030, 1, 1)) == source


def test_every_change_leaves_an_audit_row_without_names(db, world) -> None:
    org.rename_unit(db, world["ljabru"], "Nytt navn")
    org.set_code(db, world["ljabru"], "2002")
    with db.read() as s:
        rows = s.execute(select(m.AuditEvent.action, m.AuditEvent.detail).order_by(m.AuditEvent.id)).all()
        assert s.scalar(select(func.count()).select_from(m.UnitHistory)) == 1
    assert [action for action, _detail in rows] == [
        "department.added",
        "department.added",
        "unit.added",
        "unit.renamed",
        "unit.code_set",
    ]
    assert not any("Nytt" in detail or "Ljabru" in detail for _action, detail in rows)


def test_deleting_is_only_for_unused_units_and_departments(db, world) -> None:
    org.rename_unit(db, world["ljabru"], "Nytt navn")
    with pytest.raises(ValidationError, match="in use"):
        org.delete_unit(db, world["ljabru"])  # it has history
    with pytest.raises(ValidationError, match="has units"):
        org.delete_department(db, world["oppvekst"])
    fresh = org.add_unit(db, world["helse"], "Ny enhet")
    org.delete_unit(db, fresh)
    org.delete_department(db, world["helse"])
    assert [d.name for d in org.organisation_tree(db)[0].departments] == ["Oppvekst"]
