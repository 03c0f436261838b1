"""The rows of an Oslo-scale database (a helper module of ``oslo_scale.py``; ``run_all`` skips ``_*.py``).

One municipality with 24 departments (districts and agencies) of 60 units each, 50,000 people, 5,000 of them
enrolled in cohorts of about 60 that started over the last six years in five programme generations; 60 held
sessions per cohort with a mark for every participant (300,000 marks) and ten more (planned, or cancelled
where already past); 40 journal entries per participant (200,000) as ciphertext-sized random bytes; reflection
groups of about eight with six meetings each and three-step notes; facilitator pools; certificates for the
finished cohorts; two commitments per participant; an audit trail and a read audit. Everything is relative to
``clock.today()`` and seeded, so two runs build the same database.

A few people get real profiles and real journal entries through the services afterwards (``oslo_scale``):
their entries are left out of the random ones, so the totals stay as asked.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from tillitsleder import clock

FIRST = (
    "Ole Kari Per Anne Lars Ingrid Jon Silje Knut Marit Erik Nora Hans Ida Nils Sara Tor Emma Arne Hilde Geir "
    "Maja Rune Linn Svein Tone Espen Kristin Trond Mari Ahmed Fatima Ali Aisha Mohammed Zainab Piotr Anna "
    "Tomasz Agnieszka Mehmet Ayse Ivan Olga Jonas Thea Sindre Vilde Magnus Julie Henrik Camilla Kjell Liv "
    "Øystein Åse Bjørn Solveig Håkon Ragnhild"
).split()
LAST = (
    "Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen Johnsen Pettersen "
    "Eriksen Berg Haugen Hagen Johannessen Andreassen Jacobsen Dahl Jørgensen Halvorsen Henriksen Lund "
    "Sørensen Jakobsen Moen Gundersen Iversen Strand Solberg Svendsen Eide Knutsen Martinsen Paulsen Bakken "
    "Kristoffersen Mathisen Lie Amundsen Nguyen Rasmussen Ali Lunde Solheim Berntsen Nygård Bakke Kristensen "
    "Moe Fredriksen Ahmed Holm Lien Hussain Mohamed Khan Aas Ruud Ellingsen Tangen Myhre Sandvik Hauge "
    "Ødegård Brekke Aasen Haugland Wold Thorsen Næss Østby Kowalski Nowak Yilmaz Popescu Ivanova Haaland"
).split()
DEPARTMENTS = (
    "Bydel Alna Bydel Bjerke Bydel Frogner Bydel Gamle-Oslo Bydel Grorud Bydel Grünerløkka Bydel Nordre-Aker "
    "Bydel Nordstrand Bydel Sagene Bydel St.-Hanshaugen Bydel Stovner Bydel Søndre-Nordstrand Bydel Ullern "
    "Bydel Vestre-Aker Bydel Østensjø"
).split(" Bydel ")
DEPARTMENTS = tuple(d if d.startswith("Bydel") else "Bydel " + d for d in DEPARTMENTS) + (
    "Utdanningsetaten", "Helseetaten", "Sykehjemsetaten", "Velferdsetaten", "Bymiljøetaten", "Kulturetaten",
    "Plan- og bygningsetaten", "Oslobygg KF", "Vann- og avløpsetaten",
)  # fmt: skip
UNIT_KINDS = ("Barnehage", "Skole", "Hjemmetjeneste", "Sykehjem", "Helsestasjon", "NAV-kontor", "Bibliotek",
              "Fritidsklubb", "Bofellesskap", "Legevakt", "Stab", "Kontor")  # fmt: skip
PLACES = ("Furuset", "Haugerud", "Tveita", "Lindeberg", "Trosterud", "Vestli", "Romsås", "Holmlia", "Mortensrud",
          "Bøler", "Manglerud", "Ryen", "Lambertseter", "Ekeberg", "Kampen", "Tøyen", "Sinsen", "Torshov",
          "Majorstuen", "Skøyen", "Røa", "Vinderen", "Kjelsås", "Grefsen")  # fmt: skip
POSITIONS = ("Enhetsleder", "Avdelingsleder", "Teamleder", "Rektor", "Styrer", "Fagleder", "Seksjonssjef",
             "Assisterende rektor", "Driftsleder", "Konsulent", "Rådgiver", "Sykepleier", "Lærer")  # fmt: skip
MODULES = ("Tillit som ledelsesprinsipp", "Samskaping med innbyggerne", "Lederrollen i endring", "Coaching som verktøy",
           "Psykologisk trygghet", "Medarbeiderskap", "Økonomi og styring", "Innovasjon i tjenestene",
           "Konflikthåndtering", "Kommunikasjon", "Lean i praksis", "Arbeidsrett for ledere",
           "Etikk og verdier", "Mangfold og inkludering", "Endringsledelse", "Avslutning og veien videre")  # fmt: skip
SESSION_TYPES = ("temasamling", "fagdag", "refleksjonsgruppe", "ledergruppeutvikling", "e_laering", "coaching")
STEPS = ("own_reflection", "small_group", "large_group")
THEMES = ("Tillit i hverdagen", "Samarbeid på tvers", "Tidspress", "Nye rutiner", "Vanskelige samtaler", "")
MARK_CODES = (("present", 85), ("late", 5), ("partial", 3), ("excused", 4), ("absent", 3))


@dataclass(frozen=True)
class Scale:
    people: int = 50_000
    enrolled: int = 5_000
    marks: int = 300_000
    entries: int = 200_000
    cohort_size: int = 60

    def scaled(self, factor: float) -> Scale:
        return Scale(*(max(1, round(v * factor)) for v in (self.people, self.enrolled, self.marks, self.entries)))


@dataclass
class Plan:
    """What the generator made that the benchmarks look up later (ids, not rows)."""

    cohort_ids: list[int] = field(default_factory=list)
    cohort_enrolments: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # cohort → (enrolment, person)
    facilitator_people: list[int] = field(default_factory=list)
    coordinator_people: list[int] = field(default_factory=list)
    real_journal_people: set[int] = field(default_factory=set)  # their entries are written through the service
    entries_per_person: int = 0


def ciphertext(rng: random.Random, buckets: int) -> bytes:
    """Random bytes the size of a padded sealed blob: header, nonce, ``buckets`` × 256 bytes, tag."""
    return rng.randbytes(1 + 12 + 256 * buckets + 16)


def wrapped_key(rng: random.Random) -> bytes:
    return rng.randbytes(1 + 12 + 32 + 16)


def _moment(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour - 1), tzinfo=UTC)  # 09:00 in Oslo is about 08:00 UTC


def _ascii(text: str) -> str:
    return text.lower().translate(str.maketrans({"ø": "o", "å": "a", "æ": "ae", "ü": "u"}))


class OsloRows:
    """Produces each table's rows in dependency order; ``tables()`` yields ``(table name, rows)``."""

    def __init__(self, scale: Scale, *, seed: int = 16, real_journal_people: int = 12) -> None:
        self.scale = scale
        self.rng = random.Random(seed)
        self.today = clock.today()
        self.now = clock.now()
        self.plan = Plan()
        self.real_journal = real_journal_people

    def tables(self) -> Iterator[tuple[str, list[dict] | Iterator[dict]]]:
        rng = self.rng
        yield "municipality", [{"id": 1, "name": "Oslo kommune", "country": "NO", "timezone": "Europe/Oslo"}]
        yield "department", [{"id": i, "municipality_id": 1, "name": n} for i, n in enumerate(DEPARTMENTS, 1)]
        units = []
        for d in range(1, len(DEPARTMENTS) + 1):
            names = [f"{kind} {place}" for kind in UNIT_KINDS for place in PLACES]
            for name in rng.sample(names, 60):
                units.append({"id": len(units) + 1, "department_id": d, "name": name, "code": f"{len(units) + 1:05d}"})
        yield "unit", units
        self.unit_ids = [u["id"] for u in units]
        yield "person", self._people()
        yield "venue", [{"id": i, "name": f"{p} kultursenter", "address": f"{p}veien {i}", "capacity": 120}
                        for i, p in enumerate(PLACES[:12], 1)]  # fmt: skip
        yield from self._programmes()
        yield from self._cohorts()
        yield from self._facilitators()
        yield from self._groups()
        yield "attendance", self._marks()
        yield "journal_entry", self._journal()
        yield "commitment", self._commitments()
        yield "certificate", self._certificates()
        yield from self._audit()

    # --- people and organisation ----------------------------------------------------------------------------

    def _people(self) -> Iterator[dict]:
        rng = self.rng
        for pid in range(1, self.scale.people + 1):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            yield {
                "id": pid, "first_name": first, "last_name": last,
                "email": f"{_ascii(first)}.{_ascii(last)}.{pid}@oslo.kommune.no", "employee_number": f"E{pid:06d}",
                "unit_id": rng.choice(self.unit_ids), "position": rng.choice(POSITIONS),
                "leader_level": rng.randint(1, 4), "created_at": self.now - timedelta(days=rng.randint(30, 3000)),
            }  # fmt: skip

    # --- programmes, cohorts, sessions ----------------------------------------------------------------------

    def _programmes(self):
        from tillitsleder.attendance.statuses import default_attendance_statuses

        programmes, semesters, modules, statuses = [], [], [], []
        self.status_ids: dict[int, dict[str, int]] = {}
        self.modules_of: dict[int, list[tuple[int, str]]] = {}
        first_year = self.today.year - 7
        for p in range(1, 6):
            start = date(first_year + (p - 1) * 2, 1, 1)
            end = date(start.year + 3, 12, 31)
            programmes.append({"id": p, "municipality_id": 1, "name": f"Tillitsbasert ledelse {start.year}",
                               "start_date": start, "end_date": end, "min_attendance": Decimal("0.800")})  # fmt: skip
            for n in range(1, 5):
                semesters.append({"id": (p - 1) * 4 + n, "programme_id": p, "number": n, "title": f"Semester {n}",
                                  "start_date": start + timedelta(days=(n - 1) * 182),
                                  "end_date": start + timedelta(days=n * 182 - 1)})  # fmt: skip
            for i, title in enumerate(MODULES):
                mid = (p - 1) * len(MODULES) + i + 1
                kind = SESSION_TYPES[i % len(SESSION_TYPES)]
                modules.append({"id": mid, "programme_id": p, "semester_id": (p - 1) * 4 + i // 4 + 1, "position": i,
                                "title": title, "hours": Decimal(6), "session_type": kind})  # fmt: skip
                self.modules_of.setdefault(p, []).append((mid, kind))
            self.status_ids[p] = {}
            for i, default in enumerate(default_attendance_statuses()):
                sid = len(statuses) + 1
                statuses.append({"id": sid, "programme_id": p, "code": default.code, "label": default.label,
                                 "weight": default.weight, "position": i})  # fmt: skip
                self.status_ids[p][default.code] = sid
        yield "programme", programmes
        yield "semester", semesters
        yield "module", modules
        yield "attendance_status", statuses

    def _cohorts(self):
        rng, scale = self.rng, self.scale
        count = max(1, round(scale.enrolled / scale.cohort_size))
        self.held = max(1, scale.marks // scale.enrolled)
        per_session_days = 10
        # Every cohort has had its ``held`` sessions: the newest started ``held`` × 10 days ago.
        newest = self.today - timedelta(days=self.held * per_session_days + 5)
        oldest = self.today - timedelta(days=6 * 365)
        sizes = [scale.enrolled // count + (1 if i < scale.enrolled % count else 0) for i in range(count)]
        people = rng.sample(range(1, scale.people + 1), scale.enrolled + 200)
        self.enrolled_people, spare = people[: scale.enrolled], people[scale.enrolled :]
        self.plan.facilitator_people, self.plan.coordinator_people = spare[:150], spare[150:153]
        cohorts, enrolments, history, sessions = [], [], [], []
        self.cohort_sessions: dict[int, list[tuple[int, datetime]]] = {}
        self.cohort_programme: dict[int, int] = {}
        self.enrolment_info: dict[int, tuple[int, int, date, date]] = {}  # enrolment → person, cohort, from, until
        taken = 0
        for c in range(1, count + 1):
            start = oldest + (newest - oldest) * (c - 1) // max(1, count - 1)
            programme = min(5, max(1, (start.year - (self.today.year - 7)) // 2 + 1))
            end = start + timedelta(days=(self.held + 10) * per_session_days)
            finished = end < self.today
            cohorts.append({"id": c, "programme_id": programme, "name": f"Kull {c:03d} ({start.year})",
                            "start_date": start, "end_date": end})  # fmt: skip
            self.cohort_programme[c] = programme
            self.plan.cohort_ids.append(c)
            members = self.enrolled_people[taken : taken + sizes[c - 1]]
            taken += len(members)
            for person in members:
                eid = len(enrolments) + 1
                status = ("completed" if rng.random() < 0.93 else "withdrawn") if finished else (
                    "active" if rng.random() < 0.96 else "on_leave")  # fmt: skip
                since = end if status == "completed" else start
                enrolments.append({"id": eid, "cohort_id": c, "person_id": person, "unit_id": rng.choice(self.unit_ids),
                                   "position": rng.choice(POSITIONS), "status": status, "status_since": since,
                                   "enrolled_on": start - timedelta(days=30),
                                   "journal_count_visible": rng.random() < 0.4})  # fmt: skip
                history.append({"id": len(history) + 1, "enrolment_id": eid, "status": "active",
                                "effective_on": start - timedelta(days=30), "changed_at": _moment(start)})  # fmt: skip
                self.plan.cohort_enrolments.setdefault(c, []).append((eid, person))
                self.enrolment_info[eid] = (person, c, start, min(end, self.today))
            modules = self.modules_of[programme]
            for n in range(self.held + 10):
                sid = len(sessions) + 1
                day = start + timedelta(days=n * per_session_days)
                module_id, kind = modules[n % len(modules)]
                past = _moment(day) < self.now
                status = "held" if n < self.held else ("cancelled" if past else "planned")
                sessions.append({"id": sid, "cohort_id": c, "module_id": module_id, "venue_id": 1 + sid % 12,
                                 "title": f"{MODULES[n % len(MODULES)]} ({n + 1})", "session_type": kind,
                                 "starts_at": _moment(day), "ends_at": _moment(day, 15), "status": status,
                                 "ical_uid": f"oslo-{sid}@tillitsleder.invalid",
                                 "updated_at": _moment(day)})  # fmt: skip
                if n < self.held:
                    self.cohort_sessions.setdefault(c, []).append((sid, _moment(day)))
        self.plan.real_journal_people = {p for _e, p in self.plan.cohort_enrolments[count][: self.real_journal]}
        yield "cohort", cohorts
        yield "enrolment", enrolments
        yield "enrolment_status_change", history
        yield "session", sessions
        self.sessions_total = len(sessions)

    def _marks(self) -> Iterator[dict]:
        rng = self.rng
        codes = [code for code, weight in MARK_CODES for _ in range(weight)]
        mid = 0
        for c, members in self.plan.cohort_enrolments.items():
            ids = self.status_ids[self.cohort_programme[c]]
            for sid, _when in self.cohort_sessions[c]:
                for eid, _person in members:
                    mid += 1
                    yield {"id": mid, "session_id": sid, "enrolment_id": eid, "status_id": ids[rng.choice(codes)]}

    # --- journal, commitments, certificates -----------------------------------------------------------------

    def _journal(self) -> Iterator[dict]:
        rng, scale = self.rng, self.scale
        per_person = self.plan.entries_per_person = scale.entries // scale.enrolled
        spare = scale.entries - per_person * scale.enrolled  # one more each for the first few
        jid = 0
        for person, cohort, start, until in self.enrolment_info.values():
            if person in self.plan.real_journal_people:
                continue
            n = per_person + (1 if spare > 0 else 0)
            spare -= n - per_person
            sessions = self.cohort_sessions[cohort]
            span = max(1, (until - start).days)
            for _ in range(n):
                jid += 1
                day = start + timedelta(days=rng.randrange(span))
                at = datetime.combine(day, time(rng.randint(6, 21), rng.choice((0, 15, 30, 45))), tzinfo=UTC)
                linked = rng.random() < 0.5
                yield {"id": jid, "author_id": person, "written_on": day,
                       "session_id": rng.choice(sessions)[0] if linked else None, "module_id": None,
                       "prompt_template": rng.choice(("free", "three_step", "learn_change")), "sharing": "private",
                       "content": ciphertext(rng, rng.randint(1, 6)), "content_key": wrapped_key(rng),
                       "created_at": at, "updated_at": at}  # fmt: skip

    def _commitments(self) -> Iterator[dict]:
        rng = self.rng
        cid = 0
        for person, _cohort, start, _until in self.enrolment_info.values():
            if person in self.plan.real_journal_people:
                continue  # random bytes would show as damaged on their own screen
            for _ in range(2):
                cid += 1
                yield {"id": cid, "person_id": person, "made_on": start + timedelta(days=rng.randint(0, 300)),
                       "due_on": start + timedelta(days=rng.randint(300, 600)),
                       "status": rng.choice(("open", "on_track", "done", "dropped")),
                       "content": ciphertext(rng, 1), "content_key": wrapped_key(rng)}  # fmt: skip

    def _certificates(self) -> Iterator[dict]:
        rng = self.rng
        cert = 0
        for eid, (person, _cohort, _start, until) in self.enrolment_info.items():
            if until >= self.today or rng.random() > 0.93:
                continue
            cert += 1
            pdf = rng.randbytes(2048)  # a stand-in: the lists never read the PDF
            yield {"id": cert, "enrolment_id": eid, "version": 1, "verification_code": f"OSLO-{cert:08d}",
                   "issued_at": _moment(until), "language": "nb", "pdf": pdf,
                   "sha256": hashlib.sha256(pdf).hexdigest(), "status": "valid",
                   "holder_name": f"person {person}"}  # fmt: skip

    # --- facilitators and reflection groups -----------------------------------------------------------------

    def _facilitators(self):
        pools = [{"id": 1, "municipality_id": 1, "code": "F16", "name": "Lean-fasilitatorer", "kind": "lean"},
                 {"id": 2, "municipality_id": 1, "code": "F7", "name": "Innovasjonsagenter", "kind": "innovation"},
                 {"id": 3, "municipality_id": 1, "code": "COACH", "name": "Coacher", "kind": "coach"}]  # fmt: skip
        facilitators = []
        for i, person in enumerate(self.plan.facilitator_people):
            facilitators.append({"id": i + 1, "pool_id": 1 + i % 3, "person_id": person, "skills": "Coaching, Lean",
                                 "capacity_hours_per_month": Decimal(8)})  # fmt: skip
        coordinators = enumerate(self.plan.coordinator_people)
        roles = [{"id": i + 1, "person_id": p, "role": "coordinator"} for i, p in coordinators]
        self.facilitator_ids = [f["id"] for f in facilitators]
        yield "facilitator_pool", pools
        yield "facilitator", facilitators
        yield "role_assignment", roles

    def _groups(self):
        rng = self.rng
        rounds, groups, members, assignments, meetings, attendees, notes = [], [], [], [], [], [], []
        for c, enrolled in self.plan.cohort_enrolments.items():
            rounds.append({"id": c, "cohort_id": c, "number": 1, "name": "Runde 1", "created_at": self.now})
            start = self.cohort_sessions[c][0][1].date()
            for g in range(0, len(enrolled), 8):
                gid = len(groups) + 1
                facilitator = self.facilitator_ids[gid % len(self.facilitator_ids)]
                groups.append({"id": gid, "round_id": c, "name": f"Gruppe {g // 8 + 1}", "facilitator_id": facilitator})
                assignments.append({"id": gid, "facilitator_id": facilitator, "kind": "group", "group_id": gid,
                                    "starts_on": start, "hours": Decimal(2)})  # fmt: skip
                group = [eid for eid, _p in enrolled[g : g + 8]]
                members.extend({"group_id": gid, "enrolment_id": eid} for eid in group)
                for m in range(6):
                    meeting_id = len(meetings) + 1
                    meetings.append({"id": meeting_id, "group_id": gid, "held_on": start + timedelta(days=30 + 60 * m),
                                     "facilitator_id": facilitator})  # fmt: skip
                    came = [e for e in group if rng.random() < 0.85]
                    attendees.extend({"meeting_id": meeting_id, "enrolment_id": e} for e in came)
                    for step in STEPS:
                        theme = rng.choice(THEMES)
                        notes.append({"id": len(notes) + 1, "meeting_id": meeting_id, "step": step,
                                      "content": "Vi snakket om hvordan tillit vises i hverdagen. " * 4,
                                      "theme": theme,
                                      "theme_shareable": bool(theme) and rng.random() < 0.5})  # fmt: skip
        yield "group_round", rounds
        yield "reflection_group", groups
        yield "group_member", members
        yield "facilitator_assignment", assignments
        yield "group_meeting", meetings
        yield "group_meeting_attendee", attendees
        yield "group_note", notes

    # --- audit trails ---------------------------------------------------------------------------------------

    def _audit(self):
        rng = self.rng
        actions = ("attendance.recorded", "enrolment.status_changed", "session.rescheduled", "certificate.issued")
        yield "audit_event", (
            {"id": i, "occurred_at": self.now - timedelta(minutes=i * 7), "actor_id": None,
             "action": rng.choice(actions), "entity": "enrolment", "entity_id": rng.randint(1, self.scale.enrolled),
             "detail": "{}"}
            for i in range(1, 2 * self.scale.people + 1)
        )  # fmt: skip
        events, subjects = [], []
        for i in range(1, self.scale.people // 3 + 1):
            events.append({"id": i, "occurred_at": self.now - timedelta(minutes=i * 31), "actor_id": None,
                           "actor_role": "coordinator", "kind": rng.choice(("report", "attendance_export")),
                           "entity": "cohort", "entity_id": rng.choice(self.plan.cohort_ids)})  # fmt: skip
            for person in set(rng.sample(self.enrolled_people, rng.randint(1, 3))):
                subjects.append({"event_id": i, "person_id": person})
        yield "read_event", events
        yield "read_event_subject", subjects
