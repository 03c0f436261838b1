"""A database opened read-only offers no way to edit: a banner says why, and the areas' edit controls are off.

``ReadOnlyBanner`` is the line above the areas: a backup ("restore it to use it") or a file the user may not
change. ``ReadOnlyGuard`` watches the widgets inside the areas while a read-only database is open: every button
is disabled (unless marked ``readOnlySafe``), text editors become read-only and lists cannot be edited in place
— also for widgets built or re-enabled later, since an area builds its parts lazily. The core refuses writes
anyway (``ReadOnlyDatabase``); this only keeps the user from being offered them. When a writable database is
opened again the window rebuilds its areas, so nothing stays disabled.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from tillitsleder.i18n import N_, _

SAFE_PROPERTY = "readOnlySafe"
BACKUP_TEXT = N_(
    "This is a backup, opened read-only: nothing can be changed in it. To use it again, restore it with "
    "File → Restore from backup…"
)
PERMISSION_TEXT = N_("You may not change this file, so it is opened read-only: nothing can be changed in it.")
_WATCHED = (QEvent.Type.Show, QEvent.Type.EnabledChange, QEvent.Type.Polish)


class ReadOnlyBanner(QLabel):
    """The sentence above the areas while a read-only database is open (hidden otherwise)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readOnlyBanner")
        self.setWordWrap(True)
        self.reason: str | None = None
        self.hide()

    def show_reason(self, reason: str | None) -> None:
        """``reason``: ``"backup"``, ``"permission"`` or ``None`` (writable: no banner)."""
        self.reason = reason
        self.retranslate()
        self.setVisible(reason is not None)

    def retranslate(self) -> None:
        if self.reason is not None:
            text = BACKUP_TEXT if self.reason == "backup" else PERMISSION_TEXT
            self.setText(_(text))


class ReadOnlyGuard(QObject):
    """Keeps the edit controls inside ``root`` off while active (an event filter on the application)."""

    def __init__(self, root: QWidget) -> None:
        super().__init__(root)
        self.root = root
        self.active = False

    def set_active(self, active: bool) -> None:
        app = QApplication.instance()
        if active == self.active or app is None:
            return
        self.active = active
        if active:
            app.installEventFilter(self)
            for widget in self.root.findChildren(QWidget):
                self._hold(widget)
        else:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _WATCHED and isinstance(watched, QWidget) and self.root.isAncestorOf(watched):
            self._hold(watched)
        return False

    def _hold(self, widget: QWidget) -> None:
        if widget.property(SAFE_PROPERTY):
            return
        if isinstance(widget, QAbstractButton):
            if widget.isEnabled():
                widget.setEnabled(False)
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            if not widget.isReadOnly():
                widget.setReadOnly(True)
        elif isinstance(widget, QAbstractItemView):
            if widget.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers:
                widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
