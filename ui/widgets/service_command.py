"""An undoable edit that writes through a core service, both ways (the curriculum editor's and the organisation
register's commands are made of these).

The database stays the truth: ``redo`` and ``undo`` call the service, then tell the host to reload
(``after_apply``). A command is run once with ``run()`` *before* it is pushed, so a refusal from the core reaches
the form that asked and nothing lands on the stack; ``push`` then skips the first ``redo``. If an undo or redo
fails later (the data changed elsewhere), the host reports it (``command_failed``) and clears the stack rather
than guess.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from tillitsleder.errors import TillitslederError
from tillitsleder.storage import Database

log = logging.getLogger(__name__)


class CommandHost(Protocol):
    db: Database | None

    def command_failed(self, error: BaseException) -> None: ...


class ServiceCommand(QUndoCommand):
    """Subclasses implement ``apply`` and ``revert`` (each one service call) and ``after_apply`` (the reload)."""

    def __init__(self, host: Any, text: str) -> None:
        super().__init__(text)
        self.host = host
        self._pushed = False

    @property
    def db(self) -> Database:
        assert self.host.db is not None
        return self.host.db

    def run(self) -> None:
        """The first application; raises the core's error (nothing is pushed then)."""
        self.apply()

    def redo(self) -> None:
        if self._pushed:
            self._guard(self.apply)
            return
        self._pushed = True  # applied by run() just before push()
        self.after_apply()

    def undo(self) -> None:
        self._guard(self.revert)

    def _guard(self, step) -> None:
        try:
            step()
        except Exception as error:  # noqa: BLE001 - never out of a Qt override; the host reports it
            if not isinstance(error, TillitslederError):
                log.exception("Undo or redo of “%s” failed", self.text())
            self.host.command_failed(error)
            return
        self.after_apply()

    def after_apply(self) -> None:
        raise NotImplementedError

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError
