"""The curriculum of a programme: the programme itself, its semesters and its ordered modules.

Every function is one transaction on ``db`` and takes and returns plain values (``values``). Deleting returns
a snapshot that the matching ``restore_*`` puts back with the same ids, so a front end's undo stack can take
any change back. Rules kept here (and by the schema where it can): names and titles are not blank, hours lie
between 0 and 1000, dates are ordered, semesters are numbered 1..n by date, lie within the programme and do
not overlap, module positions are 0..n-1 without gaps, a programme's name is unique within its municipality,
and a module that sessions use is never deleted silently.

Names are loaded on first use (as in ``tillitsleder.storage``), so ``curriculum.values`` and
``curriculum.overview`` stay cheap to import: the start-up snapshot needs them before SQLAlchemy is loaded.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tillitsleder.attendance.statuses import (
        StatusDefault,
        default_attendance_statuses,
    )
    from tillitsleder.curriculum.modules import (
        add_module,
        delete_module,
        get_module,
        move_module,
        restore_module,
        update_module,
    )
    from tillitsleder.curriculum.programmes import (
        create_programme,
        delete_programme,
        duplicate_programme,
        get_programme,
        load_curriculum,
        municipality_options,
        restore_programme,
        update_programme,
    )
    from tillitsleder.curriculum.semesters import (
        add_semester,
        get_semester,
        remove_semester,
        restore_semester,
        update_semester,
    )
    from tillitsleder.curriculum.values import (
        CurriculumView,
        DeletedModule,
        DeletedProgramme,
        DeletedSemester,
        ModuleData,
        ModuleView,
        ProgrammeData,
        SemesterData,
        SemesterView,
    )

_EXPORTS = {
    "CurriculumView": "tillitsleder.curriculum.values",
    "DeletedModule": "tillitsleder.curriculum.values",
    "DeletedProgramme": "tillitsleder.curriculum.values",
    "DeletedSemester": "tillitsleder.curriculum.values",
    "ModuleData": "tillitsleder.curriculum.values",
    "ModuleView": "tillitsleder.curriculum.values",
    "ProgrammeData": "tillitsleder.curriculum.values",
    "SemesterData": "tillitsleder.curriculum.values",
    "SemesterView": "tillitsleder.curriculum.values",
    "StatusDefault": "tillitsleder.attendance.statuses",
    "add_module": "tillitsleder.curriculum.modules",
    "add_semester": "tillitsleder.curriculum.semesters",
    "create_programme": "tillitsleder.curriculum.programmes",
    "default_attendance_statuses": "tillitsleder.attendance.statuses",
    "delete_module": "tillitsleder.curriculum.modules",
    "delete_programme": "tillitsleder.curriculum.programmes",
    "duplicate_programme": "tillitsleder.curriculum.programmes",
    "get_module": "tillitsleder.curriculum.modules",
    "get_programme": "tillitsleder.curriculum.programmes",
    "get_semester": "tillitsleder.curriculum.semesters",
    "load_curriculum": "tillitsleder.curriculum.programmes",
    "move_module": "tillitsleder.curriculum.modules",
    "municipality_options": "tillitsleder.curriculum.programmes",
    "remove_semester": "tillitsleder.curriculum.semesters",
    "restore_module": "tillitsleder.curriculum.modules",
    "restore_programme": "tillitsleder.curriculum.programmes",
    "restore_semester": "tillitsleder.curriculum.semesters",
    "update_module": "tillitsleder.curriculum.modules",
    "update_programme": "tillitsleder.curriculum.programmes",
    "update_semester": "tillitsleder.curriculum.semesters",
}
__all__ = [
    "CurriculumView",
    "DeletedModule",
    "DeletedProgramme",
    "DeletedSemester",
    "ModuleData",
    "ModuleView",
    "ProgrammeData",
    "SemesterData",
    "SemesterView",
    "StatusDefault",
    "add_module",
    "add_semester",
    "create_programme",
    "default_attendance_statuses",
    "delete_module",
    "delete_programme",
    "duplicate_programme",
    "get_module",
    "get_programme",
    "get_semester",
    "load_curriculum",
    "move_module",
    "municipality_options",
    "remove_semester",
    "restore_module",
    "restore_programme",
    "restore_semester",
    "update_module",
    "update_programme",
    "update_semester",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(name)
