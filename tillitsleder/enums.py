"""Enumerations of the domain. Stored as their string values; each member carries a translatable label."""

from __future__ import annotations

from enum import StrEnum

from tillitsleder.i18n import N_, _


class LabelledEnum(StrEnum):
    """A string enum whose members are declared as ``NAME = "value", N_("Label")``; ``label()`` translates."""

    _label: str

    def __new__(cls, value: str, label: str) -> LabelledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        return member

    def label(self) -> str:
        return _(self._label)


class Role(LabelledEnum):
    COORDINATOR = "coordinator", N_("Programme coordinator")
    PARTICIPANT = "participant", N_("Participant")
    FACILITATOR = "facilitator", N_("Facilitator / coach")


class SessionType(LabelledEnum):
    THEME_GATHERING = "temasamling", N_("Theme gathering")
    LEADER_GROUP_DEVELOPMENT = "ledergruppeutvikling", N_("Leadership-team development")
    REFLECTION_GROUP = "refleksjonsgruppe", N_("Reflection group")
    PROFESSIONAL_DAY = "fagdag", N_("Professional day")
    E_LEARNING = "e_laering", N_("E-learning")
    COACHING = "coaching", N_("Coaching")
    OTHER = "annet", N_("Other")


class EnrolmentStatus(LabelledEnum):
    ACTIVE = "active", N_("Active")
    ON_LEAVE = "on_leave", N_("On leave")
    WITHDRAWN = "withdrawn", N_("Withdrawn")
    COMPLETED = "completed", N_("Completed")


class SessionStatus(LabelledEnum):
    PLANNED = "planned", N_("Planned")
    HELD = "held", N_("Held")
    CANCELLED = "cancelled", N_("Cancelled")


class DialogueStep(LabelledEnum):
    """The three-step principle of dialogue-based meetings."""

    OWN_REFLECTION = "own_reflection", N_("Own reflection")
    SMALL_GROUP = "small_group", N_("Small-group exchange")
    LARGE_GROUP = "large_group", N_("Summary in the larger group")


class ActionStatus(LabelledEnum):
    OPEN = "open", N_("Open")
    IN_PROGRESS = "in_progress", N_("In progress")
    DONE = "done", N_("Done")
    DROPPED = "dropped", N_("Dropped")


class PoolKind(LabelledEnum):
    LEAN = "lean", N_("Lean facilitators")
    INNOVATION = "innovation", N_("Innovation agents")
    CHANGE_AGENT = "change_agent", N_("Change agents")
    COACH = "coach", N_("Coaches")


class AssignmentKind(LabelledEnum):
    GROUP = "group", N_("Reflection group")
    SESSION = "session", N_("Session")
    LEADER = "leader", N_("Individual leader")


class JournalSharing(LabelledEnum):
    PRIVATE = "private", N_("Private")
    COACH = "coach", N_("Shared with my coach")
    GROUP_SUMMARY = "group_summary", N_("Summary shared with my reflection group")


class PromptTemplate(LabelledEnum):
    THREE_STEP = "three_step", N_("Three-step reflection")
    LEARN_CHANGE = "learn_change", N_("What did I learn / what will I do differently")
    FREE = "free", N_("Free writing")


class CommitmentStatus(LabelledEnum):
    OPEN = "open", N_("Open")
    ON_TRACK = "on_track", N_("On track")
    DONE = "done", N_("Done")
    DROPPED = "dropped", N_("Dropped")


class CertificateStatus(LabelledEnum):
    VALID = "valid", N_("Valid")
    SUPERSEDED = "superseded", N_("Superseded")
    REVOKED = "revoked", N_("Revoked")


class ReadKind(LabelledEnum):
    """What kind of read of someone's personal data the read audit records (``tillitsleder.audit.record_read``)."""

    REPORT = "report", N_("Progress report")
    ATTENDANCE_EXPORT = "attendance_export", N_("Attendance export")
    PARTICIPANT_LIST = "participant_list", N_("Participant list export")
    CALENDAR = "calendar", N_("Calendar with names")
    ACCESS_EXPORT = "access_export", N_("Privacy access export")
    SHARED_JOURNAL = "shared_journal", N_("Shared journal entry read")
    GROUP_NOTES = "group_notes", N_("Group notes opened by a facilitator")
