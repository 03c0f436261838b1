"""Undoable organisation edits: each ``ServiceCommand`` writes through ``tillitsleder.organisation``, both ways.

As every ``ui.widgets.service_command.ServiceCommand``: a command is run once with ``run()`` before it is
pushed, so the core's refusal reaches the tab and nothing lands on the stack; ``redo`` after an undo writes
again, ``undo`` calls the core's way back (``revert_change``, ``unmerge_unit``, ``set_valid_to``,
``delete_unit``). If an undo or redo fails later (the data changed elsewhere), the host reports it and clears
the stack.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from tillitsleder import organisation as service
from tillitsleder.storage import Database
from ui.widgets.service_command import ServiceCommand


class Host(Protocol):
    db: Database | None

    def after_command(self, select: tuple[str, int] | None) -> None: ...

    def command_failed(self, error: BaseException) -> None: ...


class OrganisationCommand(ServiceCommand):
    def __init__(self, host: Host, text: str) -> None:
        super().__init__(host, text)
        self.select: tuple[str, int] | None = None  # ("unit" | "department", id) to select afterwards

    def after_apply(self) -> None:
        self.host.after_command(self.select)


class AddDepartment(OrganisationCommand):
    def __init__(self, host: Host, text: str, municipality_id: int, name: str) -> None:
        super().__init__(host, text)
        self.municipality_id, self.name = municipality_id, name

    def apply(self) -> None:
        self.select = ("department", service.add_department(self.db, self.municipality_id, self.name))

    def revert(self) -> None:
        assert self.select is not None
        service.delete_department(self.db, self.select[1])


class AddUnit(OrganisationCommand):
    def __init__(self, host: Host, text: str, department_id: int, name: str, code: str | None) -> None:
        super().__init__(host, text)
        self.department_id, self.name, self.code = department_id, name, code

    def apply(self) -> None:
        self.select = ("unit", service.add_unit(self.db, self.department_id, self.name, code=self.code))

    def revert(self) -> None:
        assert self.select is not None
        service.delete_unit(self.db, self.select[1])


class RenameUnit(OrganisationCommand):
    """A rename or a move from a day on; both leave one history row that the undo takes back."""

    def __init__(self, host: Host, text: str, unit_id: int, *, on: date, name: str | None = None,
                 department_id: int | None = None) -> None:  # fmt: skip
        super().__init__(host, text)
        self.unit_id, self.on, self.name, self.department_id = unit_id, on, name, department_id
        self.select = ("unit", unit_id)

    def apply(self) -> None:
        if self.name is not None:
            service.rename_unit(self.db, self.unit_id, self.name, on=self.on)
        else:
            assert self.department_id is not None
            service.move_unit(self.db, self.unit_id, self.department_id, on=self.on)

    def revert(self) -> None:
        service.revert_change(self.db, self.unit_id)


class MergeUnit(OrganisationCommand):
    def __init__(self, host: Host, text: str, unit_id: int, into_id: int, on: date) -> None:
        super().__init__(host, text)
        self.unit_id, self.into_id, self.on = unit_id, into_id, on
        self.old_valid_to: date | None = None
        self.select = ("unit", unit_id)

    def apply(self) -> None:
        self.old_valid_to = service.merge_units(self.db, self.unit_id, self.into_id, on=self.on)

    def revert(self) -> None:
        service.unmerge_unit(self.db, self.unit_id, valid_to=self.old_valid_to)


class EndUnit(OrganisationCommand):
    """Set a unit's last day (``None``: in use again)."""

    def __init__(self, host: Host, text: str, unit_id: int, valid_to: date | None) -> None:
        super().__init__(host, text)
        self.unit_id, self.valid_to = unit_id, valid_to
        self.old: date | None = None
        self.select = ("unit", unit_id)

    def apply(self) -> None:
        self.old = service.set_valid_to(self.db, self.unit_id, self.valid_to)

    def revert(self) -> None:
        service.set_valid_to(self.db, self.unit_id, self.old)


class RenameDepartment(OrganisationCommand):
    def __init__(self, host: Host, text: str, department_id: int, name: str) -> None:
        super().__init__(host, text)
        self.department_id, self.name = department_id, name
        self.old: str | None = None
        self.select = ("department", department_id)

    def apply(self) -> None:
        self.old = service.rename_department(self.db, self.department_id, self.name)

    def revert(self) -> None:
        assert self.old is not None
        service.rename_department(self.db, self.department_id, self.old)
