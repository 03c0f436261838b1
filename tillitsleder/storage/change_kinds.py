"""The kinds of data a committed change touched, told from the tables it wrote: the one table → kind map.

The UI's ``Changed`` flags (``ui/operations.py``) carry the same names in capitals; an operation announces the
kinds it changed, and on a shared server every commit also tells the other PCs which kinds it changed
(``storage/notifications.py``), so their open pages refresh. Only kinds travel, never ids or content. Tables
nobody's page shows (the audit trails, drafts only their author sees, server logins) map to no kind.
"""

from __future__ import annotations

from collections.abc import Iterable

KINDS = (
    "curriculum",
    "enrolment",
    "sessions",
    "attendance",
    "completion",
    "certificates",
    "groups",
    "group_notes",
    "facilitators",
    "journal",
    "table_day",
    "profiles",
    "organisation",
)

TABLE_KINDS: dict[str, tuple[str, ...]] = {
    "programme": ("curriculum",),
    "semester": ("curriculum",),
    "module": ("curriculum",),
    "cohort": ("curriculum", "enrolment"),
    "enrolment": ("enrolment",),
    "enrolment_status_change": ("enrolment",),
    "person": ("enrolment", "facilitators"),
    "venue": ("sessions",),
    "session": ("sessions",),
    "session_facilitator": ("sessions", "facilitators"),
    "attendance_status": ("attendance",),
    "attendance": ("attendance",),
    "completion_rules": ("completion",),
    "completion_sign_off": ("completion",),
    "certificate_template": ("certificates",),
    "certificate_signatory": ("certificates",),
    "certificate": ("certificates",),
    "group_round": ("groups",),
    "reflection_group": ("groups",),
    "group_member": ("groups",),
    "group_meeting": ("group_notes",),
    "group_note": ("group_notes",),
    "group_action": ("group_notes",),
    "group_meeting_attendee": ("group_notes",),
    "facilitator_pool": ("facilitators",),
    "facilitator": ("facilitators",),
    "facilitator_unavailability": ("facilitators",),
    "facilitator_assignment": ("facilitators",),
    "journal_entry": ("journal",),
    "journal_grant": ("journal",),
    "commitment": ("journal",),
    "commitment_grant": ("journal",),
    "table_day": ("table_day",),
    "table_day_table": ("table_day",),
    "table_day_seat": ("table_day",),
    "profile": ("profiles",),
    "role_assignment": ("profiles", "facilitators"),
    "municipality": ("organisation",),
    "department": ("organisation",),
    "unit": ("organisation",),
    "unit_history": ("organisation",),
    "unit_merge": ("organisation",),
    "unit_alias": ("organisation",),
}
# Written, but shown on no page that another person has open: no notification for these alone.
UNSHOWN_TABLES = frozenset(
    {"audit_event", "read_event", "read_event_subject", "erasure_log", "server_login", "journal_draft",
     "alembic_version"}
)  # fmt: skip


def kinds_of_tables(tables: Iterable[str]) -> frozenset[str]:
    """The kinds of data a change to ``tables`` touched (an unknown table counts as every kind: better a
    needless refresh than a stale page)."""
    kinds: set[str] = set()
    for table in tables:
        if table in UNSHOWN_TABLES:
            continue
        kinds.update(TABLE_KINDS.get(table, KINDS))
    return frozenset(kinds)


def encode(kinds: Iterable[str]) -> str:
    """The notification's payload: the known kinds, sorted, comma-separated."""
    return ",".join(sorted(set(kinds) & set(KINDS)))


def decode(payload: str) -> frozenset[str]:
    """The kinds named in a payload; anything else in it is ignored."""
    return frozenset(part for part in payload.split(",") if part in KINDS)
