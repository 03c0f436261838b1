"""Meetings and notes: pick a reflection group of the chosen cohort, its meetings, and one meeting's editor.

Everything follows ``selection.actor``: the coordinator gets every group but meta only, plus the cohort's
"shareable themes across all groups" (theme texts and counts, never names); a facilitator gets the groups they
facilitate and edits their notes; a participant reads the groups they are a member of. A new actor or cohort
reloads the panel, and nothing shown for the previous profile stays on screen. The panel is built with the
main window, before any database work: the services (SQLAlchemy) are imported when first used.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tillitsleder import clock
from tillitsleder.enums import Role
from tillitsleder.i18n import N_, _, format_date, ngettext
from ui.errors import error_text
from ui.group_notes.meeting_editor import MeetingEditor, access_label
from ui.widgets.keyboard import NEW_KEY, key_for
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.group_notes.meetings import GroupInfo
    from tillitsleder.storage import Database
    from ui.widgets.cohort_picker import CohortSelection


class MeetingsPanel(Retranslating, QWidget):
    """A tab of the Reflection groups area (``tab_title``, ``show_cohort``), or a panel on its own."""

    tab_title = N_("Meetings and notes")

    def __init__(self, selection: CohortSelection, parent=None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.today = today
        self.db: Database | None = None
        self.groups: list[GroupInfo] = []
        self.group_label = QLabel()
        self.group_combo = QComboBox()
        self.group_combo.setMinimumWidth(200)
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
        left_layout.addWidget(self.meeting_list, 1)
        left_layout.addWidget(self.shared_box, 1)
        self.editor = MeetingEditor()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the editor's fields take the focus
        self.scroll.setWidget(self.editor)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.scroll)
        self.splitter.setSizes([230, 770])
        left.setMinimumWidth(160)
        self.splitter.setStretchFactor(1, 1)
        self.message = QLabel()
        self.message.setObjectName("emptyState")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)
        self._group_index = -1  # to go back to when the user keeps unsaved changes
        self.group_combo.currentIndexChanged.connect(self._group_chosen)
        self.meeting_list.currentItemChanged.connect(self._meeting_chosen)
        self.new_button.clicked.connect(lambda: self.may_leave() and self.start_new_meeting())
        key_for(self.new_button, NEW_KEY)
        self.editor.saved.connect(self._after_save)
        self.editor.deleted.connect(lambda: self._show_group())
        self.editor.revertRequested.connect(self._revert)
        self._stale = False
        # A new profile must never see what the previous one had on screen: always reload (and drop edits).
        selection.actorChanged.connect(lambda _actor: self.load())
        self.retranslate()

    def retranslate(self) -> None:
        self.group_label.setText(_("&Group:"))
        self.new_button.setText(_("&New meeting"))
        self.meetings_title.setText(_("Meetings"))
        self.meeting_list.setAccessibleName(_("Meetings"))
        self.shared_box.setTitle(_("Shareable themes across all groups"))
        self.shared_list.setAccessibleName(_("Shareable themes across all groups"))
        self.shared_hint.setText(_("Themes groups chose to share, without names; how many meetings raised each."))
        if self.db is not None:
            self.load()

    # --- loading ----------------------------------------------------------------------------------------------

    def set_database(self, db: Database | None) -> None:
        self.db = db
        self.load()

    def show_cohort(self, db: Database | None, cohort_id: int | None) -> None:
        """The host page's call after the database or cohort changed (the cohort is ``selection.current``)."""
        self.db = db
        self.refresh()

    def refresh(self) -> None:
        """Reload now if shown, else when shown next."""
        if self.isVisible():
            self.load()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.load()

    def may_leave(self) -> bool:
        """True when the editor may show something else: nothing unsaved, or the user saved or discarded it."""
        if not self.editor.is_dirty():
            return True
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            _("Unsaved changes"),
            _("Save the changes to this meeting before you go on?"),
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )
        if answer == buttons.Save:
            return self.editor.save(notify=False)
        return answer == buttons.Discard

    def load(self) -> None:
        """Everything again for the current cohort and profile; the previous profile's view is dropped first."""
        self._stale = False
        self.editor.clear_meeting()
        self.meeting_list.clear()
        self.shared_list.clear()
        self.group_combo.blockSignals(True)
        self.group_combo.clear()
        self.groups = []
        cohort_id, actor = self.selection.current, self.selection.actor
        try:
            if self.db is not None and cohort_id is not None:
                from tillitsleder.group_notes.meetings import list_groups, shareable_themes

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
        self._group_index = self.group_combo.currentIndex()
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

    def _group_chosen(self, index: int) -> None:
        if index == self._group_index:
            return
        if not self.may_leave():
            self.group_combo.blockSignals(True)
            self.group_combo.setCurrentIndex(self._group_index)
            self.group_combo.blockSignals(False)
            return
        self._group_index = index
        self._show_group()

    def _meeting_chosen(self, item: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        if item is not None and not self.may_leave():
            self.meeting_list.blockSignals(True)
            self.meeting_list.setCurrentItem(previous)
            self.meeting_list.blockSignals(False)
            return
        self._open_meeting(item)

    def _show_group(self, select_meeting: int | None = None) -> None:
        group = self.current_group()
        self.meeting_list.blockSignals(True)
        self.meeting_list.clear()
        self.meeting_list.blockSignals(False)
        self.editor.clear_meeting()
        self.new_button.setEnabled(group is not None and group.access.records_meetings)
        self.new_button.setVisible(self.selection.actor.role is not Role.PARTICIPANT)  # participants only read
        self.access_line.setText(access_label(group.access) if group else "")
        if group is None or self.db is None:
            return
        from tillitsleder.group_notes.meetings import list_meetings

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
        from tillitsleder.group_notes.meetings import facilitator_options, load_meeting

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
        from tillitsleder.group_notes.access import GroupAccess
        from tillitsleder.group_notes.meetings import facilitator_options, new_meeting

        group = self.current_group()
        if group is None or self.db is None or group.access is GroupAccess.NONE:
            return
        actor = self.selection.actor
        try:
            view = new_meeting(self.db, actor, group.id, self.today or clock.today())
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
