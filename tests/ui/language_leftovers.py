"""Find visible texts left from another language: every catalog loaded, each text shown checked against them.

A text shown while the app speaks ``language`` is a leftover when it is
- an English msgid that ``language``'s catalog translates differently (the widget was never retranslated), or
- another catalog's msgstr that is neither a msgstr nor a msgid of ``language``'s catalog.
Texts the same in the languages concerned pass by these rules; demo data (names, units: whatever the database
holds) is passed in as ``ignored``. Mnemonics (``&``) and HTML markup are dropped before comparing; a translation
with placeholders ("{n} deltakere") is compared as a pattern, when its fixed words are long enough to mean something.
"""

from __future__ import annotations

import html
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QTabBar,
    QTreeView,
    QWidget,
)

from tillitsleder.i18n import DOMAIN, LANGUAGES
from tillitsleder.resources import resource_path

PLACEHOLDER = re.compile(r"\{[a-z_0-9]*(?::[^}]*)?\}|%\(\w+\)[sdr]|%[sdr]")
TAG = re.compile(r"<[^>]+>")
MAX_CELLS = 400  # cells looked at per view


def normalise(text: str) -> str:
    text = html.unescape(TAG.sub(" ", text)) if "<" in text else text
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split())


def _strings(value) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


@dataclass
class Catalog:
    language: str
    translated: dict[str, set[str]] = field(default_factory=dict)  # English msgid → its (different) translations
    strings: set[str] = field(default_factory=set)  # every msgid and msgstr, normalised
    msgstrs: set[str] = field(default_factory=set)
    patterns: list[str] = field(default_factory=list)  # msgstrs and msgids with placeholders, as regexes


def _pattern(text: str) -> str | None:
    """A regex for a text with placeholders, or None when its fixed part is too short to tell languages apart."""
    parts = PLACEHOLDER.split(text)
    if len(parts) == 1 or sum(len(re.sub(r"\W", "", part)) for part in parts) < 10:
        return None
    return ".+?".join(re.escape(part) for part in parts)


def load_catalog(language: str) -> Catalog:
    with resource_path("i18n", language, "LC_MESSAGES", f"{DOMAIN}.po").open("rb") as handle:
        po = read_po(handle, locale=language)
    catalog = Catalog(language)
    for message in po:
        if not message.id:
            continue
        ids = [normalise(text) for text in _strings(message.id)]
        strs = [normalise(text) for text in _strings(message.string) if text]
        catalog.strings.update(ids + strs)
        catalog.msgstrs.update(strs)
        for msgid in ids:
            different = {text for text in strs if text != msgid}
            if different:
                catalog.translated.setdefault(msgid, set()).update(different)
        catalog.patterns += [p for p in map(_pattern, ids + strs) if p]
    return catalog


class LeftoverFinder:
    """Checks texts shown in ``language`` against all five catalogs."""

    def __init__(self, language: str, ignored: set[str]) -> None:
        self.language = language
        catalogs = {code: load_catalog(code) for code in LANGUAGES}
        self.current = catalogs[language]
        self.ignored = ignored
        self.foreign: dict[str, str] = {}
        foreign_patterns: list[tuple[str, str]] = []
        for code, catalog in catalogs.items():
            if code == language:
                continue
            for text in catalog.msgstrs - self.current.strings:
                self.foreign.setdefault(text, code)
            foreign_patterns += [(p, code) for p in catalog.patterns if p not in self.current.patterns]
        self._foreign_patterns = [(re.compile(p), code) for p, code in foreign_patterns]
        self._current_pattern = re.compile("|".join(f"(?:{p})" for p in self.current.patterns) or "(?!)")

    def problem(self, text: str) -> str | None:
        """Why ``text`` is a leftover, or None."""
        shown = normalise(text)
        if not shown or shown in self.ignored or shown in self.current.msgstrs:
            return None
        if shown in self.current.translated:
            return f"English, the {self.language} catalog says {sorted(self.current.translated[shown])[0]!r}"
        if shown in self.foreign:
            return f"from the {self.foreign[shown]} catalog"
        if shown in self.current.strings or self._current_pattern.fullmatch(shown):
            return None
        for pattern, code in self._foreign_patterns:
            if pattern.fullmatch(shown):
                return f"matches {pattern.pattern!r} of the {code} catalog"
        return None


def demo_texts(path: Path) -> set[str]:
    """Every text value in the database (names, units, places, titles): demo data, not the app's words."""
    texts: set[str] = set()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in connection.execute(f'SELECT * FROM "{table}"'):  # noqa: S608 - table names from the schema
                texts.update(normalise(value) for value in row if isinstance(value, str) and len(value) < 300)
    return texts


def _model_texts(model: QAbstractItemModel, parent: QModelIndex, budget: list[int], tree: bool) -> list[str]:
    texts = []
    for row in range(model.rowCount(parent)):
        for column in range(_columns(model, parent)):
            if budget[0] <= 0:
                return texts
            budget[0] -= 1
            index = model.index(row, column, parent)
            value = model.data(index, Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str):
                texts.append(value)
            if tree and column == 0 and model.rowCount(index) > 0:
                texts += _model_texts(model, index, budget, tree)
    return texts


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # a list model's columnCount is private to Python
        return 1


def view_texts(view: QAbstractItemView) -> list[str]:
    if isinstance(view, QListWidget):
        return [view.item(row).text() for row in range(min(view.count(), MAX_CELLS)) if not view.isRowHidden(row)]
    model = view.model()
    if model is None:
        return []
    texts = []
    for section in range(_columns(model, QModelIndex())):
        value = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if isinstance(value, str):
            texts.append(value)
    return texts + _model_texts(model, QModelIndex(), [MAX_CELLS], isinstance(view, QTreeView))


def menu_texts(menu: QMenu) -> list[str]:
    texts = [menu.title()]
    for action in menu.actions():
        if action.isSeparator():
            continue
        texts.append(action.text().split("\t")[0])
        if action.menu() is not None:
            texts += menu_texts(action.menu())
    return texts


def visible_texts(window: QWidget) -> list[tuple[str, str]]:
    """(kind, text) for what ``window`` shows now: its title, menus, status bar and every visible widget's text."""
    found: list[tuple[str, str]] = [("window title", window.windowTitle())]
    if hasattr(window, "menuBar"):
        for action in window.menuBar().actions():
            found += [("menu", text) for text in (menu_texts(action.menu()) if action.menu() else [action.text()])]
    if hasattr(window, "statusBar"):
        found.append(("status bar", window.statusBar().currentMessage()))
    for widget in window.findChildren(QWidget):
        if not QWidget.isVisible(widget):  # called on Qt's class: a page may shadow a method with a field
            continue
        if isinstance(widget, QLabel):
            found.append(("label", QLabel.text(widget)))
        elif isinstance(widget, QAbstractButton):
            found.append(("button", QAbstractButton.text(widget)))
        elif isinstance(widget, QGroupBox):
            found.append(("group box", QGroupBox.title(widget)))
        elif isinstance(widget, QTabBar):
            found += [("tab", QTabBar.tabText(widget, i)) for i in range(QTabBar.count(widget))]
        elif isinstance(widget, QComboBox):
            found += [("choice", QComboBox.itemText(widget, i)) for i in range(QComboBox.count(widget))]
        elif isinstance(widget, QLineEdit):
            found.append(("placeholder", QLineEdit.placeholderText(widget)))
        elif isinstance(widget, QListWidget | QAbstractItemView):
            found += [("table", text) for text in view_texts(widget)]
        if isinstance(widget, QAbstractButton) and QWidget.toolTip(widget):
            found.append(("tooltip", QWidget.toolTip(widget)))
    return [(kind, text) for kind, text in found if text and text.strip()]
