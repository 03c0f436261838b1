"""Checking the rows of a participant list against the database: problems (which block the import) and
notices (an existing person who will be enrolled, what happens to an unknown unit). See ``importer`` for the
rules in words and ``unit_choices`` for units the municipality has not registered."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tillitsleder.enrolment import cohorts as limits
from tillitsleder.enrolment.cohorts import cohort_municipality, valid_email
from tillitsleder.enrolment.participant_list.columns import fold
from tillitsleder.enrolment.participant_list.unit_choices import Action, UnitChoice
from tillitsleder.enrolment.unit_names import unit_key
from tillitsleder.enrolment.units import load_aliases
from tillitsleder.i18n import N_, _, format_number
from tillitsleder.model import Department, Enrolment, Municipality, Person
from tillitsleder.model import Unit as UnitModel


@dataclass(frozen=True)
class Issue:
    """A problem (blocks the import) or a notice about one row; ``column`` is an index into the headers."""

    code: str
    message: str  # msgid with {fields}
    column: int | None = None
    fields: Mapping[str, object] = field(default_factory=dict)

    def text(self) -> str:
        """The translated sentence; numbers (row numbers, limits) in the language's format."""
        fields = {
            key: format_number(value) if isinstance(value, int) and not isinstance(value, bool) else value
            for key, value in self.fields.items()
        }
        return _(self.message).format(**fields)


@dataclass
class PreviewRow:
    line: int  # row number in the file, as a spreadsheet program shows it
    first_name: str
    last_name: str
    email: str
    employee_number: str
    unit: str
    department: str
    position: str
    problems: list[Issue] = field(default_factory=list)
    notices: list[Issue] = field(default_factory=list)
    person_id: int | None = None  # an existing person this row enrols
    unit_id: int | None = None
    unit_choice: Action | None = None  # what was chosen for its unknown unit
    new_unit: str = ""  # the key of a unit to create for this row

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Known:
    """What the database already holds, loaded once per preview."""

    municipality: str
    units: dict[str, list[tuple[int, str]]]  # folded unit name → [(unit id, folded department name)]
    by_email: dict[str, tuple[int, str, str, str | None, int | None, str | None]]
    by_number: dict[str, tuple[int, str, str, str | None, int | None, str | None]]
    enrolled: set[int]
    municipality_id: int = 0
    unit_names: dict[int, tuple[str, str]] = field(default_factory=dict)  # unit id → (name, department name)
    departments: dict[str, tuple[int, str]] = field(default_factory=dict)  # folded name → (id, name)
    aliases: dict[str, int] = field(default_factory=dict)  # ``unit_key`` of a remembered name → unit id

    def unit_label(self, unit_id: int) -> str:
        name, department = self.unit_names.get(unit_id, ("", ""))
        return f"{name} ({department})"


def load_known(session: Session, cohort_id: int) -> Known:
    municipality_id = cohort_municipality(session, cohort_id)
    units: dict[str, list[tuple[int, str]]] = {}
    unit_names: dict[int, tuple[str, str]] = {}
    for unit_id, name, department in session.execute(
        select(UnitModel.id, UnitModel.name, Department.name)
        .join(Department, Department.id == UnitModel.department_id)
        .where(Department.municipality_id == municipality_id)
        .order_by(Department.name, UnitModel.name)
    ):
        units.setdefault(fold(name), []).append((unit_id, fold(department)))
        unit_names[unit_id] = (name, department)
    departments = {
        fold(name): (department_id, name)
        for department_id, name in session.execute(
            select(Department.id, Department.name)
            .where(Department.municipality_id == municipality_id)
            .order_by(Department.name)
        )
    }
    by_email, by_number = {}, {}
    columns = (Person.id, Person.first_name, Person.last_name, Person.employee_number, Person.unit_id, Person.position)
    for row in session.execute(select(*columns, func.lower(Person.email))):
        person = tuple(row[:6])
        if row[6]:
            by_email[row[6]] = person
        if row[3]:
            by_number[row[3]] = person
    enrolled = set(session.scalars(select(Enrolment.person_id).where(Enrolment.cohort_id == cohort_id)))
    name = session.scalar(select(Municipality.name).where(Municipality.id == municipality_id)) or ""
    aliases = {key: unit_id for key, unit_id in load_aliases(session, municipality_id).items() if unit_id in unit_names}
    return Known(name, units, by_email, by_number, enrolled, municipality_id, unit_names, departments, aliases)


def _split_full_name(text: str) -> tuple[str, str]:
    first, _space, last = text.strip().rpartition(" ")
    return (first.strip(), last.strip()) if first else (text.strip(), "")


def row_from_values(line: int, values: list[str], mapping: Mapping[int, str]) -> tuple[PreviewRow, dict[str, int]]:
    got = {key: values[index].strip() for index, key in mapping.items()}
    columns = {key: index for index, key in mapping.items()}
    first, last = got.get("first_name", ""), got.get("last_name", "")
    if got.get("full_name") and not (first and last):
        split_first, split_last = _split_full_name(got["full_name"])
        first, last = first or split_first, last or split_last
        columns.setdefault("first_name", columns["full_name"])
        columns.setdefault("last_name", columns["full_name"])
    row = PreviewRow(
        line,
        first,
        last,
        got.get("email", ""),
        got.get("employee_number", ""),
        got.get("unit", ""),
        got.get("department", ""),
        got.get("position", ""),
    )
    return row, columns


def check_row(
    row: PreviewRow,
    columns: dict[str, int],
    known: Known,
    seen: dict[str, int],
    choices: Mapping[str, UnitChoice] | None = None,
) -> None:
    problem = row.problems.append
    if not row.first_name:
        problem(Issue("missing_name", N_("The first name is missing."), columns.get("first_name")))
    if not row.last_name:
        problem(Issue("missing_name", N_("The last name is missing."), columns.get("last_name")))
    for key, value, limit in (
        ("first_name", row.first_name, limits.NAME_LIMIT),
        ("last_name", row.last_name, limits.NAME_LIMIT),
        ("email", row.email, limits.EMAIL_LIMIT),
        ("employee_number", row.employee_number, limits.EMPLOYEE_NUMBER_LIMIT),
        ("position", row.position, limits.POSITION_LIMIT),
    ):
        if len(value) > limit:
            problem(Issue("too_long", N_("Longer than {limit} characters."), columns.get(key), {"limit": limit}))
    if row.email and not valid_email(row.email):
        problem(
            Issue(
                "invalid_email", N_("“{value}” is not a valid e-mail address."), columns["email"], {"value": row.email}
            )
        )
    if row.unit:
        candidates = known.units.get(fold(row.unit), [])
        if row.department:
            candidates = [c for c in candidates if c[1] == fold(row.department)]
        if len(candidates) == 1:
            row.unit_id = candidates[0][0]
        elif not candidates:
            _unknown_unit(row, columns["unit"], known, choices or {})
        else:
            message = N_("Several units are named “{value}”; add a department column to tell them apart.")
            problem(Issue("ambiguous_unit", message, columns["unit"], {"value": row.unit}))
    _match_person(row, columns, known)
    for key, value in (("email", row.email.lower()), ("employee_number", row.employee_number)):
        if value:
            earlier = seen.get(f"{key}:{value}")
            if earlier is not None:
                message = (
                    N_("The same e-mail address as row {row}.")
                    if key == "email"
                    else N_("The same employee number as row {row}.")
                )
                problem(Issue("duplicate_in_file", message, columns[key], {"row": earlier}))
            else:
                seen[f"{key}:{value}"] = row.line
    if row.person_id is not None:
        earlier = seen.get(f"person:{row.person_id}")
        if earlier is not None and not any(p.code == "duplicate_in_file" for p in row.problems):
            message = N_("The same person as row {row}.")
            problem(
                Issue(
                    "duplicate_in_file", message, columns.get("email", columns.get("employee_number")), {"row": earlier}
                )
            )
        seen.setdefault(f"person:{row.person_id}", row.line)


def _match_person(row: PreviewRow, columns: dict[str, int], known: Known) -> None:
    by_email = known.by_email.get(row.email.lower()) if row.email else None
    by_number = known.by_number.get(row.employee_number) if row.employee_number else None
    if by_email is None and by_number is None:
        return
    person = by_email or by_number
    assert person is not None
    name = f"{person[1]} {person[2]}"
    column = columns["email"] if by_email is not None else columns["employee_number"]
    if by_email is not None and by_number is not None and by_email[0] != by_number[0]:
        row.problems.append(
            Issue(
                "duplicate_person",
                N_("The e-mail address belongs to {name}, the employee number to {other}."),
                column,
                {"name": name, "other": f"{by_number[1]} {by_number[2]}"},
            )
        )
        return
    if by_email is not None and by_number is None and row.employee_number and person[3]:
        row.problems.append(
            Issue(
                "duplicate_person",
                N_("The e-mail address belongs to {name}, whose employee number is {number}, not {value}."),
                columns["employee_number"],
                {"name": name, "number": person[3], "value": row.employee_number},
            )
        )
        return
    if fold(person[1]) != fold(row.first_name) and fold(person[2]) != fold(row.last_name):
        message = (
            N_("The e-mail address belongs to someone else: {name}.")
            if by_email is not None
            else N_("The employee number belongs to someone else: {name}.")
        )
        row.problems.append(Issue("duplicate_person", message, column, {"name": name}))
        return
    if person[0] in known.enrolled:
        message = N_("{name} is already enrolled in this cohort.")
        row.problems.append(Issue("already_enrolled", message, column, {"name": name}))
        return
    row.person_id = person[0]
    if row.unit_id is None and (not row.unit or row.unit_choice is Action.EMPTY):
        row.unit_id = person[4]
    if not row.position:
        row.position = person[5] or ""
    message = (
        N_("Will enrol the existing person {name} (same e-mail address).")
        if by_email is not None
        else N_("Will enrol the existing person {name} (same employee number).")
    )
    row.notices.append(Issue("existing_person", message, column, {"name": name}))


def _unknown_unit(row: PreviewRow, column: int, known: Known, choices: Mapping[str, UnitChoice]) -> None:
    """A unit the municipality has not registered: the choice made for its name, a remembered alias, or a problem."""
    key = unit_key(row.unit)
    choice = choices.get(key)
    if choice is None and key in known.aliases:
        row.unit_id = known.aliases[key]
        row.notices.append(Issue("unit_alias", N_("The unit “{value}” is recorded as {unit}, as chosen before."),
                                 column, {"value": row.unit, "unit": known.unit_label(row.unit_id)}))  # fmt: skip
        return
    if choice is None:
        fields = {"value": row.unit, "municipality": known.municipality}
        message = N_("The unit “{value}” is not registered in {municipality}: create it, map it to a registered unit "
                     "or leave it empty.")  # fmt: skip
        row.problems.append(Issue("unknown_unit", message, column, fields))
        return
    row.unit_choice = choice.action
    if choice.action is Action.MAP:
        assert choice.unit_id is not None
        row.unit_id = choice.unit_id
        message = N_("The unit “{value}” will be recorded as {unit}.")
        fields = {"value": row.unit, "unit": known.unit_label(choice.unit_id)}
    elif choice.action is Action.CREATE:
        row.new_unit = key
        department = next((name for i, name in known.departments.values() if i == choice.department_id), "")
        message = N_("The unit “{value}” will be created in {department}.")
        fields = {"value": choice.name or row.unit, "department": department}
    else:
        message = N_("The unit “{value}” will be left empty.")
        fields = {"value": row.unit}
    row.notices.append(Issue("unit_choice", message, column, fields))
