"""The one error hierarchy of the core: every error carries a message a user can read.

Messages are translated when they are shown (``str(error)`` calls gettext in the current language), so an
error raised before a language switch still reads correctly after it. Details for logs go in ``detail``.
"""

from __future__ import annotations

from typing import Any

from tillitsleder.i18n import _


class TillitslederError(Exception):
    """Base class: ``message`` is an untranslated msgid (marked with ``N_``) with ``{named}`` fields."""

    exit_code = 1

    def __init__(self, message: str, /, *, detail: str | None = None, **fields: Any) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields
        self.detail = detail

    def user_message(self) -> str:
        return _(self.message).format(**self.fields)

    def __str__(self) -> str:
        return self.user_message()


class ValidationError(TillitslederError):
    """Input that breaks a rule; nothing was written."""

    exit_code = 2


class NotFound(TillitslederError):
    """A named thing does not exist."""

    exit_code = 3


class Forbidden(TillitslederError):
    """The acting profile may not see or do this."""

    exit_code = 4


class StorageError(TillitslederError):
    """The database cannot be used: not ours, too new, damaged, locked or unreachable."""

    exit_code = 5


class NotATillitslederDatabase(StorageError):
    """The file exists but is not a Tillitsleder database; it was left untouched."""


class DatabaseTooNew(StorageError):
    """The file was written by a newer Tillitsleder; it was left untouched."""


class DatabaseDamaged(StorageError):
    """The file fails SQLite's integrity check; it was left untouched."""


class DatabaseMissing(StorageError):
    """There is no file at the path, and the caller did not ask for a new database; nothing was created."""


class DatabaseBusy(StorageError):
    """Another program held the database's write lock for longer than the busy timeout; nothing was written."""

    exit_code = 75  # EX_TEMPFAIL: a temporary failure, try again


class ConnectionLost(StorageError):
    """The database server cannot be reached (the network, or the server went away); nothing was written."""

    exit_code = 75  # EX_TEMPFAIL: a temporary failure, try again


class Cancelled(TillitslederError):
    """Long work stopped because the user asked; nothing was changed."""

    exit_code = 130


class MigrationNeeded(StorageError):
    """The file is from an older version and must be upgraded first; it was left untouched."""


class ReadOnlyDatabase(StorageError):
    """A write was attempted on a database opened read-only (a backup, or a file we may not change)."""


class Conflict(TillitslederError):
    """Someone else's change stands in the way of this one; nothing (or only the rest) was written."""

    exit_code = 6


class ChangedElsewhere(Conflict):
    """The record was saved by someone else after this user read it: the save was refused.

    ``newer`` holds the record's values as they are now (plain values, for the form to show), ``version`` its
    version now (``None`` when it was removed), ``entity``/``entity_id`` what it is; ``saved`` counts what a
    save of several parts (the attendance grid's cells) did write besides."""

    def __init__(
        self,
        message: str,
        /,
        *,
        entity: str,
        entity_id: object,
        newer: dict[str, Any] | None = None,
        version: int | None = None,
        saved: int = 0,
        **fields: Any,
    ) -> None:
        super().__init__(message, detail=f"{entity} {entity_id} is at version {version}", **fields)
        self.entity, self.entity_id = entity, entity_id
        self.newer = dict(newer or {})
        self.version = version
        self.saved = saved
