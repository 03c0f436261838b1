"""The lists the coordinator's areas show, as ``TableSpec``s (see ``tables``).

What a coordinator may see follows ``shared/design/domain.md``: reflection-group notes appear only as meta
(dates, who attended, themes marked shareable, never content or names in themes) and journal entries only as
counts, and only for participants who allowed counting.
"""

from __future__ import annotations

from sqlalchemy import case, func, literal, select

from tillitsleder.attendance.rules_sql import attendance_so_far
from tillitsleder.i18n import N_
from tillitsleder.lists.tables import TableColumn as Col
from tillitsleder.lists.tables import TableSpec
from tillitsleder.model import (
    Attendance,
    AttendanceStatus,
    Certificate,
    Cohort,
    Commitment,
    Department,
    Enrolment,
    Facilitator,
    FacilitatorAssignment,
    FacilitatorPool,
    GroupMeeting,
    GroupNote,
    GroupRound,
    JournalEntry,
    Module,
    Municipality,
    Person,
    Programme,
    ReflectionGroup,
    Semester,
    Session,
    Unit,
    Venue,
    group_meeting_attendee,
    group_member,
)
from tillitsleder.model.enums import (
    CertificateStatus,
    CommitmentStatus,
    EnrolmentStatus,
    SessionStatus,
    SessionType,
)


def _full_name(person=Person):
    return person.first_name + literal(" ") + person.last_name


def _count(query):
    return query.scalar_subquery()


# --- Programmes and curriculum ------------------------------------------------------------------------------

PROGRAMMES = TableSpec(
    key="programmes",
    title=N_("Programmes"),
    columns=(
        Col("name", N_("Programme"), Programme.name, searchable=True),
        Col("municipality", N_("Municipality"), Municipality.name, searchable=True),
        Col("start", N_("Starts"), Programme.start_date, "date"),
        Col("end", N_("Ends"), Programme.end_date, "date"),
        Col(
            "modules",
            N_("Modules"),
            _count(select(func.count(Module.id)).where(Module.programme_id == Programme.id)),
            "number",
        ),
        Col(
            "cohorts",
            N_("Cohorts"),
            _count(select(func.count(Cohort.id)).where(Cohort.programme_id == Programme.id)),
            "number",
        ),
        Col("min_attendance", N_("Minimum attendance"), Programme.min_attendance, "percent"),
    ),
    build=lambda: select(Programme.id).join(Municipality, Municipality.id == Programme.municipality_id),
    default_sort="start",
    id_column=Programme.id,
    empty_text=N_("No programmes yet."),
)

MODULES = TableSpec(
    key="modules",
    title=N_("Curriculum"),
    columns=(
        Col("position", N_("No."), Module.position + 1, "number"),
        Col("semester", N_("Semester"), Semester.number, "number"),
        Col("title", N_("Module"), Module.title, searchable=True),
        Col("type", N_("Session type"), Module.session_type, "enum", enum=SessionType),
        Col("hours", N_("Hours"), Module.hours, "number"),
        Col("required", N_("Required"), Module.required, "bool"),
    ),
    build=lambda programme_id: (
        select(Module.id)
        .outerjoin(Semester, Semester.id == Module.semester_id)
        .where(Module.programme_id == programme_id)
    ),
    parameters=("programme_id",),
    default_sort="position",
    id_column=Module.id,
    empty_text=N_("This programme has no modules yet."),
)

# --- Cohorts and participants -------------------------------------------------------------------------------

COHORTS = TableSpec(
    key="cohorts",
    title=N_("Cohorts"),
    columns=(
        Col("name", N_("Cohort"), Cohort.name, searchable=True),
        Col("programme", N_("Programme"), Programme.name, searchable=True),
        Col("start", N_("Starts"), Cohort.start_date, "date"),
        Col("end", N_("Ends"), Cohort.end_date, "date"),
        Col(
            "active",
            N_("Active participants"),
            _count(
                select(func.count(Enrolment.id)).where(
                    Enrolment.cohort_id == Cohort.id, Enrolment.status == EnrolmentStatus.ACTIVE.value
                )
            ),
            "number",
        ),
    ),
    build=lambda: select(Cohort.id).join(Programme, Programme.id == Cohort.programme_id),
    default_sort="start",
    id_column=Cohort.id,
    empty_text=N_("No cohorts yet."),
)


def _filter_enrolments(query, status: str | None = None, department_id: int | None = None, unit_id: int | None = None):
    """The enrolment list narrowed to one status, department or unit (each ``None`` for all)."""
    if status is not None:
        query = query.where(Enrolment.status == status)
    if department_id is not None:
        query = query.where(Unit.department_id == department_id)
    if unit_id is not None:
        query = query.where(Enrolment.unit_id == unit_id)
    return query


ENROLMENTS = TableSpec(
    key="enrolments",
    title=N_("Participants"),
    columns=(
        Col("last_name", N_("Last name"), Person.last_name, searchable=True),
        Col("first_name", N_("First name"), Person.first_name, searchable=True),
        Col("department", N_("Department"), Department.name, searchable=True),
        Col("unit", N_("Unit"), Unit.name, searchable=True),
        Col("position", N_("Position"), Enrolment.position, searchable=True),
        Col("email", N_("E-mail"), Person.email, searchable=True),
        Col("status", N_("Status"), Enrolment.status, "enum", enum=EnrolmentStatus),
        Col("since", N_("Since"), Enrolment.status_since, "date"),
        Col("attendance", N_("Attendance so far"), attendance_so_far(), "percent"),
    ),
    build=lambda cohort_id, **filters: _filter_enrolments(
        select(Enrolment.id)
        .join(Person, Person.id == Enrolment.person_id)
        .outerjoin(Unit, Unit.id == Enrolment.unit_id)
        .outerjoin(Department, Department.id == Unit.department_id)
        .where(Enrolment.cohort_id == cohort_id),
        **filters,
    ),
    parameters=("cohort_id",),  # required; optional filters: status, department_id, unit_id (None = all)
    default_sort="last_name",
    id_column=Enrolment.id,
    empty_text=N_("No one is enrolled in this cohort yet."),
)

# --- Sessions and attendance --------------------------------------------------------------------------------


def _attendance_count(*codes: str):
    return _count(
        select(func.count(Attendance.id))
        .join(AttendanceStatus, AttendanceStatus.id == Attendance.status_id)
        .where(Attendance.session_id == Session.id, AttendanceStatus.code.in_(codes))
    )


SESSIONS = TableSpec(
    key="sessions",
    title=N_("Sessions"),
    columns=(
        Col("starts", N_("Starts"), Session.starts_at, "datetime"),
        Col("title", N_("Session"), Session.title, searchable=True),
        Col("type", N_("Session type"), Session.session_type, "enum", enum=SessionType),
        Col("venue", N_("Venue"), Venue.name, searchable=True),
        Col("status", N_("Status"), Session.status, "enum", enum=SessionStatus),
        Col("present", N_("Present"), _attendance_count("present", "late"), "number"),
        Col("partial", N_("Partly present"), _attendance_count("partial"), "number"),
        Col("absent", N_("Absent"), _attendance_count("absent", "excused"), "number"),
    ),
    build=lambda cohort_id: (
        select(Session.id).outerjoin(Venue, Venue.id == Session.venue_id).where(Session.cohort_id == cohort_id)
    ),
    parameters=("cohort_id",),
    default_sort="starts",
    id_column=Session.id,
    empty_text=N_("No sessions are scheduled for this cohort yet."),
)

# --- Reflection groups (meta only for the coordinator) ------------------------------------------------------

_group_facilitator = Person.__table__.alias("group_facilitator_person")

GROUPS = TableSpec(
    key="groups",
    title=N_("Reflection groups"),
    columns=(
        Col("round", N_("Round"), GroupRound.name, searchable=True),
        Col("name", N_("Group"), ReflectionGroup.name, searchable=True),
        Col("facilitator", N_("Facilitator"), _full_name(_group_facilitator.c), searchable=True),
        Col(
            "members",
            N_("Members"),
            _count(select(func.count()).select_from(group_member).where(group_member.c.group_id == ReflectionGroup.id)),
            "number",
        ),
        Col(
            "meetings",
            N_("Meetings"),
            _count(select(func.count(GroupMeeting.id)).where(GroupMeeting.group_id == ReflectionGroup.id)),
            "number",
        ),
        Col(
            "last_meeting",
            N_("Last meeting"),
            _count(select(func.max(GroupMeeting.held_on)).where(GroupMeeting.group_id == ReflectionGroup.id)),
            "date",
        ),
    ),
    build=lambda cohort_id: (
        select(ReflectionGroup.id)
        .join(GroupRound, GroupRound.id == ReflectionGroup.round_id)
        .outerjoin(Facilitator, Facilitator.id == ReflectionGroup.facilitator_id)
        .outerjoin(_group_facilitator, _group_facilitator.c.id == Facilitator.person_id)
        .where(GroupRound.cohort_id == cohort_id)
    ),
    parameters=("cohort_id",),
    default_sort="name",
    id_column=ReflectionGroup.id,
    empty_text=N_("No reflection groups have been composed for this cohort yet."),
)

# A meeting's shareable themes, each once, in the order first written: joined with "," (group_concat on SQLite,
# string_agg on PostgreSQL: ``aggregate_strings``).
_shared_themes = (
    select(GroupNote.theme)
    .where(GroupNote.meeting_id == GroupMeeting.id, GroupNote.theme_shareable.is_(True), GroupNote.theme != "")
    .group_by(GroupNote.theme)
    .order_by(func.min(GroupNote.id))
    .subquery()
)

GROUP_MEETINGS = TableSpec(
    key="group_meetings",
    title=N_("Group meetings"),
    columns=(
        Col("held_on", N_("Date"), GroupMeeting.held_on, "date"),
        Col("group", N_("Group"), ReflectionGroup.name, searchable=True),
        Col(
            "attended",
            N_("Attended"),
            _count(
                select(func.count())
                .select_from(group_meeting_attendee)
                .where(group_meeting_attendee.c.meeting_id == GroupMeeting.id)
            ),
            "number",
        ),
        Col(
            "themes",
            N_("Shareable themes"),
            _count(select(func.aggregate_strings(_shared_themes.c.theme, ","))),
            searchable=True,
        ),
    ),
    build=lambda cohort_id: (
        select(GroupMeeting.id)
        .join(ReflectionGroup, ReflectionGroup.id == GroupMeeting.group_id)
        .join(GroupRound, GroupRound.id == ReflectionGroup.round_id)
        .where(GroupRound.cohort_id == cohort_id)
    ),
    parameters=("cohort_id",),
    default_sort="held_on",
    id_column=GroupMeeting.id,
    empty_text=N_("No group meetings recorded yet."),
)

# --- Facilitators ---------------------------------------------------------------------------------------------

FACILITATORS = TableSpec(
    key="facilitators",
    title=N_("Facilitators"),
    columns=(
        Col("pool", N_("Pool"), FacilitatorPool.code, searchable=True),
        Col("name", N_("Name"), _full_name(), searchable=True),
        Col("unit", N_("Unit"), Unit.name, searchable=True),
        Col("skills", N_("Skills"), Facilitator.skills, searchable=True),
        Col("capacity", N_("Hours per month"), Facilitator.capacity_hours_per_month, "number"),
        Col(
            "assignments",
            N_("Assignments"),
            _count(
                select(func.count(FacilitatorAssignment.id)).where(
                    FacilitatorAssignment.facilitator_id == Facilitator.id
                )
            ),
            "number",
        ),
    ),
    build=lambda: (
        select(Facilitator.id)
        .join(FacilitatorPool, FacilitatorPool.id == Facilitator.pool_id)
        .join(Person, Person.id == Facilitator.person_id)
        .outerjoin(Unit, Unit.id == Person.unit_id)
    ),
    default_sort="pool",
    id_column=Facilitator.id,
    empty_text=N_("No facilitator pools are set up yet."),
)

# --- Journal (counts only, and only where the participant allows it) ---------------------------------------

_commitments = _count(
    select(func.count(Commitment.id)).where(
        Commitment.person_id == Enrolment.person_id, Commitment.status.in_([CommitmentStatus.DONE.value])
    )
)

JOURNAL_COUNTS = TableSpec(
    key="journal_counts",
    title=N_("Journal activity"),
    columns=(
        Col("last_name", N_("Last name"), Person.last_name, searchable=True),
        Col("first_name", N_("First name"), Person.first_name, searchable=True),
        Col(
            "entries",
            N_("Journal entries (where allowed)"),
            case(
                (
                    Enrolment.journal_count_visible.is_(True),
                    _count(select(func.count(JournalEntry.id)).where(JournalEntry.author_id == Enrolment.person_id)),
                ),
                else_=None,
            ),
            "number",
        ),
        Col(
            "commitments_open",
            N_("Open commitments"),
            _count(
                select(func.count(Commitment.id)).where(
                    Commitment.person_id == Enrolment.person_id,
                    Commitment.status.in_([CommitmentStatus.OPEN.value, CommitmentStatus.ON_TRACK.value]),
                )
            ),
            "number",
        ),
        Col("commitments_done", N_("Commitments done"), _commitments, "number"),
    ),
    build=lambda cohort_id: (
        select(Enrolment.id).join(Person, Person.id == Enrolment.person_id).where(Enrolment.cohort_id == cohort_id)
    ),
    parameters=("cohort_id",),
    default_sort="last_name",
    id_column=Enrolment.id,
    empty_text=N_("No one is enrolled in this cohort yet."),
)

# --- Certificates -------------------------------------------------------------------------------------------

CERTIFICATES = TableSpec(
    key="certificates",
    title=N_("Certificates"),
    columns=(
        Col("name", N_("Participant"), _full_name(), searchable=True),
        Col("version", N_("Version"), Certificate.version, "number"),
        Col("code", N_("Verification code"), Certificate.verification_code, searchable=True),
        Col("issued", N_("Issued"), Certificate.issued_at, "datetime"),
        Col("status", N_("Status"), Certificate.status, "enum", enum=CertificateStatus),
    ),
    build=lambda cohort_id, person_id=None: (
        select(Certificate.id)
        .join(Enrolment, Enrolment.id == Certificate.enrolment_id)
        .join(Person, Person.id == Enrolment.person_id)
        .where(Enrolment.cohort_id == cohort_id)
        .where(Person.id == person_id if person_id is not None else True)
    ),
    parameters=("cohort_id",),  # required; optional: person_id (a participant sees only their own)
    default_sort="name",
    id_column=Certificate.id,
    empty_text=N_("No certificates have been issued for this cohort."),
)

ALL_SPECS: dict[str, TableSpec] = {
    spec.key: spec
    for spec in (
        PROGRAMMES,
        MODULES,
        COHORTS,
        ENROLMENTS,
        SESSIONS,
        GROUPS,
        GROUP_MEETINGS,
        FACILITATORS,
        JOURNAL_COUNTS,
        CERTIFICATES,
    )
}
