"""Who is acting: the profile a service call acts for, and the checks services make from it.

Every service that shows or changes data a role may not see takes an ``Actor`` and decides itself (the UI only
reflects the decision). The rules are the "who sees what" table of the domain notes: the coordinator edits programmes,
enrolments and attendance but never reads journal content or group-note content; a facilitator reads what belongs
to the groups and leaders they are assigned to; a participant reads and edits their own things.

The CLI and the coordinator's desktop profile act as ``COORDINATOR``. Profiles that sign in with a passphrase
(participants, coaches) get an ``Actor`` with their ``person_id``.
"""

from __future__ import annotations

from dataclasses import dataclass

from tillitsleder.enums import Role
from tillitsleder.errors import Forbidden
from tillitsleder.i18n import N_


@dataclass(frozen=True)
class Actor:
    """The role a service call acts in, and for facilitators and participants the person they are."""

    role: Role
    person_id: int | None = None

    def __post_init__(self) -> None:
        if self.role is not Role.COORDINATOR and self.person_id is None:
            raise ValueError("a facilitator or participant actor needs a person id")

    @classmethod
    def participant(cls, person_id: int) -> Actor:
        return cls(Role.PARTICIPANT, person_id)

    @classmethod
    def facilitator(cls, person_id: int) -> Actor:
        return cls(Role.FACILITATOR, person_id)

    @property
    def is_coordinator(self) -> bool:
        return self.role is Role.COORDINATOR

    def require(self, *roles: Role) -> None:
        """Raise ``Forbidden`` unless this actor has one of ``roles``."""
        if self.role not in roles:
            raise Forbidden(N_("Your profile may not do this."), detail=f"{self.role} not in {roles}")

    def require_person(self, person_id: int) -> None:
        """Raise ``Forbidden`` unless this actor is that person (own data only)."""
        if self.person_id != person_id:
            raise Forbidden(N_("Only its owner may see or change this."), detail=f"actor {self.person_id}")


COORDINATOR = Actor(Role.COORDINATOR)
