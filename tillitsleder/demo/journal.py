"""The demo's profiles, its encrypted journal entries and its sealed commitments.

Every participant, and every facilitator who coaches a leader or leads a reflection group, gets a profile with
the passphrase ``DEMO_PASSPHRASE`` (documented in the README). The demo uses light Argon2id settings so it builds
in a moment; real profiles use ``journal_crypto.DEFAULT_KDF``. The journal texts come from the demo builder and
are sealed here exactly as the journal service seals them, so nothing of them is stored in plaintext; only keys
and nonces are random, the decrypted content is the same for the same seed and day. Commitments are sealed the
way the commitment service seals them (``journal.commitment_crypto``), with grants to their owners' coaches.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tillitsleder import crypto as jc
from tillitsleder.journal import commitment_crypto, sharing
from tillitsleder.model import Commitment, Enrolment, Facilitator, FacilitatorAssignment, JournalEntry, ReflectionGroup
from tillitsleder.model.enums import AssignmentKind, JournalSharing, Role
from tillitsleder.profiles import blank_profile, install_keys

DEMO_PASSPHRASE = "tillit-demo-2017"
DEMO_KDF = jc.KdfParams(memory_cost=1024, iterations=1, lanes=1)

# (author id, day, session id, module id, template, sharing, body, created at, updated at), tags
DemoEntry = tuple[tuple[int, date, int | None, int | None, str, str, str, datetime, datetime], list[str]]


def create_demo_profiles(s: Session, moment: datetime) -> dict[int, bytes]:
    """Profiles for the enrolled people and the coaching / group facilitators, made at ``moment``; returns person
    id → data key of the participants."""
    participants = s.scalars(select(Enrolment.person_id).distinct().order_by(Enrolment.person_id)).all()
    coaches = select(FacilitatorAssignment.facilitator_id).where(
        FacilitatorAssignment.kind == AssignmentKind.LEADER.value
    )
    leading = select(ReflectionGroup.facilitator_id).where(ReflectionGroup.facilitator_id.is_not(None))
    facilitators = s.scalars(
        select(Facilitator.person_id)
        .where(Facilitator.id.in_(coaches) | Facilitator.id.in_(leading))
        .distinct()
        .order_by(Facilitator.person_id)
    ).all()
    keys = participant_profiles(s, participants, moment)
    participant_profiles(s, facilitators, moment, Role.FACILITATOR)  # their keys only seal their own key pair
    return keys


def participant_profiles(s: Session, people, moment: datetime, role: Role = Role.PARTICIPANT) -> dict[int, bytes]:
    """Profiles in ``role`` for ``people`` (person ids), made at ``moment``; returns person id → data key."""
    keys: dict[int, bytes] = {}
    for person_id in people:
        profile = blank_profile(person_id, role)
        profile.created_at = moment
        s.add(profile)
        s.flush()
        _recovery, keys[person_id] = install_keys(profile, DEMO_PASSPHRASE, DEMO_KDF, with_keypair=True)
        profile.passphrase_changed_at = moment
    s.flush()
    return keys


def write_demo_journal(
    s: Session, entries: list[DemoEntry], today: date, moment: datetime
) -> tuple[int, dict[int, bytes]]:
    """Insert and seal the entries (with grants for their readers on ``today``, the profiles made at ``moment``);
    returns how many were written and the participants' data keys (person id → key)."""
    keys = create_demo_profiles(s, moment)
    rows = []
    for (author, day, session_id, module_id, template, share, _body, created, updated), _tags in entries:
        rows.append(
            JournalEntry(
                author_id=author, written_on=day, session_id=session_id, module_id=module_id,
                prompt_template=template, sharing=share, content=b"", content_key=b"", created_at=created,
                updated_at=updated,
            )
        )  # fmt: skip
    s.add_all(rows)
    s.flush()
    for row, ((*_, body, _created, _updated), tags) in zip(rows, entries, strict=True):
        summary = _summary(body) if row.sharing == JournalSharing.GROUP_SUMMARY.value else None
        content_key, summary_key = sharing.seal_entry(
            row, keys[row.author_id], sharing.Payload(body, tuple(tags)), summary
        )
        if row.sharing != JournalSharing.PRIVATE.value:  # a new private entry has no grants to write
            s.flush()
            sharing.write_grants(s, row, content_key, summary_key, today)
    s.flush()
    # Sealing updated the rows: they were last changed when written, not when the demo was built.
    written = JournalEntry.id.in_([row.id for row in rows])
    s.execute(update(JournalEntry).where(written).values(updated_at=JournalEntry.created_at))
    return len(rows), keys


# (person id, description, made on, due on, status, follow-up)
DemoCommitment = tuple[int, str, date, date | None, str, str]


def write_demo_commitments(s: Session, rows: list[DemoCommitment], keys: dict[int, bytes], today: date) -> int:
    """Insert the commitments sealed with their owners' data keys ``keys`` (granted to their coaches of ``today``);
    returns how many were written."""
    made = [
        Commitment(person_id=person, made_on=made_on, due_on=due_on, status=status, content=b"", content_key=b"")
        for person, _text, made_on, due_on, status, _follow_up in rows
    ]
    s.add_all(made)
    s.flush()
    for row, (person, text, *_dates, follow_up) in zip(made, rows, strict=True):
        commitment_crypto.seal_commitment(s, row, keys[person], text, follow_up, today)
    return len(made)


def _summary(body: str) -> str:
    """What a demo author shares with the group: the last answer of their entry (what they will do)."""
    return body.strip().split("\n")[-1]
