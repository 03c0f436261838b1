"""The domain model: SQLAlchemy 2 typed entities. Importing this package registers every table."""

from tillitsleder.model.audit import AuditEvent
from tillitsleder.model.base import Base
from tillitsleder.model.certificates import Certificate
from tillitsleder.model.facilitators import (
    Facilitator,
    FacilitatorAssignment,
    FacilitatorPool,
    FacilitatorUnavailability,
)
from tillitsleder.model.groups import (
    GroupAction,
    GroupMeeting,
    GroupNote,
    GroupRound,
    ReflectionGroup,
    group_meeting_attendee,
    group_member,
)
from tillitsleder.model.journal import Commitment, JournalEntry, journal_entry_tag
from tillitsleder.model.organisation import Department, Municipality, Person, RoleAssignment, Unit
from tillitsleder.model.programme import Cohort, Enrolment, EnrolmentStatusChange, Module, Programme, Semester
from tillitsleder.model.sessions import Attendance, AttendanceStatus, Session, Venue, session_facilitator

__all__ = [
    "Attendance",
    "AttendanceStatus",
    "AuditEvent",
    "Base",
    "Certificate",
    "Cohort",
    "Commitment",
    "Department",
    "Enrolment",
    "EnrolmentStatusChange",
    "Facilitator",
    "FacilitatorAssignment",
    "FacilitatorPool",
    "FacilitatorUnavailability",
    "GroupAction",
    "GroupMeeting",
    "GroupNote",
    "GroupRound",
    "JournalEntry",
    "Module",
    "Municipality",
    "Person",
    "Programme",
    "ReflectionGroup",
    "RoleAssignment",
    "Semester",
    "Session",
    "Unit",
    "Venue",
    "group_meeting_attendee",
    "group_member",
    "journal_entry_tag",
    "session_facilitator",
]
