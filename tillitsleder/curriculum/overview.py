"""A programme's curriculum as the editor shows it, built from plain rows (no SQLAlchemy here).

``programmes.curriculum_queries`` names the four ``SELECT``s (the programme, its semesters, its modules with
their session counts, and its cohort count); ``curriculum_view`` turns their rows into a ``CurriculumView``.
``load_curriculum`` runs them through SQLAlchemy; the start-up snapshot (``tillitsleder.first_screen``) runs
the same SQL through the standard library's ``sqlite3`` and passes its rows here, so both show the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from tillitsleder.curriculum.values import (
    CurriculumView,
    ModuleData,
    ModuleView,
    ProgrammeData,
    SemesterData,
    SemesterView,
)
from tillitsleder.enums import SessionType

# The columns each query selects, in order (``curriculum_queries`` builds its SELECTs from these names).
PROGRAMME_COLUMNS = (
    "name", "start_date", "end_date", "description", "timezone", "min_attendance", "municipality_id", "version",
)  # fmt: skip
SEMESTER_COLUMNS = ("id", "number", "title", "start_date", "end_date", "version")
MODULE_COLUMNS = (
    "id", "position", "title", "description", "objectives", "hours", "session_type", "required", "semester_id",
    "version",
)  # fmt: skip


def curriculum_view(
    programme_id: int,
    programme: Sequence[Any],
    semesters: Iterable[Sequence[Any]],
    modules: Iterable[Sequence[Any]],
    cohort_count: int,
) -> CurriculumView:
    """The view from rows of the four queries (modules' rows end with their session count)."""
    name, start, end, description, timezone, min_attendance, municipality_id, version = programme
    data = ProgrammeData(
        name=name,
        start_date=start,
        end_date=end,
        description=description,
        timezone=timezone,
        min_attendance=Decimal(min_attendance),
        municipality_id=municipality_id,
        version=version,
    )
    semester_views = tuple(
        SemesterView(id_, number, SemesterData(title, start_date, end_date, semester_version))
        for id_, number, title, start_date, end_date, semester_version in semesters
    )
    numbers = {semester.id: semester.number for semester in semester_views}
    module_views = tuple(
        ModuleView(
            id_,
            position,
            ModuleData(
                title=title,
                description=description,
                objectives=objectives,
                hours=Decimal(hours),
                session_type=SessionType(session_type),
                required=bool(required),
                semester_id=semester_id,
                version=module_version,
            ),
            numbers.get(semester_id),
            int(sessions),
        )
        for id_, position, title, description, objectives, hours, session_type, required, semester_id,
        module_version, sessions in modules
    )  # fmt: skip
    return CurriculumView(programme_id, data, semester_views, module_views, int(cohort_count))
