"""Plain values the curriculum services take and return."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from tillitsleder.enums import SessionType

MAX_HOURS = Decimal(1000)
NAME_LENGTH = 200


# --- Plain values in and out ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeData:
    name: str
    start_date: date
    end_date: date
    description: str = ""
    timezone: str = "Europe/Oslo"
    min_attendance: Decimal = Decimal("0.8")
    municipality_id: int | None = None
    # Used when ``municipality_id`` is None: an existing municipality of this name, or a new one.
    municipality_name: str = ""
    version: int | None = field(default=None, compare=False)  # as read (``get_programme``); None: not checked


@dataclass(frozen=True)
class SemesterData:
    title: str
    start_date: date
    end_date: date
    version: int | None = field(default=None, compare=False)  # as read (``get_semester``); None: not checked


@dataclass(frozen=True)
class ModuleData:
    title: str
    description: str = ""
    objectives: str = ""
    hours: Decimal = Decimal(0)
    session_type: SessionType = SessionType.THEME_GATHERING
    required: bool = True
    semester_id: int | None = None
    version: int | None = field(default=None, compare=False)  # as read (``get_module``); None: not checked


@dataclass(frozen=True)
class SemesterView:
    id: int
    number: int
    data: SemesterData


@dataclass(frozen=True)
class ModuleView:
    id: int
    position: int
    data: ModuleData
    semester_number: int | None
    session_count: int


@dataclass(frozen=True)
class CurriculumView:
    programme_id: int
    programme: ProgrammeData
    semesters: tuple[SemesterView, ...]
    modules: tuple[ModuleView, ...]
    cohort_count: int = 0

    @property
    def total_hours(self) -> Decimal:
        return sum((m.data.hours for m in self.modules), Decimal(0))


@dataclass(frozen=True)
class DeletedModule:
    """What ``restore_module`` needs to put a deleted module back exactly where it was."""

    id: int
    programme_id: int
    position: int
    data: ModuleData
    detached_session_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class DeletedSemester:
    id: int
    programme_id: int
    data: SemesterData
    detached_module_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class DeletedProgramme:
    id: int
    municipality_id: int
    data: ProgrammeData
    semesters: tuple[SemesterView, ...]
    modules: tuple[ModuleView, ...]
    statuses: tuple[tuple[int, str, str, Decimal, int], ...]  # id, code, label, weight, position
    roles: tuple[tuple[int, int, str], ...] = field(default=())  # id, person_id, role
