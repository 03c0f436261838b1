"""The one way the UI tells a user that something failed.

A ``TillitslederError`` carries a translated sentence meant for the user; it is shown as it is. Anything else is
a bug or an environment problem: the user reads one calm, translated sentence that says where the details are,
and the traceback goes to the log file (``tillitsleder.logs``) — never into a dialog, and never with personal
data. ``show_error`` is the only function in the UI that shows an error dialog; ``error_text`` gives the same
sentence for an inline label.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from tillitsleder.i18n import _

log = logging.getLogger("tillitsleder.ui")

_LOGGED = "_tillitsleder_logged"


def is_domain_error(error: BaseException) -> bool:
    from tillitsleder.errors import TillitslederError

    return isinstance(error, TillitslederError)


def log_unexpected(error: BaseException) -> None:
    """Write an unexpected error's traceback to the log, once (a domain error is not a bug: nothing is logged)."""
    if is_domain_error(error) or getattr(error, _LOGGED, False):
        return
    log.error("Unexpected error: %s", type(error).__name__, exc_info=(type(error), error, error.__traceback__))
    try:
        setattr(error, _LOGGED, True)
    except AttributeError:  # an exception type with __slots__
        pass


def error_text(error: BaseException) -> str:
    """The translated sentence for ``error``: the core's own message, or the generic one for anything else
    (whose traceback is then written to the log)."""
    if is_domain_error(error):
        return error.user_message()  # type: ignore[attr-defined]
    from tillitsleder.storage.failures import as_storage_error

    storage_error = as_storage_error(error)  # "database is locked" and the like: one sentence, no SQL
    if storage_error is not None:
        return storage_error.user_message()
    from tillitsleder.logs import log_file_path

    log_unexpected(error)
    return _(
        "Something went wrong. The details were written to the log file at “{path}”; please send it to whoever "
        "supports Tillitsleder."
    ).format(path=log_file_path())


def error_box(parent: QWidget | None, title: str, error: BaseException) -> QMessageBox:
    """The message box ``show_error`` shows (not shown yet), so tests can inspect it."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, error_text(error), QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    detail = getattr(error, "detail", None) if is_domain_error(error) else None
    if detail:
        box.setDetailedText(str(detail))
    return box


def show_error(parent: QWidget | None, title: str, error: BaseException) -> None:
    """Tell the user that ``error`` happened (and log the traceback of an unexpected one)."""
    error_box(parent, title, error).exec()
