"""The demos in Swedish, Danish and Nynorsk: ``tillitsleder demo --lang sv|da|nn`` builds each language's own
municipality (Norrköpings kommun, Aarhus Kommune, Voss herad) in its country and time zone, every text — the
curriculum, reasons, meeting notes, journal entries and commitments (decrypted) — in that language with no word of
another, and the Swedish one seats its 400 managers at mixed tables for a Chefsdag."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import postgresql_server as pg
import pytest
from sqlalchemy import select, text

from tillitsleder import profiles
from tillitsleder.cli import main
from tillitsleder.demo.content import DEMO_LANGUAGES, content_for, demo_language
from tillitsleder.demo.journal import DEMO_PASSPHRASE
from tillitsleder.journal import commitments, entries
from tillitsleder.model import DaySeat, DayTable, Person, TableDay, Unit
from tillitsleder.model.enums import Role
from tillitsleder.sessions.working_days import is_day_off
from tillitsleder.storage import Database, open_database
from tillitsleder.table_day import seating
from tillitsleder.table_day.plans import get_table_day

TODAY = date(2026, 11, 22)
# Where a demo keeps its prose (names of people and places' addresses aside).
PROSE = (
    "department.name", "unit.name", "venue.name", "programme.name", "programme.description", "semester.title",
    "module.title", "module.description", "module.objectives", "attendance_status.label", "session.title",
    "session.cancel_reason", "attendance.note", "cohort.name", "enrolment.position", "enrolment_status_change.reason",
    "person.position", "facilitator_pool.name", "facilitator_pool.description", "facilitator.skills",
    "facilitator_unavailability.reason", "group_round.name", "reflection_group.name", "group_note.prompt",
    "group_note.content", "group_note.theme", "group_action.description", "group_action.follow_up",
    "table_day.name", "table_day_table.name",
)  # fmt: skip
# Words (and letters) that give another language away; each demo's texts must have none of them.
FOREIGN = {
    "sv": r"[øæ]|\b(og|ikke|jeg|hva|hvordan|hvor|også|gjennom|avdeling|ledelse|medarbeider\w*|deltaker\w*|kull|"
    r"bydel|noen|mye|sammen|etter|ble|til|skal|tjeneste\w*)\b",
    "da": r"[äö]|\b(ikkje|eg|kva|korleis|gjennom|møte|møtet|hva|mye|noen|deltaker\w*|ble|etter|enhet|och|inte|jag|"
    r"tjenesten|tjenester)\b",
    "nn": r"[äö]|\b(ikke|jeg|hva|hvordan|hvor|noen|mye|enhet\w*|fravær|leder|ledere|lederne|ledelse|ble|hjem|"
    r"tjeneste\w*|medarbeider\w*|deltaker\w*|mellom oss)\b",
}
MUNICIPALITIES = {
    "sv": ("Norrköpings kommun", "SE", "Europe/Stockholm"),
    "da": ("Aarhus Kommune", "DK", "Europe/Copenhagen"),
    "nn": ("Voss herad", "NO", "Europe/Oslo"),
}


def build_with_the_cli(path: Path, language: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["demo", "--lang", language, "--db", str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert str(path) in out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, engine_name: str) -> Iterator[dict[str, Path | str]]:
    """The three demos, built for ``TODAY`` through the command line, on each engine (new files, or empty server
    databases given to ``demo --db postgresql://…``)."""
    from tillitsleder import clock

    folder = tmp_path_factory.mktemp("demos")
    targets: dict[str, Path | str] = {}
    made = []
    with clock.frozen_at(TODAY):
        for language in MUNICIPALITIES:
            if engine_name == "sqlite":
                targets[language] = folder / f"{language}.sqlite3"
            else:
                made.append(pg.unique_name(f"demo_{language}"))
                targets[language] = pg.create_database(made[-1])
            assert main(["demo", "--lang", language, "--db", str(targets[language])]) == 0
    yield targets
    for name in made:
        pg.drop_database(name)


@pytest.fixture
def opened(built: dict[str, Path], request: pytest.FixtureRequest) -> Iterator[Database]:
    db = open_database(built[request.param], create=False)
    yield db
    db.close()


def prose(db: Database) -> list[str]:
    """Every text of the demo that is not a name: the rows' prose, and each participant's journal entries and
    commitments as their owner reads them (decrypted with the demo passphrase)."""
    texts: list[str] = []
    with db.read() as s:
        for column in PROSE:
            table, name = column.split(".")
            texts += [value for (value,) in s.execute(text(f'SELECT "{name}" FROM "{table}"')) if value]
    for profile in profiles.list_profiles(db, role=Role.PARTICIPANT):
        me = profiles.unlock(db, profile.id, DEMO_PASSPHRASE)
        for entry in entries.list_entries(db, me):
            texts += [entry.text, *entry.tags]
        for commitment in commitments.list_commitments(db, me, profile.person_id):
            texts += [commitment.description or "", commitment.follow_up or ""]
    return texts


@pytest.mark.parametrize("opened", list(MUNICIPALITIES), indirect=True)
def test_each_language_builds_its_own_municipality(opened: Database, request: pytest.FixtureRequest) -> None:
    language = request.node.callspec.params["opened"]
    content = content_for(language)
    with opened.read() as s:
        municipality = s.execute(text("SELECT name, country, timezone FROM municipality")).one()
        units = set(s.scalars(select(Unit.name)))
        programme = s.execute(text("SELECT timezone FROM programme")).scalar_one()
    assert tuple(municipality) == MUNICIPALITIES[language] and programme == MUNICIPALITIES[language][2]
    assert units == {unit for department in content.DEPARTMENTS.values() for unit in department}


@pytest.mark.parametrize("opened", list(MUNICIPALITIES), indirect=True)
def test_every_text_is_in_the_language_and_no_other(opened: Database, request: pytest.FixtureRequest) -> None:
    language = request.node.callspec.params["opened"]
    texts = prose(opened)
    assert len(texts) > 1000
    journal = [t for t in texts if "\n\n" in t]
    assert len(journal) >= 20  # the journal entries opened and were checked too
    foreign = [(t, m.group(0)) for t in texts if (m := re.search(FOREIGN[language], t, re.IGNORECASE))]
    assert foreign == []


def test_the_checks_find_another_languages_words(tmp_path: Path) -> None:
    """The word lists do catch a demo in the wrong language: the Bokmål demo fails each of them."""
    from tillitsleder.demo.builder import create_demo_database

    db = open_database(create_demo_database(tmp_path / "nb.sqlite3", today=TODAY, language="nb").path, create=False)
    try:
        texts = prose(db)
    finally:
        db.close()
    for language, pattern in FOREIGN.items():
        caught = [t for t in texts if re.search(pattern, t, re.IGNORECASE)]
        assert len(caught) > len(texts) / (3 if language != "da" else 20), language


def test_the_swedish_demo_is_norrkoping_with_swedish_units(built: dict[str, Path]) -> None:
    db = open_database(built["sv"], create=False)
    try:
        with db.read() as s:
            units = list(s.scalars(select(Unit.name)))
            departments = list(s.execute(text("SELECT name FROM department")).scalars())
    finally:
        db.close()
    assert all(name.endswith("förvaltningen") for name in departments)
    for kind in ("Förskolan ", "Hemtjänstområde ", "Gruppbostaden "):
        assert any(unit.startswith(kind) for unit in units), kind


def test_the_swedish_chefsdag_seats_400_managers_at_mixed_tables_each_led_by_another(built: dict[str, Path]) -> None:
    db = open_database(built["sv"], create=False)
    try:
        with db.read() as s:
            day = s.execute(select(TableDay.id, TableDay.name, TableDay.held_on, TableDay.cohort_id)).one()
            leaders = list(s.scalars(select(DayTable.leader_person_id).where(DayTable.table_day_id == day.id)))
            seated = list(s.scalars(select(DaySeat.person_id)))
            managers = set(s.scalars(select(Person.id).where(Person.leader_level.is_not(None))))
            units = {row.id: row.unit_id for row in s.execute(select(Person.id, Person.unit_id))}
        view = get_table_day(db, day.id)
    finally:
        db.close()
    assert re.fullmatch(r"Chefsdagen \d{4}", day.name) and day.cohort_id is None
    assert day.held_on > TODAY and not is_day_off(day.held_on, "SE")
    assert len(leaders) == 40 and None not in leaders
    people = seated + leaders
    assert len(seated) == view.people == 400 and len(people) == len(set(people)) == 440 and set(people) == managers
    assert [len(t.members) for t in view.tables] == [10] * 40 and len(view.where_do_i_sit()) == 440
    assert {t.name for t in view.tables} == set(content_for("sv").TABLE_DAY.tables)
    sizes = Counter(units[p] for p in seated if units[p] is not None)
    assert view.same_unit_pairs == seating.same_unit_floor(sizes.values(), 40)


def test_only_the_swedish_demo_has_a_table_day(built: dict[str, Path]) -> None:
    for language in ("da", "nn"):
        db = open_database(built[language], create=False)
        try:
            with db.read() as s:
                assert s.scalars(select(TableDay)).all() == []
        finally:
            db.close()


def test_the_interface_language_chooses_the_demo(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --lang the demo follows the interface's language; English (and anything else) gets Bokmål."""
    assert [demo_language(code) for code in ("sv", "sv_SE", "da-DK", "nn", "nb", "en", None, "fi")] == [
        "sv", "sv", "da", "nn", "nb", "nb", "nb", "nb"
    ]  # fmt: skip
    assert set(DEMO_LANGUAGES) == {"nb", "nn", "sv", "da"}
    monkeypatch.setenv("TILLITSLEDER_LANG", "en")
    path = tmp_path / "en.sqlite3"
    build_with_the_cli(path, "en", capsys)
    db = open_database(path, create=False)
    try:
        with db.read() as s:
            assert s.execute(text("SELECT name, country FROM municipality")).one() == (
                "Oslo kommune – Bydel Nordstrand",
                "NO",
            )
    finally:
        db.close()
