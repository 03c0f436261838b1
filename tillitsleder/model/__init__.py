"""The domain model: SQLAlchemy 2 typed entities. Importing this package registers every table."""

from tillitsleder.model.audit import AuditEvent, ReadEvent, ReadEventSubject
from tillitsleder.model.base import Base
from tillitsleder.model.certificates import Certificate, CertificateSignatory, CertificateTemplate
from tillitsleder.model.completion import CompletionRules, CompletionSignOff
from tillitsleder.model.erasure_log import ErasureRecord
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
from tillitsleder.model.journal import Commitment, CommitmentGrant, JournalDraft, JournalEntry, JournalGrant
from tillitsleder.model.organisation import (
    Department,
    Municipality,
    Person,
    RoleAssignment,
    Unit,
    UnitHistory,
    UnitMerge,
)
from tillitsleder.model.profiles import Profile
from tillitsleder.model.programme import Cohort, Enrolment, EnrolmentStatusChange, Module, Programme, Semester
from tillitsleder.model.server_login import ServerLogin
from tillitsleder.model.sessions import Attendance, AttendanceStatus, Session, Venue, session_facilitator
from tillitsleder.model.table_day import DaySeat, DayTable, TableDay
from tillitsleder.model.unit_alias import UnitAlias

__all__ = [
    "Attendance",
    "AttendanceStatus",
    "AuditEvent",
    "Base",
    "Certificate",
    "CertificateSignatory",
    "CertificateTemplate",
    "Cohort",
    "Commitment",
    "CommitmentGrant",
    "CompletionRules",
    "CompletionSignOff",
    "DaySeat",
    "DayTable",
    "Department",
    "Enrolment",
    "ErasureRecord",
    "EnrolmentStatusChange",
    "Facilitator",
    "FacilitatorAssignment",
    "FacilitatorPool",
    "FacilitatorUnavailability",
    "GroupAction",
    "GroupMeeting",
    "GroupNote",
    "GroupRound",
    "JournalDraft",
    "JournalEntry",
    "JournalGrant",
    "Module",
    "Municipality",
    "Person",
    "Profile",
    "Programme",
    "ReadEvent",
    "ReadEventSubject",
    "ReflectionGroup",
    "RoleAssignment",
    "Semester",
    "Session",
    "TableDay",
    "Unit",
    "ServerLogin",
    "UnitAlias",
    "UnitHistory",
    "UnitMerge",
    "Venue",
    "group_meeting_attendee",
    "group_member",
    "session_facilitator",
]
