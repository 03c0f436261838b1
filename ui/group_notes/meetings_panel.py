"""Meetings and notes: pick a reflection group of the chosen cohort, its meetings, and one meeting's editor.

Everything follows ``selection.actor``: the coordinator gets every group but meta only, plus the cohort's
"shareable themes across all groups" (theme texts and counts, never names); a facilitator gets the groups they
facilitate and edits their notes; a participant reads the groups they are a member of. A new actor or cohort
reloads the panel, and nothing shown for the previous profile stays on screen.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tillitsleder.i18n import _, format_date, ngettext
from tillitsleder.services.group_access import GroupAccess
from tillitsleder.services.group_meetings import (
    GroupInfo,
    facilitator_options,
    list_groups,
    list_meetings,
    load_meeting,
    new_meeting,
    shareable_themes,
)
from tillitsleder.storage import Database
from ui.dialogs import error_text
from ui.group_notes.meeting_editor import MeetingEditor, access_label
from ui.widgets.cohort_picker import CohortSelection
from ui.widgets.retranslate import Retranslating


class MeetingsPanel(Retranslating, QWidget):
    def __init__(self, selection: CohortSelection, parent=None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.today = today
        self.db: Database | None = None
        self.groups: list[GroupInfo] = []
        self.group_label = QLabel()
        self.group_combo = QComboBox()
        self.group_combo.setMinimumWidth(260)
        self.group_label.setBuddy(self.group_combo)
        self.new_button = QPushButton()
        self.access_line = QLabel()
        self.access_line.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.group_label)
        top.addWidget(self.group_combo)
        top.addWidget(self.new_button)
        top.addWidget(self.access_line, 1)
        self.meetings_title = QLabel()
        self.meetings_title.setObjectName("panelTitle")
        self.meeting_list = QListWidget()
        self.meeting_list.setObjectName("groupMeetingList")
        self.shared_box = QGroupBox()
        self.shared_box.setObjectName("sharedThemes")
        self.shared_hint = QLabel()
        self.shared_hint.setWordWrap(True)
        self.shared_list = QListWidget()
        shared_layout = QVBoxLayout(self.shared_box)
        shared_layout.addWidget(self.shared_hint)
        shared_layout.addWidget(self.shared_list)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.meetings_title)
        left_layout.addWidget(self.meeting_list, 2)
        left_layout.addWidget(self.shared_box, 1)
        self.editor = MeetingEditor()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.editor)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.scroll)
        self.splitter.setSizes([280, 720])
        self.splitter.setStretchFactor(1, 1)
        self.message = QLabel()
        self.message.setObjectName("emptyState")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)
        self.group_combo.currentIndexChanged.connect(lambda _i: self._show_group())
        self.meeting_list.currentItemChanged.connect(lambda item, _previous: self._open_meeting(item))
        self.new_button.clicked.connect(self.start_new_meeting)
        self.editor.saved.connect(self._after_save)
        self.editor.deleted.connect(lambda: self._show_group())
        self.editor.revertRequested.connect(self._revert)
        selection.actorChanged.connect(lambda _actor: self.load())
        selection.changed.connect(lambda _cohort: self.load())
        self.retranslate()

    def retranslate(self) -> None:
        self.group_label.setText(_("&Group:"))
        self.new_button.setText(_("&New meeting"))
        self.meetings_title.setText(_("Meetings"))
        self.shared_box.setTitle(_("Shareable themes across all groups"))
        self.shared_hint.setText(_("Themes groups chose to share, without names; how many meetings raised each."))
        if self.db is not None:
            self.load()

    # --- loading ----------------------------------------------------------------------------------------------

    def set_database(self, db: Database | None) -> None:
        self.db = db
        self.load()

    def load(self) -> None:
        """Everything again for the current cohort and profile; the previous profile's view is dropped first."""
        self.editor.clear_meeting()
        self.meeting_list.clear()
        self.shared_list.clear()
        self.group_combo.blockSignals(True)
        self.group_combo.clear()
        self.groups = []
        cohort_id, actor = self.selection.current, self.selection.actor
        try:
            if self.db is not None and cohort_id is not None:
                self.groups = list_groups(self.db, actor, cohort_id)
                if actor.is_coordinator:
                    for theme in shareable_themes(self.db, actor, cohort_id):
                        count = ngettext("{n} meeting", "{n} meetings", theme.meetings).format(n=theme.meetings)
                        self.shared_list.addItem(f"{theme.theme} ({count})")
        except Exception as error:  # noqa: BLE001 - said in the panel instead of crashing
            self._say(error_text(error))
        self.shared_box.setVisible(actor.is_coordinator)
        for group in self.groups:
            self.group_combo.addItem(f"{group.name} · {group.round_name}", group.id)
        self.group_combo.blockSignals(False)
        if self.db is None or cohort_id is None:
            self._say(_("There are no cohorts in this database yet."))
        elif not self.groups:
            self._say(_("Your profile has no reflection groups in this cohort."))
        else:
            self._say("")
        self._show_group()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def current_group(self) -> GroupInfo | None:
        index = self.group_combo.currentIndex()
        return self.groups[index] if 0 <= index < len(self.groups) else None

    def _show_group(self, select_meeting: int | None = None) -> None:
        group = self.current_group()
        self.meeting_list.blockSignals(True)
        self.meeting_list.clear()
        self.meeting_list.blockSignals(False)
        self.editor.clear_meeting()
        self.new_button.setEnabled(group is not None and group.access.records_meetings)
        self.access_line.setText(access_label(group.access) if group else "")
        if group is None or self.db is None:
            return
        try:
            meetings = list_meetings(self.db, self.selection.actor, group.id)
        except Exception as error:  # noqa: BLE001
            self._say(error_text(error))
            return
        self.meeting_list.blockSignals(True)
        for row in meetings:
            attended = ngettext("{n} attended", "{n} attended", row.attendees).format(n=row.attendees)
            item = QListWidgetItem(f"{format_date(row.held_on)} · {attended}")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.meeting_list.addItem(item)
        self.meeting_list.blockSignals(False)
        if not meetings:
            return
        ids = [row.id for row in meetings]
        self.meeting_list.setCurrentRow(ids.index(select_meeting) if select_meeting in ids else 0)

    def _open_meeting(self, item: QListWidgetItem | None) -> None:
        group = self.current_group()
        if item is None or group is None or self.db is None:
            self.editor.clear_meeting()
            return
        actor = self.selection.actor
        try:
            view = load_meeting(self.db, actor, int(item.data(Qt.ItemDataRole.UserRole)))
            options = facilitator_options(self.db, actor, group.id)
        except Exception as error:  # noqa: BLE001
            self.editor.clear_meeting()
            self._say(error_text(error))
            return
        self.editor.show_meeting(self.db, actor, view, options)

    def start_new_meeting(self) -> None:
        group = self.current_group()
        if group is None or self.db is None or group.access is GroupAccess.NONE:
            return
        actor = self.selection.actor
        try:
            view = new_meeting(self.db, actor, group.id, self.today or date.today())
            options = facilitator_options(self.db, actor, group.id)
        except Exception as error:  # noqa: BLE001
            self._say(error_text(error))
            return
        self.meeting_list.blockSignals(True)
        self.meeting_list.clearSelection()
        self.meeting_list.setCurrentRow(-1)
        self.meeting_list.blockSignals(False)
        self.editor.show_meeting(self.db, actor, view, options)
        self.editor.date.setFocus()

    def _after_save(self, meeting_id: int) -> None:
        self._show_group(select_meeting=meeting_id)

    def _revert(self) -> None:
        item = self.meeting_list.currentItem()
        if item is not None:
            self._open_meeting(item)
        else:
            self.start_new_meeting()
