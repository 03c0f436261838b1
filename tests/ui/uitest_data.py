"""Test data for the UI tests, written through the model into a migrated database.

The UI tests use the real demo generator for the demo database; this builder makes databases of a chosen size
(e.g. 450 participants, more than two pages of a table model) and with issued certificates. It fills every
area a coordinator sees: a programme with its curriculum, a cohort with participants, sessions with
attendance, reflection groups with meetings and shareable themes, facilitator pools, journal entries (with
and without permission to count them), commitments and certificates.
"""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from tillitsleder.model import (
    Attendance,
    AttendanceStatus,
    Certificate,
    Cohort,
    Commitment,
    Department,
    Enrolment,
    Facilitator,
    FacilitatorAssignment,
    FacilitatorPool,
    GroupMeeting,
    GroupNote,
    GroupRound,
    JournalEntry,
    Module,
    Municipality,
    Person,
    Programme,
    ReflectionGroup,
    Semester,
    Session,
    Unit,
    Venue,
)
from tillitsleder.storage import open_database

FIRST = ["Åse", "Øystein", "Ingrid", "Mari", "Sámi", "Áilu", "Máret", "Łukasz", "Ayşe", "Oddbjørn", "Kari", "Jonas"]
LAST = ["Ødegård", "Bråten", "Haugen", "Sara", "Gaup", "Ćosić", "Yılmaz", "Nordstrøm", "Lie", "Dahl", "Berg", "Moen"]
DEPARTMENTS = {
    "Oppvekst": ["Ektorp barnehage", "Helsestasjonen"],
    "Mestring og omsorg": ["Hjemmetjenesten sone 1", "Nordstrand sykehjem"],
    "Tilpassa tjenester": ["Avlastningsboliger"],
    "Velferd": ["NAV Nordstrand", "Stadsbiblioteket"],
}
MODULES = [
    ("Tillitsbasert ledelse", "temasamling", 6),
    ("Relasjonskompetanse og medarbeiderskap", "temasamling", 6),
    ("Ledergruppeutvikling", "ledergruppeutvikling", 12),
    ("Refleksjonsgrupper", "refleksjonsgruppe", 18),
    ("Resultatkjeden i praksis", "temasamling", 6),
    ("Fagdag: Innovasjon på tvers", "fagdag", 7),
]
THEMES = ["Kommunikasjon", "Tydlighet", "Arbeidsglede", "Delaktighet", "Kontroll som gir mening"]


def build_sample_database(path: Path, *, participants: int = 40, seed: int = 2017) -> Path:
    """Create ``path`` (must not exist) with one programme, one cohort of ``participants`` and everything around."""
    rng = random.Random(seed)
    db = open_database(path)
    try:
        with db.session() as s:
            town = Municipality(name="Bydel Nordstrand")
            s.add(town)
            s.flush()
            units = []
            for dep_name, unit_names in DEPARTMENTS.items():
                dep = Department(municipality=town, name=dep_name)
                units += [Unit(department=dep, name=name) for name in unit_names]
            s.add_all(units)
            programme = Programme(
                municipality_id=town.id,
                name="Lederutviklingsprogram 2017–2019",
                start_date=date(2017, 1, 9),
                end_date=date(2018, 12, 14),
                min_attendance=Decimal("0.8"),
            )
            semesters = [
                Semester(programme=programme, number=n, title=f"Semester {n}", start_date=start, end_date=end)
                for n, (start, end) in enumerate(
                    [(date(2017, 1, 9), date(2017, 6, 30)), (date(2017, 8, 14), date(2017, 12, 20))], start=1
                )
            ]
            modules = [
                Module(
                    programme=programme,
                    semester=semesters[i % 2],
                    position=i,
                    title=title,
                    session_type=kind,
                    hours=Decimal(hours),
                    required=i != 5,
                )
                for i, (title, kind, hours) in enumerate(MODULES)
            ]
            cohort = Cohort(programme=programme, name="Kull 2017", start_date=date(2017, 1, 9))
            s.add_all([*modules, cohort])
            s.flush()
            statuses = {
                code: AttendanceStatus(programme_id=programme.id, code=code, label=code, weight=Decimal(w), position=i)
                for i, (code, w) in enumerate(
                    [("present", "1"), ("late", "1"), ("partial", "0.5"), ("excused", "0"), ("absent", "0")]
                )
            }
            s.add_all(statuses.values())
            enrolments = []
            for i in range(participants):
                person = Person(
                    first_name=FIRST[i % len(FIRST)],
                    last_name=f"{LAST[(i * 7) % len(LAST)]}{'' if i < len(LAST) else f' {i}'}",
                    email=f"leder{i}@nordstrand.example",
                    unit=units[i % len(units)],
                    position="Enhetsleder",
                    leader_level=1 + i % 4,
                )
                enrolments.append(
                    Enrolment(
                        cohort=cohort,
                        person=person,
                        unit=person.unit,
                        position=person.position,
                        status="active" if i % 13 else "on_leave",
                        status_since=date(2017, 1, 9),
                        enrolled_on=date(2016, 12, 1),
                        journal_count_visible=i % 3 != 0,
                    )
                )
            s.add_all(enrolments)
            venue = Venue(name="Sentralen, Oslo", address="Øvre Slottsgate 3")
            sessions = []
            for i, module in enumerate(modules):
                starts = datetime(2017, 1, 19 + i, 8, 0, tzinfo=UTC) + timedelta(weeks=4 * i)
                sessions.append(
                    Session(
                        cohort=cohort,
                        module=module,
                        venue=venue,
                        title=module.title,
                        session_type=module.session_type,
                        starts_at=starts,
                        ends_at=starts + timedelta(hours=6),
                        status="held" if i < 4 else "planned",
                        ical_uid=f"session-{i}@tillitsleder.example",
                    )
                )
            s.add_all(sessions)
            s.flush()
            codes = ["present"] * 7 + ["late", "partial", "excused", "absent"]
            for session in sessions[:4]:
                s.add_all(
                    Attendance(session=session, enrolment=e, status=statuses[rng.choice(codes)]) for e in enrolments
                )
            f16 = FacilitatorPool(municipality_id=town.id, code="F16", name="Lean-fasilitatorer", kind="lean")
            f7 = FacilitatorPool(municipality_id=town.id, code="F7", name="De fantastiske 7", kind="innovation")
            facilitators = []
            for i in range(6):
                person = Person(first_name=FIRST[(i + 3) % 12], last_name=f"Veileder {i + 1}", unit=units[i % 7])
                facilitators.append(
                    Facilitator(
                        pool=f16 if i < 4 else f7,
                        person=person,
                        skills="Lean, forbedringsarbeid" if i < 4 else "Innovasjon, tjenestedesign",
                    )
                )
            s.add_all(facilitators)
            round_ = GroupRound(cohort=cohort, number=1, name="Runde 1")
            groups = []
            for g in range(max(1, min(5, participants // 8))):
                group = ReflectionGroup(
                    round=round_, name=["Eldkvarn", "Bjørka", "Lyngen", "Gáisi", "Sølvberget"][g], facilitator=None
                )
                group.facilitator = facilitators[g % len(facilitators)]
                group.members = enrolments[g::5]
                groups.append(group)
                for m in range(3):
                    meeting = GroupMeeting(group=group, held_on=date(2017, 2, 6) + timedelta(weeks=6 * m + g))
                    meeting.attendees = group.members[: max(1, len(group.members) - m)]
                    meeting.notes = [
                        GroupNote(
                            step="own_reflection",
                            content="Privat innhold som koordinatoren aldri ser.",
                            theme=THEMES[(g + m) % len(THEMES)],
                            theme_shareable=m != 1,
                        )
                    ]
            s.add_all(groups)
            s.flush()
            s.add_all(
                FacilitatorAssignment(
                    facilitator=group.facilitator, kind="group", group_id=group.id, starts_on=date(2017, 2, 1)
                )
                for group in groups
            )
            s.flush()
            for i, e in enumerate(enrolments):
                s.add_all(
                    JournalEntry(
                        author_id=e.person.id,
                        written_on=date(2017, 2, 1 + n),
                        content=b"\x00sealed",  # opaque stand-ins: these tests only count entries
                        content_key=b"\x00key",
                    )
                    for n in range(i % 5)
                )
                s.add(  # an opaque stand-in, like the entries: these tests only count commitments
                    Commitment(person_id=e.person.id, made_on=date(2017, 3, 1), content=b"\x00", content_key=b"\x00")
                )
            for i, e in enumerate(enrolments[: participants // 4]):
                pdf = f"%PDF-1.4 certificate {i}".encode()
                s.add(
                    Certificate(
                        enrolment_id=e.id,
                        verification_code=f"TL-{i:05d}",
                        issued_at=datetime(2018, 12, 14, 12, 0, tzinfo=UTC),
                        language="nb",
                        pdf=pdf,
                        sha256=hashlib.sha256(pdf).hexdigest(),
                    )
                )
    finally:
        db.close()
    return path
