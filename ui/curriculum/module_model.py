"""``ModuleTableModel``: a programme's modules in curriculum order, reorderable by drag and drop.

The model shows a ``CurriculumView`` from the core and never writes itself: a move (``moveRows``, which a
drop through ``dropMimeData`` ends in) is handed to ``mover(module_id, new_position)``, which the editor turns
into an undoable command; the command writes through the service and the editor then gives the model the
fresh view. The columns are those of the ``MODULES`` list spec, so the table looks and sizes like every
other list of the app (``ListTable`` reads ``model.spec``). It needs no window, so tests drive it directly.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt

from tillitsleder.i18n import _, format_number

if TYPE_CHECKING:
    from tillitsleder.curriculum import CurriculumView, ModuleView
    from tillitsleder.lists.cells import ListShape

MIME_TYPE = "application/x-tillitsleder-module"
ID_ROLE = Qt.ItemDataRole.UserRole
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_NUMERIC = ("position", "semester", "hours")

Index = QModelIndex | QPersistentModelIndex


def plain_hours(hours: Decimal) -> Decimal:
    """12.00 → 12 and 2.50 → 2.5 (never 1E+1)."""
    return hours.quantize(Decimal(1)) if hours == hours.to_integral_value() else hours.normalize()


class ModuleTableModel(QAbstractTableModel):
    """Rows are modules by position; columns follow ``listings.MODULES``."""

    def __init__(self, mover: Callable[[int, int], None] | None = None, parent=None) -> None:
        super().__init__(parent)
        self.mover = mover
        self._view: CurriculumView | None = None
        self._modules: tuple[ModuleView, ...] = ()

    # --- content -------------------------------------------------------------------------------------------

    @property
    def spec(self) -> ListShape:
        """The columns of the ``MODULES`` list (without its SQL, so no SQLAlchemy is loaded for them)."""
        from tillitsleder.first_screen.reader import shape

        return shape("modules")

    @property
    def view(self) -> CurriculumView | None:
        return self._view

    @property
    def total(self) -> int:
        return len(self._modules)

    def set_view(self, view: CurriculumView | None) -> None:
        self.beginResetModel()
        self._view = view
        self._modules = view.modules if view is not None else ()
        self.endResetModel()

    def module(self, row: int) -> ModuleView | None:
        return self._modules[row] if 0 <= row < len(self._modules) else None

    def module_id(self, row: int) -> int | None:
        module = self.module(row)
        return module.id if module is not None else None

    def row_of(self, module_id: int | None) -> int:
        for row, module in enumerate(self._modules):
            if module.id == module_id:
                return row
        return -1

    def retranslate(self) -> None:
        if self.columnCount() == 0:
            return
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._modules:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    # --- Qt model interface --------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._modules)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        # No columns before the first curriculum: the spec (and SQLAlchemy) loads once a database is open.
        return 0 if parent.isValid() or self._view is None else len(self.spec.columns)

    def _key(self, column: int) -> str:
        return self.spec.columns[column].key

    def _text(self, module: ModuleView, key: str) -> str:
        match key:
            case "position":
                return format_number(module.position + 1)
            case "semester":
                return format_number(module.semester_number) if module.semester_number is not None else "–"
            case "title":
                return module.data.title
            case "type":
                return module.data.session_type.label()
            case "hours":
                return format_number(plain_hours(module.data.hours))
            case "required":
                return _("Required") if module.data.required else _("Elective")
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        module = self.module(index.row()) if index.isValid() else None
        if module is None:
            return None
        key = self._key(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(module, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "title":
                return "\n\n".join(part for part in (module.data.title, module.data.description) if part)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if key in _NUMERIC else _LEFT
        if role == ID_ROLE:
            return module.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            key = self._key(section)
            return _("Required/elective") if key == "required" else _(self.spec.columns[section].title)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT
        return None

    # --- moving: drag and drop, and the keyboard through the editor ----------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsDragEnabled if self.mover is not None else base

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802
        import json  # here: only a drag needs it, not the first window

        rows = sorted({index.row() for index in indexes if index.isValid()})
        mime = QMimeData()
        ids = [self.module_id(row) for row in rows[:1]]  # one module at a time: the view selects single rows
        mime.setData(MIME_TYPE, QByteArray(json.dumps(ids).encode()))
        return mime

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:  # noqa: N802
        return self.mover is not None and action == Qt.DropAction.MoveAction and data.hasFormat(MIME_TYPE)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:  # noqa: N802
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        import json

        try:
            ids = json.loads(bytes(data.data(MIME_TYPE).data()).decode())
        except (ValueError, UnicodeDecodeError):
            return False
        source = self.row_of(ids[0]) if ids else -1
        if source < 0:
            return False
        if row < 0 and parent.isValid():  # dropped onto a row: the module takes that row's place
            row = parent.row() + 1 if parent.row() > source else parent.row()
        elif row < 0:  # dropped below the last row
            row = self.rowCount()
        return self.moveRows(QModelIndex(), source, 1, QModelIndex(), row)

    def moveRows(  # noqa: N802
        self, source_parent: Index, source_row: int, count: int, destination_parent: Index, destination_child: int
    ) -> bool:
        """Qt's meaning: move ``count`` rows at ``source_row`` to before ``destination_child``."""
        if self.mover is None or count != 1 or source_parent.isValid() or destination_parent.isValid():
            return False
        module_id = self.module_id(source_row)
        if module_id is None:
            return False
        target = destination_child if destination_child <= source_row else destination_child - 1
        target = max(0, min(target, self.rowCount() - 1))
        if target == source_row:
            return False
        self.mover(module_id, target)
        return True
