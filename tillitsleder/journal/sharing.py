"""Sealing journal entries and sharing them: who may read an entry besides its author, and the grants that let them.

An entry's text and tags are one JSON payload sealed with a random content key; the content key is sealed with
the author's data key. A group summary is a second payload with its own summary key. Sharing wraps one of those
keys to a reader's X25519 public key (``JournalGrant``):

- shared with my coach → the content key, to the facilitator profile of each current coach of the author
  (a facilitator assignment of kind "leader" to the author that has not ended);
- summary shared with my reflection group → the summary key only, to the participant profiles of the other
  members of the author's groups in each cohort's latest round, and to those groups' facilitators. Private text
  is never wrapped to the group.

Every ciphertext's associated data names its purpose, the entry and the author (and for grants the reader), so
no blob can be moved to another row, another purpose or another reader.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder import crypto as jc
from tillitsleder.model import (
    Enrolment,
    Facilitator,
    FacilitatorAssignment,
    GroupRound,
    JournalEntry,
    JournalGrant,
    Profile,
    ReflectionGroup,
    group_member,
)
from tillitsleder.model.enums import AssignmentKind, JournalSharing, Role

COACH, GROUP = "coach", "group"


@dataclass(frozen=True)
class Payload:
    """What an entry's sealed content holds."""

    text: str
    tags: tuple[str, ...]


def entry_aad(purpose: str, entry_id: int, author_id: int) -> bytes:
    return jc.aad(purpose, entry=entry_id, owner=author_id)


def grant_aad(purpose: str, entry_id: int, author_id: int, reader_profile_id: int) -> bytes:
    return jc.aad(f"grant-{purpose}", entry=entry_id, owner=author_id, reader=reader_profile_id)


def encode_payload(payload: Payload) -> bytes:
    return json.dumps({"text": payload.text, "tags": list(payload.tags)}, ensure_ascii=False).encode("utf-8")


def decode_payload(raw: bytes) -> Payload:
    values = json.loads(raw.decode("utf-8"))
    return Payload(values["text"], tuple(values["tags"]))


def seal_entry(
    entry: JournalEntry, data_key: bytes, payload: Payload, summary: str | None
) -> tuple[bytes, bytes | None]:
    """Seal ``payload`` (and ``summary``) into a flushed ``entry`` with fresh keys; returns (content key, summary
    key). Fresh keys on every save mean a reader whose grant is removed cannot read what is written later."""
    content_key = jc.random_key()
    entry.content = jc.seal_padded(
        content_key, encode_payload(payload), entry_aad("entry-content", entry.id, entry.author_id)
    )
    entry.content_key = jc.seal(data_key, content_key, entry_aad("entry-key", entry.id, entry.author_id))
    summary_key = None
    if summary is None:
        entry.summary = entry.summary_key = None
    else:
        summary_key = jc.random_key()
        associated = entry_aad("entry-summary", entry.id, entry.author_id)
        entry.summary = jc.seal_padded(summary_key, summary.encode("utf-8"), associated)
        entry.summary_key = jc.seal(data_key, summary_key, entry_aad("summary-key", entry.id, entry.author_id))
    return content_key, summary_key


def open_payload(content_key: bytes, entry_id: int, author_id: int, content: bytes) -> Payload:
    return decode_payload(jc.open_sealed(content_key, content, entry_aad("entry-content", entry_id, author_id)))


def open_own(
    data_key: bytes,
    entry_id: int,
    author_id: int,
    content: bytes,
    content_key: bytes,
    summary: bytes | None,
    summary_key: bytes | None,
) -> tuple[Payload, str | None]:
    """An author's own entry opened with their data key: (payload, summary or ``None``)."""
    key, skey = open_keys(data_key, entry_id, author_id, content_key, summary_key if summary is not None else None)
    payload = open_payload(key, entry_id, author_id, content)
    text = open_summary(skey, entry_id, author_id, summary) if summary is not None and skey is not None else None
    return payload, text


def open_keys(
    data_key: bytes, entry_id: int, author_id: int, content_key: bytes, summary_key: bytes | None
) -> tuple[bytes, bytes | None]:
    """An entry's (content key, summary key or ``None``) opened with its author's data key."""
    key = jc.open_sealed(data_key, content_key, entry_aad("entry-key", entry_id, author_id))
    if summary_key is None:
        return key, None
    return key, jc.open_sealed(data_key, summary_key, entry_aad("summary-key", entry_id, author_id))


def open_summary(summary_key: bytes, entry_id: int, author_id: int, summary: bytes) -> str:
    return jc.open_sealed(summary_key, summary, entry_aad("entry-summary", entry_id, author_id)).decode("utf-8")


def open_grant(private, grant: JournalGrant, author_id: int) -> bytes:
    associated = grant_aad(grant.purpose, grant.entry_id, author_id, grant.profile_id)
    return jc.unwrap_from(private, grant.ephemeral_key, grant.wrapped_key, associated)


# --- Readers ----------------------------------------------------------------------------------------------------


def coach_person_ids(s: OrmSession, author_id: int, today: date) -> list[int]:
    """People who currently coach ``author_id`` (a "leader" assignment that has started and not ended)."""
    return list(
        s.scalars(
            select(Facilitator.person_id)
            .join(FacilitatorAssignment, FacilitatorAssignment.facilitator_id == Facilitator.id)
            .where(FacilitatorAssignment.person_id == author_id, coaching_on(today))
            .distinct()
        )
    )


def coached_by(s: OrmSession, coach_person_id: int, authors: set[int], today: date) -> set[int]:
    """Of ``authors``, those ``coach_person_id`` coaches on ``today`` (one query for them all)."""
    if not authors:
        return set()
    return set(
        s.scalars(
            select(FacilitatorAssignment.person_id)
            .join(Facilitator, Facilitator.id == FacilitatorAssignment.facilitator_id)
            .where(
                Facilitator.person_id == coach_person_id,
                FacilitatorAssignment.person_id.in_(authors),
                coaching_on(today),
            )
        )
    )


def coaching_on(today: date):
    """The condition on ``FacilitatorAssignment`` for coaching a leader on ``today`` (started, not ended)."""
    return and_(
        FacilitatorAssignment.kind == AssignmentKind.LEADER.value,
        FacilitatorAssignment.starts_on <= today,
        or_(FacilitatorAssignment.ends_on.is_(None), FacilitatorAssignment.ends_on >= today),
    )


def current_group_ids(s: OrmSession, person_id: int) -> list[int]:
    """The person's reflection groups in the latest round of each of their cohorts."""
    rows = s.execute(
        select(ReflectionGroup.id, GroupRound.cohort_id, GroupRound.number)
        .join(GroupRound, GroupRound.id == ReflectionGroup.round_id)
        .join(group_member, group_member.c.group_id == ReflectionGroup.id)
        .join(Enrolment, Enrolment.id == group_member.c.enrolment_id)
        .where(Enrolment.person_id == person_id)
    ).all()
    latest: dict[int, int] = {}
    for _group, cohort, number in rows:
        latest[cohort] = max(number, latest.get(cohort, 0))
    return [group for group, cohort, number in rows if number == latest[cohort]]


def group_reader_profiles(s: OrmSession, author_id: int) -> list[Profile]:
    """Profiles that read the author's group summaries: fellow members (participants) and group facilitators."""
    groups = current_group_ids(s, author_id)
    if not groups:
        return []
    members = (
        select(Enrolment.person_id)
        .join(group_member, group_member.c.enrolment_id == Enrolment.id)
        .where(group_member.c.group_id.in_(groups), Enrolment.person_id != author_id)
    )
    facilitators = (
        select(Facilitator.person_id)
        .join(ReflectionGroup, ReflectionGroup.facilitator_id == Facilitator.id)
        .where(ReflectionGroup.id.in_(groups))
    )
    return list(
        s.scalars(
            select(Profile)
            .where(
                or_(
                    (Profile.role == Role.PARTICIPANT.value) & Profile.person_id.in_(members),
                    (Profile.role == Role.FACILITATOR.value) & Profile.person_id.in_(facilitators),
                )
            )
            .order_by(Profile.id)
        )
    )


def coach_profiles(s: OrmSession, author_id: int, today: date) -> list[Profile]:
    coaches = coach_person_ids(s, author_id, today)
    if not coaches:
        return []
    return list(
        s.scalars(
            select(Profile)
            .where(Profile.role == Role.FACILITATOR.value, Profile.person_id.in_(coaches))
            .order_by(Profile.id)
        )
    )


def write_grants(s: OrmSession, entry: JournalEntry, content_key: bytes, summary_key: bytes | None, today: date) -> int:
    """Replace the entry's grants with ones for its current readers; returns how many were written."""
    s.execute(delete(JournalGrant).where(JournalGrant.entry_id == entry.id))
    grants = []
    if entry.sharing == JournalSharing.COACH.value:
        grants = [(COACH, p, content_key) for p in coach_profiles(s, entry.author_id, today)]
    elif entry.sharing == JournalSharing.GROUP_SUMMARY.value and summary_key is not None:
        grants = [(GROUP, p, summary_key) for p in group_reader_profiles(s, entry.author_id)]
    for purpose, profile, key in grants:
        associated = grant_aad(purpose, entry.id, entry.author_id, profile.id)
        ephemeral, wrapped = jc.wrap_to(profile.public_key or b"", key, associated)
        s.add(
            JournalGrant(
                entry_id=entry.id, profile_id=profile.id, purpose=purpose, ephemeral_key=ephemeral, wrapped_key=wrapped
            )
        )
    s.flush()
    return len(grants)


def current_reader_ids(s: OrmSession, author_id: int, today: date) -> dict[str, set[int]]:
    """The profiles that should hold grants to the author's entries, by the entries' sharing value."""
    return {
        JournalSharing.PRIVATE.value: set(),
        JournalSharing.COACH.value: {p.id for p in coach_profiles(s, author_id, today)},
        JournalSharing.GROUP_SUMMARY.value: {p.id for p in group_reader_profiles(s, author_id)},
    }


def granted_reader_ids(s: OrmSession, entry_ids: list[int]) -> dict[int, set[int]]:
    """The profiles holding a grant to each of ``entry_ids`` (entries without grants are left out)."""
    granted: dict[int, set[int]] = {}
    for entry_id, profile_id in s.execute(
        select(JournalGrant.entry_id, JournalGrant.profile_id).where(JournalGrant.entry_id.in_(entry_ids))
    ):
        granted.setdefault(entry_id, set()).add(profile_id)
    return granted
