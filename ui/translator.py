"""The bridge between Qt's translation machinery and our gettext catalogs.

Qt asks every installed ``QTranslator`` for its own strings (button texts, context menus, file dialogs).
``GettextTranslator`` answers from the app's catalogs, where ``ui/qt_strings.py`` put Qt's strings with their
Qt context (``msgctxt``); when the catalog has nothing it returns a null string (``None``), so Qt falls back to
Qt's shipped ``qtbase_<lang>.qm`` (installed underneath ours where one exists — there is none for ``nb``) and
finally to the English source text.

``LanguageSwitcher.switch(code)`` changes the language while the app runs: it switches the core's gettext
language, then removes and re-installs both translators, which makes Qt post ``LanguageChange`` to every
widget; each widget then calls its ``retranslate()``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from tillitsleder import i18n


class GettextTranslator(QTranslator):
    """Looks Qt's strings up in the app's gettext catalogs by ``(context, source)``."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        # None (a null QString), not "": Qt asks the next translator (qtbase_<lang>.qm) only after a null answer;
        # an empty one is final, and Qt's own strings in nn, sv and da would stay English.
        if not context or not source:
            return None
        return i18n.translate_optional(context, source)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False

    def language(self) -> str:
        return i18n.current_language()


def load_qt_translator(language: str) -> QTranslator | None:
    """Qt's shipped ``qtbase_<language>.qm``, or ``None`` when Qt ships none for it (as for ``nb``)."""
    translator = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language}", folder):
        return translator
    return None


class LanguageSwitcher(QObject):
    """Owns the installed translators; ``switch()`` changes the language of the running app."""

    languageChanged = Signal(str)  # noqa: N815 - Qt signal naming

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._gettext = GettextTranslator(self)
        self._qt: QTranslator | None = None
        self._installed = False

    @property
    def language(self) -> str:
        return i18n.current_language()

    def install(self, language: str) -> str:
        """Set ``language`` (normalised) and install the translators; returns the language used."""
        return self.switch(language)

    def switch(self, language: str) -> str:
        used = i18n.set_language(language)
        app = QCoreApplication.instance()
        if app is None:
            return used
        self._uninstall()
        QLocale.setDefault(QLocale(i18n.BABEL_LOCALES[used]))  # Qt's own formatting (spin boxes, dialogs)
        self._qt = load_qt_translator(used)
        # Qt asks the most recently installed translator first: ours before Qt's own.
        if self._qt is not None:
            QCoreApplication.installTranslator(self._qt)
        QCoreApplication.installTranslator(self._gettext)
        self._installed = True
        self.languageChanged.emit(used)
        return used

    def uninstall(self) -> None:
        self._uninstall()

    def _uninstall(self) -> None:
        if not self._installed:
            return
        QCoreApplication.removeTranslator(self._gettext)
        if self._qt is not None:
            QCoreApplication.removeTranslator(self._qt)
            self._qt = None
        self._installed = False
