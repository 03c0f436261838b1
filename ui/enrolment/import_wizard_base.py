"""The base of the import wizard's pages: a page that moves on only after its background work succeeded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWizardPage

from ui.enrolment.common import error_line, show_error
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from ui.enrolment.import_wizard import ImportWizard


class Step(Retranslating, QWizardPage):
    """``validatePage`` starts the work and returns False; on success ``_advance`` moves on (``_ready``)."""

    def __init__(self) -> None:
        super().__init__()
        self._ready = False
        self.error = error_line()

    def wizard_(self) -> ImportWizard:
        return self.wizard()  # type: ignore[return-value]

    def _advance(self) -> None:
        self._ready = True
        self.wizard_().next()
        self._ready = False

    def _failed(self, error: BaseException) -> None:
        show_error(self.error, error)
        self.completeChanged.emit()
