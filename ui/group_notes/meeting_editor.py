"""The editor of one group meeting: date, facilitator, who attended, the three steps, themes and actions.

What it shows follows the ``MeetingView`` the services returned for the current profile: the group's
facilitator edits everything; a member reads everything; the coordinator records the date, the facilitator and
who attended, sees the themes the group marked shareable, and is told why the notes are not shown — the note
widgets are then emptied, not just hidden. Saving writes the whole meeting in one call (``save_meeting``).
When the database server cannot be reached, the meeting is kept on this PC, encrypted
(``tillitsleder.group_notes.held_notes``), and saved when the connection is back — or, after a restart, when the
editor shows that meeting again.
The editor is built with the main window, before any database work: the services (SQLAlchemy) are imported
when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tillitsleder.enums import DialogueStep
from tillitsleder.errors import ChangedElsewhere
from tillitsleder.i18n import _
from ui.connection import connection_watch, is_connection_lost, is_down
from ui.curriculum.forms import date_edit
from ui.errors import error_text
from ui.group_notes.actions_model import (
    DESCRIPTION,
    FOLLOW_UP,
    OWNER,
    STATUS,
    ActionsModel,
    ChoiceDelegate,
    owner_choices,
    status_choices,
)
from ui.group_notes.kept_notes import KeptNotes
from ui.group_notes.step_section import StepSection
from ui.operations import Changed, announce
from ui.pages.base import privacy_note
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.keyboard import SAVE_KEY, chain, key_for, leave_by_tab
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.access import Actor
    from tillitsleder.group_notes.access import GroupAccess
    from tillitsleder.group_notes.meeting_edits import MeetingDraft
    from tillitsleder.group_notes.meetings import MeetingView
    from tillitsleder.lookups import Option
    from tillitsleder.storage import Database


class MeetingEditor(KeptNotes, Retranslating, QWidget):
    saved = Signal(int)  # the meeting's id
    deleted = Signal()
    revertRequested = Signal()  # noqa: N815 - Qt naming; show the meeting again as stored

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.actor: Actor | None = None
        self.view: MeetingView | None = None
        self._held_for: tuple[int, int | None] | None = None  # the meeting kept on this PC (server away)
        connection_watch().restored.connect(self._on_connection_back)
        self._as_shown: MeetingDraft | None = None  # to tell whether anything was changed since
        self._facilitators: list[Option] = []  # the facilitator choices shown with the meeting
        self.heading = QLabel()
        self.heading.setObjectName("panelTitle")
        self.date = date_edit()
        self.facilitator = QComboBox()
        self.facilitator.setMinimumWidth(200)
        self.facilitator.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.facilitator.setMinimumContentsLength(16)
        self.date_label, self.facilitator_label = QLabel(), QLabel()
        self.date_label.setBuddy(self.date)
        self.facilitator_label.setBuddy(self.facilitator)
        meta = FlowLayout(spacing=6)  # wraps on a narrow screen instead of widening the editor
        for widget in (self.date_label, self.date, self.facilitator_label, self.facilitator):
            meta.addWidget(widget)
        self.attendance = QGroupBox()
        self.attendance_grid = FlowLayout(self.attendance, spacing=8)  # as many names a line as fit
        self.attendee_boxes: dict[int, QCheckBox] = {}
        self.hidden_note = privacy_note()
        self.themes = QLabel()
        self.themes.setWordWrap(True)
        self.steps = [StepSection(step) for step in DialogueStep]
        self.actions_box = QGroupBox()
        self.actions_hint = QLabel()
        self.actions_hint.setWordWrap(True)
        self.actions = ActionsModel(self)
        self.actions_view = leave_by_tab(QTableView())
        self.actions_view.setObjectName("groupActions")
        self.actions_view.setModel(self.actions)
        self.actions_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.actions_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.actions_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.actions_view.verticalHeader().hide()
        self.actions_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.actions_view.setWordWrap(True)
        header = self.actions_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FOLLOW_UP, QHeaderView.ResizeMode.Stretch)
        self.actions_view.setItemDelegateForColumn(OWNER, ChoiceDelegate(lambda: owner_choices(self.actions), self))
        self.actions_view.setItemDelegateForColumn(STATUS, ChoiceDelegate(status_choices, self))
        self.actions_view.setMinimumHeight(110)
        self.add_action = QPushButton()
        self.remove_action = QPushButton()
        action_buttons = QHBoxLayout()
        action_buttons.addWidget(self.actions_hint, 1)
        action_buttons.addWidget(self.add_action)
        action_buttons.addWidget(self.remove_action)
        actions_layout = QVBoxLayout(self.actions_box)
        actions_layout.addWidget(self.actions_view)
        actions_layout.addLayout(action_buttons)
        self.save_button, self.revert_button, self.delete_button = QPushButton(), QPushButton(), QPushButton()
        self.message = QLabel()
        self.message.setObjectName("warning")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()  # the message above: the buttons always fit
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(meta)
        layout.addWidget(self.attendance)
        layout.addWidget(self.hidden_note)
        layout.addWidget(self.themes)
        for section in self.steps:
            layout.addWidget(section)
        layout.addWidget(self.actions_box)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.add_action.clicked.connect(self._add_action)
        self.remove_action.clicked.connect(self._remove_action)
        self.save_button.clicked.connect(self.save)
        key_for(self.save_button, SAVE_KEY)
        self.revert_button.clicked.connect(self.revertRequested)
        self.delete_button.clicked.connect(self._confirm_delete)
        self.retranslate()
        self.clear_meeting()

    def retranslate(self) -> None:
        self.date_label.setText(_("&Date:"))
        self.facilitator_label.setText(_("Fac&ilitator:"))
        self.attendance.setTitle(_("Who attended"))
        self.hidden_note.setText(
            _(
                "The notes and agreed actions of this meeting are for the group and its facilitator, so your "
                "profile does not see them. You see the date, who attended and the themes the group marked "
                "shareable."
            )
        )
        self.actions_box.setTitle(_("Agreed actions"))
        self.actions_hint.setText(
            _("Open actions from earlier meetings come first, dated under “Agreed”, until they are done or dropped.")
        )
        self.add_action.setText(_("&Add action"))
        self.remove_action.setText(_("&Remove action"))
        self.remove_action.setToolTip(_("Actions from earlier meetings are closed by setting their status."))
        self.save_button.setText(_("&Save meeting"))
        self.revert_button.setText(_("Discard changes"))
        self.delete_button.setText(_("Delete meeting…"))
        self.actions.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.actions.columnCount() - 1)
        self._show_heading_and_themes()

    # --- showing ----------------------------------------------------------------------------------------------

    def show_meeting(self, db: Database, actor: Actor, view: MeetingView, facilitators: list[Option]) -> None:
        self.db, self.actor, self.view = db, actor, view
        self._facilitators = facilitators
        access = view.access
        self.setEnabled(True)
        self.message.clear()
        self.date.setDate(QDate(view.held_on))
        self.facilitator.clear()
        self.facilitator.addItem(_("(none)"), None)
        for option in facilitators:
            self.facilitator.addItem(option.label, option.id)
        self.facilitator.setCurrentIndex(max(self.facilitator.findData(view.facilitator_id), 0))
        self._fill_attendance(view, editable=access.records_meetings)
        records = access.records_meetings
        self.date.setReadOnly(not records)
        self.facilitator.setEnabled(records)
        sees = access.sees_content
        self.hidden_note.setVisible(not sees)
        for section, note in zip(self.steps, view.notes, strict=False):
            section.show_note(note, editable=access.edits_content)
        for section in self.steps:
            section.setVisible(sees)
            if not sees:
                section.clear()
        self.actions_box.setVisible(sees)
        self.actions.set_actions(view.carried_over, view.actions, view.group.members, access.edits_content)
        for button in (self.add_action, self.remove_action):
            button.setVisible(access.edits_content)
        self.save_button.setVisible(records)
        self.revert_button.setVisible(records)
        self.delete_button.setVisible(records and view.id is not None)
        self._show_heading_and_themes()
        self._as_shown = self.draft() if records else None
        if records and not is_down():
            QTimer.singleShot(0, self, self._save_kept_notes)

    def _show_newer(self, refused: ChangedElsewhere) -> None:
        """Show the meeting as someone else saved it meanwhile, with the message saying who and when."""
        from tillitsleder.group_notes.meetings import load_meeting

        assert self.view is not None and self.view.id is not None and self.db is not None and self.actor is not None
        try:
            newer = load_meeting(self.db, self.actor, self.view.id)
        except Exception as error:  # noqa: BLE001 - removed meanwhile, or the database is gone: say so
            self.message.setText(error_text(error))
            return
        self.show_meeting(self.db, self.actor, newer, self._facilitators)
        self.message.setText(error_text(refused))

    def clear_meeting(self) -> None:
        """Nothing chosen: every field emptied and disabled."""
        self.view = None
        self._as_shown = None
        self._fill_attendance(None, editable=False)
        for section in self.steps:
            section.clear()
        self.actions.clear()
        self.themes.clear()
        self.hidden_note.hide()
        self.message.clear()
        self.setEnabled(False)
        self._show_heading_and_themes()

    def _fill_attendance(self, view: MeetingView | None, *, editable: bool) -> None:
        for box in self.attendee_boxes.values():
            self.attendance_grid.removeWidget(box)
            box.deleteLater()
        self.attendee_boxes = {}
        if view is None:
            return
        for member in view.group.members:
            box = QCheckBox(member.name, self.attendance)  # in the window now: its Tab place can be set
            box.setChecked(member.enrolment_id in view.attendee_ids)
            box.setEnabled(editable)
            box.toggled.connect(lambda _checked: self._show_heading_and_themes())
            self.attendee_boxes[member.enrolment_id] = box
            self.attendance_grid.addWidget(box)
            box.show()  # made inside a shown group: shown now, as the layout would
        chain(self.facilitator, *self.attendee_boxes.values())  # read after the date and facilitator, not last

    def _show_heading_and_themes(self) -> None:
        view = self.view
        if view is None:
            self.heading.setText(_("Choose a meeting, or add one."))
            return
        if view.id is None:
            self.heading.setText(_("New meeting of {group}").format(group=view.group.name))
        else:
            self.heading.setText(_("Meeting of {group}").format(group=view.group.name))
        attended = sum(box.isChecked() for box in self.attendee_boxes.values())
        self.attendance.setTitle(_("Who attended ({n} of {total})").format(n=attended, total=len(view.group.members)))
        if view.access.sees_content:
            self.themes.hide()
        else:
            shared = ", ".join(view.shareable_themes) or _("none")
            self.themes.setText(_("Themes the group marked shareable: {themes}").format(themes=shared))
            self.themes.show()

    # --- editing ----------------------------------------------------------------------------------------------

    def draft(self) -> MeetingDraft:
        from tillitsleder.group_notes.meeting_edits import MeetingDraft

        assert self.view is not None
        attendees = tuple(e for e, box in self.attendee_boxes.items() if box.isChecked())
        held_on = self.date.date().toPython() if self.date.date().isValid() else None
        content = self.view.access.edits_content
        return MeetingDraft(
            held_on, attendees, self.facilitator.currentData(),
            notes=tuple(section.draft() for section in self.steps) if content else None,
            actions=self.actions.drafts() if content else None,
            version=self.view.version,
        )  # fmt: skip

    def is_dirty(self) -> bool:
        """Changed since shown, and this profile could save it."""
        if self.view is None or self._as_shown is None:
            return False
        return self.draft() != self._as_shown

    def save(self, *, notify: bool = True) -> bool:
        """Write the meeting; ``saved`` is emitted unless ``notify`` is false (the panel moves on itself)."""
        if self.view is None or self.db is None or self.actor is None:
            return False
        from tillitsleder.group_notes.meeting_edits import save_meeting

        self.actions_view.setCurrentIndex(self.actions_view.currentIndex())  # commit an open cell editor
        group_id, shown_id = self.view.group.id, self.view.id
        try:
            meeting_id = save_meeting(self.db, self.actor, group_id, self.draft(), shown_id)
        except ChangedElsewhere as refused:  # saved elsewhere meanwhile: show the newer meeting, and say so
            self._show_newer(refused)
            return False
        except Exception as error:  # noqa: BLE001 - the refusal is shown beside the buttons
            if is_connection_lost(error):
                return self._keep_here(group_id, shown_id)
            self.message.setText(error_text(error))
            return False
        if self._held_for is not None:
            from tillitsleder.group_notes.held_notes import forget_meeting

            forget_meeting(self.db, self.actor, *self._held_for)
            self._held_for = None
        self.message.clear()
        self._as_shown = None
        announce(Changed.GROUP_NOTES, self)
        if notify:
            self.saved.emit(meeting_id)
        return True

    def _confirm_delete(self) -> None:
        if self.view is None or self.view.id is None:
            return
        answer = QMessageBox.question(
            self,
            _("Delete meeting"),
            _("Delete the meeting on {date} with its notes and actions?").format(date=self.date.text()),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete()

    def delete(self) -> bool:
        from tillitsleder.group_notes.meeting_edits import delete_meeting

        assert self.view is not None and self.view.id is not None and self.db is not None and self.actor is not None
        try:
            delete_meeting(self.db, self.actor, self.view.id)
        except Exception as error:  # noqa: BLE001
            self.message.setText(error_text(error))
            return False
        announce(Changed.GROUP_NOTES, self)
        self.clear_meeting()
        self.deleted.emit()
        return True

    def _add_action(self) -> None:
        index = self.actions.add_row()
        self.actions_view.setCurrentIndex(index)
        self.actions_view.edit(index)

    def _remove_action(self) -> None:
        if not self.actions.remove_row(self.actions_view.currentIndex().row()):
            self.message.setText(_("Choose one of this meeting's actions to remove."))


def access_label(access: GroupAccess) -> str:
    """One sentence on what the current profile may do with the chosen group."""
    from tillitsleder.group_notes.access import GroupAccess

    return {
        GroupAccess.EDIT: _("You facilitate this group: you write its notes and actions."),
        GroupAccess.READ: _("You are a member of this group: you read its notes and actions."),
        GroupAccess.META: _("You see when the group met, who attended and the themes it marked shareable."),
        GroupAccess.NONE: "",
    }[access]
