"""Units a participant list names that the municipality has not registered, and what to do with each.

A row whose unit is neither a registered unit (matched by ``fold``) nor a remembered alias (matched by
``unit_key``) has the problem ``unknown_unit`` until the coordinator chooses, per unknown name (its
``unit_key``), one ``UnitChoice``: *create* it in a department, *map* it to a registered unit, or leave the unit
*empty* (as if the file gave none). ``unknown_units`` gathers the names with the rows that use them, the
department the rows name and the closest registered units; ``write_choices`` creates the units and remembers
the names as aliases inside the import's transaction, so the next import of the same list knows them
(both in ``unknown_units``; this module holds only the plain values, so ``checks`` can use them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Action(StrEnum):
    CREATE = "create"
    MAP = "map"
    EMPTY = "empty"


@dataclass(frozen=True)
class UnitChoice:
    """What to do with one unknown unit name: create it in ``department_id``, map it to ``unit_id``, or leave empty."""

    action: Action
    unit_id: int | None = None
    department_id: int | None = None
    name: str = ""  # the name to create; the list's own spelling if blank

    @classmethod
    def create(cls, department_id: int, name: str = "") -> UnitChoice:
        return cls(Action.CREATE, department_id=department_id, name=name)

    @classmethod
    def map(cls, unit_id: int) -> UnitChoice:
        return cls(Action.MAP, unit_id=unit_id)

    @classmethod
    def empty(cls) -> UnitChoice:
        return cls(Action.EMPTY)


@dataclass
class UnknownUnit:
    """One unit name the municipality lacks, as the list spells it first, with what helps to decide."""

    key: str
    name: str
    department: str  # as the first row naming the unit gives it ("" if none)
    department_id: int | None  # that department, if registered
    lines: list[int] = field(default_factory=list)
    suggestions: list[tuple[int, float]] = field(default_factory=list)  # (unit id, likeness), best first
