"""Sign-in profiles and the key material their passphrases unwrap.

A profile is a person acting in one role (participant, facilitator/coach) or the programme coordinator. No
passphrase is stored: a key derived from it (Argon2id, parameters and salt kept here) unwraps the profile's random
data key, and a recovery key shown once unwraps the same data key. Facilitator and participant profiles also
hold an X25519 key pair whose private half is sealed with the data key, so journal content can be shared with
them and with no one else. Every ``*_wrap`` column is ciphertext (see ``services.journal_crypto``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tillitsleder.model.base import Base, UTCDateTime, enum_check, utcnow
from tillitsleder.model.enums import Role


class Profile(Base):
    __tablename__ = "profile"
    __table_args__ = (
        UniqueConstraint("person_id", "role"),
        enum_check("role", Role),
        CheckConstraint("role = 'coordinator' OR person_id IS NOT NULL", name="person_unless_coordinator"),
        CheckConstraint(
            "role = 'coordinator' OR (passphrase_wrap IS NOT NULL AND public_key IS NOT NULL)",
            name="keys_unless_coordinator",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    # JSON: {"name": "argon2id", "memory_cost": KiB, "iterations": n, "lanes": n}; empty without a passphrase.
    kdf: Mapped[str] = mapped_column(Text, default="")
    salt: Mapped[bytes | None] = mapped_column(LargeBinary)
    passphrase_wrap: Mapped[bytes | None] = mapped_column(LargeBinary)
    recovery_wrap: Mapped[bytes | None] = mapped_column(LargeBinary)
    public_key: Mapped[bytes | None] = mapped_column(LargeBinary)
    private_key_wrap: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    passphrase_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
