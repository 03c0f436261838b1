"""The actions table of a meeting: what the group agreed, who owns it, when it is due, its status and follow-up.

Rows are the actions carried over from earlier meetings (still open, shown first for follow-up and marked with
the date they were agreed) and then this meeting's own. Owner and status are edited with drop-downs (the
delegates below), the due date with Qt's date editor. ``drafts()`` turns the rows back into ``ActionDraft``s.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QWidget

from tillitsleder import clock
from tillitsleder.enums import ActionStatus
from tillitsleder.i18n import N_, _, format_date

if TYPE_CHECKING:
    from tillitsleder.group_notes.meeting_edits import ActionDraft
    from tillitsleder.group_notes.meetings import ActionInfo, Member

Index = QModelIndex | QPersistentModelIndex
DESCRIPTION, OWNER, DUE, STATUS, FOLLOW_UP, AGREED = range(6)
HEADERS = (N_("Action"), N_("Owner"), N_("Due"), N_("Status"), N_("Follow-up"), N_("Agreed"))


@dataclass
class ActionRow:
    description: str
    owner_enrolment_id: int | None
    due_on: date | None
    status: ActionStatus
    follow_up: str
    id: int | None = None
    agreed_on: date | None = None  # set for actions carried over from an earlier meeting

    @classmethod
    def of(cls, info: ActionInfo, *, carried: bool) -> ActionRow:
        return cls(
            info.description, info.owner_enrolment_id, info.due_on, info.status, info.follow_up, info.id,
            info.agreed_on if carried else None,
        )  # fmt: skip


class ActionsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[ActionRow] = []
        self.members: tuple[Member, ...] = ()
        self.editable = False

    def set_actions(
        self, carried: tuple[ActionInfo, ...], own: tuple[ActionInfo, ...], members: tuple[Member, ...], editable: bool
    ) -> None:
        self.beginResetModel()
        self.rows = [ActionRow.of(a, carried=True) for a in carried] + [ActionRow.of(a, carried=False) for a in own]
        self.members, self.editable = members, editable
        self.endResetModel()

    def clear(self) -> None:
        self.set_actions((), (), (), False)

    def add_row(self) -> QModelIndex:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(ActionRow("", None, None, ActionStatus.OPEN, ""))
        self.endInsertRows()
        return self.index(len(self.rows) - 1, DESCRIPTION)

    def remove_row(self, row: int) -> bool:
        """Remove one of this meeting's actions; carried-over ones are closed with a status instead."""
        if not (0 <= row < len(self.rows)) or self.rows[row].agreed_on is not None:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.rows[row]
        self.endRemoveRows()
        return True

    def drafts(self) -> tuple[ActionDraft, ...]:
        from tillitsleder.group_notes.meeting_edits import ActionDraft

        return tuple(
            ActionDraft(r.description, r.owner_enrolment_id, r.due_on, r.status, r.follow_up, r.id) for r in self.rows
        )

    def owner_name(self, enrolment_id: int | None) -> str:
        return next((m.name for m in self.members if m.enrolment_id == enrolment_id), "")

    # --- Qt model ---------------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and row.agreed_on is not None:
            return _("Agreed at the meeting on {date}; shown here for follow-up until done or dropped.").format(
                date=format_date(row.agreed_on)
            )
        return None

    def _display(self, row: ActionRow, column: int) -> str:
        if column == DESCRIPTION:
            return row.description
        if column == OWNER:
            return self.owner_name(row.owner_enrolment_id)
        if column == DUE:
            return format_date(row.due_on) if row.due_on else ""
        if column == STATUS:
            return row.status.label()
        if column == FOLLOW_UP:
            return row.follow_up
        return format_date(row.agreed_on) if row.agreed_on else _("this meeting")

    def _edit_value(self, row: ActionRow, column: int) -> Any:
        if column == DUE:
            return QDate(row.due_on) if row.due_on else QDate(clock.today())
        if column == OWNER:
            return row.owner_enrolment_id
        if column == STATUS:
            return row.status.value
        return self._display(row, column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and index.isValid() and index.column() != AGREED:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not self.editable:
            return False
        row, column = self.rows[index.row()], index.column()
        if column == DESCRIPTION:
            changed = replace(row, description=str(value))
        elif column == OWNER:
            changed = replace(row, owner_enrolment_id=int(value) if value is not None else None)
        elif column == DUE:
            changed = replace(row, due_on=value.toPython() if isinstance(value, QDate) and value.isValid() else None)
        elif column == STATUS:
            changed = replace(row, status=ActionStatus(value))
        elif column == FOLLOW_UP:
            changed = replace(row, follow_up=str(value))
        else:
            return False
        self.rows[index.row()] = changed
        self.dataChanged.emit(index, index)
        return True


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down editor for owner and status cells; the choices come from the model per edit."""

    def __init__(self, choices, parent=None) -> None:
        super().__init__(parent)
        self._choices = choices  # () -> list[tuple[label, value]]

    def createEditor(self, parent: QWidget, option, index: Index) -> QWidget:  # noqa: N802
        combo = QComboBox(parent)
        for label, value in self._choices():
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        position = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(position, 0))

    def setModelData(self, editor: QWidget, model, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def owner_choices(model: ActionsModel) -> list[tuple[str, int | None]]:
    return [(_("(nobody)"), None)] + [(m.name, m.enrolment_id) for m in model.members]


def status_choices() -> list[tuple[str, str]]:
    return [(status.label(), status.value) for status in ActionStatus]
