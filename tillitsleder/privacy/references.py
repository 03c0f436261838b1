"""Every table that refers to a person, directly or through a row that belongs to one, and what the access export
and the erasure do with it.

A person's data reaches out from the ``person`` row through the *owner* tables — rows that belong to exactly one
person: their enrolments, facilitator memberships, sign-in profiles, journal entries and certificates. Every
foreign key into ``person`` or an owner table is a ``Reference`` below; ``tests/core/test_privacy_export.py``
compares this list with the model's foreign keys, so a new table that points at a person fails the tests until
someone decides here whether it is exported and how it is erased.

Erasure keeps what statistics need (enrolments, status history, attendance, group membership, assignments) attached
to the person's id, with their free text cleared and the ``person`` row itself reduced to a placeholder; it
deletes what only concerns the person (profiles and their keys, the journal, commitments, roles, absences).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Table, select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder.model import Base


class Erase(StrEnum):
    """What the erasure does with the rows of one reference."""

    DELETE = "delete"  # only about the person: removed
    ANONYMISE = "anonymise"  # kept for the statistics; the columns in ``clear`` are emptied
    KEEP = "keep"  # kept as they are: ids, dates and codes, nothing that names the person
    REGISTER = "register"  # issued certificates: a minimal register row stays unless certificates are included


@dataclass(frozen=True)
class Reference:
    table: str
    column: str
    owner: str  # the table the column refers to: ``person`` or an owner table
    erase: Erase
    export: bool = True  # journal rows are never exported by others: only the participant exports them
    clear: tuple[str, ...] = ()  # free-text columns emptied by an anonymising erasure
    omit: tuple[str, ...] = ()  # columns left out of the export (content the coordinator may not read)


# Rows that belong to one person, and the column that says whose they are (resolved in this order).
OWNERS: dict[str, tuple[str, str]] = {
    "enrolment": ("person_id", "person"),
    "facilitator": ("person_id", "person"),
    "profile": ("person_id", "person"),
    "journal_entry": ("author_id", "person"),
    "certificate": ("enrolment_id", "enrolment"),
}

KEY_COLUMNS = ("kdf", "salt", "passphrase_wrap", "recovery_wrap", "public_key", "private_key_wrap")

REFERENCES: tuple[Reference, ...] = (
    # --- straight to the person
    Reference("enrolment", "person_id", "person", Erase.ANONYMISE, clear=("position",)),
    Reference("facilitator", "person_id", "person", Erase.ANONYMISE, clear=("skills",)),
    Reference("profile", "person_id", "person", Erase.DELETE, omit=KEY_COLUMNS),
    Reference("role_assignment", "person_id", "person", Erase.DELETE),
    Reference("server_login", "person_id", "person", Erase.DELETE),
    Reference("journal_entry", "author_id", "person", Erase.DELETE, export=False),
    Reference("commitment", "person_id", "person", Erase.DELETE, omit=("content", "content_key", "pending_key")),
    Reference("facilitator_assignment", "person_id", "person", Erase.KEEP),
    Reference("table_day_seat", "person_id", "person", Erase.KEEP),
    Reference("table_day_table", "leader_person_id", "person", Erase.KEEP),
    Reference("completion_sign_off", "signed_by_id", "person", Erase.KEEP),
    Reference("audit_event", "actor_id", "person", Erase.KEEP),
    # --- who saved an edited record last (revision 0014): kept, as the audit trail's actor is; the person row
    # becomes a placeholder, so no name is shown any more. Not exported: the rows are other people's data.
    *(
        Reference(name, "updated_by_id", "person", Erase.KEEP, export=False)
        for name in (
            "programme", "semester", "module", "cohort", "enrolment", "session", "attendance", "reflection_group",
            "group_meeting", "facilitator", "facilitator_assignment", "certificate_template",
        )
    ),  # fmt: skip
    # --- through their enrolments
    Reference("enrolment_status_change", "enrolment_id", "enrolment", Erase.ANONYMISE, clear=("reason",)),
    Reference("attendance", "enrolment_id", "enrolment", Erase.ANONYMISE, clear=("note",)),
    Reference("group_member", "enrolment_id", "enrolment", Erase.KEEP),
    Reference("group_meeting_attendee", "enrolment_id", "enrolment", Erase.KEEP),
    Reference("group_action", "owner_enrolment_id", "enrolment", Erase.KEEP, omit=("description", "follow_up")),
    Reference("completion_sign_off", "enrolment_id", "enrolment", Erase.KEEP),
    Reference(
        "certificate",
        "enrolment_id",
        "enrolment",
        Erase.REGISTER,
        omit=("pdf",),
        clear=("status_reason", "issue_reason"),
    ),
    # --- through their facilitator memberships
    Reference("facilitator_unavailability", "facilitator_id", "facilitator", Erase.DELETE),
    Reference("facilitator_assignment", "facilitator_id", "facilitator", Erase.KEEP),
    Reference("session_facilitator", "facilitator_id", "facilitator", Erase.KEEP),
    Reference("reflection_group", "facilitator_id", "facilitator", Erase.KEEP),
    Reference("group_meeting", "facilitator_id", "facilitator", Erase.KEEP),
    # --- through their profiles and journal entries: never exported by others
    Reference("journal_grant", "profile_id", "profile", Erase.DELETE, export=False),
    Reference("journal_draft", "profile_id", "profile", Erase.DELETE, export=False),
    Reference("commitment_grant", "profile_id", "profile", Erase.DELETE, export=False),
    Reference("journal_grant", "entry_id", "journal_entry", Erase.DELETE, export=False),
    Reference("journal_draft", "entry_id", "journal_entry", Erase.DELETE, export=False),
    # --- a certificate's earlier version is the same person's certificate, already covered above
    Reference("certificate", "supersedes_id", "certificate", Erase.REGISTER, export=False),
)

# Audit rows *about* the person name them by entity and id (not a foreign key): these entities are theirs.
AUDITED_OWNERS: dict[str, str] = {
    "person": "person",
    "enrolment": "enrolment",
    "facilitator": "facilitator",
    "profile": "profile",
    "certificate": "certificate",
    "journal_entry": "journal_entry",
}

# The person's own columns that identify them; an erasure empties them (names become a placeholder).
PERSON_IDENTIFYING = ("email", "employee_number", "position", "leader_level", "unit_id")
PERSONAL_TABLES = ("person", *OWNERS)


def model_references() -> set[tuple[str, str, str]]:
    """(table, column, referred table) of every foreign key in the model into ``person`` or an owner table."""
    found = set()
    for table in Base.metadata.tables.values():
        for fk in table.foreign_keys:
            if fk.column.table.name in PERSONAL_TABLES:
                found.add((table.name, fk.parent.name, fk.column.table.name))
    return found


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def owned_ids(s: OrmSession, person_id: int) -> dict[str, list[int]]:
    """The ids of the person's row and of every owner row that belongs to them, by table."""
    ids: dict[str, list[int]] = {"person": [person_id]}
    for name, (column, owner) in OWNERS.items():
        t = table(name)
        ids[name] = list(s.scalars(select(t.c.id).where(t.c[column].in_(ids[owner])).order_by(t.c.id)))
    return ids
