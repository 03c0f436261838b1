"""The one label style of every form: a field's label ends with a colon ("Name:", "Navn:").

That is the Windows convention (and KDE's), in English as in the Norwegian Windows UI ("Navn:", "Passord:");
QFormLayout adds no colon itself, so every label's text carries it. ``label_problems`` lists the labels of the
forms in and under a widget that break the rule: a ``QFormLayout``'s label column and every ``QLabel`` that is a
field's buddy. ``FormWatcher`` (used by ``tests/ui/conftest.py`` for every UI test) checks each window when it
is shown and every window still there when the test ends, so every area, tab and dialog a test builds is held
to it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QWidget


def _visible_text(label: QLabel) -> str:
    """The label's text as read: without the mnemonic's ampersand."""
    return label.text().replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def bad_label(label: QLabel) -> bool:
    """A label with text that is not "Name:" (or "Name: a note on the field", e.g. "Dates: 4 sessions …")."""
    text = _visible_text(label)
    return bool(text) and not text.endswith(":") and ": " not in text


def form_labels(root: QWidget) -> list[QLabel]:
    """The labels of the forms in and under ``root``: the label column of every QFormLayout and every buddy."""
    labels: dict[int, QLabel] = {}
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel):
                labels[id(widget)] = widget
    for label in [root, *root.findChildren(QLabel)]:
        if isinstance(label, QLabel) and label.buddy() is not None:
            labels[id(label)] = label
    return list(labels.values())


def label_problems(root: QWidget) -> list[str]:
    """``'Text' in ClassName`` for every form label under ``root`` without the colon."""
    problems = []
    for label in form_labels(root):
        if bad_label(label):
            owner = label.parentWidget()
            while owner is not None and type(owner).__module__.startswith("PySide6"):
                owner = owner.parentWidget()
            problems.append(f"{label.text()!r} in {type(owner or label.window()).__name__}")
    return problems


class FormWatcher(QObject):
    """Collects the label problems of every widget shown while installed on the application."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            self.check(watched)  # a dialog, while it is open
        return False

    def check(self, root: QWidget) -> None:
        for problem in label_problems(root):
            if problem not in self.problems:
                self.problems.append(problem)

    def check_all(self) -> None:
        """Also the forms built but never shown (e.g. a tab not opened)."""
        app = QApplication.instance()
        for widget in app.topLevelWidgets() if app is not None else []:
            self.check(widget)
