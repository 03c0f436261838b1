"""Text that could not be saved yet, kept on this PC: sealed blobs in a private folder of the local data folder.

When a shared server cannot be reached, what a person is writing (a journal draft, a meeting's notes) is kept
here until it can be saved (``journal/held_drafts.py``, ``group_notes/held_notes.py`` seal it; this module only
stores bytes that are already encrypted, and never sees a key it did not make). Each blob is one file named by a
hash of its owner and slot, so nothing about the writer or the text shows in a file name; files are written to a
temporary name, flushed and renamed over the old one, 0600 in a 0700 folder (``storage/private_files.py``).

``install_key`` is the one key kept on disk: 32 random bytes in this folder, made on first use, for text that
has no profile key to seal it (the coordinator's meeting notes). Be honest about what that protects: a held file
copied on its own, or a search of the disk for words, finds no plaintext; anyone who can read this user's whole
data folder — the same Windows account, an administrator, a full backup of the profile — has the key too.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from tillitsleder.storage.locations import data_dir
from tillitsleder.storage.private_files import (
    create_private_file,
    fsync_file,
    fsync_folder,
    make_private_dir,
    write_private_bytes,
)

FOLDER_NAME = "unsaved"
SUFFIX = ".held"
INSTALL_KEY_NAME = "install.key"
KEY_BYTES = 32


def held_folder() -> Path:
    """Where held text lives: ``unsaved`` in the user's local data folder."""
    return data_dir() / FOLDER_NAME


def file_name(owner: str, slot: str) -> str:
    """The file for ``slot`` of ``owner``: a hash, telling nothing about either."""
    digest = hashlib.sha256(f"{owner}\x00{slot}".encode()).hexdigest()[:32]
    return digest + SUFFIX


@dataclass(frozen=True)
class HeldBlob:
    path: Path
    blob: bytes


def keep(folder: Path, name: str, blob: bytes) -> Path:
    """Store ``blob`` (already sealed) as ``name``, replacing an older one, durably."""
    make_private_dir(folder)
    target = folder / name
    temporary = folder / (name + ".tmp")
    write_private_bytes(temporary, blob)
    fsync_file(temporary)
    os.replace(temporary, target)
    fsync_folder(folder)
    return target


def blobs(folder: Path) -> list[HeldBlob]:
    """Every held blob in ``folder`` (whose they are shows only when one opens with the right key)."""
    if not folder.is_dir():
        return []
    found: list[HeldBlob] = []
    for path in sorted(folder.glob("*" + SUFFIX)):
        with contextlib.suppress(OSError):
            found.append(HeldBlob(path, path.read_bytes()))
    return found


def drop(path: Path) -> None:
    """Forget a held blob (it was saved, or thrown away)."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def install_key(folder: Path) -> bytes:
    """This installation's key for held text without a profile key (made on first use; see the module's note)."""
    make_private_dir(folder)
    path = folder / INSTALL_KEY_NAME
    if create_private_file(path):
        write_private_bytes(path, os.urandom(KEY_BYTES))
        fsync_file(path)
    key = path.read_bytes()
    if len(key) != KEY_BYTES:  # an empty or cut file (a crash while making it): make a new one
        write_private_bytes(path, os.urandom(KEY_BYTES))
        key = path.read_bytes()
    return key
