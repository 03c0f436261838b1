"""Enumerations of the domain. Stored as their string values; each has a translatable label."""

from __future__ import annotations

from enum import StrEnum

from tillitsleder.i18n import N_, _


class LabelledEnum(StrEnum):
    """A string enum whose members carry an untranslated label (``N_``) shown via ``label()``."""

    def label(self) -> str:
        return _(self._labels()[self])  # type: ignore[attr-defined]

    @classmethod
    def _labels(cls) -> dict:
        raise NotImplementedError


class Role(LabelledEnum):
    COORDINATOR = "coordinator"
    PARTICIPANT = "participant"
    FACILITATOR = "facilitator"

    @classmethod
    def _labels(cls) -> dict:
        return {
            cls.COORDINATOR: N_("Programme coordinator"),
            cls.PARTICIPANT: N_("Participant"),
            cls.FACILITATOR: N_("Facilitator / coach"),
        }


class SessionType(LabelledEnum):
    THEME_GATHERING = "temasamling"
    LEADER_GROUP_DEVELOPMENT = "ledergruppeutvikling"
    REFLECTION_GROUP = "refleksjonsgruppe"
    PROFESSIONAL_DAY = "fagdag"
    E_LEARNING = "e_laering"
    COACHING = "coaching"
    OTHER = "annet"

    @classmethod
    def _labels(cls) -> dict:
        return {
            cls.THEME_GATHERING: N_("Theme gathering"),
            cls.LEADER_GROUP_DEVELOPMENT: N_("Leadership-team development"),
            cls.REFLECTION_GROUP: N_("Reflection group"),
            cls.PROFESSIONAL_DAY: N_("Professional day"),
            cls.E_LEARNING: N_("E-learning"),
            cls.COACHING: N_("Coaching"),
            cls.OTHER: N_("Other"),
        }


class EnrolmentStatus(LabelledEnum):
    ACTIVE = "active"
    ON_LEAVE = "on_leave"
    WITHDRAWN = "withdrawn"
    COMPLETED = "completed"

    @classmethod
    def _labels(cls) -> dict:
        return {
            cls.ACTIVE: N_("Active"),
            cls.ON_LEAVE: N_("On leave"),
            cls.WITHDRAWN: N_("Withdrawn"),
            cls.COMPLETED: N_("Completed"),
        }


class SessionStatus(LabelledEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"

    @classmethod
    def _labels(cls) -> dict:
        return {cls.PLANNED: N_("Planned"), cls.HELD: N_("Held"), cls.CANCELLED: N_("Cancelled")}


class DialogueStep(LabelledEnum):
    """The three-step principle of dialogue-based meetings."""

    OWN_REFLECTION = "own_reflection"
    SMALL_GROUP = "small_group"
    LARGE_GROUP = "large_group"

    @classmethod
    def _labels(cls) -> dict:
        return {
            cls.OWN_REFLECTION: N_("Own reflection"),
            cls.SMALL_GROUP: N_("Small-group exchange"),
            cls.LARGE_GROUP: N_("Summary in the larger group"),
        }


class ActionStatus(LabelledEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @classmethod
    def _labels(cls) -> dict:
        return {
            cls.OPEN: N_("Open"),
            cls.IN_PROGRESS: N_("In progress"),
            cls.DONE: N_("Done"),
            cls.DROPPED: N_("Dropped"),
        }


class PoolKind(LabelledEnum):
    LEAN = "lean"
    INNOVATION = "innovation"
    CHANGE_AGENT = "change_agent"
    COACH = "coach"

    @classmethod
    def _labels(cls) -> dict:
        return {
            cls.LEAN: N_("Lean facilitators"),
            cls.INNOVATION: N_("Innovation agents"),
            cls.CHANGE_AGENT: N_("Change agents"),
            cls.COACH: N_("Coaches"),
        }


class AssignmentKind(LabelledEnum):
    GROUP = "group"
    SESSION = "session"
    LEADER = "leader"

    @classmethod
    def _labels(cls) -> dict:
        return {
            cls.GROUP: N_("Reflection group"),
            cls.SESSION: N_("Session"),
            cls.LEADER: N_("Individual leader"),
        }


class JournalSharing(LabelledEnum):
    PRIVATE = "private"
    COACH = "coach"
    GROUP_SUMMARY = "group_summary"

    @classmethod
    def _labels(cls) -> dict:
        return {
            cls.PRIVATE: N_("Private"),
            cls.COACH: N_("Shared with my coach"),
            cls.GROUP_SUMMARY: N_("Summary shared with my reflection group"),
        }


class PromptTemplate(LabelledEnum):
    THREE_STEP = "three_step"
    LEARN_CHANGE = "learn_change"
    FREE = "free"

    @classmethod
    def _labels(cls) -> dict:
        return {
            cls.THREE_STEP: N_("Three-step reflection"),
            cls.LEARN_CHANGE: N_("What did I learn / what will I do differently"),
            cls.FREE: N_("Free writing"),
        }


class CommitmentStatus(LabelledEnum):
    OPEN = "open"
    ON_TRACK = "on_track"
    DONE = "done"
    DROPPED = "dropped"

    @classmethod
    def _labels(cls) -> dict:
        return {
            cls.OPEN: N_("Open"),
            cls.ON_TRACK: N_("On track"),
            cls.DONE: N_("Done"),
            cls.DROPPED: N_("Dropped"),
        }


class CertificateStatus(LabelledEnum):
    VALID = "valid"
    SUPERSEDED = "superseded"
    REVOKED = "revoked"

    @classmethod
    def _labels(cls) -> dict:
        return {cls.VALID: N_("Valid"), cls.SUPERSEDED: N_("Superseded"), cls.REVOKED: N_("Revoked")}
