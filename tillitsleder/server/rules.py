"""Who may do what to which rows of every table, on a shared PostgreSQL database: the rules as data.

Each table of the model has one ``TableRule``: for each group role (coordinator, facilitator, participant) the
``Grant``s it holds — the commands, the rows (a SQL condition on the table's columns, using the helper functions
of ``postgresql_ddl``) and, where a role may read or change only some columns, those columns. No grant: the role
may not touch the table at all. ``postgresql_ddl`` turns the grants into GRANT statements and one row-level
security policy per grant and command. ``tests/core/test_server_rules.py`` checks the rules against the model's
metadata, so a table added by a later migration fails the tests until someone decides its rule here (and
``server init`` is run again after the upgrade).

The rules mirror ``access.py`` and the services, per the domain notes' "who sees what":

- programmes, curriculum, sessions, venues, the organisation: everyone reads, the coordinator writes;
- enrolments, status history, attendance, sign-offs and certificates: the coordinator reads and writes; a
  facilitator reads those of the members of the groups they facilitate and of the leaders they coach; a
  participant reads their own (and, to share a summary with their reflection group, the enrolment rows of its
  members — nothing below them);
- reflection groups, meetings and notes: the coordinator composes groups and records meetings (dates, who attended),
  but of the notes reads only the themes marked shareable and of the actions only their dates and status (no content
  columns); the facilitator writes the meetings, notes and actions of their groups; the participant reads their
  groups';
- the journal, drafts, commitments and their grants: the author does everything with their own rows; a reader
  holding a grant reads the rows granted to them; the coordinator has no ciphertext column at all — only the dates
  and ids that counts, retention and erasure need — and may delete (erasure, retention);
- profiles: each person their own row; a participant also reads the profiles they share with (coaches, group
  members, group facilitators: their public keys); the coordinator only ids and dates (no key material);
- the audit trails: insert-only for everyone (nobody updates or deletes); the coordinator reads them, others only
  the rows they wrote (``INSERT … RETURNING`` needs that).
"""

from __future__ import annotations

from dataclasses import dataclass

from tillitsleder.model import Base
from tillitsleder.model.enums import Role

SELECT, INSERT, UPDATE, DELETE = "SELECT", "INSERT", "UPDATE", "DELETE"
COMMANDS = (SELECT, INSERT, UPDATE, DELETE)
ALL = (SELECT, INSERT, UPDATE, DELETE)
EVERY_ROW = "true"


@dataclass(frozen=True)
class Grant:
    """``commands`` on the rows where ``rows`` holds (and, for INSERT/UPDATE, new rows must satisfy it), limited to
    ``columns`` when given (SELECT and UPDATE only)."""

    commands: tuple[str, ...]
    rows: str = EVERY_ROW
    columns: tuple[str, ...] | None = None


@dataclass(frozen=True)
class TableRule:
    coordinator: tuple[Grant, ...] = ()
    facilitator: tuple[Grant, ...] = ()
    participant: tuple[Grant, ...] = ()

    def grants(self, role: Role) -> tuple[Grant, ...]:
        return getattr(self, role.value)

    def commands(self, role: Role) -> set[str]:
        return {command for grant in self.grants(role) for command in grant.commands}


# --- Row conditions (the helper functions are defined in ``postgresql_ddl``) -----------------------------------

ME = "(SELECT tillitsleder_person_id())"
OWN_PERSON = f"person_id = {ME}"
MY_GROUPS = "group_id IN (SELECT tillitsleder_group_ids())"
MY_MEETINGS = "meeting_id IN (SELECT tillitsleder_meeting_ids())"
MY_PROFILES = "profile_id IN (SELECT tillitsleder_profile_ids())"
RECORD_ENROLMENTS = "enrolment_id IN (SELECT tillitsleder_record_enrolment_ids())"
MY_FACILITATOR = "facilitator_id IN (SELECT tillitsleder_facilitator_ids())"
OWN_OR_NO_ACTOR = f"actor_id IS NULL OR actor_id = {ME}"
OWN_READ_EVENT = f"event_id IN (SELECT id FROM read_event WHERE actor_id = {ME})"


def _everyone_reads() -> TableRule:
    """Programme and organisation data: everyone reads, the coordinator writes."""
    return TableRule(coordinator=(Grant(ALL),), facilitator=(Grant((SELECT,)),), participant=(Grant((SELECT,)),))


def _coordinator_only() -> TableRule:
    return TableRule(coordinator=(Grant(ALL),))


def _records(*, coordinator: tuple[str, ...] = ALL) -> TableRule:
    """A participant's records (status history, attendance, sign-off, certificates): see the module's docstring."""
    return TableRule(
        coordinator=(Grant(coordinator),),
        facilitator=(Grant((SELECT,), RECORD_ENROLMENTS),),
        participant=(Grant((SELECT,), RECORD_ENROLMENTS),),
    )


def _group_part(condition: str) -> TableRule:
    """A part of a reflection group: the coordinator composes, the group's facilitator and members read."""
    return TableRule(
        coordinator=(Grant(ALL),),
        facilitator=(Grant((SELECT,), condition),),
        participant=(Grant((SELECT,), condition),),
    )


def _meeting_part(*, coordinator: tuple[Grant, ...]) -> TableRule:
    """A part of a group meeting: the group's facilitator writes, its members read."""
    return TableRule(
        coordinator=coordinator,
        facilitator=(Grant(ALL, MY_MEETINGS),),
        participant=(Grant((SELECT,), MY_MEETINGS),),
    )


def _audit(own_rows: str, new_rows: str) -> TableRule:
    """Insert-only for everyone; the coordinator reads the trail, the others the rows they wrote."""
    others = (Grant((SELECT,), own_rows), Grant((INSERT,), new_rows))
    return TableRule(coordinator=(Grant((SELECT, INSERT)),), facilitator=others, participant=others)


JOURNAL_METADATA = (
    "id",
    "author_id",
    "written_on",
    "session_id",
    "module_id",
    "prompt_template",
    "sharing",
    "created_at",
    "updated_at",
)
PROFILE_METADATA = ("id", "person_id", "role", "created_at", "passphrase_changed_at")
NOTE_METADATA = ("id", "meeting_id", "step", "theme", "theme_shareable")
ACTION_METADATA = ("id", "meeting_id", "owner_enrolment_id", "due_on", "status")  # no description, no follow-up

TABLE_RULES: dict[str, TableRule] = {
    # --- the organisation and the programmes
    "municipality": _everyone_reads(),
    "department": _everyone_reads(),
    "unit": _everyone_reads(),
    "unit_history": _everyone_reads(),
    "unit_merge": _everyone_reads(),
    "unit_alias": _coordinator_only(),
    "programme": _everyone_reads(),
    "semester": _everyone_reads(),
    "module": _everyone_reads(),
    "cohort": _everyone_reads(),
    "venue": _everyone_reads(),
    "session": _everyone_reads(),
    "session_facilitator": _everyone_reads(),
    "attendance_status": _everyone_reads(),
    "completion_rules": _everyone_reads(),
    "certificate_template": _everyone_reads(),
    "certificate_signatory": _everyone_reads(),
    "facilitator_pool": _everyone_reads(),
    "facilitator": _everyone_reads(),
    # --- people
    "person": TableRule(
        coordinator=(Grant(ALL),),
        facilitator=(Grant((SELECT,), "id IN (SELECT tillitsleder_known_person_ids())"),),
        participant=(Grant((SELECT,), "id IN (SELECT tillitsleder_known_person_ids())"),),
    ),
    "role_assignment": TableRule(
        coordinator=(Grant(ALL),),
        facilitator=(Grant((SELECT,), OWN_PERSON),),
        participant=(Grant((SELECT,), OWN_PERSON),),
    ),
    "server_login": TableRule(
        # Logins are made and dropped by the administrator (``server add-user``); erasing a person deletes theirs.
        coordinator=(Grant((SELECT, DELETE)),),
        facilitator=(Grant((SELECT,), "login = session_user"),),
        participant=(Grant((SELECT,), "login = session_user"),),
    ),
    "erasure_log": TableRule(coordinator=(Grant((SELECT, INSERT, UPDATE)),)),
    # --- enrolment and what hangs on it
    "enrolment": TableRule(
        coordinator=(Grant(ALL),),
        facilitator=(Grant((SELECT,), "id IN (SELECT tillitsleder_visible_enrolment_ids())"),),
        participant=(Grant((SELECT,), "id IN (SELECT tillitsleder_visible_enrolment_ids())"),),
    ),
    "enrolment_status_change": _records(),
    "attendance": _records(),
    "completion_sign_off": _records(),
    "certificate": _records(),
    # --- facilitators' work
    "facilitator_assignment": TableRule(
        coordinator=(Grant(ALL),),
        facilitator=(Grant((SELECT,), MY_FACILITATOR),),
        participant=(Grant((SELECT,), f"{OWN_PERSON} OR (kind = 'group' AND {MY_GROUPS})"),),
    ),
    "facilitator_unavailability": TableRule(coordinator=(Grant(ALL),), facilitator=(Grant(ALL, MY_FACILITATOR),)),
    # --- reflection groups
    "group_round": _group_part(
        "id IN (SELECT round_id FROM reflection_group WHERE id IN (SELECT tillitsleder_group_ids()))"
    ),
    "reflection_group": _group_part("id IN (SELECT tillitsleder_group_ids())"),
    "group_member": _group_part(MY_GROUPS),
    # The coordinator records meetings (dates, who attended: ``group_notes.meeting_edits``), never their content.
    "group_meeting": TableRule(
        coordinator=(Grant(ALL),),
        facilitator=(Grant(ALL, MY_GROUPS),),
        participant=(Grant((SELECT,), MY_GROUPS),),
    ),
    "group_meeting_attendee": _meeting_part(coordinator=(Grant(ALL),)),
    "group_note": _meeting_part(coordinator=(Grant((SELECT,), "theme_shareable", columns=NOTE_METADATA),)),
    "group_action": _meeting_part(coordinator=(Grant((SELECT,), columns=ACTION_METADATA),)),
    # --- a table day (the coordinator's seating plan)
    "table_day": _coordinator_only(),
    "table_day_table": _coordinator_only(),
    "table_day_seat": _coordinator_only(),
    # --- profiles and the journal
    "profile": TableRule(
        coordinator=(Grant((SELECT,), columns=PROFILE_METADATA), Grant((DELETE,))),
        facilitator=(Grant(ALL, f"{OWN_PERSON} AND role = (SELECT tillitsleder_role())"),),
        participant=(
            Grant(ALL, f"{OWN_PERSON} AND role = (SELECT tillitsleder_role())"),
            Grant((SELECT,), "id IN (SELECT tillitsleder_reader_profile_ids())"),
        ),
    ),
    "journal_entry": TableRule(
        coordinator=(Grant((SELECT,), columns=JOURNAL_METADATA), Grant((DELETE,))),
        facilitator=(Grant((SELECT,), "id IN (SELECT tillitsleder_granted_entry_ids())"),),
        participant=(
            Grant(ALL, f"author_id = {ME}"),
            Grant((SELECT,), "id IN (SELECT tillitsleder_granted_entry_ids())"),
        ),
    ),
    "journal_grant": TableRule(
        coordinator=(Grant((SELECT,), columns=("id", "entry_id", "profile_id", "purpose")), Grant((DELETE,))),
        facilitator=(Grant((SELECT,), MY_PROFILES),),
        participant=(
            Grant(ALL, "entry_id IN (SELECT tillitsleder_own_entry_ids())"),
            Grant((SELECT,), MY_PROFILES),
        ),
    ),
    "journal_draft": TableRule(
        coordinator=(Grant((SELECT,), columns=("id", "profile_id", "entry_id", "updated_at")), Grant((DELETE,))),
        participant=(Grant(ALL, MY_PROFILES),),
    ),
    "commitment": TableRule(
        coordinator=(
            Grant((SELECT,), columns=("id", "person_id", "made_on", "due_on", "status")),
            Grant((DELETE,)),
        ),
        facilitator=(Grant((SELECT,), "id IN (SELECT tillitsleder_granted_commitment_ids())"),),
        participant=(Grant(ALL, OWN_PERSON),),
    ),
    "commitment_grant": TableRule(
        coordinator=(Grant((SELECT,), columns=("id", "commitment_id", "profile_id")), Grant((DELETE,))),
        facilitator=(Grant((SELECT,), MY_PROFILES),),
        participant=(Grant(ALL, "commitment_id IN (SELECT tillitsleder_own_commitment_ids())"),),
    ),
    # --- the audit trails: insert-only
    "audit_event": _audit(f"actor_id = {ME}", OWN_OR_NO_ACTOR),
    "read_event": _audit(f"actor_id = {ME}", f"actor_id = {ME}"),
    "read_event_subject": _audit(OWN_READ_EVENT, OWN_READ_EVENT),
}

# Bookkeeping columns that go with every column-limited grant where the table has them: an edit's version and who
# changed it when (added by the optimistic-locking migration) are metadata, and an UPDATE through the ORM sets them.
BOOKKEEPING = ("version", "updated_by_id", "updated_at")


def effective_columns(table: str, grant: Grant) -> tuple[str, ...] | None:
    """The columns ``grant`` gives on ``table`` (``None``: all), with the bookkeeping columns the table has."""
    if grant.columns is None:
        return None
    present = Base.metadata.tables[table].columns
    extra = tuple(name for name in BOOKKEEPING if name in present and name not in grant.columns)
    return grant.columns + extra


# Tables outside the model that every role reads (the schema revision, checked when the app opens the database).
UNMODELLED_READABLE = ("alembic_version",)


def rule_for(table: str) -> TableRule:
    return TABLE_RULES[table]
