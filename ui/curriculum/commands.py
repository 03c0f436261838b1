"""Undoable curriculum edits: each ``ServiceCommand`` (``ui.widgets.service_command``) writes through a core
service, both ways.

The database stays the truth: ``redo`` and ``undo`` call the service (deletions keep the snapshot the
service returns, so an undo puts the very same rows back), then tell the host to reload. A command is run
once with ``run()`` *before* it is pushed, so a refusal from the core reaches the dialog that asked and
nothing lands on the stack; ``push`` then skips the first ``redo``. If an undo or redo fails later (the
data changed elsewhere), the host reports it and clears the stack rather than guess.

Edits carry versions (``ChangedElsewhere``): the first save the version the dialog was filled from, every undo
and redo after it the version the previous one wrote — so an undo never overwrites someone else's later change.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Protocol

from tillitsleder import curriculum as service
from tillitsleder.curriculum import ModuleData, ProgrammeData, SemesterData
from tillitsleder.storage import Database
from ui.widgets.service_command import ServiceCommand


class Host(Protocol):
    db: Database | None

    def after_command(self, programme_id: int | None, module_id: int | None = None) -> None: ...

    def command_failed(self, error: BaseException) -> None: ...


class CurriculumCommand(ServiceCommand):
    def __init__(self, host: Host, text: str) -> None:
        super().__init__(host, text)
        self.programme_id: int | None = None
        self.module_id: int | None = None

    def after_apply(self) -> None:
        self.host.after_command(self.programme_id, self.module_id)


# --- modules ------------------------------------------------------------------------------------------------


class AddModule(CurriculumCommand):
    def __init__(self, host: Host, text: str, programme_id: int, data: ModuleData, position: int | None = None):
        super().__init__(host, text)
        self.programme_id, self.data, self.position = programme_id, data, position
        self.snapshot: service.DeletedModule | None = None

    def apply(self) -> None:
        if self.snapshot is None:
            self.module_id = service.add_module(self.db, self.programme_id, self.data, self.position)
        else:
            self.module_id = service.restore_module(self.db, self.snapshot)

    def revert(self) -> None:
        assert self.module_id is not None
        self.snapshot = service.delete_module(self.db, self.module_id)


class EditModule(CurriculumCommand):
    def __init__(self, host: Host, text: str, programme_id: int, module_id: int, new: ModuleData):
        super().__init__(host, text)
        self.programme_id, self.module_id, self.new = programme_id, module_id, new
        self.old: ModuleData | None = None
        self.version = new.version  # what the next write expects to find

    def apply(self) -> None:
        assert self.module_id is not None
        self.old = self.old or service.get_module(self.db, self.module_id)
        self.version = service.update_module(self.db, self.module_id, replace(self.new, version=self.version))

    def revert(self) -> None:
        assert self.module_id is not None and self.old is not None
        self.version = service.update_module(self.db, self.module_id, replace(self.old, version=self.version))


class DeleteModule(CurriculumCommand):
    def __init__(self, host: Host, text: str, programme_id: int, module_id: int, *, detach_sessions: bool = False):
        super().__init__(host, text)
        self.programme_id, self.module_id, self.detach = programme_id, module_id, detach_sessions
        self.snapshot: service.DeletedModule | None = None

    def apply(self) -> None:
        assert self.module_id is not None
        self.snapshot = service.delete_module(self.db, self.module_id, detach_sessions=self.detach)

    def revert(self) -> None:
        assert self.snapshot is not None
        self.module_id = service.restore_module(self.db, self.snapshot)


class MoveModule(CurriculumCommand):
    def __init__(self, host: Host, text: str, programme_id: int, module_id: int, position: int):
        super().__init__(host, text)
        self.programme_id, self.module_id, self.position = programme_id, module_id, position
        self.old_position: int | None = None

    def apply(self) -> None:
        assert self.module_id is not None
        self.old_position = service.move_module(self.db, self.module_id, self.position)

    def revert(self) -> None:
        assert self.module_id is not None and self.old_position is not None
        service.move_module(self.db, self.module_id, self.old_position)


# --- semesters ----------------------------------------------------------------------------------------------


class AddSemester(CurriculumCommand):
    def __init__(self, host: Host, text: str, programme_id: int, data: SemesterData):
        super().__init__(host, text)
        self.programme_id, self.data = programme_id, data
        self.semester_id: int | None = None
        self.snapshot: service.DeletedSemester | None = None

    def apply(self) -> None:
        if self.snapshot is None:
            self.semester_id = service.add_semester(self.db, self.programme_id, self.data)
        else:
            self.semester_id = service.restore_semester(self.db, self.snapshot)

    def revert(self) -> None:
        assert self.semester_id is not None
        self.snapshot = service.remove_semester(self.db, self.semester_id, detach_modules=True)


class EditSemester(CurriculumCommand):
    def __init__(self, host: Host, text: str, programme_id: int, semester_id: int, new: SemesterData):
        super().__init__(host, text)
        self.programme_id, self.semester_id, self.new = programme_id, semester_id, new
        self.old: SemesterData | None = None
        self.version = new.version  # what the next write expects to find

    def apply(self) -> None:
        self.old = self.old or service.get_semester(self.db, self.semester_id)
        self.version = service.update_semester(self.db, self.semester_id, replace(self.new, version=self.version))

    def revert(self) -> None:
        assert self.old is not None
        self.version = service.update_semester(self.db, self.semester_id, replace(self.old, version=self.version))


class RemoveSemester(CurriculumCommand):
    def __init__(self, host: Host, text: str, programme_id: int, semester_id: int, *, detach_modules: bool):
        super().__init__(host, text)
        self.programme_id, self.semester_id, self.detach = programme_id, semester_id, detach_modules
        self.snapshot: service.DeletedSemester | None = None

    def apply(self) -> None:
        self.snapshot = service.remove_semester(self.db, self.semester_id, detach_modules=self.detach)

    def revert(self) -> None:
        assert self.snapshot is not None
        service.restore_semester(self.db, self.snapshot)


# --- programmes ---------------------------------------------------------------------------------------------


class CreateProgramme(CurriculumCommand):
    """A new programme, or a copy of one (``source_id`` and ``start``); undo deletes it again."""

    def __init__(
        self,
        host: Host,
        text: str,
        data: ProgrammeData | None = None,
        *,
        source_id: int | None = None,
        name: str = "",
        start: date | None = None,
    ):
        super().__init__(host, text)
        self.data, self.source_id, self.name, self.start = data, source_id, name, start
        self.snapshot: service.DeletedProgramme | None = None

    def apply(self) -> None:
        if self.snapshot is not None:
            self.programme_id = service.restore_programme(self.db, self.snapshot)
        elif self.source_id is not None:
            assert self.start is not None
            self.programme_id = service.duplicate_programme(self.db, self.source_id, self.name, self.start)
        else:
            assert self.data is not None
            self.programme_id = service.create_programme(self.db, self.data)

    def revert(self) -> None:
        assert self.programme_id is not None
        self.snapshot = service.delete_programme(self.db, self.programme_id)


class EditProgramme(CurriculumCommand):
    def __init__(self, host: Host, text: str, programme_id: int, new: ProgrammeData):
        super().__init__(host, text)
        self.programme_id, self.new = programme_id, new
        self.old: ProgrammeData | None = None
        self.version = new.version  # what the next write expects to find

    def apply(self) -> None:
        assert self.programme_id is not None
        self.old = self.old or service.get_programme(self.db, self.programme_id)
        self.version = service.update_programme(self.db, self.programme_id, replace(self.new, version=self.version))

    def revert(self) -> None:
        assert self.programme_id is not None and self.old is not None
        self.version = service.update_programme(self.db, self.programme_id, replace(self.old, version=self.version))
