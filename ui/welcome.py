"""The first start on a new PC: no database yet, so the window asks what to do instead of guessing.

``WelcomeDialog`` offers the three ways in — create a new database (in the local data folder), open one the
user already has (a copy from another PC, a backup), or open the demo — and says where the data and its
backups live (the local data folder, never the roaming profile: ``tillitsleder.storage.locations``). It appears
only when there is nothing to open: no database remembered and none in the data folder (``ui.app.run_gui``);
once a database has been created or opened it is remembered and the window opens it directly from then on.
A smoke run (``--exit-after``) never asks: it creates the default database as before.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCommandLinkButton, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from tillitsleder.i18n import _

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class WelcomeChoice(Enum):
    CREATE_NEW = "createNew"
    OPEN_EXISTING = "openExisting"
    OPEN_DEMO = "openDemo"
    NOT_NOW = "notNow"


def data_note(data_folder: Path) -> str:
    """Where the data and the backups live (the first-run note)."""
    return _(
        "Your databases are kept on this computer, in {folder} (not in a roaming profile). Each time a changed "
        "database is closed, a backup is made in the “backups” folder beside it ({backups}). Uninstalling "
        "Tillitsleder leaves this folder in place."
    ).format(folder=data_folder, backups=data_folder / "backups")


class WelcomeDialog(QDialog):
    """The first-start question; ``choice`` holds the answer after ``exec``."""

    def __init__(self, parent: QWidget | None, data_folder: Path) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.setWindowTitle(_("Welcome to Tillitsleder"))
        self.choice = WelcomeChoice.NOT_NOW
        layout = QVBoxLayout(self)
        intro = QLabel(_("There is no Tillitsleder database on this computer yet. How would you like to start?"))
        intro.setObjectName("welcomeIntro")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        options = (
            (
                WelcomeChoice.CREATE_NEW,
                _("Create a new database"),
                _("An empty database in your data folder, ready for your first programme."),
            ),
            (
                WelcomeChoice.OPEN_EXISTING,
                _("Open an existing database…"),
                _("A database you already have, for example one copied from another PC, or a backup."),
            ),
            (
                WelcomeChoice.OPEN_DEMO,
                _("Open the demo"),
                _("A throwaway database with made-up programmes and people, to try things out."),
            ),
        )
        for choice, title, description in options:
            button = QCommandLinkButton(title, description, self)
            button.setObjectName(choice.value)
            button.clicked.connect(lambda _checked=False, chosen=choice: self._choose(chosen))
            layout.addWidget(button)
        note = QLabel(data_note(data_folder))
        note.setObjectName("dataNote")
        note.setWordWrap(True)
        note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the path can be copied
        layout.addWidget(note)
        buttons = QDialogButtonBox(self)
        later = buttons.addButton(_("Not now"), QDialogButtonBox.ButtonRole.RejectRole)
        later.setObjectName(WelcomeChoice.NOT_NOW.value)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.findChild(QCommandLinkButton, WelcomeChoice.CREATE_NEW.value).setDefault(True)

    def _choose(self, choice: WelcomeChoice) -> None:
        self.choice = choice
        self.accept()


def ask_at_first_start(window: MainWindow, default_path: Path) -> WelcomeChoice:
    """Ask, then start what was chosen: create ``default_path``, choose a file to open, or open the demo.
    "Not now" leaves the window with no database (the File menu offers the same later)."""
    dialog = WelcomeDialog(window, default_path.parent)
    dialog.exec()
    choice = dialog.choice
    dialog.deleteLater()
    if choice is WelcomeChoice.CREATE_NEW:
        window.actions_.create_at(default_path, at_start=True)
    elif choice is WelcomeChoice.OPEN_EXISTING:
        window.actions_.choose_and_open(at_start=True)
    elif choice is WelcomeChoice.OPEN_DEMO:
        window.actions_.open_demo()
    return choice
