"""Small dialogs of the main window: a refused database and About (errors: ``ui.errors``).

Each dialog is built by a function returning the ``QMessageBox`` (so tests can inspect it) and shown by the
caller. A refused database offers what a coordinator can do next — open another file, create a new one, or
quit (or keep the database already open) — and says the file was not changed. A path with no file at all asks
first whether to create a database there (a mistyped path or a file that has gone must not silently become a
new, empty database).
"""

from __future__ import annotations

import html
import sys
from enum import Enum, auto

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

import tillitsleder
from tillitsleder.i18n import _
from ui.errors import error_text


class RefusalChoice(Enum):
    OPEN_OTHER = auto()
    CREATE_NEW = auto()
    QUIT = auto()  # at start-up: nothing else is open
    KEEP_CURRENT = auto()  # another database is open and stays open
    CREATE_HERE = auto()  # a missing file: create a new database at that very path


def refusal_box(parent: QWidget | None, error: BaseException, *, at_start: bool) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("refusedDatabase")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Cannot open the database"))
    box.setText(error_text(error))
    box.setInformativeText(_("Tillitsleder has not changed the file. What would you like to do?"))
    detail = getattr(error, "detail", None)
    if detail:
        box.setDetailedText(str(detail))
    open_other = box.addButton(_("Open another file…"), QMessageBox.ButtonRole.AcceptRole)
    create_new = box.addButton(_("Create a new database…"), QMessageBox.ButtonRole.AcceptRole)
    if at_start:
        last = box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
    else:
        last = box.addButton(_("Keep the current database"), QMessageBox.ButtonRole.RejectRole)
    open_other.setObjectName("openOther")
    create_new.setObjectName("createNew")
    last.setObjectName("quitOrKeep")
    box.setDefaultButton(open_other)
    box.setEscapeButton(last)
    return box


def ask_after_refusal(parent: QWidget | None, error: BaseException, *, at_start: bool) -> RefusalChoice:
    box = refusal_box(parent, error, at_start=at_start)
    box.exec()
    clicked = box.clickedButton()
    name = clicked.objectName() if clicked is not None else ""
    if name == "openOther":
        return RefusalChoice.OPEN_OTHER
    if name == "createNew":
        return RefusalChoice.CREATE_NEW
    return RefusalChoice.QUIT if at_start else RefusalChoice.KEEP_CURRENT


def missing_box(parent: QWidget | None, error: BaseException, *, at_start: bool) -> QMessageBox:
    """The question for a path with no file: create a database there, open another file, or quit/keep."""
    from pathlib import Path

    box = QMessageBox(parent)
    box.setObjectName("missingDatabase")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("No database here"))
    box.setText(error_text(error))
    path = Path(str(getattr(error, "fields", {}).get("path", "")))
    question = _("Nothing has been created. Create a new, empty database there, or open another file?")
    if path.parent != path and not path.parent.exists():
        question += " " + _("The folder “{folder}” does not exist either; it would be created.").format(
            folder=path.parent
        )
    box.setInformativeText(question)
    create_here = box.addButton(_("Create a new database there"), QMessageBox.ButtonRole.AcceptRole)
    open_other = box.addButton(_("Open another file…"), QMessageBox.ButtonRole.AcceptRole)
    if at_start:
        last = box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
    else:
        last = box.addButton(_("Keep the current database"), QMessageBox.ButtonRole.RejectRole)
    create_here.setObjectName("createHere")
    open_other.setObjectName("openOther")
    last.setObjectName("quitOrKeep")
    box.setDefaultButton(open_other)
    box.setEscapeButton(last)
    return box


def ask_about_missing(parent: QWidget | None, error: BaseException, *, at_start: bool) -> RefusalChoice:
    box = missing_box(parent, error, at_start=at_start)
    box.exec()
    clicked = box.clickedButton()
    name = clicked.objectName() if clicked is not None else ""
    if name == "createHere":
        return RefusalChoice.CREATE_HERE
    if name == "openOther":
        return RefusalChoice.OPEN_OTHER
    return RefusalChoice.QUIT if at_start else RefusalChoice.KEEP_CURRENT


def about_text(data_folder: str) -> str:
    python = ".".join(str(part) for part in sys.version_info[:3])
    lines = [
        f"<h3>Tillitsleder {tillitsleder.__version__}</h3>",
        "<p>"
        + _(
            "Runs trust-based leadership development programmes: curriculum, cohorts, sessions and attendance, "
            "reflection groups, facilitators, learning journals and certificates."
        )
        + "</p>",
        "<p>" + _("Licence: {licence}").format(licence="EUPL-1.2") + "</p>",
        "<p style='white-space: pre'>" + _("Data folder: {path}").format(path=html.escape(data_folder)) + "</p>",
        "<p><small>"
        + _("Qt {qt}, PySide {pyside}, Python {python}").format(
            qt=qVersion(), pyside=PySide6.__version__, python=python
        )
        + "</small></p>",
    ]
    return "".join(lines)


def show_about(parent: QWidget | None, data_folder: str) -> None:
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle(_("About Tillitsleder"))
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64) if parent is not None else box.iconPixmap())
    box.setText(about_text(data_folder))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()
