"""The journal's cryptography, in small pure functions over bytes (``cryptography`` package).

- A passphrase becomes a 256-bit key through Argon2id (parameters and a random salt stored with the profile).
- A recovery key is 200 random bits shown as eight groups of five letters and digits (Crockford base32, so it
  can be typed from paper: ``0``/``O`` and ``1``/``I``/``L`` are read alike); HKDF turns it into a key.
- ``seal``/``open_sealed`` are AES-256-GCM with a fresh random 96-bit nonce per call and associated data that
  names what the ciphertext is and whose it is, so a ciphertext moved to another row or purpose fails to open.
  Blobs are ``version byte || nonce || ciphertext+tag``.
- ``seal_padded`` hides a text's length: version 2 pads the plaintext inside the AEAD to a multiple of
  ``PAD_BUCKET`` bytes (ISO/IEC 7816-4: one ``0x80`` byte, then zeros), and its associated data carries the
  version, so a changed version byte fails to open. ``open_sealed`` opens both versions: version 1 blobs written
  before padding still open as they are.
- ``wrap_to``/``unwrap_from`` share a key with one reader: ephemeral X25519, HKDF-SHA256 over the shared secret
  and both public keys, then ``seal``.

Every failure to open — a wrong key, a changed byte, a swapped blob — raises ``CiphertextError``.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from tillitsleder.errors import TillitslederError
from tillitsleder.i18n import N_

VERSION = 1  # named in every associated data; blobs of both header versions use it
PADDED_VERSION = 2
PAD_BUCKET = 256
KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16
_HEADER = bytes([VERSION])
_PADDED_HEADER = bytes([PADDED_VERSION])
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_READ_ALIKE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
RECOVERY_GROUPS = 8
RECOVERY_GROUP_LEN = 5


class CiphertextError(TillitslederError):
    """Stored ciphertext does not open: it was changed, moved, or the key is not the right one."""

    exit_code = 6


@dataclass(frozen=True)
class KdfParams:
    """Argon2id settings; ``memory_cost`` in KiB. The default follows RFC 9106's second recommendation."""

    memory_cost: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4

    def to_json(self) -> str:
        return json.dumps({"name": "argon2id", **self.__dict__}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> KdfParams:
        values = json.loads(text)
        if values.pop("name", None) != "argon2id":
            raise CiphertextError(N_("This profile uses a key derivation this version does not know."))
        return cls(**values)


DEFAULT_KDF = KdfParams()


def random_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def new_salt() -> bytes:
    return secrets.token_bytes(SALT_BYTES)


def passphrase_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """The key a passphrase derives (slow on purpose: about a quarter of a second with the defaults)."""
    kdf = Argon2id(
        salt=salt, length=KEY_BYTES, iterations=params.iterations, lanes=params.lanes, memory_cost=params.memory_cost
    )
    return kdf.derive(passphrase.encode("utf-8"))


def new_recovery_key() -> str:
    """A fresh recovery key for printing, e.g. ``7K2QD-9X4MB-…`` (8 groups of 5)."""
    chars = "".join(secrets.choice(_CROCKFORD) for _ in range(RECOVERY_GROUPS * RECOVERY_GROUP_LEN))
    return "-".join(chars[i : i + RECOVERY_GROUP_LEN] for i in range(0, len(chars), RECOVERY_GROUP_LEN))


def normalise_recovery_key(typed: str) -> str | None:
    """The canonical form of a typed recovery key (case, spaces, dashes and read-alike letters forgiven), or
    ``None`` when it cannot be one."""
    chars = "".join(ch for ch in typed.upper() if ch.isalnum()).translate(_READ_ALIKE)
    if len(chars) != RECOVERY_GROUPS * RECOVERY_GROUP_LEN or any(ch not in _CROCKFORD for ch in chars):
        return None
    return "-".join(chars[i : i + RECOVERY_GROUP_LEN] for i in range(0, len(chars), RECOVERY_GROUP_LEN))


def recovery_key_key(recovery_key: str, salt: bytes) -> bytes:
    """The key a (normalised) recovery key derives; it has 200 random bits, so HKDF is enough."""
    return _hkdf(recovery_key.encode("ascii"), salt, b"tillitsleder/recovery/v1")


def derived_key(material: bytes, purpose: str) -> bytes:
    """A key for one purpose derived from a key (HKDF-SHA256), so one key never encrypts two kinds of thing."""
    return _hkdf(material, b"", f"tillitsleder/{purpose}/v1".encode("ascii"))


def aad(purpose: str, **ids: int | None) -> bytes:
    """Associated data naming what a ciphertext is and which rows it belongs to."""
    parts = [f"tillitsleder/v{VERSION}", purpose, *(f"{name}={ids[name]}" for name in sorted(ids))]
    return "|".join(parts).encode("ascii")


def seal(key: bytes, plaintext: bytes, associated: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return _HEADER + nonce + AESGCM(key).encrypt(nonce, plaintext, associated)


def seal_padded(key: bytes, plaintext: bytes, associated: bytes) -> bytes:
    """Like ``seal``, with the plaintext padded to a multiple of ``PAD_BUCKET`` bytes so the blob's length tells
    only the bucket, not the length of the text."""
    nonce = os.urandom(NONCE_BYTES)
    return _PADDED_HEADER + nonce + AESGCM(key).encrypt(nonce, pad(plaintext), _padded_aad(associated))


def open_sealed(key: bytes, blob: bytes, associated: bytes) -> bytes:
    """The plaintext of a blob from ``seal`` or ``seal_padded``; ``CiphertextError`` when it does not open."""
    if len(blob) < 1 + NONCE_BYTES + 16 or blob[:1] not in (_HEADER, _PADDED_HEADER):
        raise damaged_error(associated)
    padded = blob[:1] == _PADDED_HEADER
    try:
        raw = AESGCM(key).decrypt(
            blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :], _padded_aad(associated) if padded else associated
        )
    except InvalidTag:
        raise damaged_error(associated) from None
    if not padded:
        return raw
    try:
        return unpad(raw)
    except ValueError:
        raise damaged_error(associated) from None


def pad(plaintext: bytes, bucket: int = PAD_BUCKET) -> bytes:
    """ISO/IEC 7816-4 padding: ``0x80`` then zeros up to the next multiple of ``bucket`` (always at least one byte)."""
    padded = plaintext + b"\x80"
    return padded + bytes(-len(padded) % bucket)


def unpad(padded: bytes) -> bytes:
    """The plaintext ``pad`` was given; ``ValueError`` when ``padded`` is not padded that way."""
    end = padded.rstrip(b"\x00")
    if not end or end[-1] != 0x80:
        raise ValueError("not ISO/IEC 7816-4 padded")
    return end[:-1]


def _padded_aad(associated: bytes) -> bytes:
    return associated + b"|padded"


def new_keypair() -> tuple[X25519PrivateKey, bytes]:
    private = X25519PrivateKey.generate()
    return private, private.public_key().public_bytes_raw()


def private_bytes(private: X25519PrivateKey) -> bytes:
    return private.private_bytes_raw()


def load_private(raw: bytes) -> X25519PrivateKey:
    return X25519PrivateKey.from_private_bytes(raw)


def wrap_to(public_key: bytes, secret: bytes, associated: bytes) -> tuple[bytes, bytes]:
    """``secret`` sealed so only the holder of ``public_key``'s private half opens it: (ephemeral public, blob)."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public_key))
    key = _hkdf(shared, ephemeral_public + public_key, b"tillitsleder/grant/v1")
    return ephemeral_public, seal(key, secret, associated)


def unwrap_from(private: X25519PrivateKey, ephemeral_public: bytes, blob: bytes, associated: bytes) -> bytes:
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    except ValueError:
        raise damaged_error(associated) from None
    own_public = private.public_key().public_bytes_raw()
    return open_sealed(_hkdf(shared, ephemeral_public + own_public, b"tillitsleder/grant/v1"), blob, associated)


def _hkdf(material: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=info).derive(material)


def damaged_error(associated: bytes) -> CiphertextError:
    """The error for a blob that does not open; ``detail`` (for the log) names what it is."""
    return CiphertextError(
        N_("Encrypted journal data could not be opened: it has been changed or damaged, or the key is wrong."),
        detail=associated.decode("ascii", "replace"),
    )
