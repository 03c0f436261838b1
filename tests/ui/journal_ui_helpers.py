"""Shared by the journal and profile UI tests: unlocking demo profiles, reaching the Journal area, reading widgets."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QTextEdit, QWidget
from sqlalchemy import func, select

from tillitsleder import profiles
from tillitsleder.demo.journal import DEMO_PASSPHRASE
from tillitsleder.model import JournalEntry
from tillitsleder.model.enums import Role


def busiest_participant(db) -> profiles.ProfileInfo:
    """The demo participant with the most journal entries."""
    with db.read() as s:
        counts = dict(s.execute(select(JournalEntry.author_id, func.count()).group_by(JournalEntry.author_id)).all())
    return max(profiles.list_profiles(db, role=Role.PARTICIPANT), key=lambda p: (counts.get(p.person_id, 0), -p.id))


def a_coach(db) -> profiles.ProfileInfo:
    """The demo coach with the most entries shared with them."""
    from tillitsleder.journal import shared_with_me as journal_shared

    def shared(info: profiles.ProfileInfo) -> int:
        return len(journal_shared.shared_with_me(db, profiles.unlock(db, info.id, DEMO_PASSPHRASE)))

    return max(profiles.list_profiles(db, role=Role.FACILITATOR), key=shared)


def act_as(window, info: profiles.ProfileInfo) -> profiles.UnlockedProfile:
    me = profiles.unlock(window.db, info.id, DEMO_PASSPHRASE)
    window.profiles.adopt(me)
    return me


def journal_row(window) -> int:
    return window.row_of("JournalPage")


def show_journal(window):
    window.nav.setCurrentRow(journal_row(window))
    return window.page_at(journal_row(window))


def model_texts(model: QAbstractItemModel) -> list[str]:
    root = QModelIndex()
    try:
        columns = model.columnCount(root)
    except TypeError:  # list models keep columnCount private: one column
        columns = 1
    texts = []
    for row in range(model.rowCount(root)):
        for column in range(columns):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.index(row, column).data(role)
                if value is not None:
                    texts.append(str(value))
    texts += [str(model.headerData(column, Qt.Orientation.Horizontal)) for column in range(columns)]
    return texts


def widget_texts(root: QWidget) -> list[str]:
    """Every text a person could see or reach in ``root``'s widget tree (labels, fields, lists, tooltips)."""
    texts = [root.windowTitle(), root.toolTip()]
    for widget in [root, *root.findChildren(QWidget)]:
        texts += [widget.toolTip(), widget.accessibleName(), widget.statusTip()]
        if isinstance(widget, QLabel | QLineEdit):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QTextEdit | QPlainTextEdit):
            texts.append(widget.toPlainText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += model_texts(widget.model())
    return [text for text in texts if text]
