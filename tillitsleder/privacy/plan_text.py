"""Words for the privacy tables and for an erasure's plan and report, shared by the command line and the window."""

from __future__ import annotations

from tillitsleder.i18n import N_, _, format_date, format_number, ngettext
from tillitsleder.privacy.erasure import LEGAL_BASIS, ErasurePlan, ErasureReport
from tillitsleder.privacy.references import Erase

# What each kind of row is (technical table names otherwise).
TABLE_LABELS = {
    "person": N_("Personal details"),
    "enrolment": N_("Enrolments"),
    "enrolment_status_change": N_("Status history"),
    "attendance": N_("Attendance"),
    "group_member": N_("Reflection-group memberships"),
    "group_meeting_attendee": N_("Group meetings attended"),
    "group_action": N_("Group actions owned"),
    "completion_sign_off": N_("Completion sign-offs"),
    "certificate": N_("Certificates"),
    "facilitator": N_("Facilitator pool memberships"),
    "facilitator_assignment": N_("Facilitator assignments"),
    "facilitator_unavailability": N_("Periods unavailable"),
    "session_facilitator": N_("Sessions facilitated"),
    "reflection_group": N_("Groups facilitated"),
    "group_meeting": N_("Group meetings facilitated"),
    "profile": N_("Sign-in profiles and their keys"),
    "role_assignment": N_("Roles"),
    "commitment": N_("Commitments"),
    "journal_entry": N_("Journal entries (encrypted)"),
    "journal_grant": N_("Journal sharing keys"),
    "journal_draft": N_("Journal drafts (encrypted)"),
    "table_day_seat": N_("Seats at table days"),
    "table_day_table": N_("Tables led at table days"),
    "audit_event": N_("Audit trail entries"),
}

ACTION_TITLES = {
    Erase.DELETE: N_("Deleted"),
    Erase.ANONYMISE: N_("Anonymised: kept for the statistics, name and free text removed"),
    Erase.KEEP: N_("Kept as they are: ids and dates only, linked to the placeholder"),
    Erase.REGISTER: N_("Certificates kept as a minimal register row"),
}


def table_label(name: str) -> str:
    return _(TABLE_LABELS[name]) if name in TABLE_LABELS else name


def journal_line(plan: ErasurePlan) -> str:
    entries = ngettext("{n} journal entry", "{n} journal entries", plan.journal_entries).format(
        n=format_number(plan.journal_entries)
    )
    profiles = ngettext("{n} sign-in profile", "{n} sign-in profiles", plan.profiles).format(
        n=format_number(plan.profiles)
    )
    return _(
        "The learning journal: {entries} deleted, and the keys of {profiles} destroyed, so nothing left of the "
        "journal in this database can be read again."
    ).format(entries=entries, profiles=profiles)


def review_line(meeting) -> str:
    notes = ngettext("{n} note", "{n} notes", meeting.notes).format(n=format_number(meeting.notes))
    actions = ngettext("{n} action", "{n} actions", meeting.actions).format(n=format_number(meeting.actions))
    return _("{group} ({round}), {date}: {notes}, {actions}").format(
        group=meeting.group, round=meeting.round, date=format_date(meeting.held_on), notes=notes, actions=actions
    )


def plan_lines(plan: ErasurePlan) -> list[str]:
    """The plan as lines of text for the command line."""
    lines = [_("Erasing {name} (person {id}):").format(name=plan.name, id=plan.person_id)]
    for action in (Erase.DELETE, Erase.ANONYMISE, Erase.KEEP, Erase.REGISTER):
        found = plan.lines_for(action)
        if found:
            lines.append(_(ACTION_TITLES[action]) + ":")
            lines += [f"  {table_label(line.table)}: {format_number(line.rows)}" for line in found]
    lines.append(journal_line(plan))
    if plan.kept_certificates:
        lines.append(legal_basis_text())
    if plan.review:
        lines.append(
            _(
                "Group meetings whose notes or actions may mention them (not changed; the group's facilitator "
                "should review them):"
            )
        )
        lines += [f"  {review_line(meeting)}" for meeting in plan.review]
    return lines


def legal_basis_text() -> str:
    return _(LEGAL_BASIS)


def report_lines(report: ErasureReport) -> list[str]:
    lines = [
        _("Erased person {id}: {deleted} rows deleted, {anonymised} anonymised.").format(
            id=report.plan.person_id,
            deleted=format_number(report.deleted),
            anonymised=format_number(report.anonymised),
        )
    ]
    if report.backup is not None:
        lines.append(_("A backup was made first: {path}").format(path=report.backup))
    found = sum(report.residue.values())
    if report.residue:  # measured in a database file; a server's files are not the app's to read
        lines.append(
            ngettext(
                "The name or e-mail address occurs {n} time in the database file and its WAL afterwards.",
                "The name or e-mail address occurs {n} times in the database file and its WAL afterwards.",
                found,
            ).format(n=format_number(found))
        )
    if not report.scrubbed:
        lines.append(
            _(
                "The database was in use elsewhere, so its free space could not be cleared yet. Close the other "
                "windows on it and run the erasure again to clear it."
            )
        )
    if found and report.plan.kept_certificates:
        lines.append(_("The certificate register rows kept name the holder."))
    return lines
