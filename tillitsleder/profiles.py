"""Sign-in profiles: who opens the app (coordinator, facilitator/coach, participant) and the keys they unlock.

Participant and facilitator profiles always have a passphrase; the coordinator may set one. Passphrases are never
stored: each profile keeps a random data key wrapped by the key its passphrase derives (Argon2id) and, separately,
by its recovery key (shown once, for printing). Unlocking unwraps the data key — a wrong passphrase simply fails
to open it — and returns an ``UnlockedProfile``: the ``Actor`` for service calls plus the keys, held only in
memory until ``lock()``. Changing the passphrase re-wraps the data key; no journal entry is re-encrypted.

Unlocking and creating cost a deliberate quarter of a second (the key derivation): call them off the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import Select, exists, or_, select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder import crypto as jc
from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.errors import Forbidden, NotFound, ValidationError
from tillitsleder.i18n import N_
from tillitsleder.lookups import Option
from tillitsleder.model import Enrolment, Facilitator, Person, Profile, RoleAssignment
from tillitsleder.model.base import utcnow
from tillitsleder.model.enums import Role
from tillitsleder.storage.database import Database

MIN_PASSPHRASE_LENGTH = 8


class WrongPassphrase(Forbidden):
    """The passphrase or recovery key does not open this profile."""


@dataclass(frozen=True)
class ProfileInfo:
    """A profile as the chooser lists it. ``id`` is ``None`` only for a coordinator without a passphrase."""

    id: int | None
    role: Role
    person_id: int | None
    name: str
    has_passphrase: bool


@dataclass(frozen=True)
class NewProfile:
    """A created profile and its recovery key: show it once for printing; it is not stored anywhere."""

    profile: ProfileInfo
    recovery_key: str


@dataclass(eq=False)
class UnlockedProfile:
    """An unlocked profile: the ``actor`` for service calls and the keys, kept in memory only.

    ``lock()`` drops the keys and every decrypted text cached for search; after it, calls that need the keys
    raise ``Forbidden``. Python cannot promise the old bytes are wiped from memory, only that nothing keeps them.
    """

    info: ProfileInfo
    _data_key: bytes | None = field(default=None, repr=False)
    _private_key: X25519PrivateKey | None = field(default=None, repr=False)
    # Journal caches owned by the journal services: decrypted entries, draft digests, lowered texts for search.
    entry_cache: dict = field(default_factory=dict, repr=False)
    draft_digests: dict = field(default_factory=dict, repr=False)
    search_cache: dict = field(default_factory=dict, repr=False)
    locked: bool = False

    @property
    def actor(self) -> Actor:
        if self.info.role is Role.COORDINATOR:
            return COORDINATOR
        assert self.info.person_id is not None
        return Actor(self.info.role, self.info.person_id)

    @property
    def profile_id(self) -> int | None:
        return self.info.id

    @property
    def person_id(self) -> int | None:
        return self.info.person_id

    def lock(self) -> None:
        self._data_key = self._private_key = None
        self.entry_cache.clear()
        self.draft_digests.clear()
        self.search_cache.clear()
        self.locked = True

    def data_key(self) -> bytes:
        """The profile's data key; ``Forbidden`` when locked or when the profile has none (coordinator)."""
        if self.locked or self._data_key is None:
            raise Forbidden(N_("Unlock your profile with your passphrase first."))
        return self._data_key

    def private_key(self) -> X25519PrivateKey:
        if self.locked or self._private_key is None:
            raise Forbidden(N_("Unlock your profile with your passphrase first."))
        return self._private_key


# --- Listing --------------------------------------------------------------------------------------------------


def list_profiles(db: Database, *, role: Role | None = None) -> list[ProfileInfo]:
    """Profiles for the chooser, by role then name. A coordinator without a passphrase has no row and is not
    listed: ``unlock_coordinator`` opens it."""
    query = select(Profile, Person).outerjoin(Person, Person.id == Profile.person_id)
    if role is not None:
        query = query.where(Profile.role == role.value)
    with db.read() as s:
        rows = s.execute(query.order_by(Profile.role, Person.last_name, Person.first_name)).all()
        return [_info(profile, person) for profile, person in rows]


def profile_for(db: Database, person_id: int, role: Role) -> ProfileInfo | None:
    with db.read() as s:
        row = s.execute(
            select(Profile, Person)
            .join(Person, Person.id == Profile.person_id)
            .where(Profile.person_id == person_id, Profile.role == role.value)
        ).first()
        return _info(*row) if row else None


def eligible_people(db: Database, role: Role) -> list[Option]:
    """People who may set up a profile in ``role`` and have none yet: participants are enrolled (or have the
    participant role); facilitators sit in a pool (or have the facilitator role)."""
    if role is Role.COORDINATOR:
        return []
    with db.read() as s:
        has_profile = exists().where(Profile.person_id == Person.id, Profile.role == role.value)
        rows = s.execute(
            select(Person.id, Person.first_name, Person.last_name)
            .where(_eligible(role), ~has_profile)
            .order_by(Person.last_name, Person.first_name, Person.id)
        ).all()
    return [Option(row.id, f"{row.first_name} {row.last_name}") for row in rows]


# --- Creating and unlocking -----------------------------------------------------------------------------------


def create_profile(
    db: Database, person_id: int, role: Role, passphrase: str, *, kdf: jc.KdfParams | None = None
) -> NewProfile:
    """A participant or facilitator profile for ``person_id`` protected by ``passphrase``; returns the recovery
    key to show once. ``ValidationError`` for a too-short passphrase, a person not in that role, or a duplicate."""
    if role is Role.COORDINATOR:
        raise ValidationError(N_("Use the coordinator passphrase setting for the coordinator profile."))
    _check_passphrase(passphrase)
    with db.session() as s:
        person = s.get(Person, person_id)
        if person is None:
            raise NotFound(N_("There is no person with id {id}."), id=person_id)
        if not s.scalar(select(exists().where(_eligible(role), Person.id == person_id))):
            raise ValidationError(
                N_("{name} does not have the role “{role}”."), name=person.full_name, role=role.label()
            )
        if s.scalar(select(Profile.id).where(Profile.person_id == person_id, Profile.role == role.value)):
            raise ValidationError(
                N_("{name} already has a profile as {role}."), name=person.full_name, role=role.label()
            )
        profile = blank_profile(person_id, role)
        s.add(profile)
        s.flush()
        recovery, _data_key = install_keys(profile, passphrase, kdf or jc.DEFAULT_KDF, with_keypair=True)
        return NewProfile(_info(profile, person), recovery)


def unlock(db: Database, profile_id: int, passphrase: str) -> UnlockedProfile:
    """Open a profile with its passphrase; ``WrongPassphrase`` when it does not fit."""
    with db.read() as s:
        profile, person = _load(s, profile_id)
        if profile.passphrase_wrap is None:
            return UnlockedProfile(_info(profile, person))
        key = jc.passphrase_key(passphrase, profile.salt or b"", jc.KdfParams.from_json(profile.kdf))
        data_key = _open_data_key(profile, key, "passphrase-wrap", N_("That passphrase is not right. Try again."))
        return _unlocked(profile, person, data_key)


def unlock_with_recovery_key(
    db: Database, profile_id: int, recovery_key: str, new_passphrase: str, *, kdf: jc.KdfParams | None = None
) -> UnlockedProfile:
    """Open a profile whose passphrase is forgotten, with its printed recovery key, and set ``new_passphrase``
    (derived with ``kdf``, by default the current default settings). The recovery key stays valid."""
    _check_passphrase(new_passphrase)
    normal = jc.normalise_recovery_key(recovery_key)
    if normal is None:
        raise ValidationError(N_("A recovery key has 8 groups of 5 letters and digits, like ABCDE-12345-…"))
    with db.session() as s:
        profile, person = _load(s, profile_id)
        if profile.recovery_wrap is None:
            raise WrongPassphrase(N_("This profile has no recovery key."))
        key = jc.recovery_key_key(normal, profile.salt or b"")
        data_key = _open_data_key(profile, key, "recovery-wrap", N_("That recovery key does not open this profile."))
        _rewrap_passphrase(profile, data_key, new_passphrase, kdf or jc.DEFAULT_KDF)
        return _unlocked(profile, person, data_key)


def change_passphrase(
    db: Database, profile_id: int, old_passphrase: str, new_passphrase: str, *, kdf: jc.KdfParams | None = None
) -> None:
    """Replace the passphrase: the data key is re-wrapped (with ``kdf``, by default the current default settings,
    so older or lighter settings are upgraded); entries, drafts and the recovery key stay as they are."""
    _check_passphrase(new_passphrase)
    me = unlock(db, profile_id, old_passphrase)
    with db.session() as s:
        profile, _person = _load(s, profile_id)
        _rewrap_passphrase(profile, me.data_key(), new_passphrase, kdf or jc.DEFAULT_KDF)
    me.lock()


def replace_recovery_key(db: Database, me: UnlockedProfile) -> str:
    """A new recovery key for an unlocked profile; the old one stops working. Show the result once."""
    data_key = me.data_key()
    recovery = jc.new_recovery_key()
    with db.session() as s:
        profile, _person = _load(s, _require_id(me))
        key = jc.recovery_key_key(recovery, profile.salt or b"")
        profile.recovery_wrap = jc.seal(key, data_key, jc.aad("recovery-wrap", profile=profile.id))
    return recovery


# --- The coordinator ------------------------------------------------------------------------------------------


def coordinator_passphrase_query() -> Select[Any]:
    """The coordinator's profile id if the coordinator has set a passphrase (no row otherwise)."""
    return select(Profile.id).where(Profile.role == Role.COORDINATOR.value, Profile.passphrase_wrap.is_not(None))


def coordinator_has_passphrase(db: Database) -> bool:
    with db.read() as s:
        return bool(s.scalar(coordinator_passphrase_query()))


def coordinator_profile(db: Database) -> ProfileInfo:
    """The coordinator's profile as the chooser shows it, whether or not it has a row (a passphrase)."""
    with db.read() as s:
        profile = s.scalar(select(Profile).where(Profile.role == Role.COORDINATOR.value))
        return _info(profile, None) if profile is not None else _coordinator_info(None, False)


def unlock_coordinator(db: Database, passphrase: str | None = None) -> UnlockedProfile:
    """Open the coordinator profile: without a passphrase when none is set, else ``WrongPassphrase`` unless it
    fits (a missing one counts as wrong)."""
    with db.read() as s:
        profile_id = s.scalar(select(Profile.id).where(Profile.role == Role.COORDINATOR.value))
    if profile_id is None:
        return UnlockedProfile(_coordinator_info(None, False))
    if passphrase is None:
        raise WrongPassphrase(N_("The coordinator profile is protected by a passphrase."))
    return unlock(db, profile_id, passphrase)


def set_coordinator_passphrase(
    db: Database, new_passphrase: str | None, *, current: str | None = None, kdf: jc.KdfParams | None = None
) -> str | None:
    """Set, change (give ``current``) or remove (``new_passphrase=None``) the coordinator's passphrase. Returns
    a new recovery key when one is created, else ``None``."""
    if new_passphrase is not None:
        _check_passphrase(new_passphrase)
    if coordinator_has_passphrase(db):
        unlock_coordinator(db, current).lock()  # raises unless ``current`` fits
    with db.session() as s:
        profile = s.scalar(select(Profile).where(Profile.role == Role.COORDINATOR.value))
        if new_passphrase is None:
            if profile is not None:
                s.delete(profile)
            return None
        if profile is None:
            profile = Profile(role=Role.COORDINATOR.value)
            s.add(profile)
            s.flush()
        return install_keys(profile, new_passphrase, kdf or jc.DEFAULT_KDF, with_keypair=False)[0]


# --- Helpers --------------------------------------------------------------------------------------------------


def _eligible(role: Role):
    assigned = exists().where(RoleAssignment.person_id == Person.id, RoleAssignment.role == role.value)
    if role is Role.PARTICIPANT:
        return or_(assigned, exists().where(Enrolment.person_id == Person.id))
    return or_(assigned, exists().where(Facilitator.person_id == Person.id))


def _check_passphrase(passphrase: str) -> None:
    if len(passphrase.strip()) < MIN_PASSPHRASE_LENGTH:
        raise ValidationError(
            N_("A passphrase needs at least {count} characters; a few words are easy to remember."),
            count=MIN_PASSPHRASE_LENGTH,
        )


def blank_profile(person_id: int | None, role: Role) -> Profile:
    """A profile row to flush (for its id) before ``install_keys`` fills it; the key columns hold placeholders."""
    placeholder = None if role is Role.COORDINATOR else b""
    return Profile(person_id=person_id, role=role.value, passphrase_wrap=placeholder, public_key=placeholder)


def install_keys(profile: Profile, passphrase: str, kdf: jc.KdfParams, *, with_keypair: bool) -> tuple[str, bytes]:
    """Fresh data key, salt, wraps and (for people) key pair on a flushed ``profile``: (recovery key, data key).
    For this module and builders of whole databases (the demo); services call ``create_profile``."""
    data_key, recovery = jc.random_key(), jc.new_recovery_key()
    profile.salt = jc.new_salt()
    _rewrap_passphrase(profile, data_key, passphrase, kdf)
    recovery_key = jc.recovery_key_key(recovery, profile.salt)
    profile.recovery_wrap = jc.seal(recovery_key, data_key, jc.aad("recovery-wrap", profile=profile.id))
    if with_keypair:
        private, profile.public_key = jc.new_keypair()
        profile.private_key_wrap = jc.seal(
            data_key, jc.private_bytes(private), jc.aad("private-key", profile=profile.id)
        )
    return recovery, data_key


def _rewrap_passphrase(profile: Profile, data_key: bytes, passphrase: str, kdf: jc.KdfParams) -> None:
    profile.kdf = kdf.to_json()
    key = jc.passphrase_key(passphrase, profile.salt or b"", kdf)
    profile.passphrase_wrap = jc.seal(key, data_key, jc.aad("passphrase-wrap", profile=profile.id))
    profile.passphrase_changed_at = utcnow()


def _open_data_key(profile: Profile, key: bytes, purpose: str, wrong: str) -> bytes:
    blob = profile.passphrase_wrap if purpose == "passphrase-wrap" else profile.recovery_wrap
    try:
        return jc.open_sealed(key, blob or b"", jc.aad(purpose, profile=profile.id))
    except jc.CiphertextError:
        raise WrongPassphrase(wrong, detail=f"profile {profile.id}") from None


def _unlocked(profile: Profile, person: Person | None, data_key: bytes) -> UnlockedProfile:
    private = None
    if profile.private_key_wrap is not None:
        raw = jc.open_sealed(data_key, profile.private_key_wrap, jc.aad("private-key", profile=profile.id))
        private = jc.load_private(raw)
    return UnlockedProfile(_info(profile, person), data_key, private)


def _load(s: OrmSession, profile_id: int) -> tuple[Profile, Person | None]:
    profile = s.get(Profile, profile_id)
    if profile is None:
        raise NotFound(N_("There is no profile with id {id}."), id=profile_id)
    person = s.get(Person, profile.person_id) if profile.person_id is not None else None
    return profile, person


def _require_id(me: UnlockedProfile) -> int:
    if me.profile_id is None:
        raise Forbidden(N_("Unlock your profile with your passphrase first."))
    return me.profile_id


def _info(profile: Profile, person: Person | None) -> ProfileInfo:
    role = Role(profile.role)
    if role is Role.COORDINATOR:
        return _coordinator_info(profile.id, profile.passphrase_wrap is not None)
    assert person is not None
    return ProfileInfo(profile.id, role, person.id, person.full_name, profile.passphrase_wrap is not None)


def _coordinator_info(profile_id: int | None, has_passphrase: bool) -> ProfileInfo:
    return ProfileInfo(profile_id, Role.COORDINATOR, None, Role.COORDINATOR.label(), has_passphrase)


__all__ = [
    "MIN_PASSPHRASE_LENGTH",
    "NewProfile",
    "ProfileInfo",
    "UnlockedProfile",
    "WrongPassphrase",
    "change_passphrase",
    "coordinator_has_passphrase",
    "coordinator_profile",
    "create_profile",
    "eligible_people",
    "list_profiles",
    "profile_for",
    "replace_recovery_key",
    "set_coordinator_passphrase",
    "unlock",
    "unlock_coordinator",
    "unlock_with_recovery_key",
]
