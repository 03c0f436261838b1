"""A small finished cohort for certificate tests, and a stand-in for the completion rules that says who completed."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tillitsleder.model import Cohort, Enrolment, Module, Municipality, Person, Programme
from tillitsleder.storage import Database, open_database

SAMI = "Áilu Čeavča-Đuođa Ŋuolla Šiellá Ŧŧ Žžá"
OTHERS = "Łukasz Ćwikliński Doğan Kılıç Şahin Ærlig Østlund"
HOSTILE = '<b>Bold</b> <img src="http://x"/> Fish & Chips 0.1 <A <0.9'
NAMES = [
    ("Áilu Čeavča-Đuođa", "Ŋuolla Šiellá Ŧŧ Žžá"),
    ("Łukasz Ćwikliński", "Doğan Kılıç Şahin"),
    ("Ærlig Åse", "Østlund"),
    ('<b>Bold</b> <img src="http://x"/>', "Fish & Chips 0.1 <A <0.9"),
    ("Kari", "Nordmann"),
]


def full_names() -> list[str]:
    return [f"{first} {last}" for first, last in NAMES]


def build_cohort(db: Database, *, extra: int = 0) -> dict[str, int | list[int]]:
    """A municipality, a programme with four modules, a finished cohort and its enrolments (by ``NAMES`` order,
    then ``extra`` more people)."""
    with db.session() as s:
        town = Municipality(name="Bydel Nordstrand")
        s.add(town)
        s.flush()
        programme = Programme(
            municipality_id=town.id,
            name="Lederutvikling i Nordstrand",
            start_date=date(2017, 1, 1),
            end_date=date(2018, 12, 31),
        )
        s.add(programme)
        s.flush()
        for position, (title, hours) in enumerate(
            [
                ("Tillitsbasert ledelse", "12"),
                ("Relasjonell kompetanse", "7.5"),
                ("Lean & forbedring", "6"),
                ("Refleksjonsgrupper", "18"),
            ]
        ):
            s.add(Module(programme_id=programme.id, position=position, title=title, hours=Decimal(hours)))
        cohort = Cohort(
            programme_id=programme.id, name="Kull 2017", start_date=date(2017, 1, 19), end_date=date(2018, 12, 13)
        )
        s.add(cohort)
        s.flush()
        people = list(NAMES) + [(f"Deltaker{n}", f"Etternavn{n}") for n in range(extra)]
        enrolments = []
        for first, last in people:
            person = Person(first_name=first, last_name=last)
            s.add(person)
            s.flush()
            enrolment = Enrolment(
                cohort_id=cohort.id, person_id=person.id, status_since=date(2017, 1, 19), enrolled_on=date(2017, 1, 1)
            )
            s.add(enrolment)
            s.flush()
            enrolments.append(enrolment.id)
    return {"programme": programme.id, "cohort": cohort.id, "enrolments": enrolments}


class FakeCompletion:
    """Replaces ``completion.evaluate_cohort``/``evaluate_participant``: everyone completed except ``not_done``."""

    def __init__(self) -> None:
        self.not_done: set[int] = set()

    def _rows(self, db: Database, cohort_id: int | None = None, enrolment_id: int | None = None):
        from tillitsleder.completion.evaluation import CompletionState, ParticipantCompletion

        with db.read() as s:
            query = s.query(Enrolment.id, Enrolment.person_id, Person.first_name, Person.last_name).join(
                Person, Person.id == Enrolment.person_id
            )
            if cohort_id is not None:
                query = query.filter(Enrolment.cohort_id == cohort_id)
            if enrolment_id is not None:
                query = query.filter(Enrolment.id == enrolment_id)
            rows = query.order_by(Enrolment.id).all()
        return [
            ParticipantCompletion(
                enrolment_id=row[0],
                person_id=row[1],
                name=f"{row[2]} {row[3]}",
                state=CompletionState.CANNOT_COMPLETE if row[0] in self.not_done else CompletionState.COMPLETED,
                reasons=["Attendance 40 % is below the minimum 75 %."] if row[0] in self.not_done else [],
                eligible=row[0] not in self.not_done,
            )
            for row in rows
        ]

    def evaluate_cohort(self, db, cohort_id, *, today=None, actor=None, register=None):
        return self._rows(db, cohort_id=cohort_id)

    def evaluate_participant(self, db, enrolment_id, *, today=None, actor=None, register=None):
        return self._rows(db, enrolment_id=enrolment_id)[0]


def install_fake_completion(monkeypatch: pytest.MonkeyPatch) -> FakeCompletion:
    from tillitsleder.completion import evaluation as completion
    from tillitsleder.reports import progress  # noqa: F401  imports the real functions by name before they are faked

    fake = FakeCompletion()
    monkeypatch.setattr(completion, "evaluate_cohort", fake.evaluate_cohort)
    monkeypatch.setattr(completion, "evaluate_participant", fake.evaluate_participant)
    return fake


def built_copy(factory: pytest.TempPathFactory, target: Path, *, extra: int = 0, cache: dict = {}) -> dict:  # noqa: B006
    """Copy a database holding ``build_cohort(extra=extra)`` (built once per test session) to ``target``."""
    if extra not in cache:
        path = factory.mktemp("certificate-template") / "cohort.sqlite3"
        db = open_database(path)
        cache[extra] = (path, build_cohort(db, extra=extra))
        db.close()
    path, ids = cache[extra]
    shutil.copyfile(path, target)
    return ids


def built_target(database_copy, *, extra: int = 0, cache: dict = {}) -> tuple[str, dict]:  # noqa: B006
    """A private database holding ``build_cohort(extra=extra)`` on the test's engine (``database_copy`` from
    tests/core/conftest.py): its target as ``--db`` takes it, and the ids."""

    def build(target: str) -> None:
        db = open_database(target)
        try:
            cache[("://" in target, extra)] = build_cohort(db, extra=extra)
        finally:
            db.close()

    target = database_copy(f"certificate-cohort-{extra}", build)
    return target, cache[("://" in target, extra)]
