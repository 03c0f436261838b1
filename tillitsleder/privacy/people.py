"""Finding the person a privacy request is about: by id or e-mail, or from one of their enrolments.

An erased person keeps their id and a placeholder name (see ``erasure``): ``is_placeholder`` tells them apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from tillitsleder.errors import NotFound
from tillitsleder.i18n import N_
from tillitsleder.model import Enrolment, Person
from tillitsleder.storage.database import Database

PLACEHOLDER_FIRST_NAME = "—"


def placeholder_last_name(person_id: int) -> str:
    """The name an erased person's row keeps: "— #17" in every list, in every language."""
    return f"#{person_id}"


@dataclass(frozen=True)
class PersonRef:
    id: int
    name: str
    email: str | None
    erased: bool


def is_placeholder(person: Person) -> bool:
    return person.first_name == PLACEHOLDER_FIRST_NAME and person.last_name == placeholder_last_name(person.id)


def find_person(db: Database, id_or_email: str | int) -> PersonRef:
    """The person with this id (a number) or e-mail address (any case); ``NotFound`` otherwise."""
    text = str(id_or_email).strip()
    with db.read() as s:
        if text.isdigit():
            person = s.get(Person, int(text))
        else:
            person = s.scalar(select(Person).where(func.lower(Person.email) == text.lower()))
        if person is None:
            raise NotFound(N_("There is no person with the id or e-mail address “{value}”."), value=text)
        return _ref(person)


def person_ref(db: Database, person_id: int) -> PersonRef:
    return find_person(db, person_id)


def person_of_enrolment(db: Database, enrolment_id: int) -> PersonRef:
    with db.read() as s:
        person = s.scalar(
            select(Person).join(Enrolment, Enrolment.person_id == Person.id).where(Enrolment.id == enrolment_id)
        )
        if person is None:
            raise NotFound(N_("That enrolment no longer exists."))
        return _ref(person)


def _ref(person: Person) -> PersonRef:
    return PersonRef(person.id, person.full_name, person.email, is_placeholder(person))
