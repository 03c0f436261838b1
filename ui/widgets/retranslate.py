"""One rule for every widget: all its strings are set in ``retranslate()``.

``Retranslating`` calls ``retranslate()`` whenever Qt delivers ``QEvent.LanguageChange`` (which it does to
every widget after ``ui.translator.LanguageSwitcher.switch``). Widgets call ``retranslate()`` themselves once
at the end of ``__init__``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent


class Retranslating:
    """Mixin for ``QWidget`` subclasses (list it first among the bases)."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]
