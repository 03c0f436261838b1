"""The demo's profiles and its encrypted journal entries.

Every participant, and every facilitator who coaches a leader or leads a reflection group, gets a profile with
the passphrase ``DEMO_PASSPHRASE`` (documented in the README). The demo uses light Argon2id settings so it builds
in a moment; real profiles use ``journal_crypto.DEFAULT_KDF``. The journal texts come from the demo builder and
are sealed here exactly as the journal service seals them, so nothing of them is stored in plaintext; only keys
and nonces are random, the decrypted content is the same for the same seed and day.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tillitsleder import crypto as jc
from tillitsleder.journal import sharing
from tillitsleder.model import Enrolment, Facilitator, FacilitatorAssignment, JournalEntry, ReflectionGroup
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
    keys: dict[int, bytes] = {}  # facilitators' keys are not needed: their data keys only seal their own key pair
    for role, people in ((Role.PARTICIPANT, participants), (Role.FACILITATOR, facilitators)):
        for person_id in people:
            profile = blank_profile(person_id, role)
            profile.created_at = moment
            s.add(profile)
            s.flush()
            _recovery, keys[person_id] = install_keys(profile, DEMO_PASSPHRASE, DEMO_KDF, with_keypair=True)
            profile.passphrase_changed_at = moment
    s.flush()
    return keys


def write_demo_journal(s: Session, entries: list[DemoEntry], today: date, moment: datetime) -> int:
    """Insert and seal the entries (with grants for their readers on ``today``, the profiles made at ``moment``);
    returns how many were written."""
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
    return len(rows)


def _summary(body: str) -> str:
    """What a demo author shares with the group: the last answer of their entry (what they will do)."""
    return body.strip().split("\n")[-1]
