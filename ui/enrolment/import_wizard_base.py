"""The base of the import wizard's pages: a page that moves on only after its background work succeeded.

``ImportSteps`` says what the pages need from their wizard (the wizard in ``ui.enrolment.import_wizard``
provides it), so this module does not import the wizard back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtWidgets import QWizardPage

from ui.enrolment.common import error_line, show_problem
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.enrolment.participant_list.files import RawTable
    from tillitsleder.enrolment.participant_list.importer import ImportPreview, ImportResult, UnitChoice
    from tillitsleder.storage import Database


class ImportSteps(Protocol):
    """The wizard as its pages see it: what the steps produce, and how they run their work."""

    db: Database
    cohort_id: int
    cohort_name: str
    table: RawTable | None
    mapping: dict[int, str]
    units: dict[str, UnitChoice]  # unit key → what to do with a unit the municipality lacks
    preview: ImportPreview | None
    result: ImportResult | None
    imported: Any  # Signal(ImportResult)

    def next(self) -> None: ...

    def run(self, fn: Callable[[Any], Any], label: str, on_success: Callable[[Any], None],
            on_failure: Callable[[BaseException], None]) -> None: ...  # fmt: skip


class Step(Retranslating, QWizardPage):
    """``validatePage`` starts the work and returns False; on success ``_advance`` moves on (``_ready``)."""

    def __init__(self) -> None:
        super().__init__()
        self._ready = False
        self.error = error_line()

    def wizard_(self) -> ImportSteps:
        return self.wizard()  # type: ignore[return-value]

    def _advance(self) -> None:
        self._ready = True
        self.wizard_().next()
        self._ready = False

    def _failed(self, error: BaseException) -> None:
        show_problem(self.error, error)
        self.completeChanged.emit()
